// The date picker's strings (<visit-session-calendar>, and the time ranges the booking journey and
// <visit-my-visits> show beside a chosen time), as an area of their own: the calendar loads with the booking
// journey's later screens, so its English rides in that chunk instead of on the first screen. Defined here, not
// in areas.ts, because areas.ts is on every page and would carry these strings with it.
import type { MessageArea } from './areas.js';
import { calendar } from './en/calendar.js';

export const calendarMessages: MessageArea = {
  en: calendar,
  others: { cy: () => import('./cy/calendar.js').then((module) => module.calendar) },
};
