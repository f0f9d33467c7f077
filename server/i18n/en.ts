// The server's English texts. English is the source: every other language translates exactly these keys
// (cy.ts is typed against them, and server/test/i18n.test.ts checks each one is there and translated).

/**
 * Problem details, keyed by their English text (gettext style): a call site reads as the sentence it sends,
 * and the type makes every detail one of these. `{name}` is a variable filled when the answer is written.
 */
export const problemTexts = [
  // generic
  'Some fields are not valid.',
  'You may not do that.',
  'That was not found.',
  'That session template was not found.',
  'That excluded date was not found.',
  'That call was not found.',
  'That link was not found.',
  'That visitor was not found.',
  'That person was not found.',
  'That session was not found.',
  'That hold was not found.',
  'That visit was not found.',
  'That prison was not found.',
  'Bad request.',
  'The request body is too large.',
  'The request body is not valid JSON.',
  'The service is busy. Try again in a moment.',
  'Something went wrong on our side.',
  'There is nothing at this address.',
  'The address is not valid.',
  'The address contains a NUL character.',
  'The body contains a NUL character.',
  'Idempotency-Key must be 1–200 characters.',
  'A request with this Idempotency-Key is still being processed.',
  'to is too long.',
  'No such prisoner.',
  'No such user.',
  'The date range is back to front.',
  'The date range is too long.',
  // sign-in
  'The session token is missing, expired or not valid.',
  'The Authorization header must be "Bearer <token>".',
  'This device is no longer paired.',
  'This account no longer exists.',
  'Sign in first.',
  'Your role may not do that.',
  'Too many attempts. Try again later.',
  'Too many requests. Try again in an hour.',
  'Too many sign-in codes were asked for this email address. Use the last code you were sent, or ask for a new one in {minutes} minutes.',
  'That code is not valid.',
  'That code has expired. Ask for a new one.',
  'That pairing code is not valid.',
  // staff passkeys
  'Use your passkey to finish signing in.',
  'That set-up code is not valid. Ask a colleague for a new one.',
  'That passkey could not be checked. Try again, or use another passkey.',
  'That passkey request has expired or was already used. Start again.',
  'You have no passkey yet. Ask a colleague for a set-up code.',
  'Another member of staff must give you your set-up code.',
  // booking
  'Unknown prison.',
  'The prison has not approved your link to this person yet.',
  'No visits left until {date}.',
  'No visits left in this period.',
  'Some visitors cannot come on this visit.',
  'The visitors do not meet this prison’s rules.',
  'That session is full or no longer available.',
  'You cannot book visits until after {date}.',
  'The hold on that session has expired or was released. Choose again.',
  'The hold on that session has expired or was released.',
  'Staff use /staff/visits.',
  'Only the person who booked can change a visit.',
  'Only a booked or requested visit can be changed.',
  'The visit has already started.',
  'Only a booked or requested visit can be cancelled.',
  // staff
  'Only prison staff may do that.',
  'This has already been decided.',
  'The details did not match anyone in this prison, so the link can only be rejected.',
  'A cancelled visit has no outcome.',
  'An outcome has already been recorded for this visit.',
  'Only a booked visit can have an outcome.',
  'Booked visits that would no longer fit: {count}. Repeat with ?confirm=true to cancel them.',
  'Booked visits on that date: {count}. Repeat with ?confirm=true to cancel them.',
  'That hold has already been extended once.',
  'This visit has ended, so it can no longer be joined or changed.',
  // data protection
  'The range ends before it starts.',
  'One export covers at most 400 days.',
  'There is no active legal hold with that id.',
  // sessions and sign-in
  'Send the body as application/json.',
  'That sign-in link is not valid.',
  'That sign-in link has expired. Ask for a new one.',
  'This session has ended. Sign in again.',
  'This session has expired. Sign in again.',
  'You were signed out after a time without activity. Sign in again.',
  'Too many wrong codes for this account. Use the link in the email, or try again later.',
  'At most {n} event streams may be open at once. Close one first.',
  'This address answers {methods} only.',
  'That device was not found.',
  // subject rights
  'Only the family member themselves may do that.',
  'There is no record of you.',
  'There is no erasure request with that id.',
  'That erasure request has already been decided.',
  'Give the reason for refusing.',
  // calls
  'That visit has no video call.',
  'Staff do not knock.',
  'Only a booked visit can be joined.',
  'The call has ended.',
  'The call has already ended.',
  'The waiting room opens at {time} on {day}.',
  'Entry to this call was refused.',
  'Staff use a monitor token.',
  'The waiting room is not open yet.',
  'You have not been admitted to this call.',
  'Nobody is waiting to be admitted.',
  'This visitor has already been admitted or refused.',
  'Video calls are not configured on this server.',
  'Video calls are not configured.',
  'The webhook signature is not valid.',
  'Quality summaries come at most every {seconds} seconds.',
  'Quality is reported by the participants of the call only.',
  // legal visits
  'A legal visit is never monitored.',
  'In a legal visit staff see the lobby only until the visitor is admitted.',
  // prison events
  'That event is still being applied. Try again in a moment.',
  'That visit is not waiting for a review.',
  // visit allowance adjustments
  'That would take the balance below zero: it is {remaining} now.',
  'That would take the balance above the most it may hold ({max}).',
  'The balance changed while you were adjusting it. Try again.',
] as const;

export type ProblemText = (typeof problemTexts)[number];

/** The `title` of each problem code (the contract's codes; an unknown code falls back to itself). */
export const problemTitles = {
  validation: 'The request is not valid',
  unauthenticated: 'Sign in needed',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  'rate-limited': 'Too many requests',
  'slot-unavailable': 'That session is no longer available',
  'hold-expired': 'The hold on that session has expired',
  'no-allowance': 'No visit allowance left',
  'visitor-limits': 'The visitors do not meet the prison’s rules',
  'link-pending': 'The link to this person is not approved yet',
  'outside-window': 'Not open at this time',
  'not-admitted': 'Not admitted to the call',
  'not-waiting': 'Nobody is waiting',
  'call-ended': 'The call has ended',
  'already-decided': 'Already decided',
  'already-recorded': 'An outcome is already recorded',
  'would-strand': 'The change would strand booked visits',
  conflict: 'Conflict',
  'code-invalid': 'The code is not valid',
  'code-expired': 'The code has expired',
  'payload-too-large': 'The request body is too large',
  'method-not-allowed': 'Method not allowed',
  'unsupported-media-type': 'The body is not JSON',
  internal: 'Something went wrong',
  unavailable: 'Temporarily unavailable',
  'legal-visit': 'This is a legal visit',
  'allowance-limit': 'The allowance cannot be adjusted by that much',
} as const;

export type ProblemCode = keyof typeof problemTitles;

/** Emails, SMS and the calendar file. */
export const messages = {
  codeSubject: 'Your visit-kit sign-in code',
  codeText:
    'Your sign-in code is {code}. It expires in 10 minutes. If you did not ask for it, ignore this email.',
  linkText: 'Or sign in with this link (it works once, for 10 minutes): {url}',
  bookedSubject: 'Visit booked: {reference}',
  bookedText: 'Your {type} visit to {prisoner} at {prison} is booked for {when}. Reference: {reference}.',
  requestedSubject: 'Visit requested: {reference}',
  requestedText:
    'Your {type} visit request to see {prisoner} at {prison} on {when} has been sent to the prison. Reference: {reference}. We will tell you when it is confirmed.',
  changedSubject: 'Visit changed: {reference}',
  changedText: 'Your visit {reference} has moved to {when}.',
  cancelledSubject: 'Visit cancelled: {reference}',
  cancelledText: 'Your visit {reference} on {when} has been cancelled. {reason}',
  approvedSubject: 'Visit confirmed: {reference}',
  approvedText: 'The prison has confirmed your visit {reference} on {when}.',
  rejectedSubject: 'Visit request not approved: {reference}',
  rejectedText: 'The prison could not approve your visit request {reference} on {when}.',
  linkDecisionSubject: 'Your request to visit someone in prison',
  linkApprovedText: 'Your request has been approved. You can now book visits.',
  linkRejectedText: 'Your request could not be approved.',
  reminderSubject: 'Reminder: your visit {reference} is soon',
  reminderText: 'Your {type} visit to {prisoner} at {prison} is on {when}. Reference: {reference}. {joining}',
  reminderVideoJoining: 'The waiting room opens 15 minutes before the start: join from your visits page.',
  reminderInPersonJoining: 'Arrive at the visitors’ centre 30 minutes early and bring photo ID.',
  typeVideo: 'video',
  typeInPerson: 'in-person',
  // why a visit was cancelled (the contract's CancelReason codes, in words)
  // the same, when the prison's staff did it for the family (a phone booking)
  bookedByStaffText:
    'The prison booked your {type} visit to {prisoner} at {prison} by phone for {when}. Reference: {reference}.',
  requestedByStaffText:
    'The prison sent your {type} visit request to see {prisoner} at {prison} on {when}, taken by phone. Reference: {reference}. We will tell you when it is confirmed.',
  changedByStaffText: 'The prison changed your visit {reference} by phone: it is now on {when}.',
  cancelledByStaffText: 'The prison cancelled your visit {reference} on {when}, as asked by phone. {reason}',
  'reason.booker-cancelled': 'You cancelled it.',
  'reason.visitor-cancelled': 'The visitor cancelled it.',
  'reason.prisoner-cancelled': 'The person in prison cancelled it.',
  'reason.establishment-cancelled': 'The prison cancelled it.',
  'reason.administrative': 'It was cancelled for administrative reasons.',
  'reason.details-changed': 'It was cancelled because its details changed.',
  'reason.other': 'It was cancelled.',
  // a visit put in doubt by a change the prison reported (server/prison-events.ts)
  reviewSubject: 'Your visit {reference} needs checking',
  reviewText:
    'Your {type} visit to {prisoner} on {when} may need to change. {reason} The prison will contact you about it. You do not need to do anything now; if you no longer want the visit, you can cancel it from your visits page. Reference: {reference}.',
  keptSubject: 'Your visit {reference} goes ahead',
  keptText: 'The prison has checked your visit {reference} on {when}: it goes ahead as booked.',
  'review.prisoner-moved': '{prisoner} has moved to another prison.',
  'review.prisoner-away': '{prisoner} is away from the prison for a time.',
  'review.visit-conditions': 'The prison has changed the conditions for visits with {prisoner}.',
  'review.visitor-restricted': 'A visitor on this booking may not be able to visit on that date.',
  'review.prison-arrangements': 'The prison needs to check the arrangements for this visit.',
  // what to do next, after a visit the prison cancelled because of a reported change
  'why.prisoner-released':
    '{prisoner} has been released from prison, so the visit cannot take place. You do not need to do anything.',
  'why.visits-ban':
    'Visits with {prisoner} are stopped until after {until}. You can book again after that date.',
  'why.visits-ban-open':
    'Visits with {prisoner} are stopped for now. The prison will tell you when you can book again.',
  'why.visitor-banned':
    'A visitor on this booking may not visit until after {until}. You can book a new visit after that date.',
  'why.session-blocked': 'That session will not run. You can book another session from your visits page.',
  'why.date-excluded':
    'The prison is closed for visits that day. You can book another day from your visits page.',
  // the calendar file
  icsSummaryVideo: 'Video visit: {prisoner}',
  icsSummaryInPerson: 'Visit: {prisoner}',
  icsDescription: 'Reference {reference}. {prison}.',
  icsLocationVideo: 'Video call',
} as const;

export type MessageKey = keyof typeof messages;
