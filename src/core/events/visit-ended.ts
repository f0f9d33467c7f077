/** Why a visit's call ended for this side. */
export type VisitEndReason =
  'time-up' | 'ended-by-staff' | 'connection-lost' | 'left' | 'denied' | 'duplicate-identity';

/** The call is over for this side; the element now shows the matching end screen. */
export class VisitEndedEvent extends Event {
  readonly reason: VisitEndReason;

  constructor(reason: VisitEndReason) {
    super('visit-ended', { bubbles: true, composed: true });
    this.reason = reason;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-ended': VisitEndedEvent;
  }
}
