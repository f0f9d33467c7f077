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
  const key = `${prisoner.id}|${query.type ?? ''}|${query.from}|${query.to}`;
  const cached = cache.get(key);
  const now = Date.now();
  if (cached && now - cached.at < AVAILABILITY_CACHE_MS) return cached.answer;
  const answer = new CachedJson<AvailabilityDto>(
    JSON.stringify(await computeAvailability(ctx, ctx.store.db, prisoner, query)),
  );
  if (cache.size > 5_000) cache.clear();
  cache.set(key, { at: now, answer });
  return answer;
}

/** An answer kept as JSON text, and gzipped once, when a client first accepts that. */
export class CachedJson<T = unknown> {
  /** The type of the value the JSON holds (a phantom: it exists only for the type checker). */
  declare readonly value?: T;
  #gzip?: Uint8Array<ArrayBuffer>;
  constructor(readonly json: string) {}
  get gzip(): Uint8Array<ArrayBuffer> {
    if (!this.#gzip) {
      const zipped = gzipSync(this.json);
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
function availabilityCache(store: object) {
  let cache = availabilityCaches.get(store);
  if (!cache) availabilityCaches.set(store, (cache = new Map()));
  return cache;
}
export function forgetAvailability(store: object): void {
  availabilityCaches.get(store)?.clear();
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

export async function computeAvailability(
  ctx: AppContext,
  db: Kysely<DB>,
  prisoner: PrisonersTable,
  query: { type?: 'video' | 'in-person'; from: string; to: string },
): Promise<AvailabilityDto> {
  const prison = await getPrison(db, prisoner.prison_code);
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
  const [templates, excluded, own] = await Promise.all([
    tq.orderBy('start_time').execute(),
    db
      .selectFrom('excluded_dates')
      .select(['date'])
      .where('prison_code', '=', prison.code)
      .where('date', '>=', query.from)
      .where('date', '<=', query.to)
      .execute(),
    db
      .selectFrom('visits')
      .select(['start_at', 'end_at'])
      .where('prisoner_id', '=', prisoner.id)
      .where('date', '>=', query.from)
      .where('date', '<=', query.to)
      .where('status', 'in', ACTIVE_STATUSES)
      .execute(),
  ]);
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
      if (!templateRunsOn(tpl, date, weekday)) continue;
      const { start, end } = slotTimes(tpl, date, tz);
      // a session that has already started cannot be booked any more (minimum notice 0 allows today)
      if (start <= nowIso) continue;
      // a session this prisoner cannot attend because they already have a visit then
      if (own.some((v) => v.start_at < end && v.end_at > start)) continue;
      const id = `${tpl.id}.${date}`;
      sessions.push({
        id,
        start,
        end,
        type: tpl.type,
        capacity: tpl.capacity,
        remaining: Math.max(0, tpl.capacity - (used.get(id) ?? 0)),
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
