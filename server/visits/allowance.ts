// The allowance: how many visits a person in prison has left in the current period.
import type { Kysely } from 'kysely';
import type { AppContext, Principal } from '../context.js';
import type { DB, PrisonersTable } from '../db.js';
import { forbidden } from '../problems.js';
import { addDays, dateIn } from '../time.js';
import { accessiblePrisoner, getPrison } from './access.js';

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
