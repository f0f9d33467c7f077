import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { MonitorConnection } from './monitor-connection.js';
import { StaffPanel } from './staff-panel.js';

/**
 * The live camera of a visitor in the lobby room, for checking identity against the booking. Subscribe-only
 * and hidden (the visitor is not told who watches); no audio. Part of `<visit-staff-console>`.
 * @csspart video - the visitor's video.
 */
export class StaffLobbyCamera extends StaffPanel {
  static override styles = [
    ...StaffPanel.styles,
    css`
      figure {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: 'visit-id' }) visitId = '';
  /** Name of the lead visitor, for the video's label. */
  @property() name = '';

  readonly connection = new MonitorConnection(this, () => this.store!.api.monitorToken(this.visitId, true));

  override connectedCallback(): void {
    super.connectedCallback();
    void this.updateComplete.then(() => {
      if (this.store && this.visitId) void this.connection.start();
    });
  }

  override render() {
    const { phase, state } = this.connection;
    const people = (state?.remoteParticipants ?? []).filter((person) => person.role !== 'staff');
    const label = this.t('staff.waiting.camera', { name: this.name });
    if (phase === 'failed')
      return html`<p class="error-text" role="alert">${this.t('staff.waiting.cameraFailed')}</p>`;
    if (phase !== 'connected' && phase !== 'reconnecting') {
      return html`<p role="status">
        <span class="spinner"></span> ${this.t('staff.waiting.cameraConnecting')}
      </p>`;
    }
    if (!people.some((person) => person.cameraOn)) {
      return html`<p role="status">${this.t('staff.waiting.cameraOff')}</p>`;
    }
    return html`${people.map(
      (person) =>
        html`<figure>
          <video
            part="video"
            data-identity=${person.identity}
            autoplay
            playsinline
            aria-label=${label}
          ></video>
          ${
            phase === 'reconnecting'
              ? html`<figcaption role="status">${this.t('staff.monitor.reconnecting')}</figcaption>`
              : nothing
          }
        </figure>`,
    )}`;
  }
}
