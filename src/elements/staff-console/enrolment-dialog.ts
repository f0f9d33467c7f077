import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { EnrolmentCodeIssued } from '../../api/staff.js';
import { StaffPanel } from './staff-panel.js';

/**
 * "Passkey set-up code": a member of staff gives a colleague of the same prison a single-use code to set up
 * their passkey (their first, or one replacing a lost key, optionally removing the old ones at once). The
 * backend checks the prison and refuses one's own account; the code is shown once.
 */
export class StaffEnrolment extends StaffPanel {
  @state() private opened = false;
  @state() private issued?: EnrolmentCodeIssued;
  @state() private problem?: string;
  @state() private emailError?: string;
  @state() private busy = false;

  /** Opens the dialog with empty fields. */
  async open(): Promise<void> {
    this.issued = undefined;
    this.problem = undefined;
    this.emailError = undefined;
    this.opened = true;
    await this.openDialog('enrolment');
    this.renderRoot.querySelector<HTMLInputElement>('#enrolment-email')?.focus();
  }

  readonly #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    const revoke = (form.elements.namedItem('revoke') as HTMLInputElement).checked;
    if (!email) {
      this.emailError = this.t('staff.enrolment.emailMissing');
      form.querySelector<HTMLInputElement>('#enrolment-email')?.focus();
      return;
    }
    this.emailError = undefined;
    this.busy = true;
    try {
      this.issued = await this.store!.api.issueEnrolmentCode(email, revoke);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#enrolment-title')?.focus();
    } catch (error) {
      this.problem = this.describeError(error);
    } finally {
      this.busy = false;
    }
  };

  override render() {
    const issued = this.issued;
    const error = this.emailError;
    return this.formDialog({
      id: 'enrolment',
      title: this.t('staff.enrolment.title'),
      open: this.opened,
      problem: this.problem,
      submit: this.t('staff.enrolment.submit'),
      busy: this.busy,
      onSubmit: (event) => void this.#submit(event),
      onClose: () => (this.opened = false),
      result: issued && {
        title: this.t('staff.enrolment.resultTitle', { email: issued.email }),
        body: html`<p role="status">
            ${this.t('staff.enrolment.result', {
              code: issued.code,
              time: this.time(issued.expiresAt),
            })}
          </p>
          <p class="enrolment-code"><strong>${issued.code}</strong></p>
          ${
            issued.passkeysRemoved
              ? html`<p>${this.t('staff.enrolment.removed', { count: issued.passkeysRemoved })}</p>`
              : nothing
          }`,
      },
      body: html`<p>${this.t('staff.enrolment.intro')}</p>
        <div class="field ${error ? 'field--error' : ''}">
          <label for="enrolment-email">${this.t('staff.enrolment.email')}</label>
          ${error ? html`<span class="error-message" id="enrolment-email-error">${error}</span>` : nothing}
          <input
            id="enrolment-email"
            name="email"
            type="email"
            autocomplete="off"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'enrolment-email-error' : nothing}
          />
        </div>
        <div class="field">
          <label class="checkbox"
            ><input type="checkbox" name="revoke" /> ${this.t('staff.enrolment.revoke')}</label
          >
        </div>`,
    });
  }
}
