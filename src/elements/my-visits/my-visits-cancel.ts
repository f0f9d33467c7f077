// The cancel dialog of <visit-my-visits>: a render function of (what to show, strings, handlers); the element
// keeps the state and decides.
import { html, nothing } from 'lit';
import type { MessageKey, Variables } from '../../i18n/index.js';
import { renderErrorSummary, renderFieldError, type FormError } from '../shared/form-errors.js';

export interface CancelView {
  /** "You are cancelling the visit on …, reference …" */
  intro: string;
  errors: FormError[];
  busy: boolean;
  noteMax: number;
}
export interface CancelActions {
  close(): void;
  keep(): void;
  submit(event: SubmitEvent): void;
  focusField(field: string): void;
}
type Translate = (key: MessageKey, variables?: Variables) => string;

export function renderCancelDialog(view: CancelView, t: Translate, on: CancelActions) {
  const reasonError = view.errors.find((error) => error.field === 'reason')?.message;
  const noteError = view.errors.find((error) => error.field === 'note')?.message;
  return html`<dialog part="dialog" aria-labelledby="cancel-title" @close=${on.close}>
    <form novalidate @submit=${on.submit}>
      ${renderErrorSummary(t('common.errorSummaryTitle'), view.errors, on.focusField)}
      <h2 id="cancel-title">${t('visits.cancel.title')}</h2>
      <p>${view.intro}</p>
      <fieldset
        class="field ${reasonError ? 'field--error' : ''}"
        aria-describedby=${reasonError ? 'reason-error' : nothing}
      >
        <legend>${t('visits.cancel.reasonQuestion')}</legend>
        ${renderFieldError('reason', reasonError, t('form.errorPrefix'))}
        ${(['booker-cancelled', 'prisoner-cancelled'] as const).map(
          (reason, index) =>
            html`<div class="choice">
              <input
                type="radio"
                name="reason"
                id=${index === 0 ? 'reason' : `reason-${reason}`}
                value=${reason}
              />
              <label for=${index === 0 ? 'reason' : `reason-${reason}`}
                >${t(`visits.cancel.reason.${reason}`)}</label
              >
            </div>`,
        )}
      </fieldset>
      <div class="field ${noteError ? 'field--error' : ''}">
        <label for="note">${t('visits.cancel.note')}</label>
        <span class="hint" id="note-hint">${t('visits.cancel.noteHint', { count: view.noteMax })}</span>
        ${renderFieldError('note', noteError, t('form.errorPrefix'))}
        <textarea
          id="note"
          name="note"
          rows="3"
          aria-invalid=${noteError ? 'true' : 'false'}
          aria-describedby="note-hint${noteError ? ' note-error' : ''}"
        ></textarea>
      </div>
      <p>${t('visits.cancel.allowance')}</p>
      <div class="button-group">
        <button type="submit" class="button" data-variant="warning" ?disabled=${view.busy}>
          ${view.busy ? t('booking.working') : t('visits.cancel.confirm')}
        </button>
        <button type="button" class="button" data-variant="secondary" @click=${on.keep}>
          ${t('visits.cancel.keep')}
        </button>
      </div>
    </form>
  </dialog>`;
}
