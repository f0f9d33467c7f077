import type { MessageTable } from '../types.js';

/** `<visit-booking>` and its date picker (`calendar.*`, also used by `<visit-my-visits>`). */
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

  'booking.pending.title': 'Request sent',
  'booking.pending.body': 'We have asked {prison} to link you to {name}.',
  'booking.pending.next':
    'The prison usually checks requests within 5 working days. We will email you when they decide. You can book visits once the link is approved.',
  'booking.pending.backToPeople': 'Back to the people you visit',

  'booking.visitors.title': 'Visit type and visitors',
  'booking.visitors.type': 'Visit type',
  'booking.visitors.typeQuestion': 'What type of visit do you want?',
  'booking.visitors.typeMissing': 'Select a visit type',
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

  'booking.visitors.add.title': 'Add someone who will visit',
  'booking.visitors.add.intro':
    'The prison checks everyone who visits. You can choose them for a visit once the prison has approved them.',
  'booking.visitors.add.relationship': 'Their relationship to the person in prison',
  'booking.visitors.add.relationshipHint': 'For example, son, sister or friend',
  'booking.visitors.add.relationshipMissing': 'Enter their relationship to the person in prison',
  'booking.visitors.add.send': 'Ask to add them',
  'booking.visitors.add.sent': '{name} has been added. The prison will check them before they can visit.',

  'booking.slot.title': 'Choose a date and time',
  'booking.slot.intro':
    '{type}. Times are the prison’s local time ({zone}). When you continue, we hold the time for you for 10 minutes.',
  'booking.slot.missing': 'Choose a date and time for your visit',
  'booking.slot.chosen': 'You have chosen',
  'booking.slot.hold': 'Continue',
  'booking.slot.holding': 'Holding this time…',
  'booking.slot.holdExpired':
    'We held your time for 10 minutes and the time ran out, so it was released. Choose a time again: your other answers are kept.',
  'booking.slot.taken': 'Sorry, someone else booked that time while you were choosing.',
  'booking.slot.alternatives': 'The nearest times that are still free:',
  'booking.slot.holdAlternative': 'Choose {slot}',
  'booking.slot.noAlternatives': 'Choose another time from the calendar.',

  'booking.hold.text': 'We are holding {date} at {time} for you until {expires} ({left} left).',
  'booking.hold.after':
    'If the time runs out, we release it and you choose a time again. Your answers are kept.',
  'booking.hold.warning': '{time} left to finish booking before we release your time.',
  'booking.hold.started': 'We are holding this time for you for {time}.',
  'booking.hold.warningExtend':
    '{time} left to finish booking before we release your time. You can ask for 10 more minutes once.',
  'booking.hold.extend': 'Give me 10 more minutes',
  'booking.hold.extended': 'Done: we are holding this time for you until {expires}.',
  'booking.hold.extendUsed': 'You have already had more time for this hold.',

  'booking.details.title': 'Support and contact',
  'booking.details.support': 'Does anyone need support during the visit? (optional)',
  'booking.details.supportHint':
    'For example, step-free access, a hearing loop or a British Sign Language interpreter. Up to {count} characters.',
  'booking.details.supportTooLong': 'Support needs must be {count} characters or fewer',
  'booking.details.contact': 'How should we contact you about this visit?',
  'booking.details.contactHint': 'Select all that apply.',
  'booking.details.byEmail': 'Email',
  'booking.details.email': 'Email address',
  'booking.details.bySms': 'Text message',
  'booking.details.phone': 'UK mobile number',
  'booking.details.phoneHint': 'Only needed for text messages. For example, 07700 900 982',
  'booking.details.welsh': 'Send me updates in Welsh',
  'booking.details.contactMissing': 'Select how we should contact you',
  'booking.details.emailInvalid': 'Enter an email address in the correct format, like name@example.com',
  'booking.details.phoneInvalid': 'Enter a UK mobile number, like 07700 900 982',

  'booking.check.title': 'Check your answers before booking',
  'booking.check.prisoner': 'Person you are visiting',
  'booking.check.visitors': 'Visitors',
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
  'booking.check.networkLost':
    'We lost the connection before your booking was confirmed. Try again: it is safe, you will not be booked twice.',

  'booking.error.noAllowance': 'There are no visits left for now. You can book a visit from {date}.',
  'booking.error.noAllowanceNoDate':
    'There are no visits left for now. Contact the prison to find out when you can book.',
  'booking.error.linkPending':
    'The prison has not approved your link to this person yet, so you cannot book yet.',
  'booking.error.visitorLimits': 'The visitors do not meet the prison’s rules. Change the visitors.',

  'booking.done.bookedTitle': 'Visit booked',
  'booking.done.requestedTitle': 'Visit requested',
  'booking.done.booked': 'Visit booked.',
  'booking.done.requested': 'Visit requested: the prison must approve it.',
  'booking.done.reference': 'Your reference number',
  'booking.done.nextTitle': 'What happens next',
  'booking.done.nextBooked':
    'We have sent the details to you. If you need to change or cancel the visit, go to your visits.',
  'booking.done.nextRequested':
    'The prison needs to check this visit before it is confirmed. We will tell you when they decide, usually within 5 working days. Do not travel until it is confirmed.',
  'booking.done.nextVideo': 'For a video visit, you can join from 15 minutes before it starts.',
  'booking.done.addToCalendar': 'Add to calendar',
  'booking.done.calendarSaved': 'Calendar file downloaded.',
  'booking.done.another': 'Book another visit',

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
} satisfies MessageTable;
