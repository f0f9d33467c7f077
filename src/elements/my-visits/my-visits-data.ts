// "Your data" in <visit-my-visits>: subject access (download everything held, a readable page) and erasure
// (ask for it; staff of the prison decide, keeping what a legal hold or an incident needs). The controller
// decides and talks to the backend; renderYourData draws the section and its confirmation dialog.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { VisitClient } from '../../api/client.js';
import { VisitApiError } from '../../api/errors.js';
import { downloadMyData, latestErasure, requestErasure, type ErasureRequest } from '../../api/family.js';
import type { MessageKey, Variables } from '../../i18n/index.js';

export interface YourDataHost extends ReactiveControllerHost {
  readonly activeClient: VisitClient | undefined;
  /** Shows and announces the outcome of an action. */
  notify(tone: 'success' | 'danger', text: MessageKey, variables?: Variables): void;
  /** Moves focus to `selector` in the host's shadow root after the next render. */
  focusLater(selector: string): void;
}

export class YourDataController implements ReactiveController {
  /** The newest erasure request (null: never asked; undefined: not known yet). */
  erasure?: ErasureRequest | null;
  busy: 'download' | 'erasure' | undefined;
  /** The "ask us to erase" confirmation is open. */
  confirming = false;
  #host: YourDataHost;
  #client?: VisitClient;
  #abort = new AbortController();

  constructor(host: YourDataHost) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    // Each signed-in client (a new session) reads where its own request is, once.
    const client = this.#host.activeClient;
    if (client === this.#client) return;
    this.#client = client;
    this.erasure = undefined;
    if (client?.signedIn) void this.#loadErasure(client);
  }

  hostDisconnected(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#client = undefined;
  }

  async #loadErasure(client: VisitClient): Promise<void> {
    try {
      const request = await latestErasure(client, this.#abort.signal);
      if (client !== this.#client) return;
      this.erasure = request;
    } catch {
      // Not knowing only hides the status line; asking still works (the backend returns an open request).
      if (client === this.#client) this.erasure = null;
    }
    this.#host.requestUpdate();
  }

  /** Saves the subject-access page through a temporary link (the file comes from an authorised request). */
  async download(): Promise<void> {
    const client = this.#host.activeClient;
    if (!client || this.busy) return;
    this.#set('download');
    try {
      const blob = await downloadMyData(client, 'html', this.#abort.signal);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'my-data.html';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.#host.notify('success', 'visits.myDataReady');
    } catch (error) {
      if (!(error instanceof VisitApiError && error.code === 'aborted'))
        this.#host.notify('danger', 'visits.myDataFailed');
    } finally {
      this.#set(undefined);
    }
  }

  openConfirm(): void {
    this.confirming = true;
    this.#host.requestUpdate();
  }

  /** Closes the confirmation without asking; focus goes back to the button that opened it. */
  closeConfirm(): void {
    if (!this.confirming) return;
    this.confirming = false;
    this.#host.focusLater('[part~="erasure"]');
    this.#host.requestUpdate();
  }

  /** Sends the request. With no prison holding the person's data it is done at once (the account is gone). */
  async askErasure(): Promise<void> {
    const client = this.#host.activeClient;
    if (!client || this.busy) return;
    this.#set('erasure');
    try {
      const request = await requestErasure(client, this.#abort.signal);
      this.erasure = request;
      this.confirming = false;
      this.#host.notify(
        'success',
        request.status === 'erased' ? 'visits.erasure.erased' : 'visits.erasure.asked',
      );
    } catch (error) {
      if (!(error instanceof VisitApiError && error.code === 'aborted'))
        this.#host.notify('danger', 'visits.erasure.failed');
      this.confirming = false;
    } finally {
      this.#set(undefined);
    }
  }

  #set(busy: YourDataController['busy']): void {
    this.busy = busy;
    this.#host.requestUpdate();
  }
}

type Translate = (key: MessageKey, variables?: Variables) => string;

/** The section under the list: download, ask to erase, and where an erasure request is. */
export function renderYourData(data: YourDataController, t: Translate, date: (iso: string) => string) {
  const request = data.erasure;
  const open = request?.status === 'requested';
  return html`<section class="your-data" part="your-data" aria-labelledby="your-data-title">
    <h3 id="your-data-title">${t('visits.yourData')}</h3>
    <p class="hint" id="my-data-hint">${t('visits.myDataHint')}</p>
    ${
      request?.status === 'requested'
        ? html`<p data-erasure="requested">
            ${t('visits.erasure.pending', { date: date(request.requestedAt) })}
          </p>`
        : request?.status === 'refused'
          ? html`<p data-erasure="refused">
              ${t('visits.erasure.refused', {
                date: date(request.decidedAt ?? request.requestedAt),
                reason: request.reason ?? '',
              })}
            </p>`
          : nothing
    }
    <div class="button-group">
      <button
        type="button"
        class="button"
        data-variant="secondary"
        part="my-data"
        aria-describedby="my-data-hint"
        ?disabled=${Boolean(data.busy)}
        @click=${() => void data.download()}
      >
        ${data.busy === 'download' ? t('booking.working') : t('visits.myData')}
      </button>
      ${
        open
          ? nothing
          : html`<button
              type="button"
              class="button"
              data-variant="warning"
              part="erasure"
              ?disabled=${Boolean(data.busy)}
              @click=${() => data.openConfirm()}
            >
              ${t('visits.erasure.ask')}
            </button>`
      }
    </div>
  </section>`;
}

/** The confirmation before asking: what is erased, what is kept and who decides. */
export function renderErasureDialog(data: YourDataController, t: Translate) {
  if (!data.confirming) return nothing;
  return html`<dialog
    part="dialog"
    id="erasure-dialog"
    role="alertdialog"
    aria-labelledby="erasure-title"
    aria-describedby="erasure-text"
    @close=${() => data.closeConfirm()}
  >
    <h2 id="erasure-title">${t('visits.erasure.title')}</h2>
    <div id="erasure-text">
      <p>${t('visits.erasure.what')}</p>
      <p>${t('visits.erasure.kept')}</p>
      <p>${t('visits.erasure.who')}</p>
    </div>
    <div class="button-group">
      <button
        type="button"
        class="button"
        data-variant="warning"
        ?disabled=${Boolean(data.busy)}
        @click=${() => void data.askErasure()}
      >
        ${data.busy === 'erasure' ? t('booking.working') : t('visits.erasure.confirm')}
      </button>
      <button type="button" class="button" data-variant="secondary" @click=${() => data.closeConfirm()}>
        ${t('visits.erasure.keep')}
      </button>
    </div>
  </dialog>`;
}
