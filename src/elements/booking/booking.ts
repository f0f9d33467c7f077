import { adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { VisitType } from '../../api/family.js';
import { VisitElement } from '../../core/visit-element.js';
import { bookingJourneyMessages, bookingMessages, commonMessages } from '../../i18n/areas.js';
import { loadAreas } from '../../i18n/index.js';
import { BookingController } from './booking-controller.js';
import type { BookingJourney } from './booking-journey.js';
import { canGoBack, type BookingState } from './booking-machine.js';
import { bookingStyles } from './booking.styles.js';
import { renderCode, renderFailure, renderLoading, renderSignIn, type BookingView } from './booking-view.js';

/**
 * @summary The family's visit booking journey, step by step in the GOV.UK pattern: sign in with an
 * emailed code, choose the person, visit type and visitors, a date and time (held for 10 minutes),
 * support and contact, check answers, confirm.
 *
 * Works inside `<visit-provider>` or on its own with `api-base`. A portal that has already signed the
 * family in passes a session to the provider (or a ready `client`), and the sign-in step is skipped.
 * A legal visit's time (a solicitor's video visit) is marked in the calendar; choosing one explains that it is
 * never monitored and asks for the legal professional's firm, which the backend requires.
 *
 * @fires visit-step-change - {@link VisitStepChangeEvent} on every screen change (`step`, `view`, `index`, `total`).
 * @fires visit-booked - {@link VisitBookedEvent} once a visit is booked or requested (`reference`, `start`, `end`, `visitType`).
 * @fires visit-validation-error - {@link VisitValidationErrorEvent} each time the error summary lists answers to fix (`fields`, `count`); a host may put "Error: " in the page title until the next `visit-step-change`.
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
 * @csspart legal - Also on the notice that the chosen time is a legal visit (never monitored), above the firm.
 * @csspart calendar - The date and time picker (`<visit-session-calendar>`, with its own parts).
 * @csspart month - The calendar's month caption and its previous / next buttons.
 * @csspart grid - The calendar's grid of days.
 * @csspart day - Each day of the calendar grid.
 * @csspart times - The list of times on the chosen day.
 * @csspart day-notice - The calendar's message about the chosen day (nothing free, closed).
 * @csspart add-visitor - "Add someone who will visit" on the visitors step (a disclosure with its form).
 * @csspart allowance - The visits left in the person's allowance (visitors step).
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
   * The level of each screen's heading (1–6; sub-headings sit one below). Set it so the journey fits the
   * page's outline, e.g. `3` when the page's own section heading above it is an `<h2>`.
   */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** The journey: its state, tasks and effects. The element renders it and moves focus. */
  readonly #booking = new BookingController(this);
  /** The later screens (booking-steps.ts), loaded after the first screen renders. */
  #steps?: typeof import('./booking-steps.js');
  /** Their tasks, hold countdown and actions (booking-journey.ts), started when they load. */
  #journey?: BookingJourney;
  #stepsLoading?: Promise<void>;
  /** Set once the later screens are asked for: from then on each update waits for their strings too. */
  #journeyStrings = false;

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.#booking.sessionChanged();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Lit SSR renders without running controllers' hostUpdate(): start the journey here as well (it starts once).
    this.#booking.hostUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Focus moves once its target is on screen (a later screen may still be loading).
    const focus = this.#booking.focusRequest;
    const target =
      focus === 'summary'
        ? this.renderRoot.querySelector<HTMLElement>('.error-summary')
        : focus === 'heading'
          ? this.renderRoot.querySelector<HTMLElement>('[data-heading]')
          : null;
    if (target) {
      this.#booking.focusMoved();
      target.focus();
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    void this.loadSteps();
  }

  /** The later screens' strings (English too) are fetched with them; a language switch fetches them again. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const areas = [bookingJourneyMessages, ...(this.#journey?.messageAreas ?? [])];
    const loading = this.#journeyStrings ? loadAreas(areas, this.locale) : undefined;
    if (!loading) return super.scheduleUpdate();
    return loading.then(() => super.scheduleUpdate());
  }

  /** Loads the later screens once (again after a failed try: offline, a new deployment). */
  private loadSteps(): Promise<void> {
    this.#journeyStrings = true;
    this.#stepsLoading ??= Promise.all([
      import('./booking-steps.js'),
      loadAreas([bookingJourneyMessages], this.locale),
    ]).then(
      ([steps]) => {
        this.#steps = steps;
        this.#journey = new steps.BookingJourney(this.#booking);
        // The later screens' rules join the first screens' ones (in the same order as if they were static).
        adoptStyles(this.renderRoot as ShadowRoot, [
          ...(this.constructor as typeof VisitBooking).elementStyles,
          steps.bookingStepsStyles,
        ]);
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#stepsLoading = undefined;
        this.#booking.fail({ message: this.describeError(error), retry: () => void this.loadSteps() });
      },
    );
    return this.#stepsLoading;
  }

  /** `updateComplete` also waits for the later screens when the journey is on one of them, and for those loading. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    const view = this.#booking.machine?.view;
    if (!this.#steps && view && view !== 'sign-in' && view !== 'code') {
      await this.loadSteps();
      complete = await super.getUpdateComplete();
    }
    // and for asking the prison to add someone, once a screen has asked for it
    const requests = this.#journey?.requestsLoading;
    if (requests) {
      await requests;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  // ——— what the screens are handed ———

  #view(): BookingView {
    return {
      state: this.#booking,
      on: this.#booking,
      t: (key, variables) => this.t(key, variables),
      locale: this.locale,
      options: {
        prison: this.prison,
        prisoner: this.prisoner,
        viewerTimeZone: this.viewerTimeZone,
        strings: this.strings,
        headingLevel: this.headingLevel,
      },
      focusField: (field) => this.#focusField(field),
      saveFile: (file, name) => this.#saveFile(file, name),
      describeError: (error) => this.describeError(error),
    };
  }

  #focusField(field: string): void {
    const root = this.renderRoot as ShadowRoot;
    const target =
      root.getElementById(field) ??
      root.querySelector<HTMLElement>(`[data-field="${field}"]:not([disabled])`) ??
      root.querySelector<HTMLElement>(`[data-field="${field}"]`);
    target?.focus();
  }

  #saveFile(file: Blob, name: string): void {
    const url = URL.createObjectURL(file);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // ——— rendering ———

  protected override render() {
    const client = this.activeClient;
    if (!client)
      return html`<div class="notice" part="notice" data-tone="danger">
        ${this.t('common.notConfigured')}
      </div>`;
    const machine = this.#booking.machine;
    if (!machine) return nothing;
    const view = this.#view();
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
                @click=${() => this.#booking.back()}
              >
                ${this.t('common.back')}
              </button>
            </p>`
          : nothing
      }
      ${this.#renderView(view, machine)}
    </div>`;
  }

  #renderView(view: BookingView, machine: BookingState): TemplateResult {
    switch (machine.view) {
      case 'sign-in':
        return renderSignIn(view);
      case 'code':
        return renderCode(view);
      default:
        if (this.#steps && this.#journey)
          return this.#steps.renderLaterView({ ...view, journey: this.#journey }, machine);
        // still loading, or it could not load (the failure says so, with a retry)
        return this.#booking.failure ? html`${renderFailure(view)}` : renderLoading(view);
    }
  }
}
