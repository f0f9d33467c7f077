// Bookings: a held session becomes a visit (booked, or requested when staff must review), in one transaction.
import type { Kysely } from 'kysely';
import type { AppContext, Principal } from '../context.js';
import type { CallsTable, DB, PrisonsTable, VisitVisitorsTable, VisitsTable } from '../db.js';
import { notifyFamilyIn, pushToConsoles, approvalsChanged } from '../notify.js';
import { ApiError, validation } from '../problems.js';
import { addDays, ageOn } from '../time.js';
import { audit, newId, newReference } from '../util.js';
import { approvedLink, getPrison, type StaffActing } from './access.js';
import { refreshAllowance } from './allowance.js';
import { staffVisitDtosFrom, visitDtosFrom } from './dto.js';
import { claimHold, consumeHold } from './holds.js';

export const WAITING_ROOM_OPENS_MINUTES = 15;

interface BookingInput {
  holdId: string;
  visitorIds: string[];
  supportNeeds?: string | undefined;
  contact: { email?: string | undefined; phone?: string | undefined; welshUpdates?: boolean | undefined };
  legalFirm?: string | undefined;
}

/** Confirms a hold as a visit; `by` when staff book it for the family (`p`), with every rule the family has. */
export async function createBooking(ctx: AppContext, p: Principal, input: BookingInput, by?: StaffActing) {
  if (new Set(input.visitorIds).size !== input.visitorIds.length)
    throw validation([{ path: 'visitorIds', message: 'Each visitor may be listed once' }]);
  const user = await ctx.store.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', p.id)
    .executeTakeFirstOrThrow();
  const booked = await ctx.store.tx(async (trx) => {
    const hold = await claimHold(ctx, trx, p, input.holdId);
    const prisoner = await trx
      .selectFrom('prisoners')
      .selectAll()
      .where('id', '=', hold.prisoner_id)
      .executeTakeFirstOrThrow();
    const prison = await getPrison(trx, prisoner.prison_code);
    const link = await approvedLink(trx, p.id, prisoner.id);
    const people = await checkVisitors(trx, user, link.id, input.visitorIds, prison, hold.date);
    // A legal visit session is booked by a legal professional, who registers with their firm; no other needs one.
    const legal = hold.legal === 1;
    if (legal && !input.legalFirm)
      throw validation([
        { path: 'legalFirm', message: 'Enter the firm you work for: this is a legal visit' },
      ]);
    if (!legal && input.legalFirm)
      throw validation([{ path: 'legalFirm', message: 'Only a legal visit session takes a firm' }]);
    const current = await refreshAllowance(ctx, trx, prisoner, prison.timezone);
    if (current.allowance_remaining <= 0)
      throw new ApiError(
        422,
        'no-allowance',
        { text: 'No visits left until {date}.', vars: { date: { date: addDays(current.period_ends, 1) } } },
        { nextAllocation: addDays(current.period_ends, 1) },
      );
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
    const row = await insertVisit(trx, {
      id: newId(),
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
      call_outcome: null,
      legal_firm: legal ? input.legalFirm! : null,
      booked_by: by?.staff.id ?? null,
      method: by?.method ?? null,
    } satisfies Omit<VisitsTable, 'reference'>);
    const visitors: VisitVisitorsTable[] = people.map((v) => ({
      visit_id: row.id,
      visitor_id: v.id,
      first_name: v.firstName,
      last_name: v.lastName,
      date_of_birth: v.dateOfBirth,
      relationship: v.relationship,
      lead: v.lead ? 1 : 0,
    }));
    await trx.insertInto('visit_visitors').values(visitors).execute();
    const call = row.type === 'video' ? newCallRow(ctx, row) : undefined;
    if (call) await trx.insertInto('calls').values(call).execute();
    await audit(ctx, trx, {
      ...actedBy(p, by),
      action: review ? 'visit.requested' : 'visit.booked',
      subject: `visit:${row.id}`,
      visitId: row.id,
      prisonCode: prison.code,
      details: {
        reference: row.reference,
        slotId: row.slot_id,
        visitors: people.length,
        ...forFamily(p, by),
      },
    });
    // The answer, the consoles' push and the family's messages are made from the rows just written (no reading
    // them back), by the same mapping every other read uses; the messages are stored with the booking.
    const calls = call ? [call] : [];
    const [dto] = visitDtosFrom([row], { visitors, prisons: [prison], prisoners: [prisoner], calls });
    const [staffDto] = staffVisitDtosFrom(ctx, [row], [dto!], {
      calls,
      rels: visitors,
      links: [link],
      prisoners: [prisoner],
    });
    const attempt = await notifyFamilyIn(
      ctx,
      trx,
      dto!,
      user,
      review ? 'requested' : 'booked',
      '',
      undefined,
      by && 'staff',
    );
    return { visit: row, dto: dto!, staffDto: staffDto!, attempt };
  });
  const { visit, dto } = booked;
  booked.attempt();
  await pushToConsoles(ctx, visit, { staff: booked.staffDto, family: dto });
  if (visit.status === 'requested')
    approvalsChanged(ctx, visit.prison_code, { kind: 'booking', id: visit.id, status: 'requested' });
  return dto;
}

/** Who the audit names as the actor: the family online, or the staff member who acted for them. */
export function actedBy(p: Principal, by: StaffActing | undefined) {
  return by ? { actor: by.staff, channel: by.method } : { actor: p };
}
/** The audit details that say which family a staff member acted for, and how. */
export function forFamily(p: Principal, by: StaffActing | undefined) {
  return by ? { forFamily: p.id, method: by.method } : {};
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

/**
 * Inserts the visit under a freshly drawn reference. A reference already taken (rare: there are 32^8) is
 * refused by the unique index and another is drawn, so no read is needed before the insert.
 */
export async function insertVisit<Row extends Omit<VisitsTable, 'reference'>>(
  db: Kysely<DB>,
  row: Row,
  draw: () => string = newReference,
): Promise<Row & { reference: string }> {
  for (let i = 0; i < 10; i++) {
    const visit = { ...row, reference: draw() };
    const inserted = await db
      .insertInto('visits')
      .values(visit)
      .onConflict((conflict) => conflict.column('reference').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return visit;
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
