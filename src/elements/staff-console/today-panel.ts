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
import {
  OUTCOMES,
  recordedOutcome,
  type AuditEntry,
  type Device,
  type DevicePairing,
  type Outcome,
  type StaffVisit,
  type VisitType,
  type CallQuality,
} from '../../api/staff.js';
import { StaffPanel, type LoadStatus } from './staff-panel.js';
import { duration } from '../shared/end-screen.js';
import { renderQuality } from './call-quality.js';

export type ConsoleTab = 'today' | 'waiting' | 'monitor' | 'approvals' | 'planning' | 'reviews' | 'phone';

/** Internal: a panel asks the console to show another tab (e.g. "Check Sam" in Today → Waiting). */
export class StaffNavigateEvent extends Event {
  constructor(
    readonly tab: ConsoleTab,
    readonly visitId?: string,
  ) {
    super('staff-navigate', { bubbles: true, composed: false });
  }
}

/** Who can appear in an audit trail (`AuditEntry.role`); anything else is shown as it comes. */
const AUDIT_ROLES: readonly string[] = ['visitor', 'staff', 'prisoner', 'system', 'livekit', 'anonymous'];

const END_REASONS: readonly string[] = ['behaviour', 'security', 'technical', 'requested', 'other'];
const DENY_REASONS: readonly string[] = ['identity-not-confirmed', 'not-on-booking'];

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
  @state() private now = this.clock.now();
  @state() private outcomeFor?: StaffVisit;
  @state() private outcomeChoice?: Outcome;
  @state() private outcomeError?: string;
  @state() private outcomeFieldError?: string;
  @state() private saving = false;
  /** The backend already holds an outcome (`409 already-recorded`): saving again replaces it. */
  @state() private amending = false;
  @state() private auditFor?: StaffVisit;
  @state() private auditStatus: LoadStatus = 'idle';
  @state() private auditEntries: AuditEntry[] = [];
  /** The visit's call-quality evidence, shown in its history (video visits). */
  @state() private auditQuality?: CallQuality;
  @state() private auditError?: string;
  @state() private kioskFor?: StaffVisit;
  @state() private kioskError?: string;
  @state() private kioskProblem?: string;
  @state() private pairing?: DevicePairing;
  /** The devices already paired for the kiosk dialog's person (undefined while loading or if it failed). */
  @state() private kioskDevices?: Device[];
  @state() private kioskDevicesFailed = false;
  #timer?: ReturnType<typeof setInterval>;
  #auditAbort?: AbortController;

  override connectedCallback(): void {
    super.connectedCallback();
    // The client (and so its clock) may arrive after construction: read the time again once connected.
    this.now = this.clock.now();
    this.#timer = setInterval(() => (this.now = this.clock.now()), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.now = this.clock.now();
  }

  /** Opens the outcome form for a visit (also used by the console after a call ends). */
  async recordOutcome(visitId: string): Promise<void> {
    const visit = this.store?.visit(visitId);
    if (!visit) return;
    this.outcomeFor = visit;
    this.outcomeChoice = suggestedOutcome(visit, this.clock.now());
    this.outcomeError = undefined;
    this.outcomeFieldError = undefined;
    this.amending = false;
    await this.openDialog('outcome');
  }

  /** Shows the visit's audit trail: every change, who made it and through which channel. */
  async showHistory(visitId: string): Promise<void> {
    const visit = this.store?.visit(visitId);
    if (!visit) return;
    this.auditFor = visit;
    const opening = this.openDialog('audit');
    await this.#loadAudit(visit);
    await opening;
  }

  /** Asks for a pairing code that signs a kiosk or in-cell tablet in as this visit's person in prison. */
  async pairKiosk(visitId: string): Promise<void> {
    const visit = this.store?.visit(visitId);
    if (!visit) return;
    this.kioskFor = visit;
    this.kioskError = undefined;
    this.kioskProblem = undefined;
    this.pairing = undefined;
    const opening = this.openDialog('kiosk');
    await this.#loadDevices(visit.prisoner.id);
    await opening;
  }

  async #loadDevices(prisonerId: string): Promise<void> {
    this.kioskDevices = undefined;
    this.kioskDevicesFailed = false;
    try {
      const all = (await this.store?.api.devices()) ?? [];
      this.kioskDevices = all.filter((d) => d.prisoner.id === prisonerId && d.pairedAt);
    } catch {
      this.kioskDevicesFailed = true;
    }
  }

  /** Removes a lost or moved device: its sessions end on the backend within seconds. */
  private async removeDevice(device: Device): Promise<void> {
    const store = this.store;
    if (!store || this.saving) return;
    this.saving = true;
    this.kioskProblem = undefined;
    try {
      await store.api.removeDevice(device.id);
      this.announce(this.t('staff.kiosk.removed', { label: device.label }));
      await this.#loadDevices(device.prisoner.id);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#kiosk-devices-title')?.focus();
    } catch (error) {
      this.kioskProblem = this.describeError(error);
    } finally {
      this.saving = false;
    }
  }

  private renderKioskDevices(name: string) {
    const devices = this.kioskDevices;
    return html`<section class="kiosk-devices" aria-labelledby="kiosk-devices-title">
      <h3 id="kiosk-devices-title" tabindex="-1">${this.t('staff.kiosk.paired', { name })}</h3>
      ${
        this.kioskDevicesFailed
          ? html`<p>${this.t('staff.kiosk.devicesFailed')}</p>`
          : !devices
            ? nothing
            : devices.length === 0
              ? html`<p>${this.t('staff.kiosk.noDevices')}</p>`
              : html`<ul>
                  ${devices.map(
                    (d) =>
                      html`<li>
                        ${d.label}
                        <span class="hint"
                          >${
                            d.lastSeenAt
                              ? this.t('staff.kiosk.lastUsed', { time: this.time(d.lastSeenAt) })
                              : this.t('staff.kiosk.notUsed')
                          }</span
                        >
                        <button
                          class="button"
                          type="button"
                          ?disabled=${this.saving}
                          @click=${() => void this.removeDevice(d)}
                        >
                          ${this.t('staff.kiosk.remove', { label: d.label })}
                        </button>
                      </li>`,
                  )}
                </ul>`
      }
    </section>`;
  }

  async #loadAudit(visit: StaffVisit): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.#auditAbort?.abort();
    const controller = new AbortController();
    this.#auditAbort = controller;
    this.auditStatus = 'pending';
    this.auditEntries = [];
    try {
      this.auditQuality = undefined;
      const [entries, quality] = await Promise.all([
        store.api.audit(visit.id, 100, controller.signal),
        visit.type === 'video'
          ? store.api.callQuality(visit.id, controller.signal).catch(() => undefined)
          : undefined,
      ]);
      if (controller.signal.aborted) return;
      this.auditQuality = quality;
      this.auditEntries = entries;
      this.auditStatus = 'complete';
    } catch (error) {
      if (controller.signal.aborted) return;
      this.auditError = this.describeError(error);
      this.auditStatus = 'error';
    }
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
          @click=${() => void store.setDay(dateIn(this.clock.now(), store.timeZone))}
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
      ${this.renderBody()} ${this.renderOutcomeDialog()} ${this.renderAuditDialog()}
      ${this.renderKioskDialog()} ${this.renderAnnouncer()}
    `;
  }

  private renderBody() {
    const store = this.store!;
    const error = store.status === 'error' ? this.describeError(store.error) : undefined;
    const state = this.loadState(
      store.status,
      store.visits.length > 0,
      'staff.today.loadFailed',
      error,
      () => {
        void store.load();
      },
    );
    if (state !== nothing) return state;
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

  /** How the call ended, as the server recorded it (the same words the family and the kiosk are given). */
  private renderCallOutcome(callOutcome: NonNullable<StaffVisit['callOutcome']>, below: boolean) {
    const reason = callOutcome.staffReason ?? '';
    // Ended in the call (EndRequest reasons) or refused at the door (DenyRequest reasons).
    const reasonText = END_REASONS.includes(reason)
      ? this.t(`staff.end.reason.${reason}` as MessageKey)
      : DENY_REASONS.includes(reason)
        ? this.t(`staff.deny.reason.${reason}` as MessageKey)
        : reason;
    return html`${below ? html`<br />` : nothing}<span data-call-outcome=${callOutcome.result}
        >${this.t('staff.callOutcome', {
          result: this.t(`staff.callOutcome.${callOutcome.result}`),
        })}${reasonText ? ` (${reasonText})` : ''}</span
      >`;
  }

  private renderRow(visit: StaffVisit) {
    const status = displayStatus(visit, this.now);
    const outcome = outcomeOf(visit);
    const notes = visit.outcome?.notes;
    const lead = fullName(leadVisitor(visit));
    return html`<tr data-visit-id=${visit.id}>
      <td>
        <strong>${visit.reference}</strong>
        ${
          visit.legal
            ? html`<br /><span class="badge" data-legal>${this.t('staff.legal.badge')}</span>
                <span class="muted">${this.t('staff.legal.firm', { firm: visit.legal.firm })}</span>`
            : nothing
        }
      </td>
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
        ${visit.callOutcome ? this.renderCallOutcome(visit.callOutcome, !!outcome) : nothing}
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
            status === 'in-call' && !visit.legal
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
          <button
            class="button"
            data-variant="secondary"
            data-size="small"
            type="button"
            aria-label=${this.t('staff.today.historyFor', { reference: visit.reference })}
            @click=${() => void this.showHistory(visit.id)}
          >
            ${this.t('staff.today.history')}
          </button>
          <button
            class="button"
            data-variant="secondary"
            data-size="small"
            type="button"
            aria-label=${this.t('staff.today.pairKioskFor', { name: fullName(visit.prisoner) })}
            @click=${() => void this.pairKiosk(visit.id)}
          >
            ${this.t('staff.today.pairKiosk')}
          </button>
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
    return this.formDialog({
      id: 'outcome',
      title: visit ? this.t('staff.outcome.title', { reference: visit.reference }) : '',
      open: Boolean(visit),
      problem: this.outcomeError,
      submit: this.t(this.amending ? 'staff.outcome.amend' : 'staff.outcome.submit'),
      variant: this.amending ? 'warning' : 'primary',
      busy: this.saving,
      onSubmit: (event) => void this.saveOutcome(event),
      onClose: () => this.outcomeClosed(),
      body: html`${this.amending ? html`<p class="hint">${this.t('staff.outcome.amendHint')}</p>` : nothing}
        <p>
          ${
            credited > 0
              ? this.t('staff.outcome.credit', {
                  minutes: duration((key, values) => this.t(key, values), credited),
                })
              : this.t('staff.outcome.noCredit')
          }
          ${
            endReason
              ? html`<br />${this.t('staff.outcome.ended', {
                    reason: this.t(`staff.outcome.endReason.${endReason}` as MessageKey),
                  })}${visit?.callState?.endNote ? ` (${visit.callState.endNote})` : ''}`
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
                <label for="outcome-${outcome}">${this.t(`staff.outcome.${outcome}` as MessageKey)}</label>
              </div>`,
          )}
        </fieldset>
        ${this.textArea({ id: 'outcome-notes', name: 'notes', label: this.t('staff.outcome.notes'), rows: 3 })}`,
    });
  }

  private renderAuditDialog() {
    const visit = this.auditFor;
    const role = (value: string) =>
      AUDIT_ROLES.includes(value) ? this.t(`staff.audit.role.${value}` as MessageKey) : value;
    return html`<dialog id="audit" aria-labelledby="audit-title" @close=${() => this.#auditAbort?.abort()}>
      ${
        visit
          ? html`<h2 id="audit-title">${this.t('staff.audit.title', { reference: visit.reference })}</h2>
              ${this.loadState(this.auditStatus, false, 'staff.audit.loadFailed', this.auditError, () => {
                void this.#loadAudit(visit);
              })}
              ${
                this.auditStatus !== 'complete'
                  ? nothing
                  : this.auditEntries.length === 0
                    ? html`<p>${this.t('staff.audit.empty')}</p>`
                    : html`<table class="audit">
                        <caption>
                          ${this.t('staff.audit.caption')}
                        </caption>
                        <thead>
                          <tr>
                            <th scope="col">${this.t('staff.audit.col.when')}</th>
                            <th scope="col">${this.t('staff.audit.col.what')}</th>
                            <th scope="col">${this.t('staff.audit.col.who')}</th>
                            <th scope="col">${this.t('staff.audit.col.channel')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          ${this.auditEntries.map(
                            (entry) =>
                              html`<tr>
                                <td>${this.day(entry.at)} ${this.time(entry.at)}</td>
                                <td>
                                  <code>${entry.action}</code>
                                  ${Object.entries(entry.details).map(
                                    ([key, value]) =>
                                      html`<br /><span class="muted">${key}: ${String(value)}</span>`,
                                  )}
                                </td>
                                <td>${role(entry.role)}</td>
                                <td>${entry.channel}</td>
                              </tr>`,
                          )}
                        </tbody>
                      </table>`
              }
              ${this.auditStatus === 'complete' ? renderQuality((key, values) => this.t(key, values), this.auditQuality) : nothing}
              <div class="dialog-actions">
                <button class="button" type="button" @click=${() => this.closeDialog('audit')}>
                  ${this.t('common.close')}
                </button>
              </div>`
          : nothing
      }
    </dialog>`;
  }

  private renderKioskDialog() {
    const visit = this.kioskFor;
    const name = visit ? fullName(visit.prisoner) : '';
    const pairing = this.pairing;
    return this.formDialog({
      id: 'kiosk',
      title: this.t('staff.kiosk.title', { name }),
      open: Boolean(visit),
      problem: this.kioskProblem,
      submit: this.t('staff.kiosk.submit'),
      busy: this.saving,
      onSubmit: (event) => void this.savePairing(event),
      body: html`<p>${this.t('staff.kiosk.intro', { name })}</p>
        <div class="field ${this.kioskError ? 'field--error' : ''}">
          <label for="kiosk-label">${this.t('staff.kiosk.label')}</label>
          <span class="hint" id="kiosk-label-hint">${this.t('staff.kiosk.labelHint')}</span>
          ${this.kioskError ? html`<span class="error-message" id="kiosk-label-error">${this.kioskError}</span>` : nothing}
          <input
            id="kiosk-label"
            name="label"
            type="text"
            maxlength="100"
            autocomplete="off"
            aria-describedby="kiosk-label-hint ${this.kioskError ? 'kiosk-label-error' : ''}"
          />
        </div>
        ${this.renderKioskDevices(name)}`,
      result: pairing && {
        title: this.t('staff.kiosk.done'),
        body: html`<p>${this.t('staff.kiosk.title', { name })}</p>
          <dl class="facts">
            <dt>${this.t('staff.kiosk.code')}</dt>
            <dd><strong class="pairing-code" tabindex="-1">${pairing.pairingCode}</strong></dd>
          </dl>
          <p>${this.t('staff.kiosk.expires', { time: this.time(pairing.expiresAt) })}</p>`,
      },
    });
  }

  private async savePairing(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const visit = this.kioskFor;
    const store = this.store;
    if (!visit || !store || this.saving) return;
    const label = (this.renderRoot.querySelector('#kiosk-label') as HTMLInputElement).value.trim();
    if (!label) {
      this.kioskError = this.t('staff.kiosk.labelRequired');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#kiosk-label')?.focus();
      return;
    }
    this.kioskError = undefined;
    this.kioskProblem = undefined;
    this.saving = true;
    try {
      this.pairing = await store.api.pairDevice(visit.prisoner.id, label);
      this.acted('pairing', visit.prisoner.id);
      this.announce(this.t('staff.kiosk.done'));
      // The dialog now shows the code: move focus to it so it is read out.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.pairing-code')?.focus();
    } catch (error) {
      this.kioskProblem = this.describeError(error);
    } finally {
      this.saving = false;
    }
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
      await store.outcome(visit.id, this.outcomeChoice, notes || undefined, this.amending);
      this.announce(this.t('staff.announce.outcome', { reference: visit.reference }));
      this.acted('outcome', visit.id);
      this.closeDialog('outcome');
    } catch (error) {
      const recorded = recordedOutcome(error);
      if (recorded) {
        // Another officer (or this one, in another tab) got there first: say what is recorded and let
        // staff either leave it or knowingly replace it.
        this.outcomeError = this.t('staff.outcome.alreadyWas', {
          reference: visit.reference,
          outcome: this.t(`staff.outcome.${recorded.outcome}` as MessageKey),
        });
        this.amending = true;
      } else {
        this.outcomeError =
          error instanceof VisitApiError && error.status === 409
            ? this.t('staff.outcome.already', { reference: visit.reference })
            : this.describeError(error);
      }
      if (error instanceof VisitApiError && error.status === 409) void store.load();
    } finally {
      this.saving = false;
    }
  }
}
