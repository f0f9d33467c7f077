// Cymraeg (Welsh). Each area's table is typed against English, so a missing key fails to compile (and a test).
import type { MessageKey } from './en.js';
import type { Message } from './types.js';
import { call } from './cy/call.js';
import { callScreen } from './cy/call-screen.js';
import { booking } from './cy/booking.js';
import { calendar } from './cy/calendar.js';
import { bookingJourney } from './cy/booking-journey.js';
import { bookingRequests } from './cy/booking-requests.js';
import { common } from './cy/common.js';
import { staff } from './cy/staff.js';
import { phone } from './cy/phone.js';
import { visits } from './cy/visits.js';

export const cy: Record<MessageKey, Message> = {
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
