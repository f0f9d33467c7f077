import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { VisitApiError } from '../../api/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { fullName } from './model.js';
import type { ApprovalKind, Approvals } from '../../api/staff.js';
import { PanelList } from './panel-list.js';
import { StaffPanel } from './staff-panel.js';

interface Item {
  /** The requesting family member's date of birth (link requests), to check against their ID. */
  born?: string | undefined;
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
  readonly #list = new PanelList<Approvals>(
    this,
    async (signal) => {
      const approvals = await this.store!.api.approvals(signal);
      return {
        links: approvals?.links ?? [],
        visitors: approvals?.visitors ?? [],
        bookings: approvals?.bookings ?? [],
      };
    },
    () => this.dispatchEvent(new Event('count-change', { bubbles: true })),
  );
  @state() private problem?: string;
  @state() private busyId?: string;
  @state() private rejecting?: Item;
  @state() private reasonError?: string;
  @state() private dialogProblem?: string;

  /** The pending requests, once loaded. */
  get approvals(): Approvals | undefined {
    return this.#list.value;
  }

  /** Pending requests: the number the console shows on the tab. */
  get count(): number {
    const a = this.approvals;
    return a ? a.links.length + a.visitors.length + a.bookings.length : 0;
  }

  protected override firstShown(): void {
    void this.load();
  }

  async load(): Promise<void> {
    if (this.store) await this.#list.load();
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
          born: link.visitor.dateOfBirth,
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
        summary: [
          this.t('staff.approvals.visitorSummary', {
            visitor: fullName(person) || unknown,
            dob: person.dateOfBirth ? this.calendarDate(person.dateOfBirth) : unknown,
            relationship: person.relationship || unknown,
          }),
          this.t('staff.approvals.visitorWith', {
            lead: fullName(person.leadVisitor) || unknown,
            prisoner: person.prisoner
              ? `${fullName(person.prisoner)} (${person.prisoner.prisonNumber})`
              : unknown,
          }),
        ].join(' '),
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
      ${this.alert(this.problem)}
      ${this.loadState(
        this.#list.status,
        Boolean(this.approvals),
        'staff.approvals.loadFailed',
        this.#list.error,
        () => {
          void this.load();
        },
      )}
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
                          item.born
                            ? html`<br /><span class="muted"
                                  >${this.t('staff.approvals.visitorBorn', { dob: this.calendarDate(item.born) })}</span
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
    return this.formDialog({
      id: 'reject',
      title: this.t('staff.approvals.rejectTitle'),
      open: Boolean(item),
      problem: this.dialogProblem,
      submit: this.t('staff.approvals.rejectSubmit'),
      variant: 'warning',
      busy: Boolean(this.busyId),
      onSubmit: (event) => item && void this.submitReject(event, item),
      body: html`<p>${item?.summary}</p>
        ${this.textArea({
          id: 'reject-reason',
          name: 'reason',
          label: this.t('staff.approvals.reason'),
          hint: this.t('staff.approvals.reasonHint'),
          error: this.reasonError,
          rows: 3,
          maxlength: 500,
        })}`,
    });
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
    this.#list.set({
      links: item.kind === 'link' ? a.links.filter((link) => link.id !== item.id) : a.links,
      visitors: item.kind === 'visitor' ? a.visitors.filter((person) => person.id !== item.id) : a.visitors,
      bookings: item.kind === 'booking' ? a.bookings.filter((visit) => visit.id !== item.id) : a.bookings,
    });
    this.dispatchEvent(new Event('count-change', { bubbles: true }));
    // Approving from the row removes the row (and its button): keep focus in the list.
    void this.updateComplete.then(() => {
      const active = this.shadowRoot?.activeElement;
      if (!active || !active.isConnected) this.focusFallback();
    });
  }
}
