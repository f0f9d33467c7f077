import { CustomStatesController } from '../../core/custom-states.js';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VisitApiError } from '../../api/errors.js';
import { VisitStaffActionEvent } from '../../core/events/visit-staff-action.js';
import { VisitElement } from '../../core/visit-element.js';
import type { MessageKey } from '../../i18n/index.js';
import { sharedStyles } from '../../styles/shared.js';
import type { StaffApprovalsPanel } from './approvals-panel.js';
import { ConsoleStore, type VisitChange } from './console-store.js';
import { fullName, isLive, isWaiting, leadVisitor } from './model.js';
import type { StaffMonitorPanel } from './monitor-panel.js';
import type { StaffReviewPanel } from './review-panel.js';
import type { StaffEnrolment } from './enrolment-dialog.js';
import type { DenyReason, StaffEndReason, VisitType } from '../../api/staff.js';
import { consoleStyles } from './staff-console.styles.js';
import { deepActiveElement, typingIn } from './staff-panel.js';
import type { ConsoleTab, StaffNavigateEvent, StaffTodayPanel } from './today-panel.js';
import type { StaffWaitingPanel } from './waiting-panel.js';
import { commonMessages, phoneMessages, staffMessages } from '../../i18n/areas.js';
import { html as staticHtml } from 'lit/static-html.js';
import { tag } from '../../core/tags.js';
import { tagName } from '../../core/define.js';

export type { ConsoleTab } from './today-panel.js';

const TABS: readonly ConsoleTab[] = [
  'today',
  'waiting',
  'monitor',
  'approvals',
  'planning',
  'reviews',
  'phone',
];

const styles = css`
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_console-gap);
    margin-bottom: var(--_space);
  }
  .top h2 {
    margin: 0;
  }
  .live {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 0.9em;
  }
  .live::before {
    content: '';
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--_muted);
  }
  .live[data-live='open']::before {
    background: var(--_success);
  }
  .live[data-live='reconnecting']::before {
    background: var(--_danger);
  }
  [role='tablist'] {
    display: flex;
    gap: 2px;
    border-bottom: 2px solid var(--_border);
    margin-bottom: var(--_console-gap);
    overflow-x: auto;
  }
  [role='tab'] {
    font: inherit;
    font-weight: 600;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-bottom: 0;
    border-radius: var(--_radius) var(--_radius) 0 0;
    padding: 6px 14px;
    min-height: 36px;
    cursor: pointer;
    white-space: nowrap;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_background);
    border-color: var(--_text);
    box-shadow: inset 0 4px 0 var(--_primary);
  }
  kbd {
    font-family: ui-monospace, monospace;
    border: 1px solid var(--_border);
    border-radius: 3px;
    padding: 0 4px;
    background: var(--_surface);
  }
  .shortcuts th {
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    [role='tab'][aria-selected='true'] {
      border: 3px solid Highlight;
    }
  }
`;

/**
 * @summary The prison's visits console: the day's visits, the waiting list with the visitor's live camera,
 * admit/deny, a live monitor of up to eight calls (warn, end, incident), outcomes, each visit's history (audit
 * trail), kiosk pairing, approvals (count kept live), planning, visits needing review after a reported change,
 * and phone bookings (booking, changing and cancelling for a family; visit allowance adjustments).
 *
 * Staff sign in through the portal: the console uses the provider's (or its own) client and session, and
 * holds no LiveKit secret — only subscribe-only monitor tokens minted by the backend. The video parts load
 * the media layer with a dynamic `import()` when first shown.
 *
 * Keyboard: `Alt+1`…`Alt+7` go to a section; arrow keys, `Home` and `End` move between section tabs;
 * in Waiting `↑`/`↓` choose a visitor, `a` admits, `d` denies; on a focused call in Live calls `l` listens,
 * `w` warns, `e` ends, `i` marks an incident; `?` lists the shortcuts.
 *
 * @fires visit-staff-action - {@link VisitStaffActionEvent} after the backend accepted an action (admit,
 *   deny, warn, end, incident, outcome, decision, planning, pairing). Bubbles, composed.
 * @fires visit-error - {@link VisitErrorEvent} when an action or a load failed (already explained on screen).
 *
 * @csspart base - the console's wrapper.
 * @csspart header - the title, live-update status and shortcuts button.
 * @csspart tabs - the section tab list.
 * @csspart tab - each section tab.
 * @csspart panel - each section's panel.
 *
 * @cssprop [--visit-staff-font-size=0.9375rem] - base text size of the dense layout.
 * @cssprop [--visit-staff-gap=12px] - space between blocks (defaults to 1.5 × `--visit-space`).
 * @cssprop [--visit-staff-tile-min-width=300px] - smallest width of a call in the monitor grid.
 * @cssprop [--visit-color-primary] - and the other `--visit-*` design tokens.
 *
 * @cssstate live - live updates from the backend are flowing.
 *
 * @example
 * ```html
 * <visit-provider api-base="https://visits.example.org">
 *   <visit-staff-console></visit-staff-console>
 * </visit-provider>
 * ```
 */
export class VisitStaffConsole extends VisitElement {
  static override messages = [commonMessages, staffMessages, phoneMessages];

  static override styles = [...sharedStyles, consoleStyles, styles];

  /** The day shown, `YYYY-MM-DD` in the prison's time zone (default: today). */
  @property({ reflect: true }) date?: string;

  /** The selected section. */
  @property({ reflect: true }) tab: ConsoleTab = 'today';

  /** Show only this visit type (`video` or `in-person`); empty for all. */
  @property({ attribute: 'visit-type' }) visitType: VisitType | '' = '';

  @state() private store?: ConsoleStore;
  @state() private approvalsCount = 0;
  @state() private reviewsCount = 0;
  private get waitingPanel(): StaffWaitingPanel | undefined {
    return (
      this.renderRoot?.querySelector<StaffWaitingPanel>(tagName('visit-staff-waiting-panel')) ?? undefined
    );
  }
  private get monitorPanel(): StaffMonitorPanel | undefined {
    return (
      this.renderRoot?.querySelector<StaffMonitorPanel>(tagName('visit-staff-monitor-panel')) ?? undefined
    );
  }
  #enrolment(): StaffEnrolment | undefined {
    return this.renderRoot?.querySelector<StaffEnrolment>(tagName('visit-staff-enrolment')) ?? undefined;
  }
  private get todayPanel(): StaffTodayPanel | undefined {
    return this.renderRoot?.querySelector<StaffTodayPanel>(tagName('visit-staff-today-panel')) ?? undefined;
  }
  private get approvalsPanel(): StaffApprovalsPanel | undefined {
    return (
      this.renderRoot?.querySelector<StaffApprovalsPanel>(tagName('visit-staff-approvals-panel')) ?? undefined
    );
  }

  readonly #onChange = () => {
    this.requestUpdate();
    this.#states.sync();
  };
  readonly #onVisitChange = (event: Event) =>
    this.#announceChange((event as CustomEvent<VisitChange>).detail);
  /** Keeps the Approvals count live: another officer decided, or a family asked for something. */
  readonly #onApprovalsChange = () => void this.approvalsPanel?.load();
  readonly #states = new CustomStatesController(this, () => ({ live: this.store?.live === 'open' }));

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKey);
    if (this.store) {
      this.#listen(this.store);
      this.store.start();
      void this.store.load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKey);
    this.#unlisten(this.store);
    this.store?.stop();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client && client !== this.store?.client) {
      this.#unlisten(this.store);
      this.store?.stop();
      const store = new ConsoleStore(client, this.date || undefined);
      store.type = this.visitType;
      this.store = store;
      // a session still waiting for its passkey loads nothing: every staff call would be refused
      if (client.signedIn && !client.session?.secondFactor) {
        this.#listen(store);
        store.start();
        void store.load();
      }
    } else if (this.store && (changed.has('date') || changed.has('visitType'))) {
      if (this.date && (this.date !== this.store.date || this.visitType !== this.store.type)) {
        void this.store.setDay(this.date, this.visitType);
      } else if (this.visitType !== this.store.type) {
        void this.store.setDay(this.store.date, this.visitType);
      }
    }
  }

  /**
   * The session still needs its passkey: the session says so, or (a portal's `tokenProvider`, which carries
   * no session) the backend refused the day with `second-factor-required`.
   */
  #needsPasskey(): boolean {
    if (this.activeClient?.session?.secondFactor) return true;
    const error = this.store?.error;
    if (!(error instanceof VisitApiError) || error.code !== 'second-factor-required') return false;
    this.store?.stop();
    return true;
  }

  protected override sessionChanged(): void {
    // Signed in (or out) after the console appeared: start over with the same client.
    this.#unlisten(this.store);
    this.store?.stop();
    this.store = undefined;
    this.requestUpdate();
  }

  // ── commands (also used by hosts) ────────────────────────────────────────────────────────────────

  /** Shows a section and moves focus to its tab. */
  async showTab(tab: ConsoleTab, focus = true): Promise<void> {
    this.tab = tab;
    await this.updateComplete;
    if (focus) this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  }

  /** Reloads the day's visits. */
  refresh(): Promise<void> {
    return this.store?.load() ?? Promise.resolve();
  }

  /** Admits a waiting visitor. Rejects with `VisitApiError` (`409 not-waiting` when they left). */
  async admit(visitId: string): Promise<void> {
    await this.#required().admit(visitId);
    this.dispatchEvent(new VisitStaffActionEvent('admit', visitId));
  }

  /** Denies a waiting visitor with a reason from the contract's list. */
  async deny(visitId: string, reason: DenyReason, note?: string): Promise<void> {
    await this.#required().deny(visitId, reason, note);
    this.dispatchEvent(new VisitStaffActionEvent('deny', visitId));
  }

  /** Sends a warning (≤ 300 characters) to both sides of a call. */
  async warn(visitId: string, message: string): Promise<void> {
    await this.#required().warn(visitId, message);
    this.dispatchEvent(new VisitStaffActionEvent('warn', visitId));
  }

  /** Ends a call for everyone (no confirmation: the UI asks first; hosts calling this have decided). */
  async endCall(visitId: string, reason: StaffEndReason, note?: string): Promise<void> {
    await this.#required().end(visitId, reason, note);
    this.dispatchEvent(new VisitStaffActionEvent('end', visitId));
  }

  #required(): ConsoleStore {
    if (!this.store)
      throw new Error('visit-staff-console: no backend client (set api-base or use <visit-provider>)');
    return this.store;
  }

  // ── rendering ────────────────────────────────────────────────────────────────────────────────────

  override render() {
    const client = this.activeClient;
    if (!client) return html`<p class="notice">${this.t('common.notConfigured')}</p>`;
    if (!client.signedIn) return html`<p class="notice">${this.t('staff.notSignedIn')}</p>`;
    if (this.#needsPasskey())
      return staticHtml`<${tag('visit-staff-passkey-step')} .client=${this.client}></${tag('visit-staff-passkey-step')}>`;
    const store = this.store;
    const visits = store?.visits ?? [];
    const counts: Partial<Record<ConsoleTab, number>> = {
      waiting: visits.filter(isWaiting).length,
      monitor: visits.filter(isLive).length,
      approvals: this.approvalsCount,
      reviews: this.reviewsCount,
    };
    const live = store?.live ?? 'off';
    return html`<div part="base">
      <div class="top" part="header">
        <h2>${this.t('staff.title')}</h2>
        <span class="live" data-live=${live}>${this.t(`staff.live.${live}` as MessageKey)}</span>
        <button
          class="button"
          data-variant="secondary"
          data-size="small"
          type="button"
          aria-haspopup="dialog"
          @click=${() => void this.#enrolment()?.open()}
        >
          ${this.t('staff.enrolment.button')}
        </button>
        <button
          class="button"
          data-variant="secondary"
          data-size="small"
          type="button"
          aria-keyshortcuts="?"
          @click=${() => void this.#openShortcuts()}
        >
          ${this.t('staff.shortcuts.button')}
        </button>
      </div>
      <div role="tablist" part="tabs" aria-label=${this.t('staff.tabsLabel')} @keydown=${this.#onTabKey}>
        ${TABS.map((tab, index) => {
          const label = this.t(`staff.tab.${tab}` as MessageKey);
          const count = counts[tab];
          return html`<button
            role="tab"
            part="tab"
            id="tab-${tab}"
            type="button"
            aria-selected=${this.tab === tab ? 'true' : 'false'}
            aria-controls="panel-${tab}"
            aria-keyshortcuts="Alt+${index + 1}"
            tabindex=${this.tab === tab ? 0 : -1}
            @click=${() => void this.showTab(tab)}
          >
            ${count ? this.t('staff.tabCount', { label, count }) : label}
          </button>`;
        })}
      </div>
      <div @staff-navigate=${this.#onNavigate} @count-change=${this.#onCount}>
        ${TABS.map(
          (tab) =>
            html`<div
              role="tabpanel"
              part="panel"
              id="panel-${tab}"
              aria-labelledby="tab-${tab}"
              ?hidden=${this.tab !== tab}
            >
              ${this.renderPanel(tab)}
            </div>`,
        )}
      </div>
      ${this.renderShortcuts()}
      ${
        store
          ? staticHtml`<${tag('visit-staff-enrolment')} .store=${store} .client=${this.client}></${tag('visit-staff-enrolment')}>`
          : nothing
      }
      ${this.renderAnnouncer()}
    </div>`;
  }

  private renderPanel(tab: ConsoleTab) {
    const store = this.store;
    if (!store) return nothing;
    const active = this.tab === tab;
    switch (tab) {
      case 'today':
        return staticHtml`<${tag('visit-staff-today-panel')}
          .store=${store}
          .client=${this.client}
          ?active=${active}
        ></${tag('visit-staff-today-panel')}>`;
      case 'waiting':
        return active
          ? staticHtml`<${tag('visit-staff-waiting-panel')}
              .store=${store}
              .client=${this.client}
              active
            ></${tag('visit-staff-waiting-panel')}>`
          : nothing;
      case 'monitor':
        return staticHtml`<${tag('visit-staff-monitor-panel')}
          .store=${store}
          .client=${this.client}
          ?active=${active}
        ></${tag('visit-staff-monitor-panel')}>`;
      case 'approvals':
        return staticHtml`<${tag('visit-staff-approvals-panel')}
          .store=${store}
          .client=${this.client}
          active
          ?hidden=${!active}
        ></${tag('visit-staff-approvals-panel')}>
        <${tag('visit-staff-erasure-panel')}
          .store=${store}
          .client=${this.client}
          ?active=${active}
        ></${tag('visit-staff-erasure-panel')}>`;
      case 'reviews':
        return staticHtml`<${tag('visit-staff-review-panel')}
          .store=${store}
          .client=${this.client}
          ?active=${active}
        ></${tag('visit-staff-review-panel')}>`;
      case 'planning':
        return staticHtml`<${tag('visit-staff-planning-panel')}
          .store=${store}
          .client=${this.client}
          ?active=${active}
        ></${tag('visit-staff-planning-panel')}>`;
      case 'phone':
        return staticHtml`<${tag('visit-staff-phone-panel')}
          .store=${store}
          .client=${this.client}
          ?active=${active}
        ></${tag('visit-staff-phone-panel')}>`;
    }
  }

  private renderShortcuts() {
    const rows: [string, MessageKey][] = [
      ['Alt+1 … Alt+7', 'staff.shortcuts.tabs'],
      ['← → Home End', 'staff.shortcuts.arrows'],
      ['↑ ↓', 'staff.shortcuts.list'],
      ['a', 'staff.shortcuts.admit'],
      ['d', 'staff.shortcuts.deny'],
      ['l', 'staff.shortcuts.listen'],
      ['w', 'staff.shortcuts.warn'],
      ['e', 'staff.shortcuts.end'],
      ['i', 'staff.shortcuts.incident'],
      ['?', 'staff.shortcuts.help'],
    ];
    return html`<dialog id="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">${this.t('staff.shortcuts.title')}</h2>
      <table class="shortcuts">
        <tbody>
          ${rows.map(
            ([keys, key]) =>
              html`<tr>
                <th scope="row">${keys.split(' ').map((k) => html`<kbd>${k}</kbd> `)}</th>
                <td>${this.t(key)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p class="hint">${this.t('staff.shortcuts.note')}</p>
      <div class="dialog-actions">
        <button
          class="button"
          type="button"
          @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('#shortcuts')?.close()}
        >
          ${this.t('common.close')}
        </button>
      </div>
    </dialog>`;
  }

  async #openShortcuts(): Promise<void> {
    const opener = deepActiveElement();
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#shortcuts');
    if (!dialog || dialog.open) return;
    dialog.addEventListener('close', () => opener?.focus(), { once: true });
    dialog.showModal();
  }

  // ── keyboard ─────────────────────────────────────────────────────────────────────────────────────

  readonly #onTabKey = (event: KeyboardEvent) => {
    const index = TABS.indexOf(this.tab);
    const next =
      event.key === 'ArrowRight'
        ? TABS[(index + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(index - 1 + TABS.length) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    void this.showTab(next);
  };

  readonly #onKey = (event: KeyboardEvent) => {
    if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-7]$/.test(event.code)) {
      event.preventDefault();
      void this.showTab(TABS[Number(event.code.slice(5)) - 1]!);
      return;
    }
    if (event.key === '?' && !typingIn(event) && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      void this.#openShortcuts();
    }
  };

  readonly #onNavigate = async (event: StaffNavigateEvent) => {
    event.stopPropagation();
    await this.showTab(event.tab, false);
    if (event.tab === 'waiting' && event.visitId) await this.waitingPanel?.select(event.visitId);
    else if (event.tab === 'monitor' && event.visitId) await this.monitorPanel?.watch(event.visitId);
  };

  readonly #onCount = () => {
    this.approvalsCount = this.approvalsPanel?.count ?? 0;
    this.reviewsCount =
      this.renderRoot?.querySelector<StaffReviewPanel>(tagName('visit-staff-review-panel'))?.count ?? 0;
  };

  /** Opens the outcome form of a visit (Today section). */
  async recordOutcome(visitId: string): Promise<void> {
    await this.showTab('today', false);
    await this.todayPanel?.recordOutcome(visitId);
  }

  #announceChange(change: VisitChange): void {
    const visit = change.visit;
    if (!visit) return;
    const name = fullName(leadVisitor(visit));
    if (change.change === 'knock') {
      this.announce(this.t('staff.announce.knock', { name, reference: visit.reference }));
    } else if (change.change === 'left') {
      this.announce(this.t('staff.announce.left', { name }));
    } else if (change.change === 'ended') {
      this.announce(this.t('staff.announce.ended', { reference: visit.reference }));
    }
  }

  #listen(store: ConsoleStore): void {
    store.addEventListener('change', this.#onChange);
    store.addEventListener('visit-change', this.#onVisitChange);
    store.addEventListener('approvals-change', this.#onApprovalsChange);
  }

  #unlisten(store: ConsoleStore | undefined): void {
    store?.removeEventListener('change', this.#onChange);
    store?.removeEventListener('visit-change', this.#onVisitChange);
    store?.removeEventListener('approvals-change', this.#onApprovalsChange);
  }
}
