import { defineElement } from '../../core/define.js';
import { VisitCall } from './call.js';

defineElement('visit-call', VisitCall);

declare global {
  interface HTMLElementTagNameMap {
    'visit-call': VisitCall;
  }
}
