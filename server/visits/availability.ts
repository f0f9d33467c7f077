// Sessions and availability in the prison's timezone, with the short-lived cache of computed answers.
import { gzipSync } from 'node:zlib';
import type { Kysely, KyselyPlugin } from 'kysely';
import type { AppContext, Principal } from '../context.js';
import type { DB, PrisonersTable, SessionTemplatesTable } from '../db.js';
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
  if (templateIds.length === 0) return used;
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
      .select(['slot_id', (eb) => eb.fn.countAll<number>().as('n')])
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
  return used;
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
  const prisoner = await accessiblePrisoner(ctx, p, prisonerId);
  const cache = availabilityCache(ctx.store);
  const range = `${query.type ?? ''}|${query.from}|${query.to}`;
  const key = `${prisoner.id}|${range}`;
  const cached = cache.get(key);
  const now = Date.now();
  if (cached && now - cached.at < AVAILABILITY_CACHE_MS) return cached.answer;
  // The prison's sessions and places are the same for every family asking: computed once per prison and
  // range, then each person's own visits are taken out. An answer is as old as the prison part it came from.
  const prisonKey = `prison:${prisoner.prison_code}|${range}`;
  let prison = prisonCache(ctx.store).get(prisonKey);
  if (!prison || now - prison.at >= AVAILABILITY_CACHE_MS) {
    prison = { at: now, days: await prisonDays(ctx, ctx.store.db, prisoner.prison_code, query) };
    prisonCache(ctx.store).set(prisonKey, prison);
  }
  const own = await ownVisits(ctx.store.db, prisoner.id, query);
  const answer = new CachedJson<AvailabilityDto>(JSON.stringify(forPrisoner(prison.days, own)));
  if (cache.size > 5_000) cache.clear();
  cache.set(key, { at: prison.at, answer });
  return answer;
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
 * that accept it (a month's answer shrinks about tenfold on a family's mobile data), for up to a second, and
 * dropped at once when this process writes anything (`forgetAvailability`). A write on another replica shows
 * within the second.
 */
const AVAILABILITY_CACHE_MS = 1000;
const availabilityCaches = new WeakMap<
  object,
  Map<string, { at: number; answer: CachedJson<AvailabilityDto> }>
>();
const prisonCaches = new WeakMap<object, Map<string, { at: number; days: AvailabilityDto }>>();
function availabilityCache(store: object) {
  let cache = availabilityCaches.get(store);
  if (!cache) availabilityCaches.set(store, (cache = new Map()));
  return cache;
}
function prisonCache(store: object) {
  let cache = prisonCaches.get(store);
  if (!cache) prisonCaches.set(store, (cache = new Map()));
  if (cache.size > 5_000) cache.clear();
  return cache;
}
export function forgetAvailability(store: object): void {
  availabilityCaches.get(store)?.clear();
  prisonCaches.get(store)?.clear();
}
/** A Kysely plugin that forgets cached availability whenever a query other than a SELECT runs. */
export function forgetAvailabilityOnWrite(store: object): KyselyPlugin {
  return {
    transformQuery(args) {
      if (args.node.kind !== 'SelectQueryNode') forgetAvailability(store);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

type Range = { type?: 'video' | 'in-person'; from: string; to: string };

export async function computeAvailability(
  ctx: AppContext,
  db: Kysely<DB>,
  prisoner: PrisonersTable,
  query: Range,
): Promise<AvailabilityDto> {
  const [days, own] = await Promise.all([
    prisonDays(ctx, db, prisoner.prison_code, query),
    ownVisits(db, prisoner.id, query),
  ]);
  return forPrisoner(days, own);
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
): Promise<AvailabilityDto> {
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
  const used = await usedBySlot(
    ctx,
    db,
    usable.map((tpl) => tpl.id),
    query.from,
    query.to,
  );
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
  return { timezone: tz, days };
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
