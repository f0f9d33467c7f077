import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { RemoteParticipantState } from '../shared/media-loader.js';
import type { MessageKey } from '../../i18n/index.js';
import { fullName, leadVisitor, secondsLeft } from './model.js';
import { MonitorConnection } from './monitor-connection.js';
import type { CallQuality, StaffVisit } from '../../api/staff.js';
import { StaffPanel } from './staff-panel.js';
import { duration } from '../shared/end-screen.js';
import { renderQuality } from './call-quality.js';

export type TileAction = 'listen' | 'warn' | 'end' | 'incident';

/** How often a live tile reads the call's quality evidence (each side sends about every 30 s). */
const QUALITY_EVERY_MS = 30_000;

/** Internal: a tile's button was pressed; the monitor panel opens the matching dialog. */
export class TileActionEvent extends Event {
  constructor(
    readonly action: TileAction,
    readonly visitId: string,
    readonly on?: boolean,
  ) {
    super('tile-action', { bubbles: true, composed: true });
  }
}

const tileStyles = css`
  :host {
    display: block;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 6px;
    background: var(--_background);
  }
  :host([listening]) {
    border: 3px solid var(--_primary);
    padding: 4px;
  }
  .head {
    display: flex;
    justify-content: space-between;
    gap: 6px;
    align-items: baseline;
  }
  .clock {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  .clock[data-low] {
    color: var(--_danger);
  }
  .sides {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 4px;
    margin: 4px 0;
  }
  .side p {
    margin: 0;
    font-size: 0.85em;
  }
  .side .who {
    display: block;
    font-weight: 600;
  }
  .placeholder {
    display: grid;
    place-items: center;
    aspect-ratio: 4 / 3;
    background: var(--_surface);
    border-radius: var(--_radius);
    font-size: 0.85em;
    text-align: center;
    padding: 4px;
  }
  .quality[data-quality='poor'],
  .quality[data-quality='lost'] {
    color: var(--_danger);
    font-weight: 600;
  }
  .tight {
    margin: 0;
  }
  .warning {
    font-size: 0.85em;
    margin: 0 0 4px;
  }
`;

/**
 * One live call in the monitor grid: both sides' video at low resolution, their connection quality, time
 * left, and the staff actions. Part of `<visit-staff-console>`.
 * @csspart video - each side's video.
 */
export class StaffCallTile extends StaffPanel {
  static override styles = [...StaffPanel.styles, tileStyles];

  @property({ attribute: false }) visit?: StaffVisit;
  /** This call's audio plays (one call at a time). */
  @property({ type: Boolean, reflect: true }) listening = false;
  @state() private now = this.clock.now();
  #timer?: ReturnType<typeof setInterval>;
  #qualityTimer?: ReturnType<typeof setInterval>;
  /** The sides' latest quality summaries (they send every 30 s; read as often). */
  @state() private quality?: CallQuality;

  readonly connection = new MonitorConnection(this, () => this.store!.api.monitorToken(this.visit!.id));

  override connectedCallback(): void {
    super.connectedCallback();
    // The client (and so its clock) may arrive after construction: read the time again once connected.
    this.now = this.clock.now();
    this.#timer = setInterval(() => (this.now = this.clock.now()), 1000);
    void this.updateComplete.then(() => {
      if (this.store && this.visit) void this.connection.start();
      void this.#loadQuality();
    });
    this.#qualityTimer = setInterval(() => void this.#loadQuality(), QUALITY_EVERY_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    clearInterval(this.#qualityTimer);
  }

  async #loadQuality(): Promise<void> {
    if (!this.store || !this.visit) return;
    try {
      this.quality = await this.store.api.callQuality(this.visit.id);
    } catch {
      // evidence is shown when it can be read; the call itself goes on
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('listening') && this.connection.listening !== this.listening) {
      void this.connection.setListening(this.listening);
    }
  }

  override render() {
    const visit = this.visit;
    if (!visit) return nothing;
    // `now` re-renders every second; the time itself comes from the clock, reconciled with the room's metadata
    const left = secondsLeft(visit, this.clock, this.connection.state?.endsAt);
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, '0');
    const credited = visit.callState?.creditedSeconds ?? 0;
    const warnings = visit.callState?.warnings ?? [];
    const lastWarning = warnings[warnings.length - 1];
    const people = this.connection.state?.remoteParticipants ?? [];
    const visitors = people.filter((person) => person.role === 'visitor');
    const prisoner = people.find((person) => person.role === 'prisoner');
    return html`
      <div class="head">
        <strong>${visit.reference}</strong>
        <span>
          <span class="visually-hidden">${this.t('staff.monitor.timeLeft')}</span>
          <span class="clock" ?data-low=${left < 300}>${minutes}:${seconds}</span>
        </span>
      </div>
      <p class="muted tight">${fullName(visit.prisoner)} · ${fullName(leadVisitor(visit))}</p>
      ${
        credited > 0
          ? html`<p class="tight">
              ${this.t('staff.monitor.credited', {
                // under a minute in seconds (a 25 s cut is not "0 minutes"), with each language's plurals
                minutes: duration((key, values) => this.t(key, values), credited),
              })}
            </p>`
          : nothing
      }
      ${this.renderConnection()} ${renderQuality((key, values) => this.t(key, values), this.quality)}
      <div class="sides">
        ${this.renderSide('prisoner', prisoner ? [prisoner] : [], fullName(visit.prisoner))}
        ${this.renderSide('visitor', visitors, fullName(leadVisitor(visit)))}
      </div>
      ${
        lastWarning
          ? html`<p class="warning">
              ${this.t('staff.monitor.lastWarning', { message: lastWarning.message })}
            </p>`
          : nothing
      }
      ${
        this.connection.audioBlocked && this.listening
          ? html`<p class="warning error-text">${this.t('staff.monitor.audioBlocked')}</p>`
          : nothing
      }
      <div class="actions">
        <button
          class="button"
          data-size="small"
          data-variant="secondary"
          type="button"
          aria-pressed=${this.listening ? 'true' : 'false'}
          aria-label=${this.t('staff.monitor.listenTo', { reference: visit.reference })}
          @click=${() => this.toggleListening()}
        >
          ${this.t('staff.monitor.listen')}
        </button>
        ${(['warn', 'incident', 'end'] as const).map(
          (action) =>
            html`<button
              class="button"
              data-size="small"
              data-variant=${action === 'end' ? 'warning' : 'secondary'}
              type="button"
              data-action=${action}
              @click=${() => this.dispatchEvent(new TileActionEvent(action, visit.id))}
            >
              ${this.t(`staff.monitor.${action}` as MessageKey)}
            </button>`,
        )}
      </div>
    `;
  }

  /** Toggles this call's audio (inside the click, so the browser allows playback). */
  toggleListening(): void {
    const on = !this.listening;
    void this.connection.setListening(on);
    this.dispatchEvent(new TileActionEvent('listen', this.visit!.id, on));
  }

  private renderConnection() {
    const phase = this.connection.phase;
    if (phase === 'connected') return nothing;
    if (phase === 'failed')
      return html`<p class="error-text" role="alert">${this.t('staff.monitor.failed')}</p>`;
    if (phase === 'reconnecting') return html`<p role="status">${this.t('staff.monitor.reconnecting')}</p>`;
    if (phase === 'ended') return nothing;
    return html`<p role="status"><span class="spinner"></span> ${this.t('staff.monitor.connecting')}</p>`;
  }

  private renderSide(side: 'visitor' | 'prisoner', people: RemoteParticipantState[], bookedName: string) {
    const sideLabel = this.t(`staff.monitor.side.${side}` as MessageKey);
    if (people.length === 0) {
      return html`<div class="side" data-side=${side}>
        <div class="placeholder">${sideLabel}: ${this.t('staff.monitor.notJoined')}</div>
      </div>`;
    }
    return html`${people.map(
      (person) =>
        html`<div class="side" data-side=${side}>
          ${
            person.cameraOn
              ? html`<video
                  part="video"
                  data-identity=${person.identity}
                  data-side=${side}
                  autoplay
                  playsinline
                  aria-label=${this.t('staff.monitor.video', { name: person.name || bookedName })}
                ></video>`
              : html`<div class="placeholder">
                  ${person.name || bookedName}: ${this.t('staff.monitor.cameraOff')}
                </div>`
          }
          <p>
            <span class="who">${sideLabel}: ${person.name || bookedName}</span>
            <span class="quality" data-quality=${person.quality}>
              ${this.t('staff.monitor.quality', {
                quality: this.t(`staff.monitor.quality.${person.quality}` as MessageKey),
              })}
            </span>
          </p>
        </div>`,
    )}`;
  }
}
