/**
 * Staff admitted this side to the call. Cancelable: by default `<visit-waiting-room>` then hands over to its
 * own `<visit-call>`; a host that renders the call elsewhere calls `preventDefault()` and calls `join()` on
 * its own `<visit-call visit="…">`.
 */
export class VisitAdmittedEvent extends Event {
  readonly visitId: string;

  constructor(visitId: string) {
    super('visit-admitted', { bubbles: true, composed: true, cancelable: true });
    this.visitId = visitId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-admitted': VisitAdmittedEvent;
  }
}
