import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VisitApiError } from '../../api/errors.js';
import { enrolPasskey, PasskeyError, passkeysSupported, signInWithPasskey } from '../../api/passkeys.js';
import { VisitElement } from '../../core/visit-element.js';
import type { MessageKey } from '../../i18n/index.js';
import { commonMessages, staffMessages } from '../../i18n/areas.js';
import { sharedStyles } from '../../styles/shared.js';
import { consoleStyles } from './staff-console.styles.js';

export type PasskeyMode = 'sign-in' | 'enrol';

/** What went wrong, in the person's words: the device's reasons, then the backend's codes. */
function problemKey(error: unknown): MessageKey | undefined {
  if (error instanceof PasskeyError)
    return (
      {
        unsupported: 'staff.passkey.unsupported',
        cancelled: 'staff.passkey.cancelled',
        'already-registered': 'staff.passkey.alreadyRegistered',
      } as const
    )[error.reason];
  if (error instanceof VisitApiError && error.code === 'passkey-invalid') return 'staff.passkey.wrongKey';
  return undefined;
}

/**
 * The passkey step of a staff sign-in, shown by the console while the session still needs it: "Use your
 * passkey", or "Set up a passkey" with the single-use code a colleague gave. On success the client's session
 * becomes the full one (the console then loads). Focus moves to the heading of each screen; problems are
 * announced (`role="alert"`).
 */
export class StaffPasskeyStep extends VisitElement {
  static override messages = [commonMessages, staffMessages];
  static override styles = [...sharedStyles, consoleStyles];

  /** Which screen: signing in with a passkey, or setting one up (default: from the session). */
  @property() mode?: PasskeyMode;

  /** What failed (shown at the top, announced); for stories and tests the message key can be set. */
  @state() private problem?: string;
  @state() private codeError?: string;
  @state() private busy = false;

  get #mode(): PasskeyMode {
    return this.mode ?? (this.activeClient?.session?.secondFactor?.enrolled === false ? 'enrol' : 'sign-in');
  }

  /** Shows a problem as if a step had failed (stories, host pages explaining a refusal). */
  showProblem(key: MessageKey): void {
    this.problem = this.t(key);
  }

  protected override firstUpdated(): void {
    if (!passkeysSupported()) this.problem = this.t('staff.passkey.unsupported');
    void this.#focusHeading();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('mode') && changed.get('mode') !== undefined) void this.#focusHeading();
  }

  async #focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  async #switch(mode: PasskeyMode): Promise<void> {
    this.problem = undefined;
    this.codeError = undefined;
    this.mode = mode;
    await this.#focusHeading();
  }

  async #run(step: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.problem = undefined;
    try {
      await step();
      this.announce(this.t('staff.passkey.signedIn'));
    } catch (error) {
      const key = problemKey(error);
      this.problem = key ? this.t(key) : this.describeError(error);
    } finally {
      this.busy = false;
    }
  }

  readonly #signIn = () => {
    const client = this.activeClient;
    if (client) void this.#run(() => signInWithPasskey(client));
  };

  readonly #enrol = (event: SubmitEvent) => {
    event.preventDefault();
    const client = this.activeClient;
    const field = (event.target as HTMLFormElement).elements.namedItem('enrolment-code') as HTMLInputElement;
    const code = field.value.trim();
    if (!code) {
      this.codeError = this.t('staff.passkey.codeMissing');
      field.focus();
      return;
    }
    this.codeError = undefined;
    if (client)
      void this.#run(async () => {
        try {
          await enrolPasskey(client, code);
        } catch (error) {
          if (error instanceof VisitApiError && error.code === 'enrolment-code-invalid') {
            this.codeError = error.problem.detail ?? this.t('staff.passkey.codeMissing');
            field.focus();
            return;
          }
          throw error;
        }
      });
  };

  override render() {
    const enrol = this.#mode === 'enrol';
    return html`<section class="passkey-step" aria-labelledby="passkey-title" aria-busy=${this.busy}>
      <h2 id="passkey-title" tabindex="-1">
        ${this.t(enrol ? 'staff.passkey.enrolTitle' : 'staff.passkey.signInTitle')}
      </h2>
      ${
        this.problem
          ? html`<div class="notice" data-tone="danger" role="alert">
              <p><strong>${this.t('staff.passkey.errorTitle')}</strong></p>
              <p>${this.problem}</p>
            </div>`
          : nothing
      }
      ${enrol ? this.#renderEnrol() : this.#renderSignIn()}
      ${this.busy ? html`<p role="status"><span class="spinner"></span> ${this.t('staff.passkey.busy')}</p>` : nothing}
      ${this.renderAnnouncer()}
    </section>`;
  }

  #renderSignIn() {
    return html`<p>${this.t('staff.passkey.signInIntro')}</p>
      <p>
        <button class="button" type="button" ?disabled=${this.busy} @click=${this.#signIn}>
          ${this.t('staff.passkey.use')}
        </button>
      </p>
      <p>
        <button class="button" data-variant="link" type="button" @click=${() => void this.#switch('enrol')}>
          ${this.t('staff.passkey.lost')}
        </button>
      </p>`;
  }

  #renderEnrol() {
    const error = this.codeError;
    return html`<p>${this.t('staff.passkey.enrolIntro')}</p>
      <form novalidate @submit=${this.#enrol}>
        <div class="field ${error ? 'field--error' : ''}">
          <label for="enrolment-code">${this.t('staff.passkey.code')}</label>
          <span class="hint" id="enrolment-code-hint">${this.t('staff.passkey.codeHint')}</span>
          ${
            error
              ? html`<span class="error-message" id="enrolment-code-error" role="alert">${error}</span>`
              : nothing
          }
          <input
            id="enrolment-code"
            name="enrolment-code"
            autocomplete="one-time-code"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="20"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="enrolment-code-hint${error ? ' enrolment-code-error' : ''}"
          />
        </div>
        <p>
          <button class="button" type="submit" ?disabled=${this.busy}>
            ${this.t('staff.passkey.enrol')}
          </button>
        </p>
      </form>
      ${
        this.activeClient?.session?.secondFactor?.enrolled === false
          ? nothing
          : html`<p>
              <button
                class="button"
                data-variant="link"
                type="button"
                @click=${() => void this.#switch('sign-in')}
              >
                ${this.t('staff.passkey.haveOne')}
              </button>
            </p>`
      }`;
  }
}
