import { defineElement } from '../../core/define.js';
import { VisitSessionCalendar } from '../booking/calendar.js';
import { VisitMyVisits } from './my-visits.js';

defineElement('visit-session-calendar', VisitSessionCalendar);
defineElement('visit-my-visits', VisitMyVisits);

declare global {
  interface HTMLElementTagNameMap {
    'visit-my-visits': VisitMyVisits;
  }
}
