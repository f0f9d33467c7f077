// The link between one side of a video visit and the backend: the join sequence (token, server clock,
// connect), the visit's event stream, staff warnings, lost-time credit, why the call ended, and the single
// `endsAt` / time left (reconciled in call-time.ts, on the session's server clock). <visit-call> renders what
// this controller holds; <visit-waiting-room> uses its join sequence for the lobby and the call.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock } from '../../api/clock.js';
import type { VisitClient } from '../../api/client.js';
import {
  followVisit,
  getCallState,
  requestToken,
  sendQuality,
  type CallStateDto,
  type EndedDto,
  type StaffWarningDto,
  type TimedToken,
} from '../../api/calls.js';
import { VisitConnectionChangedEvent } from '../../core/events/visit-connection-changed.js';
import { VisitEndedEvent } from '../../core/events/visit-ended.js';
import { VisitJoinedEvent } from '../../core/events/visit-joined.js';
import { VisitTimeWarningEvent } from '../../core/events/visit-time-warning.js';
import type { MessageKey, Variables } from '../../i18n/index.js';
import { reconcileEndsAt, timeLeftMs } from './call-time.js';
import { duration, endTitle, type EndInfo } from './end-screen.js';
import {
  createCallSession,
  observeTokenClock,
  type CallSessionLike,
  type CallState,
} from './media-loader.js';

type Phase = CallState['connection']['phase'];

/** Minutes left at which the person is warned (and `visit-time-warning` fires). */
export const WARN_AT_MINUTES = [5, 1];

/** What the controller needs from its element (a `VisitElement` fits; unit tests pass a small object). */
export interface CallLinkHost extends ReactiveControllerHost, EventTarget {
  readonly activeClient: VisitClient | undefined;
  readonly clock: Clock;
  t(key: MessageKey, variables?: Variables): string;
  announce(message: string): void;
  describeError(error: unknown): string;
}

export interface CallLinkOptions {
  /** The visit's id or reference. */
  visitId(): string;
  /** Whether this is the prisoner's side (end screen titles differ). */
  prisoner?(): boolean;
  /** Whether this controller follows the visit's event stream (off when the host follows it itself). */
  followEvents?(): boolean;
  /** Makes the session when `join()` has none (tests and integrators replace it). */
  makeSession?(): CallSessionLike | Promise<CallSessionLike>;
  /** `join()` made a session (the element shows it as its `session`). */
  onSession?(session: CallSessionLike): void;
  /** The end info changed (the element closes its dialogs). */
  onEnd?(info: EndInfo): void;
}

/** The media a side starts with when it connects. */
export interface ConnectMedia {
  microphone?: boolean;
  camera?: boolean;
}

/**
 * The join sequence, in one place: records the backend's clock from the token (kiosks and phones are often
 * minutes off), then connects with the token's `endsAt` (shown until the room's metadata arrives).
 */
export async function connectWithToken(
  session: CallSessionLike,
  timed: TimedToken,
  media: ConnectMedia = {},
): Promise<void> {
  await observeTokenClock(session, timed.token.token, timed.sentAt, timed.receivedAt);
  await session.connect?.({
    url: timed.token.url,
    token: timed.token.token,
    endsAt: timed.token.endsAt,
    ...media,
  });
}

function endOfState(state: CallStateDto): EndedDto {
  return {
    reason: state.endReason ?? 'time-up',
    ...(state.endNote ? { note: state.endNote } : {}),
    ...(state.staffReason ? { staffReason: state.staffReason } : {}),
  };
}

function infoOf(ended: EndedDto): EndInfo {
  const info: EndInfo = { reason: ended.reason };
  if (ended.staffReason) info.staffReason = ended.staffReason;
  if (ended.note) info.note = ended.note;
  return info;
}

/** How often each side sends its call-quality summary (the server takes one per 10 s at most). */
const QUALITY_EVERY_MS = 30_000;

export class CallLinkController implements ReactiveController {
  /** The session followed (set by the host, or made by `join()`). */
  session?: CallSessionLike;
  /** Its latest snapshot. */
  snapshot?: CallState;
  /** The end screen to show, once the call is over for this side. */
  end?: EndInfo;
  joining = false;
  joinError?: string;
  /** The last lost-time credit, with when it was shown (local time: a duration, not a date). */
  creditNotice?: { seconds: number; at: number };
  /** The latest staff warning, until dismissed. */
  warning?: StaffWarningDto;
  /**
   * The other side's people whose connection dropped (quality lost, or gone from the room while lost), by
   * identity → name: both sides are told, and that the time will be added back.
   */
  readonly dropped = new Map<string, string>();

  #hostState?: CallStateDto;
  #ownState?: CallStateDto;
  #hostEnded?: EndedDto;
  #ownEnded?: EndedDto;
  #unsubscribe?: () => void;
  #timer?: ReturnType<typeof setInterval>;
  #lastPhase?: Phase;
  /** Sends this side's call-quality summary while connected (the final one when the connection ends). */
  #qualityTimer?: ReturnType<typeof setInterval>;
  #joinedFired = false;
  #warned = new Set<number>();
  #creditBaseline?: number;
  #dismissed?: string;
  #events?: AbortController;
  #resolving = false;
  #ownSession = false;
  #connected = false;

  constructor(
    private readonly host: CallLinkHost,
    private readonly options: CallLinkOptions,
  ) {
    host.addController(this);
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────────

  hostConnected(): void {
    this.#connected = true;
    this.#timer = setInterval(() => this.tick(), 1000);
    if (this.session) this.#subscribe(this.session);
  }

  hostDisconnected(): void {
    this.#connected = false;
    clearInterval(this.#timer);
    if (this.#qualityTimer !== undefined) this.#stopQuality();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#events?.abort();
    this.#events = undefined;
    // a session this controller made ends with it; one handed in belongs to the host
    if (this.#ownSession) void this.session?.disconnect();
  }

  /** Follows `session` (the host's property changed). */
  setSession(session: CallSessionLike | undefined): void {
    if (session === this.session && this.#unsubscribe) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.session = session;
    if (session && this.#connected) this.#subscribe(session);
  }

  // ── time ───────────────────────────────────────────────────────────────────────────────────────

  /** The backend's call state: the host's (it follows the events) or this controller's own. */
  get backendState(): CallStateDto | undefined {
    return this.#hostState ?? this.#ownState;
  }

  /** The authoritative end of the call, ms (room metadata or the backend's state, whichever is later). */
  get endsAt(): number | undefined {
    return reconcileEndsAt({ session: this.snapshot?.endsAt, backend: [this.backendState?.endsAt] });
  }

  /** The clock the countdown runs on: the session's server clock, else the host's. */
  get clock(): Clock {
    return this.session?.clock ?? this.host.clock;
  }

  /** Milliseconds left, never negative; `undefined` while the end is unknown. */
  timeLeftMs(): number | undefined {
    return timeLeftMs(this.endsAt, this.clock);
  }

  /** Runs every second: re-renders the countdown and gives the 5- and 1-minute warnings. */
  tick(): void {
    this.host.requestUpdate();
    const left = this.timeLeftMs();
    const phase = this.snapshot?.connection.phase;
    if (left === undefined || (phase !== 'connected' && phase !== 'reconnecting')) return;
    for (const minutes of WARN_AT_MINUTES) {
      const threshold = minutes * 60_000;
      // re-arm a warning when credited time moves the end back above it
      if (left > threshold + 5_000) this.#warned.delete(minutes);
      else if (left <= threshold && left > 0 && !this.#warned.has(minutes)) {
        for (const other of WARN_AT_MINUTES) if (other >= minutes) this.#warned.add(other);
        this.host.announce(this.host.t('call.minutesLeft', { count: minutes }));
        this.host.dispatchEvent(new VisitTimeWarningEvent(minutes));
      }
    }
  }

  // ── joining ────────────────────────────────────────────────────────────────────────────────────

  /** Token, server clock, connect: joins the call (does nothing while connected or joining). */
  async join(media: ConnectMedia = {}): Promise<void> {
    const phase = this.session?.getState().connection.phase;
    if (phase === 'connected' || phase === 'connecting' || phase === 'reconnecting' || this.joining) return;
    const client = this.host.activeClient;
    const visitId = this.options.visitId();
    if (!client || !visitId) {
      this.joinError = this.host.t(client ? 'call.noVisit' : 'common.notConfigured');
      this.host.requestUpdate();
      return;
    }
    this.joining = true;
    this.joinError = undefined;
    this.end = undefined;
    this.#ownEnded = undefined;
    this.#joinedFired = false;
    this.host.requestUpdate();
    try {
      const timed = await requestToken(client, visitId);
      if (!this.session || !this.session.connect) {
        const make = this.options.makeSession ?? (() => createCallSession({}));
        this.setSession(await make());
        this.#ownSession = true;
        this.options.onSession?.(this.session!);
      }
      this.startEvents();
      await connectWithToken(this.session!, timed, media);
    } catch (error) {
      const reason = (error as { reason?: string }).reason;
      if (reason) {
        // CallSessionError: the session state shows the disconnection; the end screen explains it
        void this.resolveEnd(reason);
      } else {
        this.joinError = this.host.describeError(error);
        void this.checkEndedOnServer();
      }
    } finally {
      this.joining = false;
      this.host.requestUpdate();
    }
  }

  /** Joins again after a drop or leaving (the end screen's Rejoin). */
  async rejoin(): Promise<void> {
    this.end = undefined;
    this.#ownEnded = undefined;
    this.#warned.clear();
    await this.join();
  }

  /** Leaves: disconnects and shows the "you left" end screen. */
  async leave(): Promise<void> {
    const session = this.session;
    if (!session) return;
    await session.disconnect();
    this.finish({ reason: 'left' });
  }

  // ── what the host hands in (the waiting room follows the events itself) ──────────────────────────

  /** The backend's call state from the host's event stream. */
  setHostState(state: CallStateDto | undefined): void {
    this.#hostState = state;
    if (state) this.#onServerState(state);
  }

  /** The backend's `ended` event from the host's event stream. */
  setHostEnded(ended: EndedDto | undefined): void {
    this.#hostEnded = ended;
    if (ended) void this.#onServerEnded(ended);
  }

  /** A staff warning (from either event stream). A newer one replaces the last, and shows again. */
  noteWarning(warning: StaffWarningDto | undefined): void {
    if (!warning || (this.warning && (warning.at === this.warning.at || warning.at < this.warning.at)))
      return;
    this.warning = warning;
    this.#dismissed = undefined;
    this.host.requestUpdate();
  }

  /** The warning to show (undefined once the person dismissed it). */
  get visibleWarning(): StaffWarningDto | undefined {
    return this.warning && this.warning.at !== this.#dismissed ? this.warning : undefined;
  }

  dismissWarning(): void {
    this.#dismissed = this.warning?.at;
    this.host.requestUpdate();
  }

  /** The credit notice while it is fresh (30 s). */
  get visibleCredit(): { seconds: number; at: number } | undefined {
    return this.creditNotice && Date.now() - this.creditNotice.at < 30_000 ? this.creditNotice : undefined;
  }

  // ── the session's snapshots ────────────────────────────────────────────────────────────────────

  #subscribe(session: CallSessionLike): void {
    this.#unsubscribe?.();
    this.#unsubscribe = session.subscribe((snapshot) => this.#onSnapshot(snapshot));
    this.#onSnapshot(session.getState());
  }

  // ── call-quality evidence (the summary is made in src/media/quality.ts; sending is this controller's) ──

  #startQuality(): void {
    clearInterval(this.#qualityTimer);
    const session = this.session;
    if (!session?.qualitySummary) return;
    void session.qualitySummary().catch(() => undefined); // the baseline
    this.#qualityTimer = setInterval(() => void this.#sendQuality(false), QUALITY_EVERY_MS);
  }

  #stopQuality(): void {
    clearInterval(this.#qualityTimer);
    this.#qualityTimer = undefined;
    void this.#sendQuality(true);
  }

  async #sendQuality(final: boolean): Promise<void> {
    const client = this.host.activeClient;
    const visitId = this.options.visitId();
    const summary = await this.session?.qualitySummary?.(final).catch(() => undefined);
    if (!client || !visitId || !summary) return;
    try {
      await sendQuality(client, visitId, summary);
    } catch {
      // evidence is best effort: a refused or failed report never disturbs the call
    }
  }

  #onSnapshot(snapshot: CallState): void {
    const t = this.host.t.bind(this.host);
    const announce = this.host.announce.bind(this.host);
    const previous = this.snapshot;
    this.snapshot = snapshot;
    const phase = snapshot.connection.phase;
    if (phase !== this.#lastPhase) {
      const before = this.#lastPhase;
      this.#lastPhase = phase;
      if (phase !== 'idle') this.host.dispatchEvent(new VisitConnectionChangedEvent(phase));
      if (phase === 'reconnecting') announce(t('call.reconnecting'));
      if (phase === 'connected' && before === 'reconnecting') announce(t('call.reconnected'));
      if (phase === 'connected' && !this.#joinedFired) {
        this.#joinedFired = true;
        this.end = undefined;
        this.host.dispatchEvent(new VisitJoinedEvent(this.options.visitId()));
        this.startEvents();
        this.#startQuality();
      }
      if (phase === 'disconnected' && this.#qualityTimer !== undefined) this.#stopQuality();
      if (phase === 'disconnected' && before && before !== 'disconnected' && !this.end) {
        void this.resolveEnd(snapshot.connection.reason ?? 'connection-lost');
      }
    }
    this.#noteDropped(snapshot);
    this.#noteCredit(snapshot.creditedSeconds, snapshot.lastCredit?.seconds);
    const warning = snapshot.warning;
    if (warning && warning.at !== previous?.warning?.at) this.noteWarning(warning);
    if (snapshot.dataSaver.notice && snapshot.dataSaver.notice !== previous?.dataSaver.notice) {
      announce(t(`call.dataSaverNotice.${snapshot.dataSaver.notice.to}` as MessageKey));
    }
    if (snapshot.audioPlaybackBlocked && !previous?.audioPlaybackBlocked) announce(t('call.audioBlocked'));
    this.tick();
  }

  #noteDropped(snapshot: CallState): void {
    const before = this.dropped.size;
    for (const person of snapshot.remoteParticipants) {
      if (person.role === 'staff') continue;
      if (person.quality === 'lost') this.dropped.set(person.identity, person.name);
      else this.dropped.delete(person.identity); // back (or never lost)
    }
    // a person who left while their connection was fine is not "dropped"; one who vanished while lost stays
    if (snapshot.connection.phase !== 'connected' && snapshot.connection.phase !== 'reconnecting') {
      this.dropped.clear();
    }
    if (this.dropped.size > before) {
      const name = [...this.dropped.values()].at(-1)!;
      this.host.announce(this.host.t('call.remoteDropped', { name }));
    }
  }

  #noteCredit(total: number | undefined, added?: number): void {
    if (total === undefined) return;
    if (this.#creditBaseline === undefined) {
      this.#creditBaseline = total;
      if (added && added > 0) this.#showCredit(added);
      return;
    }
    if (total > this.#creditBaseline) {
      const delta = total - this.#creditBaseline;
      this.#creditBaseline = total;
      this.#showCredit(delta);
    }
  }

  #showCredit(seconds: number): void {
    this.creditNotice = { seconds, at: Date.now() };
    const t = this.host.t.bind(this.host);
    this.host.announce(t('call.credited', { duration: duration(t, seconds) }));
    this.host.requestUpdate();
  }

  // ── the backend's side: state, warnings, end ───────────────────────────────────────────────────

  startEvents(): void {
    const visitId = this.options.visitId();
    if (this.options.followEvents?.() === false || this.#events || !visitId) return;
    const client = this.host.activeClient;
    if (!client) return;
    const controller = new AbortController();
    this.#events = controller;
    followVisit(client, visitId, controller.signal, {
      onState: (state) => {
        this.#ownState = state;
        this.#onServerState(state);
        this.host.requestUpdate();
      },
      onWarning: (warning) => this.noteWarning(warning),
      onEnded: (ended) => void this.#onServerEnded(ended),
    }).catch(() => undefined);
  }

  #onServerState(state: CallStateDto): void {
    this.#noteCredit(state.creditedSeconds);
    const last = state.warnings[state.warnings.length - 1];
    if (last && this.#joinedFired) this.noteWarning(last);
    if (state.status === 'ended' && this.#joinedFired && !this.end)
      void this.#onServerEnded(endOfState(state));
  }

  async #onServerEnded(ended: EndedDto): Promise<void> {
    this.#ownEnded = ended;
    if (this.end && this.end.reason !== 'left' && this.end.reason !== 'connection-lost') return;
    if (this.end?.reason === 'left') return;
    const session = this.session;
    this.finish(infoOf(ended));
    await session?.disconnect();
  }

  /** The session disconnected: find out why (the backend knows time-up and staff ends). */
  async resolveEnd(reason: string): Promise<void> {
    if (this.end || this.#resolving) return;
    if (reason === 'left') return this.finish({ reason: 'left' });
    if (reason === 'duplicate-identity') return this.finish({ reason: 'duplicate-identity' });
    this.#resolving = true;
    try {
      const known = this.#hostEnded ?? this.#ownEnded;
      if (known) return this.finish(infoOf(known));
      const client = this.host.activeClient;
      const visitId = this.options.visitId();
      if (client && visitId) {
        // the server removed us: its `ended` event or state says why (give the stream a moment)
        for (let attempt = 0; attempt < 4; attempt++) {
          const pushed = this.#hostEnded ?? this.#ownEnded;
          if (pushed) return this.finish(infoOf(pushed));
          try {
            const state = await getCallState(client, visitId);
            if (state.status === 'ended') return this.finish(infoOf(endOfState(state)));
          } catch {
            // the network may be what failed; fall through to connection-lost
          }
          if (reason !== 'removed-by-server') break;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      } else if (reason === 'removed-by-server') {
        const left = this.timeLeftMs();
        return this.finish({ reason: left !== undefined && left <= 1000 ? 'time-up' : 'ended-by-staff' });
      }
      this.finish({ reason: 'connection-lost' });
    } finally {
      this.#resolving = false;
    }
  }

  async checkEndedOnServer(): Promise<void> {
    const client = this.host.activeClient;
    const visitId = this.options.visitId();
    if (!client || !visitId) return;
    try {
      const state = await getCallState(client, visitId);
      this.#ownState = state;
      if (state.status === 'ended') {
        this.joinError = undefined;
        this.finish(infoOf(endOfState(state)));
      }
      this.host.requestUpdate();
    } catch {
      // already explained
    }
  }

  /** Shows the end screen (a later, more telling reason replaces "left" or "connection lost"). */
  finish(info: EndInfo): void {
    if (this.end && this.end.reason !== 'left' && this.end.reason !== 'connection-lost') return;
    const credited = this.backendState?.creditedSeconds ?? this.snapshot?.creditedSeconds ?? 0;
    const left = this.timeLeftMs();
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
    this.options.onEnd?.(full);
    this.host.requestUpdate();
    if (changedReason) {
      const t = this.host.t.bind(this.host);
      this.host.announce(endTitle(t, full, this.options.prisoner?.() ?? false));
      this.host.dispatchEvent(new VisitEndedEvent(full.reason));
    }
  }
}
