// Asking the prison to add someone: linking a person the family visits ("Add someone you visit", then "Request
// sent"), and adding someone who will visit (the form inside the visitors step). The actions those forms call;
// their screens are booking-request-steps.ts and their rules booking-requests-rules.ts. Most bookings never ask,
// so BookingJourney loads this with import() the first time a family does.
import { VisitApiError } from '../../api/errors.js';
import { requestLink, requestVisitor } from '../../api/family-requests.js';
import type { BookingController } from './booking-controller.js';
import type { LinkDraft } from './booking-machine.js';
import {
  linkDraftFrom,
  linkRequestErrors,
  NEW_VISITOR_FIELDS,
  newVisitorErrors,
  newVisitorFrom,
  parseDateOfBirth,
} from './booking-requests-rules.js';
import { fieldErrorsFrom } from './booking-rules.js';

/** "Ask to link a person" before anything is typed. */
const EMPTY_DRAFT: LinkDraft = {
  prisonCode: '',
  prisonNumber: '',
  firstName: '',
  lastName: '',
  day: '',
  month: '',
  year: '',
  relationship: '',
};

/** What these actions use of the journey (BookingJourney, which loads them: this module does not import it). */
export interface RequestsJourney {
  readonly booking: BookingController;
  /** Today's date in `timeZone` on the host's clock. */
  today(timeZone: string): string;
  /** Loads the visitor list again (someone was added), keeping it on screen meanwhile. */
  reloadVisitors(): void;
}

/** The actions of asking the prison to add someone, on top of the journey. */
export class BookingRequests {
  readonly #journey: RequestsJourney;
  #draft: LinkDraft = { ...EMPTY_DRAFT };

  constructor(journey: RequestsJourney) {
    this.#journey = journey;
  }

  /** What the family typed into "Add someone you visit" (kept for "Request sent" and after an error). */
  get linkDraft(): LinkDraft {
    return this.#draft;
  }

  get #booking() {
    return this.#journey.booking;
  }

  get #host() {
    return this.#journey.booking.host;
  }

  // ——— linking a person ———

  submitLinkRequest(data: FormData): void {
    const draft = linkDraftFrom(data, this.#host.prison);
    this.#draft = draft;
    const errors = linkRequestErrors(
      this.#host.t.bind(this.#host),
      draft,
      this.#journey.today('Europe/London'),
    );
    if (errors.length) return this.#booking.showErrors(errors);
    void this.#sendLinkRequest({
      prisonCode: draft.prisonCode,
      prisonNumber: draft.prisonNumber,
      firstName: draft.firstName,
      lastName: draft.lastName,
      dateOfBirth: parseDateOfBirth(draft)!,
      relationship: draft.relationship,
    });
  }

  async #sendLinkRequest(body: Parameters<typeof requestLink>[1]): Promise<void> {
    const booking = this.#booking;
    await booking.run(async () => {
      try {
        await requestLink(this.#host.activeClient!, body, booking.signal);
        booking.dispatch({ type: 'link-requested' });
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'validation') {
          booking.showErrors(
            fieldErrorsFrom(this.#host.t.bind(this.#host), error, {
              prisonCode: 'prisonCode',
              prisonNumber: 'prisonNumber',
              firstName: 'firstName',
              lastName: 'lastName',
              dateOfBirth: 'dob-day',
              relationship: 'relationship',
            }),
          );
        } else if (error instanceof VisitApiError && error.code === 'rate-limited') {
          const message = this.#host.t('booking.link.rateLimited');
          booking.fail({ message });
          booking.report(error.code, message);
        } else if (!booking.handleCommon(error, () => void this.#sendLinkRequest(body))) {
          booking.failWith(error);
        }
      }
    });
  }

  /** From "request sent" back to the list of people, with an empty form for next time. */
  backToPeople(): void {
    this.#draft = { ...EMPTY_DRAFT };
    this.#booking.dispatch({ type: 'back' });
    this.#booking.dispatch({ type: 'back' });
  }

  // ——— adding someone who will visit ———

  /** "Add someone who will visit"; true once the prison has the request (the view then resets its form). */
  async addVisitor(data: FormData, linkId: string): Promise<boolean> {
    const visitor = newVisitorFrom(data);
    const errors = newVisitorErrors(
      this.#host.t.bind(this.#host),
      visitor,
      this.#journey.today('Europe/London'),
    );
    if (errors.length) {
      this.#booking.showErrors(errors);
      return false;
    }
    return this.#sendVisitorRequest(linkId, {
      firstName: visitor.firstName,
      lastName: visitor.lastName,
      dateOfBirth: parseDateOfBirth(visitor.parts)!,
      relationship: visitor.relationship,
    });
  }

  async #sendVisitorRequest(linkId: string, body: Parameters<typeof requestVisitor>[2]): Promise<boolean> {
    const booking = this.#booking;
    let sent = false;
    await booking.run(async () => {
      try {
        await requestVisitor(this.#host.activeClient!, linkId, body, booking.signal);
        sent = true;
        booking.showErrors([]);
        this.#journey.reloadVisitors();
        this.#host.announce(
          this.#host.t('booking.visitors.add.sent', { name: `${body.firstName} ${body.lastName}` }),
        );
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'validation')
          booking.showErrors(fieldErrorsFrom(this.#host.t.bind(this.#host), error, NEW_VISITOR_FIELDS));
        else if (!booking.handleCommon(error, () => void this.#sendVisitorRequest(linkId, body)))
          booking.failWith(error);
      }
    });
    return sent;
  }
}
