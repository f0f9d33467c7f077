import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { VisitApiError } from '../../api/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import {
  dateIn,
  displayStatus,
  fullName,
  groupBySession,
  leadVisitor,
  needsOutcome,
  outcomeOf,
} from './model.js';
import { OUTCOMES, type Outcome, type StaffVisit, type VisitType } from './staff-api.js';
import { StaffPanel } from './staff-panel.js';

export type ConsoleTab = 'today' | 'waiting' | 'monitor' | 'approvals' | 'planning';

/** Internal: a panel asks the console to show another tab (e.g. "Check Sam" in Today → Waiting). */
export class StaffNavigateEvent extends Event {
  constructor(
    readonly tab: ConsoleTab,
    readonly visitId?: string,
  ) {
    super('staff-navigate', { bubbles: true, composed: false });
  }
}

function suggestedOutcome(visit: StaffVisit, now: number): Outcome | undefined {
  const reason = visit.callState?.endReason;
  if (reason === 'ended-by-staff') return 'terminated';
  if (reason === 'connection-lost') return 'technical-failure';
  if (reason === 'time-up' || reason === 'left') return 'completed';
  if (displayStatus(visit, now) === 'no-show') return 'visitor-no-show';
  return undefined;
}

/**
 * The day's visits by session, with status, type filter and outcomes. Part of `<visit-staff-console>`.
 * @csspart table - each session's table.
 */
export class StaffTodayPanel extends StaffPanel {
  @state() private now = Date.now();
  @state() private outcomeFor?: StaffVisit;
  @state() private outcomeChoice?: Outcome;
  @state() private outcomeError?: string;
  @state() private outcomeFieldError?: string;
  @state() private saving = false;
  #timer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => (this.now = Date.now()), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.now = Date.now();
  }

  /** Opens the outcome form for a visit (also used by the console after a call ends). */
  async recordOutcome(visitId: string): Promise<void> {
    const visit = this.store?.visit(visitId);
    if (!visit) return;
    this.outcomeFor = visit;
    this.outcomeChoice = suggestedOutcome(visit, Date.now());
    this.outcomeError = undefined;
    this.outcomeFieldError = undefined;
    await this.openDialog('outcome');
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const longDate = this.formatDateTime(`${store.date}T12:00:00Z`, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return html`
      <h2 tabindex="-1">${this.t('staff.today.heading', { date: longDate })}</h2>
      <div class="toolbar">
        <div class="field">
          <label for="date">${this.t('staff.today.date')}</label>
          <input
            id="date"
            type="date"
            .value=${store.date}
            @change=${(event: Event) => {
              const value = (event.target as HTMLInputElement).value;
              if (value) void store.setDay(value);
            }}
          />
        </div>
        <button
          class="button"
          data-variant="secondary"
          type="button"
          @click=${() => void store.setDay(dateIn(Date.now(), store.timeZone))}
        >
          ${this.t('staff.today.goToday')}
        </button>
        <div class="field">
          <label for="type">${this.t('staff.today.type')}</label>
          <select
            id="type"
            @change=${(event: Event) =>
              void store.setDay(store.date, (event.target as HTMLSelectElement).value as VisitType | '')}
          >
            <option value="" ?selected=${store.type === ''}>${this.t('staff.today.allTypes')}</option>
            <option value="video" ?selected=${store.type === 'video'}>
              ${this.t('common.visitType.video')}
            </option>
            <option value="in-person" ?selected=${store.type === 'in-person'}>
              ${this.t('common.visitType.in-person')}
            </option>
          </select>
        </div>
      </div>
      ${this.renderBody()} ${this.renderOutcomeDialog()} ${this.renderAnnouncer()}
    `;
  }

  private renderBody() {
    const store = this.store!;
    if (store.status === 'pending' && store.visits.length === 0) {
      return html`<p role="status"><span class="spinner"></span> ${this.t('common.loading')}</p>`;
    }
    if (store.status === 'error') {
      return html`<div class="notice" data-tone="danger" role="alert">
        <p>${this.t('staff.today.loadFailed')} ${this.describeError(store.error)}</p>
        <button class="button" type="button" @click=${() => void store.load()}>
          ${this.t('common.retry')}
        </button>
      </div>`;
    }
    const groups = groupBySession(store.visits);
    if (groups.length === 0) return html`<p>${this.t('staff.today.empty')}</p>`;
    return groups.map(
      (group) => html`
        <table part="table">
          <caption>
            ${this.t('staff.today.session', {
              start: this.time(group.start),
              end: this.time(group.end),
              type: this.t(`common.visitType.${group.type}` as MessageKey),
            })},
            ${this.t('staff.today.sessionCount', { count: group.visits.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${this.t('staff.today.col.reference')}</th>
              <th scope="col">${this.t('staff.today.col.prisoner')}</th>
              <th scope="col">${this.t('staff.today.col.visitors')}</th>
              <th scope="col">${this.t('staff.today.col.status')}</th>
              <th scope="col">${this.t('staff.today.col.outcome')}</th>
              <th scope="col">${this.t('staff.today.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${group.visits.map((visit) => this.renderRow(visit))}
          </tbody>
        </table>
      `,
    );
  }

  private renderRow(visit: StaffVisit) {
    const status = displayStatus(visit, this.now);
    const outcome = outcomeOf(visit);
    const notes = visit.outcome?.notes;
    const lead = fullName(leadVisitor(visit));
    return html`<tr data-visit-id=${visit.id}>
      <td><strong>${visit.reference}</strong></td>
      <td>
        ${fullName(visit.prisoner)}
        ${visit.prisoner.prisonNumber ? html`<span class="muted">${visit.prisoner.prisonNumber}</span>` : nothing}
      </td>
      <td>${visit.visitors.map((person) => fullName(person)).join(', ')}</td>
      <td>
        <span class="badge" data-status=${status}>${this.t(`staff.status.${status}` as MessageKey)}</span>
      </td>
      <td>
        ${outcome ? this.t(`staff.outcome.${outcome}` as MessageKey) : nothing}
        ${notes ? html`<br /><span class="muted">${notes}</span>` : nothing}
      </td>
      <td>
        <div class="actions">
          ${
            status === 'waiting' || status === 'checking'
              ? html`<button
                  class="button"
                  data-size="small"
                  type="button"
                  @click=${() => this.dispatchEvent(new StaffNavigateEvent('waiting', visit.id))}
                >
                  ${this.t('staff.today.openWaiting', { name: lead })}
                </button>`
              : nothing
          }
          ${
            status === 'in-call'
              ? html`<button
                  class="button"
                  data-variant="secondary"
                  data-size="small"
                  type="button"
                  @click=${() => this.dispatchEvent(new StaffNavigateEvent('monitor', visit.id))}
                >
                  ${this.t('staff.today.openMonitor', { reference: visit.reference })}
                </button>`
              : nothing
          }
          ${
            needsOutcome(visit, this.now)
              ? html`<button
                  class="button"
                  data-variant="secondary"
                  data-size="small"
                  type="button"
                  aria-label=${this.t('staff.today.recordOutcomeFor', { reference: visit.reference })}
                  @click=${() => void this.recordOutcome(visit.id)}
                >
                  ${this.t('staff.today.recordOutcome')}
                </button>`
              : nothing
          }
        </div>
      </td>
    </tr>`;
  }

  private renderOutcomeDialog() {
    const visit = this.outcomeFor;
    const credited = visit?.callState?.creditedSeconds ?? 0;
    const endReason = visit?.callState?.endReason;
    return html`<dialog id="outcome" aria-labelledby="outcome-title" @close=${() => this.outcomeClosed()}>
      ${
        visit
          ? html`<form method="dialog" novalidate @submit=${(event: SubmitEvent) => this.saveOutcome(event)}>
              <h2 id="outcome-title">${this.t('staff.outcome.title', { reference: visit.reference })}</h2>
              ${
                this.outcomeError
                  ? html`<p class="notice" data-tone="danger" role="alert">${this.outcomeError}</p>`
                  : nothing
              }
              <p>
                ${
                  credited > 0
                    ? this.t('staff.outcome.credit', {
                        minutes: this.t('common.minutes', { count: Math.round(credited / 60) }),
                      })
                    : this.t('staff.outcome.noCredit')
                }
                ${
                  endReason
                    ? html`<br />${this.t('staff.outcome.ended', {
                          reason: this.t(`staff.outcome.endReason.${endReason}` as MessageKey),
                        })}${visit.callState?.endNote ? ` (${visit.callState.endNote})` : ''}`
                    : nothing
                }
              </p>
              <fieldset
                class="field ${this.outcomeFieldError ? 'field--error' : ''}"
                aria-describedby=${this.outcomeFieldError ? 'outcome-error' : nothing}
              >
                <legend>${this.t('staff.outcome.legend')}</legend>
                ${
                  this.outcomeFieldError
                    ? html`<span class="error-message" id="outcome-error">${this.outcomeFieldError}</span>`
                    : nothing
                }
                ${OUTCOMES.map(
                  (outcome) =>
                    html`<div class="choice">
                      <input
                        type="radio"
                        name="outcome"
                        id="outcome-${outcome}"
                        value=${outcome}
                        .checked=${this.outcomeChoice === outcome}
                        @change=${() => (this.outcomeChoice = outcome)}
                      />
                      <label for="outcome-${outcome}"
                        >${this.t(`staff.outcome.${outcome}` as MessageKey)}</label
                      >
                    </div>`,
                )}
              </fieldset>
              <div class="field">
                <label for="outcome-notes">${this.t('staff.outcome.notes')}</label>
                <textarea id="outcome-notes" name="notes" rows="3"></textarea>
              </div>
              <div class="dialog-actions">
                <button
                  class="button"
                  data-variant="secondary"
                  type="button"
                  @click=${() => this.closeDialog('outcome')}
                >
                  ${this.t('common.cancel')}
                </button>
                <button class="button" type="submit" ?disabled=${this.saving}>
                  ${this.t('staff.outcome.submit')}
                </button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  private outcomeClosed(): void {
    this.outcomeFor = undefined;
  }

  private async saveOutcome(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const visit = this.outcomeFor;
    const store = this.store;
    if (!visit || !store || this.saving) return;
    const form = event.target as HTMLFormElement;
    const notes = (form.elements.namedItem('notes') as HTMLTextAreaElement).value.trim();
    if (!this.outcomeChoice) {
      this.outcomeFieldError = this.t('staff.outcome.choose');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="outcome"]')?.focus();
      return;
    }
    this.outcomeFieldError = undefined;
    this.saving = true;
    try {
      await store.outcome(visit.id, this.outcomeChoice, notes || undefined);
      this.announce(this.t('staff.announce.outcome', { reference: visit.reference }));
      this.acted('outcome', visit.id);
      this.closeDialog('outcome');
    } catch (error) {
      this.outcomeError =
        error instanceof VisitApiError && error.status === 409
          ? this.t('staff.outcome.already', { reference: visit.reference })
          : this.describeError(error);
      if (error instanceof VisitApiError && error.status === 409) void store.load();
    } finally {
      this.saving = false;
    }
  }
}
