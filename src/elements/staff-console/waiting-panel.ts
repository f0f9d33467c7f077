import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { VisitApiError } from '../../api/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { fullName, isWaiting, leadVisitor, relationshipOf } from './model.js';
import { DENY_REASONS, type DenyReason, type StaffVisit } from '../../api/staff.js';
import { StaffPanel, typingIn } from './staff-panel.js';
import { html as staticHtml } from 'lit/static-html.js';
import { tag } from '../../core/tags.js';

const waitingStyles = css`
  .layout {
    display: grid;
    grid-template-columns: minmax(14rem, 18rem) 1fr;
    gap: var(--_console-gap);
    align-items: start;
  }
  .queue {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  .entry {
    display: block;
    width: 100%;
    text-align: start;
    font: inherit;
    color: inherit;
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 6px 8px;
    cursor: pointer;
  }
  .entry[aria-current='true'] {
    border: 2px solid var(--_primary);
    background: var(--_surface);
  }
  .columns {
    display: grid;
    grid-template-columns: 1fr minmax(16rem, 22rem);
    gap: var(--_console-gap);
  }
  @media (max-width: 1000px) {
    .layout,
    .columns {
      grid-template-columns: 1fr;
    }
  }
`;

/**
 * Visitors who knocked: the booking's details, the visitor's live camera, admit or deny with a reason.
 * Part of `<visit-staff-console>`. Keys (outside text fields): ↑/↓ move through the list, `a` admits,
 * `d` denies the selected visitor.
 */
export class StaffWaitingPanel extends StaffPanel {
  static override styles = [...StaffPanel.styles, waitingStyles];

  @state() selectedId?: string;
  @state() private busy = false;
  @state() private problem?: string;
  @state() private denyReason?: DenyReason;
  @state() private denyError?: string;
  @state() private denyProblem?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKey);
  }

  get waiting(): StaffVisit[] {
    return (this.store?.visits ?? [])
      .filter(isWaiting)
      .sort((a, b) => (a.knockedAt ?? a.start).localeCompare(b.knockedAt ?? b.start));
  }

  /** The selected visitor (the first waiting when none was chosen or the chosen one is gone). */
  get selected(): StaffVisit | undefined {
    const list = this.waiting;
    return list.find((visit) => visit.id === this.selectedId) ?? list[0];
  }

  /** Selects a waiting visitor and moves focus to their entry. */
  async select(visitId: string): Promise<void> {
    this.selectedId = visitId;
    this.problem = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-visit-id="${visitId}"] button`)?.focus();
  }

  readonly #onKey = (event: KeyboardEvent) => {
    if (typingIn(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    const inDialog = event.composedPath().some((node) => node instanceof HTMLDialogElement);
    if (inDialog) return;
    const list = this.waiting;
    const current = this.selected;
    if (!current) return;
    const index = list.indexOf(current);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const next = list[(index + (event.key === 'ArrowDown' ? 1 : -1) + list.length) % list.length];
      if (next) void this.select(next.id);
      event.preventDefault();
    } else if (event.key === 'a') {
      event.preventDefault();
      void this.admit(current);
    } else if (event.key === 'd') {
      event.preventDefault();
      void this.openDeny(current);
    }
  };

  override render() {
    const list = this.waiting;
    const selected = this.selected;
    return html`
      <h2 tabindex="-1">${this.t('staff.waiting.heading')}</h2>
      ${this.alert(this.problem)}
      ${
        list.length === 0
          ? html`<p>${this.t('staff.waiting.empty')}</p>`
          : html`<div class="layout">
              <ul class="queue" aria-label=${this.t('staff.waiting.listLabel')}>
                ${list.map((visit) => this.renderEntry(visit, visit === selected))}
              </ul>
              ${selected ? this.renderDetail(selected) : html`<p>${this.t('staff.waiting.select')}</p>`}
            </div>`
      }
      ${this.renderDenyDialog(selected)} ${this.renderAnnouncer()}
    `;
  }

  private renderEntry(visit: StaffVisit, selected: boolean) {
    const lead = fullName(leadVisitor(visit));
    return html`<li data-visit-id=${visit.id}>
      <button
        type="button"
        class="entry"
        aria-current=${selected ? 'true' : 'false'}
        tabindex=${selected ? 0 : -1}
        @click=${() => void this.select(visit.id)}
      >
        <strong>${lead}</strong> <span class="muted">${visit.reference}</span><br />
        <span>${this.time(visit.start)}, ${fullName(visit.prisoner)}</span><br />
        <span class="muted">
          ${visit.knockedAt ? this.t('staff.waiting.knocked', { time: this.time(visit.knockedAt) }) : nothing}
          ·
          ${
            visit.callState?.prisonerReady
              ? this.t('staff.waiting.prisonerReady')
              : this.t('staff.waiting.prisonerNotReady')
          }
        </span>
      </button>
    </li>`;
  }

  private renderDetail(visit: StaffVisit) {
    const lead = fullName(leadVisitor(visit));
    return html`<section class="detail" aria-labelledby="booking-title">
      <h3 id="booking-title">${this.t('staff.waiting.booking', { reference: visit.reference })}</h3>
      <div class="columns">
        <div>
          <dl class="facts">
            <dt>${this.t('staff.waiting.session')}</dt>
            <dd>${this.time(visit.start)}–${this.time(visit.end)}</dd>
            <dt>${this.t('staff.waiting.prisoner')}</dt>
            <dd>
              ${fullName(visit.prisoner)}
              ${visit.prisoner.prisonNumber ? `(${visit.prisoner.prisonNumber})` : nothing}
            </dd>
          </dl>
          <table>
            <caption>
              ${this.t('staff.waiting.visitors')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${this.t('staff.waiting.col.name')}</th>
                <th scope="col">${this.t('staff.waiting.col.age')}</th>
                <th scope="col">${this.t('staff.waiting.col.relationship')}</th>
              </tr>
            </thead>
            <tbody>
              ${visit.visitors.map(
                (person) =>
                  html`<tr>
                    <td>
                      ${fullName(person)}
                      ${person.lead ? html`<span class="muted">(${this.t('staff.waiting.lead')})</span>` : nothing}
                    </td>
                    <td>${person.age !== undefined ? this.t('staff.age', { count: person.age }) : ''}</td>
                    <td>${relationshipOf(visit, person.id) ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${
            visit.supportNeeds
              ? html`<p><strong>${this.t('staff.waiting.supportNeeds')}:</strong> ${visit.supportNeeds}</p>`
              : nothing
          }
        </div>
        <div>
          ${keyed(
            visit.id,
            staticHtml`<${tag('visit-staff-lobby-camera')}
              .store=${this.store}
              .client=${this.client}
              visit-id=${visit.id}
              name=${lead}
            ></${tag('visit-staff-lobby-camera')}>`,
          )}
          <p class="hint">${this.t('staff.waiting.compare')}</p>
        </div>
      </div>
      <div class="actions">
        <button class="button" type="button" ?disabled=${this.busy} @click=${() => void this.admit(visit)}>
          ${this.t('staff.waiting.admitName', { name: lead })}
        </button>
        <button
          class="button"
          data-variant="warning"
          type="button"
          ?disabled=${this.busy}
          @click=${() => void this.openDeny(visit)}
        >
          ${this.t('staff.waiting.denyName', { name: lead })}
        </button>
      </div>
    </section>`;
  }

  private renderDenyDialog(visit: StaffVisit | undefined) {
    // One message, shown where the fix is: at the reasons until one is chosen, then at the note.
    const reasonError = this.denyReason ? undefined : this.denyError;
    const noteError = this.denyReason ? this.denyError : undefined;
    return this.formDialog({
      id: 'deny',
      title: this.t('staff.deny.title', { name: visit ? fullName(leadVisitor(visit)) : '' }),
      open: Boolean(visit),
      problem: this.denyProblem,
      submit: this.t('staff.deny.submit'),
      variant: 'warning',
      busy: this.busy,
      onSubmit: (event) => visit && void this.submitDeny(event, visit),
      body: html`<fieldset
          class="field ${reasonError ? 'field--error' : ''}"
          aria-describedby="deny-hint ${reasonError ? 'deny-error' : ''}"
        >
          <legend>${this.t('staff.deny.reason')}</legend>
          <span class="hint" id="deny-hint">${this.t('staff.deny.reasonHint')}</span>
          ${reasonError ? html`<span class="error-message" id="deny-error">${reasonError}</span>` : nothing}
          ${DENY_REASONS.map(
            (reason) =>
              html`<div class="choice">
                <input
                  type="radio"
                  name="reason"
                  id="deny-${reason}"
                  value=${reason}
                  .checked=${this.denyReason === reason}
                  @change=${() => (this.denyReason = reason)}
                />
                <label for="deny-${reason}">${this.t(`staff.deny.reason.${reason}` as MessageKey)}</label>
              </div>`,
          )}
        </fieldset>
        ${this.textArea({
          id: 'deny-note',
          name: 'note',
          label: this.t('staff.deny.note'),
          error: noteError,
          rows: 3,
          maxlength: 500,
        })}`,
    });
  }

  /** Admits a waiting visitor; explains it when they already left or another officer acted first. */
  async admit(visit: StaffVisit): Promise<void> {
    if (this.busy || !this.store) return;
    const name = fullName(leadVisitor(visit));
    const next = this.#neighbour(visit);
    this.busy = true;
    this.problem = undefined;
    try {
      await this.store.admit(visit.id);
      this.acted('admit', visit.id);
      this.announce(this.t('staff.announce.admitted', { name }));
      this.#afterLeaving(next);
    } catch (error) {
      this.problem = this.#explain(error, name, visit.reference);
      await this.updateComplete;
      this.#afterLeaving(this.store.visit(visit.id) && isWaiting(this.store.visit(visit.id)!) ? visit : next);
    } finally {
      this.busy = false;
    }
  }

  async openDeny(visit: StaffVisit): Promise<void> {
    this.selectedId = visit.id;
    this.denyReason = undefined;
    this.denyError = undefined;
    this.denyProblem = undefined;
    const form = this.renderRoot.querySelector<HTMLFormElement>('dialog#deny form');
    form?.reset();
    await this.openDialog('deny');
  }

  private async submitDeny(event: SubmitEvent, visit: StaffVisit): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.store) return;
    const note = (this.renderRoot.querySelector('#deny-note') as HTMLTextAreaElement).value.trim();
    if (!this.denyReason) {
      this.denyError = this.t('staff.deny.chooseReason');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="reason"]')?.focus();
      return;
    }
    if (this.denyReason === 'other' && !note) {
      this.denyError = this.t('staff.deny.noteRequired');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLTextAreaElement>('#deny-note')?.focus();
      return;
    }
    this.denyError = undefined;
    const name = fullName(leadVisitor(visit));
    const next = this.#neighbour(visit);
    this.busy = true;
    try {
      await this.store.deny(visit.id, this.denyReason, note || undefined);
      this.acted('deny', visit.id);
      this.announce(this.t('staff.announce.denied', { name }));
      this.closeDialog('deny');
      this.#afterLeaving(next);
    } catch (error) {
      const message = this.#explain(error, name, visit.reference);
      if (error instanceof VisitApiError && error.status === 409) {
        this.problem = message;
        this.closeDialog('deny');
      } else {
        this.denyProblem = message;
      }
    } finally {
      this.busy = false;
    }
  }

  #explain(error: unknown, name: string, reference: string): string {
    if (error instanceof VisitApiError && error.code === 'call-ended') {
      return this.t('staff.end.alreadyEnded', { reference });
    }
    if (error instanceof VisitApiError && error.code === 'not-waiting') {
      return this.t('staff.waiting.alreadyLeft', { name });
    }
    if (error instanceof VisitApiError && (error.code === 'already-decided' || error.status === 409)) {
      return this.t('staff.waiting.alreadyDecided', { name });
    }
    return this.describeError(error);
  }

  #neighbour(visit: StaffVisit): StaffVisit | undefined {
    const list = this.waiting;
    const index = list.indexOf(visit);
    return list[index + 1] ?? list[index - 1];
  }

  /** After someone leaves the list, select and focus the next person, else the heading. */
  #afterLeaving(next: StaffVisit | undefined): void {
    if (next && this.store?.visit(next.id) && isWaiting(this.store.visit(next.id)!)) {
      void this.select(next.id);
    } else {
      this.selectedId = undefined;
      void this.updateComplete.then(() => {
        const first = this.renderRoot.querySelector<HTMLElement>('.queue button');
        (first ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
      });
    }
  }
}
