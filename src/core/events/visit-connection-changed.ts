/** The call connection changed phase: `connecting`, `connected`, `reconnecting` or `disconnected`. */
export class VisitConnectionChangedEvent extends Event {
  readonly phase: 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

  constructor(phase: VisitConnectionChangedEvent['phase']) {
    super('visit-connection-changed', { bubbles: true, composed: true });
    this.phase = phase;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-connection-changed': VisitConnectionChangedEvent;
  }
}
