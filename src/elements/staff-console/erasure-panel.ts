import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { StaffErasureRequest } from '../../api/staff.js';
import { PanelList } from './panel-list.js';
import { StaffPanel } from './staff-panel.js';

/**
 * Family members' requests to erase what is held about them (UK GDPR art. 17), for the prison holding their
 * data: erase (the backend keeps visits under a legal hold or with an incident, and redacts the audit) after
 * a confirmation, or refuse with a reason the person is shown. Another officer may decide first
 * (`409 already-decided`): the list says so and refreshes. Shown on the Approvals tab of `<visit-staff-console>`.
 */
export class StaffErasurePanel extends StaffPanel {
  readonly #list = new PanelList<StaffErasureRequest[]>(
    this,
    async (signal) => (await this.store!.api.erasureRequests('requested', signal)) ?? [],
  );
  @state() private problem?: string;
  @state() private busyId?: string;
  /** The request being decided in a dialog, and how. */
  @state() private deciding?: { request: StaffErasureRequest; decision: 'erase' | 'refuse' };
  @state() private reasonError?: string;
  @state() private dialogProblem?: string;

  /** The open requests, once loaded. */
  get requests(): StaffErasureRequest[] | undefined {
    return this.#list.value;
  }

  protected override firstShown(): void {
    void this.load();
  }

  async load(): Promise<void> {
    if (this.store) await this.#list.load();
  }

  private nameOf(request: StaffErasureRequest): string {
    return request.name || request.email || this.t('staff.approvals.unknown');
  }

  override render() {
    const requests = this.requests;
    return html`<section aria-labelledby="erasure-heading">
      <h2 id="erasure-heading" tabindex="-1">${this.t('staff.erasure.heading')}</h2>
      <p class="hint">${this.t('staff.erasure.intro')}</p>
      ${this.alert(this.problem)}
      ${this.loadState(
        this.#list.status,
        Boolean(requests),
        'staff.erasure.loadFailed',
        this.#list.error,
        () => {
          void this.load();
        },
      )}
      ${
        !requests
          ? nothing
          : requests.length === 0
            ? html`<p class="muted">${this.t('staff.erasure.none')}</p>`
            : html`<table>
                <tbody>
                  ${requests.map((request) => this.renderRow(request))}
                </tbody>
              </table>`
      }
      ${this.renderDialog()} ${this.renderAnnouncer()}
    </section>`;
  }

  private renderRow(request: StaffErasureRequest) {
    const name = this.nameOf(request);
    const busy = this.busyId === request.id;
    return html`<tr data-request-id=${request.id}>
      <td>
        ${this.t('staff.erasure.summary', {
          name,
          email: request.email ?? '',
          when: this.day(request.requestedAt),
        })}
        <br /><span class="muted">${this.t('staff.erasure.visits', { count: request.visits })}</span>
        ${
          request.heldVisits.length
            ? html`<br /><strong
                  >${this.t('staff.erasure.held', { count: request.heldVisits.length })}</strong
                >`
            : nothing
        }
      </td>
      <td>
        <div class="actions">
          <button
            class="button"
            data-size="small"
            data-variant="warning"
            type="button"
            aria-label=${this.t('staff.erasure.eraseLabel', { name })}
            ?disabled=${busy}
            @click=${() => void this.open(request, 'erase')}
          >
            ${this.t('staff.erasure.erase')}
          </button>
          <button
            class="button"
            data-size="small"
            data-variant="secondary"
            type="button"
            aria-label=${this.t('staff.erasure.refuseLabel', { name })}
            ?disabled=${busy}
            @click=${() => void this.open(request, 'refuse')}
          >
            ${this.t('staff.erasure.refuse')}
          </button>
        </div>
      </td>
    </tr>`;
  }

  private renderDialog() {
    const deciding = this.deciding;
    const erase = deciding?.decision === 'erase';
    return this.formDialog({
      id: 'erasure',
      role: erase ? 'alertdialog' : 'dialog',
      title: this.t(erase ? 'staff.erasure.eraseTitle' : 'staff.erasure.refuseTitle'),
      open: Boolean(deciding),
      problem: this.dialogProblem,
      submit: this.t(erase ? 'staff.erasure.eraseSubmit' : 'staff.erasure.refuseSubmit'),
      variant: erase ? 'warning' : 'primary',
      busy: Boolean(this.busyId),
      onSubmit: (event) => void this.submit(event),
      body: !deciding
        ? nothing
        : erase
          ? html`<p><strong>${this.nameOf(deciding.request)}</strong></p>
              <p>${this.t('staff.erasure.eraseText')}</p>`
          : html`<p><strong>${this.nameOf(deciding.request)}</strong></p>
              ${this.textArea({
                id: 'erasure-reason',
                name: 'reason',
                label: this.t('staff.erasure.reason'),
                hint: this.t('staff.erasure.reasonHint'),
                error: this.reasonError,
                rows: 3,
                maxlength: 1000,
              })}`,
    });
  }

  async open(request: StaffErasureRequest, decision: 'erase' | 'refuse'): Promise<void> {
    this.deciding = { request, decision };
    this.reasonError = undefined;
    this.dialogProblem = undefined;
    this.renderRoot.querySelector<HTMLFormElement>('dialog#erasure form')?.reset();
    await this.openDialog('erasure');
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const deciding = this.deciding;
    if (!deciding) return;
    let reason: string | undefined;
    if (deciding.decision === 'refuse') {
      reason = (this.renderRoot.querySelector('#erasure-reason') as HTMLTextAreaElement).value.trim();
      if (!reason) {
        this.reasonError = this.t('staff.erasure.reasonRequired');
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#erasure-reason')?.focus();
        return;
      }
    }
    this.reasonError = undefined;
    await this.decide(deciding.request, deciding.decision, reason);
  }

  /** Sends the decision; on `409 already-decided` explains and refreshes the list. */
  async decide(request: StaffErasureRequest, decision: 'erase' | 'refuse', reason?: string): Promise<void> {
    const store = this.store;
    if (!store || this.busyId) return;
    this.busyId = request.id;
    this.problem = undefined;
    this.dialogProblem = undefined;
    try {
      await store.api.decideErasure(request.id, decision, reason);
      this.acted('decision', request.id);
      this.announce(this.t(decision === 'erase' ? 'staff.announce.erased' : 'staff.announce.erasureRefused'));
      this.#list.set((this.requests ?? []).filter((item) => item.id !== request.id));
      this.closeDialog('erasure');
      this.deciding = undefined;
    } catch (error) {
      if (this.isConflict(error, 'already-decided')) {
        this.problem = this.t('staff.erasure.alreadyDecided');
        this.closeDialog('erasure');
        await this.load();
      } else {
        this.dialogProblem = this.describeError(error);
      }
    } finally {
      this.busyId = undefined;
    }
  }

  protected override focusFallback(): void {
    const next = this.renderRoot.querySelector<HTMLElement>('tr[data-request-id] button');
    (next ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }
}
