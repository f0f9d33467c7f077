/**
 * The family asked to join a video visit that is open. Cancelable: a host that shows its own waiting
 * room calls `preventDefault()`; otherwise `<visit-my-visits>` navigates to its `join-url`, if set.
 */
export class VisitJoinRequestedEvent extends Event {
  readonly visitId: string;

  constructor(visitId: string) {
    super('visit-join-requested', { bubbles: true, composed: true, cancelable: true });
    this.visitId = visitId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-join-requested': VisitJoinRequestedEvent;
  }
}
