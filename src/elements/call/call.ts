import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CustomStatesController } from '../../core/custom-states.js';
import { VisitRequestLeaveEvent } from '../../core/events/visit-request-leave.js';
import { VisitElement } from '../../core/visit-element.js';
import type { MessageKey } from '../../i18n/index.js';
import { callStyles } from './call.styles.js';
import {
  renderDeviceErrors,
  renderLeaveDialog,
  renderSettingsDialog,
  formatClock,
  renderHeader,
  renderWarning,
  type Translate,
} from './call-parts.js';
import { duration, renderEndScreen, type EndInfo } from '../shared/end-screen.js';
import { CallLinkController } from '../shared/call-link.js';
import {
  createCallSession,
  type CallSessionLike,
  type CallState,
  type DataSaverMode,
  type SessionFactory,
} from '../shared/media-loader.js';
import type { CallStateDto, EndedDto, StaffWarningDto } from '../../api/calls.js';
import { callMessages, commonMessages } from '../../i18n/areas.js';
import { callScreenMessages } from '../../i18n/call-screen.js';

type Corner = 'bottom-end' | 'bottom-start' | 'top-start' | 'top-end';
const CORNERS: Corner[] = ['bottom-end', 'bottom-start', 'top-start', 'top-end'];

export { formatClock };

/**
 * @summary The video call of a prison visit: the person visited large, your own camera small (movable and
 * hideable), microphone and camera toggles, device settings, full screen and picture-in-picture, a
 * countdown to the authoritative end, reconnection, data-saver fallback, staff warnings and end screens.
 *
 * Usually shown by `<visit-waiting-room>` once staff admit the family. A host that renders the call
 * elsewhere cancels `visit-admitted` and calls `join()` on `<visit-call visit="…">`: the element then asks
 * the backend for the call token itself. The media layer (livekit-client) loads only on `join()`.
 *
 * The prisoner's kiosk uses `side="prisoner"` (or the device session's role): bigger controls, no device
 * settings, leave without a confirmation step.
 *
 * @fires visit-joined - {@link VisitJoinedEvent} when connected to the call room.
 * @fires visit-connection-changed - {@link VisitConnectionChangedEvent} on every connection phase change.
 * @fires visit-time-warning - {@link VisitTimeWarningEvent} at 5 and at 1 minute left.
 * @fires visit-request-leave - {@link VisitRequestLeaveEvent} (cancelable) before leaving.
 * @fires visit-ended - {@link VisitEndedEvent} with the reason, when the end screen shows.
 * @fires visit-error - {@link VisitErrorEvent} when joining failed and the person was told.
 *
 * @csspart base - The call area.
 * @csspart header - The bar with the countdown and connection quality.
 * @csspart countdown - The time left.
 * @csspart quality - The connection quality indicator.
 * @csspart stage - The video area (remote videos and the self-view).
 * @csspart video - Every `<video>`.
 * @csspart remote - Each remote person's tile.
 * @csspart name - The name label of a tile.
 * @csspart self-view - Your own camera.
 * @csspart notice - Notices (reconnecting, data saver, time added, device errors).
 * @csspart reconnecting - Also on the "Reconnecting…" overlay over the videos.
 * @csspart data-saver - Also on the notice that the data saver turned itself on (with Restore video).
 * @csspart credit - Also on the notice that time was added to the visit.
 * @csspart remote-dropped - Also on the notice that the other side's connection dropped.
 * @csspart device-error - Also on a notice that the camera or microphone could not be used.
 * @csspart warning - A message from prison staff.
 * @csspart audio-button - The large "Tap to turn on sound" button.
 * @csspart controls - The button bar.
 * @csspart button - Every button.
 * @csspart join - Also on the Join button, before joining.
 * @csspart microphone - Also on the microphone toggle (`aria-pressed`).
 * @csspart camera - Also on the camera toggle (`aria-pressed`).
 * @csspart self-toggle - Also on the button that hides or shows your own camera.
 * @csspart move-self - Also on the button that moves your own camera to another corner.
 * @csspart fullscreen - Also on the full-screen toggle.
 * @csspart pip - Also on the picture-in-picture toggle.
 * @csspart settings - Also on the device settings button (family side).
 * @csspart more - Also on the "More" button that shows the secondary controls on a phone.
 * @csspart leave - Also on the Leave button.
 * @csspart confirm-leave - Also on the leave dialog's button that leaves.
 * @csspart stay - Also on the leave dialog's button that stays in the call.
 * @csspart restore - Also on the data-saver notice's Restore video button.
 * @csspart rejoin - Also on the end screen's Rejoin button (when the call dropped).
 * @csspart book - Also on the end screen's "Book another visit" link (family side, with `book-url`).
 * @csspart dialog - The leave and settings dialogs.
 * @csspart leave-dialog - Also on the dialog asking to confirm leaving.
 * @csspart settings-dialog - Also on the device settings dialog.
 * @csspart end - The end screen.
 *
 * @cssprop [--visit-call-stage-background=#0b0c0c] - Behind the videos.
 * @cssprop [--visit-call-stage-height=min(70vh, 40rem)] - Height of the video area.
 * @cssprop [--visit-call-self-width=28%] - Width of the self-view.
 * @cssprop [--visit-call-control-size=48px] - Minimum size of a control (64px on the prisoner side).
 *
 * @cssstate connected - Connected to the call.
 * @cssstate reconnecting - The connection dropped and is being restored.
 * @cssstate ended - The end screen shows.
 * @cssstate muted - Your microphone is off.
 */
export class VisitCall extends VisitElement {
  static override messages = [commonMessages, callMessages, callScreenMessages];

  static override styles = callStyles;

  /** Visit id or reference; needed for `join()` without a session, and for the end reason. */
  @property() visit?: string;

  /** Which side this is: `visitor` (family) or `prisoner` (kiosk). Defaults to the session's role. */
  @property({ reflect: true }) side?: 'visitor' | 'prisoner';

  /** Where "Book another visit" goes on the end screens (family side). */
  @property({ attribute: 'book-url' }) bookUrl?: string;

  /** Data-saver mode to start with (`normal`, `low-video`, `audio-only`). */
  @property({ attribute: 'data-saver' }) dataSaver: DataSaverMode = 'normal';

  /**
   * The call session: a `CallSession` from the media layer, or anything with the same surface (stories and
   * tests pass fakes). Set by `<visit-waiting-room>`; made on `join()` otherwise.
   */
  @property({ attribute: false }) session?: CallSessionLike;

  /** The backend's call state, when a host (the waiting room) follows the visit's events itself. */
  @property({ attribute: false }) callState?: CallStateDto;

  /** The backend's `ended` event, when a host follows the events itself. */
  @property({ attribute: false }) endedEvent?: EndedDto;

  /** A staff warning pushed by the host's event stream. */
  @property({ attribute: false }) staffWarning?: StaffWarningDto;

  /** Follow the visit's event stream from this element (off when the waiting room does it). */
  @property({ type: Boolean, attribute: 'no-events' }) noEvents = false;

  /** Replaces the factory of call sessions (tests, integrators). */
  @property({ attribute: false }) sessionFactory?: SessionFactory;

  @state() private selfHidden = false;
  @state() private corner: Corner = 'bottom-end';
  @state() private fullscreen = false;
  @state() private pip = false;
  @state() private moreOpen = false;

  @query('dialog.leave') private leaveDialog?: HTMLDialogElement;
  @query('dialog.settings') private settingsDialog?: HTMLDialogElement;

  /** Token, clock, connect, events, warnings, credit, end reason and time left: the element renders them. */
  readonly #link = new CallLinkController(this, {
    visitId: () => this.visitId,
    prisoner: () => this.prisoner,
    followEvents: () => !this.noEvents,
    makeSession: () =>
      (this.sessionFactory ?? createCallSession)({
        dataSaver: this.dataSaver,
        audioHost: { append: (node) => this.renderRoot.querySelector('.audio-host')?.append(node) },
      }),
    onSession: (session) => (this.session = session),
    onEnd: () => {
      this.leaveDialog?.close();
      this.settingsDialog?.close();
    },
  });

  /** `:state(connected)`, `:state(reconnecting)`, `:state(ended)`, `:state(muted)`. */
  private readonly customStates = new CustomStatesController(this, () => {
    const phase = this.#link.snapshot?.connection.phase;
    const end = Boolean(this.#link.end);
    return {
      connected: phase === 'connected' && !end,
      reconnecting: phase === 'reconnecting' && !end,
      ended: end,
      muted: this.#link.snapshot ? !this.#link.snapshot.microphone.enabled : false,
    };
  });

  #bindings = new Map<HTMLVideoElement, () => void>();
  #shownEnd?: EndInfo;
  readonly #onFullscreen = () => {
    this.fullscreen = Boolean(document.fullscreenElement && document.fullscreenElement === this);
  };

  // ── public commands ────────────────────────────────────────────────────────────────────────────

  /**
   * Joins the call: asks the backend for the call token (`POST /visits/{visit}/call/token`), loads the media
   * layer and connects. With a connected `session` already set, does nothing. Call it from a click where
   * possible (browsers then allow sound at once).
   */
  async join(): Promise<void> {
    if (this.session !== this.#link.session) this.#link.setSession(this.session);
    await this.#link.join();
  }

  /** Leaves the call (after the `visit-request-leave` event, unless a listener cancels it). */
  async leave(): Promise<void> {
    if (!this.dispatchEvent(new VisitRequestLeaveEvent())) return;
    this.leaveDialog?.close();
    await this.#link.leave();
  }

  /** Turns the microphone on or off (toggles without an argument). */
  async toggleMicrophone(on?: boolean): Promise<void> {
    const session = this.session;
    if (!session) return;
    const next = on ?? !session.getState().microphone.wanted;
    await session.setMicrophoneEnabled(next);
    this.announce(this.t(next ? 'call.micOnAnnounce' : 'call.micOffAnnounce'));
  }

  /** Turns the camera on or off (toggles without an argument). */
  async toggleCamera(on?: boolean): Promise<void> {
    const session = this.session;
    if (!session) return;
    const next = on ?? !session.getState().camera.wanted;
    await session.setCameraEnabled(next);
    this.announce(this.t(next ? 'call.camOnAnnounce' : 'call.camOffAnnounce'));
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────────

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('fullscreenchange', this.#onFullscreen);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('fullscreenchange', this.#onFullscreen);
    for (const unbind of this.#bindings.values()) unbind();
    this.#bindings.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('session') && this.session !== this.#link.session) {
      for (const unbind of this.#bindings.values()) unbind();
      this.#bindings.clear();
      this.#link.setSession(this.session);
    }
    if (changed.has('endedEvent')) this.#link.setHostEnded(this.endedEvent);
    if (changed.has('callState')) this.#link.setHostState(this.callState);
    if (changed.has('staffWarning')) this.#link.noteWarning(this.staffWarning);
    if (!this.side) {
      const role = this.activeClient?.session?.user?.role;
      if (role === 'prisoner') this.side = 'prisoner';
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncVideos();
    // the stage takes the picture's own shape on a phone (no tall black box around a 16:9 picture); set
    // through CSSOM, not a style attribute, which a strict Content-Security-Policy blocks
    const camera = this.#link.snapshot?.remoteParticipants
      .find((person) => person.role !== 'staff')
      ?.tracks.find((track) => track.source === 'camera' && track.width && track.height);
    const stage = this.renderRoot.querySelector<HTMLElement>('.stage');
    if (camera) stage?.style.setProperty('--_ratio', `${camera.width} / ${camera.height}`);
    else stage?.style.removeProperty('--_ratio');
    const end = this.#link.end;
    if (end && end !== this.#shownEnd) this.renderRoot.querySelector<HTMLElement>('#end-title')?.focus();
    this.#shownEnd = end;
  }

  private get visitId(): string {
    return this.visit ?? this.callState?.visitId ?? '';
  }

  private get tr(): Translate {
    return (key, variables) => this.t(key, variables);
  }

  private get prisoner(): boolean {
    return this.side === 'prisoner';
  }

  // ── video bindings ─────────────────────────────────────────────────────────────────────────────

  private syncVideos(): void {
    const session = this.#link.session;
    const videos = new Set(this.renderRoot.querySelectorAll<HTMLVideoElement>('video[data-who]'));
    for (const [element, unbind] of this.#bindings) {
      if (!videos.has(element) || element.dataset.bound !== element.dataset.who) {
        unbind();
        this.#bindings.delete(element);
        delete element.dataset.bound;
      }
    }
    if (!session) return;
    for (const element of videos) {
      if (this.#bindings.has(element)) continue;
      const who = element.dataset.who!;
      element.dataset.bound = who;
      this.#bindings.set(element, session.bindVideo(element, who));
    }
  }

  // ── UI actions ─────────────────────────────────────────────────────────────────────────────────

  private askLeave(): void {
    if (this.prisoner) {
      void this.leave();
      return;
    }
    this.leaveDialog?.showModal();
    // the safe choice has the focus: Enter or Space by accident keeps the call going
    this.leaveDialog?.querySelector<HTMLElement>('.stay')?.focus();
  }

  private closeDialog(dialog: HTMLDialogElement | undefined, returnTo: string): void {
    dialog?.close();
    this.renderRoot.querySelector<HTMLElement>(returnTo)?.focus();
  }

  private moveSelf(): void {
    const index = CORNERS.indexOf(this.corner);
    this.corner = CORNERS[(index + 1) % CORNERS.length]!;
    this.announce(this.t(`call.corner.${this.corner}` as MessageKey));
  }

  private async toggleFullscreen(): Promise<void> {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await this.requestFullscreen();
    } catch {
      // refused (e.g. not from a click): nothing to undo
    }
  }

  private async togglePip(): Promise<void> {
    try {
      if (document.pictureInPictureElement) {
        await document.exitPictureInPicture();
        this.pip = false;
        return;
      }
      const video = this.renderRoot.querySelector<HTMLVideoElement>('.remote video');
      if (!video) return;
      await video.requestPictureInPicture();
      this.pip = true;
      video.addEventListener('leavepictureinpicture', () => (this.pip = false), { once: true });
    } catch {
      this.pip = false;
    }
  }

  private async rejoin(): Promise<void> {
    if (this.session !== this.#link.session) this.#link.setSession(this.session);
    await this.#link.rejoin();
  }

  // ── rendering ──────────────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    return html`${this.renderAnnouncer()}
      <div class="audio-host" hidden></div>
      ${this.#link.end ? this.renderEnd() : this.renderCall()}`;
  }

  private renderEnd(): TemplateResult {
    return html`<div class="end-wrap">
      ${renderEndScreen((k, v) => this.t(k, v), this.#link.end!, {
        prisoner: this.prisoner,
        bookUrl: this.bookUrl,
        onRejoin: this.activeClient && this.visitId ? () => void this.rejoin() : undefined,
      })}
    </div>`;
  }

  private renderCall(): TemplateResult {
    const snapshot = this.#link.snapshot;
    const phase = snapshot?.connection.phase ?? 'idle';
    if (!snapshot || phase === 'idle' || (phase === 'disconnected' && !this.#link.joining)) {
      return this.renderNotJoined();
    }
    return html`<section
      class="base ${this.prisoner ? 'prisoner' : ''} ${phase === 'reconnecting' ? 'reconnecting' : ''}"
      part="base"
      aria-labelledby="call-title"
    >
      <h2 id="call-title" class="visually-hidden">${this.t('call.label')}</h2>
      ${renderHeader(this.tr, this.#link.timeLeftMs(), snapshot.localQuality)}
      ${renderWarning(this.tr, this.#link.visibleWarning, () => this.#link.dismissWarning())}
      ${this.renderNotices(snapshot)} ${this.renderStage(snapshot)} ${this.renderControls(snapshot)}
      ${
        this.prisoner
          ? nothing
          : renderSettingsDialog(this.tr, snapshot, this.session, () =>
              this.closeDialog(this.settingsDialog, '.settings-button'),
            )
      }
      ${
        this.prisoner
          ? nothing
          : renderLeaveDialog(this.tr, {
              leave: () => void this.leave(),
              stay: () => this.closeDialog(this.leaveDialog, '.leave-button'),
            })
      }
    </section>`;
  }

  private renderNotJoined(): TemplateResult {
    const connecting = this.#link.joining || this.#link.snapshot?.connection.phase === 'connecting';
    return html`<div class="idle" part="base">
      ${
        connecting
          ? html`<p role="status">
              <span class="spinner" aria-hidden="true"></span> ${this.t('call.connecting')}
            </p>`
          : html`${
              this.#link.joinError
                ? html`<p class="notice" data-tone="danger" role="alert">${this.#link.joinError}</p>`
                : html`<p>${this.t('call.notJoined')}</p>`
            }
            ${
              this.visit
                ? html`<button
                    type="button"
                    class="button"
                    part="button join"
                    @click=${() => void this.join()}
                  >
                    ${this.t('call.join')}
                  </button>`
                : nothing
            }`
      }
    </div>`;
  }

  private renderNotices(snapshot: CallState): TemplateResult {
    const saver = snapshot.dataSaver;
    const credit = this.#link.visibleCredit;
    const dropped = [...this.#link.dropped.values()];
    const t = (k: MessageKey, v?: Record<string, string | number>) => this.t(k, v);
    return html`${dropped.map(
      (name) =>
        html`<p class="notice" part="notice remote-dropped" role="status">
          ${this.t('call.remoteDropped', { name })}
        </p>`,
    )}
    ${
      credit
        ? html`<p class="notice" data-tone="success" part="notice credit">
            ${this.t('call.credited', { duration: duration(t, credit.seconds) })}
          </p>`
        : nothing
    }
    ${
      saver.automatic && (saver.notice || saver.canRestore)
        ? html`<div class="notice" part="notice data-saver">
            <p>
              ${
                saver.canRestore
                  ? this.t('call.canRestore')
                  : this.t(`call.dataSaverNotice.${saver.mode}` as MessageKey)
              }
            </p>
            <div class="button-group">
              <button
                type="button"
                class="button"
                part="button restore"
                @click=${() => void this.session?.restoreDataSaver?.()}
              >
                ${this.t('call.restore')}
              </button>
              ${
                saver.notice
                  ? html`<button
                      type="button"
                      class="button"
                      data-variant="secondary"
                      part="button"
                      @click=${() => this.session?.dismissDataSaverNotice?.()}
                    >
                      ${this.t('call.dismiss')}
                    </button>`
                  : nothing
              }
            </div>
          </div>`
        : nothing
    }
    ${renderDeviceErrors(this.tr, snapshot)}`;
  }

  private renderStage(snapshot: CallState): TemplateResult {
    const remotes = snapshot.remoteParticipants.filter((person) => person.role !== 'staff');
    const reconnecting = snapshot.connection.phase === 'reconnecting';
    const audioOnly = snapshot.dataSaver.mode === 'audio-only';
    return html`<div class="stage" part="stage" data-count=${remotes.length}>
      ${
        remotes.length === 0
          ? html`<div class="waiting-remote">
              <p>${this.t(this.prisoner ? 'call.waitingForVisitor' : 'call.waitingForPrisoner')}</p>
            </div>`
          : remotes.map(
              (person) =>
                html`<figure class="remote" part="remote" data-identity=${person.identity}>
                  <video
                    part="video"
                    data-who=${person.identity}
                    autoplay
                    playsinline
                    class=${person.cameraOn ? '' : 'off'}
                    aria-label=${this.t('call.videoOf', { name: person.name })}
                  ></video>
                  ${
                    person.cameraOn
                      ? nothing
                      : html`<p class="camera-off">
                          ${audioOnly ? this.t('call.videoPaused') : this.t('call.cameraOff', { name: person.name })}
                        </p>`
                  }
                  <figcaption part="name" class="name">
                    ${person.name}
                    ${person.microphoneOn ? nothing : html`<span class="mic-off">${this.t('call.remoteMuted')}</span>`}
                  </figcaption>
                </figure>`,
            )
      }
      ${
        this.selfHidden
          ? nothing
          : html`<figure class="self" part="self-view" data-corner=${this.corner}>
              <video
                part="video"
                data-who="local"
                autoplay
                playsinline
                muted
                aria-label=${this.t('call.selfView')}
              ></video>
              ${
                snapshot.camera.enabled
                  ? nothing
                  : html`<p class="camera-off small">
                      ${snapshot.camera.heldByDataSaver ? this.t('call.cameraHeld') : this.t('call.yourCameraOff')}
                    </p>`
              }
              <figcaption class="name" part="name">${this.t('call.you')}</figcaption>
            </figure>`
      }
      ${
        reconnecting
          ? html`<div class="overlay" part="notice reconnecting" role="status">
              <span class="spinner" aria-hidden="true"></span>
              <p>${this.t('call.reconnecting')}</p>
            </div>`
          : nothing
      }
      ${
        snapshot.audioPlaybackBlocked
          ? html`<button
              type="button"
              class="button audio-button"
              part="button audio-button"
              @click=${() => void this.session?.startAudio()}
            >
              ${this.t('call.audioBlocked')}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderControls(snapshot: CallState): TemplateResult {
    const mic = snapshot.microphone;
    const cam = snapshot.camera;
    const canFullscreen = typeof document !== 'undefined' && document.fullscreenEnabled;
    const canPip = typeof document !== 'undefined' && document.pictureInPictureEnabled;
    return html`<div class="controls" part="controls" role="group" aria-label=${this.t('call.controls')}>
      <button
        type="button"
        class="button toggle mic"
        part="button microphone"
        aria-pressed=${mic.wanted ? 'true' : 'false'}
        ?disabled=${mic.pending}
        @click=${() => void this.toggleMicrophone()}
      >
        <span class="icon" aria-hidden="true">${mic.wanted ? '●' : '○'}</span>${this.t('call.microphone')}
      </button>
      <button
        type="button"
        class="button toggle cam"
        part="button camera"
        aria-pressed=${cam.wanted ? 'true' : 'false'}
        ?disabled=${cam.pending}
        @click=${() => void this.toggleCamera()}
      >
        <span class="icon" aria-hidden="true">${cam.wanted ? '●' : '○'}</span>${this.t('call.camera')}
      </button>
      <button
        type="button"
        class="button more-button"
        data-variant="secondary"
        part="button more"
        aria-expanded=${this.moreOpen ? 'true' : 'false'}
        aria-controls="more-controls"
        @click=${() => (this.moreOpen = !this.moreOpen)}
      >
        ${this.t('call.more')}
      </button>
      <!-- on a phone the secondary controls wait behind "More"; wider, they sit in the bar -->
      <div class="more" id="more-controls" ?data-open=${this.moreOpen}>
        <button
          type="button"
          class="button toggle self-toggle"
          part="button self-toggle"
          aria-pressed=${this.selfHidden ? 'false' : 'true'}
          @click=${() => (this.selfHidden = !this.selfHidden)}
        >
          ${this.t('call.showSelf')}
        </button>
        ${
          this.selfHidden
            ? nothing
            : html`<button
                type="button"
                class="button"
                data-variant="secondary"
                part="button move-self"
                @click=${this.moveSelf}
              >
                ${this.t('call.moveSelf')}
              </button>`
        }
        ${
          canFullscreen
            ? html`<button
                type="button"
                class="button"
                data-variant="secondary"
                part="button fullscreen"
                aria-pressed=${this.fullscreen ? 'true' : 'false'}
                @click=${() => void this.toggleFullscreen()}
              >
                ${this.t('call.fullscreen')}
              </button>`
            : nothing
        }
        ${
          canPip && !this.prisoner
            ? html`<button
                type="button"
                class="button"
                data-variant="secondary"
                part="button pip"
                aria-pressed=${this.pip ? 'true' : 'false'}
                @click=${() => void this.togglePip()}
              >
                ${this.t('call.pip')}
              </button>`
            : nothing
        }
        ${
          this.prisoner
            ? nothing
            : html`<button
                type="button"
                class="button settings-button"
                data-variant="secondary"
                part="button settings"
                aria-haspopup="dialog"
                @click=${() => this.settingsDialog?.showModal()}
              >
                ${this.t('call.settings')}
              </button>`
        }
      </div>
      <button
        type="button"
        class="button leave-button"
        data-variant="warning"
        part="button leave"
        @click=${this.askLeave}
      >
        ${this.t('call.leave')}
      </button>
    </div>`;
  }
}
