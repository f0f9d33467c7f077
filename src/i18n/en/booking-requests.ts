import type { MessageTable } from '../types.js';

/**
 * Asking the prison to add someone (booking-requests.ts): linking a person the family visits, and adding someone
 * who will visit. Loaded the first time a family asks, not with the rest of the journey.
 */
export const bookingRequests = {
  'booking.link.title': 'Add someone you visit',
  'booking.link.intro':
    'Tell us who you want to visit. The prison checks the details before you can book, usually within 5 working days.',
  'booking.link.prison': 'Prison',
  'booking.link.choosePrison': 'Choose a prison',
  'booking.link.number': 'Prison number',
  'booking.link.numberHint': 'For example, A1234BC',
  'booking.link.firstName': 'First name',
  'booking.link.lastName': 'Last name',
  'booking.link.dob': 'Date of birth',
  'booking.link.dobHint': 'For example, 27 3 1985',
  'booking.link.dob.day': 'Day',
  'booking.link.dob.month': 'Month',
  'booking.link.dob.year': 'Year',
  'booking.link.relationship': 'Your relationship to them',
  'booking.link.relationshipHint': 'For example, mother, partner or friend',
  'booking.link.send': 'Send request',
  'booking.pending.title': 'Request sent',
  'booking.pending.body': 'We have asked {prison} to link you to {name}.',
  'booking.pending.next':
    'The prison usually checks requests within 5 working days. We will email you when they decide. You can book visits once the link is approved.',
  'booking.pending.backToPeople': 'Back to the people you visit',
  'booking.visitors.add.intro':
    'The prison checks everyone who visits. You can choose them for a visit once the prison has approved them.',
  'booking.visitors.add.relationship': 'Their relationship to the person in prison',
  'booking.visitors.add.relationshipHint': 'For example, son, sister or friend',
  'booking.visitors.add.send': 'Ask to add them',
  'booking.link.prisonMissing': 'Choose the prison',
  'booking.link.numberMissing': 'Enter their prison number',
  'booking.link.numberInvalid': 'Enter a prison number in the correct format, like A1234BC',
  'booking.link.firstNameMissing': 'Enter their first name',
  'booking.link.lastNameMissing': 'Enter their last name',
  'booking.link.dobMissing': 'Enter their date of birth',
  'booking.link.dobInvalid': 'Date of birth must be a real date',
  'booking.link.dobFuture': 'Date of birth must be in the past',
  'booking.link.relationshipMissing': 'Enter your relationship to them',
  'booking.link.rateLimited': 'You have sent too many requests. Try again in an hour.',
  'booking.visitors.add.relationshipMissing': 'Enter their relationship to the person in prison',
  'booking.visitors.add.sent': '{name} has been added. The prison will check them before they can visit.',
} satisfies MessageTable;
