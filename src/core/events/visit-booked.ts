/**
 * A visit was booked (or requested, when the prison must review it). Carries only what a host page
 * needs to say "booked" or to add analytics: no names, no visitors, no contact details.
 */
export class VisitBookedEvent extends Event {
  readonly reference: string;
  /** ISO 8601 instants. */
  readonly start: string;
  readonly end: string;
  readonly visitType: 'video' | 'in-person';

  constructor(init: { reference: string; start: string; end: string; type: 'video' | 'in-person' }) {
    super('visit-booked', { bubbles: true, composed: true });
    this.reference = init.reference;
    this.start = init.start;
    this.end = init.end;
    this.visitType = init.type;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-booked': VisitBookedEvent;
  }
}
