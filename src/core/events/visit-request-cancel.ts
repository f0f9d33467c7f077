import type { CancelReason } from '../../api/family.js';

/**
 * The family confirmed they want to cancel a visit (with their reason), before it is cancelled. Cancelable: a
 * host that must do something first (ask in its own words, check its own records) calls `preventDefault()`,
 * and the visit is kept.
 */
export class VisitRequestCancelEvent extends Event {
  readonly visitId: string;
  readonly reference: string;
  readonly reason: CancelReason;

  constructor(visitId: string, reference: string, reason: CancelReason) {
    super('visit-request-cancel', { bubbles: true, composed: true, cancelable: true });
    this.visitId = visitId;
    this.reference = reference;
    this.reason = reason;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-request-cancel': VisitRequestCancelEvent;
  }
}
