// The screens of asking the prison to add someone: "Add someone you visit", "Request sent", and the form of "Add
// someone who will visit" inside the visitors step. Render functions of the journey's state; the actions are
// BookingRequests' (booking-requests.ts). BookingJourney loads this module with import() the first time a family
// asks (booking-journey.ts, loadRequests), so the journey's other screens do not carry it.
import { html } from 'lit';
import type { DateParts } from './booking-requests-rules.js';
import { NEW_VISITOR_FIELDS, NEW_VISITOR_PREFIX } from './booking-requests-rules.js';
import type { Prison } from '../../api/family.js';
import type { BookingRequests } from './booking-requests.js';
import { formData, renderHeader, renderSubmit, renderTextField, type BookingView } from './booking-view.js';
import { describedBy, errorFor, renderFieldError } from '../shared/form-errors.js';

// The actions and the strings (English inline) load with their screens: one chunk.
export { BookingRequests } from './booking-requests.js';
export { addVisitorHasErrors } from './booking-requests-rules.js';
export { bookingRequestsMessages } from '../../i18n/booking-requests.js';

/**
 * What these screens are handed: the first screens' view, the prisons (the journey's list) and the requests'
 * actions. Not the journey itself: it loads this module, so this module does not import it.
 */
export interface RequestsView extends BookingView {
  prisons: Prison[];
  requests: BookingRequests;
}

export function renderLinkRequest(v: RequestsView) {
  const draft = v.requests.linkDraft;
  const prisons = v.prisons;
  const presetPrison = v.options.prison
    ? prisons.find((prison) => prison.code === v.options.prison)
    : undefined;
  const prisonError = errorFor(v.state.errors, 'prisonCode');
  return html`${renderHeader(v, v.t('booking.link.title'))}
    <p>${v.t('booking.link.intro')}</p>
    <form novalidate @submit=${(event: SubmitEvent) => v.requests.submitLinkRequest(formData(event))}>
      ${
        v.options.prison
          ? html`<p>
              <strong>${v.t('booking.link.prison')}:</strong> ${presetPrison?.name ?? v.options.prison}
            </p>`
          : html`<div class="field ${prisonError ? 'field--error' : ''}">
              <label for="prisonCode">${v.t('booking.link.prison')}</label>
              ${renderFieldError('prisonCode', prisonError, v.t('form.errorPrefix'))}
              <select
                id="prisonCode"
                name="prisonCode"
                aria-invalid=${prisonError ? 'true' : 'false'}
                aria-describedby=${describedBy('prisonCode', false, prisonError)}
              >
                <option value="">${v.t('booking.link.choosePrison')}</option>
                ${prisons.map(
                  (prison) =>
                    html`<option value=${prison.code} ?selected=${prison.code === draft.prisonCode}>
                      ${prison.name}
                    </option>`,
                )}
              </select>
            </div>`
      }
      ${renderTextField(v, 'prisonNumber', v.t('booking.link.number'), draft.prisonNumber, {
        hint: v.t('booking.link.numberHint'),
        autocomplete: 'off',
        spellcheck: false,
      })}
      ${renderTextField(v, 'firstName', v.t('booking.link.firstName'), draft.firstName, { spellcheck: false })}
      ${renderTextField(v, 'lastName', v.t('booking.link.lastName'), draft.lastName, { spellcheck: false })}
      ${renderDateOfBirth(v, 'dob', draft)}
      ${renderTextField(v, 'relationship', v.t('booking.link.relationship'), draft.relationship, {
        hint: v.t('booking.link.relationshipHint'),
      })}
      ${renderSubmit(v, 'booking.link.send')}
    </form>`;
}

/** Day, month and year boxes (GOV.UK date input); fields `<prefix>-day|month|year`, errors on `<prefix>-day`. */
function renderDateOfBirth(v: RequestsView, prefix: string, values: DateParts) {
  const error = errorFor(v.state.errors, `${prefix}-day`);
  return html`<fieldset
    class="field ${error ? 'field--error' : ''}"
    role="group"
    aria-describedby="${prefix}-hint${error ? ` ${prefix}-day-error` : ''}"
  >
    <legend>${v.t('booking.link.dob')}</legend>
    <span class="hint" id="${prefix}-hint">${v.t('booking.link.dobHint')}</span>
    ${renderFieldError(`${prefix}-day`, error, v.t('form.errorPrefix'))}
    <div class="date-input">
      ${(['day', 'month', 'year'] as const).map(
        (part) =>
          html`<div class="item">
            <label for="${prefix}-${part}">${v.t(`booking.link.dob.${part}`)}</label>
            <input
              id="${prefix}-${part}"
              name="${prefix}-${part}"
              type="text"
              inputmode="numeric"
              .value=${values[part]}
              aria-invalid=${error ? 'true' : 'false'}
            />
          </div>`,
      )}
    </div>
  </fieldset>`;
}

export function renderLinkPending(v: RequestsView) {
  const draft = v.requests.linkDraft;
  const prison = v.prisons.find((item) => item.code === draft.prisonCode);
  return html`${renderHeader(v, v.t('booking.pending.title'))}
    <div class="notice" part="notice pending">
      <p>
        ${v.t('booking.pending.body', {
          name: `${draft.firstName} ${draft.lastName}`,
          prison: prison?.name ?? draft.prisonCode,
        })}
      </p>
      <p>${v.t('booking.pending.next')}</p>
    </div>
    <button type="button" class="button" data-variant="secondary" @click=${() => v.requests.backToPeople()}>
      ${v.t('booking.pending.backToPeople')}
    </button>`;
}

/** After the request went: an empty form, closed, focus back on its summary. */
function onAddVisitor(v: RequestsView, event: SubmitEvent, linkId: string): void {
  const form = event.target as HTMLFormElement;
  void v.requests.addVisitor(formData(event), linkId).then((sent) => {
    if (!sent) return;
    form.reset();
    const details = form.closest('details');
    details?.removeAttribute('open');
    details?.querySelector('summary')?.focus();
  });
}

/** The inside of "Add someone who will visit" (the visitors step renders its summary). */
export function renderAddVisitorForm(v: RequestsView, linkId: string) {
  return html`<p class="hint">${v.t('booking.visitors.add.intro')}</p>
    <form novalidate @submit=${(event: SubmitEvent) => onAddVisitor(v, event, linkId)}>
      ${renderTextField(v, NEW_VISITOR_FIELDS.firstName, v.t('booking.link.firstName'), '', {
        spellcheck: false,
        autocomplete: 'off',
      })}
      ${renderTextField(v, NEW_VISITOR_FIELDS.lastName, v.t('booking.link.lastName'), '', {
        spellcheck: false,
        autocomplete: 'off',
      })}
      ${renderDateOfBirth(v, `${NEW_VISITOR_PREFIX}dob`, { day: '', month: '', year: '' })}
      ${renderTextField(v, NEW_VISITOR_FIELDS.relationship, v.t('booking.visitors.add.relationship'), '', {
        hint: v.t('booking.visitors.add.relationshipHint'),
      })}
      ${renderSubmit(v, 'booking.visitors.add.send', 'booking.working', 'secondary')}
    </form>`;
}
