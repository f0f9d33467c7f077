// The booking journey's view: what every screen is handed (the controller's state and actions, the texts, the
// element's options), the pieces the first and the later screens share, and the first screens (sign-in, the emailed code), which
// <visit-booking> renders before booking-steps.ts has loaded. Render functions only: no effects.
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { MessageKey, StringOverrides } from '../../i18n/index.js';
import type { BookingController } from './booking-controller.js';
import { progress } from './booking-machine.js';
import type { Translate } from './booking-rules.js';
import { describedBy, errorFor, renderErrorSummary, renderFieldError } from '../shared/form-errors.js';

/** What the screens read (the controller's state; the later screens' tasks are BookingJourney's). */
export type BookingViewState = Pick<BookingController, 'machine' | 'errors' | 'failure' | 'busy'>;

/** What the screens call (the controller's actions; the later screens' own are BookingJourney's). */
export type BookingActions = Pick<BookingController, 'back' | 'submitEmail' | 'resendCode' | 'submitCode'>;

export interface BookingView {
  state: BookingViewState;
  on: BookingActions;
  t: Translate;
  locale: string;
  /** The element's options that change what is shown. */
  options: {
    prison?: string;
    prisoner?: string;
    viewerTimeZone?: string;
    strings?: StringOverrides;
    /** The level of each screen's heading (`heading-level`); sub-headings sit one below. */
    headingLevel: number;
  };
  /** DOM work only the element can do: focus a field (summary links), hand a file to the person. */
  focusField(field: string): void;
  saveFile(file: Blob, name: string): void;
  /** The element's text for a failure (it also tells the host page with `visit-error`). */
  describeError(error: unknown): string;
}

/** The form's data, the browser's own submission stopped. */
export function formData(event: SubmitEvent): FormData {
  event.preventDefault();
  return new FormData(event.target as HTMLFormElement);
}

/** `<hN>` at the journey's heading level plus `below`, kept within h1–h6. */
export function headingTag(v: BookingView, below = 0) {
  const level = Math.min(6, Math.max(1, Math.round(v.options.headingLevel || 2) + below));
  return unsafeStatic(`h${level}`);
}

/** The screen's heading, focused when the screen changes; `caption` ("Step N of M") is part of its name. */
export function renderScreenHeading(v: BookingView, title: string, caption?: string): TemplateResult {
  const tag = headingTag(v);
  // GOV.UK puts the caption inside the heading; here it stays above it on screen and joins the heading's name
  // with aria-labelledby, so "Step 2 of 6" is heard when focus lands on the heading.
  return staticHtml`${
    caption ? html`<span class="caption" part="progress" id="heading-caption">${caption}</span>` : nothing
  }<${tag}
      tabindex="-1"
      data-heading
      part="heading"
      aria-labelledby=${caption ? 'heading-caption heading-title' : nothing}
      ><span id="heading-title">${title}</span></${tag}
    >`;
}

/** Error summary, "Step N of M" and the focusable heading every screen starts with. */
export function renderHeader(v: BookingView, title: string): TemplateResult {
  const { machine, errors } = v.state;
  const where = machine ? progress(machine) : undefined;
  return html`
    ${renderErrorSummary(
      v.t('common.errorSummaryTitle'),
      errors,
      (field) => v.focusField(field),
      v.options.headingLevel,
    )}
    ${renderScreenHeading(
      v,
      title,
      where ? v.t('booking.progress', { index: where.index, total: where.total }) : undefined,
    )}
    ${renderFailure(v)}
  `;
}

export function renderFailure(v: BookingView) {
  const failure = v.state.failure;
  if (!failure) return nothing;
  return html`<div class="notice" data-tone="danger" part="notice failure">
    <p>${failure.message}</p>
    ${
      failure.retry
        ? html`<button
            type="button"
            class="button"
            data-variant="secondary"
            ?disabled=${v.state.busy}
            @click=${failure.retry}
          >
            ${v.t('common.retry')}
          </button>`
        : nothing
    }
  </div>`;
}

export function renderSubmit(
  v: BookingView,
  label: MessageKey = 'common.continue',
  busyLabel: MessageKey = 'booking.working',
  variant?: 'secondary',
) {
  const busy = v.state.busy;
  return html`<button
    type="submit"
    class="button"
    part="button"
    data-variant=${variant ?? nothing}
    ?disabled=${busy}
    aria-disabled=${busy ? 'true' : 'false'}
  >
    ${busy ? v.t(busyLabel) : v.t(label)}
  </button>`;
}

export interface TextFieldOptions {
  hint?: string;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  spellcheck?: boolean;
}

export function renderTextField(
  v: BookingView,
  field: string,
  label: string,
  value: string,
  options: TextFieldOptions = {},
) {
  const error = errorFor(v.state.errors, field);
  return html`<div class="field ${error ? 'field--error' : ''}">
    <label for=${field}>${label}</label>
    ${options.hint ? html`<span class="hint" id="${field}-hint">${options.hint}</span>` : nothing}
    ${renderFieldError(field, error, v.t('form.errorPrefix'))}
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

export function renderLoading(v: BookingView) {
  return html`<p role="status"><span class="spinner" aria-hidden="true"></span> ${v.t('common.loading')}</p>`;
}

// ——— the first screens ———

export function renderSignIn(v: BookingView) {
  const machine = v.state.machine!;
  return html`${renderHeader(v, v.t('booking.signIn.title'))}
    <p>${v.t('booking.signIn.intro')}</p>
    <form novalidate @submit=${(event: SubmitEvent) => v.on.submitEmail(formData(event))}>
      ${renderTextField(v, 'email', v.t('booking.signIn.email'), machine.answers.email, {
        hint: v.t('booking.signIn.emailHint'),
        type: 'email',
        autocomplete: 'email',
        spellcheck: false,
      })}
      ${renderSubmit(v)}
    </form>`;
}

export function renderCode(v: BookingView) {
  const machine = v.state.machine!;
  return html`${renderHeader(v, v.t('booking.code.title'))}
    <p>${v.t('booking.code.intro', { email: machine.answers.email })}</p>
    <form novalidate @submit=${(event: SubmitEvent) => v.on.submitCode(formData(event))}>
      ${renderTextField(v, 'code', v.t('booking.code.label'), '', {
        hint: v.t('booking.code.hint'),
        autocomplete: 'one-time-code',
        inputmode: 'numeric',
        spellcheck: false,
      })}
      <div class="button-group">
        ${renderSubmit(v)}
        <button
          type="button"
          class="button"
          data-variant="link"
          ?disabled=${v.state.busy}
          @click=${() => v.on.resendCode()}
        >
          ${v.t('booking.code.resend')}
        </button>
      </div>
    </form>`;
}
