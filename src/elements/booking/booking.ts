import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { VisitClient } from '../../api/client.js';
import { VisitApiError } from '../../api/errors.js';
import { VisitErrorEvent } from '../../core/events/visit-error.js';
import { VisitStepChangeEvent } from '../../core/events/visit-step-change.js';
import { VisitElement } from '../../core/visit-element.js';
import type { MessageKey } from '../../i18n/index.js';
import {
  canGoBack,
  EMAIL,
  EMPTY_DRAFT,
  initialState,
  progress,
  transition,
  type BookingEvent,
  type BookingState,
  type LinkDraft,
  type View,
} from './booking-machine.js';
import { bookingStyles } from './booking.styles.js';
import { addDays, todayIn } from '../../core/dates.js';
import {
  getAllowance,
  getAvailability,
  listLinks,
  listPrisons,
  listVisitors,
  requestCode,
  verifyCode,
  type ApprovedVisitor,
  type Prison,
  type PrisonerLink,
  type Slot,
  type VisitType,
} from '../../api/family.js';
import { formatDay } from '../../i18n/dates.js';
import {
  describedBy,
  errorFor,
  renderErrorSummary,
  renderFieldError,
  type FormError,
} from '../shared/form-errors.js';
import { bookingMessages, commonMessages } from '../../i18n/areas.js';

/** A step-level failure with a way forward (shown as a notice, announced). */
interface Failure {
  message: string;
  retry?: () => void;
}

/**
 * @summary The family's visit booking journey, step by step in the GOV.UK pattern: sign in with an
 * emailed code, choose the person, visit type and visitors, a date and time (held for 10 minutes),
 * support and contact, check answers, confirm.
 *
 * Works inside `<visit-provider>` or on its own with `api-base`. A portal that has already signed the
 * family in passes a session to the provider (or a ready `client`), and the sign-in step is skipped.
 *
 * @fires visit-step-change - {@link VisitStepChangeEvent} on every screen change (`step`, `view`, `index`, `total`).
 * @fires visit-booked - {@link VisitBookedEvent} once a visit is booked or requested (`reference`, `start`, `end`, `visitType`).
 * @fires visit-error - {@link VisitErrorEvent} whenever a failure was explained to the family (`code`, `message`).
 *
 * @csspart base - The wrapper of the whole journey.
 * @csspart back - The Back link.
 * @csspart progress - The "Step N of M" caption.
 * @csspart heading - Each screen's heading (receives focus when the screen changes).
 * @csspart error-summary - The GOV.UK-style error summary.
 * @csspart field-error - Inline error messages.
 * @csspart notice - Notices (hold countdown, link pending, failures).
 * @csspart pending - Also on the notice that a link or a visitor is waiting for the prison's approval.
 * @csspart failure - Also on the notice that something could not be loaded, with its Try again button.
 * @csspart alternatives - Also on the notice that the chosen time was just taken, with other free times.
 * @csspart hold - Also on the notice with the hold countdown.
 * @csspart calendar - The date and time picker (`<visit-session-calendar>`, with its own parts).
 * @csspart month - The calendar's month caption and its previous / next buttons.
 * @csspart grid - The calendar's grid of days.
 * @csspart day - Each day of the calendar grid.
 * @csspart times - The list of times on the chosen day.
 * @csspart day-notice - The calendar's message about the chosen day (nothing free, closed).
 * @csspart add-visitor - "Add someone who will visit" on the visitors step (a disclosure with its form).
 * @csspart summary - The check-answers list.
 * @csspart confirmation - The confirmation panel.
 * @csspart button - Primary buttons.
 *
 * @cssprop [--visit-booking-max-width=var(--visit-max-width, 40rem)] - Widest the journey grows.
 * @cssprop [--visit-color-primary=#1d70b8] - Links, selected day, "requested" panel.
 * @cssprop [--visit-color-action=#00703c] - Primary buttons.
 * @cssprop [--visit-color-success=#00703c] - Confirmation panel, available days.
 * @cssprop [--visit-color-danger=#d4351c] - Errors.
 * @cssprop [--visit-color-focus=#ffdd00] - Focus indicator.
 */
export class VisitBooking extends VisitElement {
  static override messages = [commonMessages, bookingMessages];

  static override styles = [...VisitElement.styles, bookingStyles];

  /** Narrow the journey to one prison (code, e.g. `NMI`): only its people, and new links ask for it. */
  @property() prison?: string;

  /** Offer only this visit type (`video` or `in-person`). */
  @property({ attribute: 'visit-type' }) visitType?: VisitType;

  /** The person being visited, when the portal knows (prison number, e.g. `A1234BC`, or prisoner id). */
  @property() prisoner?: string;

  /** The family's time zone (defaults to the browser's). Times are shown in it too when it differs. */
  @property({ attribute: false }) viewerTimeZone?: string;

  /**
   * The journey's state (see `booking-machine.ts`).
   * @internal
   */
  @state() machine?: BookingState;
  /** @internal */
  @state() errors: FormError[] = [];
  /** @internal */
  @state() failure?: Failure;
  /** @internal */
  @state() busy = false;
  /** @internal */
  @state() now = this.clock.now();
  /** @internal */
  @state() pendingSlot?: Slot;
  /** @internal */
  @state() linkDraft: LinkDraft = { ...EMPTY_DRAFT };
  @state() private presetMissing = false;

  #lastView?: View;
  #focusHeading = false;
  #focusSummary = false;
  #timer?: ReturnType<typeof setInterval>;
  #warned = false;
  #presetTried = false;
  #actions = new AbortController();
  /** The later screens (booking-steps.ts), loaded after the first screen renders. */
  #steps?: typeof import('./booking-steps.js');
  #stepsLoading?: Promise<void>;

  /** @internal */
  prisonsTask = new Task(this, {
    task: async ([client], { signal }) => (client ? listPrisons(client, signal) : []),
    args: () => [this.activeClient] as const,
  });

  /** @internal */
  linksTask: Task<readonly [VisitClient | undefined, boolean, string | undefined], PrisonerLink[]> = new Task(
    this,
    {
      task: async ([client, wanted], { signal }) => {
        // Off the person step the last answer is kept: check answers shows the person's name from it.
        if (!client || !wanted) return this.linksTask?.value ?? ([] as PrisonerLink[]);
        const links = await listLinks(client, signal);
        await this.applyPrisonerPreset(links, signal);
        return links;
      },
      args: () =>
        [this.activeClient, this.machine?.view === 'prisoner', this.activeClient?.session?.token] as const,
    },
  );

  /** @internal */
  visitorsTask: Task<readonly [VisitClient | undefined, string | undefined], ApprovedVisitor[]> = new Task(
    this,
    {
      task: async ([client, linkId], { signal }) =>
        client && linkId
          ? listVisitors(client, linkId, signal)
          : (this.visitorsTask?.value ?? ([] as ApprovedVisitor[])),
      args: () =>
        [
          this.activeClient,
          this.machine?.view === 'visitors' ? this.machine.answers.linkId : undefined,
        ] as const,
    },
  );

  /** @internal */
  availabilityTask = new Task(this, {
    task: async ([client, prisonerId, type, prison], { signal }) => {
      if (!client || !prisonerId || !type || !prison) return undefined;
      const from = todayIn(prison.timezone, this.clock.now());
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
        this.activeClient,
        this.machine?.view === 'slot' ? this.machine.answers.prisonerId : undefined,
        this.machine?.answers.type,
        this.currentPrison,
      ] as const,
  });

  /** @internal */
  get currentPrison(): Prison | undefined {
    const code = this.machine?.answers.prisonCode;
    return code ? this.prisonsTask.value?.find((prison) => prison.code === code) : undefined;
  }

  // ——— lifecycle ———

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#actions.signal.aborted) this.#actions = new AbortController();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#actions.abort();
    this.stopTimer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (!this.machine && client) {
      const user = client.session?.user;
      this.machine = initialState({
        signedIn: client.signedIn,
        email: typeof user?.email === 'string' ? user.email : undefined,
        visitType: this.visitType,
      });
    }
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    const machine = this.machine;
    const client = this.activeClient;
    if (!machine || !client) return;
    const signingIn = machine.view === 'sign-in' || machine.view === 'code';
    if (!client.signedIn && !signingIn && machine.view !== 'confirmation') {
      this.dispatch({ type: 'signed-out' });
      this.failure = { message: this.t('common.signInRequired') };
      this.announce(this.t('common.signInRequired'));
    } else if (client.signedIn && signingIn) {
      this.dispatch({ type: 'signed-in' });
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const machine = this.machine;
    if (!machine) return;
    if (machine.view !== this.#lastView) {
      const first = this.#lastView === undefined;
      this.#lastView = machine.view;
      const where = progress(machine);
      this.dispatchEvent(
        new VisitStepChangeEvent({
          step: where?.step ?? 'confirmation',
          view: machine.view,
          index: where?.index ?? 0,
          total: where?.total ?? 0,
        }),
      );
      // Never steal focus from the host page on first render; afterwards each screen starts at its heading.
      if (!first) this.#focusHeading = true;
    }
    if (this.#focusSummary) {
      const summary = this.renderRoot.querySelector<HTMLElement>('.error-summary');
      if (summary) {
        this.#focusSummary = false;
        this.#focusHeading = false;
        summary.focus();
      }
    } else if (this.#focusHeading) {
      const heading = this.renderRoot.querySelector<HTMLElement>('h2[data-heading]');
      if (heading) {
        this.#focusHeading = false;
        heading.focus();
      }
    }
    if (machine.answers.hold) this.startTimer();
    else this.stopTimer();
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    void this.loadSteps();
  }

  /** Loads the later screens once (again after a failed try: offline, a new deployment). */
  private loadSteps(): Promise<void> {
    this.#stepsLoading ??= import('./booking-steps.js').then(
      (steps) => {
        this.#steps = steps;
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#stepsLoading = undefined;
        this.failure = { message: this.describeError(error), retry: () => void this.loadSteps() };
      },
    );
    return this.#stepsLoading;
  }

  /** `updateComplete` also waits for the later screens when the journey is on one of them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    const view = this.machine?.view;
    if (!this.#steps && view && view !== 'sign-in' && view !== 'code' && view !== 'prisoner') {
      await this.loadSteps();
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  // ——— shared with the later screens (booking-steps.ts) ———

  /**
   * Cancelled when the element leaves the page: every request of the journey's actions uses it.
   * @internal
   */
  get actionSignal(): AbortSignal {
    return this.#actions.signal;
  }

  /**
   * Moves focus to the screen's heading after the next render.
   * @internal
   */
  focusHeadingNext(): void {
    this.#focusHeading = true;
  }

  /**
   * "Book another visit": back to the start, the portal's preset person applied again.
   * @internal
   */
  startAgain(): void {
    this.#presetTried = false;
    this.dispatch({ type: 'start-again', visitType: this.visitType });
  }

  // ——— state changes ———

  /**
   * Feeds one event to the journey's state machine.
   * @internal
   */
  dispatch(event: BookingEvent): void {
    if (!this.machine) return;
    const before = this.machine;
    this.machine = transition(before, event);
    this.now = this.clock.now();
    if (this.machine.view !== before.view) {
      this.errors = [];
      this.failure = undefined;
      this.pendingSlot = undefined;
    }
  }

  /** @internal */
  showErrors(errors: FormError[]): void {
    this.errors = errors;
    if (errors.length) {
      this.#focusSummary = true;
      this.requestUpdate();
    }
  }

  private focusField(field: string): void {
    const root = this.renderRoot as ShadowRoot;
    const target =
      root.getElementById(field) ??
      root.querySelector<HTMLElement>(`[data-field="${field}"]:not([disabled])`) ??
      root.querySelector<HTMLElement>(`[data-field="${field}"]`);
    target?.focus();
  }

  /**
   * Failures every step shares: network and server trouble (with a retry), aborts, sign-in lost. True when handled.
   * @internal
   */
  handleCommon(error: unknown, retry: () => void): boolean {
    const failure = error instanceof VisitApiError ? error : undefined;
    if (failure?.code === 'aborted') return true;
    if (failure?.status === 401 && !this.activeClient?.signedIn) return true; // sessionChanged() took over
    if (failure && !failure.retryable && failure.status !== 401) return false; // the caller explains it
    const message = this.describeError(error);
    this.failure = { message, retry: failure?.status === 401 ? undefined : retry };
    this.announce(message);
    return true;
  }

  /**
   * Tells the host page about a failure that was explained to the family in this element's own words.
   * @internal
   */
  report(code: string, message: string): void {
    this.dispatchEvent(new VisitErrorEvent(code, message));
    this.announce(message);
  }

  /** @internal */
  fieldErrorsFrom(error: VisitApiError, fields: Record<string, string>): FormError[] {
    const mapped = error.fieldErrors.map((item) => ({
      field: fields[item.path] ?? fields[item.path.split('.')[0] ?? ''] ?? Object.values(fields)[0]!,
      message: item.message,
    }));
    return mapped.length
      ? mapped
      : [
          {
            field: Object.values(fields)[0]!,
            message: error.problem.detail ?? this.t('common.unexpectedError'),
          },
        ];
  }

  /** @internal */
  async run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.failure = undefined;
    try {
      await action();
    } finally {
      this.busy = false;
    }
  }

  // ——— hold countdown ———

  private startTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.tick(), 1000);
  }

  private stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#warned = false;
  }

  private tick(): void {
    this.now = this.clock.now();
    const hold = this.machine?.answers.hold;
    if (!hold) return;
    const left = Date.parse(hold.expiresAt) - this.now;
    if (left <= 0) {
      this.stopTimer();
      this.dispatch({ type: 'hold-expired' });
      this.report('hold-expired', this.t('booking.slot.holdExpired'));
    } else if (left <= 120_000 && !this.#warned) {
      this.#warned = true;
      this.announce(this.t('booking.hold.warning', { time: this.minutesText(left) }));
    }
  }

  /** @internal */
  minutesText(ms: number): string {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    return seconds >= 60
      ? this.t('common.minutes', { count: Math.ceil(seconds / 60) })
      : this.t('common.seconds', { count: seconds });
  }

  // ——— actions ———

  private onSignIn(event: SubmitEvent): void {
    event.preventDefault();
    const email = String(new FormData(event.target as HTMLFormElement).get('email') ?? '').trim();
    if (!email) return this.showErrors([{ field: 'email', message: this.t('booking.signIn.emailMissing') }]);
    if (!EMAIL.test(email))
      return this.showErrors([{ field: 'email', message: this.t('booking.signIn.emailInvalid') }]);
    void this.sendCode(email);
  }

  private async sendCode(email: string, again = false): Promise<void> {
    const client = this.activeClient!;
    await this.run(async () => {
      try {
        await requestCode(client, email, this.#actions.signal);
        this.dispatch({ type: 'code-sent', email });
        if (again) this.announce(this.t('booking.code.sentAgain', { email }));
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'rate-limited') {
          this.showErrors([{ field: 'email', message: this.t('booking.signIn.rateLimited') }]);
          this.report(error.code, this.t('booking.signIn.rateLimited'));
        } else if (error instanceof VisitApiError && error.code === 'validation') {
          this.showErrors(this.fieldErrorsFrom(error, { email: 'email' }));
        } else if (!this.handleCommon(error, () => void this.sendCode(email, again))) {
          this.failure = { message: this.describeError(error) };
        }
      }
    });
  }

  private onCode(event: SubmitEvent): void {
    event.preventDefault();
    const code = String(new FormData(event.target as HTMLFormElement).get('code') ?? '').replace(/\s+/g, '');
    if (!code) return this.showErrors([{ field: 'code', message: this.t('booking.code.missing') }]);
    if (!/^\d{6}$/.test(code))
      return this.showErrors([{ field: 'code', message: this.t('booking.code.format') }]);
    void this.verify(code);
  }

  private async verify(code: string): Promise<void> {
    const client = this.activeClient!;
    const email = this.machine!.answers.email;
    await this.run(async () => {
      try {
        const signedIn = await verifyCode(client, email, code, this.#actions.signal);
        // Move on first, so the session-change notification finds the journey already past sign-in.
        this.dispatch({ type: 'signed-in', email: signedIn.user.email ?? email });
        client.session = signedIn;
      } catch (error) {
        const codeError = error instanceof VisitApiError ? error.code : '';
        if (codeError === 'code-invalid' || codeError === 'code-expired' || codeError === 'rate-limited') {
          const message = this.t(
            codeError === 'code-invalid'
              ? 'booking.code.invalid'
              : codeError === 'code-expired'
                ? 'booking.code.expired'
                : 'booking.code.tooMany',
          );
          this.showErrors([{ field: 'code', message }]);
          this.report(codeError, message);
        } else if (error instanceof VisitApiError && error.code === 'validation') {
          this.showErrors(this.fieldErrorsFrom(error, { code: 'code' }));
        } else if (!this.handleCommon(error, () => void this.verify(code))) {
          this.failure = { message: this.describeError(error) };
        }
      }
    });
  }

  /** A portal named the person: choose them without showing the step, if they can be booked now. */
  private async applyPrisonerPreset(links: PrisonerLink[], signal: AbortSignal): Promise<void> {
    const wanted = this.prisoner?.trim().toUpperCase();
    if (!wanted || this.#presetTried || !this.machine) return;
    this.#presetTried = true;
    const link = links.find(
      (item) =>
        item.status === 'approved' &&
        (item.prisoner.prisonNumber.toUpperCase() === wanted || item.prisoner.id?.toUpperCase() === wanted),
    );
    if (!link || link.restrictions.bannedUntil) {
      this.presetMissing = true;
      return;
    }
    const allowance = await getAllowance(this.activeClient!, link.prisoner.id!, signal);
    if (allowance.remaining <= 0) {
      this.showErrors([
        { field: `link-${link.id}`, message: this.noAllowanceText(link, allowance.nextAllocation) },
      ]);
      return;
    }
    this.dispatch({
      type: 'choose-prisoner',
      linkId: link.id,
      prisonerId: link.prisoner.id!,
      prisonCode: link.prisoner.prisonCode,
      preset: true,
    });
  }

  private noAllowanceText(link: PrisonerLink, nextAllocation?: string): string {
    const name = this.personName(link);
    return nextAllocation
      ? this.t('booking.prisoner.noAllowance', {
          name,
          date: formatDay(this.locale, nextAllocation.slice(0, 10), 'UTC'),
        })
      : this.t('booking.prisoner.noAllowanceNoDate', { name });
  }

  /** @internal */
  personName(link: PrisonerLink): string {
    const { firstName, lastName, prisonNumber } = link.prisoner;
    return firstName || lastName ? `${firstName ?? ''} ${lastName ?? ''}`.trim() : prisonNumber;
  }

  private onChoosePrisoner(event: SubmitEvent, links: PrisonerLink[]): void {
    event.preventDefault();
    const linkId = String(new FormData(event.target as HTMLFormElement).get('link') ?? '');
    const link = links.find((item) => item.id === linkId && item.status === 'approved');
    const first = links.find((item) => item.status === 'approved' && !item.restrictions.bannedUntil);
    if (!link) {
      return this.showErrors([
        { field: first ? `link-${first.id}` : 'link', message: this.t('booking.prisoner.missing') },
      ]);
    }
    void this.choosePrisoner(link);
  }

  private async choosePrisoner(link: PrisonerLink): Promise<void> {
    await this.run(async () => {
      try {
        const allowance = await getAllowance(this.activeClient!, link.prisoner.id!, this.#actions.signal);
        if (allowance.remaining <= 0) {
          const message = this.noAllowanceText(link, allowance.nextAllocation);
          this.showErrors([{ field: `link-${link.id}`, message }]);
          this.report('no-allowance', message);
          return;
        }
        this.dispatch({
          type: 'choose-prisoner',
          linkId: link.id,
          prisonerId: link.prisoner.id!,
          prisonCode: link.prisoner.prisonCode,
        });
      } catch (error) {
        if (!this.handleCommon(error, () => void this.choosePrisoner(link)))
          this.failure = { message: this.describeError(error) };
      }
    });
  }

  // ——— rendering ———

  protected override render() {
    const client = this.activeClient;
    if (!client)
      return html`<div class="notice" part="notice" data-tone="danger">
        ${this.t('common.notConfigured')}
      </div>`;
    const machine = this.machine;
    if (!machine) return nothing;
    return html`<div part="base" class="view-${machine.view}">
      ${this.renderAnnouncer()}
      ${
        canGoBack(machine)
          ? html`<p class="back">
              <button
                type="button"
                class="button"
                data-variant="link"
                part="back"
                @click=${() => this.dispatch({ type: 'back' })}
              >
                ${this.t('common.back')}
              </button>
            </p>`
          : nothing
      }
      ${this.renderView(machine)}
    </div>`;
  }

  private renderView(machine: BookingState): TemplateResult {
    switch (machine.view) {
      case 'sign-in':
        return this.renderSignIn(machine);
      case 'code':
        return this.renderCode(machine);
      case 'prisoner':
        return this.renderPrisoner(machine);
      default:
        if (this.#steps) return this.#steps.renderLaterView(this, machine);
        // still loading, or it could not load (the failure says so, with a retry)
        return this.failure ? html`${this.renderFailure()}` : this.renderLoading();
    }
  }

  /**
   * Error summary, "Step N of M" and the focusable heading every screen starts with.
   * @internal
   */
  renderHeader(title: string): TemplateResult {
    const where = this.machine ? progress(this.machine) : undefined;
    return html`
      ${renderErrorSummary(this.t('common.errorSummaryTitle'), this.errors, (field) => this.focusField(field))}
      ${
        where
          ? html`<span class="caption" part="progress"
              >${this.t('booking.progress', { index: where.index, total: where.total })}</span
            >`
          : nothing
      }
      <h2 tabindex="-1" data-heading part="heading">${title}</h2>
      ${this.renderFailure()}
    `;
  }

  /** @internal */
  renderFailure() {
    const failure = this.failure;
    if (!failure) return nothing;
    return html`<div class="notice" data-tone="danger" part="notice failure">
      <p>${failure.message}</p>
      ${
        failure.retry
          ? html`<button
              type="button"
              class="button"
              data-variant="secondary"
              ?disabled=${this.busy}
              @click=${failure.retry}
            >
              ${this.t('common.retry')}
            </button>`
          : nothing
      }
    </div>`;
  }

  /** @internal */
  renderSubmit(
    label: MessageKey = 'common.continue',
    busyLabel: MessageKey = 'booking.working',
    variant?: 'secondary',
  ) {
    return html`<button
      type="submit"
      class="button"
      part="button"
      data-variant=${variant ?? nothing}
      ?disabled=${this.busy}
      aria-disabled=${this.busy ? 'true' : 'false'}
    >
      ${this.busy ? this.t(busyLabel) : this.t(label)}
    </button>`;
  }

  /** @internal */
  renderTextField(
    field: string,
    label: string,
    value: string,
    options: {
      hint?: string;
      type?: string;
      autocomplete?: string;
      inputmode?: string;
      spellcheck?: boolean;
    } = {},
  ) {
    const error = errorFor(this.errors, field);
    return html`<div class="field ${error ? 'field--error' : ''}">
      <label for=${field}>${label}</label>
      ${options.hint ? html`<span class="hint" id="${field}-hint">${options.hint}</span>` : nothing}
      ${renderFieldError(field, error, this.t('form.errorPrefix'))}
      <input
        id=${field}
        name=${field}
        type=${options.type ?? 'text'}
        .value=${value}
        autocomplete=${options.autocomplete ?? nothing}
        inputmode=${options.inputmode ?? nothing}
        spellcheck=${options.spellcheck === false ? 'false' : nothing}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy(field, Boolean(options.hint), error)}
      />
    </div>`;
  }

  private renderSignIn(machine: BookingState) {
    return html`${this.renderHeader(this.t('booking.signIn.title'))}
      <p>${this.t('booking.signIn.intro')}</p>
      <form novalidate @submit=${this.onSignIn}>
        ${this.renderTextField('email', this.t('booking.signIn.email'), machine.answers.email, {
          hint: this.t('booking.signIn.emailHint'),
          type: 'email',
          autocomplete: 'email',
          spellcheck: false,
        })}
        ${this.renderSubmit()}
      </form>`;
  }

  private renderCode(machine: BookingState) {
    return html`${this.renderHeader(this.t('booking.code.title'))}
      <p>${this.t('booking.code.intro', { email: machine.answers.email })}</p>
      <form novalidate @submit=${this.onCode}>
        ${this.renderTextField('code', this.t('booking.code.label'), '', {
          hint: this.t('booking.code.hint'),
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          spellcheck: false,
        })}
        <div class="button-group">
          ${this.renderSubmit()}
          <button
            type="button"
            class="button"
            data-variant="link"
            ?disabled=${this.busy}
            @click=${() => void this.sendCode(machine.answers.email, true)}
          >
            ${this.t('booking.code.resend')}
          </button>
        </div>
      </form>`;
  }

  private renderPrisoner(machine: BookingState) {
    return html`${this.renderHeader(this.t('booking.prisoner.title'))}
    ${this.linksTask.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      error: (error) => this.renderLoadError(error, () => this.linksTask.run()),
      complete: (all) => {
        const links = this.prison ? all.filter((link) => link.prisoner.prisonCode === this.prison) : all;
        const approved = links.filter((link) => link.status === 'approved');
        const pending = links.filter((link) => link.status === 'requested');
        const rejected = links.filter((link) => link.status === 'rejected');
        const error = this.errors[0];
        const errorField = error?.field;
        return html`
          ${
            this.presetMissing
              ? html`<div class="notice" part="notice">
                  <p>${this.t('booking.prisoner.presetMissing', { prisoner: this.prisoner ?? '' })}</p>
                </div>`
              : nothing
          }
          ${
            approved.length
              ? html`<form
                  novalidate
                  @submit=${(event: SubmitEvent) => this.onChoosePrisoner(event, approved)}
                >
                  <fieldset
                    class="field ${error ? 'field--error' : ''}"
                    aria-describedby=${error ? `${errorField}-error` : nothing}
                  >
                    <legend class="visually-hidden">${this.t('booking.prisoner.title')}</legend>
                    ${error ? renderFieldError(errorField!, error.message, this.t('form.errorPrefix')) : nothing}
                    ${approved.map((link) => {
                      const banned = link.restrictions.bannedUntil;
                      const hint = banned
                        ? this.t('booking.prisoner.banned', {
                            date: formatDay(this.locale, banned.slice(0, 10), 'UTC'),
                          })
                        : link.restrictions.closedVisits
                          ? this.t('booking.prisoner.closed')
                          : '';
                      return html`<div class="choice">
                        <input
                          type="radio"
                          name="link"
                          id="link-${link.id}"
                          value=${link.id}
                          data-field="link"
                          ?disabled=${Boolean(banned)}
                          .checked=${machine.answers.linkId === link.id}
                          aria-describedby=${hint ? `link-${link.id}-hint` : nothing}
                        />
                        <label for="link-${link.id}">
                          ${this.personName(link)} (${link.prisoner.prisonNumber}),
                          ${link.prisoner.prisonName}
                          ${hint ? html`<span class="hint" id="link-${link.id}-hint">${hint}</span>` : nothing}
                        </label>
                      </div>`;
                    })}
                  </fieldset>
                  ${this.renderSubmit()}
                </form>`
              : html`<p>${this.t('booking.prisoner.none')}</p>`
          }
          ${
            pending.length
              ? html`<div class="notice" part="notice pending">
                  <h3>${this.t('booking.prisoner.pendingTitle')}</h3>
                  <ul>
                    ${pending.map(
                      (link) =>
                        html`<li>
                          ${this.t('booking.prisoner.pendingItem', {
                            number: link.prisoner.prisonNumber,
                            prison: link.prisoner.prisonName,
                          })}
                        </li>`,
                    )}
                  </ul>
                  <p>${this.t('booking.prisoner.pendingHelp')}</p>
                </div>`
              : nothing
          }
          ${
            rejected.length
              ? html`<div class="notice" data-tone="danger" part="notice">
                  <ul>
                    ${rejected.map(
                      (link) =>
                        html`<li>
                          ${this.t('booking.prisoner.rejectedItem', {
                            number: link.prisoner.prisonNumber,
                            prison: link.prisoner.prisonName,
                          })}
                          ${link.rejectionReason ? html` ${link.rejectionReason}` : nothing}
                        </li>`,
                    )}
                  </ul>
                </div>`
              : nothing
          }
          <p>
            <button
              type="button"
              class="button"
              data-variant="secondary"
              @click=${() => this.dispatch({ type: 'request-link' })}
            >
              ${this.t('booking.prisoner.addPerson')}
            </button>
          </p>
        `;
      },
    })}`;
  }

  /** @internal */
  renderLoading() {
    return html`<p role="status">
      <span class="spinner" aria-hidden="true"></span> ${this.t('common.loading')}
    </p>`;
  }

  /** @internal */
  renderLoadError(error: unknown, retry: () => void) {
    const message =
      error instanceof VisitApiError && error.code === 'aborted'
        ? this.t('common.loading')
        : this.describeError(error);
    return html`<div class="notice" data-tone="danger" part="notice">
      <p>${message}</p>
      <button type="button" class="button" data-variant="secondary" @click=${retry}>
        ${this.t('common.retry')}
      </button>
    </div>`;
  }
}
