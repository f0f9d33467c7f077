/**
 * Something went wrong that the element has already explained to the person; hosts may log or report it.
 * Carries only the stable error `code` and the message, never personal data.
 */
export class VisitErrorEvent extends Event {
  readonly code: string;
  readonly message: string;

  constructor(code: string, message: string) {
    super('visit-error', { bubbles: true, composed: true });
    this.code = code;
    this.message = message;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'visit-error': VisitErrorEvent;
  }
}
