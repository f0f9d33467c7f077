import { defineElement } from '../../core/define.js';
import { VisitBooking } from './booking.js';
import { VisitSessionCalendar } from './calendar.js';

defineElement('visit-session-calendar', VisitSessionCalendar);
defineElement('visit-booking', VisitBooking);

declare global {
  interface HTMLElementTagNameMap {
    'visit-booking': VisitBooking;
    'visit-session-calendar': VisitSessionCalendar;
  }
}
