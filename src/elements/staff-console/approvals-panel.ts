import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { VisitApiError } from '../../api/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { fullName } from './model.js';
import type { ApprovalKind, Approvals } from './staff-api.js';
import { StaffPanel } from './staff-panel.js';

interface Item {
  kind: ApprovalKind;
  id: string;
  summary: string;
  requested?: string;
  /** A link request whose details matched nobody in this prison. */
  unmatched?: boolean;
}

/**
 * Pending visitor-link requests, additional visitors and bookings that need review: approve, or reject with
 * a reason the family is told. Another officer may decide first (`409 already-decided`): the console says
 * so and refreshes. Part of `<visit-staff-console>`.
 */
export class StaffApprovalsPanel extends StaffPanel {
  @state() approvals?: Approvals;
  @state() private status: 'idle' | 'pending' | 'complete' | 'error' = 'idle';
  @state() private loadError?: string;
  @state() private problem?: string;
  @state() private busyId?: string;
  @state() private rejecting?: Item;
  @state() private reasonError?: string;
  @state() private dialogProblem?: string;
  #loaded = false;
  #abort?: AbortController;

  /** Pending requests: the number the console shows on the tab. */
  get count(): number {
    const a = this.approvals;
    return a ? a.links.length + a.visitors.length + a.bookings.length : 0;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if ((changed.has('active') || changed.has('store')) && this.active && this.store && !this.#loaded) {
      this.#loaded = true;
      void this.load();
    }
  }

  async load(): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.#abort?.abort();
    const controller = new AbortController();
    this.#abort = controller;
    this.status = 'pending';
    try {
      const approvals = await store.api.approvals(controller.signal);
      if (controller.signal.aborted) return;
      this.approvals = {
        links: approvals?.links ?? [],
        visitors: approvals?.visitors ?? [],
        bookings: approvals?.bookings ?? [],
      };
      this.status = 'complete';
      this.dispatchEvent(new Event('count-change', { bubbles: true }));
    } catch (error) {
      if (controller.signal.aborted) return;
      this.status = 'error';
      this.loadError = this.describeError(error);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  private items(): Record<ApprovalKind, Item[]> {
    const a = this.approvals ?? { links: [], visitors: [], bookings: [] };
    const unknown = this.t('staff.approvals.unknown');
    return {
      link: a.links.map((link) => {
        const prisoner = link.prisoner ?? link.claimed;
        return {
          kind: 'link',
          id: link.id,
          requested: link.createdAt,
          unmatched: link.matched === false,
          summary: this.t('staff.approvals.linkSummary', {
            visitor: fullName(link.visitor) || unknown,
            prisoner: fullName(prisoner) || unknown,
            number: link.claimed.prisonNumber,
            relationship: link.relationship ?? unknown,
          }),
        };
      }),
      visitor: a.visitors.map((person) => ({
        kind: 'visitor',
        id: person.id,
        summary: this.t('staff.approvals.visitorSummary', {
          visitor: fullName(person) || unknown,
          dob: person.dateOfBirth
            ? this.formatDateTime(`${person.dateOfBirth}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })
            : unknown,
          relationship: person.relationship ?? unknown,
        }),
      })),
      booking: a.bookings.map((visit) => ({
        kind: 'booking',
        id: visit.id,
        summary: this.t('staff.approvals.bookingSummary', {
          reference: visit.reference,
          prisoner: fullName(visit.prisoner),
          when: `${this.day(visit.start)} ${this.time(visit.start)}`,
          type: this.t(`common.visitType.${visit.type}` as MessageKey),
        }),
      })),
    };
  }

  override render() {
    const groups = this.items();
    return html`
      <h2 tabindex="-1">${this.t('staff.approvals.heading')}</h2>
      ${this.problem ? html`<p class="notice" data-tone="danger" role="alert">${this.problem}</p>` : nothing}
      ${
        this.status === 'pending' && !this.approvals
          ? html`<p role="status"><span class="spinner"></span> ${this.t('common.loading')}</p>`
          : nothing
      }
      ${
        this.status === 'error'
          ? html`<div class="notice" data-tone="danger" role="alert">
              <p>${this.t('staff.approvals.loadFailed')} ${this.loadError}</p>
              <button class="button" type="button" @click=${() => void this.load()}>
                ${this.t('common.retry')}
              </button>
            </div>`
          : nothing
      }
      ${
        this.approvals
          ? (['link', 'visitor', 'booking'] as const).map((kind) => this.renderGroup(kind, groups[kind]))
          : nothing
      }
      ${this.renderRejectDialog()} ${this.renderAnnouncer()}
    `;
  }

  private renderGroup(kind: ApprovalKind, items: Item[]) {
    const heading = this.t(
      kind === 'link'
        ? 'staff.approvals.links'
        : kind === 'visitor'
          ? 'staff.approvals.visitors'
          : 'staff.approvals.bookings',
    );
    return html`<section aria-labelledby="group-${kind}">
      <h3 id="group-${kind}">${heading} (${items.length})</h3>
      ${
        items.length === 0
          ? html`<p class="muted">${this.t('staff.approvals.none')}</p>`
          : html`<table>
              <tbody>
                ${items.map(
                  (item) =>
                    html`<tr data-request-id=${item.id}>
                      <td>
                        ${item.summary}
                        ${
                          item.unmatched
                            ? html`<br /><strong class="error-text"
                                  >${this.t('staff.approvals.notMatched')}</strong
                                >`
                            : nothing
                        }
                        ${
                          item.requested
                            ? html`<br /><span class="muted"
                                  >${this.t('staff.approvals.requested', { when: this.day(item.requested) })}</span
                                >`
                            : nothing
                        }
                      </td>
                      <td>
                        <div class="actions">
                          <button
                            class="button"
                            data-size="small"
                            type="button"
                            aria-label=${this.t('staff.approvals.approveLabel', { summary: item.summary })}
                            ?disabled=${this.busyId === item.id}
                            @click=${() => void this.decide(item, 'approve')}
                          >
                            ${this.t('staff.approvals.approve')}
                          </button>
                          <button
                            class="button"
                            data-size="small"
                            data-variant="warning"
                            type="button"
                            aria-label=${this.t('staff.approvals.rejectLabel', { summary: item.summary })}
                            ?disabled=${this.busyId === item.id}
                            @click=${() => void this.openReject(item)}
                          >
                            ${this.t('staff.approvals.reject')}
                          </button>
                        </div>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }

  private renderRejectDialog() {
    const item = this.rejecting;
    return html`<dialog id="reject" aria-labelledby="reject-title">
      ${
        item
          ? html`<form novalidate @submit=${(event: SubmitEvent) => this.submitReject(event, item)}>
              <h2 id="reject-title">${this.t('staff.approvals.rejectTitle')}</h2>
              <p>${item.summary}</p>
              ${
                this.dialogProblem
                  ? html`<p class="notice" data-tone="danger" role="alert">${this.dialogProblem}</p>`
                  : nothing
              }
              <div class="field ${this.reasonError ? 'field--error' : ''}">
                <label for="reject-reason">${this.t('staff.approvals.reason')}</label>
                <span class="hint" id="reject-hint">${this.t('staff.approvals.reasonHint')}</span>
                ${this.reasonError ? html`<span class="error-message" id="reject-error">${this.reasonError}</span>` : nothing}
                <textarea
                  id="reject-reason"
                  name="reason"
                  rows="3"
                  maxlength="500"
                  aria-describedby="reject-hint ${this.reasonError ? 'reject-error' : ''}"
                ></textarea>
              </div>
              <div class="dialog-actions">
                <button
                  class="button"
                  data-variant="secondary"
                  type="button"
                  @click=${() => this.closeDialog('reject')}
                >
                  ${this.t('common.cancel')}
                </button>
                <button class="button" data-variant="warning" type="submit" ?disabled=${Boolean(this.busyId)}>
                  ${this.t('staff.approvals.rejectSubmit')}
                </button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  async openReject(item: Item): Promise<void> {
    this.rejecting = item;
    this.reasonError = undefined;
    this.dialogProblem = undefined;
    this.renderRoot.querySelector<HTMLFormElement>('dialog#reject form')?.reset();
    await this.openDialog('reject');
  }

  private async submitReject(event: SubmitEvent, item: Item): Promise<void> {
    event.preventDefault();
    const reason = (this.renderRoot.querySelector('#reject-reason') as HTMLTextAreaElement).value.trim();
    if (!reason) {
      this.reasonError = this.t('staff.approvals.reasonRequired');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#reject-reason')?.focus();
      return;
    }
    this.reasonError = undefined;
    await this.decide(item, 'reject', reason);
  }

  /** Approves or rejects one request; on `409 already-decided` explains and refreshes the list. */
  async decide(item: Item, decision: 'approve' | 'reject', reason?: string): Promise<void> {
    const store = this.store;
    if (!store || this.busyId) return;
    this.busyId = item.id;
    this.problem = undefined;
    try {
      await store.api.decide(item.kind, item.id, decision, reason);
      this.acted('decision', item.id);
      this.announce(this.t('staff.announce.decided'));
      this.#remove(item);
      this.closeDialog('reject');
    } catch (error) {
      if (error instanceof VisitApiError && (error.code === 'already-decided' || error.status === 409)) {
        this.problem = this.t('staff.approvals.alreadyDecided');
        this.closeDialog('reject');
        await this.load();
      } else if (decision === 'reject') {
        this.dialogProblem = this.describeError(error);
      } else {
        this.problem = this.describeError(error);
      }
    } finally {
      this.busyId = undefined;
    }
  }

  protected override focusFallback(): void {
    const next = this.renderRoot.querySelector<HTMLElement>('tr[data-request-id] button');
    (next ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }

  #remove(item: Item): void {
    const a = this.approvals;
    if (!a) return;
    this.approvals = {
      links: item.kind === 'link' ? a.links.filter((link) => link.id !== item.id) : a.links,
      visitors: item.kind === 'visitor' ? a.visitors.filter((person) => person.id !== item.id) : a.visitors,
      bookings: item.kind === 'booking' ? a.bookings.filter((visit) => visit.id !== item.id) : a.bookings,
    };
    this.dispatchEvent(new Event('count-change', { bubbles: true }));
    // Approving from the row removes the row (and its button): keep focus in the list.
    void this.updateComplete.then(() => {
      const active = this.shadowRoot?.activeElement;
      if (!active || !active.isConnected) this.focusFallback();
    });
  }
}
