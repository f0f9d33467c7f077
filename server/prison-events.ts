// Facts an integrating prison system reports, and what they do to booked visits: a rule that is certain
// cancels the visit (the family is told why and what to do next); one that needs a person's judgement flags
// it for review in the staff console (the family is told it may change). Staff then keep or cancel it.
//
// Where the rule is uncertain this follows GOV.UK's visit-scheduler (ministryofjustice/visit-scheduler,
// service/VisitNotificationEventService.kt and dto/enums/NotificationEventType.kt), which flags future booked
// visits for review on every such event rather than cancelling them: prisoner released, prisoner received
// (transferred), prisoner restriction changed (within its dates), non-association (visits on the same dates),
// visitor restriction upserted (that visitor's future visits), visits blocked for a date or session; and
// unflags on "do not change" (IGNORE_VISIT_NOTIFICATIONS). Here a fact that leaves no visit possible
// cancels instead: a release for good, a visits ban, a banned lead or only visitor, a blocked session, an
// excluded date.
import type { z } from '@hono/zod-openapi';
import type { AppContext, Principal } from './context.js';
import type { PrisonEventsTable, PrisonersTable, VisitsTable } from './db.js';
import { notifyFamily, pushToConsoles, type FamilyNext } from './notify.js';
import { ApiError, notFound } from './problems.js';
import type * as PE from './schemas-prison-events.js';
import type * as S from './schemas.js';
import { addExcluded, cancelStranded } from './sessions.js';
import { staffOnly } from './staff.js';
import { dateIn } from './time.js';
import { audit, newId, parseJson } from './util.js';
import {
  ACTIVE_STATUSES,
  cancelVisit,
  getPrison,
  staffVisitDtos,
  storedReview,
  visibleVisit,
  visitDto,
  type StoredReview,
} from './visits/index.js';

export type PrisonEvent = z.infer<typeof PE.PrisonEvent>;
export type PrisonEventResult = z.infer<typeof PE.PrisonEventResult>;
type FamilyReason = z.infer<typeof S.FamilyReviewReason>;
type Affected = PrisonEventResult['visits'];

/** What a fact does: visits to cancel (with what the family should do next) and visits to flag. */
interface Plan {
  cancel: VisitsTable[];
  next?: FamilyNext;
  flag: VisitsTable[];
  reason: FamilyReason;
  /** For staff only: what the prison system said, in words. */
  detail: string;
  /** A change to the prison's own records, made in the transaction that stores the fact. */
  record?: (trx: AppContext['store']['db']) => Promise<void>;
  /** Facts applied by an existing rule (an excluded date): runs after the fact is stored. */
  run?: () => Promise<Affected>;
}

/**
 * Stores a fact once per prison and event id and applies it. The same event id again answers what the first
 * report did (`replayed: true`, status 200) and changes nothing.
 */
export async function reportPrisonEvent(
  ctx: AppContext,
  p: Principal,
  event: PrisonEvent,
): Promise<{ status: 200 | 201; result: PrisonEventResult }> {
  const code = staffOnly(p);
  const stored = await findEvent(ctx, code, event.eventId);
  if (stored) return { status: 200, result: replay(stored) };
  const plan = await planFor(ctx, p, code, event);
  const id = newId();
  const receivedAt = ctx.now().toISOString();
  try {
    await ctx.store.tx(async (trx) => {
      await trx
        .insertInto('prison_events')
        .values({
          id,
          prison_code: code,
          event_id: event.eventId,
          type: event.type,
          body: JSON.stringify(event),
          received_at: receivedAt,
          received_by: p.id,
          result: null,
        })
        .execute();
      await plan.record?.(trx);
      await audit(ctx, trx, {
        actor: p,
        action: 'prison-event.reported',
        subject: `prison-event:${id}`,
        prisonCode: code,
        details: { eventId: event.eventId, type: event.type, detail: plan.detail },
      });
    });
  } catch (error) {
    // the same event reported twice at once: the unique (prison, event id) lets one in
    const again = await findEvent(ctx, code, event.eventId);
    if (again) return { status: 200, result: replay(again) };
    throw error;
  }
  const visits: Affected = plan.run ? await plan.run() : [];
  // no cancellation note: the family sees it, and the detail is the prison's (the audit and the fact keep it)
  const cancelled = await cancelStranded(ctx, p, plan.cancel, '', plan.next);
  for (const v of cancelled) visits.push({ id: v.id, reference: v.reference, action: 'cancelled' });
  for (const v of plan.flag) {
    const flagged = await flagVisit(ctx, p, v, {
      eventId: event.eventId,
      type: event.type,
      detail: plan.detail,
      reason: plan.reason,
    });
    if (flagged) visits.push({ id: v.id, reference: v.reference, action: 'flagged' });
  }
  const result: PrisonEventResult = {
    id,
    eventId: event.eventId,
    type: event.type,
    receivedAt,
    replayed: false,
    visits,
  };
  await ctx.store.db
    .updateTable('prison_events')
    .set({ result: JSON.stringify(result) })
    .where('id', '=', id)
    .execute();
  return { status: 201, result };
}

function findEvent(ctx: AppContext, code: string, eventId: string) {
  return ctx.store.db
    .selectFrom('prison_events')
    .selectAll()
    .where('prison_code', '=', code)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
}

function replay(row: PrisonEventsTable): PrisonEventResult {
  const result = parseJson<PrisonEventResult | null>(row.result, null);
  if (!result)
    throw new ApiError(409, 'conflict', 'That event is still being applied. Try again in a moment.');
  return { ...result, replayed: true };
}

async function prisonerIn(ctx: AppContext, code: string, prisonNumber: string): Promise<PrisonersTable> {
  const prisoner = await ctx.store.db
    .selectFrom('prisoners')
    .selectAll()
    .where('prison_number', '=', prisonNumber.toUpperCase())
    .where('prison_code', '=', code)
    .executeTakeFirst();
  if (!prisoner) throw notFound('That person');
  return prisoner;
}

/** A person's visits that still lie ahead and may change (booked or requested), optionally within dates. */
async function futureVisits(
  ctx: AppContext,
  code: string,
  prisonerId: string,
  range: { from?: string | undefined; to?: string | undefined } = {},
) {
  let q = ctx.store.db
    .selectFrom('visits')
    .selectAll()
    .where('prisoner_id', '=', prisonerId)
    .where('prison_code', '=', code)
    .where('status', 'in', ACTIVE_STATUSES)
    .where('start_at', '>', ctx.now().toISOString());
  if (range.from) q = q.where('date', '>=', range.from);
  if (range.to) q = q.where('date', '<=', range.to);
  return q.orderBy('start_at').execute();
}

async function planFor(ctx: AppContext, p: Principal, code: string, event: PrisonEvent): Promise<Plan> {
  const note = event.note ? ` (${event.note})` : '';
  switch (event.type) {
    case 'prisoner-released': {
      const prisoner = await prisonerIn(ctx, code, event.prisonNumber);
      const visits = await futureVisits(ctx, code, prisoner.id);
      // released for good: no prison visit can take place, so cancel. Court, hospital or temporary licence:
      // they may be back in time, so flag, as visit-scheduler does for every PRISONER_RELEASED_EVENT.
      return event.release === 'released'
        ? {
            cancel: visits,
            next: { key: 'why.prisoner-released' },
            flag: [],
            reason: 'prisoner-away',
            detail: `Released${note}`,
          }
        : { cancel: [], flag: visits, reason: 'prisoner-away', detail: `Temporarily released${note}` };
    }
    case 'prisoner-transferred': {
      // visit-scheduler (PRISONER_RECEIVED_EVENT, "prisoner transferred") flags the visits at the prison they
      // left: staff there decide whether each can move or must be cancelled.
      const prisoner = await prisonerIn(ctx, code, event.prisonNumber);
      return {
        cancel: [],
        flag: await futureVisits(ctx, code, prisoner.id),
        reason: 'prisoner-moved',
        detail: `Transferred${event.toPrisonName ? ` to ${event.toPrisonName}` : ''}${note}`,
      };
    }
    case 'prisoner-restriction': {
      const prisoner = await prisonerIn(ctx, code, event.prisonNumber);
      const prison = await getPrison(ctx.store.db, code);
      const today = dateIn(ctx.now(), prison.timezone);
      const from = event.from && event.from > today ? event.from : today;
      const visits = await futureVisits(ctx, code, prisoner.id, { from, to: event.to });
      const span = `from ${from}${event.to ? ` to ${event.to}` : ''}`;
      if (event.restriction === 'visits-ban')
        return {
          cancel: visits,
          next: event.to
            ? { key: 'why.visits-ban', vars: { until: { date: event.to } } }
            : { key: 'why.visits-ban-open' },
          flag: [],
          reason: 'visit-conditions',
          detail: `Visits ban ${span}${note}`,
        };
      // visit-scheduler flags visits within the restriction's dates (PRISONER_RESTRICTION_CHANGE_EVENT):
      // whether a visit can go ahead as closed, or at all, is the prison's call.
      const closed = event.restriction === 'closed-visits';
      return {
        cancel: [],
        flag: closed ? visits.filter((v) => v.type === 'in-person') : visits,
        reason: 'visit-conditions',
        detail: `${closed ? 'Closed visits' : 'Restriction'} ${span}${note}`,
        ...(closed
          ? {
              record: async (trx) => {
                await trx
                  .updateTable('prisoners')
                  .set({ closed_visits: 1 })
                  .where('id', '=', prisoner.id)
                  .execute();
              },
            }
          : {}),
      };
    }
    case 'visitor-banned':
      return visitorBanned(ctx, code, event, note);
    case 'non-association': {
      // visit-scheduler (NON_ASSOCIATION_EVENT) flags both people's visits on the dates they would both be
      // visited: whether the sessions keep them apart is for staff to see.
      const one = await prisonerIn(ctx, code, event.prisonNumber);
      const other = await prisonerIn(ctx, code, event.otherPrisonNumber);
      const [ones, others] = await Promise.all([
        futureVisits(ctx, code, one.id),
        futureVisits(ctx, code, other.id),
      ]);
      const oneDates = new Set(ones.map((v) => v.date));
      const otherDates = new Set(others.map((v) => v.date));
      return {
        cancel: [],
        flag: [...ones.filter((v) => otherDates.has(v.date)), ...others.filter((v) => oneDates.has(v.date))],
        reason: 'prison-arrangements',
        detail: `Non-association between ${one.prison_number} and ${other.prison_number}${note}`,
      };
    }
    case 'session-blocked': {
      const tpl = await ctx.store.db
        .selectFrom('session_templates')
        .select('id')
        .where('id', '=', event.templateId)
        .where('prison_code', '=', code)
        .executeTakeFirst();
      if (!tpl) throw notFound('That session template');
      const visits = await ctx.store.db
        .selectFrom('visits')
        .selectAll()
        .where('template_id', '=', tpl.id)
        .where('date', '=', event.date)
        .where('status', 'in', ACTIVE_STATUSES)
        .where('start_at', '>', ctx.now().toISOString())
        .execute();
      // the session will not run: its visits cannot happen, so they are cancelled (as a template change does)
      return {
        cancel: visits,
        next: { key: 'why.session-blocked' },
        flag: [],
        reason: 'prison-arrangements',
        detail: `Session blocked on ${event.date}: ${event.reason}`,
        record: async (trx) => {
          await trx
            .insertInto('session_blocks')
            .values({
              template_id: tpl.id,
              date: event.date,
              prison_code: code,
              reason: event.reason,
              created_at: ctx.now().toISOString(),
            })
            .onConflict((oc) => oc.columns(['template_id', 'date']).doUpdateSet({ reason: event.reason }))
            .execute();
        },
      };
    }
    case 'date-excluded':
      // the excluded-date rule staff use (server/sessions.ts), confirmed: the prison system has decided
      return {
        cancel: [],
        flag: [],
        reason: 'prison-arrangements',
        detail: `Date excluded ${event.date}: ${event.reason}`,
        run: async () => {
          const { affectedVisits } = await addExcluded(
            ctx,
            p,
            { date: event.date, reason: event.reason },
            true,
          );
          return affectedVisits.map((v) => ({ id: v.id, reference: v.reference, action: 'cancelled' }));
        },
      };
  }
}

/**
 * A visitor banned until a date: their visits on or before it. With them as the lead or the only visitor the
 * visit cannot go ahead (cancelled); with others on it, staff decide (flagged, as visit-scheduler does for
 * VISITOR_RESTRICTION_UPSERTED_EVENT): the others may still come.
 */
async function visitorBanned(
  ctx: AppContext,
  code: string,
  event: Extract<PrisonEvent, { type: 'visitor-banned' }>,
  note: string,
): Promise<Plan> {
  const db = ctx.store.db;
  const onLink = await db
    .selectFrom('link_visitors')
    .innerJoin('links', 'links.id', 'link_visitors.link_id')
    .select(['link_visitors.id'])
    .where('link_visitors.id', '=', event.visitorId)
    .where('links.prison_code', '=', code)
    .executeTakeFirst();
  const asLead = onLink
    ? undefined
    : await db
        .selectFrom('links')
        .select(['links.id'])
        .where('user_id', '=', event.visitorId)
        .where('prison_code', '=', code)
        .executeTakeFirst();
  if (!onLink && !asLead) throw notFound('That visitor');
  const rows = await db
    .selectFrom('visits')
    .innerJoin('visit_visitors', 'visit_visitors.visit_id', 'visits.id')
    .selectAll('visits')
    .where('visit_visitors.visitor_id', '=', event.visitorId)
    .where('visits.prison_code', '=', code)
    .where('visits.status', 'in', ACTIVE_STATUSES)
    .where('visits.start_at', '>', ctx.now().toISOString())
    .where('visits.date', '<=', event.until)
    .execute();
  const counts = rows.length
    ? await db
        .selectFrom('visit_visitors')
        .select(['visit_id', 'visitor_id', 'lead'])
        .where(
          'visit_id',
          'in',
          rows.map((v) => v.id),
        )
        .execute()
    : [];
  const certain = (v: VisitsTable) => {
    const on = counts.filter((c) => c.visit_id === v.id);
    return on.length <= 1 || on.some((c) => c.visitor_id === event.visitorId && c.lead === 1);
  };
  return {
    cancel: rows.filter(certain),
    next: { key: 'why.visitor-banned', vars: { until: { date: event.until } } },
    flag: rows.filter((v) => !certain(v)),
    reason: 'visitor-restricted',
    detail: `Visitor ${event.visitorId} banned until ${event.until}${note}`,
    record: async (trx) => {
      if (onLink)
        await trx
          .updateTable('link_visitors')
          .set({ banned_until: event.until })
          .where('id', '=', event.visitorId)
          .execute();
      else
        await trx
          .updateTable('links')
          .set({ banned_until: event.until })
          .where('user_id', '=', event.visitorId)
          .where('prison_code', '=', code)
          .execute();
    },
  };
}

/** Flags a visit for review (adding the fact to any before it) and tells the family; false if it is past or over. */
async function flagVisit(
  ctx: AppContext,
  p: Principal,
  visit: VisitsTable,
  fact: { eventId: string; type: string; detail: string; reason: FamilyReason },
) {
  const nowIso = ctx.now().toISOString();
  const updated = await ctx.store.tx(async (trx) => {
    const v = await trx.selectFrom('visits').selectAll().where('id', '=', visit.id).executeTakeFirstOrThrow();
    if (!(ACTIVE_STATUSES as readonly string[]).includes(v.status) || v.start_at <= nowIso) return undefined;
    const before = storedReview(v);
    const review: StoredReview = {
      reason: fact.reason,
      since: before?.since ?? nowIso,
      facts: [
        ...(before?.facts ?? []),
        { eventId: fact.eventId, type: fact.type, detail: fact.detail, at: nowIso },
      ],
    };
    const row = await trx
      .updateTable('visits')
      .set({ review: JSON.stringify(review), updated_at: nowIso })
      .where('id', '=', v.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, {
      actor: p,
      action: 'visit.flagged',
      subject: `visit:${v.id}`,
      visitId: v.id,
      prisonCode: v.prison_code,
      details: { eventId: fact.eventId, type: fact.type, reason: fact.reason },
    });
    return row;
  });
  if (!updated) return false;
  await tellFamily(ctx, updated, 'review', fact.reason);
  await pushToConsoles(ctx, updated);
  return true;
}

async function tellFamily(ctx: AppContext, visit: VisitsTable, kind: 'review' | 'kept', reason = '') {
  const lead = await ctx.store.db
    .selectFrom('users')
    .select(['email', 'language'])
    .where('id', '=', visit.lead_user_id)
    .executeTakeFirst();
  if (lead) await notifyFamily(ctx, await visitDto(ctx.store.db, visit), lead, kind, reason);
}

/** Visits of the prison flagged for review that still lie ahead, soonest first. */
export async function listReviews(ctx: AppContext, p: Principal) {
  const code = staffOnly(p);
  const rows = await ctx.store.db
    .selectFrom('visits')
    .selectAll()
    .where('prison_code', '=', code)
    .where('review', 'is not', null)
    .where('status', 'in', ACTIVE_STATUSES)
    .where('end_at', '>', ctx.now().toISOString())
    .orderBy('start_at')
    .limit(500)
    .execute();
  return staffVisitDtos(ctx, rows);
}

/**
 * Staff's decision on a flagged visit: `keep` clears the flag (visit-scheduler's "do not change") and tells
 * the family it goes ahead; `cancel` cancels it as the prison (the family is told). Both are audited.
 */
export async function decideReview(
  ctx: AppContext,
  p: Principal,
  visitId: string,
  input: { decision: 'keep' | 'cancel'; note?: string | undefined },
) {
  const code = staffOnly(p);
  const visit = await visibleVisit(ctx, p, visitId);
  const review = storedReview(visit);
  if (!review || !(ACTIVE_STATUSES as readonly string[]).includes(visit.status))
    throw new ApiError(409, 'conflict', 'That visit is not waiting for a review.');
  if (input.decision === 'cancel')
    await cancelVisit(ctx, p, visit.id, {
      reason: 'establishment-cancelled',
      ...(input.note ? { note: input.note } : {}),
    });
  const row = await ctx.store.tx(async (trx) => {
    const cleared = await trx
      .updateTable('visits')
      .set({ review: null, updated_at: ctx.now().toISOString() })
      .where('id', '=', visit.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, {
      actor: p,
      action: input.decision === 'keep' ? 'visit.review-kept' : 'visit.review-cancelled',
      subject: `visit:${visit.id}`,
      visitId: visit.id,
      prisonCode: code,
      details: {
        facts: review.facts.map((f) => f.eventId),
        ...(input.note ? { note: input.note } : {}),
      },
    });
    return cleared;
  });
  if (input.decision === 'keep') {
    await tellFamily(ctx, row, 'kept');
    await pushToConsoles(ctx, row);
  }
  return (await staffVisitDtos(ctx, [row]))[0]!;
}
