import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { VisitClient } from '../../api/client.js';
import { VisitApiError } from '../../api/errors.js';
import { VisitBookedEvent } from '../../core/events/visit-booked.js';
import { VisitErrorEvent } from '../../core/events/visit-error.js';
import { VisitStepChangeEvent } from '../../core/events/visit-step-change.js';
import { VisitElement } from '../../core/visit-element.js';
import type { MessageKey } from '../../i18n/index.js';
import {
  canGoBack,
  initialState,
  progress,
  transition,
  type BookingEvent,
  type BookingState,
  type ContactAnswers,
  type View,
} from './booking-machine.js';
import { bookingStyles } from './booking.styles.js';
import type { CalendarSelectEvent } from './calendar.js';
import { renderSlotTaken } from './slot-taken.js';
import { addDays, ageOn, todayIn } from './dates.js';
import {
  createBooking,
  createHold,
  downloadCalendar,
  getAllowance,
  getAvailability,
  listLinks,
  listPrisons,
  listVisitors,
  requestCode,
  requestLink,
  verifyCode,
  type ApprovedVisitor,
  type LinkRequest,
  type Prison,
  type PrisonerLink,
  type Slot,
  type VisitType,
} from './family-api.js';
import { formatDay, formatTime, zoneCity } from '../../i18n/dates.js';
import {
  describedBy,
  errorFor,
  renderErrorSummary,
  renderFieldError,
  type FormError,
} from './form-errors.js';
import { bookingMessages, commonMessages } from '../../i18n/areas.js';
import { html as staticHtml } from 'lit/static-html.js';
import { tag } from '../../core/tags.js';

const PRISON_NUMBER = /^[A-Z][0-9]{4}[A-Z]{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UK_MOBILE = /^(?:\+44|0)7\d{9}$/;
const SUPPORT_MAX = 500;

interface LinkDraft {
  prisonCode: string;
  prisonNumber: string;
  firstName: string;
  lastName: string;
  day: string;
  month: string;
  year: string;
  relationship: string;
}

/** A step-level failure with a way forward (shown as a notice, announced). */
interface Failure {
  message: string;
  retry?: () => void;
}

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
 * @csspart hold - The hold countdown.
 * @csspart calendar - The date and time picker (`<visit-session-calendar>`, with its own parts).
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

  /** The journey's state (see `booking-machine.ts`). */
  @state() protected machine?: BookingState;
  @state() private errors: FormError[] = [];
  @state() private failure?: Failure;
  @state() private busy = false;
  @state() private now = Date.now();
  @state() private pendingSlot?: Slot;
  @state() private linkDraft: LinkDraft = { ...EMPTY_DRAFT };
  @state() private presetMissing = false;

  #lastView?: View;
  #focusHeading = false;
  #focusSummary = false;
  #timer?: ReturnType<typeof setInterval>;
  #warned = false;
  #presetTried = false;
  #actions = new AbortController();

  private prisonsTask = new Task(this, {
    task: async ([client], { signal }) => (client ? listPrisons(client, signal) : []),
    args: () => [this.activeClient] as const,
  });

  private linksTask: Task<readonly [VisitClient | undefined, boolean, string | undefined], PrisonerLink[]> =
    new Task(this, {
      task: async ([client, wanted], { signal }) => {
        // Off the person step the last answer is kept: check answers shows the person's name from it.
        if (!client || !wanted) return this.linksTask?.value ?? ([] as PrisonerLink[]);
        const links = await listLinks(client, signal);
        await this.applyPrisonerPreset(links, signal);
        return links;
      },
      args: () =>
        [this.activeClient, this.machine?.view === 'prisoner', this.activeClient?.session?.token] as const,
    });

  private visitorsTask: Task<readonly [VisitClient | undefined, string | undefined], ApprovedVisitor[]> =
    new Task(this, {
      task: async ([client, linkId], { signal }) =>
        client && linkId
          ? listVisitors(client, linkId, signal)
          : (this.visitorsTask?.value ?? ([] as ApprovedVisitor[])),
      args: () =>
        [
          this.activeClient,
          this.machine?.view === 'visitors' ? this.machine.answers.linkId : undefined,
        ] as const,
    });

  private availabilityTask = new Task(this, {
    task: async ([client, prisonerId, type, prison], { signal }) => {
      if (!client || !prisonerId || !type || !prison) return undefined;
      const from = todayIn(prison.timezone);
      const to = addDays(from, Math.min(prison.bookingWindow.maxNoticeDays, 61));
      // The calendar element arrives with the sessions, not with the first step.
      const [availability] = await Promise.all([
        getAvailability(client, prisonerId, { type, from, to }, signal),
        import('./visit-session-calendar.js'),
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

  private get currentPrison(): Prison | undefined {
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

  // ——— state changes ———

  /** Feeds one event to the journey's state machine. */
  protected dispatch(event: BookingEvent): void {
    if (!this.machine) return;
    const before = this.machine;
    this.machine = transition(before, event);
    this.now = Date.now();
    if (this.machine.view !== before.view) {
      this.errors = [];
      this.failure = undefined;
      this.pendingSlot = undefined;
    }
  }

  private showErrors(errors: FormError[]): void {
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

  /** Failures every step shares: network and server trouble (with a retry), aborts, sign-in lost. True when handled. */
  private handleCommon(error: unknown, retry: () => void): boolean {
    const failure = error instanceof VisitApiError ? error : undefined;
    if (failure?.code === 'aborted') return true;
    if (failure?.status === 401 && !this.activeClient?.signedIn) return true; // sessionChanged() took over
    if (failure && !failure.retryable && failure.status !== 401) return false; // the caller explains it
    const message = this.describeError(error);
    this.failure = { message, retry: failure?.status === 401 ? undefined : retry };
    this.announce(message);
    return true;
  }

  /** Tells the host page about a failure that was explained to the family in this element's own words. */
  private report(code: string, message: string): void {
    this.dispatchEvent(new VisitErrorEvent(code, message));
    this.announce(message);
  }

  private fieldErrorsFrom(error: VisitApiError, fields: Record<string, string>): FormError[] {
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

  private async run(action: () => Promise<void>): Promise<void> {
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
    this.now = Date.now();
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

  private minutesText(ms: number): string {
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

  private personName(link: PrisonerLink): string {
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

  private onLinkRequest(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const get = (name: string) => String(data.get(name) ?? '').trim();
    const draft: LinkDraft = {
      prisonCode: this.prison ?? get('prisonCode'),
      prisonNumber: get('prisonNumber').toUpperCase().replace(/\s+/g, ''),
      firstName: get('firstName'),
      lastName: get('lastName'),
      day: get('dob-day'),
      month: get('dob-month'),
      year: get('dob-year'),
      relationship: get('relationship'),
    };
    this.linkDraft = draft;
    const errors: FormError[] = [];
    if (!draft.prisonCode)
      errors.push({ field: 'prisonCode', message: this.t('booking.link.prisonMissing') });
    if (!draft.prisonNumber)
      errors.push({ field: 'prisonNumber', message: this.t('booking.link.numberMissing') });
    else if (!PRISON_NUMBER.test(draft.prisonNumber))
      errors.push({ field: 'prisonNumber', message: this.t('booking.link.numberInvalid') });
    if (!draft.firstName)
      errors.push({ field: 'firstName', message: this.t('booking.link.firstNameMissing') });
    if (!draft.lastName) errors.push({ field: 'lastName', message: this.t('booking.link.lastNameMissing') });
    const dateOfBirth = this.dateOfBirth(draft);
    if (!draft.day && !draft.month && !draft.year)
      errors.push({ field: 'dob-day', message: this.t('booking.link.dobMissing') });
    else if (!dateOfBirth) errors.push({ field: 'dob-day', message: this.t('booking.link.dobInvalid') });
    else if (dateOfBirth >= todayIn('Europe/London'))
      errors.push({ field: 'dob-day', message: this.t('booking.link.dobFuture') });
    if (!draft.relationship)
      errors.push({ field: 'relationship', message: this.t('booking.link.relationshipMissing') });
    if (errors.length) return this.showErrors(errors);
    const body: LinkRequest = {
      prisonCode: draft.prisonCode,
      prisonNumber: draft.prisonNumber,
      firstName: draft.firstName,
      lastName: draft.lastName,
      dateOfBirth: dateOfBirth!,
      relationship: draft.relationship,
    };
    void this.sendLinkRequest(body);
  }

  private async sendLinkRequest(body: LinkRequest): Promise<void> {
    await this.run(async () => {
      try {
        await requestLink(this.activeClient!, body, this.#actions.signal);
        this.dispatch({ type: 'link-requested' });
      } catch (error) {
        if (error instanceof VisitApiError && error.code === 'validation') {
          this.showErrors(
            this.fieldErrorsFrom(error, {
              prisonCode: 'prisonCode',
              prisonNumber: 'prisonNumber',
              firstName: 'firstName',
              lastName: 'lastName',
              dateOfBirth: 'dob-day',
              relationship: 'relationship',
            }),
          );
        } else if (error instanceof VisitApiError && error.code === 'rate-limited') {
          const message = this.t('booking.link.rateLimited');
          this.failure = { message };
          this.report(error.code, message);
        } else if (!this.handleCommon(error, () => void this.sendLinkRequest(body))) {
          this.failure = { message: this.describeError(error) };
        }
      }
    });
  }

  private dateOfBirth(draft: LinkDraft): string | undefined {
    const day = Number(draft.day);
    const month = Number(draft.month);
    const year = Number(draft.year);
    if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year) || year < 1900)
      return undefined;
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
      return undefined;
    return date.toISOString().slice(0, 10);
  }

  private allowedTypes(prison: Prison | undefined): VisitType[] {
    const types = prison?.visitTypes ?? ['video', 'in-person'];
    return this.visitType ? types.filter((type) => type === this.visitType) : types;
  }

  private onChooseVisitors(event: SubmitEvent, visitors: ApprovedVisitor[]): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const prison = this.currentPrison;
    const types = this.allowedTypes(prison);
    const type = (types.length === 1 ? types[0] : (data.get('type') as VisitType | null)) ?? undefined;
    const ids = data.getAll('visitor').map(String);
    const chosen = visitors.filter((visitor) => ids.includes(visitor.id));
    const errors: FormError[] = [];
    if (!type) errors.push({ field: 'type', message: this.t('booking.visitors.typeMissing') });
    const limits = prison?.limits;
    const today = todayIn(prison?.timezone ?? 'Europe/London');
    const adults = chosen.filter(
      (visitor) => ageOn(visitor.dateOfBirth, today) >= (limits?.adultAgeYears ?? 18),
    );
    const children = chosen.length - adults.length;
    if (!chosen.length) errors.push({ field: 'visitors', message: this.t('booking.visitors.missing') });
    else if (!adults.length)
      errors.push({
        field: 'visitors',
        message: this.t('booking.visitors.needAdult', { age: limits?.adultAgeYears ?? 18 }),
      });
    else if (limits && chosen.length > limits.maxTotalVisitors)
      errors.push({
        field: 'visitors',
        message: this.t('booking.visitors.tooMany', { count: limits.maxTotalVisitors }),
      });
    else if (limits && adults.length > limits.maxAdultVisitors)
      errors.push({
        field: 'visitors',
        message: this.t('booking.visitors.tooManyAdults', { count: limits.maxAdultVisitors }),
      });
    else if (limits && children > limits.maxChildVisitors)
      errors.push({
        field: 'visitors',
        message: this.t('booking.visitors.tooManyChildren', { count: limits.maxChildVisitors }),
      });
    if (errors.length) return this.showErrors(errors);
    this.dispatch({ type: 'choose-visitors', visitType: type!, visitorIds: ids });
  }

  private onSlotContinue(event: SubmitEvent): void {
    event.preventDefault();
    const machine = this.machine!;
    const slot = this.pendingSlot ?? machine.answers.slot;
    if (!slot) return this.showErrors([{ field: 'slot', message: this.t('booking.slot.missing') }]);
    const hold = machine.answers.hold;
    if (hold && hold.slotId === slot.id && Date.parse(hold.expiresAt) > Date.now()) {
      this.dispatch({ type: 'held', slot, hold });
      return;
    }
    void this.hold(slot);
  }

  private async hold(slot: Slot): Promise<void> {
    const { prisonerId } = this.machine!.answers;
    await this.run(async () => {
      try {
        const hold = await createHold(
          this.activeClient!,
          { prisonerId: prisonerId!, slotId: slot.id },
          this.#actions.signal,
        );
        this.dispatch({ type: 'held', slot, hold });
        this.announce(
          this.t('booking.hold.started', { time: this.minutesText(Date.parse(hold.expiresAt) - Date.now()) }),
        );
      } catch (error) {
        if (!this.handleBookingProblem(error, () => void this.hold(slot))) {
          this.failure = { message: this.describeError(error) };
        }
      }
    });
  }

  /** Problems shared by holding and confirming: each gets its own explanation and way forward. */
  private handleBookingProblem(error: unknown, retry: () => void): boolean {
    if (!(error instanceof VisitApiError)) return this.handleCommon(error, retry);
    const problem = error.problem;
    switch (error.code) {
      case 'slot-unavailable': {
        const alternatives = Array.isArray(problem.alternatives) ? (problem.alternatives as Slot[]) : [];
        this.dispatch({ type: 'slot-taken', alternatives });
        this.availabilityTask.run();
        this.report(error.code, this.t('booking.slot.taken'));
        this.#focusHeading = true;
        return true;
      }
      case 'hold-expired':
        this.dispatch({ type: 'hold-expired' });
        this.report(error.code, this.t('booking.slot.holdExpired'));
        this.#focusHeading = true;
        return true;
      case 'no-allowance': {
        const next = typeof problem.nextAllocation === 'string' ? problem.nextAllocation : undefined;
        const message = next
          ? this.t('booking.error.noAllowance', { date: formatDay(this.locale, next.slice(0, 10), 'UTC') })
          : this.t('booking.error.noAllowanceNoDate');
        this.failure = { message };
        this.report(error.code, message);
        return true;
      }
      case 'link-pending': {
        const message = this.t('booking.error.linkPending');
        this.failure = { message };
        this.report(error.code, message);
        return true;
      }
      case 'visitor-limits': {
        const message = error.problem.detail ?? this.t('booking.error.visitorLimits');
        this.showErrors([{ field: 'change-visitors', message }]);
        this.report(error.code, message);
        return true;
      }
      case 'validation':
        this.showErrors(
          this.fieldErrorsFrom(error, {
            visitorIds: 'change-visitors',
            supportNeeds: 'change-details',
            contact: 'change-contact',
            holdId: 'change-slot',
            slotId: 'slot',
          }),
        );
        return true;
      default:
        return this.handleCommon(error, retry);
    }
  }

  private onDetails(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const contact: ContactAnswers = {
      byEmail: data.get('byEmail') === 'on',
      email: String(data.get('contactEmail') ?? '').trim(),
      bySms: data.get('bySms') === 'on',
      phone: String(data.get('phone') ?? '').replace(/[\s()-]/g, ''),
      welshUpdates: data.get('welshUpdates') === 'on',
    };
    const supportNeeds = String(data.get('supportNeeds') ?? '').trim();
    const errors: FormError[] = [];
    if (supportNeeds.length > SUPPORT_MAX)
      errors.push({
        field: 'supportNeeds',
        message: this.t('booking.details.supportTooLong', { count: SUPPORT_MAX }),
      });
    if (!contact.byEmail && !contact.bySms)
      errors.push({ field: 'byEmail', message: this.t('booking.details.contactMissing') });
    if (contact.byEmail && !EMAIL.test(contact.email))
      errors.push({ field: 'contactEmail', message: this.t('booking.details.emailInvalid') });
    if (contact.bySms && !UK_MOBILE.test(contact.phone))
      errors.push({ field: 'phone', message: this.t('booking.details.phoneInvalid') });
    // Keep what was typed even when it is not valid yet.
    this.machine = { ...this.machine!, answers: { ...this.machine!.answers, supportNeeds, contact } };
    if (errors.length) return this.showErrors(errors);
    this.dispatch({ type: 'details', supportNeeds, contact });
  }

  private async confirm(): Promise<void> {
    this.dispatch({ type: 'confirm', key: crypto.randomUUID() });
    const { answers, confirmKey } = this.machine!;
    if (!answers.hold || !confirmKey) return;
    const contact = answers.contact;
    const body = {
      holdId: answers.hold.id,
      visitorIds: answers.visitorIds,
      ...(answers.supportNeeds ? { supportNeeds: answers.supportNeeds } : {}),
      contact: {
        ...(contact.byEmail ? { email: contact.email } : {}),
        ...(contact.bySms ? { phone: contact.phone } : {}),
        welshUpdates: contact.welshUpdates,
      },
    };
    this.errors = [];
    await this.run(async () => {
      try {
        const visit = await createBooking(this.activeClient!, body, confirmKey, this.#actions.signal);
        this.dispatch({ type: 'booked', visit });
        this.announce(
          this.t(visit.status === 'requested' ? 'booking.done.requested' : 'booking.done.booked'),
        );
        this.dispatchEvent(
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
          const message = this.t('booking.check.networkLost');
          this.failure = { message, retry: () => void this.confirm() };
          this.report(error.code, message);
          return;
        }
        if (!this.handleBookingProblem(error, () => void this.confirm())) {
          this.failure = { message: this.describeError(error) };
        }
      }
    });
  }

  private async addToCalendar(): Promise<void> {
    const visit = this.machine?.visit;
    if (!visit) return;
    await this.run(async () => {
      try {
        const blob = await downloadCalendar(this.activeClient!, visit.id, this.#actions.signal);
        const url = URL.createObjectURL(new Blob([blob], { type: 'text/calendar' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = `visit-${visit.reference}.ics`;
        link.hidden = true;
        this.renderRoot.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        this.announce(this.t('booking.done.calendarSaved'));
      } catch (error) {
        if (!this.handleCommon(error, () => void this.addToCalendar()))
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
      case 'link-request':
        return this.renderLinkRequest();
      case 'link-pending':
        return this.renderLinkPending();
      case 'visitors':
        return this.renderVisitors(machine);
      case 'slot':
        return this.renderSlot(machine);
      case 'details':
        return this.renderDetails(machine);
      case 'check':
        return this.renderCheck(machine);
      case 'confirmation':
        return this.renderConfirmation(machine);
    }
  }

  /** Error summary, "Step N of M" and the focusable heading every screen starts with. */
  private renderHeader(title: string): TemplateResult {
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

  private renderFailure() {
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

  private renderSubmit(label: MessageKey = 'common.continue', busyLabel: MessageKey = 'booking.working') {
    return html`<button
      type="submit"
      class="button"
      part="button"
      ?disabled=${this.busy}
      aria-disabled=${this.busy ? 'true' : 'false'}
    >
      ${this.busy ? this.t(busyLabel) : this.t(label)}
    </button>`;
  }

  private renderTextField(
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

  private renderLoading() {
    return html`<p role="status">
      <span class="spinner" aria-hidden="true"></span> ${this.t('common.loading')}
    </p>`;
  }

  private renderLoadError(error: unknown, retry: () => void) {
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

  private renderLinkRequest() {
    const draft = this.linkDraft;
    const prisons = this.prisonsTask.value ?? [];
    const presetPrison = this.prison ? prisons.find((prison) => prison.code === this.prison) : undefined;
    const prisonError = errorFor(this.errors, 'prisonCode');
    const dobError = errorFor(this.errors, 'dob-day');
    return html`${this.renderHeader(this.t('booking.link.title'))}
      <p>${this.t('booking.link.intro')}</p>
      <form novalidate @submit=${this.onLinkRequest}>
        ${
          this.prison
            ? html`<p>
                <strong>${this.t('booking.link.prison')}:</strong> ${presetPrison?.name ?? this.prison}
              </p>`
            : html`<div class="field ${prisonError ? 'field--error' : ''}">
                <label for="prisonCode">${this.t('booking.link.prison')}</label>
                ${renderFieldError('prisonCode', prisonError, this.t('form.errorPrefix'))}
                <select
                  id="prisonCode"
                  name="prisonCode"
                  aria-invalid=${prisonError ? 'true' : 'false'}
                  aria-describedby=${describedBy('prisonCode', false, prisonError)}
                >
                  <option value="">${this.t('booking.link.choosePrison')}</option>
                  ${prisons.map(
                    (prison) =>
                      html`<option value=${prison.code} ?selected=${prison.code === draft.prisonCode}>
                        ${prison.name}
                      </option>`,
                  )}
                </select>
              </div>`
        }
        ${this.renderTextField('prisonNumber', this.t('booking.link.number'), draft.prisonNumber, {
          hint: this.t('booking.link.numberHint'),
          autocomplete: 'off',
          spellcheck: false,
        })}
        ${this.renderTextField('firstName', this.t('booking.link.firstName'), draft.firstName, { spellcheck: false })}
        ${this.renderTextField('lastName', this.t('booking.link.lastName'), draft.lastName, { spellcheck: false })}
        <fieldset
          class="field ${dobError ? 'field--error' : ''}"
          role="group"
          aria-describedby="dob-hint${dobError ? ' dob-day-error' : ''}"
        >
          <legend>${this.t('booking.link.dob')}</legend>
          <span class="hint" id="dob-hint">${this.t('booking.link.dobHint')}</span>
          ${renderFieldError('dob-day', dobError, this.t('form.errorPrefix'))}
          <div class="date-input">
            ${(['day', 'month', 'year'] as const).map(
              (part) =>
                html`<div class="item">
                  <label for="dob-${part}">${this.t(`booking.link.dob.${part}`)}</label>
                  <input
                    id="dob-${part}"
                    name="dob-${part}"
                    type="text"
                    inputmode="numeric"
                    .value=${draft[part]}
                    aria-invalid=${dobError ? 'true' : 'false'}
                  />
                </div>`,
            )}
          </div>
        </fieldset>
        ${this.renderTextField('relationship', this.t('booking.link.relationship'), draft.relationship, {
          hint: this.t('booking.link.relationshipHint'),
        })}
        ${this.renderSubmit('booking.link.send')}
      </form>`;
  }

  private renderLinkPending() {
    const draft = this.linkDraft;
    const prison = this.prisonsTask.value?.find((item) => item.code === draft.prisonCode);
    return html`${this.renderHeader(this.t('booking.pending.title'))}
      <div class="notice" part="notice pending">
        <p>
          ${this.t('booking.pending.body', {
            name: `${draft.firstName} ${draft.lastName}`,
            prison: prison?.name ?? draft.prisonCode,
          })}
        </p>
        <p>${this.t('booking.pending.next')}</p>
      </div>
      <button
        type="button"
        class="button"
        data-variant="secondary"
        @click=${() => {
          this.linkDraft = { ...EMPTY_DRAFT };
          this.dispatch({ type: 'back' });
          this.dispatch({ type: 'back' });
        }}
      >
        ${this.t('booking.pending.backToPeople')}
      </button>`;
  }

  private renderLimits(prison: Prison | undefined) {
    if (!prison) return nothing;
    const { maxTotalVisitors, maxAdultVisitors, maxChildVisitors, adultAgeYears } = prison.limits;
    return html`<div class="hint" id="visitors-hint">
      <p>${this.t('booking.visitors.limitsIntro', { prison: prison.name })}</p>
      <ul class="limits">
        <li>${this.t('booking.visitors.limitTotal', { count: maxTotalVisitors })}</li>
        <li>${this.t('booking.visitors.limitAdults', { count: maxAdultVisitors, age: adultAgeYears })}</li>
        <li>${this.t('booking.visitors.limitChildren', { count: maxChildVisitors, age: adultAgeYears })}</li>
        <li>${this.t('booking.visitors.limitOneAdult', { age: adultAgeYears })}</li>
      </ul>
    </div>`;
  }

  private renderVisitors(machine: BookingState) {
    const prison = this.currentPrison;
    const types = this.allowedTypes(prison);
    const typeError = errorFor(this.errors, 'type');
    const visitorsError = errorFor(this.errors, 'visitors');
    return html`${this.renderHeader(this.t('booking.visitors.title'))}
    ${this.visitorsTask.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      error: (error) => this.renderLoadError(error, () => this.visitorsTask.run()),
      complete: (visitors) => {
        const today = todayIn(prison?.timezone ?? 'Europe/London');
        const adultAge = prison?.limits.adultAgeYears ?? 18;
        const chosen = machine.answers.visitorIds.length
          ? machine.answers.visitorIds
          : visitors.filter((visitor) => visitor.lead).map((visitor) => visitor.id);
        const listed = visitors.filter((visitor) => visitor.status !== 'rejected');
        return html`<form
          novalidate
          @submit=${(event: SubmitEvent) => this.onChooseVisitors(event, visitors)}
        >
          ${
            types.length === 1
              ? html`<p>
                  <strong>${this.t('booking.visitors.type')}:</strong>
                  ${this.t(`common.visitType.${types[0]!}`)}
                </p>`
              : html`<fieldset
                  class="field ${typeError ? 'field--error' : ''}"
                  aria-describedby=${typeError ? 'type-error' : nothing}
                >
                  <legend>${this.t('booking.visitors.typeQuestion')}</legend>
                  ${renderFieldError('type', typeError, this.t('form.errorPrefix'))}
                  ${types.map(
                    (type, index) =>
                      html`<div class="choice">
                        <input
                          type="radio"
                          name="type"
                          id=${index === 0 ? 'type' : `type-${type}`}
                          value=${type}
                          .checked=${machine.answers.type === type}
                        />
                        <label for=${index === 0 ? 'type' : `type-${type}`}
                          >${this.t(`common.visitType.${type}`)}</label
                        >
                      </div>`,
                  )}
                </fieldset>`
          }
          <fieldset
            class="field ${visitorsError ? 'field--error' : ''}"
            aria-describedby="visitors-hint${visitorsError ? ' visitors-error' : ''}"
          >
            <legend>${this.t('booking.visitors.question')}</legend>
            ${this.renderLimits(prison)}
            ${renderFieldError('visitors', visitorsError, this.t('form.errorPrefix'))}
            ${listed.map((visitor) => {
              const age = ageOn(visitor.dateOfBirth, today);
              const banned = visitor.bannedUntil && visitor.bannedUntil.slice(0, 10) > today;
              const waiting = visitor.status === 'requested';
              const note = banned
                ? this.t('booking.visitors.banned', {
                    date: formatDay(this.locale, visitor.bannedUntil!.slice(0, 10), 'UTC'),
                  })
                : waiting
                  ? this.t('booking.visitors.waiting')
                  : '';
              const ageText =
                age >= adultAge
                  ? this.t('booking.visitors.adultAge', { count: age })
                  : this.t('booking.visitors.childAge', { count: age });
              return html`<div class="choice">
                <input
                  type="checkbox"
                  name="visitor"
                  id="visitor-${visitor.id}"
                  data-field="visitors"
                  value=${visitor.id}
                  ?disabled=${Boolean(banned || waiting)}
                  .checked=${!banned && !waiting && chosen.includes(visitor.id)}
                  aria-describedby="visitor-${visitor.id}-hint"
                />
                <label for="visitor-${visitor.id}">
                  ${visitor.firstName}
                  ${visitor.lastName}${visitor.lead ? ` (${this.t('booking.visitors.you')})` : ''}
                  <span class="hint" id="visitor-${visitor.id}-hint"
                    >${ageText}${note ? html`. ${note}` : nothing}</span
                  >
                </label>
              </div>`;
            })}
          </fieldset>
          ${this.renderSubmit()}
        </form>`;
      },
    })}`;
  }

  private renderHold(machine: BookingState) {
    const { hold } = machine.answers;
    if (!hold) return nothing;
    const timeZone = this.currentPrison?.timezone ?? 'Europe/London';
    const left = Date.parse(hold.expiresAt) - this.now;
    return html`<div class="notice" part="notice hold">
      <p class="hold">
        ${this.t('booking.hold.text', {
          date: formatDay(this.locale, hold.start, timeZone),
          time: formatTime(this.locale, hold.start, timeZone),
          expires: formatTime(this.locale, hold.expiresAt, timeZone),
          left: this.minutesText(left),
        })}
      </p>
      <p>${this.t('booking.hold.after')}</p>
    </div>`;
  }

  private slotText(slot: Slot, timeZone: string): string {
    return `${formatDay(this.locale, slot.start, timeZone)}, ${this.t('calendar.timeRange', {
      start: formatTime(this.locale, slot.start, timeZone),
      end: formatTime(this.locale, slot.end, timeZone),
    })}`;
  }

  private renderSlot(machine: BookingState) {
    const prison = this.currentPrison;
    const timeZone = prison?.timezone ?? 'Europe/London';
    const notice = machine.notice;
    const slotError = errorFor(this.errors, 'slot');
    return html`${this.renderHeader(this.t('booking.slot.title'))}
      ${
        notice?.kind === 'hold-expired'
          ? html`<div class="notice" data-tone="danger" part="notice">
              <p>${this.t('booking.slot.holdExpired')}</p>
            </div>`
          : nothing
      }
      ${
        notice?.kind === 'slot-taken'
          ? renderSlotTaken({
              t: (key) => this.t(key),
              alternatives: notice.alternatives,
              busy: this.busy,
              label: (slot) =>
                this.t('booking.slot.holdAlternative', { slot: this.slotText(slot, timeZone) }),
              choose: (slot) => void this.hold(slot),
            })
          : nothing
      }
      <p class="hint">
        ${this.t('booking.slot.intro', {
          type: this.t(`common.visitType.${machine.answers.type ?? 'video'}`),
          zone: zoneCity(timeZone),
        })}
      </p>
      ${this.availabilityTask.render({
        initial: () => this.renderLoading(),
        pending: () => this.renderLoading(),
        error: (error) => this.renderLoadError(error, () => this.availabilityTask.run()),
        complete: (availability) =>
          staticHtml`<form novalidate @submit=${this.onSlotContinue}>
            <${tag('visit-session-calendar')}
              id="slot"
              part="calendar"
              exportparts="month, grid, day, times, day-notice"
              .availability=${availability}
              .value=${(this.pendingSlot ?? machine.answers.slot)?.id}
              .viewerTimeZone=${this.viewerTimeZone}
              .window=${prison?.bookingWindow}
              .error=${slotError}
              .strings=${this.strings}
              @calendar-select=${(event: CalendarSelectEvent) => (this.pendingSlot = event.slot)}
            ></${tag('visit-session-calendar')}>
            ${
              (this.pendingSlot ?? machine.answers.slot)
                ? html`<p>
                    <strong>${this.t('booking.slot.chosen')}:</strong>
                    ${this.slotText((this.pendingSlot ?? machine.answers.slot)!, timeZone)}
                  </p>`
                : nothing
            }
            ${this.renderSubmit('booking.slot.hold', 'booking.slot.holding')}
          </form>`,
      })}`;
  }

  private renderDetails(machine: BookingState) {
    const { contact, supportNeeds } = machine.answers;
    const supportError = errorFor(this.errors, 'supportNeeds');
    const contactError = errorFor(this.errors, 'byEmail');
    return html`${this.renderHeader(this.t('booking.details.title'))} ${this.renderHold(machine)}
      <form novalidate @submit=${this.onDetails}>
        <div class="field ${supportError ? 'field--error' : ''}">
          <label for="supportNeeds">${this.t('booking.details.support')}</label>
          <span class="hint" id="supportNeeds-hint"
            >${this.t('booking.details.supportHint', { count: SUPPORT_MAX })}</span
          >
          ${renderFieldError('supportNeeds', supportError, this.t('form.errorPrefix'))}
          <textarea
            id="supportNeeds"
            name="supportNeeds"
            rows="4"
            .value=${supportNeeds}
            aria-invalid=${supportError ? 'true' : 'false'}
            aria-describedby=${describedBy('supportNeeds', true, supportError)}
          ></textarea>
        </div>
        <fieldset
          class="field ${contactError ? 'field--error' : ''}"
          aria-describedby="contact-hint${contactError ? ' byEmail-error' : ''}"
        >
          <legend>${this.t('booking.details.contact')}</legend>
          <span class="hint" id="contact-hint">${this.t('booking.details.contactHint')}</span>
          ${renderFieldError('byEmail', contactError, this.t('form.errorPrefix'))}
          <div class="choice">
            <input type="checkbox" id="byEmail" name="byEmail" .checked=${contact.byEmail} />
            <label for="byEmail">${this.t('booking.details.byEmail')}</label>
          </div>
          ${this.renderTextField('contactEmail', this.t('booking.details.email'), contact.email, {
            type: 'email',
            autocomplete: 'email',
            spellcheck: false,
          })}
          <div class="choice">
            <input type="checkbox" id="bySms" name="bySms" .checked=${contact.bySms} />
            <label for="bySms">${this.t('booking.details.bySms')}</label>
          </div>
          ${this.renderTextField('phone', this.t('booking.details.phone'), contact.phone, {
            type: 'tel',
            autocomplete: 'tel',
            hint: this.t('booking.details.phoneHint'),
          })}
        </fieldset>
        <div class="field">
          <div class="choice">
            <input type="checkbox" id="welshUpdates" name="welshUpdates" .checked=${contact.welshUpdates} />
            <label for="welshUpdates">${this.t('booking.details.welsh')}</label>
          </div>
        </div>
        ${this.renderSubmit()}
      </form>`;
  }

  private renderCheck(machine: BookingState) {
    const { answers } = machine;
    const prison = this.currentPrison;
    const timeZone = prison?.timezone ?? 'Europe/London';
    const visitors = this.visitorsTask.value ?? [];
    const links = this.linksTask.value ?? [];
    const link = links.find((item) => item.id === answers.linkId);
    const chosenVisitors = visitors.filter((visitor) => answers.visitorIds.includes(visitor.id));
    const contactLines = [
      answers.contact.byEmail ? `${this.t('booking.details.byEmail')}: ${answers.contact.email}` : '',
      answers.contact.bySms ? `${this.t('booking.details.bySms')}: ${answers.contact.phone}` : '',
      answers.contact.welshUpdates ? this.t('booking.check.welshYes') : '',
    ].filter(Boolean);
    const row = (
      key: string,
      label: string,
      value: TemplateResult | string,
      change?: 'prisoner' | 'visitors' | 'slot' | 'details',
    ) =>
      html`<div>
        <dt>${label}</dt>
        <dd>${value}</dd>
        ${
          change
            ? html`<dd>
                <button
                  type="button"
                  class="button"
                  data-variant="link"
                  id="change-${key}"
                  @click=${() => this.dispatch({ type: 'change', view: change })}
                >
                  ${this.t('common.change')}<span class="visually-hidden"> ${label}</span>
                </button>
              </dd>`
            : nothing
        }
      </div>`;
    return html`${this.renderHeader(this.t('booking.check.title'))} ${this.renderHold(machine)}
      <dl class="summary-list" part="summary">
        ${row(
          'prisoner',
          this.t('booking.check.prisoner'),
          link
            ? `${this.personName(link)} (${link.prisoner.prisonNumber}), ${link.prisoner.prisonName}`
            : (prison?.name ?? ''),
          machine.skipped.prisoner ? undefined : 'prisoner',
        )}
        ${row('type', this.t('booking.visitors.type'), this.t(`common.visitType.${answers.type ?? 'video'}`), 'visitors')}
        ${row(
          'visitors',
          this.t('booking.check.visitors'),
          html`${chosenVisitors.map((visitor) => html`${visitor.firstName} ${visitor.lastName}<br />`)}`,
          'visitors',
        )}
        ${row('slot', this.t('booking.check.when'), answers.slot ? this.slotText(answers.slot, timeZone) : '', 'slot')}
        ${row('details', this.t('booking.check.support'), answers.supportNeeds || this.t('booking.check.none'), 'details')}
        ${row('contact', this.t('booking.check.contact'), html`${contactLines.map((line) => html`${line}<br />`)}`, 'details')}
      </dl>
      <h3>${this.t('booking.check.nowBook')}</h3>
      <p>${this.t('booking.check.declaration')}</p>
      <button
        type="button"
        class="button"
        part="button"
        ?disabled=${this.busy || !answers.hold}
        @click=${() => void this.confirm()}
      >
        ${this.busy ? this.t('booking.check.booking') : this.t('booking.check.confirm')}
      </button>`;
  }

  private renderConfirmation(machine: BookingState) {
    const visit = machine.visit!;
    const requested = visit.status === 'requested';
    const timeZone = visit.prison.timezone;
    return html`<div class="confirmation" part="confirmation" data-status=${visit.status}>
        <h2 tabindex="-1" data-heading part="heading">
          ${this.t(requested ? 'booking.done.requestedTitle' : 'booking.done.bookedTitle')}
        </h2>
        <p>
          ${this.t('booking.done.reference')}
          <strong class="reference">${visit.reference}</strong>
        </p>
      </div>
      ${this.renderFailure()}
      <dl class="summary-list">
        <div>
          <dt>${this.t('booking.check.when')}</dt>
          <dd>
            ${formatDay(this.locale, visit.start, timeZone)},
            ${this.t('calendar.timeRange', {
              start: formatTime(this.locale, visit.start, timeZone),
              end: formatTime(this.locale, visit.end, timeZone),
            })}
          </dd>
        </div>
        <div>
          <dt>${this.t('booking.visitors.type')}</dt>
          <dd>${this.t(`common.visitType.${visit.type}`)}</dd>
        </div>
        <div>
          <dt>${this.t('booking.check.prisoner')}</dt>
          <dd>${visit.prisoner.firstName} ${visit.prisoner.lastName}, ${visit.prison.name}</dd>
        </div>
      </dl>
      <h3>${this.t('booking.done.nextTitle')}</h3>
      <p>${this.t(requested ? 'booking.done.nextRequested' : 'booking.done.nextBooked')}</p>
      ${visit.type === 'video' && !requested ? html`<p>${this.t('booking.done.nextVideo')}</p>` : nothing}
      <div class="button-group">
        <button
          type="button"
          class="button"
          data-variant="secondary"
          ?disabled=${this.busy}
          @click=${() => void this.addToCalendar()}
        >
          ${this.t('booking.done.addToCalendar')}
        </button>
        <button
          type="button"
          class="button"
          data-variant="link"
          @click=${() => {
            this.#presetTried = false;
            this.dispatch({ type: 'start-again', visitType: this.visitType });
          }}
        >
          ${this.t('booking.done.another')}
        </button>
      </div>`;
  }
}
