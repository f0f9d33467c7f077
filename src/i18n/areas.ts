// Translations come in areas (common, booking, visits, staff, call), each in English and Welsh. An element
// names the areas it uses (`static messages`), so a page that only books never downloads the staff console's
// or the call's strings.
import { booking as cyBooking } from './cy/booking.js';
import { call as cyCall } from './cy/call.js';
import { common as cyCommon } from './cy/common.js';
import { staff as cyStaff } from './cy/staff.js';
import { visits as cyVisits } from './cy/visits.js';
import { booking as enBooking } from './en/booking.js';
import { call as enCall } from './en/call.js';
import { common as enCommon } from './en/common.js';
import { staff as enStaff } from './en/staff.js';
import { visits as enVisits } from './en/visits.js';
import type { MessageTable } from './types.js';

/** One area's strings in every shipped language. */
export interface MessageArea {
  readonly en: MessageTable;
  readonly cy: MessageTable;
}

export const commonMessages: MessageArea = { en: enCommon, cy: cyCommon };
/** The booking journey, the session calendar and the shared form texts. */
export const bookingMessages: MessageArea = { en: enBooking, cy: cyBooking };
export const visitsMessages: MessageArea = { en: enVisits, cy: cyVisits };
export const staffMessages: MessageArea = { en: enStaff, cy: cyStaff };
/** The waiting room and the call. */
export const callMessages: MessageArea = { en: enCall, cy: cyCall };
