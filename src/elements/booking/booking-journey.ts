// The booking journey past sign-in: the later screens' data tasks, the hold countdown and the actions those
// screens call (the person, asking to link a person, visitors, date and time, details, check answers,
// confirmation). It builds on BookingController (booking-controller.ts: the state machine, the sign-in screens and
// the failure handling every action shares) and loads with the later screens (booking-steps.ts), so the first
// screen does not wait for it.
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController } from 'lit';
import type { VisitClient } from '../../api/client.js';
import { VisitApiError } from '../../api/errors.js';
import {
  createBooking,
  createHold,
  downloadCalendar,
  extendHold,
  getAllowance,
  getAvailability,
  listLinks,
  listPrisons,
  listVisitors,
  requestLink,
  requestVisitor,
  type ApprovedVisitor,
  type Prison,
  type PrisonerLink,
  type Slot,
  type VisitType,
} from '../../api/family.js';
import { addDays, todayIn } from '../../core/dates.js';
import { VisitBookedEvent } from '../../core/events/visit-booked.js';
import { formatTime } from '../../i18n/dates.js';
// The date step's calendar registers with the later screens (one download, after the first screen has rendered).
import '../session-calendar/visit-session-calendar.js';
import type { BookingController, BookingHost } from './booking-controller.js';
import { transition } from './booking-journey-machine.js';
import type { BookingState, LinkDraft } from './booking-machine.js';
import {
  allowedTypes,
  bookingProblem,
  detailsErrors,
  detailsFrom,
  linkDraftFrom,
  linkRequestErrors,
  minutesText,
  NEW_VISITOR_FIELDS,
  newVisitorErrors,
  newVisitorFrom,
  noAllowanceText,
  parseDateOfBirth,
  visitorErrors,
} from './booking-journey-rules.js';
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

/** The later screens' tasks, hold countdown and actions, on top of the journey's BookingController. */
export class BookingJourney implements ReactiveController {
  readonly booking: BookingController;
  readonly #host: BookingHost;
  #draft: LinkDraft = { ...EMPTY_DRAFT };
  #refreshing = false;
  #timer?: ReturnType<typeof setInterval>;
  #warned = false;
  #presetUnavailable = false;
  #presetTried = false;
  #now: number;
  #picked?: Slot;
  /** The machine's state at the last update: a change re-reads the clock, a new screen forgets the picked time. */
  #seen?: BookingState;

  readonly prisonsTask: Task<readonly [VisitClient | undefined], Prison[]>;
  readonly linksTask: Task<readonly [VisitClient | undefined, boolean, string | undefined], PrisonerLink[]>;
  readonly visitorsTask: Task<readonly [VisitClient | undefined, string | undefined], ApprovedVisitor[]>;
  readonly availabilityTask;

  constructor(booking: BookingController) {
    this.booking = booking;
    const host = (this.#host = booking.host);
    booking.reduce = transition;
    this.#now = host.clock.now();
    host.addController(this);
    this.prisonsTask = new Task(host, {
      task: async ([client], { signal }) => (client ? listPrisons(client, signal) : []),
      args: () => [host.activeClient] as const,
    });
    this.linksTask = new Task(host, {
      task: async ([client, wanted], { signal }) => {
        // Off the person step the last answer is kept: check answers shows the person's name from it.
        if (!client || !wanted) return this.linksTask?.value ?? ([] as PrisonerLink[]);
        const links = await listLinks(client, signal);
        await this.#applyPrisonerPreset(links, signal);
        return links;
      },
      args: () =>
        [host.activeClient, booking.machine?.view === 'prisoner', host.activeClient?.session?.token] as const,
    });
    this.visitorsTask = new Task(host, {
      task: async ([client, linkId], { signal }) =>
        client && linkId
          ? listVisitors(client, linkId, signal)
          : (this.visitorsTask?.value ?? ([] as ApprovedVisitor[])),
      args: () =>
        [
          host.activeClient,
          booking.machine?.view === 'visitors' ? booking.machine.answers.linkId : undefined,
        ] as const,
    });
    this.availabilityTask = new Task(host, {
      task: async (
        [client, prisonerId, type, prison]: readonly [
          VisitClient | undefined,
          string | undefined,
          VisitType | undefined,
          Prison | undefined,
        ],
        { signal },
      ) => {
        if (!client || !prisonerId || !type || !prison) return undefined;
        const from = todayIn(prison.timezone, host.clock.now());
        const to = addDays(from, Math.min(prison.bookingWindow.maxNoticeDays, 61));
        return getAvailability(client, prisonerId, { type, from, to }, signal);
      },
      args: () =>
        [
          host.activeClient,
          booking.machine?.view === 'slot' ? booking.machine.answers.prisonerId : undefined,
          booking.machine?.answers.type,
          this.currentPrison,
        ] as const,
    });
  }

  // ——— what the later screens read ———

  /** The clock's time at the last change or tick (the hold countdown renders from it). */
  get now(): number {
    return this.#now;
  }
  /** The time chosen on the calendar, not yet held (forgotten when the screen changes). */
  get pendingSlot(): Slot | undefined {
    return this.#picked;
  }

  get currentPrison(): Prison | undefined {
    const code = this.booking.machine?.answers.prisonCode;
    return code ? this.prisonsTask.value?.find((prison) => prison.code === code) : undefined;
  }
  /** The portal named a person the family cannot book for. */
  get presetMissing(): boolean {
    return this.#presetUnavailable;
  }

  get linkDraft(): LinkDraft {
    return this.#draft;
  }
  /** The visitor list reloads after someone was added: it stays on screen meanwhile. */
  get refreshingVisitors(): boolean {
    return this.#refreshing;
  }
  get visitTypes(): VisitType[] {
    return allowedTypes(this.currentPrison, this.#host.visitType);
  }

  /** Today's date in `timeZone` (default the prison's) on the host's clock. */
  today(timeZone = this.currentPrison?.timezone ?? 'Europe/London'): string {
    return todayIn(timeZone, this.#host.clock.now());
  }

  // ——— lifecycle: the hold countdown ———

  hostUpdate(): void {
    const machine = this.booking.machine;
    if (machine === this.#seen) return;
    if (machine?.view !== this.#seen?.view) this.#picked = undefined;
    this.#seen = machine;
    this.#now = this.#host.clock.now();
  }

  hostUpdated(): void {
    if (this.visitorsTask.status === TaskStatus.COMPLETE) this.#refreshing = false;
    if (this.booking.machine?.answers.hold) this.#startTimer();
    else this.#stopTimer();
  }

  hostDisconnected(): void {
    this.#stopTimer();
  }

  #startTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.tick(), 1000);
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#warned = false;
  }

  /** One second of the hold: warns two minutes before it ends, goes back to the times when it has. */
  tick(): void {
    this.#now = this.#host.clock.now();
    this.booking.changed();
    const hold = this.booking.machine?.answers.hold;
    if (!hold) return;
    const left = Date.parse(hold.expiresAt) - this.#now;
    const t = this.#host.t.bind(this.#host);
    if (left <= 0) {
      this.#stopTimer();
      this.booking.dispatch({ type: 'hold-expired' });
      this.booking.report('hold-expired', t('booking.slot.holdExpired'));
    } else if (left <= 120_000 && !this.#warned) {
      this.#warned = true;
      const key = this.booking.machine?.answers.holdExtended
        ? 'booking.hold.warning'
        : 'booking.hold.warningExtend';
      this.#host.announce(t(key, { time: minutesText(t, left) }));
    }
  }

  // ——— actions: the person ———

  submitPrisoner(data: FormData, links: PrisonerLink[]): void {
    const linkId = String(data.get('link') ?? '');
    const link = links.find((item) => item.id === linkId && item.status === 'approved');
    const first = links.find((item) => item.status === 'approved' && !item.restrictions.bannedUntil);
    if (!link) {
      return this.booking.showErrors([
        { field: first ? `link-${first.id}` : 'link', message: this.#host.t('booking.prisoner.missing') },
      ]);
    }
    void this.#choosePrisoner(link);
  }

  async #choosePrisoner(link: PrisonerLink): Promise<void> {
    await this.booking.run(async () => {
      try {
        await this.#chooseIfAllowed(link, this.booking.signal);
      } catch (error) {
        if (!this.booking.handleCommon(error, () => void this.#choosePrisoner(link)))
          this.booking.failWith(error);
      }
    });
  }

  /**
   * Chooses the person if their allowance has a visit left; otherwise says from when it has (and, when the family
   * chose them rather than the portal, tells the host page).
   */
  async #chooseIfAllowed(link: PrisonerLink, signal: AbortSignal, preset = false): Promise<void> {
    const allowance = await getAllowance(this.#host.activeClient!, link.prisoner.id!, signal);
    if (allowance.remaining <= 0) {
      const t = this.#host.t.bind(this.#host);
      const message = noAllowanceText(t, this.#host.locale, link, allowance.nextAllocation);
      this.booking.showErrors([{ field: `link-${link.id}`, message }]);
      if (!preset) this.booking.report('no-allowance', message);
      return;
    }
    this.booking.dispatch({
      type: 'choose-prisoner',
      linkId: link.id,
      prisonerId: link.prisoner.id!,
      prisonCode: link.prisoner.prisonCode,
      allowance: { remaining: allowance.remaining, nextAllocation: allowance.nextAllocation },
      ...(preset ? { preset } : {}),
    });
  }

  askToLink(): void {
    this.booking.dispatch({ type: 'request-link' });
  }

  /** "Book another visit": back to the start, the portal's preset person applied again. */
  startAgain(): void {
    this.#presetTried = false;
    this.booking.dispatch({ type: 'start-again', visitType: this.#host.visitType });
  }

  /** A portal named the person: choose them without showing the step, if they can be booked now. */
  async #applyPrisonerPreset(links: PrisonerLink[], signal: AbortSignal): Promise<void> {
    const wanted = this.#host.prisoner?.trim().toUpperCase();
    if (!wanted || this.#presetTried || !this.booking.machine) return;
    this.#presetTried = true;
    const link = links.find(
      (item) =>
        item.status === 'approved' &&
        (item.prisoner.prisonNumber.toUpperCase() === wanted || item.prisoner.id?.toUpperCase() === wanted),
    );
    if (!link || link.restrictions.bannedUntil) {
      this.#presetUnavailable = true;
      this.booking.changed();
      return;
    }
    await this.#chooseIfAllowed(link, signal, true);
  }

  // ——— actions: asking to link a person ———

  submitLinkRequest(data: FormData): void {
    const draft = linkDraftFrom(data, this.#host.prison);
    this.#draft = draft;
    const errors = linkRequestErrors(this.#host.t.bind(this.#host), draft, this.today('Europe/London'));
    if (errors.length) return this.booking.showErrors(errors);
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
    await this.booking.run(async () => {
      try {
        await requestLink(this.#host.activeClient!, body, this.booking.signal);
        this.booking.dispatch({ type: 'link-requested' });
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'validation') {
          this.booking.showErrors(
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
          this.booking.fail({ message });
          this.booking.report(error.code, message);
        } else if (!this.booking.handleCommon(error, () => void this.#sendLinkRequest(body))) {
          this.booking.failWith(error);
        }
      }
    });
  }

  /** From "request sent" back to the list of people, with an empty form for next time. */
  backToPeople(): void {
    this.#draft = { ...EMPTY_DRAFT };
    this.booking.dispatch({ type: 'back' });
    this.booking.dispatch({ type: 'back' });
  }

  // ——— actions: visitors ———

  submitVisitors(data: FormData, visitors: ApprovedVisitor[]): void {
    const types = this.visitTypes;
    const type = (types.length === 1 ? types[0] : (data.get('type') as VisitType | null)) ?? undefined;
    const ids = data.getAll('visitor').map(String);
    const chosen = visitors.filter((visitor) => ids.includes(visitor.id));
    const prison = this.currentPrison;
    const errors = visitorErrors(this.#host.t.bind(this.#host), type, chosen, prison, this.today());
    if (errors.length) return this.booking.showErrors(errors);
    this.booking.dispatch({ type: 'choose-visitors', visitType: type!, visitorIds: ids });
  }

  /** "Add someone who will visit"; true once the prison has the request (the view then resets its form). */
  async addVisitor(data: FormData, linkId: string): Promise<boolean> {
    const visitor = newVisitorFrom(data);
    const parts = visitor.parts;
    const errors = newVisitorErrors(this.#host.t.bind(this.#host), visitor, this.today('Europe/London'));
    if (errors.length) {
      this.booking.showErrors(errors);
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
    await this.booking.run(async () => {
      try {
        await requestVisitor(this.#host.activeClient!, linkId, body, this.booking.signal);
        sent = true;
        this.booking.showErrors([]);
        this.#refreshing = true;
        void this.visitorsTask.run();
        this.#host.announce(
          this.#host.t('booking.visitors.add.sent', { name: `${body.firstName} ${body.lastName}` }),
        );
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'validation')
          this.booking.showErrors(fieldErrorsFrom(this.#host.t.bind(this.#host), error, NEW_VISITOR_FIELDS));
        else if (!this.booking.handleCommon(error, () => void this.#sendVisitorRequest(linkId, body)))
          this.booking.failWith(error);
      }
    });
    return sent;
  }

  // ——— actions: date and time, the hold ———

  /** A time picked on the calendar (held only on Continue). */
  pickSlot(slot: Slot | undefined): void {
    this.#picked = slot;
    this.booking.changed();
  }

  submitSlot(): void {
    const machine = this.booking.machine!;
    const slot = this.#picked ?? machine.answers.slot;
    if (!slot)
      return this.booking.showErrors([{ field: 'slot', message: this.#host.t('booking.slot.missing') }]);
    const hold = machine.answers.hold;
    if (hold && hold.slotId === slot.id && Date.parse(hold.expiresAt) > this.#host.clock.now()) {
      this.booking.dispatch({ type: 'held', slot, hold });
      return;
    }
    void this.holdSlot(slot);
  }

  async holdSlot(slot: Slot): Promise<void> {
    const { prisonerId } = this.booking.machine!.answers;
    const t = this.#host.t.bind(this.#host);
    await this.booking.run(async () => {
      try {
        const hold = await createHold(
          this.#host.activeClient!,
          { prisonerId: prisonerId!, slotId: slot.id },
          this.booking.signal,
        );
        this.booking.dispatch({ type: 'held', slot, hold });
        this.#host.announce(
          t('booking.hold.started', {
            time: minutesText(t, Date.parse(hold.expiresAt) - this.#host.clock.now()),
          }),
        );
      } catch (error) {
        if (!this.#handleBookingProblem(error, () => void this.holdSlot(slot))) this.booking.failWith(error);
      }
    });
  }

  /** "Give me 10 more minutes": the hold's one extension (WCAG 2.2.1), announced with the new end. */
  async extendHold(): Promise<void> {
    const hold = this.booking.machine?.answers.hold;
    if (!hold) return;
    const t = this.#host.t.bind(this.#host);
    await this.booking.run(async () => {
      try {
        const extended = await extendHold(this.#host.activeClient!, hold.id, this.booking.signal);
        this.booking.dispatch({ type: 'hold-extended', hold: extended });
        this.#warned = false;
        const timeZone = this.currentPrison?.timezone ?? 'Europe/London';
        this.#host.announce(
          t('booking.hold.extended', {
            expires: formatTime(this.#host.locale, extended.expiresAt, timeZone),
          }),
        );
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'conflict') {
          const message = t('booking.hold.extendUsed');
          this.booking.dispatch({ type: 'hold-extended', hold }); // the backend says it was used: stop offering it
          this.booking.fail({ message });
          this.booking.report(error.code, message);
        } else if (!this.#handleBookingProblem(error, () => void this.extendHold()))
          this.booking.failWith(error);
      }
    });
  }

  /** Problems shared by holding and confirming (booking-rules.ts says what each means). */
  #handleBookingProblem(error: unknown, retry: () => void): boolean {
    const t = this.#host.t.bind(this.#host);
    const problem = error instanceof VisitApiError ? bookingProblem(t, this.#host.locale, error) : undefined;
    if (!problem) return this.booking.handleCommon(error, retry);
    switch (problem.kind) {
      case 'slot-taken':
        this.booking.dispatch({ type: 'slot-taken', alternatives: problem.alternatives });
        void this.availabilityTask.run();
        this.booking.requestFocus('heading');
        break;
      case 'hold-expired':
        this.booking.dispatch({ type: 'hold-expired' });
        this.booking.requestFocus('heading');
        break;
      case 'failure':
        this.booking.fail({ message: problem.message });
        break;
      case 'fields':
        this.booking.showErrors(problem.errors);
        break;
    }
    if (problem.report) this.booking.report((error as VisitApiError).code, problem.report);
    return true;
  }

  // ——— actions: details, check, confirm ———

  submitDetails(data: FormData): void {
    const { supportNeeds, contact, legalFirm } = detailsFrom(data);
    const errors = detailsErrors(this.#host.t.bind(this.#host), supportNeeds, contact, legalFirm);
    const firm = legalFirm === undefined ? {} : { legalFirm };
    // Keep what was typed even when it is not valid yet.
    this.booking.keepAnswers({ supportNeeds, contact, ...firm });
    if (errors.length) return this.booking.showErrors(errors);
    this.booking.dispatch({ type: 'details', supportNeeds, contact, ...firm });
  }

  change(view: 'prisoner' | 'visitors' | 'slot' | 'details'): void {
    this.booking.dispatch({ type: 'change', view });
  }

  /** Books the held time (one Idempotency-Key per attempt, kept for a retry of the same answers). */
  async confirm(): Promise<void> {
    this.booking.dispatch({ type: 'confirm', key: crypto.randomUUID() });
    const { answers, confirmKey } = this.booking.machine!;
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
    this.booking.showErrors([]);
    const t = this.#host.t.bind(this.#host);
    await this.booking.run(async () => {
      try {
        const visit = await createBooking(this.#host.activeClient!, body, confirmKey, this.booking.signal);
        this.booking.dispatch({ type: 'booked', visit });
        this.#host.announce(
          t(visit.status === 'requested' ? 'booking.done.requested' : 'booking.done.booked'),
        );
        this.#host.dispatchEvent(
          new VisitBookedEvent({
            reference: visit.reference,
            start: visit.start,
            end: visit.end,
            type: visit.type,
          }),
        );
      } catch (error) {
        const retryable = error instanceof VisitApiError ? error.retryable : true;
        this.booking.dispatch({ type: 'confirm-failed', retryable });
        if (error instanceof VisitApiError && error.status === 0 && error.code === 'network') {
          const message = t('booking.check.networkLost');
          this.booking.fail({ message, retry: () => void this.confirm() });
          this.booking.report(error.code, message);
          return;
        }
        if (!this.#handleBookingProblem(error, () => void this.confirm())) this.booking.failWith(error);
      }
    });
  }

  /** The booked visit's .ics file; `save` hands it to the person (the element owns the DOM). */
  async addToCalendar(save: (file: Blob, name: string) => void): Promise<void> {
    const visit = this.booking.machine?.visit;
    if (!visit) return;
    await this.booking.run(async () => {
      try {
        const blob = await downloadCalendar(this.#host.activeClient!, visit.id, this.booking.signal);
        save(new Blob([blob], { type: 'text/calendar' }), `visit-${visit.reference}.ics`);
        this.#host.announce(this.#host.t('booking.done.calendarSaved'));
      } catch (error) {
        if (!this.booking.handleCommon(error, () => void this.addToCalendar(save)))
          this.booking.failWith(error);
      }
    });
  }
}
