/**
 * The person confirmed they want to leave the call. Cancelable: `preventDefault()` keeps them in the call
 * (e.g. a host that asks its own question first).
 */
export class VisitRequestLeaveEvent extends Event {
  constructor() {
    super('visit-request-leave', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-request-leave': VisitRequestLeaveEvent;
  }
}
