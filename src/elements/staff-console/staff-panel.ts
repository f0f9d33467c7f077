import type { Clock } from '../../api/clock.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { VisitApiError } from '../../api/errors.js';
import { VisitStaffActionEvent, type StaffActionKind } from '../../core/events/visit-staff-action.js';
import { VisitElement } from '../../core/visit-element.js';
import { formatDateTime } from '../../i18n/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConsoleStore } from './console-store.js';
import { consoleStyles } from './staff-console.styles.js';
import { commonMessages, staffMessages } from '../../i18n/areas.js';

export type LoadStatus = 'idle' | 'pending' | 'complete' | 'error';

export interface FormDialogOptions {
  /** The `<dialog>` id; its title is `${id}-title`. */
  id: string;
  title: string;
  /** The form renders only while this is true, so each opening starts from empty fields. */
  open: boolean;
  /** What the backend refused, shown at the top of the form. */
  problem?: string | undefined;
  submit: string;
  variant?: 'primary' | 'warning';
  busy: boolean;
  onSubmit: (event: SubmitEvent) => void;
  onClose?: () => void;
  /** `alertdialog` for confirmations of destructive changes. */
  role?: 'dialog' | 'alertdialog';
  body: unknown;
  /**
   * Once the form succeeded, what to show instead of it (e.g. a code to copy) — in the same `<dialog>`, which
   * stays open; it gets a Close button.
   */
  result?: { title: string; body: unknown } | undefined;
}

export interface TextAreaOptions {
  id: string;
  /** The form field's name (default: the id). */
  name?: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  rows: number;
  maxlength?: number;
  /** More ids the text area is described by (e.g. a live character count). */
  describedBy?: string;
  onInput?: (event: Event) => void;
  /** Shown under the text area, inside the field (e.g. the character count). */
  after?: unknown;
}

/**
 * Base of the console's panels: shares the console's store, re-renders on its changes, and opens native
 * modal dialogs that restore focus to where it was when they close.
 */
export class StaffPanel extends VisitElement {
  static override messages = [commonMessages, staffMessages];

  static override styles = [...sharedStyles, consoleStyles];

  @property({ attribute: false }) store?: ConsoleStore;

  /** The panel is the selected tab (panels start network work, e.g. video, only while active). */
  @property({ type: Boolean, reflect: true }) active = false;

  #listened?: ConsoleStore;
  #shown = false;
  readonly #onChange = () => this.requestUpdate();

  /** Panels read the time from the console's client (through the store). */
  override get clock(): Clock {
    return this.store?.client.clock ?? super.clock;
  }

  /** Runs once, the first time the panel is active with a store: panels with their own data load it here. */
  protected firstShown(): void {}

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.active && this.store && !this.#shown) {
      this.#shown = true;
      this.firstShown();
    }
    if (this.store !== this.#listened) {
      this.#listened?.removeEventListener('change', this.#onChange);
      this.store?.addEventListener('change', this.#onChange);
      this.#listened = this.store;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#listened) this.#listened.addEventListener('change', this.#onChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listened?.removeEventListener('change', this.#onChange);
  }

  /** A date/time in the panel's language and the given IANA time zone (Welsh even where ICU lacks it). */
  protected formatDateTime(iso: string | Date, options: Intl.DateTimeFormatOptions): string {
    return formatDateTime(this.locale, iso, options);
  }

  /** Date and time formats in the prison's time zone. */
  protected time(iso: string): string {
    return this.formatDateTime(iso, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: this.store?.timeZone,
    });
  }

  protected day(iso: string): string {
    return this.formatDateTime(iso, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: this.store?.timeZone,
    });
  }

  /** A calendar date such as a date of birth or an excluded date (no time zone applies). */
  protected calendarDate(date: string): string {
    return this.formatDateTime(`${date}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
  }

  /**
   * Opens a modal `<dialog>` of this panel's shadow root by id (focus stays inside it while open); when it
   * closes, focus goes back to the control that opened it, or to `focusFallback()` if that is gone.
   */
  protected async openDialog(id: string): Promise<void> {
    const active = deepActiveElement();
    const opener = active && active !== document.body ? active : undefined;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>(`dialog#${id}`);
    if (!dialog || dialog.open) return;
    dialog.addEventListener(
      'close',
      () => {
        // After the action's result has rendered: the opener may have gone with it (e.g. an ended call).
        void this.updateComplete.then(() => {
          if (opener?.isConnected && !opener.closest('dialog:not([open])')) opener.focus();
          else this.focusFallback();
        });
      },
      { once: true },
    );
    dialog.showModal();
  }

  protected closeDialog(id: string): void {
    this.renderRoot.querySelector<HTMLDialogElement>(`dialog#${id}`)?.close();
  }

  /** Where focus goes when the opener disappeared (e.g. the row of a visitor who was just admitted). */
  protected focusFallback(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /** A danger notice, announced (nothing when there is no message). */
  protected alert(message: string | undefined) {
    return message ? html`<p class="notice" data-tone="danger" role="alert">${message}</p>` : nothing;
  }

  /** "Loading…" before the first answer, or what failed with a retry button; nothing once loaded. */
  protected loadState(
    status: LoadStatus,
    loaded: boolean,
    failed: MessageKey,
    error: string | undefined,
    retry: () => void,
  ) {
    if (status === 'pending' && !loaded) {
      return html`<p role="status"><span class="spinner"></span> ${this.t('common.loading')}</p>`;
    }
    if (status !== 'error') return nothing;
    return html`<div class="notice" data-tone="danger" role="alert">
      <p>${this.t(failed)} ${error}</p>
      <button class="button" type="button" @click=${retry}>${this.t('common.retry')}</button>
    </div>`;
  }

  /** The Cancel (closes the dialog) and confirm buttons at the foot of every dialog. */
  protected dialogActions(
    id: string,
    label: string,
    options: { variant?: 'primary' | 'warning'; busy?: boolean; onClick?: () => void } = {},
  ) {
    return html`<div class="dialog-actions">
      <button class="button" data-variant="secondary" type="button" @click=${() => this.closeDialog(id)}>
        ${this.t('common.cancel')}
      </button>
      <button
        class="button"
        data-variant=${options.variant ?? 'primary'}
        type=${options.onClick ? 'button' : 'submit'}
        ?disabled=${Boolean(options.busy)}
        @click=${options.onClick ?? nothing}
      >
        ${label}
      </button>
    </div>`;
  }

  /** A modal form: title, what the backend refused, the fields, then Cancel and submit. */
  protected formDialog(o: FormDialogOptions): TemplateResult {
    return html`<dialog
      id=${o.id}
      role=${o.role ?? nothing}
      aria-labelledby="${o.id}-title"
      @close=${o.onClose ?? nothing}
    >
      ${
        !o.open
          ? nothing
          : o.result
            ? html`<h2 id="${o.id}-title">${o.result.title}</h2>
                ${o.result.body}
                <div class="dialog-actions">
                  <button class="button" type="button" @click=${() => this.closeDialog(o.id)}>
                    ${this.t('common.close')}
                  </button>
                </div>`
            : html`<form novalidate @submit=${o.onSubmit}>
                <h2 id="${o.id}-title">${o.title}</h2>
                ${this.alert(o.problem)} ${o.body}
                ${this.dialogActions(o.id, o.submit, { variant: o.variant ?? 'primary', busy: o.busy })}
              </form>`
      }
    </dialog>`;
  }

  /** A labelled text area with its hint and inline error, tied to it by `aria-describedby`. */
  protected textArea(o: TextAreaOptions) {
    const describedBy = [o.hint ? `${o.id}-hint` : '', o.describedBy ?? '', o.error ? `${o.id}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field ${o.error ? 'field--error' : ''}">
      <label for=${o.id}>${o.label}</label>
      ${o.hint ? html`<span class="hint" id="${o.id}-hint">${o.hint}</span>` : nothing}
      ${o.error ? html`<span class="error-message" id="${o.id}-error">${o.error}</span>` : nothing}
      <textarea
        id=${o.id}
        name=${o.name ?? o.id}
        rows=${o.rows}
        maxlength=${o.maxlength ?? nothing}
        aria-describedby=${describedBy || nothing}
        @input=${o.onInput ?? nothing}
      ></textarea>
      ${o.after ?? nothing}
    </div>`;
  }

  protected acted(action: StaffActionKind, subjectId: string): void {
    this.dispatchEvent(new VisitStaffActionEvent(action, subjectId));
  }

  protected isConflict(error: unknown, ...codes: string[]): boolean {
    return error instanceof VisitApiError && codes.includes(error.code);
  }
}

/** The focused element, looking into shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}

/** True when a key press happens in a text field (letter shortcuts must not fire there). */
export function typingIn(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.isContentEditable
  );
}
