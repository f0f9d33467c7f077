// A family's visits: the list, a change to another session, and cancelling (which releases the visit).
import type { Kysely } from 'kysely';
import type { AppContext, Principal } from '../context.js';
import type { DB, VisitsTable } from '../db.js';
import { approvalsChanged, notifyFamily, pushToConsoles, type FamilyNext } from '../notify.js';
import { ApiError, forbidden, validation } from '../problems.js';
import { audit } from '../util.js';
import { ACTIVE_STATUSES, visibleVisit, visitEnded, type StaffActing } from './access.js';
import { actedBy, forFamily, newCallRow } from './bookings.js';
import { loadVisitDtos, visitDto } from './dto.js';
import { claimHold, consumeHold } from './holds.js';

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

/** Moves a visit to a held session; `by` when staff do it for the family (`p`, who booked it). */
export async function changeVisit(
  ctx: AppContext,
  p: Principal,
  visitId: string,
  holdId: string,
  by?: StaffActing,
) {
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
    if (v.call_outcome) throw visitEnded();
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
      ...actedBy(p, by),
      action: 'visit.changed',
      subject: `visit:${v.id}`,
      visitId: v.id,
      prisonCode: v.prison_code,
      details: { from: v.slot_id, to: hold.slot_id, ...forFamily(p, by) },
    });
    return trx.selectFrom('visits').selectAll().where('id', '=', v.id).executeTakeFirstOrThrow();
  });
  const dto = await visitDto(ctx.store.db, updated);
  await notifyFamily(ctx, dto, user, 'changed', '', undefined, by && 'staff');
  await pushToConsoles(ctx, updated);
  return dto;
}

export async function cancelVisit(
  ctx: AppContext,
  p: Principal,
  visitId: string,
  input: { reason: string; note?: string | undefined; next?: FamilyNext | undefined },
  by?: StaffActing,
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
    if (!done) {
      if (existing.call_outcome) throw visitEnded();
      throw new ApiError(409, 'conflict', 'Only a booked or requested visit can be cancelled.');
    }
    await releaseVisit(trx, done, 'visit cancelled', nowIso);
    await audit(ctx, trx, {
      ...actedBy(p, by),
      action: 'visit.cancelled',
      subject: `visit:${done.id}`,
      visitId: done.id,
      prisonCode: done.prison_code,
      details: { reason: input.reason, ...forFamily(p, by) },
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
  if (lead) await notifyFamily(ctx, dto, lead, 'cancelled', input.reason, input.next, by && 'staff');
  await pushToConsoles(ctx, done);
  ctx.hub.toVisit(done.id, { event: 'ended', data: { reason: 'left', note: 'visit cancelled' } });
  // A request withdrawn before staff decided leaves the approvals queue.
  if (existing.status === 'requested')
    approvalsChanged(ctx, done.prison_code, { kind: 'booking', id: done.id, status: 'cancelled' });
  return dto;
}

/**
 * What a visit that will not happen gives back, in the transaction that cancelled or rejected it: the
 * allowance it used is refunded, and its call (if any, and not already over) ends as `left` with the note.
 */
export async function releaseVisit(
  trx: Kysely<DB>,
  visit: Pick<VisitsTable, 'id' | 'prisoner_id'>,
  note: string,
  nowIso: string,
) {
  await trx
    .updateTable('prisoners')
    .set((eb) => ({ allowance_remaining: eb('allowance_remaining', '+', 1) }))
    .where('id', '=', visit.prisoner_id)
    .execute();
  await trx
    .updateTable('calls')
    .set({ status: 'ended', end_reason: 'left', end_note: note, ended_at: nowIso, updated_at: nowIso })
    .where('visit_id', '=', visit.id)
    .where('status', '<>', 'ended')
    .execute();
}
