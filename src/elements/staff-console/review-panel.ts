import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { ReviewDecision, StaffVisit } from '../../api/staff.js';
import type { MessageKey } from '../../i18n/index.js';
import { fullName } from './model.js';
import { PanelList } from './panel-list.js';
import { StaffPanel } from './staff-panel.js';

/** The fact types the console names (the contract's PrisonEvent types); another shows as it came. */
const FACTS = [
  'prisoner-released',
  'prisoner-transferred',
  'prisoner-restriction',
  'visitor-banned',
  'non-association',
  'session-blocked',
  'date-excluded',
] as const;

/**
 * Future visits the prison system's reported changes put in doubt (a transfer, a restriction…), each with the
 * facts behind it: keep it (the flag clears) or cancel it; the family is told either way. Another officer may
 * decide first (`409`): the panel says so and refreshes. Loads when shown, and again when the prison's stream
 * pushes a visit that is flagged or was listed. Part of `<visit-staff-console>`.
 */
export class StaffReviewPanel extends StaffPanel {
  readonly #list = new PanelList<StaffVisit[]>(
    this,
    async (signal) => (await this.store!.api.reviews(signal)) ?? [],
    () => this.dispatchEvent(new Event('count-change', { bubbles: true })),
  );
  @state() private problem?: string;
  @state() private busyId?: string;
  @state() private cancelling?: StaffVisit;
  @state() private dialogProblem?: string;

  /** The flagged visits, once loaded. */
  get reviews(): StaffVisit[] | undefined {
    return this.#list.value;
  }

  /** Visits waiting for a decision: the number the console shows on the tab. */
  get count(): number {
    return this.reviews?.length ?? 0;
  }

  protected override firstShown(): void {
    void this.load();
  }

  #followed?: EventTarget;
  #reloadTimer?: ReturnType<typeof setTimeout>;
  // A visit pushed on the prison's stream that is flagged now, or was in the list: reload (at most every 300 ms).
  readonly #onPushed = (event: Event) => {
    const pushed = (event as CustomEvent<Partial<StaffVisit>>).detail;
    if (!this.reviews || !pushed?.id) return;
    if (!pushed.review && !this.reviews.some((visit) => visit.id === pushed.id)) return;
    clearTimeout(this.#reloadTimer);
    this.#reloadTimer = setTimeout(() => void this.load(), 300);
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.store !== this.#followed) {
      this.#followed?.removeEventListener('visit-pushed', this.#onPushed);
      this.#followed = this.store;
      this.store?.addEventListener('visit-pushed', this.#onPushed);
    }
    // shown again: what was reported since may have flagged more
    if (changed.has('active') && changed.get('active') === false && this.active && this.reviews)
      void this.load();
  }

  async load(): Promise<void> {
    if (this.store) await this.#list.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // back in the page: follow the store again
    if (this.store && !this.#followed) {
      this.#followed = this.store;
      this.store.addEventListener('visit-pushed', this.#onPushed);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#reloadTimer);
    this.#followed?.removeEventListener('visit-pushed', this.#onPushed);
    this.#followed = undefined;
  }

  private summary(visit: StaffVisit): string {
    return this.t('staff.reviews.summary', {
      reference: visit.reference,
      prisoner: fullName(visit.prisoner),
      number: visit.prisoner.prisonNumber,
      type: this.t(`common.visitType.${visit.type}` as MessageKey),
      when: `${this.day(visit.start)} ${this.time(visit.start)}`,
    });
  }

  private factLabel(type: string): string {
    return (FACTS as readonly string[]).includes(type)
      ? this.t(`staff.reviews.fact.${type}` as MessageKey)
      : type;
  }

  override render() {
    const reviews = this.reviews ?? [];
    return html`
      <h2 tabindex="-1">${this.t('staff.reviews.heading')}</h2>
      <p class="muted">${this.t('staff.reviews.intro')}</p>
      ${this.alert(this.problem)}
      ${this.loadState(
        this.#list.status,
        Boolean(this.reviews),
        'staff.reviews.loadFailed',
        this.#list.error,
        () => {
          void this.load();
        },
      )}
      ${
        this.reviews
          ? reviews.length === 0
            ? html`<p class="muted">${this.t('staff.reviews.none')}</p>`
            : html`<table>
                <caption class="visually-hidden">
                  ${this.t('staff.reviews.heading')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('staff.reviews.visit')}</th>
                    <th scope="col">${this.t('staff.reviews.why')}</th>
                    <th scope="col">
                      <span class="visually-hidden">${this.t('staff.reviews.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  ${reviews.map((visit) => this.renderRow(visit))}
                </tbody>
              </table>`
          : nothing
      }
      ${this.renderCancelDialog()} ${this.renderAnnouncer()}
    `;
  }

  private renderRow(visit: StaffVisit) {
    const summary = this.summary(visit);
    return html`<tr data-visit-id=${visit.id} part="review">
      <td>${summary}</td>
      <td>
        <ul class="facts">
          ${(visit.review?.facts ?? []).map(
            (fact) =>
              html`<li>
                <strong>${this.factLabel(fact.type)}</strong>: ${fact.detail}
                <span class="muted">(${this.day(fact.at)})</span>
              </li>`,
          )}
        </ul>
      </td>
      <td>
        <div class="actions">
          <button
            class="button"
            data-size="small"
            type="button"
            aria-label=${this.t('staff.reviews.keepLabel', { summary })}
            ?disabled=${this.busyId === visit.id}
            @click=${() => void this.decide(visit, 'keep')}
          >
            ${this.t('staff.reviews.keep')}
          </button>
          <button
            class="button"
            data-size="small"
            data-variant="warning"
            type="button"
            aria-label=${this.t('staff.reviews.cancelLabel', { summary })}
            ?disabled=${this.busyId === visit.id}
            @click=${() => void this.openCancel(visit)}
          >
            ${this.t('staff.reviews.cancel')}
          </button>
        </div>
      </td>
    </tr>`;
  }

  private renderCancelDialog() {
    const visit = this.cancelling;
    return this.formDialog({
      id: 'review-cancel',
      title: this.t('staff.reviews.cancelTitle'),
      open: Boolean(visit),
      problem: this.dialogProblem,
      submit: this.t('staff.reviews.cancelSubmit'),
      variant: 'warning',
      role: 'alertdialog',
      busy: Boolean(this.busyId),
      onSubmit: (event) => visit && void this.submitCancel(event, visit),
      body: html`<p>${visit ? this.summary(visit) : nothing}</p>
        ${this.textArea({
          id: 'review-note',
          name: 'note',
          label: this.t('staff.reviews.note'),
          hint: this.t('staff.reviews.noteHint'),
          rows: 3,
          maxlength: 500,
        })}`,
    });
  }

  async openCancel(visit: StaffVisit): Promise<void> {
    this.cancelling = visit;
    this.dialogProblem = undefined;
    this.renderRoot.querySelector<HTMLFormElement>('dialog#review-cancel form')?.reset();
    await this.openDialog('review-cancel');
  }

  private async submitCancel(event: SubmitEvent, visit: StaffVisit): Promise<void> {
    event.preventDefault();
    const note = (this.renderRoot.querySelector('#review-note') as HTMLTextAreaElement).value.trim();
    await this.decide(visit, 'cancel', note);
  }

  /** Keeps or cancels one visit; on `409` explains and refreshes the list. */
  async decide(visit: StaffVisit, decision: ReviewDecision, note?: string): Promise<void> {
    const store = this.store;
    if (!store || this.busyId) return;
    this.busyId = visit.id;
    this.problem = undefined;
    try {
      await store.api.decideReview(visit.id, decision, note);
      this.acted('decision', visit.id);
      this.announce(this.t(decision === 'keep' ? 'staff.announce.kept' : 'staff.announce.reviewCancelled'));
      this.closeDialog('review-cancel');
      this.cancelling = undefined;
      this.#remove(visit);
    } catch (error) {
      if (this.isConflict(error, 'conflict')) {
        this.problem = this.t('staff.reviews.alreadyDecided');
        this.closeDialog('review-cancel');
        await this.load();
      } else if (decision === 'cancel') {
        this.dialogProblem = this.describeError(error);
      } else {
        this.problem = this.describeError(error);
      }
    } finally {
      this.busyId = undefined;
    }
  }

  protected override focusFallback(): void {
    const next = this.renderRoot.querySelector<HTMLElement>('tr[data-visit-id] button');
    (next ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }

  #remove(visit: StaffVisit): void {
    this.#list.set((this.reviews ?? []).filter((item) => item.id !== visit.id));
    this.dispatchEvent(new Event('count-change', { bubbles: true }));
    // Keeping from the row removes the row (and its button): keep focus in the list.
    void this.updateComplete.then(() => {
      const active = this.shadowRoot?.activeElement;
      if (!active || !active.isConnected) this.focusFallback();
    });
  }
}
