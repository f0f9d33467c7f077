/**
 * The person's answers on the current screen did not pass its checks, and the error summary now lists what to
 * fix. It fires each time the summary is shown, for checks in the browser and for field errors the backend
 * sent back. A host page can follow GOV.UK and put "Error: " before its `document.title`, then take it away on
 * the next `visit-step-change` (the family moved on). Carries the fields' ids and the number of errors, never
 * what the person typed.
 */
export class VisitValidationErrorEvent extends Event {
  /** The ids of the fields with an error, in the summary's order. */
  readonly fields: readonly string[];

  constructor(fields: readonly string[]) {
    super('visit-validation-error', { bubbles: true, composed: true });
    this.fields = [...fields];
  }

  /** How many errors the summary lists. */
  get count(): number {
    return this.fields.length;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-validation-error': VisitValidationErrorEvent;
  }
}
