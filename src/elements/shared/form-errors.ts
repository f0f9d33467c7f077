// GOV.UK error pattern: a summary at the top linking to each field, and an inline message per field tied
// to it with aria-describedby.
import { html, nothing, type TemplateResult } from 'lit';

export interface FormError {
  /** Id (inside the same shadow root) of the field the summary links to. */
  field: string;
  message: string;
}

/** The summary; `onLink` focuses the field (fragment links do not cross shadow roots). */
export function renderErrorSummary(
  title: string,
  errors: FormError[],
  onLink: (field: string) => void,
): TemplateResult | typeof nothing {
  if (!errors.length) return nothing;
  return html`<div
    class="error-summary"
    part="error-summary"
    role="alert"
    tabindex="-1"
    aria-labelledby="error-summary-title"
  >
    <h2 id="error-summary-title">${title}</h2>
    <ul>
      ${errors.map(
        (error) =>
          html`<li>
            <a
              href="#${error.field}"
              @click=${(event: Event) => {
                event.preventDefault();
                onLink(error.field);
              }}
              >${error.message}</a
            >
          </li>`,
      )}
    </ul>
  </div>`;
}

/** The error for `field`, if any. */
export function errorFor(errors: FormError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

/** Inline message with a hidden "Error:" prefix, as GOV.UK does; id `<field>-error`. */
export function renderFieldError(field: string, message: string | undefined, prefix: string) {
  if (!message) return nothing;
  return html`<p class="error-message" id="${field}-error" part="field-error">
    <span class="visually-hidden">${prefix}</span> ${message}
  </p>`;
}

/** `aria-describedby` value for a field with an optional hint and an optional error. */
export function describedBy(
  field: string,
  hint: boolean,
  error: string | undefined,
): string | typeof nothing {
  const ids = [hint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ');
  return ids || nothing;
}
