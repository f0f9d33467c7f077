// Visits: DTOs, availability in the prison's timezone, holds, bookings, change, cancel, allowance, calendar.
import { gzipSync } from 'node:zlib';
import ical from 'ical-generator';
import type { Kysely, KyselyPlugin } from 'kysely';
import type { AppContext, Principal } from './context.js';
import type {
  CallsTable,
  DB,
  PrisonersTable,
  PrisonsTable,
  SessionTemplatesTable,
  VisitsTable,
} from './db.js';
import { t, when } from './messages.js';
import { ApiError, forbidden, notFound, validation } from './problems.js';
import { addDays, ageOn, dateIn, dayOfWeek, daysBetween, zonedToUtc } from './time.js';
import { pushToConsoles } from './staff.js';
import { approvalsChanged, audit, isReference, newId, newReference, parseJson } from './util.js';

export const HOLD_MINUTES = 10;
export const WAITING_ROOM_OPENS_MINUTES = 15;
const ACTIVE_STATUSES = ['booked', 'requested'] as const;

export interface SlotDto {
  id: string;
  start: string;
  end: string;
  type: 'video' | 'in-person';
  capacity: number;
  remaining: number;
}

// ---------- DTOs ----------

export function prisonDto(p: PrisonsTable) {
  return {
    code: p.code,
    name: p.name,
    timezone: p.timezone,
    visitTypes: parseJson<('video' | 'in-person')[]>(p.visit_types, []),
    limits: {
      maxTotalVisitors: p.max_total,
      maxAdultVisitors: p.max_adults,
      maxChildVisitors: p.max_children,
      adultAgeYears: p.adult_age,
    },
    bookingWindow: { minNoticeDays: p.min_notice_days, maxNoticeDays: p.max_notice_days },
  };
}

export type VisitDto = Awaited<ReturnType<typeof loadVisitDtos>>[number];

export async function loadVisitDtos(db: Kysely<DB>, visits: VisitsTable[]) {
  if (visits.length === 0) return [];
  const ids = visits.map((v) => v.id);
  const [visitors, prisons, prisoners, calls] = await Promise.all([
    db.selectFrom('visit_visitors').selectAll().where('visit_id', 'in', ids).execute(),
    db
      .selectFrom('prisons')
      .selectAll()
      .where('code', 'in', [...new Set(visits.map((v) => v.prison_code))])
      .execute(),
    db
      .selectFrom('prisoners')
      .select(['id', 'first_name', 'last_name'])
      .where('id', 'in', [...new Set(visits.map((v) => v.prisoner_id))])
      .execute(),
    db.selectFrom('calls').select(['visit_id', 'opens_at', 'ends_at']).where('visit_id', 'in', ids).execute(),
  ]);
  const prisonBy = new Map(prisons.map((p) => [p.code, p]));
  const prisonerBy = new Map(prisoners.map((p) => [p.id, p]));
  const callBy = new Map(calls.map((c) => [c.visit_id, c]));
  return visits.map((v) => {
    const prison = prisonBy.get(v.prison_code)!;
    const prisoner = prisonerBy.get(v.prisoner_id);
    const call = callBy.get(v.id);
    const cancellation = parseJson<{ reason: string; note?: string; at: string } | null>(
      v.cancellation,
      null,
    );
    const outcome = parseJson<{
      outcome: 'completed' | 'visitor-no-show' | 'prisoner-no-show' | 'terminated' | 'technical-failure';
      notes?: string;
      at: string;
      by: string;
    } | null>(v.outcome, null);
    return {
      id: v.id,
      reference: v.reference,
      type: v.type,
      status: v.status,
      subStatus: v.sub_status,
      start: v.start_at,
      end: v.end_at,
      prison: { code: prison.code, name: prison.name, timezone: prison.timezone },
      prisoner: {
        id: v.prisoner_id,
        firstName: prisoner?.first_name ?? '',
        lastName: prisoner?.last_name ?? '',
      },
      visitors: visitors
        .filter((r) => r.visit_id === v.id)
        .sort((a, b) => b.lead - a.lead || a.first_name.localeCompare(b.first_name))
        .map((r) => ({
          id: r.visitor_id,
          firstName: r.first_name,
          lastName: r.last_name,
          dateOfBirth: r.date_of_birth,
          age: ageOn(r.date_of_birth, v.date),
          lead: r.lead === 1,
        })),
      ...(v.support_needs ? { supportNeeds: v.support_needs } : {}),
      contact: parseJson<{ email?: string; phone?: string; welshUpdates?: boolean }>(v.contact, {}),
      ...(cancellation ? { cancellation } : {}),
      ...(outcome ? { outcome } : {}),
      ...(call ? { call: { opensAt: call.opens_at, endsAt: call.ends_at } } : {}),
    };
  });
}

export async function visitDto(db: Kysely<DB>, visit: VisitsTable) {
  return (await loadVisitDtos(db, [visit]))[0]!;
}

// ---------- access ----------

export async function findVisit(db: Kysely<DB>, idOrReference: string): Promise<VisitsTable | undefined> {
  if (idOrReference.length > 64) return undefined;
  const column = isReference(idOrReference) ? 'reference' : 'id';
  return db.selectFrom('visits').selectAll().where(column, '=', idOrReference).executeTakeFirst();
}

export function canSeeVisit(
  p: Principal,
  v: Pick<VisitsTable, 'lead_user_id' | 'prisoner_id' | 'prison_code'>,
) {
  if (p.role === 'visitor') return v.lead_user_id === p.id;
  if (p.role === 'prisoner') return v.prisoner_id === p.prisonerId;
  return v.prison_code === p.prisonCode;
}

/** The visit if the principal may see it; otherwise not-found (no hint that it exists). */
export async function visibleVisit(ctx: AppContext, p: Principal, idOrReference: string) {
  const v = await findVisit(ctx.store.db, idOrReference);
  if (!v || !canSeeVisit(p, v)) throw notFound('That visit');
  return v;
}

/** The approved link between a visitor and a prisoner, or a problem that says why not. */
export async function approvedLink(db: Kysely<DB>, userId: string, prisonerId: string) {
  const links = await db
    .selectFrom('links')
    .selectAll()
    .where('user_id', '=', userId)
    .where('prisoner_id', '=', prisonerId)
    .execute();
  const approved = links.find((l) => l.status === 'approved');
  if (approved) return approved;
  if (links.some((l) => l.status === 'requested'))
    throw new ApiError(403, 'link-pending', 'The prison has not approved your link to this person yet.');
  throw notFound('That person');
}

/** Prisoner a principal may act for (visitor: approved link; staff: same prison; device: itself). */
export async function accessiblePrisoner(ctx: AppContext, p: Principal, prisonerId: string) {
  const prisoner = await ctx.store.db
    .selectFrom('prisoners')
    .selectAll()
    .where('id', '=', prisonerId)
    .executeTakeFirst();
  if (!prisoner) throw notFound('That person');
  if (p.role === 'staff' && prisoner.prison_code !== p.prisonCode) throw notFound('That person');
  if (p.role === 'prisoner' && prisoner.id !== p.prisonerId) throw notFound('That person');
  if (p.role === 'visitor') await approvedLink(ctx.store.db, p.id, prisonerId);
  return prisoner;
}

export async function getPrison(db: Kysely<DB>, code: string) {
  const prison = await db.selectFrom('prisons').selectAll().where('code', '=', code).executeTakeFirst();
  if (!prison) throw notFound('That prison');
  return prison;
}

// ---------- allowance ----------

/** Rolls the allowance period forward when it has ended; returns the current row values. */
export async function refreshAllowance(
  ctx: AppContext,
  db: Kysely<DB>,
  prisoner: PrisonersTable,
  tz: string,
) {
  const today = dateIn(ctx.now(), tz);
  if (prisoner.period_ends >= today) return prisoner;
  let ends = prisoner.period_ends;
  for (let i = 0; i < 1000 && ends < today; i++) ends = addDays(ends, prisoner.allowance_period_days);
  await db
    .updateTable('prisoners')
    .set({ allowance_remaining: prisoner.allowance_per_period, period_ends: ends })
    .where('id', '=', prisoner.id)
    .where('period_ends', '=', prisoner.period_ends)
    .execute();
  return { ...prisoner, allowance_remaining: prisoner.allowance_per_period, period_ends: ends };
}

export async function allowance(ctx: AppContext, p: Principal, prisonerId: string) {
  if (p.role === 'prisoner') throw forbidden();
  const prisoner = await accessiblePrisoner(ctx, p, prisonerId);
  const prison = await getPrison(ctx.store.db, prisoner.prison_code);
  const current = await refreshAllowance(ctx, ctx.store.db, prisoner, prison.timezone);
  return {
    remaining: current.allowance_remaining,
    periodEnds: current.period_ends,
    nextAllocation: addDays(current.period_ends, 1),
  };
}

// ---------- slots and availability ----------

export function slotTimes(template: SessionTemplatesTable, date: string, tz: string) {
  return {
    start: zonedToUtc(date, template.start_time, tz).toISOString(),
    end: zonedToUtc(date, template.end_time, tz).toISOString(),
  };
}

function templateRunsOn(template: SessionTemplatesTable, date: string, weekday = dayOfWeek(date)) {
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
) {
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
  const answer = new CachedJson(
    JSON.stringify(await computeAvailability(ctx, ctx.store.db, prisoner, query)),
  );
  if (cache.size > 5_000) cache.clear();
  cache.set(key, { at: now, answer });
  return answer;
}

/** An answer kept as JSON text, and gzipped once, when a client first accepts that. */
export class CachedJson {
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
const availabilityCaches = new WeakMap<object, Map<string, { at: number; answer: CachedJson }>>();
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
) {
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
  const days: {
    date: string;
    sessions: SlotDto[];
    unavailableReason?: 'excluded' | 'outside-window' | 'no-sessions';
  }[] = [];
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
async function alternatives(
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

// ---------- holds ----------

const slotUnavailable = (extra: Record<string, unknown> = {}) =>
  new ApiError(409, 'slot-unavailable', 'That session is full or no longer available.', extra);

/** Locks the template row on PostgreSQL (SQLite's BEGIN IMMEDIATE already serialises writers). */
async function lockTemplate(ctx: AppContext, db: Kysely<DB>, templateId: string) {
  let q = db.selectFrom('session_templates').selectAll().where('id', '=', templateId);
  if (ctx.store.kind === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function createHold(
  ctx: AppContext,
  p: Principal,
  input: { prisonerId: string; slotId: string },
) {
  const prisoner = await accessiblePrisoner(ctx, p, input.prisonerId);
  const link = await approvedLink(ctx.store.db, p.id, prisoner.id);
  const prison = await getPrison(ctx.store.db, prisoner.prison_code);
  const { templateId, date } = parseSlotId(input.slotId);
  const today = dateIn(ctx.now(), prison.timezone);
  if (link.banned_until && link.banned_until >= date)
    throw new ApiError(403, 'forbidden', `You cannot book visits until after ${link.banned_until}.`);
  let type: 'video' | 'in-person' = 'video';
  try {
    return await ctx.store.tx(async (trx) => {
      const tpl = await lockTemplate(ctx, trx, templateId);
      if (!tpl || tpl.prison_code !== prisoner.prison_code) throw notFound('That session');
      type = tpl.type;
      const excluded = await trx
        .selectFrom('excluded_dates')
        .select('date')
        .where('prison_code', '=', prison.code)
        .where('date', '=', date)
        .executeTakeFirst();
      if (
        !templateRunsOn(tpl, date) ||
        excluded ||
        date < addDays(today, prison.min_notice_days) ||
        date > addDays(today, prison.max_notice_days) ||
        !parseJson<string[]>(prison.visit_types, []).includes(tpl.type)
      )
        throw slotUnavailable();
      const now = ctx.now();
      const nowIso = now.toISOString();
      const { start, end } = slotTimes(tpl, date, prison.timezone);
      if (start <= nowIso) throw slotUnavailable();
      const clash = await trx
        .selectFrom('visits')
        .select('id')
        .where('prisoner_id', '=', prisoner.id)
        .where('status', 'in', ACTIVE_STATUSES)
        .where('start_at', '<', end)
        .where('end_at', '>', start)
        .executeTakeFirst();
      if (clash) throw slotUnavailable();
      // one active hold per visitor: a new one releases the old
      await trx
        .updateTable('holds')
        .set({ status: 'released' })
        .where('user_id', '=', p.id)
        .where('status', '=', 'active')
        .execute();
      // Booked visits and live holds counted in one statement: one snapshot, even under READ COMMITTED.
      const taken = await trx
        .selectNoFrom((eb) => [
          eb
            .selectFrom('visits')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .where('slot_id', '=', input.slotId)
            .where('status', 'in', ACTIVE_STATUSES)
            .as('visits'),
          eb
            .selectFrom('holds')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .where('slot_id', '=', input.slotId)
            .where('status', '=', 'active')
            .where('expires_at', '>', nowIso)
            .as('holds'),
        ])
        .executeTakeFirstOrThrow();
      if (Number(taken.visits) + Number(taken.holds) >= tpl.capacity) throw slotUnavailable();
      const hold = {
        id: newId(),
        user_id: p.id,
        prisoner_id: prisoner.id,
        template_id: tpl.id,
        slot_id: input.slotId,
        date,
        type: tpl.type,
        start_at: start,
        end_at: end,
        expires_at: new Date(now.getTime() + HOLD_MINUTES * 60_000).toISOString(),
        status: 'active' as const,
        created_at: nowIso,
      };
      await trx.insertInto('holds').values(hold).execute();
      return { id: hold.id, slotId: hold.slot_id, start, end, expiresAt: hold.expires_at };
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'slot-unavailable')
      throw slotUnavailable({ alternatives: await alternatives(ctx, prisoner, input.slotId, type) });
    throw error;
  }
}

export async function releaseHold(ctx: AppContext, p: Principal, holdId: string) {
  const updated = await ctx.store.db
    .updateTable('holds')
    .set({ status: 'released' })
    .where('id', '=', holdId)
    .where('user_id', '=', p.id)
    .where('status', '=', 'active')
    .returning('id')
    .executeTakeFirst();
  if (!updated) {
    const exists = await ctx.store.db
      .selectFrom('holds')
      .select('id')
      .where('id', '=', holdId)
      .where('user_id', '=', p.id)
      .executeTakeFirst();
    if (!exists) throw notFound('That hold');
  }
}

/** Claims an active, unexpired hold of this visitor (atomically: a hold is used once). */
async function claimHold(ctx: AppContext, trx: Kysely<DB>, p: Principal, holdId: string) {
  const hold = await trx
    .selectFrom('holds')
    .selectAll()
    .where('id', '=', holdId)
    .where('user_id', '=', p.id)
    .executeTakeFirst();
  if (!hold) throw notFound('That hold');
  // Every writer that changes a session's places locks its template first (PostgreSQL; SQLite serialises
  // writers anyway), so a hold being counted never misses a booking committing in between.
  await lockTemplate(ctx, trx, hold.template_id);
  const nowIso = ctx.now().toISOString();
  if (hold.status !== 'active' || hold.expires_at <= nowIso)
    throw new ApiError(
      409,
      'hold-expired',
      'The hold on that session has expired or was released. Choose again.',
    );
  return hold;
}
async function consumeHold(ctx: AppContext, trx: Kysely<DB>, holdId: string) {
  const done = await trx
    .updateTable('holds')
    .set({ status: 'consumed' })
    .where('id', '=', holdId)
    .where('status', '=', 'active')
    .where('expires_at', '>', ctx.now().toISOString())
    .returning('id')
    .executeTakeFirst();
  if (!done) throw new ApiError(409, 'hold-expired', 'The hold on that session has expired or was released.');
}

// ---------- bookings ----------

interface BookingInput {
  holdId: string;
  visitorIds: string[];
  supportNeeds?: string | undefined;
  contact: { email?: string | undefined; phone?: string | undefined; welshUpdates?: boolean | undefined };
}

export async function createBooking(ctx: AppContext, p: Principal, input: BookingInput) {
  if (new Set(input.visitorIds).size !== input.visitorIds.length)
    throw validation([{ path: 'visitorIds', message: 'Each visitor may be listed once' }]);
  const user = await ctx.store.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', p.id)
    .executeTakeFirstOrThrow();
  const visit = await ctx.store.tx(async (trx) => {
    const hold = await claimHold(ctx, trx, p, input.holdId);
    const prisoner = await trx
      .selectFrom('prisoners')
      .selectAll()
      .where('id', '=', hold.prisoner_id)
      .executeTakeFirstOrThrow();
    const prison = await getPrison(trx, prisoner.prison_code);
    const link = await approvedLink(trx, p.id, prisoner.id);
    const people = await checkVisitors(trx, user, link.id, input.visitorIds, prison, hold.date);
    const current = await refreshAllowance(ctx, trx, prisoner, prison.timezone);
    if (current.allowance_remaining <= 0)
      throw new ApiError(422, 'no-allowance', `No visits left until ${addDays(current.period_ends, 1)}.`, {
        nextAllocation: addDays(current.period_ends, 1),
      });
    const consumed = await trx
      .updateTable('prisoners')
      .set((eb) => ({ allowance_remaining: eb('allowance_remaining', '-', 1) }))
      .where('id', '=', prisoner.id)
      .where('allowance_remaining', '>', 0)
      .returning('id')
      .executeTakeFirst();
    if (!consumed) throw new ApiError(422, 'no-allowance', 'No visits left in this period.');
    await consumeHold(ctx, trx, hold.id);
    const review =
      prisoner.review_required === 1 ||
      (hold.type === 'in-person' && (prisoner.closed_visits === 1 || link.closed_visits === 1));
    const nowIso = ctx.now().toISOString();
    const row: VisitsTable = {
      id: newId(),
      reference: await uniqueReference(trx),
      prisoner_id: prisoner.id,
      prison_code: prison.code,
      template_id: hold.template_id,
      slot_id: hold.slot_id,
      date: hold.date,
      type: hold.type,
      start_at: hold.start_at,
      end_at: hold.end_at,
      status: review ? 'requested' : 'booked',
      sub_status: review ? 'REQUESTED' : 'AUTO_APPROVED',
      lead_user_id: p.id,
      link_id: link.id,
      support_needs: input.supportNeeds || null,
      contact: JSON.stringify(cleanContact(input.contact)),
      cancellation: null,
      outcome: null,
      created_at: nowIso,
      updated_at: nowIso,
      reminded_at: null,
    };
    await trx.insertInto('visits').values(row).execute();
    await trx
      .insertInto('visit_visitors')
      .values(
        people.map((v) => ({
          visit_id: row.id,
          visitor_id: v.id,
          first_name: v.firstName,
          last_name: v.lastName,
          date_of_birth: v.dateOfBirth,
          relationship: v.relationship,
          lead: v.lead ? 1 : 0,
        })),
      )
      .execute();
    if (row.type === 'video') await trx.insertInto('calls').values(newCallRow(ctx, row)).execute();
    await audit(ctx, trx, {
      actor: p,
      action: review ? 'visit.requested' : 'visit.booked',
      subject: `visit:${row.id}`,
      visitId: row.id,
      prisonCode: prison.code,
      details: { reference: row.reference, slotId: row.slot_id, visitors: people.length },
    });
    return row;
  });
  const dto = await visitDto(ctx.store.db, visit);
  await notify(ctx, dto, user, visit.status === 'requested' ? 'requested' : 'booked');
  await pushToConsoles(ctx, visit);
  if (visit.status === 'requested')
    approvalsChanged(ctx, visit.prison_code, { kind: 'booking', id: visit.id, status: 'requested' });
  return dto;
}

function cleanContact(contact: BookingInput['contact']) {
  const out: { email?: string; phone?: string; welshUpdates?: boolean } = {};
  if (contact.email) out.email = contact.email.toLowerCase();
  if (contact.phone) out.phone = contact.phone;
  if (contact.welshUpdates !== undefined) out.welshUpdates = contact.welshUpdates;
  return out;
}

export function newCallRow(
  ctx: AppContext,
  v: Pick<VisitsTable, 'id' | 'prison_code' | 'start_at' | 'end_at'>,
): CallsTable {
  return {
    visit_id: v.id,
    prison_code: v.prison_code,
    room: `visit-${v.id}`,
    status: 'idle',
    opens_at: new Date(Date.parse(v.start_at) - WAITING_ROOM_OPENS_MINUTES * 60_000).toISOString(),
    starts_at: v.start_at,
    ends_at: v.end_at,
    scheduled_ends_at: v.end_at,
    credited_seconds: 0,
    knocked_at: null,
    prisoner_knocked_at: null,
    admitted_at: null,
    deny_reason: null,
    deny_note: null,
    end_reason: null,
    end_note: null,
    staff_reason: null,
    ended_at: null,
    room_closed: 0,
    warnings: '[]',
    credit_covered_until: null,
    updated_at: ctx.now().toISOString(),
  };
}

export async function uniqueReference(db: Kysely<DB>): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const reference = newReference();
    const taken = await db
      .selectFrom('visits')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirst();
    if (!taken) return reference;
  }
  throw new Error('could not allocate a reference');
}

interface Person {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  relationship: string | null;
  lead: boolean;
}

async function checkVisitors(
  db: Kysely<DB>,
  user: { id: string; first_name: string | null; last_name: string | null; date_of_birth: string | null },
  linkId: string,
  visitorIds: string[],
  prison: PrisonsTable,
  date: string,
): Promise<Person[]> {
  const rows = await db.selectFrom('link_visitors').selectAll().where('link_id', '=', linkId).execute();
  const errors: { path: string; message: string }[] = [];
  const people: Person[] = [];
  visitorIds.forEach((id, i) => {
    if (id === user.id) {
      if (!user.first_name || !user.last_name || !user.date_of_birth) {
        errors.push({
          path: `visitorIds.${i}`,
          message: 'Add your name and date of birth to your profile first',
        });
        return;
      }
      people.push({
        id,
        firstName: user.first_name,
        lastName: user.last_name,
        dateOfBirth: user.date_of_birth,
        relationship: null,
        lead: true,
      });
      return;
    }
    const row = rows.find((r) => r.id === id);
    if (!row || row.status !== 'approved') {
      errors.push({ path: `visitorIds.${i}`, message: 'Not an approved visitor for this person' });
      return;
    }
    if (row.banned_until && row.banned_until >= date) {
      errors.push({ path: `visitorIds.${i}`, message: `Banned from visiting until ${row.banned_until}` });
      return;
    }
    people.push({
      id,
      firstName: row.first_name,
      lastName: row.last_name,
      dateOfBirth: row.date_of_birth,
      relationship: row.relationship,
      lead: false,
    });
  });
  if (errors.length)
    throw new ApiError(422, 'visitor-limits', 'Some visitors cannot come on this visit.', { errors });
  const adults = people.filter((v) => ageOn(v.dateOfBirth, date) >= prison.adult_age).length;
  const children = people.length - adults;
  const limitErrors: { path: string; message: string }[] = [];
  if (adults < 1)
    limitErrors.push({
      path: 'visitorIds',
      message: `At least one visitor must be ${prison.adult_age} or over`,
    });
  if (people.length > prison.max_total)
    limitErrors.push({ path: 'visitorIds', message: `At most ${prison.max_total} visitors` });
  if (adults > prison.max_adults)
    limitErrors.push({ path: 'visitorIds', message: `At most ${prison.max_adults} adults` });
  if (children > prison.max_children)
    limitErrors.push({ path: 'visitorIds', message: `At most ${prison.max_children} children` });
  if (limitErrors.length)
    throw new ApiError(422, 'visitor-limits', 'The visitors do not meet this prison’s rules.', {
      errors: limitErrors,
    });
  return people;
}

// ---------- list, change, cancel ----------

export async function listVisits(ctx: AppContext, p: Principal, scope: 'upcoming' | 'past' | 'cancelled') {
  if (p.role === 'staff') throw forbidden('Staff use /staff/visits.');
  const nowIso = ctx.now().toISOString();
  let q = ctx.store.db.selectFrom('visits').selectAll();
  q = p.role === 'visitor' ? q.where('lead_user_id', '=', p.id) : q.where('prisoner_id', '=', p.prisonerId!);
  if (scope === 'cancelled') q = q.where('status', '=', 'cancelled').orderBy('start_at', 'desc');
  else if (scope === 'upcoming')
    q = q.where('status', 'in', ACTIVE_STATUSES).where('end_at', '>', nowIso).orderBy('start_at', 'asc');
  else
    q = q
      .where((eb) =>
        eb.or([
          eb('status', '=', 'completed'),
          eb.and([eb('status', 'in', ACTIVE_STATUSES), eb('end_at', '<=', nowIso)]),
        ]),
      )
      .orderBy('start_at', 'desc');
  return loadVisitDtos(ctx.store.db, await q.limit(200).execute());
}

export async function changeVisit(ctx: AppContext, p: Principal, visitId: string, holdId: string) {
  const existing = await visibleVisit(ctx, p, visitId);
  if (p.role !== 'visitor') throw forbidden('Only the person who booked can change a visit.');
  const user = await ctx.store.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', p.id)
    .executeTakeFirstOrThrow();
  const updated = await ctx.store.tx(async (trx) => {
    const v = await trx
      .selectFrom('visits')
      .selectAll()
      .where('id', '=', existing.id)
      .executeTakeFirstOrThrow();
    if (v.status !== 'booked' && v.status !== 'requested')
      throw new ApiError(409, 'conflict', 'Only a booked or requested visit can be changed.');
    if (v.start_at <= ctx.now().toISOString())
      throw new ApiError(409, 'conflict', 'The visit has already started.');
    const hold = await claimHold(ctx, trx, p, holdId);
    if (hold.prisoner_id !== v.prisoner_id || hold.type !== v.type)
      throw validation([
        { path: 'holdId', message: 'The held session must be for the same person and visit type' },
      ]);
    await consumeHold(ctx, trx, hold.id);
    const nowIso = ctx.now().toISOString();
    await trx
      .updateTable('visits')
      .set({
        template_id: hold.template_id,
        slot_id: hold.slot_id,
        date: hold.date,
        start_at: hold.start_at,
        end_at: hold.end_at,
        updated_at: nowIso,
      })
      .where('id', '=', v.id)
      .execute();
    if (v.type === 'video') {
      const call = newCallRow(ctx, { ...v, start_at: hold.start_at, end_at: hold.end_at });
      await trx
        .updateTable('calls')
        .set({
          opens_at: call.opens_at,
          starts_at: call.starts_at,
          ends_at: call.ends_at,
          scheduled_ends_at: call.scheduled_ends_at,
          updated_at: nowIso,
        })
        .where('visit_id', '=', v.id)
        .execute();
    }
    await audit(ctx, trx, {
      actor: p,
      action: 'visit.changed',
      subject: `visit:${v.id}`,
      visitId: v.id,
      prisonCode: v.prison_code,
      details: { from: v.slot_id, to: hold.slot_id },
    });
    return trx.selectFrom('visits').selectAll().where('id', '=', v.id).executeTakeFirstOrThrow();
  });
  const dto = await visitDto(ctx.store.db, updated);
  await notify(ctx, dto, user, 'changed');
  await pushToConsoles(ctx, updated);
  return dto;
}

export async function cancelVisit(
  ctx: AppContext,
  p: Principal,
  visitId: string,
  input: { reason: string; note?: string | undefined },
) {
  const existing = await visibleVisit(ctx, p, visitId);
  if (p.role === 'prisoner') throw forbidden();
  const run = async (trx: Kysely<DB>) => {
    const nowIso = ctx.now().toISOString();
    const cancellation = { reason: input.reason, ...(input.note ? { note: input.note } : {}), at: nowIso };
    const done = await trx
      .updateTable('visits')
      .set({
        status: 'cancelled',
        sub_status: 'CANCELLED',
        cancellation: JSON.stringify(cancellation),
        updated_at: nowIso,
      })
      .where('id', '=', existing.id)
      .where('status', 'in', ACTIVE_STATUSES)
      .returningAll()
      .executeTakeFirst();
    if (!done) throw new ApiError(409, 'conflict', 'Only a booked or requested visit can be cancelled.');
    await trx
      .updateTable('prisoners')
      .set((eb) => ({ allowance_remaining: eb('allowance_remaining', '+', 1) }))
      .where('id', '=', done.prisoner_id)
      .execute();
    await trx
      .updateTable('calls')
      .set({
        status: 'ended',
        end_reason: 'left',
        end_note: 'visit cancelled',
        ended_at: nowIso,
        updated_at: nowIso,
      })
      .where('visit_id', '=', done.id)
      .where('status', '<>', 'ended')
      .execute();
    await audit(ctx, trx, {
      actor: p,
      action: 'visit.cancelled',
      subject: `visit:${done.id}`,
      visitId: done.id,
      prisonCode: done.prison_code,
      details: { reason: input.reason },
    });
    return done;
  };
  const done = await ctx.store.tx(run);
  const dto = await visitDto(ctx.store.db, done);
  const lead = await ctx.store.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', done.lead_user_id)
    .executeTakeFirst();
  if (lead) await notify(ctx, dto, lead, 'cancelled', input.reason);
  await pushToConsoles(ctx, done);
  ctx.hub.toVisit(done.id, { event: 'ended', data: { reason: 'left', note: 'visit cancelled' } });
  // A request withdrawn before staff decided leaves the approvals queue.
  if (existing.status === 'requested')
    approvalsChanged(ctx, done.prison_code, { kind: 'booking', id: done.id, status: 'cancelled' });
  return dto;
}

// ---------- notifications and calendar ----------

export async function notify(
  ctx: AppContext,
  visit: VisitDto,
  user: { email: string; language: 'en' | 'cy' },
  kind: 'booked' | 'requested' | 'changed' | 'cancelled' | 'approved' | 'rejected' | 'reminder',
  reason = '',
) {
  const lang: 'en' | 'cy' = visit.contact.welshUpdates ? 'cy' : user.language;
  const vars = {
    reference: visit.reference,
    type:
      visit.type === 'video'
        ? lang === 'cy'
          ? 'fideo'
          : 'video'
        : lang === 'cy'
          ? 'wyneb yn wyneb'
          : 'in-person',
    prisoner: `${visit.prisoner.firstName} ${visit.prisoner.lastName}`,
    prison: visit.prison.name,
    when: when(visit.start, visit.prison.timezone, lang),
    reason,
    joining: t(lang, visit.type === 'video' ? 'reminderVideoJoining' : 'reminderInPersonJoining'),
  };
  const to = visit.contact.email ?? user.email;
  const attach = kind === 'booked' || kind === 'changed' || kind === 'approved';
  await ctx.outbox.send({
    to,
    channel: 'email',
    subject: t(lang, `${kind}Subject`, vars),
    text: t(lang, `${kind}Text`, vars),
    attachments: attach
      ? [{ filename: `visit-${visit.reference}.ics`, contentType: 'text/calendar', content: calendar(visit) }]
      : [],
  });
  if (visit.contact.phone) {
    await ctx.outbox.send({
      to: visit.contact.phone,
      channel: 'sms',
      subject: t(lang, `${kind}Subject`, vars),
      text: t(lang, `${kind}Text`, vars),
    });
  }
}

/** How long before a visit its reminder goes out. */
export const REMINDER_HOURS = 24;

/**
 * Sends the reminder of every booked visit starting within REMINDER_HOURS that has not had one. Each visit
 * is claimed with a conditional update first, so two replicas never send the same reminder twice.
 */
export async function sendDueReminders(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const horizon = new Date(now.getTime() + REMINDER_HOURS * 3_600_000).toISOString();
  const due = await ctx.store.db
    .selectFrom('visits')
    .selectAll()
    .where('status', '=', 'booked')
    .where('reminded_at', 'is', null)
    .where('start_at', '>', now.toISOString())
    .where('start_at', '<=', horizon)
    .limit(100)
    .execute();
  let sent = 0;
  for (const row of due) {
    const claimed = await ctx.store.db
      .updateTable('visits')
      .set({ reminded_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('reminded_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const user = await ctx.store.db
      .selectFrom('users')
      .select(['email', 'language'])
      .where('id', '=', row.lead_user_id)
      .executeTakeFirst();
    if (!user) continue;
    await notify(ctx, await visitDto(ctx.store.db, row), user, 'reminder');
    sent += 1;
  }
  return sent;
}

export function calendar(visit: VisitDto): string {
  const cal = ical({ name: 'visit-kit', prodId: { company: 'visit-kit', product: 'visit-kit' } });
  cal.createEvent({
    id: `${visit.id}@visit-kit`,
    start: new Date(visit.start),
    end: new Date(visit.end),
    summary: `${visit.type === 'video' ? 'Video visit' : 'Visit'}: ${visit.prisoner.firstName} ${visit.prisoner.lastName}`,
    description: `Reference ${visit.reference}. ${visit.prison.name}.`,
    location: visit.type === 'video' ? 'Video call' : visit.prison.name,
  });
  return cal.toString();
}
