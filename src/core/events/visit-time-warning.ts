/** The call's authoritative end is `minutesLeft` minutes away (fired at 5 and at 1 minute). */
export class VisitTimeWarningEvent extends Event {
  readonly minutesLeft: number;

  constructor(minutesLeft: number) {
    super('visit-time-warning', { bubbles: true, composed: true });
    this.minutesLeft = minutesLeft;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-time-warning': VisitTimeWarningEvent;
  }
}
