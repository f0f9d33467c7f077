// Sessions and availability in the prison's timezone, with the short-lived cache of computed answers.
import { gzipSync } from 'node:zlib';
import { TableNode, type Kysely, type KyselyPlugin, type RootOperationNode } from 'kysely';
import type { AppContext, Principal } from '../context.js';
import type { DB, PrisonersTable, SessionTemplatesTable, Store } from '../db.js';
import { forbidden, validation } from '../problems.js';
import { addDays, dateIn, dayOfWeek, daysBetween, zonedToUtc } from '../time.js';
import { parseJson } from '../util.js';
import { accessiblePrisoner, ACTIVE_STATUSES, getPrison } from './access.js';
import type { AvailabilityDto, SlotDto } from './dto.js';

export function slotTimes(template: SessionTemplatesTable, date: string, tz: string) {
  return {
    start: zonedToUtc(date, template.start_time, tz).toISOString(),
    end: zonedToUtc(date, template.end_time, tz).toISOString(),
  };
}

export function templateRunsOn(template: SessionTemplatesTable, date: string, weekday = dayOfWeek(date)) {
  return (
    template.active === 1 &&
    template.day_of_week === weekday &&
    template.valid_from <= date &&
    (!template.valid_to || template.valid_to >= date)
  );
}

export function parseSlotId(slotId: string): { templateId: string; date: string } {
  const dot = slotId.lastIndexOf('.');
  return { templateId: slotId.slice(0, dot), date: slotId.slice(dot + 1) };
}

async function usedBySlot(ctx: AppContext, db: Kysely<DB>, templateIds: string[], from: string, to: string) {
  const used = new Map<string, number>();
  // the first of the counted holds to lapse: the counts are good until then
  let firstExpiry: string | undefined;
  if (templateIds.length === 0) return { used, firstExpiry };
  const now = ctx.now().toISOString();
  const [visits, holds] = await Promise.all([
    db
      .selectFrom('visits')
      .select(['slot_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('template_id', 'in', templateIds)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .where('status', 'in', ACTIVE_STATUSES)
      .groupBy('slot_id')
      .execute(),
    db
      .selectFrom('holds')
      .select([
        'slot_id',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.min('expires_at').as('first_expiry'),
      ])
      .where('template_id', 'in', templateIds)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .where('status', '=', 'active')
      .where('expires_at', '>', now)
      .groupBy('slot_id')
      .execute(),
  ]);
  for (const row of [...visits, ...holds])
    used.set(row.slot_id, (used.get(row.slot_id) ?? 0) + Number(row.n));
  for (const { first_expiry } of holds)
    if (first_expiry && (!firstExpiry || first_expiry < firstExpiry)) firstExpiry = first_expiry;
  return { used, firstExpiry };
}

export async function availability(
  ctx: AppContext,
  p: Principal,
  prisonerId: string,
  query: { type?: 'video' | 'in-person'; from: string; to: string },
): Promise<CachedJson<AvailabilityDto>> {
  if (p.role === 'prisoner') throw forbidden();
  if (query.to < query.from)
    throw validation(
      [{ path: 'to', message: 'Must not be before from' }],
      'The date range is back to front.',
    );
  if (daysBetween(query.from, query.to) > 61)
    throw validation(
      [{ path: 'to', message: 'The range may be at most 62 days' }],
      'The date range is too long.',
    );
  const caches = cachesOf(ctx.store);
  // read before anything is looked up: what is computed now is stored under it, so a write that lands
  // meanwhile leaves it behind
  const version = caches.version();
  const prisoner = await allowedPrisoner(ctx, caches, version, p, prisonerId);
  const range = `${query.type ?? ''}|${query.from}|${query.to}`;
  const key = `${prisoner.id}|${range}`;
  const nowMs = ctx.now().getTime();
  const cached = caches.answers.get(key);
  if (cached && caches.fresh(cached, version, nowMs)) return cached.value;
  // The prison's sessions and places are the same for every family asking: computed once per prison and
  // range, then each person's own visits are taken out.
  const prisonKey = `${prisoner.prison_code}|${range}`;
  let prison = caches.prisons.get(prisonKey);
  if (!prison || !caches.fresh(prison, version, nowMs)) {
    const { value, validUntil } = await prisonDays(ctx, ctx.store.db, prisoner.prison_code, query);
    prison = caches.entry(version, nowMs, validUntil, value);
    caches.prisons.set(prisonKey, prison);
  }
  const own = await ownVisits(ctx.store.db, prisoner.id, query);
  const answer = new CachedJson<AvailabilityDto>(JSON.stringify(forPrisoner(prison.value, own)));
  // as good as the prison part it came from (same version, same moments)
  caches.answers.set(key, { ...prison, value: answer });
  return answer;
}

/**
 * The person in prison, if the principal may see their availability (`accessiblePrisoner`), remembered per
 * principal while nothing the decision reads can have changed: only on a store that sees every writer
 * (SQLite), so a link ended anywhere counts at once. Elsewhere it is checked on every request.
 */
async function allowedPrisoner(
  ctx: AppContext,
  caches: AvailabilityCaches,
  version: Version,
  p: Principal,
  prisonerId: string,
): Promise<PrisonersTable> {
  if (!version.exact) return accessiblePrisoner(ctx, p, prisonerId);
  const key = `${p.role}:${p.id}:${p.prisonCode ?? ''}|${prisonerId}`;
  const known = caches.access.get(key);
  if (known && sameVersion(known.version, version)) return known.value;
  const prisoner = await accessiblePrisoner(ctx, p, prisonerId);
  caches.access.set(key, caches.entry(version, -Infinity, Infinity, prisoner));
  return prisoner;
}

/**
 * An answer kept as JSON text encoded as UTF-8 once (sending a string re-measures and re-encodes ~35 KB on
 * every answer), and gzipped once, when a client first accepts that.
 */
export class CachedJson<T = unknown> {
  /** The type of the value the JSON holds (a phantom: it exists only for the type checker). */
  declare readonly value?: T;
  readonly bytes: Uint8Array<ArrayBuffer>;
  #gzip?: Uint8Array<ArrayBuffer>;
  constructor(readonly json: string) {
    this.bytes = new TextEncoder().encode(json);
  }
  get gzip(): Uint8Array<ArrayBuffer> {
    if (!this.#gzip) {
      const zipped = gzipSync(this.bytes);
      this.#gzip = new Uint8Array(zipped.buffer as ArrayBuffer, zipped.byteOffset, zipped.byteLength);
    }
    return this.#gzip;
  }
}

/**
 * Availability is read far more often than it changes (every family opening the calendar, many times), and
 * it is only advice: holds and bookings recheck capacity under a lock. So a computed answer is reused, as
 * its JSON text (serialising a month of sessions costs more than looking it up) and gzipped for the clients
 * that accept it (a month's answer shrinks about tenfold on a family's mobile data), for as long as
 *  - nothing it was computed from has been written: a version counts this process's writes to the tables
 *    availability reads (`forgetAvailabilityOnWrite`, and every transaction once it ends) and, on SQLite,
 *    commits by any other connection (`PRAGMA data_version`);
 *  - the clock (`ctx.now()`) has not reached the moment it would change by itself: a counted hold lapsing,
 *    a listed session starting, the next day in the prison (the booking window moves);
 *  - on PostgreSQL, where another replica's writes cannot be seen, for at most a second.
 */
const REPLICA_LAG_MS = 1000;
/** Entries kept per kind before they are all forgotten (60 days × 2 types × a few thousand people is far less). */
const CACHE_MAX = 5_000;
/** Tables availability (and who may see it) is computed from: a write to any other leaves the cache alone. */
const READ_TABLES = new Set([
  'prisons',
  'prisoners',
  'links',
  'session_templates',
  'excluded_dates',
  'session_blocks',
  'visits',
  'holds',
]);

interface Version {
  /** this process's writes */
  local: number;
  /** other connections' commits (SQLite's data_version) */
  others: number;
  /** whether `others` sees every writer (false: other replicas' writes are unseen) */
  exact: boolean;
}
const sameVersion = (a: Version, b: Version) => a.local === b.local && a.others === b.others;

interface Entry<T> {
  version: Version;
  /** `ctx.now()` ms it was computed at (a clock set back must not reuse it) and at which it changes by itself */
  validFrom: number;
  validUntil: number;
  /** `performance.now()` when computed: how far it may lag another replica's writes (real time) */
  born: number;
  value: T;
}

class AvailabilityCaches {
  local = 0;
  readonly answers = new BoundedMap<Entry<CachedJson<AvailabilityDto>>>();
  readonly prisons = new BoundedMap<Entry<AvailabilityDto>>();
  readonly access = new BoundedMap<Entry<PrisonersTable>>();
  readonly #dataVersion: (() => number) | undefined;
  constructor(store: Store) {
    const statement = store.sqlite?.prepare('PRAGMA data_version');
    this.#dataVersion = statement && (() => (statement.get() as { data_version: number }).data_version);
  }
  version(): Version {
    return { local: this.local, others: this.#dataVersion?.() ?? 0, exact: Boolean(this.#dataVersion) };
  }
  entry<T>(version: Version, validFrom: number, validUntil: number, value: T): Entry<T> {
    return { version, validFrom, validUntil, born: performance.now(), value };
  }
  fresh(entry: Entry<unknown>, version: Version, nowMs: number): boolean {
    return (
      sameVersion(entry.version, version) &&
      entry.validFrom <= nowMs &&
      nowMs < entry.validUntil &&
      (version.exact || performance.now() - entry.born < REPLICA_LAG_MS)
    );
  }
}

class BoundedMap<V> extends Map<string, V> {
  override set(key: string, value: V) {
    if (this.size >= CACHE_MAX && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}

const cachesByStore = new WeakMap<Store, AvailabilityCaches>();
function cachesOf(store: Store) {
  let caches = cachesByStore.get(store);
  if (!caches) cachesByStore.set(store, (caches = new AvailabilityCaches(store)));
  return caches;
}

/** Every cached answer, and who may see it, is out of date (anything may have been written). */
export function forgetAvailability(store: Store): void {
  cachesOf(store).local += 1;
}

/**
 * A Kysely plugin that forgets cached availability when a query writes to a table it is computed from (or to
 * tables it cannot name): before the write, and again once it has run, so an answer computed from what was
 * there before, while the write was under way, is not kept either.
 */
export function forgetAvailabilityOnWrite(store: Store): KyselyPlugin {
  const writes = new WeakSet<object>();
  return {
    transformQuery(args) {
      if (args.node.kind !== 'SelectQueryNode' && writesRead(args.node)) {
        forgetAvailability(store);
        writes.add(args.queryId);
      }
      return args.node;
    },
    transformResult: async (args) => {
      if (writes.has(args.queryId)) forgetAvailability(store);
      return args.result;
    },
  };
}

/** Whether a write may touch a table availability reads (unknown shapes, raw SQL: assume it does). */
function writesRead(node: RootOperationNode): boolean {
  const target =
    node.kind === 'InsertQueryNode'
      ? node.into
      : node.kind === 'UpdateQueryNode'
        ? node.table
        : node.kind === 'DeleteQueryNode' && node.from.froms.length === 1
          ? node.from.froms[0]
          : undefined;
  if (!target || !TableNode.is(target)) return true;
  return READ_TABLES.has(target.table.identifier.name);
}

type Range = { type?: 'video' | 'in-person'; from: string; to: string };

export async function computeAvailability(
  ctx: AppContext,
  db: Kysely<DB>,
  prisoner: PrisonersTable,
  query: Range,
): Promise<AvailabilityDto> {
  const [prison, own] = await Promise.all([
    prisonDays(ctx, db, prisoner.prison_code, query),
    ownVisits(db, prisoner.id, query),
  ]);
  return forPrisoner(prison.value, own);
}

/** The person's own active visits in the range: they cannot attend another session at those times. */
function ownVisits(db: Kysely<DB>, prisonerId: string, query: Range) {
  return db
    .selectFrom('visits')
    .select(['start_at', 'end_at'])
    .where('prisoner_id', '=', prisonerId)
    .where('date', '>=', query.from)
    .where('date', '<=', query.to)
    .where('status', 'in', ACTIVE_STATUSES)
    .execute();
}

/** The prison's days without the sessions that clash with the person's own visits. */
function forPrisoner(prison: AvailabilityDto, own: { start_at: string; end_at: string }[]): AvailabilityDto {
  if (own.length === 0) return prison;
  return {
    timezone: prison.timezone,
    days: prison.days.map((day) => {
      if (day.unavailableReason && day.unavailableReason !== 'no-sessions') return day;
      const sessions = day.sessions.filter(
        (slot) => !own.some((v) => v.start_at < slot.end && v.end_at > slot.start),
      );
      return sessions.length
        ? { date: day.date, sessions }
        : { date: day.date, sessions, unavailableReason: 'no-sessions' };
    }),
  };
}

/** Every bookable session of the prison in the range, with the places left (the same for every family). */
async function prisonDays(
  ctx: AppContext,
  db: Kysely<DB>,
  prisonCode: string,
  query: Range,
): Promise<{ value: AvailabilityDto; validUntil: number }> {
  const prison = await getPrison(db, prisonCode);
  const tz = prison.timezone;
  const today = dateIn(ctx.now(), tz);
  const nowIso = ctx.now().toISOString();
  const windowStart = addDays(today, prison.min_notice_days);
  const windowEnd = addDays(today, prison.max_notice_days);
  const types = parseJson<string[]>(prison.visit_types, []);
  let tq = db
    .selectFrom('session_templates')
    .selectAll()
    .where('prison_code', '=', prison.code)
    .where('active', '=', 1);
  if (query.type) tq = tq.where('type', '=', query.type);
  const [templates, excluded, blocks] = await Promise.all([
    tq.orderBy('start_time').execute(),
    db
      .selectFrom('excluded_dates')
      .select(['date'])
      .where('prison_code', '=', prison.code)
      .where('date', '>=', query.from)
      .where('date', '<=', query.to)
      .execute(),
    // sessions blocked for one date (a reported `session-blocked` fact, server/prison-events.ts)
    db
      .selectFrom('session_blocks')
      .select(['template_id', 'date'])
      .where('prison_code', '=', prison.code)
      .where('date', '>=', query.from)
      .where('date', '<=', query.to)
      .execute(),
  ]);
  const blocked = new Set(blocks.map((b) => `${b.template_id}.${b.date}`));
  const usable = templates.filter((tpl) => types.includes(tpl.type));
  const { used, firstExpiry } = await usedBySlot(
    ctx,
    db,
    usable.map((tpl) => tpl.id),
    query.from,
    query.to,
  );
  // The answer changes by itself when the prison's next day begins (the booking window moves), when a
  // counted hold lapses, and when a listed session starts (it is no longer offered).
  let validUntil = zonedToUtc(addDays(today, 1), '00:00', tz).getTime();
  if (firstExpiry) validUntil = Math.min(validUntil, Date.parse(firstExpiry));
  const excludedSet = new Set(excluded.map((e) => e.date));
  const days: AvailabilityDto['days'] = [];
  const span = daysBetween(query.from, query.to);
  for (let i = 0; i <= span; i++) {
    const date = addDays(query.from, i);
    if (excludedSet.has(date)) {
      days.push({ date, sessions: [], unavailableReason: 'excluded' });
      continue;
    }
    if (date < windowStart || date > windowEnd) {
      days.push({ date, sessions: [], unavailableReason: 'outside-window' });
      continue;
    }
    const sessions: SlotDto[] = [];
    const weekday = dayOfWeek(date);
    for (const tpl of usable) {
      if (!templateRunsOn(tpl, date, weekday) || blocked.has(`${tpl.id}.${date}`)) continue;
      const { start, end } = slotTimes(tpl, date, tz);
      // a session that has already started cannot be booked any more (minimum notice 0 allows today)
      if (start <= nowIso) continue;
      const id = `${tpl.id}.${date}`;
      validUntil = Math.min(validUntil, Date.parse(start));
      sessions.push({
        id,
        start,
        end,
        type: tpl.type,
        capacity: tpl.capacity,
        remaining: Math.max(0, tpl.capacity - (used.get(id) ?? 0)),
        ...(tpl.legal === 1 ? { legal: true } : {}),
      });
    }
    days.push(sessions.length ? { date, sessions } : { date, sessions, unavailableReason: 'no-sessions' });
  }
  return { value: { timezone: tz, days }, validUntil };
}

/** The nearest (by start time) sessions with room left, for a slot-unavailable answer. */
export async function alternatives(
  ctx: AppContext,
  prisoner: PrisonersTable,
  slotId: string,
  type: 'video' | 'in-person',
) {
  const { date } = parseSlotId(slotId);
  const prison = await getPrison(ctx.store.db, prisoner.prison_code);
  const today = dateIn(ctx.now(), prison.timezone);
  let from = addDays(date, -14);
  if (from < today) from = today;
  const to = addDays(from, 42);
  const { days } = await computeAvailability(ctx, ctx.store.db, prisoner, { type, from, to });
  const target = Date.parse(`${date}T12:00:00Z`);
  return days
    .flatMap((d) => d.sessions)
    .filter((s) => s.remaining > 0 && s.id !== slotId)
    .sort((a, b) => Math.abs(Date.parse(a.start) - target) - Math.abs(Date.parse(b.start) - target))
    .slice(0, 3);
}
