// The booking journey's core, under BookingController (booking-controller.ts, the sign-in screens' actions): a
// Lit ReactiveController holding the state machine (booking-machine.ts), focus requests and the failure handling
// all actions share. The later screens' data tasks (@lit/task),
// hold countdown and actions (BookingJourney, booking-journey.ts) build on it once they load.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VisitClient } from '../../api/client.js';
import type { Clock } from '../../api/clock.js';
import { VisitApiError } from '../../api/errors.js';
import type { VisitType } from '../../api/family.js';
import { VisitErrorEvent } from '../../core/events/visit-error.js';
import { VisitStepChangeEvent } from '../../core/events/visit-step-change.js';
import { VisitValidationErrorEvent } from '../../core/events/visit-validation-error.js';
import type { MessageKey, Variables } from '../../i18n/index.js';
import {
  initialState,
  progress,
  signInTransition,
  type BookingEvent,
  type BookingState,
  type View,
} from './booking-machine.js';
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

/**
 * The journey's state, lifecycle and the failure handling every action shares.
 * Members without a leading `#` that the screens do not read are there for the later actions (booking-journey.ts).
 */
export class BookingCore implements ReactiveController {
  readonly host: BookingHost;

  protected journey?: BookingState;
  #errors: FormError[] = [];
  #failure?: Failure;
  #busy = false;
  #focus?: FocusRequest;
  #lastView?: View;
  #actions = new AbortController();
  /**
   * The machine's reducer: the sign-in moves until the later screens load, then all of them (BookingJourney sets
   * booking-journey-machine.ts's `transition`).
   */
  reduce: (state: BookingState, event: BookingEvent) => BookingState = signInTransition;

  constructor(host: BookingHost) {
    this.host = host;
    // Added before the journey's tasks, so hostUpdate() starts the machine before they read their arguments.
    host.addController(this);
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

  /** Where the last change wants focus; the element moves it after rendering, then calls `focusMoved()`. */
  get focusRequest(): FocusRequest | undefined {
    return this.#focus;
  }
  focusMoved(): void {
    this.#focus = undefined;
  }
  /** Asks for focus on `target` after the next render (a later screen's action: the time was taken…). */
  requestFocus(target: FocusRequest): void {
    this.#focus = target;
  }

  /** Aborted when the host disconnects: every request of an action passes it to the client. */
  get signal(): AbortSignal {
    return this.#actions.signal;
  }

  // ——— lifecycle ———

  hostConnected(): void {
    if (this.#actions.signal.aborted) this.#actions = new AbortController();
  }

  hostDisconnected(): void {
    this.#actions.abort();
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
    if (!machine || machine.view === this.#lastView) return;
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
    if (!first && this.#focus !== 'summary') this.#focus = 'heading';
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

  /** Something the screens show changed: render again. */
  changed(): void {
    this.host.requestUpdate();
  }

  /** Feeds one event to the journey's state machine. */
  dispatch(event: BookingEvent): void {
    if (!this.journey) return;
    const before = this.journey;
    this.journey = this.reduce(before, event);
    if (this.journey.view !== before.view) {
      this.#errors = [];
      this.#failure = undefined;
    }
    this.changed();
  }

  /** Keeps answers typed on the current screen even when they are not valid yet (no transition). */
  keepAnswers(answers: Partial<BookingState['answers']>): void {
    if (this.journey) this.journey = { ...this.journey, answers: { ...this.journey.answers, ...answers } };
  }

  /** Shows the error summary (focused) and the inline messages; an empty list clears them. */
  showErrors(errors: FormError[]): void {
    this.#errors = errors;
    if (errors.length) {
      this.#focus = 'summary';
      // The host page may mark its title ("Error: …"), as GOV.UK pages do.
      this.host.dispatchEvent(new VisitValidationErrorEvent(errors.map((error) => error.field)));
    }
    this.changed();
  }

  /** A notice with a way forward, e.g. the later screens could not load. */
  fail(failure: Failure | undefined): void {
    this.#failure = failure;
    this.changed();
  }

  /** The element's text for `error` as the step's failure notice. */
  failWith(error: unknown): void {
    this.fail({ message: this.host.describeError(error) });
  }

  /** Tells the host page about a failure that was explained to the family in this element's own words. */
  report(code: string, message: string): void {
    this.host.dispatchEvent(new VisitErrorEvent(code, message));
    this.host.announce(message);
  }

  /** Failures every step shares: network and server trouble (with a retry), aborts, sign-in lost. True when handled. */
  handleCommon(error: unknown, retry: () => void): boolean {
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
  async run(action: () => Promise<void>): Promise<void> {
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
}
