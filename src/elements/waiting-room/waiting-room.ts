import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { VisitAdmittedEvent } from '../../core/events/visit-admitted.js';
import { VisitDeviceCheckEvent, type DeviceCheckSummary } from '../../core/events/visit-device-check.js';
import { VisitEndedEvent } from '../../core/events/visit-ended.js';
import { VisitElement } from '../../core/visit-element.js';
import type { MessageKey } from '../../i18n/index.js';
import { formatDay, formatTime } from '../../i18n/dates.js';
import { duration, endTitle, renderEndScreen, type EndInfo } from '../shared/end-screen.js';
import {
  createCallSession,
  loadDataUse,
  loadDeviceCheck,
  observeTokenClock,
  type CallSessionLike,
  type CheckResult,
  type DataSaverMode,
  type DeviceChecker,
  type DeviceCheckResult,
  type MediaPreview,
  type SessionFactory,
} from '../shared/media-loader.js';
import {
  followVisit,
  getCallState,
  getVisit,
  knock,
  nextVideoVisit,
  requestToken,
  type CallStateDto,
  type EndedDto,
  type StaffWarningDto,
  type Visit,
} from '../../api/calls.js';
import { waitingRoomStyles } from './waiting-room.styles.js';
import { callMessages, commonMessages } from '../../i18n/areas.js';
import { html as staticHtml } from 'lit/static-html.js';
import { tag } from '../../core/tags.js';
import { tagName } from '../../core/define.js';

/** `<visit-call>` is loaded when needed (from the device check on), not with the waiting room. */
const loadCallElement = () => import('../call/visit-call.js');

/** Where the waiting room is in the visit's lifecycle. */
export type WaitingStage =
  | 'signed-out'
  | 'loading'
  | 'load-error'
  | 'no-visit'
  | 'prepare'
  | 'joining'
  | 'waiting'
  | 'call'
  | 'handed-over'
  | 'ended';

type CheckPhase = 'idle' | 'running' | 'done';
type Part = keyof DeviceCheckSummary;
const PARTS: Part[] = ['camera', 'microphone', 'speaker', 'network', 'browser'];
const MODES: DataSaverMode[] = ['normal', 'low-video', 'audio-only'];

/**
 * @summary The waiting room of a video visit: a device check with a fix for every failure, the visit rules,
 * a data-saver choice with estimates, then "knock" — and live status pushed by the backend (in the queue,
 * an officer is checking your identity, the person you are visiting is on their way, admitted, refused).
 * On admission it shows `<visit-call>` itself, or lets the host do it (cancel `visit-admitted`).
 *
 * Set `visit` to the visit's id or reference. On the prisoner's kiosk (`side="prisoner"`, `role="prisoner"`,
 * or a device session) without `visit`, it finds the person's next video visit itself. The media layer loads
 * only when the person starts the device check (a small module), and livekit-client only when joining.
 *
 * @fires visit-device-check - {@link VisitDeviceCheckEvent} with `{ camera, microphone, speaker, network, browser }`.
 * @fires visit-admitted - {@link VisitAdmittedEvent} (cancelable) when staff let this side in.
 * @fires visit-joined - {@link VisitJoinedEvent} (from the inner `<visit-call>`) once in the call.
 * @fires visit-connection-changed - {@link VisitConnectionChangedEvent} from the inner `<visit-call>`.
 * @fires visit-time-warning - {@link VisitTimeWarningEvent} from the inner `<visit-call>`.
 * @fires visit-ended - {@link VisitEndedEvent} when refused, or when the visit ended before the call.
 * @fires visit-error - {@link VisitErrorEvent} when something failed and the person was told.
 *
 * @csspart base - The wrapper.
 * @csspart status - The live status box.
 * @csspart preview - The camera preview (mirrored).
 * @csspart meter - The microphone level meter.
 * @csspart checks - The list of check results.
 * @csspart fix - The explanation of how to fix a failed check.
 * @csspart rules - The visit rules.
 * @csspart data-saver - The data-use choice.
 * @csspart button - Every button.
 * @csspart start-check - Also on the button that starts the device check.
 * @csspart check-again - Also on the button that runs the device check again.
 * @csspart play-tone - Also on the button that plays a test sound.
 * @csspart join - Also on the button that knocks to join the visit.
 * @csspart leave-queue - Also on the button that leaves the queue.
 * @csspart rejoin - Also on the end screen's Rejoin button.
 * @csspart book - Also on the end screen's "Book another visit" link (with `book-url`).
 * @csspart call - The `<visit-call>` shown after admission.
 * @csspart end - The end screen (refused, ended).
 *
 * @cssprop [--visit-waiting-room-max-width=var(--visit-max-width, 40rem)] - Widest the waiting room grows.
 * @cssprop [--visit-color-primary=#1d70b8] - Status box border, links.
 * @cssprop [--visit-color-success=#00703c] - Passed checks.
 * @cssprop [--visit-color-danger=#d4351c] - Failed checks.
 *
 * @cssstate waiting - Knocked and waiting to be let in.
 * @cssstate in-call - The call is showing.
 */
export class VisitWaitingRoom extends VisitElement {
  static override messages = [commonMessages, callMessages];

  static override styles = waitingRoomStyles;

  /** The visit's id or reference (not a secret). Optional on a prisoner's kiosk: the next visit is used. */
  @property() visit?: string;

  /** `visitor` (family, default) or `prisoner` (kiosk). `role="prisoner"` is accepted and converted. */
  @property({ reflect: true }) side?: 'visitor' | 'prisoner';

  /** Where "Book another visit" goes on the end screens. */
  @property({ attribute: 'book-url' }) bookUrl?: string;

  /** Replaces the device check (tests, stories, integrators). Default: the media layer's `runDeviceCheck`. */
  @property({ attribute: false }) deviceChecker?: DeviceChecker;

  /** Replaces the call-session factory (tests, stories). Default: a LiveKit `CallSession`. */
  @property({ attribute: false }) sessionFactory?: SessionFactory;

  /**
   * Where the waiting room is in the visit's lifecycle (`loading`, `prepare`, `waiting`, `call`, `ended`, …);
   * hosts read it, the element sets it.
   */
  @state() stage: WaitingStage = 'loading';
  @state() private visitInfo?: Visit;
  @state() private callState?: CallStateDto;
  @state() private loadError?: string;
  @state() private actionError?: string;
  @state() private checkPhase: CheckPhase = 'idle';
  @state() private checkResult?: DeviceCheckResult;
  @state() private speaker: CheckResult = { status: 'unknown' };
  @state() private tonePlayed = false;
  @state() private level = 0;
  @state() private rulesAccepted = false;
  @state() private rulesError = false;
  @state() private dataSaver: DataSaverMode = 'normal';
  @state() private estimates?: Record<DataSaverMode, { megabytes: number }>;
  @state() private session?: CallSessionLike;
  @state() private lobbyLive = false;
  @state() private endInfo?: EndInfo;
  @state() private ended?: EndedDto;
  @state() private warning?: StaffWarningDto;
  @state() private streamReconnecting = false;
  @state() private now = this.clock.now();

  @query('video.preview') private previewVideo?: HTMLVideoElement;

  #loadKey?: string;
  #load?: AbortController;
  #preview?: MediaPreview;
  #meterTimer?: ReturnType<typeof setInterval>;
  #clock?: ReturnType<typeof setInterval>;
  #openTimer?: ReturnType<typeof setTimeout>;
  #unbindLobby?: () => void;
  #lastStatusText?: string;
  #admitting = false;
  /** The lobby connection in progress: admission waits for it to settle before connecting the call. */
  #lobby?: Promise<void>;
  #lobbyCancelled = false;
  #sessionPending?: Promise<CallSessionLike>;
  #internals?: ElementInternals;

  constructor() {
    super();
    try {
      this.#internals = this.attachInternals();
    } catch {
      this.#internals = undefined;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // `role="prisoner"` reads naturally in a kiosk page, but `prisoner` is not an ARIA role (it would be an
    // accessibility error): take it as the side and drop the attribute.
    const role = this.getAttribute('role');
    if (role === 'prisoner' || role === 'visitor') {
      this.side ??= role;
      this.removeAttribute('role');
    }
    // The client (and so its clock) may arrive after construction: read the time again once connected.
    this.now = this.clock.now();
    this.#clock = setInterval(() => (this.now = this.clock.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
    clearTimeout(this.#openTimer);
    this.#load?.abort();
    this.#load = undefined;
    this.#loadKey = undefined;
    this.stopPreview();
    this.#unbindLobby?.();
    void this.session?.disconnect();
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.#loadKey = undefined; // signed in or out: load again
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (!this.side && client?.session?.user?.role === 'prisoner') this.side = 'prisoner';
    const key = `${client ? 'client' : 'none'}|${client?.signedIn ? 'in' : 'out'}|${this.visit ?? ''}|${this.side ?? ''}`;
    if (key !== this.#loadKey && this.isConnected) {
      this.#loadKey = key;
      void this.load();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const video = this.previewVideo;
    if (video && this.#preview && video.srcObject !== this.#preview.stream && !this.lobbyLive) {
      video.srcObject = this.#preview.stream;
    }
    const lobbyVideo = this.renderRoot.querySelector<HTMLVideoElement>('video.lobby-self');
    if (lobbyVideo && this.session && !this.#unbindLobby) {
      this.#unbindLobby = this.session.bindVideo(lobbyVideo, 'local');
    } else if (!lobbyVideo && this.#unbindLobby) {
      this.#unbindLobby();
      this.#unbindLobby = undefined;
    }
    if (changed.has('stage') && (this.stage === 'ended' || this.stage === 'waiting')) {
      this.renderRoot.querySelector<HTMLElement>('h2[tabindex]')?.focus();
    }
    const states = this.#internals?.states as Set<string> | undefined;
    if (states) {
      try {
        if (this.stage === 'waiting') states.add('waiting');
        else states.delete('waiting');
        if (this.stage === 'call') states.add('in-call');
        else states.delete('in-call');
      } catch {
        // custom states unsupported
      }
    }
  }

  private get prisoner(): boolean {
    return this.side === 'prisoner';
  }

  private get tr() {
    return (key: MessageKey, variables?: Record<string, string | number>) => this.t(key, variables);
  }

  // ── loading and live status ────────────────────────────────────────────────────────────────────

  private async load(): Promise<void> {
    this.#load?.abort();
    const controller = new AbortController();
    this.#load = controller;
    const client = this.activeClient;
    if (!client) {
      this.stage = 'signed-out';
      this.loadError = this.t('common.notConfigured');
      return;
    }
    if (!client.signedIn) {
      this.stage = 'signed-out';
      this.loadError = undefined;
      return;
    }
    if (this.stage === 'call' || this.stage === 'waiting') return;
    this.stage = 'loading';
    try {
      const visit = this.visit
        ? await getVisit(client, this.visit, controller.signal)
        : this.prisoner
          ? await nextVideoVisit(client, controller.signal)
          : undefined;
      if (controller.signal.aborted) return;
      if (!visit) {
        this.stage = 'no-visit';
        return;
      }
      if (visit.type !== 'video') {
        this.visitInfo = visit;
        this.stage = 'no-visit';
        return;
      }
      this.visitInfo = visit;
      const state = await getCallState(client, visit.id, controller.signal);
      if (controller.signal.aborted) return;
      this.stage = 'prepare';
      this.onState(state);
      void followVisit(client, visit.id, controller.signal, {
        onState: (next) => this.onState(next),
        onWarning: (warning) => (this.warning = warning),
        onEnded: (ended) => this.onEnded(ended),
        onStatus: (status) => (this.streamReconnecting = status === 'reconnecting'),
      }).catch((error: unknown) => {
        if (!controller.signal.aborted) this.actionError = this.describeError(error);
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      const status = (error as { status?: number }).status;
      this.stage = status === 404 ? 'no-visit' : 'load-error';
      this.loadError = status === 404 ? this.t('waiting.notFound') : this.describeError(error);
    }
  }

  private onState(state: CallStateDto): void {
    this.callState = state;
    clearTimeout(this.#openTimer);
    if (state.status === 'not-open') {
      // the backend does not push the opening: ask again when it opens
      const wait = Date.parse(state.opensAt) - this.clock.now();
      this.#openTimer = setTimeout(
        () => void this.refreshState(),
        Math.min(Math.max(wait + 500, 1000), 2 ** 31 - 1),
      );
    }
    if (this.stage === 'call' || this.stage === 'handed-over') return;
    if (state.status === 'ended') {
      this.showEnd({
        reason: state.endReason ?? 'time-up',
        ...(state.staffReason ? { staffReason: state.staffReason } : {}),
        ...(state.endNote ? { note: state.endNote } : {}),
        creditedSeconds: state.creditedSeconds,
      });
      return;
    }
    if (state.status === 'denied') {
      void this.leaveLobby();
      this.showEnd({
        reason: 'denied',
        ...(state.denyReason ? { staffReason: state.denyReason } : {}),
        ...(state.denyNote ? { note: state.denyNote } : {}),
      });
      return;
    }
    if ((state.status === 'admitted' || state.status === 'in-call') && this.stage === 'waiting') {
      void this.admitted();
      return;
    }
    if (this.stage === 'waiting') this.announceStatus();
  }

  private onEnded(ended: EndedDto): void {
    this.ended = ended;
    if (this.stage === 'call') return; // the call shows it
    this.showEnd({
      reason: ended.reason,
      ...(ended.staffReason ? { staffReason: ended.staffReason } : {}),
      ...(ended.note ? { note: ended.note } : {}),
    });
  }

  private async refreshState(): Promise<void> {
    const client = this.activeClient;
    const visit = this.visitInfo;
    if (!client || !visit) return;
    try {
      this.onState(await getCallState(client, visit.id, this.#load?.signal));
    } catch {
      // the event stream keeps trying
    }
  }

  private showEnd(info: EndInfo): void {
    if (this.stage === 'ended' && this.endInfo?.reason === info.reason) return;
    void this.leaveLobby();
    this.stopPreview();
    this.endInfo = info;
    this.stage = 'ended';
    this.announce(endTitle(this.tr, info, this.prisoner));
    this.dispatchEvent(new VisitEndedEvent(info.reason));
  }

  /** The status sentence for the current backend state. */
  private statusText(): string {
    const state = this.callState;
    const visit = this.visitInfo;
    if (!state || !visit) return '';
    const name = this.prisoner ? this.visitorNames() : visit.prisoner.firstName;
    if (this.prisoner) {
      if (state.status === 'waiting' || state.status === 'checking')
        return this.t('status.prisoner.checking');
      if (state.status === 'admitted' || state.status === 'in-call') return this.t('status.admitted');
      return this.t(this.stage === 'waiting' ? 'status.prisoner.ready' : 'status.prisoner.notArrived', {
        name,
      });
    }
    switch (state.status) {
      case 'waiting':
        return this.t('status.waiting');
      case 'checking':
        return this.t('status.checking');
      case 'admitted':
      case 'in-call':
        return this.t('status.admitted');
      default:
        return this.t('status.open');
    }
  }

  private announceStatus(): void {
    const text = [this.statusText(), this.prisonerReadyText()].filter(Boolean).join(' ');
    if (text && text !== this.#lastStatusText) {
      this.#lastStatusText = text;
      this.announce(text);
    }
  }

  private prisonerReadyText(): string {
    if (this.prisoner || !this.callState || !this.visitInfo) return '';
    const name = this.visitInfo.prisoner.firstName;
    return this.t(this.callState.prisonerReady ? 'status.prisonerReady' : 'status.prisonerOnTheWay', {
      name,
    });
  }

  private visitorNames(): string {
    const visitors = this.visitInfo?.visitors ?? [];
    const lead = visitors.find((visitor) => visitor.lead) ?? visitors[0];
    return lead ? lead.firstName : this.t('waiting.yourVisitor');
  }

  // ── device check ───────────────────────────────────────────────────────────────────────────────

  /** Runs (or re-runs) the device check. Call it from a click: browsers then allow sound and the meter. */
  async runCheck(): Promise<void> {
    if (this.checkPhase === 'running') return;
    this.stopPreview();
    this.checkPhase = 'running';
    this.actionError = undefined;
    try {
      const [checker, dataUse] = await Promise.all([
        this.deviceChecker ?? loadDeviceCheck().then((module) => module.runDeviceCheck),
        loadDataUse(),
      ]);
      void loadCallElement(); // ready before admission, in the background
      const seconds = this.visitSeconds();
      this.estimates = dataUse.estimateDataUseByMode(seconds);
      // the network test needs only the media server's address, so it runs before admission (kiosks too)
      const mediaUrl = this.callState?.mediaUrl;
      const { preview, ...result } = await checker({
        listenMs: 2500,
        ...(mediaUrl ? { network: { url: mediaUrl } } : {}),
      });
      this.#preview = preview;
      this.checkResult = result;
      if (preview.meter) {
        const meter = preview.meter;
        this.#meterTimer = setInterval(() => (this.level = Math.min(1, meter.read() * 4)), 150);
      }
      this.checkPhase = 'done';
      const cameraFailed = result.camera.status === 'failed';
      if (cameraFailed && this.dataSaver !== 'audio-only') this.dataSaver = 'audio-only';
      this.announce(this.checkAnnouncement());
      this.reportCheck();
    } catch (error) {
      this.checkPhase = 'idle';
      this.actionError = this.describeError(error);
    }
  }

  private visitSeconds(): number {
    const visit = this.visitInfo;
    if (!visit) return 30 * 60;
    return Math.max(60, (Date.parse(visit.end) - Date.parse(visit.start)) / 1000);
  }

  private summary(): DeviceCheckSummary {
    const part = (result: CheckResult | undefined) =>
      Object.freeze({
        status: result?.status ?? 'unknown',
        ...(result?.cause ? { cause: result.cause } : {}),
      });
    const result = this.checkResult;
    return Object.freeze({
      camera: part(result?.camera),
      microphone: part(result?.microphone),
      speaker: part(this.speaker),
      network: part(result?.network),
      browser: part(result?.browser),
    });
  }

  private reportCheck(): void {
    this.dispatchEvent(new VisitDeviceCheckEvent(this.summary()));
  }

  private checkAnnouncement(): string {
    if (!this.canJoin()) return this.t('check.mustFixMicrophone');
    if (this.checkResult?.camera.status === 'failed') return this.t('check.audioOnly');
    return this.t('check.passed');
  }

  private async playTone(): Promise<void> {
    const { playTestTone } = await loadDeviceCheck();
    const result = await playTestTone();
    this.tonePlayed = true;
    if (result.status === 'failed') {
      this.speaker = result;
      this.reportCheck();
    }
  }

  private heard(yes: boolean): void {
    this.speaker = yes ? { status: 'ok' } : { status: 'failed', cause: 'no-signal' };
    this.announce(this.t(yes ? 'check.speakerOk' : 'check.fix.speaker'));
    this.reportCheck();
  }

  private stopPreview(): void {
    clearInterval(this.#meterTimer);
    this.#meterTimer = undefined;
    this.#preview?.stop();
    this.#preview = undefined;
  }

  /** The check lets this person join: browser works and the microphone is usable. */
  private canJoin(): boolean {
    const result = this.checkResult;
    if (!result || this.checkPhase !== 'done') return false;
    return result.browser.status !== 'failed' && result.microphone.status !== 'failed';
  }

  // ── knock, lobby, admission ────────────────────────────────────────────────────────────────────

  /**
   * Knocks (enters the queue) once the device check passed and the rules were accepted; on a visit that
   * staff already admitted, joins the call. The same as pressing the join button.
   */
  async join(): Promise<void> {
    if (!this.rulesAccepted) {
      this.rulesError = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#rules-agree')?.focus();
      return;
    }
    const client = this.activeClient;
    const visit = this.visitInfo;
    if (!client || !visit || !this.canJoin()) return;
    this.stage = 'joining';
    this.actionError = undefined;
    try {
      const status = this.callState?.status;
      if (status === 'admitted' || status === 'in-call') {
        this.stage = 'waiting';
        await this.admitted();
        return;
      }
      const state = await knock(client, visit.id);
      this.stage = 'waiting';
      this.onState(state);
      if (!this.prisoner && (state.status === 'waiting' || state.status === 'checking'))
        await this.enterLobby();
    } catch (error) {
      this.stage = 'prepare';
      this.actionError = this.describeError(error);
    }
  }

  private ensureSession(): Promise<CallSessionLike> {
    if (this.session) return Promise.resolve(this.session);
    if (this.#sessionPending) return this.#sessionPending;
    const factory = this.sessionFactory ?? createCallSession;
    const pending = Promise.resolve(
      factory({
        dataSaver: this.dataSaver,
        ...(this.prisoner ? { autoFallback: false } : {}),
        audioHost: { append: (node) => this.renderRoot.querySelector('.audio-host')?.append(node) },
      }),
    ).then((session) => {
      // a session made for the lobby that arrives after admission must not replace the call's
      if (this.#sessionPending === pending) {
        this.session = session;
        this.#sessionPending = undefined;
      }
      return session;
    });
    this.#sessionPending = pending;
    return pending;
  }

  /** Visitor only: publish the camera to the lobby room so staff can check identity. */
  private async enterLobby(): Promise<void> {
    const client = this.activeClient;
    const visit = this.visitInfo;
    if (!client || !visit) return;
    try {
      const timed = await requestToken(client, visit.id);
      if (timed.token.kind !== 'lobby' || this.stage !== 'waiting' || this.#lobbyCancelled) return;
      const session = await this.ensureSession();
      if (this.#lobbyCancelled) {
        if (session !== this.session) void session.disconnect();
        return;
      }
      await observeTokenClock(session, timed.token.token, timed.sentAt, timed.receivedAt);
      void this.checkNetwork(timed.token.url, timed.token.token);
      this.stopPreview();
      await session.connect?.({
        url: timed.token.url,
        token: timed.token.token,
        endsAt: timed.token.endsAt,
        microphone: false,
        camera: this.dataSaver !== 'audio-only' && this.checkResult?.camera.status !== 'failed',
      });
      if (this.#lobbyCancelled) await session.disconnect();
      else this.lobbyLive = true;
    } catch (error) {
      // not fatal: staff can still admit (they will see no camera); cancelled on admission: expected
      const { status, reason } = error as { status?: number; reason?: string };
      if (status !== 403 && reason !== 'left' && !this.#lobbyCancelled) this.describeError(error);
    }
  }

  private async checkNetwork(url: string, token: string): Promise<void> {
    if (!this.checkResult) return;
    try {
      const { checkNetwork } = await loadDeviceCheck();
      const network = await checkNetwork({ url, token });
      if (this.checkResult) this.checkResult = { ...this.checkResult, network };
      this.reportCheck();
    } catch {
      // a hint only
    }
  }

  private async leaveLobby(): Promise<void> {
    this.#unbindLobby?.();
    this.#unbindLobby = undefined;
    this.lobbyLive = false;
    const phase = this.session?.getState().connection.phase;
    if (this.stage !== 'call' && phase && phase !== 'idle' && phase !== 'disconnected') {
      await this.session?.disconnect();
    }
  }

  /** Leaves the queue (the camera stops); the person can join again. */
  private async leaveQueue(): Promise<void> {
    this.#lobbyCancelled = true;
    await this.leaveLobby();
    this.stage = 'prepare';
    this.#lastStatusText = undefined;
  }

  private async admitted(): Promise<void> {
    const visit = this.visitInfo;
    const client = this.activeClient;
    // `admitted` then `in-call` can arrive back to back: hand over once
    if (!visit || !client || this.stage === 'call' || this.#admitting) return;
    this.#admitting = true;
    try {
      await this.handOver(visit, client);
    } finally {
      this.#admitting = false;
    }
  }

  private async handOver(visit: Visit, client: NonNullable<VisitElement['client']>): Promise<void> {
    const proceed = this.dispatchEvent(new VisitAdmittedEvent(visit.id));
    // the call gets a fresh session; the lobby one (maybe still loading, connecting or publishing) is
    // stopped and left to settle on its own, so the two connections never race inside one session
    this.#lobbyCancelled = true;
    const lobby = this.#lobby;
    const lobbySession = this.session;
    this.#lobby = undefined;
    this.session = undefined;
    this.#sessionPending = undefined;
    this.lobbyLive = false;
    this.#unbindLobby?.();
    this.#unbindLobby = undefined;
    if (lobbySession) {
      void lobbySession.disconnect();
      void lobby?.finally(() => void lobbySession.disconnect());
    }
    if (!proceed) {
      this.stage = 'handed-over';
      this.announce(this.t('status.admittedElsewhere'));
      return;
    }
    this.announce(this.t('status.admitted'));
    this.stopPreview();
    const [session] = await Promise.all([this.ensureSession(), loadCallElement()]);
    this.stage = 'call';
    try {
      const timed = await requestToken(client, visit.id);
      await observeTokenClock(session, timed.token.token, timed.sentAt, timed.receivedAt);
      await session.connect?.({
        url: timed.token.url,
        token: timed.token.token,
        endsAt: timed.token.endsAt,
        microphone: true,
        camera: this.dataSaver !== 'audio-only' && this.checkResult?.camera.status !== 'failed',
      });
    } catch (error) {
      // a CallSessionError shows in the call's end screen; an API error is explained there too
      if (!(error as { reason?: string }).reason) {
        const call = this.renderRoot.querySelector<HTMLElementTagNameMap['visit-call']>(
          tagName('visit-call'),
        );
        if (call) await call.join();
        else this.actionError = this.describeError(error);
      }
    }
  }

  // ── rendering ──────────────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    return html`${this.renderAnnouncer()}
      <div class="audio-host" hidden></div>
      <div class="base" part="base">${this.renderStage()}</div>`;
  }

  private renderStage(): TemplateResult {
    switch (this.stage) {
      case 'signed-out':
        return html`<p class="notice">
          ${this.loadError ?? this.t(this.prisoner ? 'waiting.kioskNotPaired' : 'waiting.signIn')}
        </p>`;
      case 'loading':
        return html`<p role="status">
          <span class="spinner" aria-hidden="true"></span> ${this.t('common.loading')}
        </p>`;
      case 'load-error':
        return html`<div class="notice" data-tone="danger" role="alert">
          <p>${this.loadError}</p>
          <button
            type="button"
            class="button"
            part="button"
            @click=${() => {
              this.#loadKey = undefined;
              this.requestUpdate();
            }}
          >
            ${this.t('common.retry')}
          </button>
        </div>`;
      case 'no-visit':
        return html`<p class="notice">
          ${
            this.loadError ??
            (this.visitInfo
              ? this.t('waiting.notVideo')
              : this.t(this.prisoner ? 'waiting.noVisitPrisoner' : 'waiting.noVisit'))
          }
        </p>`;
      case 'ended':
        return html`${this.renderHeading(false)}
        ${renderEndScreen(this.tr, this.endInfo!, { prisoner: this.prisoner, bookUrl: this.bookUrl })}`;
      case 'call':
        return staticHtml`<${tag('visit-call')}
          part="call"
          .session=${this.session}
          .callState=${this.callState}
          .endedEvent=${this.ended}
          .staffWarning=${this.warning}
          .client=${this.activeClient}
          .strings=${this.strings}
          lang=${this.locale}
          visit=${this.visitInfo?.id ?? ''}
          side=${this.side ?? 'visitor'}
          book-url=${this.bookUrl ?? ''}
          data-saver=${this.dataSaver}
          no-events
        ></${tag('visit-call')}>`;
      case 'handed-over':
        return html`${this.renderHeading(false)}
          <p class="status" part="status">${this.t('status.admittedElsewhere')}</p>`;
      case 'waiting':
        return this.renderWaiting();
      default:
        return this.renderPrepare();
    }
  }

  private renderHeading(focusable: boolean): TemplateResult {
    const visit = this.visitInfo;
    if (!visit) return html``;
    const zone = visit.prison.timezone;
    const title = this.prisoner
      ? this.t('waiting.titlePrisoner', { name: this.visitorNames() })
      : this.t('waiting.title', { name: `${visit.prisoner.firstName} ${visit.prisoner.lastName}` });
    return html`<h2 tabindex=${ifDefined(focusable ? '-1' : undefined)}>${title}</h2>
      <p class="when">
        ${this.t('waiting.when', {
          date: formatDay(this.locale, visit.start, zone),
          start: formatTime(this.locale, visit.start, zone),
          end: formatTime(this.locale, visit.end, zone),
        })}
      </p>`;
  }

  private renderTiming(): TemplateResult | typeof nothing {
    const state = this.callState;
    const visit = this.visitInfo;
    if (!state || !visit) return nothing;
    if (state.status === 'not-open') {
      return html`<p class="status" part="status">
        ${this.t('waiting.opensAt', { time: formatTime(this.locale, state.opensAt, visit.prison.timezone) })}
      </p>`;
    }
    const toStart = Date.parse(state.startsAt) - this.now;
    return html`<p class="timing">
      ${
        toStart > 0
          ? this.t('waiting.startsIn', {
              duration: this.t('common.minutes', { count: Math.ceil(toStart / 60_000) }),
            })
          : this.t('waiting.started')
      }
    </p>`;
  }

  private renderPrepare(): TemplateResult {
    const joining = this.stage === 'joining';
    const status = this.callState?.status;
    const admittedAlready = status === 'admitted' || status === 'in-call';
    const notOpen = status === 'not-open';
    return html`${this.renderHeading(false)} ${this.renderTiming()}
      ${this.actionError ? html`<p class="notice" data-tone="danger" role="alert">${this.actionError}</p>` : nothing}
      <ol class="steps">
        <li>
          <h3>${this.t('check.title')}</h3>
          ${this.renderCheck()}
        </li>
        <li>
          <h3>${this.t('rules.title')}</h3>
          ${this.renderRules()}
        </li>
        ${
          this.prisoner
            ? nothing
            : html`<li>
                <h3>${this.t('dataSaver.title')}</h3>
                ${this.renderDataSaver()}
              </li>`
        }
      </ol>
      ${notOpen ? html`<p class="hint">${this.t('waiting.joinWhenOpen')}</p>` : nothing}
      ${
        this.checkPhase === 'done' && !this.canJoin()
          ? html`<p class="hint">${this.t('check.mustFixMicrophone')}</p>`
          : nothing
      }
      <button
        type="button"
        class="button join"
        part="button join"
        ?disabled=${joining || notOpen || !this.canJoin()}
        @click=${() => void this.join()}
      >
        ${
          joining
            ? this.t('waiting.joining')
            : admittedAlready
              ? this.t('waiting.joinCall')
              : this.t(this.prisoner ? 'waiting.readyPrisoner' : 'waiting.join')
        }
      </button>`;
  }

  private renderCheck(): TemplateResult {
    if (this.checkPhase === 'idle') {
      return html`<p>${this.t(this.prisoner ? 'check.introPrisoner' : 'check.intro')}</p>
        <button
          type="button"
          class="button start-check"
          part="button start-check"
          @click=${() => void this.runCheck()}
        >
          ${this.t('check.start')}
        </button>`;
    }
    if (this.checkPhase === 'running') {
      return html`<p role="status">
        <span class="spinner" aria-hidden="true"></span> ${this.t('check.running')}
      </p>`;
    }
    const result = this.checkResult!;
    const summary = this.summary();
    return html`<div class="check">
      ${
        result.camera.status === 'ok'
          ? html`<figure class="preview-wrap">
              <video
                class="preview"
                part="preview"
                autoplay
                playsinline
                muted
                aria-label=${this.t('check.preview')}
              ></video>
              <figcaption class="hint">${this.t('check.preview')}</figcaption>
            </figure>`
          : nothing
      }
      ${
        result.microphone.status !== 'failed'
          ? html`<div class="meter-wrap">
              <label for="level">${this.t('check.level')}</label>
              <meter id="level" part="meter" min="0" max="1" low="0.05" .value=${this.level}></meter>
              <span class="hint">${this.t('check.speakHint')}</span>
            </div>`
          : nothing
      }
      <ul class="checks" part="checks">
        ${PARTS.map((part) => this.renderCheckRow(part, summary[part]))}
      </ul>
      ${this.renderSpeaker()}
      <button
        type="button"
        class="button"
        data-variant="secondary"
        part="button check-again"
        @click=${() => void this.runCheck()}
      >
        ${this.t('check.again')}
      </button>
    </div>`;
  }

  private renderCheckRow(part: Part, result: { status: string; cause?: string }): TemplateResult {
    const device =
      part === 'camera' || part === 'microphone' || part === 'speaker' ? this.t(`check.device.${part}`) : '';
    const fix =
      result.status === 'failed' || result.status === 'warning'
        ? part === 'speaker' && result.cause === 'no-signal'
          ? this.t('check.fix.speaker')
          : this.t(`check.fix.${result.cause ?? 'unknown'}` as MessageKey, { device })
        : undefined;
    return html`<li data-part=${part} data-status=${result.status}>
      <span class="check-name">${this.t(`check.${part}` as MessageKey)}:</span>
      <strong class="check-status">${this.t(`check.status.${result.status}` as MessageKey)}</strong>
      ${fix ? html`<p class="fix" part="fix">${fix}</p>` : nothing}
    </li>`;
  }

  private renderSpeaker(): TemplateResult {
    if (this.speaker.status === 'ok') return html``;
    return html`<div class="speaker">
      <button
        type="button"
        class="button"
        data-variant="secondary"
        part="button play-tone"
        @click=${() => void this.playTone()}
      >
        ${this.t('check.playTone')}
      </button>
      ${
        this.tonePlayed
          ? html`<fieldset class="heard">
              <legend>${this.t('check.heardQuestion')}</legend>
              <div class="button-group">
                <button
                  type="button"
                  class="button"
                  data-variant="secondary"
                  part="button"
                  @click=${() => this.heard(true)}
                >
                  ${this.t('check.heardYes')}
                </button>
                <button
                  type="button"
                  class="button"
                  data-variant="secondary"
                  part="button"
                  @click=${() => this.heard(false)}
                >
                  ${this.t('check.heardNo')}
                </button>
              </div>
            </fieldset>`
          : nothing
      }
    </div>`;
  }

  private renderRules(): TemplateResult {
    const keys: MessageKey[] = this.prisoner
      ? ['rules.prisoner.1', 'rules.prisoner.2', 'rules.prisoner.3']
      : ['rules.visitor.1', 'rules.visitor.2', 'rules.visitor.3', 'rules.visitor.4', 'rules.visitor.5'];
    return html`<div class="rules" part="rules">
      <p>${this.t('rules.intro')}</p>
      <ul>
        ${keys.map((key) => html`<li>${this.t(key)}</li>`)}
      </ul>
      <div class=${this.rulesError && !this.rulesAccepted ? 'field field--error' : 'field'}>
        ${
          this.rulesError && !this.rulesAccepted
            ? html`<p class="error-message" id="rules-error">${this.t('rules.agreeError')}</p>`
            : nothing
        }
        <div class="choice">
          <input
            type="checkbox"
            id="rules-agree"
            .checked=${this.rulesAccepted}
            aria-describedby=${ifDefined(this.rulesError && !this.rulesAccepted ? 'rules-error' : undefined)}
            @change=${(event: Event) => (this.rulesAccepted = (event.target as HTMLInputElement).checked)}
          />
          <label for="rules-agree">${this.t('rules.agree')}</label>
        </div>
      </div>
    </div>`;
  }

  private renderDataSaver(): TemplateResult {
    const estimates = this.estimates;
    const minutes = Math.round(this.visitSeconds() / 60);
    return html`<fieldset class="data-saver" part="data-saver" aria-describedby="data-hint">
      <legend class="visually-hidden">${this.t('dataSaver.legend')}</legend>
      <p class="hint" id="data-hint">
        ${this.t('dataSaver.hint', { duration: this.t('common.minutes', { count: minutes }) })}
      </p>
      ${MODES.map(
        (mode) =>
          html`<div class="choice">
            <input
              type="radio"
              name="data-saver"
              id=${`mode-${mode}`}
              value=${mode}
              .checked=${this.dataSaver === mode}
              @change=${() => (this.dataSaver = mode)}
            />
            <label for=${`mode-${mode}`}>
              ${this.t(`dataSaver.mode.${mode}` as MessageKey)}
              ${
                estimates
                  ? html`<span class="hint"
                      >${this.t('dataSaver.estimate', { mb: estimates[mode].megabytes })}</span
                    >`
                  : nothing
              }
            </label>
          </div>`,
      )}
    </fieldset>`;
  }

  private renderWaiting(): TemplateResult {
    const status = this.statusText();
    const ready = this.prisonerReadyText();
    const checking = this.callState?.status === 'checking';
    return html`${this.renderHeading(true)}
      <div class="status" part="status" data-status=${this.callState?.status ?? ''}>
        <p class="status-text"><span class="spinner" aria-hidden="true"></span> ${status}</p>
        ${ready ? html`<p>${ready}</p>` : nothing}
      </div>
      ${this.renderTiming()}
      ${this.streamReconnecting ? html`<p class="notice">${this.t('status.streamReconnecting')}</p>` : nothing}
      ${
        this.lobbyLive
          ? html`<figure class="preview-wrap">
              <video
                class="lobby-self preview"
                part="preview"
                autoplay
                playsinline
                muted
                aria-label=${this.t('check.preview')}
              ></video>
              <figcaption class=${checking ? 'lobby-note strong' : 'lobby-note'}>
                ${this.t('status.lobbyCamera')}
              </figcaption>
            </figure>`
          : nothing
      }
      ${this.warning ? html`<div class="notice" data-tone="danger" role="alert">${this.warning.message}</div>` : nothing}
      ${
        this.callState?.creditedSeconds
          ? html`<p>
              ${this.t('end.credited', { duration: duration(this.tr, this.callState.creditedSeconds) })}
            </p>`
          : nothing
      }
      <button
        type="button"
        class="button"
        data-variant="secondary"
        part="button leave-queue"
        @click=${() => void this.leaveQueue()}
      >
        ${this.t('waiting.leaveQueue')}
      </button>`;
  }
}
