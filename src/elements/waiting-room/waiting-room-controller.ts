// What the waiting room does, apart from showing it: load the visit and follow its call state, the device
// check, the rules, knocking, the visitor's lobby camera, and the hand-over to the call on admission. The
// element renders this controller's fields; the join sequence (token, server clock, connect) is call-link's.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VisitClient } from '../../api/client.js';
import type { Clock } from '../../api/clock.js';
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
import { VisitAdmittedEvent } from '../../core/events/visit-admitted.js';
import { VisitDeviceCheckEvent, type DeviceCheckSummary } from '../../core/events/visit-device-check.js';
import { VisitEndedEvent } from '../../core/events/visit-ended.js';
import type { MessageKey, Variables } from '../../i18n/index.js';
import { connectWithToken } from '../shared/call-link.js';
import { endTitle, type EndInfo } from '../shared/end-screen.js';
import {
  createCallSession,
  loadLobby,
  type CallSessionLike,
  type CheckResult,
  type DataSaverMode,
  type DeviceChecker,
  type DeviceCheckResult,
  type MediaPreview,
  type SessionFactory,
} from '../shared/media-loader.js';

/** `<visit-call>` is loaded when needed (from the device check on), not with the waiting room. */
export const loadCallElement = () => import('../call/visit-call.js');

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

export type CheckPhase = 'idle' | 'running' | 'done';

/** What the controller needs from its element (a `VisitElement` fits; unit tests pass a small object). */
export interface WaitingRoomHost extends ReactiveControllerHost, EventTarget {
  readonly activeClient: VisitClient | undefined;
  readonly clock: Clock;
  readonly renderRoot: ParentNode;
  t(key: MessageKey, variables?: Variables): string;
  announce(message: string): void;
  describeError(error: unknown): string;
}

export interface WaitingRoomOptions {
  /** The visit's id or reference; on a kiosk it may be empty (the next video visit is used). */
  visit(): string | undefined;
  prisoner(): boolean;
  deviceChecker?(): DeviceChecker | undefined;
  sessionFactory?(): SessionFactory | undefined;
  /** The rules were not accepted on join (the element moves focus to the checkbox). */
  onRulesError?(): void;
  /** Connecting the call failed with an API error: let the shown `<visit-call>` join itself (true if it did). */
  joinCall?(): Promise<boolean>;
}

/** Fields the element renders: setting one re-renders the host (the controller's only reactive state). */
const VIEW_FIELDS = [
  'stage',
  'visitInfo',
  'callState',
  'loadError',
  'actionError',
  'checkPhase',
  'checkResult',
  'speaker',
  'tonePlayed',
  'level',
  'rulesAccepted',
  'rulesError',
  'dataSaver',
  'estimates',
  'session',
  'lobbyLive',
  'endInfo',
  'ended',
  'warning',
  'streamReconnecting',
] as const;

export class WaitingRoomController implements ReactiveController {
  stage: WaitingStage = 'loading';
  visitInfo?: Visit;
  callState?: CallStateDto;
  loadError?: string;
  actionError?: string;
  checkPhase: CheckPhase = 'idle';
  checkResult?: DeviceCheckResult;
  speaker: CheckResult = { status: 'unknown' };
  tonePlayed = false;
  level = 0;
  rulesAccepted = false;
  rulesError = false;
  dataSaver: DataSaverMode = 'normal';
  estimates?: Record<DataSaverMode, { megabytes: number }>;
  session?: CallSessionLike;
  lobbyLive = false;
  endInfo?: EndInfo;
  ended?: EndedDto;
  warning?: StaffWarningDto;
  streamReconnecting = false;

  #load?: AbortController;
  #preview?: MediaPreview;
  #meterTimer?: ReturnType<typeof setInterval>;
  #openTimer?: ReturnType<typeof setTimeout>;
  #lastStatusText?: string;
  #admitting = false;
  /** The lobby connection in progress: admission waits for it to settle before connecting the call. */
  #lobby?: Promise<void>;
  #lobbyCancelled = false;
  #sessionPending?: Promise<CallSessionLike>;
  #unbindLobby?: () => void;

  constructor(
    private readonly host: WaitingRoomHost,
    private readonly options: WaitingRoomOptions,
  ) {
    // every view field re-renders the host when set (like a Lit @state)
    for (const field of VIEW_FIELDS) {
      let value: unknown = this[field];
      Object.defineProperty(this, field, {
        get: () => value,
        set: (next: unknown) => {
          if (next === value) return;
          value = next;
          host.requestUpdate();
        },
      });
    }
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#openTimer);
    this.#load?.abort();
    this.#load = undefined;
    this.stopPreview();
    this.#unbindLobby?.();
    void this.session?.disconnect();
  }

  /** Shows the lobby session's camera in `video` (the element calls this after each update). */
  syncLobbyVideo(video: HTMLVideoElement | null): void {
    if (video && this.session && !this.#unbindLobby) {
      this.#unbindLobby = this.session.bindVideo(video, 'local');
    } else if (!video && this.#unbindLobby) {
      this.#unbindLobby();
      this.#unbindLobby = undefined;
    }
  }

  /** The camera preview stream of the device check (the element shows it until the lobby takes over). */
  get preview(): MediaPreview | undefined {
    return this.#preview;
  }

  private get tr() {
    return (key: MessageKey, variables?: Variables) => this.host.t(key, variables);
  }

  #camera(): boolean {
    return this.dataSaver !== 'audio-only' && this.checkResult?.camera.status !== 'failed';
  }

  // ── loading and live status (the element reloads when its key changes) ────────────────────────────────────────────────────────────────────

  async load(): Promise<void> {
    this.#load?.abort();
    const controller = new AbortController();
    this.#load = controller;
    const client = this.host.activeClient;
    if (!client) {
      this.stage = 'signed-out';
      this.loadError = this.host.t('common.notConfigured');
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
      const wanted = this.options.visit();
      const visit = wanted
        ? await getVisit(client, wanted, controller.signal)
        : this.options.prisoner()
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
        if (!controller.signal.aborted) this.actionError = this.host.describeError(error);
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      const status = (error as { status?: number }).status;
      this.stage = status === 404 ? 'no-visit' : 'load-error';
      this.loadError = status === 404 ? this.host.t('waiting.notFound') : this.host.describeError(error);
    }
  }

  private onState(state: CallStateDto): void {
    this.callState = state;
    clearTimeout(this.#openTimer);
    if (state.status === 'not-open') {
      // the backend does not push the opening: ask again when it opens
      const wait = Date.parse(state.opensAt) - this.host.clock.now();
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
    const client = this.host.activeClient;
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
    this.host.announce(endTitle(this.tr, info, this.options.prisoner()));
    this.host.dispatchEvent(new VisitEndedEvent(info.reason));
  }

  /** The status sentence for the current backend state. */
  statusText(): string {
    const state = this.callState;
    const visit = this.visitInfo;
    if (!state || !visit) return '';
    const name = this.options.prisoner() ? this.visitorNames() : visit.prisoner.firstName;
    if (this.options.prisoner()) {
      if (state.status === 'waiting' || state.status === 'checking')
        return this.host.t('status.prisoner.checking');
      if (state.status === 'admitted' || state.status === 'in-call') return this.host.t('status.admitted');
      return this.host.t(this.stage === 'waiting' ? 'status.prisoner.ready' : 'status.prisoner.notArrived', {
        name,
      });
    }
    switch (state.status) {
      case 'waiting':
        return this.host.t('status.waiting');
      case 'checking':
        return this.host.t('status.checking');
      case 'admitted':
      case 'in-call':
        return this.host.t('status.admitted');
      default:
        return this.host.t('status.open');
    }
  }

  private announceStatus(): void {
    const text = [this.statusText(), this.prisonerReadyText()].filter(Boolean).join(' ');
    if (text && text !== this.#lastStatusText) {
      this.#lastStatusText = text;
      this.host.announce(text);
    }
  }

  prisonerReadyText(): string {
    if (this.options.prisoner() || !this.callState || !this.visitInfo) return '';
    const name = this.visitInfo.prisoner.firstName;
    return this.host.t(this.callState.prisonerReady ? 'status.prisonerReady' : 'status.prisonerOnTheWay', {
      name,
    });
  }

  visitorNames(): string {
    const visitors = this.visitInfo?.visitors ?? [];
    const lead = visitors.find((visitor) => visitor.lead) ?? visitors[0];
    return lead ? lead.firstName : this.host.t('waiting.yourVisitor');
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
        this.options.deviceChecker?.() ?? loadLobby().then((module) => module.runDeviceCheck),
        loadLobby(),
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
      this.host.announce(this.checkAnnouncement());
      this.reportCheck();
    } catch (error) {
      this.checkPhase = 'idle';
      this.actionError = this.host.describeError(error);
    }
  }

  visitSeconds(): number {
    const visit = this.visitInfo;
    if (!visit) return 30 * 60;
    return Math.max(60, (Date.parse(visit.end) - Date.parse(visit.start)) / 1000);
  }

  summary(): DeviceCheckSummary {
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
    this.host.dispatchEvent(new VisitDeviceCheckEvent(this.summary()));
  }

  private checkAnnouncement(): string {
    if (!this.canJoin()) return this.host.t('check.mustFixMicrophone');
    if (this.checkResult?.camera.status === 'failed') return this.host.t('check.audioOnly');
    return this.host.t('check.passed');
  }

  async playTone(): Promise<void> {
    const { playTestTone } = await loadLobby();
    const result = await playTestTone();
    this.tonePlayed = true;
    if (result.status === 'failed') {
      this.speaker = result;
      this.reportCheck();
    }
  }

  heard(yes: boolean): void {
    this.speaker = yes ? { status: 'ok' } : { status: 'failed', cause: 'no-signal' };
    this.host.announce(this.host.t(yes ? 'check.speakerOk' : 'check.fix.speaker'));
    this.reportCheck();
  }

  private stopPreview(): void {
    clearInterval(this.#meterTimer);
    this.#meterTimer = undefined;
    this.#preview?.stop();
    this.#preview = undefined;
  }

  /** The check lets this person join: browser works and the microphone is usable. */
  canJoin(): boolean {
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
      this.options.onRulesError?.();
      return;
    }
    const client = this.host.activeClient;
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
      if (!this.options.prisoner() && (state.status === 'waiting' || state.status === 'checking'))
        await this.enterLobby();
    } catch (error) {
      this.stage = 'prepare';
      this.actionError = this.host.describeError(error);
    }
  }

  private ensureSession(): Promise<CallSessionLike> {
    if (this.session) return Promise.resolve(this.session);
    if (this.#sessionPending) return this.#sessionPending;
    const factory = this.options.sessionFactory?.() ?? createCallSession;
    const pending = Promise.resolve(
      factory({
        dataSaver: this.dataSaver,
        ...(this.options.prisoner() ? { autoFallback: false } : {}),
        audioHost: { append: (node) => this.host.renderRoot.querySelector('.audio-host')?.append(node) },
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
    const client = this.host.activeClient;
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
      void this.checkNetwork(timed.token.url, timed.token.token);
      this.stopPreview();
      await connectWithToken(session, timed, { microphone: false, camera: this.#camera() });
      if (this.#lobbyCancelled) await session.disconnect();
      else this.lobbyLive = true;
    } catch (error) {
      // not fatal: staff can still admit (they will see no camera); cancelled on admission: expected
      const { status, reason } = error as { status?: number; reason?: string };
      if (status !== 403 && reason !== 'left' && !this.#lobbyCancelled) this.host.describeError(error);
    }
  }

  private async checkNetwork(url: string, token: string): Promise<void> {
    if (!this.checkResult) return;
    try {
      const { checkNetwork } = await loadLobby();
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
  async leaveQueue(): Promise<void> {
    this.#lobbyCancelled = true;
    await this.leaveLobby();
    this.stage = 'prepare';
    this.#lastStatusText = undefined;
  }

  private async admitted(): Promise<void> {
    const visit = this.visitInfo;
    const client = this.host.activeClient;
    // `admitted` then `in-call` can arrive back to back: hand over once
    if (!visit || !client || this.stage === 'call' || this.#admitting) return;
    this.#admitting = true;
    try {
      await this.handOver(visit, client);
    } finally {
      this.#admitting = false;
    }
  }

  private async handOver(visit: Visit, client: VisitClient): Promise<void> {
    const proceed = this.host.dispatchEvent(new VisitAdmittedEvent(visit.id));
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
      this.host.announce(this.host.t('status.admittedElsewhere'));
      return;
    }
    this.host.announce(this.host.t('status.admitted'));
    this.stopPreview();
    const [session] = await Promise.all([this.ensureSession(), loadCallElement()]);
    this.stage = 'call';
    try {
      await connectWithToken(session, await requestToken(client, visit.id), {
        microphone: true,
        camera: this.#camera(),
      });
    } catch (error) {
      // a CallSessionError shows in the call's end screen; an API error is explained there too
      if (!(error as { reason?: string }).reason) {
        if (!(await this.options.joinCall?.())) this.actionError = this.host.describeError(error);
      }
    }
  }
}
