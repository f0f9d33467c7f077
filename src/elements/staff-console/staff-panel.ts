import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { VisitApiError } from '../../api/errors.js';
import { VisitStaffActionEvent, type StaffActionKind } from '../../core/events/visit-staff-action.js';
import { VisitElement } from '../../core/visit-element.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConsoleStore } from './console-store.js';
import { consoleStyles } from './staff-console.styles.js';

/**
 * Base of the console's panels: shares the console's store, re-renders on its changes, and opens native
 * modal dialogs that restore focus to where it was when they close.
 */
export class StaffPanel extends VisitElement {
  static override styles = [...sharedStyles, consoleStyles];

  @property({ attribute: false }) store?: ConsoleStore;

  /** The panel is the selected tab (panels start network work, e.g. video, only while active). */
  @property({ type: Boolean, reflect: true }) active = false;

  #listened?: ConsoleStore;
  readonly #onChange = () => this.requestUpdate();

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
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
