// The booking journey's core, under BookingController (booking-controller.ts, its actions): a Lit
// ReactiveController holding the state machine (booking-machine.ts), the data tasks (@lit/task), the hold
// countdown (on the host's clock), focus requests and the failure handling all actions share.
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VisitClient } from '../../api/client.js';
import type { Clock } from '../../api/clock.js';
import { VisitApiError } from '../../api/errors.js';
import {
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
import { VisitErrorEvent } from '../../core/events/visit-error.js';
import { VisitStepChangeEvent } from '../../core/events/visit-step-change.js';
import { VisitValidationErrorEvent } from '../../core/events/visit-validation-error.js';
import type { MessageKey, Variables } from '../../i18n/index.js';
import {
  EMPTY_DRAFT,
  initialState,
  progress,
  transition,
  type BookingEvent,
  type BookingState,
  type LinkDraft,
  type View,
} from './booking-machine.js';
import { allowedTypes, minutesText, noAllowanceText } from './booking-rules.js';
import type { FormError } from '../shared/form-errors.js';

/** What the controller needs of its element: the client, clock, language, texts and a live region. */
export interface BookingHost extends ReactiveControllerHost, EventTarget {
  readonly activeClient: VisitClient | undefined;
  readonly clock: Clock;
  readonly locale: string;
  /** Narrow to one prison (code). */
  readonly prison?: string;
  readonly visitType?: VisitType;
  /** The person a portal named (prison number or id). */
  readonly prisoner?: string;
  t(key: MessageKey, variables?: Variables): string;
  announce(message: string): void;
  /** Text for any failure; also tells the host page with `visit-error`. */
  describeError(error: unknown): string;
}

/** A step-level failure with a way forward (shown as a notice, announced). */
export interface Failure {
  message: string;
  retry?: () => void;
}

/** Where focus goes after the next render (the element moves it: it owns the DOM). */
export type FocusRequest = 'heading' | 'summary';

const signInViews: readonly View[] = ['sign-in', 'code'];

/** The journey's state, data tasks, lifecycle, hold countdown and the failure handling every action shares. */
export class BookingCore implements ReactiveController {
  readonly host: BookingHost;

  protected journey?: BookingState;
  #errors: FormError[] = [];
  #failure?: Failure;
  #busy = false;
  #now: number;
  protected picked?: Slot;
  protected draft: LinkDraft = { ...EMPTY_DRAFT };
  protected presetUnavailable = false;
  protected refreshing = false;
  protected focus?: FocusRequest;
  #lastView?: View;
  #timer?: ReturnType<typeof setInterval>;
  #warned = false;
  protected presetTried = false;
  protected actions = new AbortController();

  readonly prisonsTask: Task<readonly [VisitClient | undefined], Prison[]>;
  readonly linksTask: Task<readonly [VisitClient | undefined, boolean, string | undefined], PrisonerLink[]>;
  readonly visitorsTask: Task<readonly [VisitClient | undefined, string | undefined], ApprovedVisitor[]>;
  readonly availabilityTask;

  constructor(host: BookingHost) {
    this.host = host;
    this.#now = host.clock.now();
    // Added before the tasks, so hostUpdate() starts the machine before they read their arguments.
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
        [host.activeClient, this.journey?.view === 'prisoner', host.activeClient?.session?.token] as const,
    });
    this.visitorsTask = new Task(host, {
      task: async ([client, linkId], { signal }) =>
        client && linkId
          ? listVisitors(client, linkId, signal)
          : (this.visitorsTask?.value ?? ([] as ApprovedVisitor[])),
      args: () =>
        [
          host.activeClient,
          this.journey?.view === 'visitors' ? this.journey.answers.linkId : undefined,
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
        // The calendar element arrives with the sessions, not with the first step.
        const [availability] = await Promise.all([
          getAvailability(client, prisonerId, { type, from, to }, signal),
          import('../session-calendar/visit-session-calendar.js'),
        ]);
        return availability;
      },
      args: () =>
        [
          host.activeClient,
          this.journey?.view === 'slot' ? this.journey.answers.prisonerId : undefined,
          this.journey?.answers.type,
          this.currentPrison,
        ] as const,
    });
  }

  // ——— what the view reads ———

  get machine(): BookingState | undefined {
    return this.journey;
  }
  get errors(): readonly FormError[] {
    return this.#errors;
  }
  get failure(): Failure | undefined {
    return this.#failure;
  }
  /** An action is under way (buttons are disabled, their text says so). */
  get busy(): boolean {
    return this.#busy;
  }
  /** The clock's time at the last tick (the hold countdown renders from it). */
  get now(): number {
    return this.#now;
  }
  /** The time chosen on the calendar, not yet held. */
  get pendingSlot(): Slot | undefined {
    return this.picked;
  }
  get linkDraft(): LinkDraft {
    return this.draft;
  }
  /** The portal named a person the family cannot book for. */
  get presetMissing(): boolean {
    return this.presetUnavailable;
  }
  /** The visitor list reloads after someone was added: it stays on screen meanwhile. */
  get refreshingVisitors(): boolean {
    return this.refreshing;
  }
  get currentPrison(): Prison | undefined {
    const code = this.journey?.answers.prisonCode;
    return code ? this.prisonsTask.value?.find((prison) => prison.code === code) : undefined;
  }
  get visitTypes(): VisitType[] {
    return allowedTypes(this.currentPrison, this.host.visitType);
  }

  /** Where the last change wants focus; the element moves it after rendering, then calls `focusMoved()`. */
  get focusRequest(): FocusRequest | undefined {
    return this.focus;
  }
  focusMoved(): void {
    this.focus = undefined;
  }

  // ——— lifecycle ———

  hostConnected(): void {
    if (this.actions.signal.aborted) this.actions = new AbortController();
  }

  hostDisconnected(): void {
    this.actions.abort();
    this.#stopTimer();
  }

  hostUpdate(): void {
    const client = this.host.activeClient;
    if (!this.journey && client) {
      const user = client.session?.user;
      this.journey = initialState({
        signedIn: client.signedIn,
        email: typeof user?.email === 'string' ? user.email : undefined,
        visitType: this.host.visitType,
      });
    }
  }

  hostUpdated(): void {
    const machine = this.journey;
    if (!machine) return;
    if (this.visitorsTask.status === TaskStatus.COMPLETE) this.refreshing = false;
    if (machine.view !== this.#lastView) {
      const first = this.#lastView === undefined;
      this.#lastView = machine.view;
      const where = progress(machine);
      this.host.dispatchEvent(
        new VisitStepChangeEvent({
          step: where?.step ?? 'confirmation',
          view: machine.view,
          index: where?.index ?? 0,
          total: where?.total ?? 0,
        }),
      );
      // Never steal focus from the host page on first render; afterwards each screen starts at its heading.
      if (!first && this.focus !== 'summary') this.focus = 'heading';
    }
    if (machine.answers.hold) this.#startTimer();
    else this.#stopTimer();
  }

  /** The client's session was set or cleared (signed out elsewhere, or signed in by a portal). */
  sessionChanged(): void {
    const machine = this.journey;
    const client = this.host.activeClient;
    if (!machine || !client) return;
    const signingIn = signInViews.includes(machine.view);
    if (!client.signedIn && !signingIn && machine.view !== 'confirmation') {
      this.dispatch({ type: 'signed-out' });
      this.fail({ message: this.host.t('common.signInRequired') });
      this.host.announce(this.host.t('common.signInRequired'));
    } else if (client.signedIn && signingIn) {
      this.dispatch({ type: 'signed-in' });
    }
  }

  // ——— state changes ———

  protected changed(): void {
    this.host.requestUpdate();
  }

  /** Feeds one event to the journey's state machine. */
  dispatch(event: BookingEvent): void {
    if (!this.journey) return;
    const before = this.journey;
    this.journey = transition(before, event);
    this.#now = this.host.clock.now();
    if (this.journey.view !== before.view) {
      this.#errors = [];
      this.#failure = undefined;
      this.picked = undefined;
    }
    this.changed();
  }

  /** Shows the error summary (focused) and the inline messages; an empty list clears them. */
  showErrors(errors: FormError[]): void {
    this.#errors = errors;
    if (errors.length) {
      this.focus = 'summary';
      // The host page may mark its title ("Error: …"), as GOV.UK pages do.
      this.host.dispatchEvent(new VisitValidationErrorEvent(errors.map((error) => error.field)));
    }
    this.changed();
  }

  /** Clears the error summary and the inline messages (a new attempt). */
  protected clearErrors(): void {
    this.#errors = [];
    this.changed();
  }

  /** A notice with a way forward, e.g. the later screens could not load. */
  fail(failure: Failure | undefined): void {
    this.#failure = failure;
    this.changed();
  }

  protected failWith(error: unknown): void {
    this.fail({ message: this.host.describeError(error) });
  }

  /** Tells the host page about a failure that was explained to the family in this element's own words. */
  protected report(code: string, message: string): void {
    this.host.dispatchEvent(new VisitErrorEvent(code, message));
    this.host.announce(message);
  }

  /** Failures every step shares: network and server trouble (with a retry), aborts, sign-in lost. True when handled. */
  protected handleCommon(error: unknown, retry: () => void): boolean {
    const failure = error instanceof VisitApiError ? error : undefined;
    if (failure?.code === 'aborted') return true;
    if (failure?.status === 401 && !this.host.activeClient?.signedIn) return true; // sessionChanged() took over
    if (failure && !failure.retryable && failure.status !== 401) return false; // the caller explains it
    const message = this.host.describeError(error);
    this.fail({ message, retry: failure?.status === 401 ? undefined : retry });
    this.host.announce(message);
    return true;
  }

  /** One action at a time; the failure notice of the previous one goes. */
  protected async run(action: () => Promise<void>): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    this.#failure = undefined;
    this.changed();
    try {
      await action();
    } finally {
      this.#busy = false;
      this.changed();
    }
  }

  /** Today's date in `timeZone` (default the prison's) on the host's clock. */
  today(timeZone = this.currentPrison?.timezone ?? 'Europe/London'): string {
    return todayIn(timeZone, this.host.clock.now());
  }

  // ——— hold countdown ———

  #startTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.tick(), 1000);
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#warned = false;
  }

  /** After an extension the two-minute warning comes again. */
  protected rearmWarning(): void {
    this.#warned = false;
  }

  /** One second of the hold: warns two minutes before it ends, goes back to the times when it has. */
  tick(): void {
    this.#now = this.host.clock.now();
    this.changed();
    const hold = this.journey?.answers.hold;
    if (!hold) return;
    const left = Date.parse(hold.expiresAt) - this.#now;
    const t = this.host.t.bind(this.host);
    if (left <= 0) {
      this.#stopTimer();
      this.dispatch({ type: 'hold-expired' });
      this.report('hold-expired', t('booking.slot.holdExpired'));
    } else if (left <= 120_000 && !this.#warned) {
      this.#warned = true;
      const key = this.journey?.answers.holdExtended ? 'booking.hold.warning' : 'booking.hold.warningExtend';
      this.host.announce(t(key, { time: minutesText(t, left) }));
    }
  }

  /** A portal named the person: choose them without showing the step, if they can be booked now. */
  async #applyPrisonerPreset(links: PrisonerLink[], signal: AbortSignal): Promise<void> {
    const wanted = this.host.prisoner?.trim().toUpperCase();
    if (!wanted || this.presetTried || !this.journey) return;
    this.presetTried = true;
    const link = links.find(
      (item) =>
        item.status === 'approved' &&
        (item.prisoner.prisonNumber.toUpperCase() === wanted || item.prisoner.id?.toUpperCase() === wanted),
    );
    if (!link || link.restrictions.bannedUntil) {
      this.presetUnavailable = true;
      this.changed();
      return;
    }
    const allowance = await getAllowance(this.host.activeClient!, link.prisoner.id!, signal);
    if (allowance.remaining <= 0) {
      const message = noAllowanceText(
        this.host.t.bind(this.host),
        this.host.locale,
        link,
        allowance.nextAllocation,
      );
      this.showErrors([{ field: `link-${link.id}`, message }]);
      return;
    }
    this.dispatch({
      type: 'choose-prisoner',
      linkId: link.id,
      prisonerId: link.prisoner.id!,
      prisonCode: link.prisoner.prisonCode,
      allowance: { remaining: allowance.remaining, nextAllocation: allowance.nextAllocation },
      preset: true,
    });
  }
}
