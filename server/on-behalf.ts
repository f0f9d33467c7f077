// Staff acting for a family: the phone bookings VSIP staff take. Staff find the family, then hold, book, change
// and cancel through the very functions the family uses (server/visits/), acting as the family so every rule
// and hold is the family's own; the audit row names the staff member "for" the family, and the family is told
// it was the prison (server/notify.ts). Staff reach only families linked to people in their own prison.
//
// visit-scheduler differs on two rules, and we keep the family's: there a STAFF booking skips the visit-order
// check ("staff can override VO count", ApplicationValidationService.getStaffApplicationValidationErrors) and may
// pass `allowOverBooking` to skip the capacity check. Here staff cannot overbook a session, and a person with no
// visits left first needs an allowance adjustment with its reason (server/allowance-adjustments.ts), so every
// exception to the allowance is explicit and audited.
import type { z } from '@hono/zod-openapi';
import type { AppContext, Principal } from './context.js';
import * as links from './links.js';
import { notFound } from './problems.js';
import type * as S from './schemas.js';
import type * as O from './schemas-on-behalf.js';
import { staffOnly } from './staff.js';
import * as visits from './visits/index.js';

const PHONE = 'phone' as const;

/** The family (a visitor account) as the visit functions see it, if it is linked to someone in the staff's prison. */
async function familyInScope(ctx: AppContext, staff: Principal, userId: string): Promise<Principal> {
  const code = staffOnly(staff);
  const linked = await ctx.store.db
    .selectFrom('links')
    .innerJoin('users', 'users.id', 'links.user_id')
    .select('links.id')
    .where('links.user_id', '=', userId)
    .where('users.role', '=', 'visitor')
    .where('links.prison_code', '=', code)
    .where('links.status', '=', 'approved')
    .executeTakeFirst();
  // No hint whether the account exists elsewhere.
  if (!linked) throw notFound('That person');
  return { id: userId, role: 'visitor' };
}

/** Families linked to people in the staff's prison, by exact email or by the person's prison number. */
export async function findFamilies(
  ctx: AppContext,
  staff: Principal,
  query: { email?: string | undefined; prisonNumber?: string | undefined },
): Promise<z.infer<typeof O.StaffFamily>[]> {
  const code = staffOnly(staff);
  let q = ctx.store.db
    .selectFrom('links')
    .innerJoin('users', 'users.id', 'links.user_id')
    .innerJoin('prisoners', 'prisoners.id', 'links.prisoner_id')
    .select([
      'links.id as link_id',
      'links.relationship',
      'links.banned_until',
      'users.id as user_id',
      'users.email',
      'users.first_name as user_first',
      'users.last_name as user_last',
      'users.language',
      'prisoners.id as prisoner_id',
      'prisoners.first_name',
      'prisoners.last_name',
      'prisoners.prison_number',
    ])
    .where('links.prison_code', '=', code)
    .where('prisoners.prison_code', '=', code)
    .where('links.status', '=', 'approved')
    .where('users.role', '=', 'visitor');
  if (query.email) q = q.where('users.email', '=', query.email.toLowerCase());
  else q = q.where('prisoners.prison_number', '=', (query.prisonNumber ?? '').toUpperCase());
  const rows = await q.orderBy('users.email').orderBy('links.created_at').limit(50).execute();
  const families = new Map<string, z.infer<typeof O.StaffFamily>>();
  for (const r of rows) {
    let family = families.get(r.user_id);
    if (!family) {
      family = {
        userId: r.user_id,
        email: r.email,
        firstName: r.user_first ?? '',
        lastName: r.user_last ?? '',
        language: r.language,
        links: [],
      };
      families.set(r.user_id, family);
    }
    // the visitors as the family itself sees them (one mapping), asked as the family
    const people = await links.listLinkVisitors(ctx, { id: r.user_id, role: 'visitor' }, r.link_id);
    family.links.push({
      linkId: r.link_id,
      relationship: r.relationship,
      prisoner: {
        id: r.prisoner_id,
        firstName: r.first_name,
        lastName: r.last_name,
        prisonNumber: r.prison_number,
      },
      ...(r.banned_until ? { bannedUntil: r.banned_until } : {}),
      visitors: people,
    });
  }
  return [...families.values()];
}

/** The family's upcoming visits in the staff's prison (to change or cancel one for them). */
export async function familyVisits(ctx: AppContext, staff: Principal, userId: string) {
  const family = await familyInScope(ctx, staff, userId);
  const code = staffOnly(staff);
  return (await visits.listVisits(ctx, family, 'upcoming')).filter((v) => v.prison.code === code);
}

/** A person in the staff's prison, or not-found. */
async function prisonerInScope(ctx: AppContext, staff: Principal, prisonerId: string) {
  const prisoner = await ctx.store.db
    .selectFrom('prisoners')
    .select(['id', 'prison_code'])
    .where('id', '=', prisonerId)
    .executeTakeFirst();
  if (!prisoner || prisoner.prison_code !== staffOnly(staff)) throw notFound('That person');
  return prisoner;
}

/** Holds a session for the family (the family's one active hold: a new one releases the last). */
export async function holdFor(
  ctx: AppContext,
  staff: Principal,
  userId: string,
  input: z.infer<typeof S.HoldCreate>,
) {
  const family = await familyInScope(ctx, staff, userId);
  await prisonerInScope(ctx, staff, input.prisonerId);
  return visits.createHold(ctx, family, input);
}

export async function releaseHoldFor(ctx: AppContext, staff: Principal, userId: string, holdId: string) {
  const family = await familyInScope(ctx, staff, userId);
  await holdInScope(ctx, staff, userId, holdId);
  await visits.releaseHold(ctx, family, holdId);
}

/** A hold of this family for someone in the staff's prison (a hold made for another prison is not theirs). */
async function holdInScope(ctx: AppContext, staff: Principal, userId: string, holdId: string) {
  const hold = await ctx.store.db
    .selectFrom('holds')
    .select(['id', 'prisoner_id'])
    .where('id', '=', holdId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!hold) throw notFound('That hold');
  try {
    await prisonerInScope(ctx, staff, hold.prisoner_id);
  } catch {
    throw notFound('That hold');
  }
}

/** Confirms the family's held session as their visit, booked by the staff member by phone. */
export async function bookFor(
  ctx: AppContext,
  staff: Principal,
  userId: string,
  input: z.infer<typeof S.BookingCreate>,
) {
  const family = await familyInScope(ctx, staff, userId);
  await holdInScope(ctx, staff, userId, input.holdId);
  return visits.createBooking(ctx, family, input, { staff, method: PHONE });
}

/** The family's visit in the staff's prison, or not-found. */
async function visitInScope(ctx: AppContext, staff: Principal, userId: string, visitId: string) {
  const visit = await visits.findVisit(ctx.store.db, visitId);
  if (!visit || visit.prison_code !== staffOnly(staff) || visit.lead_user_id !== userId)
    throw notFound('That visit');
  return visit;
}

export async function changeFor(
  ctx: AppContext,
  staff: Principal,
  userId: string,
  visitId: string,
  holdId: string,
) {
  const family = await familyInScope(ctx, staff, userId);
  const visit = await visitInScope(ctx, staff, userId, visitId);
  return visits.changeVisit(ctx, family, visit.id, holdId, { staff, method: PHONE });
}

export async function cancelFor(
  ctx: AppContext,
  staff: Principal,
  userId: string,
  visitId: string,
  input: z.infer<typeof S.CancelRequest>,
) {
  const family = await familyInScope(ctx, staff, userId);
  const visit = await visitInScope(ctx, staff, userId, visitId);
  return visits.cancelVisit(ctx, family, visit.id, input, { staff, method: PHONE });
}
