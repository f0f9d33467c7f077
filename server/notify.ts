// Telling people: the prison's staff consoles (live pushes), families (email and SMS, with a calendar file),
// reminders before a visit, and the approvals queue changing. Every domain module sends through here, and
// this module depends on nothing above the DTOs, so no module has to import another to tell someone.
import ical from 'ical-generator';
import type { z } from '@hono/zod-openapi';
import type { AppContext } from './context.js';
import type { Kysely } from 'kysely';
import type { DB, UsersTable, VisitsTable } from './db.js';
import type { Message } from './outbox.js';
import type { Lang, MessageKey, Vars } from './i18n/index.js';
import { t, when } from './messages.js';
import type * as S from './schemas.js';
import { staffVisitDtos, visitDto, type StaffVisitDto, type VisitDto } from './visits/dto.js';

// ---------- staff consoles ----------

/**
 * Tells everyone watching about a changed visit: the prison's consoles (what staff see of it: call state,
 * prison number) and the family who booked it, on their own stream (`GET /family/events`, the Visit only).
 */
export async function pushToConsoles(
  ctx: AppContext,
  visit: VisitsTable,
  known?: { staff: StaffVisitDto; family: VisitDto },
) {
  const dto = known?.staff ?? (await staffVisitDtos(ctx, [visit]))[0];
  if (dto) ctx.hub.toPrison(visit.prison_code, { event: 'visit', data: dto });
  ctx.hub.toUser(visit.lead_user_id, {
    event: 'visit',
    data: known?.family ?? (await visitDto(ctx.store.db, visit)),
  });
}

/** Tells a family's own stream that one of their links (or a visitor on it) was decided. */
export function pushLinkToFamily(
  ctx: AppContext,
  userId: string,
  change: { kind: 'link' | 'visitor'; id: string; status: 'approved' | 'rejected' },
) {
  ctx.hub.toUser(userId, { event: 'link', data: change });
}

/**
 * Tells the prison's staff consoles that the approvals queue changed (a request arrived or was decided), so
 * the pending count updates without polling. The console refetches `/staff/approvals` on it.
 */
export function approvalsChanged(
  ctx: AppContext,
  prisonCode: string,
  change: z.infer<typeof S.ApprovalsChange>,
) {
  ctx.hub.toPrison(prisonCode, { event: 'approvals', data: change });
}

// ---------- families ----------

/** Tells the lead visitor about their visit, by email (with the calendar file) and by SMS when they gave a phone. */
export async function notifyFamily(ctx: AppContext, ...args: Parameters<typeof familyMessages>) {
  for (const message of familyMessages(...args)) await ctx.outbox.send(message);
}

/**
 * The same, stored in the transaction `trx` that makes the change (so the messages commit with it, and cost
 * no commit of their own); call the returned function once it has committed, to make their first attempts.
 */
export async function notifyFamilyIn(
  ctx: AppContext,
  trx: Kysely<DB>,
  ...args: Parameters<typeof familyMessages>
): Promise<() => void> {
  const stored: { attempt(): void }[] = [];
  for (const message of familyMessages(...args)) stored.push(await ctx.outbox.enqueue(trx, message));
  return () => stored.forEach((m) => m.attempt());
}

type FamilyKind =
  'booked' | 'requested' | 'changed' | 'cancelled' | 'approved' | 'rejected' | 'reminder' | 'review' | 'kept';

/** The messages of `notifyFamily`: an email, and an SMS when the family gave a phone. */
function familyMessages(
  visit: VisitDto,
  user: { email: string; language: 'en' | 'cy' },
  kind: FamilyKind,
  reason = '',
  next?: FamilyNext,
  by?: 'staff',
): Message[] {
  const lang: 'en' | 'cy' = visit.contact.welshUpdates ? 'cy' : user.language;
  const base = {
    reference: visit.reference,
    type: t(lang, visit.type === 'video' ? 'typeVideo' : 'typeInPerson'),
    prisoner: `${visit.prisoner.firstName} ${visit.prisoner.lastName}`,
    prison: visit.prison.name,
    when: when(visit.start, visit.prison.timezone, lang),
    joining: t(lang, visit.type === 'video' ? 'reminderVideoJoining' : 'reminderInPersonJoining'),
  };
  // a cancellation's reason, and what to do next when the prison said (a reported change); a review's reason
  const why = next ? ` ${t(lang, next.key, { ...base, ...next.vars })}` : '';
  const vars = {
    ...base,
    reason:
      kind === 'cancelled'
        ? cancelReason(lang, reason) + why
        : kind === 'review'
          ? t(lang, `review.${reason}` as MessageKey, base)
          : '',
  };
  const to = visit.contact.email ?? user.email;
  // Staff acting for the family (a phone booking) say so: "The prison booked your visit by phone…".
  const textKey: MessageKey =
    by === 'staff' &&
    (kind === 'booked' || kind === 'requested' || kind === 'changed' || kind === 'cancelled')
      ? `${kind}ByStaffText`
      : `${kind}Text`;
  const attach = kind === 'booked' || kind === 'changed' || kind === 'approved';
  const messages: Message[] = [
    {
      to,
      channel: 'email',
      subject: t(lang, `${kind}Subject`, vars),
      text: t(lang, textKey, vars),
      attachments: attach
        ? [
            {
              filename: `visit-${visit.reference}.ics`,
              contentType: 'text/calendar',
              content: calendar(visit, lang),
            },
          ]
        : [],
    },
  ];
  if (visit.contact.phone)
    messages.push({
      to: visit.contact.phone,
      channel: 'sms',
      subject: t(lang, `${kind}Subject`, vars),
      text: t(lang, textKey, vars),
    });
  return messages;
}

/** What to do next after a cancellation the prison made because of a reported change (server/prison-events.ts). */
export interface FamilyNext {
  key: Extract<MessageKey, `why.${string}`>;
  vars?: Vars;
}

/** Why a visit was cancelled, in words: the contract's CancelReason code, or any other reason as "cancelled". */
export function cancelReason(lang: Lang, code: string): string {
  const key = `reason.${code}`;
  const known: readonly string[] = [
    'booker-cancelled',
    'visitor-cancelled',
    'prisoner-cancelled',
    'establishment-cancelled',
    'administrative',
    'details-changed',
  ];
  return t(lang, known.includes(code) ? (key as MessageKey) : 'reason.other');
}

/** Tells a family whether the prison approved their link to a person in prison. */
export async function notifyLinkDecision(
  ctx: AppContext,
  user: Pick<UsersTable, 'email' | 'language'>,
  status: 'approved' | 'rejected',
) {
  await ctx.outbox.send({
    to: user.email,
    channel: 'email',
    subject: t(user.language, 'linkDecisionSubject'),
    text: t(user.language, status === 'approved' ? 'linkApprovedText' : 'linkRejectedText'),
  });
}

// ---------- reminders ----------

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
    await notifyFamily(ctx, await visitDto(ctx.store.db, row), user, 'reminder');
    sent += 1;
  }
  return sent;
}

// ---------- calendar ----------

/** The visit as an iCalendar event (attached to confirmations, and served at `/visits/{id}/calendar.ics`). */
export function calendar(visit: VisitDto, lang: Lang = 'en'): string {
  const cal = ical({ name: 'visit-kit', prodId: { company: 'visit-kit', product: 'visit-kit' } });
  const prisoner = `${visit.prisoner.firstName} ${visit.prisoner.lastName}`;
  cal.createEvent({
    id: `${visit.id}@visit-kit`,
    start: new Date(visit.start),
    end: new Date(visit.end),
    summary: t(lang, visit.type === 'video' ? 'icsSummaryVideo' : 'icsSummaryInPerson', { prisoner }),
    description: t(lang, 'icsDescription', { reference: visit.reference, prison: visit.prison.name }),
    location: visit.type === 'video' ? t(lang, 'icsLocationVideo') : visit.prison.name,
  });
  return cal.toString();
}
