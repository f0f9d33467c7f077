import type { MessageTable } from '../types.js';

/**
 * `<visit-booking>`'s first screens (sign-in, the emailed code), the texts its later screens share with
 * `<visit-my-visits>` and the date picker (`calendar.*`). The rest of the journey is in booking-journey.ts.
 */
export const booking = {
  'form.errorPrefix': 'Error:',
  'booking.progress': 'Step {index} of {total}',
  'booking.working': 'Please wait…',
  'booking.signIn.title': 'Sign in to book a visit',
  'booking.signIn.intro': 'We will email you a 6-digit code. You do not need a password.',
  'booking.signIn.email': 'Email address',
  'booking.signIn.emailHint': 'We will also send your booking confirmation here.',
  'booking.signIn.emailMissing': 'Enter your email address',
  'booking.signIn.emailInvalid': 'Enter an email address in the correct format, like name@example.com',
  'booking.signIn.rateLimited': 'You have asked for too many codes. Wait 15 minutes, then try again.',
  'booking.code.title': 'Check your email',
  'booking.code.intro': 'We have sent a code to {email}. It expires in 10 minutes.',
  'booking.code.label': 'Code',
  'booking.code.hint': 'The code is 6 numbers, for example 123456',
  'booking.code.missing': 'Enter the code from the email',
  'booking.code.format': 'Enter the code as 6 numbers',
  'booking.code.invalid': 'The code is not right. Check the email and enter the code again',
  'booking.code.expired': 'That code has expired. Send a new code',
  'booking.code.tooMany': 'Too many wrong codes. Send a new code',
  'booking.code.resend': 'Send a new code',
  'booking.code.sentAgain': 'We have sent a new code to {email}',
  'booking.visitors.type': 'Visit type',
  'booking.slot.missing': 'Choose a date and time for your visit',
  'booking.slot.chosen': 'You have chosen',
  'booking.slot.taken': 'Sorry, someone else booked that time while you were choosing.',
  'booking.slot.alternatives': 'The nearest times that are still free:',
  'booking.slot.noAlternatives': 'Choose another time from the calendar.',
  'booking.check.visitors': 'Visitors',
  'calendar.noDays': 'There are no dates to choose from.',
  'calendar.previousMonth': 'Previous month',
  'calendar.nextMonth': 'Next month',
  'calendar.keyboardHint':
    'Days with free times are marked. Use the arrow keys to move between days, Page Up and Page Down to change month, and Enter to choose a day.',
  'calendar.sessionsFree': { one: '{count} time free', other: '{count} times free' },
  'calendar.dayFull': 'fully booked',
  'calendar.noSessions': 'no visits',
  'calendar.outsideWindow': 'outside the booking window',
  'calendar.windowHint': 'You can book visits {min} to {max} days ahead.',
  'calendar.reason.excluded': 'The prison is not holding visits on this day.',
  'calendar.reason.outsideWindow':
    'You cannot book this day. Visits must be booked at least {min} days and no more than {max} days ahead.',
  'calendar.reason.noSessions':
    'There are no visit sessions on this day. Choose a day that is marked as having free times.',
  'calendar.timesOn': 'Times on {date}',
  'calendar.timeRange': '{start} to {end}',
  'calendar.yourTime': '{start} to {end} your time ({zone})',
  'calendar.placesLeft': { one: '{count} place left', other: '{count} places left' },
  'calendar.slotStarted': 'Time has passed',
  'calendar.slotFull': 'Fully booked',
  'calendar.legal': 'Legal visit, for legal professionals only',
} satisfies MessageTable;
