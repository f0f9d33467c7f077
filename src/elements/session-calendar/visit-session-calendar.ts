import { defineElement } from '../../core/define.js';
import { VisitSessionCalendar } from './session-calendar.js';

// Loaded with import() when a date is to be chosen, so the first step of the journey does not wait for it.
defineElement('visit-session-calendar', VisitSessionCalendar);

declare global {
  interface HTMLElementTagNameMap {
    'visit-session-calendar': VisitSessionCalendar;
  }
}
