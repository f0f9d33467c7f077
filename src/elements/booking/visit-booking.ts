import { defineElement } from '../../core/define.js';
import { VisitBooking } from './booking.js';

// <visit-session-calendar> registers itself when the journey reaches the date step (visit-session-calendar.ts).
defineElement('visit-booking', VisitBooking);

declare global {
  interface HTMLElementTagNameMap {
    'visit-booking': VisitBooking;
  }
}
