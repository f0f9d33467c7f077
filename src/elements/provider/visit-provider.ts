import { defineElement } from '../../core/define.js';
import { VisitProvider } from './provider.js';

defineElement('visit-provider', VisitProvider);

declare global {
  interface HTMLElementTagNameMap {
    'visit-provider': VisitProvider;
  }
}
