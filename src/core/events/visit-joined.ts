/** This side is connected to the call room (camera and microphone publishing as chosen). */
export class VisitJoinedEvent extends Event {
  readonly visitId: string;

  constructor(visitId: string) {
    super('visit-joined', { bubbles: true, composed: true });
    this.visitId = visitId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-joined': VisitJoinedEvent;
  }
}
