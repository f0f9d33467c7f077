// The strings of asking the prison to add someone, as an area of their own. Only booking-request-steps.ts names
// it, so its English rides in that chunk, which loads the first time a family asks. Defined here, not in
// areas.ts, because areas.ts is on every page and would carry these strings with it.
import type { MessageArea } from './areas.js';
import { bookingRequests } from './en/booking-requests.js';

export const bookingRequestsMessages: MessageArea = {
  en: bookingRequests,
  others: { cy: () => import('./cy/booking-requests.js').then((module) => module.bookingRequests) },
};
