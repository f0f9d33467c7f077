import { defineElement } from '../../core/define.js';
import { VisitMyVisits } from './my-visits.js';

// <visit-session-calendar> is not registered here: my-visits.ts loads it with import() when a visit is changed.
defineElement('visit-my-visits', VisitMyVisits);

declare global {
  interface HTMLElementTagNameMap {
    'visit-my-visits': VisitMyVisits;
  }
}
