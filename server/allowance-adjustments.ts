// Visit allowance (visiting order) adjustments: staff grant or remove visits with a reason, and see the history.
// The rules are hmpps-visit-allocation-api's (VoBalancesAdjustmentValidator, PrisonerBalanceAdjustmentService):
// the adjustment is not zero, the balance never goes below zero nor above the most it may hold (26,
// `max.visit-orders`), a reason type is given, and the change, the staff member and the reason are logged.
// An adjustment changes the current period's balance; a new period starts from the person's allowance again
// (server/visits/allowance.ts), as a new allocation does there.
import type { z } from '@hono/zod-openapi';
import type { AppContext, Principal } from './context.js';
import type { AllowanceAdjustmentsTable } from './db.js';
import { ApiError, notFound } from './problems.js';
import {
  MAX_ALLOWANCE,
  type AllowanceAdjustment,
  type AllowanceAdjustmentCreate,
} from './schemas-on-behalf.js';
import { staffOnly } from './staff.js';
import { addDays } from './time.js';
import { audit, newId } from './util.js';
import { getPrison, refreshAllowance } from './visits/index.js';

type AdjustmentDto = z.infer<typeof AllowanceAdjustment>;

/** A person in the staff's prison by id or prison number, or not-found. */
async function prisonerOf(ctx: AppContext, staff: Principal, idOrNumber: string) {
  const code = staffOnly(staff);
  const prisoner = await ctx.store.db
    .selectFrom('prisoners')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrNumber), eb('prison_number', '=', idOrNumber.toUpperCase())]))
    .executeTakeFirst();
  if (!prisoner || prisoner.prison_code !== code) throw notFound('That person');
  return prisoner;
}

function adjustmentDto(row: AllowanceAdjustmentsTable): AdjustmentDto {
  return {
    id: row.id,
    delta: row.delta,
    balanceAfter: row.balance_after,
    reason: row.reason as AdjustmentDto['reason'],
    ...(row.note ? { note: row.note } : {}),
    staff: row.staff_id,
    at: row.at,
  };
}

/** The person's balance and the adjustments staff made to it, newest first. */
export async function allowanceHistory(ctx: AppContext, staff: Principal, idOrNumber: string) {
  const prisoner = await prisonerOf(ctx, staff, idOrNumber);
  const prison = await getPrison(ctx.store.db, prisoner.prison_code);
  const current = await refreshAllowance(ctx, ctx.store.db, prisoner, prison.timezone);
  const rows = await ctx.store.db
    .selectFrom('allowance_adjustments')
    .selectAll()
    .where('prisoner_id', '=', prisoner.id)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return {
    prisoner: {
      id: prisoner.id,
      firstName: prisoner.first_name,
      lastName: prisoner.last_name,
      prisonNumber: prisoner.prison_number,
    },
    allowance: {
      remaining: current.allowance_remaining,
      periodEnds: current.period_ends,
      nextAllocation: addDays(current.period_ends, 1),
    },
    max: MAX_ALLOWANCE,
    adjustments: rows.map(adjustmentDto),
  };
}

/**
 * Grants (delta > 0) or removes (delta < 0) visits, atomically: the balance is changed by one conditional update
 * (never below zero nor above the maximum, whatever else runs at once), the row and the audit entry are written
 * in the same transaction.
 */
export async function adjustAllowance(
  ctx: AppContext,
  staff: Principal,
  idOrNumber: string,
  input: z.infer<typeof AllowanceAdjustmentCreate>,
) {
  const found = await prisonerOf(ctx, staff, idOrNumber);
  const prison = await getPrison(ctx.store.db, found.prison_code);
  const adjustment = await ctx.store.tx(async (trx) => {
    let q = trx.selectFrom('prisoners').selectAll().where('id', '=', found.id);
    if (ctx.store.kind === 'postgres') q = q.forUpdate();
    const prisoner = await q.executeTakeFirstOrThrow();
    const current = await refreshAllowance(ctx, trx, prisoner, prison.timezone);
    const remaining = current.allowance_remaining;
    if (remaining + input.delta < 0)
      throw new ApiError(422, 'allowance-limit', {
        text: 'That would take the balance below zero: it is {remaining} now.',
        vars: { remaining },
      });
    if (remaining + input.delta > MAX_ALLOWANCE)
      throw new ApiError(422, 'allowance-limit', {
        text: 'That would take the balance above the most it may hold ({max}).',
        vars: { max: MAX_ALLOWANCE },
      });
    const updated = await trx
      .updateTable('prisoners')
      .set((eb) => ({ allowance_remaining: eb('allowance_remaining', '+', input.delta) }))
      .where('id', '=', prisoner.id)
      .where('allowance_remaining', '=', remaining)
      .returning('allowance_remaining')
      .executeTakeFirst();
    // Only a writer that slipped past the lock (none should) changes the balance in between: ask again.
    if (!updated)
      throw new ApiError(409, 'conflict', 'The balance changed while you were adjusting it. Try again.');
    const row: AllowanceAdjustmentsTable = {
      id: newId(),
      prisoner_id: prisoner.id,
      prison_code: prisoner.prison_code,
      delta: input.delta,
      balance_after: updated.allowance_remaining,
      reason: input.reason,
      note: input.note ?? null,
      staff_id: staff.id,
      at: ctx.now().toISOString(),
    };
    await trx.insertInto('allowance_adjustments').values(row).execute();
    await audit(ctx, trx, {
      actor: staff,
      action: 'allowance.adjusted',
      subject: `prisoner:${prisoner.id}`,
      prisonCode: prisoner.prison_code,
      details: {
        delta: input.delta,
        before: remaining,
        after: row.balance_after,
        reason: input.reason,
        ...(input.note ? { note: input.note } : {}),
      },
    });
    return row;
  });
  return { adjustment: adjustmentDto(adjustment), ...(await allowanceHistory(ctx, staff, found.id)) };
}
