import type { MessageTable } from '../types.js';

/**
 * `<visit-booking>`'s first screens (sign-in, the emailed code), and the texts its later screens share with
 * `<visit-my-visits>`. The rest of the journey is in booking-journey.ts, the date picker's in calendar.ts.
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
} satisfies MessageTable;
