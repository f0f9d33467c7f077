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
  type ApprovedVisitor,
  type Prison,
  type PrisonerLink,
  type Slot,
  type VisitType,
} from '../../api/family.js';
import { addDays, todayIn } from '../../core/dates.js';
import { VisitBookedEvent } from '../../core/events/visit-booked.js';
import type { MessageArea } from '../../i18n/areas.js';
import { calendarMessages } from '../../i18n/calendar.js';
import { formatTime } from '../../i18n/dates.js';
import { loadAreas } from '../../i18n/index.js';
// The date step's calendar registers with the later screens (one download, after the first screen has rendered).
import '../session-calendar/visit-session-calendar.js';
import type { BookingController, BookingHost } from './booking-controller.js';
import { transition } from './booking-journey-machine.js';
import type { BookingState } from './booking-machine.js';
import type { RequestsView } from './booking-request-steps.js';
import type { BookingView } from './booking-view.js';
import {
  allowedTypes,
  bookingProblem,
  detailsErrors,
  detailsFrom,
  minutesText,
  noAllowanceText,
  visitorErrors,
} from './booking-journey-rules.js';

/** Asking the prison to add someone, once loaded: its screens' module, and the view its screens are handed. */
export interface LoadedRequests {
  steps: typeof import('./booking-request-steps.js');
  view(v: BookingView): RequestsView;
}

/** The later screens' tasks, hold countdown and actions, on top of the journey's BookingController. */
export class BookingJourney implements ReactiveController {
  readonly booking: BookingController;
  readonly #host: BookingHost;
  #refreshing = false;
  #timer?: ReturnType<typeof setInterval>;
  #warned = false;
  #presetUnavailable = false;
  #presetTried = false;
  #now: number;
  #picked?: Slot;
  #requests?: LoadedRequests;
  #requestsLoading?: Promise<void>;
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

  /** Asking the prison to add someone: there once loaded (see {@link loadRequests}). */
  get requests(): LoadedRequests | undefined {
    return this.#requests;
  }
  /** While asking the prison to add someone is loading. */
  get requestsLoading(): Promise<void> | undefined {
    return this.#requestsLoading;
  }
  /**
   * The string areas the later screens use beyond their own (the element keeps them loaded): the date picker's,
   * whose time ranges they show too, and asking the prison's once that has loaded.
   */
  get messageAreas(): readonly MessageArea[] {
    return this.#requests
      ? [calendarMessages, this.#requests.steps.bookingRequestsMessages]
      : [calendarMessages];
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
    if (machine?.view === 'link-request' || machine?.view === 'link-pending') void this.loadRequests();
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

  // ——— asking the prison to add someone ———

  /**
   * Loads the screens and actions of asking the prison to add someone, with their strings, once (again after a
   * failed try: offline, a new deployment). The linking screens and the "Add someone who will visit" form ask.
   */
  loadRequests(): Promise<void> {
    if (this.#requests) return Promise.resolve();
    if (this.#requestsLoading) return this.#requestsLoading;
    this.#requestsLoading = import('./booking-request-steps.js').then(
      async (steps) => {
        await loadAreas([steps.bookingRequestsMessages], this.#host.locale);
        const actions = new steps.BookingRequests(this);
        this.#requests = {
          steps,
          view: (v) => ({ ...v, prisons: this.prisonsTask.value ?? [], requests: actions }),
        };
        this.#requestsLoading = undefined;
        this.booking.changed();
      },
      (error: unknown) => {
        this.#requestsLoading = undefined;
        this.booking.fail({
          message: this.#host.describeError(error),
          retry: () => {
            this.booking.fail(undefined);
            void this.loadRequests();
          },
        });
      },
    );
    this.booking.changed(); // shows that it is loading
    return this.#requestsLoading;
  }

  /** Someone was added: the visitor list loads again, and stays on screen meanwhile. */
  reloadVisitors(): void {
    this.#refreshing = true;
    void this.visitorsTask.run();
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
