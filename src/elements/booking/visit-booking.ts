import { defineElement } from '../../core/define.js';
import { VisitBooking } from './booking.js';

// <visit-session-calendar> registers itself with the later screens (booking-journey.ts imports it).
defineElement('visit-booking', VisitBooking);

declare global {
  interface HTMLElementTagNameMap {
    'visit-booking': VisitBooking;
  }
}
