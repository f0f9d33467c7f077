import type { MessageTable } from '../types.js';

/** The date picker, `<visit-session-calendar>` (`calendar.*`), and the time ranges shown beside a chosen time. */
export const calendar = {
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
