// A visit's final state, recorded when its call ends: completed, ended by staff, time up, or a no-show.
import type { AppContext } from './context.js';
import type { CallsTable } from './db.js';
import { pushToConsoles } from './notify.js';
import { audit } from './util.js';
import type { VisitDto } from './visits/dto.js';

export type CallOutcome = Omit<NonNullable<VisitDto['callOutcome']>, 'at'>;

/**
 * Who turned up, decided at the end time: a side that never knocked nor joined is a no-show (the visitor
 * first: without them there is no visit); both there and admitted is a completed visit; a refusal at the door
 * counts as ended by staff; otherwise both came but the time ran out before the call began.
 */
export async function outcomeAtTimeUp(ctx: AppContext, call: CallsTable): Promise<CallOutcome> {
  const sessions = await ctx.store.db
    .selectFrom('participant_sessions')
    .select('identity')
    .where('visit_id', '=', call.visit_id)
    .execute();
  const came = (who: string) => sessions.some((row) => row.identity.startsWith(`${who}:`));
  if (!call.knocked_at && !came('visitor')) return { result: 'visitor-no-show' };
  if (!call.prisoner_knocked_at && !came('prisoner')) return { result: 'prisoner-no-show' };
  if (call.admitted_at) return { result: 'completed' };
  if (call.deny_reason)
    return {
      result: 'ended-by-staff',
      staffReason: call.deny_reason,
      ...(call.deny_note ? { note: call.deny_note } : {}),
    };
  return { result: 'time-up' };
}

/** How an ended call's row says it ended (for a visit whose outcome was not written yet). */
export function outcomeOfEnded(ctx: AppContext, call: CallsTable): Promise<CallOutcome> | CallOutcome {
  if (call.end_reason === 'ended-by-staff')
    return {
      result: 'ended-by-staff',
      ...(call.staff_reason ? { staffReason: call.staff_reason } : {}),
      ...(call.end_note ? { note: call.end_note } : {}),
    };
  return outcomeAtTimeUp(ctx, call);
}

/**
 * Writes how the call ended onto its visit, once: a booked visit becomes `completed` with `callOutcome`, so
 * it moves to the family's past visits and nothing offers to join or change it. Audited, and pushed to the
 * prison's consoles and the family's stream.
 */
export async function recordCallOutcome(ctx: AppContext, call: CallsTable, outcome: CallOutcome) {
  const at = call.ended_at ?? ctx.now().toISOString();
  const recorded = { ...outcome, at };
  const visit = await ctx.store.tx(async (trx) => {
    const done = await trx
      .updateTable('visits')
      .set({
        status: 'completed',
        sub_status: outcome.result.toUpperCase().replace(/-/g, '_'),
        call_outcome: JSON.stringify(recorded),
        updated_at: at,
      })
      .where('id', '=', call.visit_id)
      .where('status', '=', 'booked')
      .where('call_outcome', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (done)
      await audit(ctx, trx, {
        actor: { id: 'system', role: 'system' },
        action: 'visit.call-outcome',
        subject: `visit:${done.id}`,
        visitId: done.id,
        prisonCode: done.prison_code,
        details: recorded,
      });
    return done;
  });
  if (visit) await pushToConsoles(ctx, visit);
}
