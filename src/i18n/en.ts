// English: the complete table every other locale is checked against. One file per area under en/.
import { call } from './en/call.js';
import { callScreen } from './en/call-screen.js';
import { booking } from './en/booking.js';
import { calendar } from './en/calendar.js';
import { bookingJourney } from './en/booking-journey.js';
import { bookingRequests } from './en/booking-requests.js';
import { common } from './en/common.js';
import { staff } from './en/staff.js';
import { phone } from './en/phone.js';
import { visits } from './en/visits.js';

export const en = {
  ...common,
  ...booking,
  ...calendar,
  ...bookingJourney,
  ...bookingRequests,
  ...visits,
  ...staff,
  ...phone,
  ...call,
  ...callScreen,
};

export type MessageKey = keyof typeof en;
