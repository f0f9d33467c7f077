import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { VisitConnectionChangedEvent } from '../../core/events/visit-connection-changed.js';
import { VisitEndedEvent, type VisitEndReason } from '../../core/events/visit-ended.js';
import { VisitJoinedEvent } from '../../core/events/visit-joined.js';
import { VisitRequestLeaveEvent } from '../../core/events/visit-request-leave.js';
import { VisitTimeWarningEvent } from '../../core/events/visit-time-warning.js';
import { VisitElement } from '../../core/visit-element.js';
import type { MessageKey } from '../../i18n/index.js';
import { callStyles } from './call.styles.js';
import { duration, endTitle, renderEndScreen, type EndInfo } from '../shared/end-screen.js';
import {
  createCallSession,
  observeTokenClock,
  type CallSessionLike,
  type CallState,
  type DataSaverMode,
  type SessionFactory,
} from '../shared/media-loader.js';
import {
  followVisit,
  getCallState,
  requestToken,
  type CallStateDto,
  type EndedDto,
  type StaffWarningDto,
} from '../../api/calls.js';
import { callMessages, commonMessages } from '../../i18n/areas.js';

type Phase = CallState['connection']['phase'];
type Corner = 'bottom-end' | 'bottom-start' | 'top-start' | 'top-end';
const CORNERS: Corner[] = ['bottom-end', 'bottom-start', 'top-start', 'top-end'];
const WARN_AT_MINUTES = [5, 1];
const MODES: DataSaverMode[] = ['normal', 'low-video', 'audio-only'];

/** A fixed mm:ss (or h:mm:ss) for the countdown. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = hours ? String(minutes).padStart(2, '0') : String(minutes);
  return `${hours ? `${hours}:` : ''}${mm}:${String(seconds).padStart(2, '0')}`;
}

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
  static override messages = [commonMessages, callMessages];

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

  @state() private snapshot?: CallState;
  @state() private end?: EndInfo;
  @state() private joining = false;
  @state() private joinError?: string;
  @state() private now = this.clock.now();
  @state() private selfHidden = false;
  @state() private corner: Corner = 'bottom-end';
  @state() private fullscreen = false;
  @state() private pip = false;
  @state() private creditNotice?: { seconds: number; at: number };
  @state() private ownEnded?: EndedDto;
  @state() private ownState?: CallStateDto;
  @state() private ownWarning?: StaffWarningDto;
  @state() private warningDismissed?: string;

  @query('dialog.leave') private leaveDialog?: HTMLDialogElement;
  @query('dialog.settings') private settingsDialog?: HTMLDialogElement;
  @query('.base') private base?: HTMLElement;

  #unsubscribe?: () => void;
  #subscribed?: CallSessionLike;
  #bindings = new Map<HTMLVideoElement, () => void>();
  #timer?: ReturnType<typeof setInterval>;
  #lastPhase?: Phase;
  #joinedFired = false;
  #warned = new Set<number>();
  #creditBaseline?: number;
  #lastWarningAt?: string;
  #events?: AbortController;
  #resolving = false;
  #ownSession = false;
  #internals?: ElementInternals;
  readonly #onFullscreen = () => {
    this.fullscreen = Boolean(document.fullscreenElement && document.fullscreenElement === this);
  };

  constructor() {
    super();
    try {
      this.#internals = this.attachInternals();
    } catch {
      this.#internals = undefined;
    }
  }

  // ── public commands ────────────────────────────────────────────────────────────────────────────

  /**
   * Joins the call: asks the backend for the call token (`POST /visits/{visit}/call/token`), loads the media
   * layer and connects. With a connected `session` already set, does nothing. Call it from a click where
   * possible (browsers then allow sound at once).
   */
  async join(): Promise<void> {
    const phase = this.session?.getState().connection.phase;
    if (phase === 'connected' || phase === 'connecting' || phase === 'reconnecting' || this.joining) return;
    const client = this.activeClient;
    if (!client || !this.visit) {
      this.joinError = this.t(client ? 'call.noVisit' : 'common.notConfigured');
      return;
    }
    this.joining = true;
    this.joinError = undefined;
    this.end = undefined;
    this.ownEnded = undefined;
    this.#joinedFired = false;
    try {
      const timed = await requestToken(client, this.visit);
      if (!this.session || !this.session.connect) {
        const factory = this.sessionFactory ?? createCallSession;
        this.session = await factory({
          dataSaver: this.dataSaver,
          audioHost: { append: (node) => this.renderRoot.querySelector('.audio-host')?.append(node) },
        });
        this.#ownSession = true;
      }
      await observeTokenClock(this.session, timed.token.token, timed.sentAt, timed.receivedAt);
      this.startEvents();
      await this.session.connect!({
        url: timed.token.url,
        token: timed.token.token,
        endsAt: timed.token.endsAt,
      });
    } catch (error) {
      const reason = (error as { reason?: string }).reason;
      if (reason) {
        // CallSessionError: the session state shows the disconnection; the end screen explains it
        void this.resolveEnd(reason);
      } else {
        this.joinError = this.describeError(error);
        void this.checkEndedOnServer();
      }
    } finally {
      this.joining = false;
    }
  }

  /** Leaves the call (after the `visit-request-leave` event, unless a listener cancels it). */
  async leave(): Promise<void> {
    if (!this.dispatchEvent(new VisitRequestLeaveEvent())) return;
    this.leaveDialog?.close();
    const session = this.session;
    if (!session) return;
    await session.disconnect();
    this.finish({ reason: 'left' });
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
    this.#timer = setInterval(() => this.tick(), 1000);
    document.addEventListener('fullscreenchange', this.#onFullscreen);
    if (this.session) this.subscribeTo(this.session);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    document.removeEventListener('fullscreenchange', this.#onFullscreen);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribed = undefined;
    for (const unbind of this.#bindings.values()) unbind();
    this.#bindings.clear();
    this.#events?.abort();
    this.#events = undefined;
    // a session this element made ends with it; one handed in belongs to the host
    if (this.#ownSession) void this.session?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('session') && this.session !== this.#subscribed && this.isConnected) {
      for (const unbind of this.#bindings.values()) unbind();
      this.#bindings.clear();
      if (this.session) this.subscribeTo(this.session);
    }
    if (changed.has('endedEvent') && this.endedEvent) void this.onServerEnded(this.endedEvent);
    if (changed.has('callState') && this.callState) this.onServerState(this.callState);
    if (!this.side) {
      const role = this.activeClient?.session?.user?.role;
      if (role === 'prisoner') this.side = 'prisoner';
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncVideos();
    if (changed.has('end') && this.end) {
      this.renderRoot.querySelector<HTMLElement>('#end-title')?.focus();
    }
    this.syncStates();
  }

  // ── session ────────────────────────────────────────────────────────────────────────────────────

  private subscribeTo(session: CallSessionLike): void {
    this.#unsubscribe?.();
    this.#subscribed = session;
    this.#unsubscribe = session.subscribe((snapshot) => this.onSnapshot(snapshot));
    this.onSnapshot(session.getState());
  }

  private onSnapshot(snapshot: CallState): void {
    const previous = this.snapshot;
    this.snapshot = snapshot;
    const phase = snapshot.connection.phase;
    if (phase !== this.#lastPhase) {
      const before = this.#lastPhase;
      this.#lastPhase = phase;
      if (phase !== 'idle') this.dispatchEvent(new VisitConnectionChangedEvent(phase));
      if (phase === 'reconnecting') this.announce(this.t('call.reconnecting'));
      if (phase === 'connected' && before === 'reconnecting') this.announce(this.t('call.reconnected'));
      if (phase === 'connected' && !this.#joinedFired) {
        this.#joinedFired = true;
        this.end = undefined;
        this.dispatchEvent(new VisitJoinedEvent(this.visitId));
        this.startEvents();
      }
      if (phase === 'disconnected' && before && before !== 'disconnected' && !this.end) {
        void this.resolveEnd(snapshot.connection.reason ?? 'connection-lost');
      }
    }
    this.noteCredit(snapshot.creditedSeconds, snapshot.lastCredit?.seconds);
    const warning = snapshot.warning;
    if (warning && warning.at !== previous?.warning?.at) this.onWarning(warning);
    if (snapshot.dataSaver.notice && snapshot.dataSaver.notice !== previous?.dataSaver.notice) {
      this.announce(this.t(`call.dataSaverNotice.${snapshot.dataSaver.notice.to}` as MessageKey));
    }
    if (snapshot.audioPlaybackBlocked && !previous?.audioPlaybackBlocked) {
      this.announce(this.t('call.audioBlocked'));
    }
    this.tick();
  }

  private get visitId(): string {
    return this.visit ?? this.callState?.visitId ?? '';
  }

  private get prisoner(): boolean {
    return this.side === 'prisoner';
  }

  private get backendState(): CallStateDto | undefined {
    return this.callState ?? this.ownState;
  }

  /** The authoritative end: room metadata (session) or the backend's state, whichever is later. */
  private get endsAt(): number | undefined {
    const fromSession = this.snapshot?.endsAt;
    const fromBackend = this.backendState ? Date.parse(this.backendState.endsAt) : undefined;
    if (fromSession === undefined) return fromBackend;
    if (fromBackend === undefined || Number.isNaN(fromBackend)) return fromSession;
    return Math.max(fromSession, fromBackend);
  }

  private get serverNow(): number {
    return this.session?.clock?.now() ?? this.clock.now();
  }

  private timeLeft(): number | undefined {
    const endsAt = this.endsAt;
    return endsAt === undefined ? undefined : Math.max(0, endsAt - this.serverNow);
  }

  private tick(): void {
    this.now = this.clock.now();
    const left = this.timeLeft();
    const live =
      this.snapshot?.connection.phase === 'connected' || this.snapshot?.connection.phase === 'reconnecting';
    if (left === undefined || !live) return;
    for (const minutes of WARN_AT_MINUTES) {
      const threshold = minutes * 60_000;
      // re-arm a warning when credited time moves the end back above it
      if (left > threshold + 5_000) this.#warned.delete(minutes);
      else if (left <= threshold && left > 0 && !this.#warned.has(minutes)) {
        for (const other of WARN_AT_MINUTES) if (other >= minutes) this.#warned.add(other);
        this.announce(this.t('call.minutesLeft', { count: minutes }));
        this.dispatchEvent(new VisitTimeWarningEvent(minutes));
      }
    }
  }

  private noteCredit(total: number | undefined, added?: number): void {
    if (total === undefined) return;
    if (this.#creditBaseline === undefined) {
      this.#creditBaseline = total;
      if (added && added > 0) this.showCredit(added);
      return;
    }
    if (total > this.#creditBaseline) {
      const delta = total - this.#creditBaseline;
      this.#creditBaseline = total;
      this.showCredit(delta);
    }
  }

  private showCredit(seconds: number): void {
    this.creditNotice = { seconds, at: Date.now() };
    this.announce(this.t('call.credited', { duration: duration((k, v) => this.t(k, v), seconds) }));
  }

  private onWarning(warning: StaffWarningDto): void {
    if (warning.at === this.#lastWarningAt) return;
    this.#lastWarningAt = warning.at;
    this.warningDismissed = undefined;
    this.ownWarning = warning;
  }

  private onServerState(state: CallStateDto): void {
    this.noteCredit(state.creditedSeconds);
    const last = state.warnings[state.warnings.length - 1];
    if (last && this.#joinedFired) this.onWarning(last);
    if (state.status === 'ended' && this.#joinedFired && !this.end) {
      void this.onServerEnded({
        reason: state.endReason ?? 'time-up',
        ...(state.endNote ? { note: state.endNote } : {}),
        ...(state.staffReason ? { staffReason: state.staffReason } : {}),
      });
    }
  }

  private async onServerEnded(ended: EndedDto): Promise<void> {
    this.ownEnded = ended;
    if (this.end && this.end.reason !== 'left' && this.end.reason !== 'connection-lost') return;
    if (this.end?.reason === 'left') return;
    const session = this.session;
    this.finish(this.endFrom(ended));
    await session?.disconnect();
  }

  private endFrom(ended: EndedDto): EndInfo {
    const info: EndInfo = { reason: ended.reason };
    if (ended.staffReason) info.staffReason = ended.staffReason;
    if (ended.note) info.note = ended.note;
    return info;
  }

  /** The session disconnected: find out why (the backend knows time-up and staff ends). */
  private async resolveEnd(reason: string): Promise<void> {
    if (this.end || this.#resolving) return;
    if (reason === 'left') return this.finish({ reason: 'left' });
    if (reason === 'duplicate-identity') return this.finish({ reason: 'duplicate-identity' });
    this.#resolving = true;
    try {
      const known = this.endedEvent ?? this.ownEnded;
      if (known) return this.finish(this.endFrom(known));
      const client = this.activeClient;
      if (client && this.visitId) {
        // the server removed us: its `ended` event or state says why (give the stream a moment)
        for (let attempt = 0; attempt < 4; attempt++) {
          const pushed = this.endedEvent ?? this.ownEnded;
          if (pushed) return this.finish(this.endFrom(pushed));
          try {
            const state = await getCallState(client, this.visitId);
            if (state.status === 'ended') {
              return this.finish(
                this.endFrom({
                  reason: state.endReason ?? 'time-up',
                  ...(state.endNote ? { note: state.endNote } : {}),
                  ...(state.staffReason ? { staffReason: state.staffReason } : {}),
                }),
              );
            }
          } catch {
            // the network may be what failed; fall through to connection-lost
          }
          if (reason !== 'removed-by-server') break;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      } else if (reason === 'removed-by-server') {
        const left = this.timeLeft();
        return this.finish({ reason: left !== undefined && left <= 1000 ? 'time-up' : 'ended-by-staff' });
      }
      this.finish({ reason: 'connection-lost' });
    } finally {
      this.#resolving = false;
    }
  }

  private async checkEndedOnServer(): Promise<void> {
    const client = this.activeClient;
    if (!client || !this.visitId) return;
    try {
      const state = await getCallState(client, this.visitId);
      this.ownState = state;
      if (state.status === 'ended') {
        this.joinError = undefined;
        this.finish(
          this.endFrom({
            reason: state.endReason ?? 'time-up',
            ...(state.endNote ? { note: state.endNote } : {}),
            ...(state.staffReason ? { staffReason: state.staffReason } : {}),
          }),
        );
      }
    } catch {
      // already explained
    }
  }

  private finish(info: EndInfo): void {
    if (this.end && this.end.reason !== 'left' && this.end.reason !== 'connection-lost') return;
    const credited = this.backendState?.creditedSeconds ?? this.snapshot?.creditedSeconds ?? 0;
    const left = this.timeLeft();
    const timeRemains = left === undefined || left > 5_000;
    const full: EndInfo = {
      ...info,
      creditedSeconds: credited,
      canRejoin:
        (info.reason === 'left' ||
          info.reason === 'connection-lost' ||
          info.reason === 'duplicate-identity') &&
        timeRemains,
    };
    const changedReason = this.end?.reason !== full.reason;
    this.end = full;
    this.leaveDialog?.close();
    this.settingsDialog?.close();
    if (changedReason) {
      this.announce(endTitle((k, v) => this.t(k, v), full, this.prisoner));
      this.dispatchEvent(new VisitEndedEvent(full.reason as VisitEndReason));
    }
  }

  private startEvents(): void {
    if (this.noEvents || this.#events || !this.visitId) return;
    const client = this.activeClient;
    if (!client) return;
    const controller = new AbortController();
    this.#events = controller;
    followVisit(client, this.visitId, controller.signal, {
      onState: (state) => {
        this.ownState = state;
        this.onServerState(state);
      },
      onWarning: (warning) => this.onWarning(warning),
      onEnded: (ended) => void this.onServerEnded(ended),
    }).catch(() => undefined);
  }

  // ── video bindings ─────────────────────────────────────────────────────────────────────────────

  private syncVideos(): void {
    const session = this.session;
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

  private syncStates(): void {
    const states = this.#internals?.states as (Set<string> & { add(v: string): void }) | undefined;
    if (!states) return;
    const phase = this.snapshot?.connection.phase;
    const set = (name: string, on: boolean) => {
      try {
        if (on) states.add(name);
        else states.delete(name);
      } catch {
        // older browsers: custom states unsupported
      }
    };
    set('connected', phase === 'connected' && !this.end);
    set('reconnecting', phase === 'reconnecting' && !this.end);
    set('ended', Boolean(this.end));
    set('muted', this.snapshot ? !this.snapshot.microphone.enabled : false);
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
      const window = await video.requestPictureInPicture();
      this.pip = true;
      video.addEventListener('leavepictureinpicture', () => (this.pip = false), { once: true });
      void window;
    } catch {
      this.pip = false;
    }
  }

  private async rejoin(): Promise<void> {
    this.end = undefined;
    this.ownEnded = undefined;
    this.#warned.clear();
    await this.join();
  }

  // ── rendering ──────────────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    return html`${this.renderAnnouncer()}
      <div class="audio-host" hidden></div>
      ${this.end ? this.renderEnd() : this.renderCall()}`;
  }

  private renderEnd(): TemplateResult {
    return html`<div class="end-wrap">
      ${renderEndScreen((k, v) => this.t(k, v), this.end!, {
        prisoner: this.prisoner,
        bookUrl: this.bookUrl,
        onRejoin: this.activeClient && this.visitId ? () => void this.rejoin() : undefined,
      })}
    </div>`;
  }

  private renderCall(): TemplateResult {
    const snapshot = this.snapshot;
    const phase = snapshot?.connection.phase ?? 'idle';
    if (!snapshot || phase === 'idle' || (phase === 'disconnected' && !this.joining)) {
      return this.renderNotJoined();
    }
    return html`<section
      class=${classMap({ base: true, prisoner: this.prisoner, reconnecting: phase === 'reconnecting' })}
      part="base"
      aria-label=${this.t('call.label')}
    >
      ${this.renderHeader(snapshot)} ${this.renderWarning()} ${this.renderNotices(snapshot)}
      ${this.renderStage(snapshot)} ${this.renderControls(snapshot)}
      ${this.prisoner ? nothing : this.renderSettings(snapshot)}
      ${this.prisoner ? nothing : this.renderLeaveDialog()}
    </section>`;
  }

  private renderNotJoined(): TemplateResult {
    const connecting = this.joining || this.snapshot?.connection.phase === 'connecting';
    return html`<div class="idle" part="base">
      ${
        connecting
          ? html`<p role="status">
              <span class="spinner" aria-hidden="true"></span> ${this.t('call.connecting')}
            </p>`
          : html`${
              this.joinError
                ? html`<p class="notice" data-tone="danger" role="alert">${this.joinError}</p>`
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

  private renderHeader(snapshot: CallState): TemplateResult {
    const left = this.timeLeft();
    const quality = snapshot.localQuality;
    const minutesLeft = left === undefined ? undefined : Math.ceil(left / 60_000);
    return html`<div class="header" part="header">
      <p class="countdown" part="countdown" data-ms=${left ?? ''}>
        <span class="label">${this.t('call.timeLeft')}</span>
        <span class="clock" aria-hidden="true">${left === undefined ? '–:––' : formatClock(left)}</span>
        <span class="visually-hidden"
          >${minutesLeft === undefined ? this.t('call.timeUnknown') : this.t('common.minutes', { count: minutesLeft })}</span
        >
      </p>
      <p class="quality" part="quality" data-quality=${quality}>
        <span class="bars" aria-hidden="true"><span></span><span></span><span></span></span>
        ${this.t('call.quality', { quality: this.t(`call.quality.${quality}` as MessageKey) })}
      </p>
    </div>`;
  }

  private renderWarning(): TemplateResult | typeof nothing {
    const warning =
      this.staffWarning && (!this.ownWarning || this.staffWarning.at >= this.ownWarning.at)
        ? this.staffWarning
        : this.ownWarning;
    if (!warning || this.warningDismissed === warning.at) return nothing;
    return html`<div class="warning" part="warning" role="alert">
      <h2 class="warning-title">${this.t('call.warningTitle')}</h2>
      <p>${warning.message}</p>
      <button
        type="button"
        class="button"
        data-variant="secondary"
        part="button"
        @click=${() => (this.warningDismissed = warning.at)}
      >
        ${this.t('call.warningOk')}
      </button>
    </div>`;
  }

  private renderNotices(snapshot: CallState): TemplateResult {
    const saver = snapshot.dataSaver;
    const credit =
      this.creditNotice && Date.now() - this.creditNotice.at < 30_000 ? this.creditNotice : undefined;
    const t = (k: MessageKey, v?: Record<string, string | number>) => this.t(k, v);
    return html`${
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
    ${this.renderDeviceErrors(snapshot)}`;
  }

  private renderDeviceErrors(snapshot: CallState): TemplateResult | typeof nothing {
    const problems: TemplateResult[] = [];
    for (const kind of ['microphone', 'camera'] as const) {
      const error = snapshot[kind].error;
      if (!error) continue;
      problems.push(
        html`<p class="notice" data-tone="danger" part="notice device-error">
          ${this.t(`check.fix.${error}` as MessageKey, { device: this.t(`check.device.${kind}`) })}
        </p>`,
      );
    }
    return problems.length ? html`${problems}` : nothing;
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
                    class=${classMap({ off: !person.cameraOn })}
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
        class="button"
        data-variant="secondary"
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

  private renderSettings(snapshot: CallState): TemplateResult {
    const byKind = (kind: MediaDeviceKind) => snapshot.devices.filter((device) => device.kind === kind);
    const select = (kind: MediaDeviceKind, label: MessageKey) => {
      const devices = byKind(kind);
      if (!devices.length) return nothing;
      const id = `device-${kind}`;
      return html`<div class="field">
        <label for=${id}>${this.t(label)}</label>
        <select
          id=${id}
          @change=${(event: Event) =>
            void this.session?.switchDevice?.(kind, (event.target as HTMLSelectElement).value)}
        >
          ${devices.map(
            (device, index) =>
              html`<option
                value=${device.deviceId}
                ?selected=${snapshot.activeDevices[kind as keyof typeof snapshot.activeDevices] === device.deviceId}
              >
                ${device.label || this.t('call.deviceN', { n: index + 1 })}
              </option>`,
          )}
        </select>
      </div>`;
    };
    return html`<dialog class="settings" part="dialog settings-dialog" aria-labelledby="settings-title">
      <h2 id="settings-title">${this.t('call.settingsTitle')}</h2>
      ${select('videoinput', 'call.cameraSelect')} ${select('audioinput', 'call.microphoneSelect')}
      ${select('audiooutput', 'call.speakerSelect')}
      ${
        this.session?.setDataSaverMode
          ? html`<fieldset class="field">
              <legend>${this.t('dataSaver.legend')}</legend>
              ${MODES.map(
                (mode) =>
                  html`<div class="choice">
                    <input
                      type="radio"
                      name="call-data-saver"
                      id=${`call-mode-${mode}`}
                      .checked=${snapshot.dataSaver.chosen === mode}
                      @change=${() => void this.session?.setDataSaverMode?.(mode)}
                    />
                    <label for=${`call-mode-${mode}`}
                      >${this.t(`dataSaver.mode.${mode}` as MessageKey)}</label
                    >
                  </div>`,
              )}
            </fieldset>`
          : nothing
      }
      <button
        type="button"
        class="button"
        part="button"
        @click=${() => this.closeDialog(this.settingsDialog, '.settings-button')}
      >
        ${this.t('common.close')}
      </button>
    </dialog>`;
  }

  private renderLeaveDialog(): TemplateResult {
    return html`<dialog class="leave" part="dialog leave-dialog" aria-labelledby="leave-title">
      <h2 id="leave-title">${this.t('call.leaveTitle')}</h2>
      <p>${this.t('call.leaveBody')}</p>
      <div class="button-group">
        <button
          type="button"
          class="button"
          data-variant="warning"
          part="button confirm-leave"
          @click=${() => void this.leave()}
        >
          ${this.t('call.leaveConfirm')}
        </button>
        <button
          type="button"
          class="button stay"
          data-variant="secondary"
          part="button stay"
          @click=${() => this.closeDialog(this.leaveDialog, '.leave-button')}
        >
          ${this.t('call.stay')}
        </button>
      </div>
    </dialog>`;
  }
}
