// Who may see which visit and act for which person in prison; the prison a visit or person belongs to.
import type { Kysely } from 'kysely';
import type { AppContext, Principal } from '../context.js';
import type { DB, VisitsTable } from '../db.js';
import { ApiError, notFound } from '../problems.js';
import { isReference } from '../util.js';

/**
 * A staff member acting for a family (a phone booking): the family's own rules and holds apply, the audit row
 * names the staff member as the actor and the family it was for, and the family is told it was the prison.
 * visit-scheduler records the same as `actionedBy` + `userType: STAFF` + `applicationMethodType: PHONE`.
 */
export interface StaffActing {
  staff: Principal;
  method: 'phone';
}

/** Statuses of a visit that still takes a place (and may be changed or cancelled). */
export const ACTIVE_STATUSES = ['booked', 'requested'] as const;

/** The problem for joining, changing or cancelling a visit that is over (its call has ended). */
export const visitEnded = () =>
  new ApiError(409, 'call-ended', 'This visit has ended, so it can no longer be joined or changed.');

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
  return (await accessiblePrisonerAndLink(ctx, p, prisonerId)).prisoner;
}

/** The same, with the visitor's approved link (read once for callers that need it too). */
export async function accessiblePrisonerAndLink(ctx: AppContext, p: Principal, prisonerId: string) {
  const prisoner = await ctx.store.db
    .selectFrom('prisoners')
    .selectAll()
    .where('id', '=', prisonerId)
    .executeTakeFirst();
  if (!prisoner) throw notFound('That person');
  if (p.role === 'staff' && prisoner.prison_code !== p.prisonCode) throw notFound('That person');
  if (p.role === 'prisoner' && prisoner.id !== p.prisonerId) throw notFound('That person');
  const link = p.role === 'visitor' ? await approvedLink(ctx.store.db, p.id, prisonerId) : undefined;
  return { prisoner, link };
}

export async function getPrison(db: Kysely<DB>, code: string) {
  const prison = await db.selectFrom('prisons').selectAll().where('code', '=', code).executeTakeFirst();
  if (!prison) throw notFound('That prison');
  return prison;
}
