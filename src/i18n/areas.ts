// Translations come in areas (common, booking, visits, staff, call). An element names the areas it uses
// (`static messages`), so a page that only books never downloads the staff console's or the call's strings.
// English is always there (the fallback); Welsh is fetched with import() the first time an element needs it,
// before that element renders, so English-only pages never download it.
import { booking as enBooking } from './en/booking.js';
import { call as enCall } from './en/call.js';
import { common as enCommon } from './en/common.js';
import { staff as enStaff } from './en/staff.js';
import { phone as enPhone } from './en/phone.js';
import { visits as enVisits } from './en/visits.js';
import type { MessageTable } from './types.js';

/**
 * One area's strings: English inline (or, for strings no first screen shows, loaded on demand like the
 * other languages, always before an element that names the area renders), other languages on demand.
 */
export interface MessageArea {
  readonly en: MessageTable | (() => Promise<MessageTable>);
  readonly others: Readonly<Record<string, () => Promise<MessageTable>>>;
}

export const commonMessages: MessageArea = {
  en: enCommon,
  others: { cy: () => import('./cy/common.js').then((module) => module.common) },
};
/** The booking journey, the session calendar and the shared form texts. */
export const bookingMessages: MessageArea = {
  en: enBooking,
  others: { cy: () => import('./cy/booking.js').then((module) => module.booking) },
};
/** The booking journey's later screens: fetched with them (booking-steps.ts), also in English. */
export const bookingJourneyMessages: MessageArea = {
  en: () => import('./en/booking-journey.js').then((module) => module.bookingJourney),
  others: { cy: () => import('./cy/booking-journey.js').then((module) => module.bookingJourney) },
};
export const visitsMessages: MessageArea = {
  en: enVisits,
  others: { cy: () => import('./cy/visits.js').then((module) => module.visits) },
};
export const staffMessages: MessageArea = {
  en: enStaff,
  others: { cy: () => import('./cy/staff.js').then((module) => module.staff) },
};
/** The staff console's Phone bookings section (acting for a family, allowance adjustments). */
export const phoneMessages: MessageArea = {
  en: enPhone,
  others: { cy: () => import('./cy/phone.js').then((module) => module.phone) },
};
/** The waiting room and the call (the call's own screen adds callScreenMessages, in call-screen.ts). */
export const callMessages: MessageArea = {
  en: enCall,
  others: { cy: () => import('./cy/call.js').then((module) => module.call) },
};
