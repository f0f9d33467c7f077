/** What a member of staff did in `<visit-staff-console>`. */
export type StaffActionKind =
  | 'admit'
  | 'deny'
  | 'warn'
  | 'end'
  | 'incident'
  | 'outcome'
  | 'decision'
  | 'planning'
  | 'pairing'
  /** a visit booked, changed or cancelled for a family (phone bookings) */
  | 'phone-booking'
  /** a person's visit allowance adjusted (the subject is the prisoner) */
  | 'allowance';

/**
 * A member of staff completed an action in `<visit-staff-console>` and the backend accepted it. Portals use
 * it for their own activity log or to refresh other widgets. Carries only the action and the id of what it
 * acted on (a visit, or a link/visitor/booking request), never names or notes.
 */
export class VisitStaffActionEvent extends Event {
  readonly action: StaffActionKind;
  /** The visit, link, visitor or session template the action was about (for `pairing` and `allowance`, the prisoner). */
  readonly subjectId: string;

  constructor(action: StaffActionKind, subjectId: string) {
    super('visit-staff-action', { bubbles: true, composed: true });
    this.action = action;
    this.subjectId = subjectId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-staff-action': VisitStaffActionEvent;
  }
}
