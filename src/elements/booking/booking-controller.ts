// The booking journey's behaviour, apart from its view: BookingController owns the state machine
// (booking-machine.ts), the tasks and every effect — API calls through src/api/family.ts, the hold, announcements
// and events. Its state, tasks and shared failure handling are in booking-core.ts; this file is the actions the
// screens call. <visit-booking> and its screens only render what it holds; a minimal host drives it in
// test/elements/booking/booking-controller.test.ts.
import { VisitApiError } from '../../api/errors.js';
import {
  createBooking,
  createHold,
  downloadCalendar,
  extendHold,
  getAllowance,
  requestCode,
  requestLink,
  requestVisitor,
  verifyCode,
  type ApprovedVisitor,
  type PrisonerLink,
  type Slot,
  type VisitType,
} from '../../api/family.js';
import { VisitBookedEvent } from '../../core/events/visit-booked.js';
import { formatTime } from '../../i18n/dates.js';
import { EMPTY_DRAFT } from './booking-machine.js';
import {
  bookingProblem,
  codeErrors,
  detailsFrom,
  fieldErrorsFrom,
  linkDraftFrom,
  newVisitorFrom,
  detailsErrors,
  emailErrors,
  linkRequestErrors,
  minutesText,
  NEW_VISITOR_FIELDS,
  newVisitorErrors,
  noAllowanceText,
  parseDateOfBirth,
  visitorErrors,
} from './booking-rules.js';

import { BookingCore } from './booking-core.js';

export type { BookingHost, Failure, FocusRequest } from './booking-core.js';

export class BookingController extends BookingCore {
  // ——— actions: sign in ———

  back(): void {
    this.dispatch({ type: 'back' });
  }

  submitEmail(data: FormData): void {
    const email = String(data.get('email') ?? '').trim();
    const errors = emailErrors(this.host.t.bind(this.host), email);
    if (errors.length) return this.showErrors(errors);
    void this.sendCode(email);
  }

  async sendCode(email: string, again = false): Promise<void> {
    const client = this.host.activeClient!;
    const t = this.host.t.bind(this.host);
    await this.run(async () => {
      try {
        await requestCode(client, email, this.actions.signal);
        this.dispatch({ type: 'code-sent', email });
        if (again) this.host.announce(t('booking.code.sentAgain', { email }));
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'rate-limited') {
          this.showErrors([{ field: 'email', message: t('booking.signIn.rateLimited') }]);
          this.report(error.code, t('booking.signIn.rateLimited'));
        } else if (error instanceof VisitApiError && error.code === 'validation') {
          this.showErrors(fieldErrorsFrom(this.host.t.bind(this.host), error, { email: 'email' }));
        } else if (!this.handleCommon(error, () => void this.sendCode(email, again))) {
          this.failWith(error);
        }
      }
    });
  }

  resendCode(): void {
    void this.sendCode(this.journey!.answers.email, true);
  }

  submitCode(data: FormData): void {
    const code = String(data.get('code') ?? '').replace(/\s+/g, '');
    const errors = codeErrors(this.host.t.bind(this.host), code);
    if (errors.length) return this.showErrors(errors);
    void this.#verify(code);
  }

  async #verify(code: string): Promise<void> {
    const client = this.host.activeClient!;
    const email = this.journey!.answers.email;
    const t = this.host.t.bind(this.host);
    await this.run(async () => {
      try {
        const signedIn = await verifyCode(client, email, code, this.actions.signal);
        // Move on first, so the session-change notification finds the journey already past sign-in.
        this.dispatch({ type: 'signed-in', email: signedIn.user.email ?? email });
        client.session = signedIn;
      } catch (error) {
        const codeError = error instanceof VisitApiError ? error.code : '';
        if (codeError === 'code-invalid' || codeError === 'code-expired' || codeError === 'rate-limited') {
          const message = t(
            codeError === 'code-invalid'
              ? 'booking.code.invalid'
              : codeError === 'code-expired'
                ? 'booking.code.expired'
                : 'booking.code.tooMany',
          );
          this.showErrors([{ field: 'code', message }]);
          this.report(codeError, message);
        } else if (error instanceof VisitApiError && error.code === 'validation') {
          this.showErrors(fieldErrorsFrom(this.host.t.bind(this.host), error, { code: 'code' }));
        } else if (!this.handleCommon(error, () => void this.#verify(code))) {
          this.failWith(error);
        }
      }
    });
  }

  // ——— actions: the person ———

  submitPrisoner(data: FormData, links: PrisonerLink[]): void {
    const linkId = String(data.get('link') ?? '');
    const link = links.find((item) => item.id === linkId && item.status === 'approved');
    const first = links.find((item) => item.status === 'approved' && !item.restrictions.bannedUntil);
    if (!link) {
      return this.showErrors([
        { field: first ? `link-${first.id}` : 'link', message: this.host.t('booking.prisoner.missing') },
      ]);
    }
    void this.#choosePrisoner(link);
  }

  async #choosePrisoner(link: PrisonerLink): Promise<void> {
    await this.run(async () => {
      try {
        const allowance = await getAllowance(this.host.activeClient!, link.prisoner.id!, this.actions.signal);
        if (allowance.remaining <= 0) {
          const t = this.host.t.bind(this.host);
          const message = noAllowanceText(t, this.host.locale, link, allowance.nextAllocation);
          this.showErrors([{ field: `link-${link.id}`, message }]);
          this.report('no-allowance', message);
          return;
        }
        this.dispatch({
          type: 'choose-prisoner',
          linkId: link.id,
          prisonerId: link.prisoner.id!,
          prisonCode: link.prisoner.prisonCode,
          allowance: { remaining: allowance.remaining, nextAllocation: allowance.nextAllocation },
        });
      } catch (error) {
        if (!this.handleCommon(error, () => void this.#choosePrisoner(link))) this.failWith(error);
      }
    });
  }

  askToLink(): void {
    this.dispatch({ type: 'request-link' });
  }

  submitLinkRequest(data: FormData): void {
    const draft = linkDraftFrom(data, this.host.prison);
    this.draft = draft;
    const errors = linkRequestErrors(this.host.t.bind(this.host), draft, this.today('Europe/London'));
    if (errors.length) return this.showErrors(errors);
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
    await this.run(async () => {
      try {
        await requestLink(this.host.activeClient!, body, this.actions.signal);
        this.dispatch({ type: 'link-requested' });
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'validation') {
          this.showErrors(
            fieldErrorsFrom(this.host.t.bind(this.host), error, {
              prisonCode: 'prisonCode',
              prisonNumber: 'prisonNumber',
              firstName: 'firstName',
              lastName: 'lastName',
              dateOfBirth: 'dob-day',
              relationship: 'relationship',
            }),
          );
        } else if (error instanceof VisitApiError && error.code === 'rate-limited') {
          const message = this.host.t('booking.link.rateLimited');
          this.fail({ message });
          this.report(error.code, message);
        } else if (!this.handleCommon(error, () => void this.#sendLinkRequest(body))) {
          this.failWith(error);
        }
      }
    });
  }

  /** From "request sent" back to the list of people, with an empty form for next time. */
  backToPeople(): void {
    this.draft = { ...EMPTY_DRAFT };
    this.dispatch({ type: 'back' });
    this.dispatch({ type: 'back' });
  }

  // ——— actions: visitors ———

  submitVisitors(data: FormData, visitors: ApprovedVisitor[]): void {
    const types = this.visitTypes;
    const type = (types.length === 1 ? types[0] : (data.get('type') as VisitType | null)) ?? undefined;
    const ids = data.getAll('visitor').map(String);
    const chosen = visitors.filter((visitor) => ids.includes(visitor.id));
    const prison = this.currentPrison;
    const errors = visitorErrors(this.host.t.bind(this.host), type, chosen, prison, this.today());
    if (errors.length) return this.showErrors(errors);
    this.dispatch({ type: 'choose-visitors', visitType: type!, visitorIds: ids });
  }

  /** "Add someone who will visit"; true once the prison has the request (the view then resets its form). */
  async addVisitor(data: FormData, linkId: string): Promise<boolean> {
    const visitor = newVisitorFrom(data);
    const parts = visitor.parts;
    const errors = newVisitorErrors(this.host.t.bind(this.host), visitor, this.today('Europe/London'));
    if (errors.length) {
      this.showErrors(errors);
      return false;
    }
    const body = {
      firstName: visitor.firstName,
      lastName: visitor.lastName,
      dateOfBirth: parseDateOfBirth(parts)!,
      relationship: visitor.relationship,
    };
    return this.#sendVisitorRequest(linkId, body);
  }

  async #sendVisitorRequest(linkId: string, body: Parameters<typeof requestVisitor>[2]): Promise<boolean> {
    let sent = false;
    await this.run(async () => {
      try {
        await requestVisitor(this.host.activeClient!, linkId, body, this.actions.signal);
        sent = true;
        this.showErrors([]);
        this.refreshing = true;
        void this.visitorsTask.run();
        this.host.announce(
          this.host.t('booking.visitors.add.sent', { name: `${body.firstName} ${body.lastName}` }),
        );
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'validation')
          this.showErrors(fieldErrorsFrom(this.host.t.bind(this.host), error, NEW_VISITOR_FIELDS));
        else if (!this.handleCommon(error, () => void this.#sendVisitorRequest(linkId, body)))
          this.failWith(error);
      }
    });
    return sent;
  }

  // ——— actions: date and time, the hold ———

  /** A time picked on the calendar (held only on Continue). */
  pickSlot(slot: Slot | undefined): void {
    this.picked = slot;
    this.changed();
  }

  submitSlot(): void {
    const machine = this.journey!;
    const slot = this.picked ?? machine.answers.slot;
    if (!slot) return this.showErrors([{ field: 'slot', message: this.host.t('booking.slot.missing') }]);
    const hold = machine.answers.hold;
    if (hold && hold.slotId === slot.id && Date.parse(hold.expiresAt) > this.host.clock.now()) {
      this.dispatch({ type: 'held', slot, hold });
      return;
    }
    void this.holdSlot(slot);
  }

  async holdSlot(slot: Slot): Promise<void> {
    const { prisonerId } = this.journey!.answers;
    const t = this.host.t.bind(this.host);
    await this.run(async () => {
      try {
        const hold = await createHold(
          this.host.activeClient!,
          { prisonerId: prisonerId!, slotId: slot.id },
          this.actions.signal,
        );
        this.dispatch({ type: 'held', slot, hold });
        this.host.announce(
          t('booking.hold.started', {
            time: minutesText(t, Date.parse(hold.expiresAt) - this.host.clock.now()),
          }),
        );
      } catch (error) {
        if (!this.handleBookingProblem(error, () => void this.holdSlot(slot))) this.failWith(error);
      }
    });
  }

  /** "Give me 10 more minutes": the hold's one extension (WCAG 2.2.1), announced with the new end. */
  async extendHold(): Promise<void> {
    const hold = this.journey?.answers.hold;
    if (!hold) return;
    const t = this.host.t.bind(this.host);
    await this.run(async () => {
      try {
        const extended = await extendHold(this.host.activeClient!, hold.id, this.actions.signal);
        this.dispatch({ type: 'hold-extended', hold: extended });
        this.rearmWarning();
        const timeZone = this.currentPrison?.timezone ?? 'Europe/London';
        this.host.announce(
          t('booking.hold.extended', { expires: formatTime(this.host.locale, extended.expiresAt, timeZone) }),
        );
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'conflict') {
          const message = t('booking.hold.extendUsed');
          this.dispatch({ type: 'hold-extended', hold }); // the backend says it was used: stop offering it
          this.fail({ message });
          this.report(error.code, message);
        } else if (!this.handleBookingProblem(error, () => void this.extendHold())) this.failWith(error);
      }
    });
  }

  /** Problems shared by holding and confirming (booking-rules.ts says what each means). */
  protected handleBookingProblem(error: unknown, retry: () => void): boolean {
    const t = this.host.t.bind(this.host);
    const problem = error instanceof VisitApiError ? bookingProblem(t, this.host.locale, error) : undefined;
    if (!problem) return this.handleCommon(error, retry);
    switch (problem.kind) {
      case 'slot-taken':
        this.dispatch({ type: 'slot-taken', alternatives: problem.alternatives });
        void this.availabilityTask.run();
        this.focus = 'heading';
        break;
      case 'hold-expired':
        this.dispatch({ type: 'hold-expired' });
        this.focus = 'heading';
        break;
      case 'failure':
        this.fail({ message: problem.message });
        break;
      case 'fields':
        this.showErrors(problem.errors);
        break;
    }
    if (problem.report) this.report((error as VisitApiError).code, problem.report);
    return true;
  }

  // ——— actions: details, check, confirm ———

  submitDetails(data: FormData): void {
    const { supportNeeds, contact, legalFirm } = detailsFrom(data);
    const errors = detailsErrors(this.host.t.bind(this.host), supportNeeds, contact, legalFirm);
    const firm = legalFirm === undefined ? {} : { legalFirm };
    // Keep what was typed even when it is not valid yet.
    this.journey = {
      ...this.journey!,
      answers: { ...this.journey!.answers, supportNeeds, contact, ...firm },
    };
    if (errors.length) return this.showErrors(errors);
    this.dispatch({ type: 'details', supportNeeds, contact, ...firm });
  }

  change(view: 'prisoner' | 'visitors' | 'slot' | 'details'): void {
    this.dispatch({ type: 'change', view });
  }

  /** Books the held time (one Idempotency-Key per attempt, kept for a retry of the same answers). */
  async confirm(): Promise<void> {
    this.dispatch({ type: 'confirm', key: crypto.randomUUID() });
    const { answers, confirmKey } = this.journey!;
    if (!answers.hold || !confirmKey) return;
    const contact = answers.contact;
    const body = {
      holdId: answers.hold.id,
      visitorIds: answers.visitorIds,
      ...(answers.supportNeeds ? { supportNeeds: answers.supportNeeds } : {}),
      ...(answers.slot?.legal && answers.legalFirm ? { legalFirm: answers.legalFirm } : {}),
      contact: {
        ...(contact.byEmail ? { email: contact.email } : {}),
        ...(contact.bySms ? { phone: contact.phone } : {}),
        welshUpdates: contact.welshUpdates,
      },
    };
    this.clearErrors();
    const t = this.host.t.bind(this.host);
    await this.run(async () => {
      try {
        const visit = await createBooking(this.host.activeClient!, body, confirmKey, this.actions.signal);
        this.dispatch({ type: 'booked', visit });
        this.host.announce(
          t(visit.status === 'requested' ? 'booking.done.requested' : 'booking.done.booked'),
        );
        this.host.dispatchEvent(
          new VisitBookedEvent({
            reference: visit.reference,
            start: visit.start,
            end: visit.end,
            type: visit.type,
          }),
        );
      } catch (error) {
        const retryable = error instanceof VisitApiError ? error.retryable : true;
        this.dispatch({ type: 'confirm-failed', retryable });
        if (error instanceof VisitApiError && error.status === 0 && error.code === 'network') {
          const message = t('booking.check.networkLost');
          this.fail({ message, retry: () => void this.confirm() });
          this.report(error.code, message);
          return;
        }
        if (!this.handleBookingProblem(error, () => void this.confirm())) this.failWith(error);
      }
    });
  }

  /** The booked visit's .ics file; `save` hands it to the person (the element owns the DOM). */
  async addToCalendar(save: (file: Blob, name: string) => void): Promise<void> {
    const visit = this.journey?.visit;
    if (!visit) return;
    await this.run(async () => {
      try {
        const blob = await downloadCalendar(this.host.activeClient!, visit.id, this.actions.signal);
        save(new Blob([blob], { type: 'text/calendar' }), `visit-${visit.reference}.ics`);
        this.host.announce(this.host.t('booking.done.calendarSaved'));
      } catch (error) {
        if (!this.handleCommon(error, () => void this.addToCalendar(save))) this.failWith(error);
      }
    });
  }

  /** "Book another visit": back to the start, the portal's preset person applied again. */
  startAgain(): void {
    this.presetTried = false;
    this.dispatch({ type: 'start-again', visitType: this.host.visitType });
  }
}
