import type { MessageTable } from '../types.js';

/**
 * The booking journey's later screens, from the person on (booking-steps.ts), and what their actions say
 * (booking-journey.ts: errors, the hold, the confirmation), loaded with them: not on the first screen.
 */
export const bookingJourney = {
  'booking.prisoner.title': 'Who are you visiting?',
  'booking.prisoner.missing': 'Select the person you are visiting',
  'booking.prisoner.none': 'You are not linked to anyone you can book visits with yet.',
  'booking.prisoner.banned': 'You cannot book visits until {date}',
  'booking.prisoner.closed': 'Visits with this person are closed visits',
  'booking.prisoner.noAllowance': '{name} has no visits left for now. You can book a visit from {date}.',
  'booking.prisoner.noAllowanceNoDate':
    '{name} has no visits left for now. Contact the prison to find out when you can book.',
  'booking.prisoner.presetMissing':
    'We could not find {prisoner} among the people you can book visits with. Choose someone below or add them.',
  'booking.prisoner.pendingTitle': 'Waiting for the prison to approve',
  'booking.prisoner.pendingItem': 'Prison number {number} at {prison}',
  'booking.prisoner.pendingHelp':
    'The prison checks every request, usually within 5 working days. We will email you when they decide.',
  'booking.prisoner.rejectedItem':
    'Prison number {number} at {prison}: the prison did not approve this request.',
  'booking.prisoner.addPerson': 'Add someone you visit',
  'booking.visitors.title': 'Visit type and visitors',
  'booking.visitors.allowance': {
    one: '{count} visit left in this allowance. Booking uses one. New visits from {date}.',
    other: '{count} visits left in this allowance. Booking uses one. New visits from {date}.',
  },
  'booking.visitors.typeQuestion': 'What type of visit do you want?',
  'booking.visitors.question': 'Who is coming to the visit?',
  'booking.visitors.limitsIntro': '{prison} allows:',
  'booking.visitors.limitTotal': {
    one: 'up to {count} visitor in total',
    other: 'up to {count} visitors in total',
  },
  'booking.visitors.limitAdults': {
    one: 'up to {count} adult (aged {age} or over)',
    other: 'up to {count} adults (aged {age} or over)',
  },
  'booking.visitors.limitChildren': {
    one: 'up to {count} child (under {age})',
    other: 'up to {count} children (under {age})',
  },
  'booking.visitors.limitOneAdult': 'at least one visitor must be {age} or over',
  'booking.visitors.adultAge': { one: 'Age {count}', other: 'Age {count}' },
  'booking.visitors.childAge': { one: 'Age {count}, child', other: 'Age {count}, child' },
  'booking.visitors.you': 'you',
  'booking.visitors.banned': 'Cannot visit until {date}',
  'booking.visitors.waiting': 'Waiting for the prison to approve this visitor',
  'booking.visitors.add.title': 'Add someone who will visit',
  'booking.slot.title': 'Choose a date and time',
  'booking.slot.intro':
    '{type}. Times are the prison’s local time ({zone}). When you continue, we hold the time for you for 10 minutes.',
  'booking.slot.hold': 'Continue',
  'booking.slot.holding': 'Holding this time…',
  'booking.slot.holdAlternative': 'Choose {slot}',
  'booking.hold.text': 'We are holding {date} at {time} for you until {expires} ({left} left).',
  'booking.hold.after':
    'If the time runs out, we release it and you choose a time again. Your answers are kept.',
  'booking.hold.extend': 'Give me 10 more minutes',
  'booking.details.legalTitle': 'Legal visit',
  'booking.details.legalText':
    'This time is for legal professionals. Legal visits are never monitored: prison staff see you only to check who you are before the visit starts.',
  'booking.details.firm': 'The firm you work for',
  'booking.details.firmHint': 'As it is registered, for example Jones & Evans Solicitors LLP',
  'booking.check.firm': 'Firm',
  'booking.details.title': 'Support and contact',
  'booking.details.support': 'Does anyone need support during the visit? (optional)',
  'booking.details.supportHint':
    'For example, step-free access, a hearing loop or a British Sign Language interpreter. Up to {count} characters.',
  'booking.details.contact': 'How should we contact you about this visit?',
  'booking.details.contactHint': 'Select all that apply.',
  'booking.details.byEmail': 'Email',
  'booking.details.email': 'Email address',
  'booking.details.bySms': 'Text message',
  'booking.details.phone': 'UK mobile number',
  'booking.details.phoneHint': 'Only needed for text messages. For example, 07700 900 982',
  'booking.details.welsh': 'Send me updates in Welsh',
  'booking.check.title': 'Check your answers before booking',
  'booking.check.prisoner': 'Person you are visiting',
  'booking.check.when': 'Date and time',
  'booking.check.support': 'Support needs',
  'booking.check.contact': 'Contact',
  'booking.check.none': 'None',
  'booking.check.welshYes': 'Updates in Welsh',
  'booking.check.nowBook': 'Now book your visit',
  'booking.check.declaration':
    'By booking, you confirm that the details are correct and that everyone coming will bring ID if they need it.',
  'booking.check.confirm': 'Book visit',
  'booking.check.booking': 'Booking your visit…',
  'booking.done.bookedTitle': 'Visit booked',
  'booking.done.requestedTitle': 'Visit requested',
  'booking.done.reference': 'Your reference number',
  'booking.done.nextTitle': 'What happens next',
  'booking.done.nextBooked':
    'We have sent the details to you. If you need to change or cancel the visit, go to your visits.',
  'booking.done.nextRequested':
    'The prison needs to check this visit before it is confirmed. We will tell you when they decide, usually within 5 working days. Do not travel until it is confirmed.',
  'booking.done.nextVideo': 'For a video visit, you can join from 15 minutes before it starts.',
  'booking.done.addToCalendar': 'Add to calendar',
  'booking.done.another': 'Book another visit',
  'booking.visitors.typeMissing': 'Select a visit type',
  'booking.visitors.missing': 'Select who is coming to the visit',
  'booking.visitors.needAdult': 'At least one visitor must be {age} or over',
  'booking.visitors.tooMany': {
    one: 'Select {count} visitor or fewer',
    other: 'Select {count} visitors or fewer',
  },
  'booking.visitors.tooManyAdults': {
    one: 'Select {count} adult or fewer',
    other: 'Select {count} adults or fewer',
  },
  'booking.visitors.tooManyChildren': {
    one: 'Select {count} child or fewer',
    other: 'Select {count} children or fewer',
  },
  'booking.slot.holdExpired':
    'We held your time for 10 minutes and the time ran out, so it was released. Choose a time again: your other answers are kept.',
  'booking.hold.warning': '{time} left to finish booking before we release your time.',
  'booking.hold.started': 'We are holding this time for you for {time}.',
  'booking.hold.warningExtend':
    '{time} left to finish booking before we release your time. You can ask for 10 more minutes once.',
  'booking.hold.extended': 'Done: we are holding this time for you until {expires}.',
  'booking.hold.extendUsed': 'You have already had more time for this hold.',
  'booking.details.supportTooLong': 'Support needs must be {count} characters or fewer',
  'booking.details.contactMissing': 'Select how we should contact you',
  'booking.details.emailInvalid': 'Enter an email address in the correct format, like name@example.com',
  'booking.details.phoneInvalid': 'Enter a UK mobile number, like 07700 900 982',
  'booking.details.firmMissing': 'Enter the name of the firm you work for',
  'booking.details.firmInvalid':
    "Firm names can only include letters, numbers, spaces and & . , ' ( ) / - and be {count} characters or fewer",
  'booking.check.networkLost':
    'We lost the connection before your booking was confirmed. Try again: it is safe, you will not be booked twice.',
  'booking.error.noAllowance': 'There are no visits left for now. You can book a visit from {date}.',
  'booking.error.noAllowanceNoDate':
    'There are no visits left for now. Contact the prison to find out when you can book.',
  'booking.error.linkPending':
    'The prison has not approved your link to this person yet, so you cannot book yet.',
  'booking.error.visitorLimits': 'The visitors do not meet the prison’s rules. Change the visitors.',
  'booking.done.booked': 'Visit booked.',
  'booking.done.requested': 'Visit requested: the prison must approve it.',
  'booking.done.calendarSaved': 'Calendar file downloaded.',
} satisfies MessageTable;
