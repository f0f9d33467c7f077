// Visit DTOs: database rows → the contract's shapes. The types are the zod schemas' (schemas.ts), so a row
// mapped wrongly is a type error here, not a surprise in a client.
import type { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type {
  CallsTable,
  DB,
  LinksTable,
  PrisonersTable,
  PrisonsTable,
  VisitVisitorsTable,
  VisitsTable,
} from '../db.js';
import type * as S from '../schemas.js';
import { ageOn } from '../time.js';
import { parseJson } from '../util.js';

export type PrisonDto = z.infer<typeof S.Prison>;
export type VisitDto = z.infer<typeof S.Visit>;
export type StaffVisitDto = z.infer<typeof S.StaffVisit>;
export type SlotDto = z.infer<typeof S.Slot>;
export type AvailabilityDto = z.infer<typeof S.Availability>;
export type CallStateDto = z.infer<typeof S.CallState>;

export function prisonDto(p: PrisonsTable): PrisonDto {
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

export async function loadVisitDtos(db: Kysely<DB>, visits: VisitsTable[]): Promise<VisitDto[]> {
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
  return visitDtosFrom(visits, { visitors, prisons, prisoners, calls });
}

/** The rows a visit's DTO is made of (what loadVisitDtos reads; a booking already has them in hand). */
export interface VisitRows {
  visitors: VisitVisitorsTable[];
  prisons: PrisonsTable[];
  prisoners: Pick<PrisonersTable, 'id' | 'first_name' | 'last_name'>[];
  calls: Pick<CallsTable, 'visit_id' | 'opens_at' | 'ends_at'>[];
}

/** Visits → the contract's shape, from rows already read. */
export function visitDtosFrom(visits: VisitsTable[], { visitors, prisons, prisoners, calls }: VisitRows) {
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
    const callOutcome = parseJson<VisitDto['callOutcome'] | null>(v.call_outcome, null);
    const review = storedReview(v);
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
      ...(callOutcome ? { callOutcome } : {}),
      ...(call ? { call: { opensAt: call.opens_at, endsAt: call.ends_at } } : {}),
      ...(v.legal_firm ? { legal: { firm: v.legal_firm } } : {}),
      ...(review && ACTIVE.includes(v.status)
        ? { review: { reason: review.reason, since: review.since } }
        : {}),
      ...(v.booked_by ? { bookedByStaff: { method: v.method ?? ('phone' as const) } } : {}),
    };
  });
}

/** A visit's review flag as stored (JSON in `visits.review`): the family's reason, and the facts behind it. */
export type StoredReview = NonNullable<StaffVisitDto['review']>;
const ACTIVE: string[] = ['booked', 'requested'];

export function storedReview(v: Pick<VisitsTable, 'review'>): StoredReview | null {
  return parseJson<StoredReview | null>(v.review, null);
}

export async function visitDto(db: Kysely<DB>, visit: VisitsTable): Promise<VisitDto> {
  return (await loadVisitDtos(db, [visit]))[0]!;
}

/** Visits as staff see them: with the call state, the prison number and each visitor's relationship. */
export async function staffVisitDtos(ctx: AppContext, visits: VisitsTable[]): Promise<StaffVisitDto[]> {
  const dtos = await loadVisitDtos(ctx.store.db, visits);
  if (dtos.length === 0) return [];
  const ids = visits.map((v) => v.id);
  const [calls, rels, links, prisoners] = await Promise.all([
    ctx.store.db.selectFrom('calls').selectAll().where('visit_id', 'in', ids).execute(),
    ctx.store.db
      .selectFrom('visit_visitors')
      .select(['visit_id', 'visitor_id', 'relationship'])
      .where('visit_id', 'in', ids)
      .execute(),
    ctx.store.db
      .selectFrom('links')
      .select(['id', 'relationship'])
      .where(
        'id',
        'in',
        visits
          .map((v) => v.link_id ?? '')
          .filter(Boolean)
          .concat(['-']),
      )
      .execute(),
    ctx.store.db
      .selectFrom('prisoners')
      .select(['id', 'prison_number'])
      .where('id', 'in', [...new Set(visits.map((v) => v.prisoner_id))])
      .execute(),
  ]);
  return staffVisitDtosFrom(ctx, visits, dtos, { calls, rels, links, prisoners });
}

/** The extra rows staff see a visit with (what staffVisitDtos reads). */
export interface StaffVisitRows {
  calls: CallsTable[];
  rels: Pick<VisitVisitorsTable, 'visit_id' | 'visitor_id' | 'relationship'>[];
  links: Pick<LinksTable, 'id' | 'relationship'>[];
  prisoners: Pick<PrisonersTable, 'id' | 'prison_number'>[];
}

/** Visits as staff see them, from the family DTOs and rows already read. */
export function staffVisitDtosFrom(
  ctx: AppContext,
  visits: VisitsTable[],
  dtos: VisitDto[],
  { calls, rels, links, prisoners }: StaffVisitRows,
): StaffVisitDto[] {
  const callBy = new Map(calls.map((c) => [c.visit_id, c]));
  const prisonNumberBy = new Map(prisoners.map((row) => [row.id, row.prison_number]));
  const linkBy = new Map(links.map((l) => [l.id, l.relationship]));
  return dtos.map((dto, i) => {
    const visit = visits[i]!;
    const call = callBy.get(dto.id);
    const relationships: Record<string, string> = {};
    for (const r of rels.filter((r) => r.visit_id === dto.id))
      relationships[r.visitor_id] = r.relationship ?? linkBy.get(visit.link_id ?? '') ?? 'lead visitor';
    // staff see the facts behind a review flag; the family's DTO has only its reason
    const { review, ...family } = dto;
    return {
      ...family,
      // Staff check the person in prison by number as well as name.
      prisoner: { ...dto.prisoner, prisonNumber: prisonNumberBy.get(visit.prisoner_id) ?? '' },
      ...(call ? { callState: callState(ctx, call) } : {}),
      ...(call?.knocked_at ? { knockedAt: call.knocked_at } : {}),
      links: relationships,
      ...(review ? { review: storedReview(visit)! } : {}),
    };
  });
}

/** A visit's call as the contract shows it: the status as of now (the clock may have ended it), reasons, warnings. */
export function callState(ctx: AppContext, c: CallsTable): CallStateDto {
  const now = ctx.now().toISOString();
  let status: CallStateDto['status'];
  if (c.status === 'ended' || now >= c.ends_at) status = 'ended';
  else if (c.status === 'idle') status = now < c.opens_at ? 'not-open' : 'open';
  else status = c.status;
  const state: CallStateDto = {
    visitId: c.visit_id,
    status,
    opensAt: c.opens_at,
    startsAt: c.starts_at,
    endsAt: c.ends_at,
    creditedSeconds: c.credited_seconds,
    prisonerReady: !!c.prisoner_knocked_at,
    warnings: parseJson(c.warnings, []),
  };
  if (c.knocked_at) state.knockedAt = c.knocked_at;
  if (c.deny_reason) state.denyReason = c.deny_reason;
  if (c.deny_note) state.denyNote = c.deny_note;
  if (status === 'ended') state.endReason = (c.end_reason as CallStateDto['endReason']) ?? 'time-up';
  if (c.end_note) state.endNote = c.end_note;
  if (c.staff_reason) state.staffReason = c.staff_reason;
  if (ctx.config.livekit?.url) state.mediaUrl = ctx.config.livekit.url;
  return state;
}
