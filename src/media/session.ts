// The call session: one LiveKit Room behind a small, framework-free, observable surface.
// Views call commands and subscribe to immutable CallState snapshots; nothing here knows about Lit.
// Safe to import in Node: nothing touches `window`/`navigator` until a method runs.
import type {
  Participant,
  RemoteParticipant,
  RemoteTrack,
  RemoteTrackPublication,
  ReconnectContext,
  RoomOptions,
  TrackPublication,
  TrackPublishOptions,
  VideoCaptureOptions,
} from 'livekit-client';
import {
  AudioPresets,
  ConnectionError,
  ConnectionErrorReason,
  ConnectionState as LkConnectionState,
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  VideoPresets,
  VideoQuality,
} from './livekit.js';
import { createServerClock, timeLeftMs, type ServerClock } from './clock.js';
import { listDevices } from './device-check.js';
import { mediaErrorCause } from './errors.js';
import {
  sampleStats,
  summarise,
  type QualitySample,
  type QualitySummary,
  type StatsEntry,
} from './quality.js';
import { displayName, parseRoomMetadata, roleOf } from './metadata.js';
import type {
  ActiveDevices,
  CallState,
  CallStateListener,
  ConnectionPhase,
  DataSaverMode,
  DeviceSummary,
  DisconnectReasonCode,
  LocalDeviceState,
  MediaFailureCause,
  Quality,
  RemoteParticipantState,
  StaffWarning,
  TrackState,
} from './types.js';

const MODES: readonly DataSaverMode[] = ['normal', 'low-video', 'audio-only'];

export interface AutoFallbackOptions {
  /** Lower the mode one step after the local connection has been poor (or lost) this long. Default 8000. */
  downgradeAfterMs?: number;
  /** Offer to go back up after the connection has been good/excellent this long. Default 20000. */
  restoreHintAfterMs?: number;
}

export interface CallSessionOptions {
  /** Initial data-saver mode (the person's choice). Default `normal`. */
  dataSaver?: DataSaverMode;
  /** Step down automatically under a poor connection (default on). `false` turns it off. */
  autoFallback?: boolean | AutoFallbackOptions;
  /** Devices to use; can be changed later with `switchDevice`. */
  devices?: ActiveDevices;
  /** Server clock used by `timeLeftMs()`; pass one fed with server time references to correct skew. */
  clock?: ServerClock;
  /**
   * Where remote `<audio>` elements go. They play without being in the document in current browsers;
   * pass a hidden element (e.g. inside the call element's shadow root) to keep them in the page.
   */
  audioHost?: { append(node: Node): void };
  /** Replaces `new Room(options)`; for tests and for integrators who need to configure LiveKit further. */
  createRoom?: (options: RoomOptions) => Room;
}

export interface ConnectOptions {
  url: string;
  token: string;
  /** `endsAt` from the token answer (ISO string or ms): shown until room metadata arrives. */
  endsAt?: string | number;
  /** Publish the microphone once connected (default: as last set, initially true). */
  microphone?: boolean;
  /** Publish the camera once connected (default: as last set, initially true). */
  camera?: boolean;
}

/**
 * Reconnection for a visit: livekit-client's default waits up to 7 s between tries, so a family whose
 * network came back could sit frozen for seconds with nothing happening. Try again at most a second apart
 * (with a little jitter so a prison's calls do not retry in step) and give up after two minutes — past
 * that the call has ended for them ("connection lost"), and the server credits the lost time.
 *
 * `reconnectingSince` is when this reconnection began, as the session saw it. The time is not taken from
 * livekit-client's `elapsedMs`: when the browser's `online` event starts a reconnection, livekit-client
 * (2.23) never sets its start time, so `elapsedMs` counts from 1970 and the first retry gave up at once.
 */
export function visitRetryDelay(
  context: Pick<ReconnectContext, 'retryCount'>,
  reconnectingSince: number | undefined,
  now = Date.now(),
): number | null {
  // the count bounds it too, should a reconnection ever start unseen (about two minutes of 1 s retries)
  if (now - (reconnectingSince ?? now) > 120_000 || context.retryCount > 120) return null;
  if (context.retryCount === 0) return 0;
  const delay = Math.min(250 * context.retryCount, 1000);
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

/** Thrown by `connect()` when the connection cannot be made; `reason` uses the same vocabulary as state. */
export class CallSessionError extends Error {
  override readonly name = 'CallSessionError';
  constructor(
    readonly reason: DisconnectReasonCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** LiveKit's disconnect reason → ours. */
export function mapDisconnectReason(
  reason: DisconnectReason | undefined,
  clientInitiated: boolean,
): DisconnectReasonCode {
  if (clientInitiated) return 'left';
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return 'left';
    case DisconnectReason.PARTICIPANT_REMOVED:
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return 'removed-by-server';
    case DisconnectReason.DUPLICATE_IDENTITY:
      return 'duplicate-identity';
    default:
      return 'connection-lost';
  }
}

/** An error from `Room.connect` → our reason. */
export function mapConnectError(error: unknown, clientInitiated: boolean): DisconnectReasonCode {
  if (clientInitiated) return 'left';
  if (error instanceof ConnectionError) {
    switch (error.reason) {
      case ConnectionErrorReason.NotAllowed:
        return 'token-invalid';
      case ConnectionErrorReason.LeaveRequest:
        return mapDisconnectReason(error.context as DisconnectReason | undefined, false);
      case ConnectionErrorReason.Cancelled:
        return 'left';
      default:
        return 'connection-lost';
    }
  }
  return 'connection-lost';
}

function qualityOf(participant: Participant): Quality {
  const quality = participant.connectionQuality as string;
  return quality === 'excellent' || quality === 'good' || quality === 'poor' || quality === 'lost'
    ? quality
    : 'unknown';
}

function trackState(publication: TrackPublication): TrackState {
  const kind = publication.kind === Track.Kind.Video ? 'video' : 'audio';
  const source =
    publication.source === Track.Source.Camera
      ? 'camera'
      : publication.source === Track.Source.Microphone
        ? 'microphone'
        : 'other';
  const remote = publication as RemoteTrackPublication;
  const enabled = kind === 'video' && 'isEnabled' in remote ? remote.isEnabled : true;
  const state: { -readonly [K in keyof TrackState]: TrackState[K] } = {
    sid: publication.trackSid,
    kind,
    source,
    muted: publication.isMuted,
    subscribed: Boolean(publication.isSubscribed && publication.track) && enabled,
  };
  if (kind === 'video' && publication.dimensions) {
    state.width = publication.dimensions.width;
    state.height = publication.dimensions.height;
  }
  return Object.freeze(state);
}

/** Capture and publish settings for the camera in each video mode (see data-use.ts for the budget). */
function cameraProfile(mode: 'normal' | 'low-video'): {
  capture: VideoCaptureOptions;
  publish: TrackPublishOptions;
} {
  if (mode === 'low-video') {
    return {
      capture: { resolution: { ...VideoPresets.h180.resolution, frameRate: 15 } },
      publish: { simulcast: false, videoEncoding: { maxBitrate: 160_000, maxFramerate: 15 } },
    };
  }
  return {
    capture: { resolution: VideoPresets.h360.resolution },
    publish: {
      simulcast: true,
      videoEncoding: VideoPresets.h360.encoding,
      videoSimulcastLayers: [VideoPresets.h180],
    },
  };
}

interface DeviceIntent {
  wanted: boolean;
  pending: number;
  error?: MediaFailureCause;
}

/**
 * One call (or lobby) connection. Create it, `subscribe()` to state, `connect()`, and `disconnect()`
 * when done; a disconnected session may `connect()` again (e.g. the lobby token, then the call token).
 */
export class CallSession {
  readonly clock: ServerClock;
  private readonly options: CallSessionOptions;
  private readonly listeners = new Set<CallStateListener>();
  private readonly preferredDevices: { -readonly [K in keyof ActiveDevices]: ActiveDevices[K] };
  private currentRoom: Room | undefined;
  private detachRoom: (() => void) | undefined;
  /** The device choices a Room not connected yet was built with (its capture and speaker defaults). */
  private roomBuiltFor: string | undefined;
  private phase: ConnectionPhase = 'idle';
  private reason: DisconnectReasonCode | undefined;
  private detail: string | undefined;
  private leaving = false;
  private reconnectCount = 0;
  /** Call-quality samples of this connection: the first (the baseline) and the latest taken. */
  private qualityFirst: QualitySample | undefined;
  private qualityLast: QualitySample | undefined;
  private reconnectingMs = 0;
  private reconnectingSince: number | undefined;
  private readonly mic: DeviceIntent = { wanted: true, pending: 0 };
  private readonly cam: DeviceIntent = { wanted: true, pending: 0 };
  private publishedProfile: 'normal' | 'low-video' | undefined;
  private cameraQueue: Promise<void> = Promise.resolve();
  private chosenMode: DataSaverMode;
  private autoIndex = 0;
  private canRestore = false;
  private notice: CallState['dataSaver']['notice'];
  private downgradeTimer: ReturnType<typeof setTimeout> | undefined;
  private restoreTimer: ReturnType<typeof setTimeout> | undefined;
  private endsAt: number | undefined;
  private creditedSeconds = 0;
  private creditKnown = false;
  private lastCredit: CallState['lastCredit'];
  private warning: StaffWarning | undefined;
  private devices: readonly DeviceSummary[] = [];
  private readonly audioElements = new Map<string, HTMLMediaElement[]>();
  private readonly videoBindings = new Map<HTMLMediaElement, { who: string; track?: Track }>();
  private snapshot: CallState | undefined;
  private notifyScheduled = false;

  constructor(options: CallSessionOptions = {}) {
    this.options = options;
    this.clock = options.clock ?? createServerClock();
    this.chosenMode = options.dataSaver ?? 'normal';
    this.preferredDevices = { ...options.devices };
    // The Room is built now rather than in connect(): building it (livekit-client's first run of that code)
    // delayed the join's signalling by 5–40 ms in the bench, before any byte was sent.
    this.ensureRoom();
  }

  /** The underlying LiveKit Room of the current (or last) connection: an escape hatch, not for views. */
  get room(): Room | undefined {
    return this.currentRoom;
  }

  /**
   * This side's call-quality summary since it connected, from the WebRTC stats of its own and the others'
   * tracks (call-quality evidence). The first call sets the baseline; once the room is gone, the last sample
   * taken stands for the end (the `final` summary).
   */
  async qualitySummary(final = false): Promise<QualitySummary | undefined> {
    const room = this.currentRoom;
    const tracks = room
      ? [
          ...[...room.localParticipant.trackPublications.values()].map((pub) => pub.track),
          ...[...room.remoteParticipants.values()].flatMap((person) =>
            [...person.trackPublications.values()].map((pub) => pub.track),
          ),
        ]
      : [];
    const reports: Iterable<StatsEntry>[] = [];
    for (const track of tracks) {
      const report = await track?.getRTCStatsReport().catch(() => undefined);
      if (report) reports.push(report.values() as Iterable<StatsEntry>);
    }
    const sample = reports.length ? sampleStats(reports, this.clock.now()) : this.qualityLast;
    if (!sample) return undefined;
    this.qualityFirst ??= sample;
    this.qualityLast = sample;
    return summarise(this.qualityFirst, sample, this.reconnectCount, final);
  }

  // ── observing ────────────────────────────────────────────────────────────────────────────────────

  /** Calls `listener` with a new snapshot after every change (batched per microtask). Not called at once. */
  subscribe(listener: CallStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current snapshot; the same object until something changes. */
  getState(): CallState {
    this.snapshot ??= this.build();
    return this.snapshot;
  }

  /** Milliseconds until the authoritative `endsAt`, by the session's server clock. */
  timeLeftMs(): number | undefined {
    return timeLeftMs(this.endsAt, this.clock);
  }

  // ── connection ───────────────────────────────────────────────────────────────────────────────────

  /** Warms DNS/TLS to the LiveKit server (call when the waiting room opens). Never throws. */
  async prepare(url: string, token?: string): Promise<void> {
    try {
      await this.ensureRoom().prepareConnection(url, token);
    } catch {
      // a hint only
    }
  }

  /**
   * Connects and then publishes microphone and camera as wanted. Resolves when connected (device
   * failures do not reject: they show in `state.microphone.error` / `state.camera.error`). Rejects with
   * a `CallSessionError` when the connection cannot be made.
   */
  async connect(options: ConnectOptions): Promise<void> {
    if (this.phase === 'connecting' || this.phase === 'connected' || this.phase === 'reconnecting') {
      throw new Error(`CallSession.connect: already ${this.phase}`);
    }
    if (options.microphone !== undefined) this.mic.wanted = options.microphone;
    if (options.camera !== undefined) this.cam.wanted = options.camera;
    this.resetConnection();
    if (options.endsAt !== undefined) {
      const ms = typeof options.endsAt === 'number' ? options.endsAt : Date.parse(options.endsAt);
      if (!Number.isNaN(ms)) this.endsAt = ms;
    }
    const room = this.ensureRoom();
    this.phase = 'connecting';
    this.changed();
    try {
      await room.connect(options.url, options.token, { autoSubscribe: true });
    } catch (error) {
      const reason = mapConnectError(error, this.leaving);
      this.finish(reason, error instanceof Error ? error.message : String(error));
      throw new CallSessionError(reason, `Could not connect: ${reason}`, { cause: error });
    }
    if ((this.phase as ConnectionPhase) === 'disconnected') {
      throw new CallSessionError(this.reason ?? 'connection-lost', 'Disconnected while connecting');
    }
    this.phase = 'connected';
    this.readMetadata(room.metadata);
    this.changed();
    void this.refreshDevices();
    const publishing: Promise<unknown>[] = [];
    if (this.mic.wanted) publishing.push(this.applyMicrophone(true));
    publishing.push(this.queueCamera());
    this.applyRemoteVideoMode();
    await Promise.all(publishing);
  }

  /** Leaves the room (reason `left`). Safe to call at any time, more than once. */
  async disconnect(): Promise<void> {
    const room = this.currentRoom;
    if (!room || this.phase === 'idle' || this.phase === 'disconnected') return;
    this.leaving = true;
    await room.disconnect();
    // Room emits Disconnected synchronously inside disconnect(); make sure state is final either way.
    if ((this.phase as ConnectionPhase) !== 'disconnected') this.finish('left');
  }

  // ── local media ──────────────────────────────────────────────────────────────────────────────────

  /** Turns the microphone on or off. Before connecting, records the wish for `connect()`. */
  async setMicrophoneEnabled(on: boolean): Promise<void> {
    this.mic.wanted = on;
    this.changed();
    if (this.isLive()) await this.applyMicrophone(on);
  }

  /** Turns the camera on or off (held off, but remembered, while the data-saver mode is audio-only). */
  async setCameraEnabled(on: boolean): Promise<void> {
    this.cam.wanted = on;
    if (on) this.cam.error = undefined;
    this.changed();
    if (this.isLive()) await this.queueCamera();
  }

  /**
   * Uses another device: `audioinput` (microphone), `videoinput` (camera) or `audiooutput` (speaker,
   * where the browser supports `setSinkId`). Returns false if the browser refused.
   */
  async switchDevice(kind: MediaDeviceKind, deviceId: string): Promise<boolean> {
    this.preferredDevices[kind] = deviceId;
    this.changed();
    const room = this.currentRoom;
    if (!room || !this.isLive()) return true;
    const intent = kind === 'audioinput' ? this.mic : kind === 'videoinput' ? this.cam : undefined;
    if (intent) intent.pending += 1;
    this.changed();
    try {
      const ok = await room.switchActiveDevice(kind, deviceId);
      if (intent) intent.error = undefined;
      return ok;
    } catch (error) {
      if (intent) intent.error = mediaErrorCause(error);
      return false;
    } finally {
      if (intent) intent.pending -= 1;
      this.changed();
    }
  }

  /** Starts remote audio after the browser blocked autoplay. Call it inside a click/tap handler. */
  async startAudio(): Promise<void> {
    await this.currentRoom?.startAudio();
    this.changed();
  }

  /**
   * Keeps `element` showing the camera of `who` (`'local'` or a remote identity), following track
   * changes (republish, late subscription). Returns a function that stops it.
   */
  bindVideo(element: HTMLMediaElement, who: string): () => void {
    this.videoBindings.set(element, { who });
    this.syncVideoBindings();
    return () => {
      const binding = this.videoBindings.get(element);
      binding?.track?.detach(element);
      this.videoBindings.delete(element);
    };
  }

  // ── data saver ───────────────────────────────────────────────────────────────────────────────────

  /** The person's choice of mode; clears any automatic step-down. */
  async setDataSaverMode(mode: DataSaverMode): Promise<void> {
    this.chosenMode = mode;
    this.autoIndex = 0;
    this.notice = undefined;
    this.canRestore = false;
    this.clearRestoreTimer();
    await this.applyMode();
  }

  /** Go back to the chosen mode after an automatic step-down. */
  async restoreDataSaver(): Promise<void> {
    await this.setDataSaverMode(this.chosenMode);
  }

  /** Forget the step-down notice once it has been shown. */
  dismissDataSaverNotice(): void {
    this.notice = undefined;
    this.changed();
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────

  private isLive(): boolean {
    return this.phase === 'connected' || this.phase === 'reconnecting';
  }

  private effectiveMode(): DataSaverMode {
    const index = Math.max(MODES.indexOf(this.chosenMode), this.autoIndex);
    return MODES[Math.min(index, MODES.length - 1)] ?? 'normal';
  }

  /** The Room for the next connection: the one built ahead, unless the device choices changed since. */
  private ensureRoom(): Room {
    const devices = this.preferredDevices;
    const builtFor = JSON.stringify(devices);
    const idle = this.phase === 'idle' ? this.currentRoom : undefined;
    if (idle && this.roomBuiltFor === builtFor) return idle;
    this.detachRoom?.();
    // never connected, built for other devices: let it go (after detaching, so its events are not ours)
    void idle?.disconnect();
    this.roomBuiltFor = builtFor;
    const roomOptions: RoomOptions = {
      adaptiveStream: true,
      dynacast: true,
      disconnectOnPageLeave: true,
      reconnectPolicy: {
        nextRetryDelayInMs: (context: ReconnectContext) => visitRetryDelay(context, this.reconnectingSince),
      },
      videoCaptureDefaults: {
        resolution: VideoPresets.h360.resolution,
        ...(devices.videoinput ? { deviceId: devices.videoinput } : {}),
      },
      audioCaptureDefaults: {
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
        ...(devices.audioinput ? { deviceId: devices.audioinput } : {}),
      },
      ...(devices.audiooutput ? { audioOutput: { deviceId: devices.audiooutput } } : {}),
      publishDefaults: {
        audioPreset: AudioPresets.speech,
        dtx: true,
        red: true,
        simulcast: true,
        videoEncoding: VideoPresets.h360.encoding,
        videoSimulcastLayers: [VideoPresets.h180],
      },
    };
    const room = this.options.createRoom ? this.options.createRoom(roomOptions) : new Room(roomOptions);
    this.currentRoom = room;
    this.detachRoom = this.listen(room);
    return room;
  }

  private resetConnection(): void {
    this.reason = undefined;
    this.detail = undefined;
    this.leaving = false;
    this.reconnectCount = 0;
    this.reconnectingMs = 0;
    this.reconnectingSince = undefined;
    this.qualityFirst = undefined;
    this.qualityLast = undefined;
    this.publishedProfile = undefined;
    this.endsAt = undefined;
    this.creditedSeconds = 0;
    this.creditKnown = false;
    this.lastCredit = undefined;
    this.warning = undefined;
    this.autoIndex = 0;
    this.notice = undefined;
    this.canRestore = false;
    this.mic.error = undefined;
    this.cam.error = undefined;
    if (this.phase === 'disconnected') {
      // a fresh Room for a fresh connection (LiveKit rooms can be reused, but their listeners and
      // participant maps carry over; a new one is simpler to reason about)
      this.phase = 'idle';
      this.currentRoom = undefined;
    }
  }

  private listen(room: Room): () => void {
    const handlers: [RoomEvent, (...args: never[]) => void][] = [];
    const on = <E extends RoomEvent>(event: E, handler: (...args: never[]) => void) => {
      room.on(event as never, handler as never);
      handlers.push([event, handler]);
    };
    const changed = () => this.changed();
    on(RoomEvent.ConnectionStateChanged, ((state: LkConnectionState) =>
      this.onConnectionState(state)) as never);
    on(
      RoomEvent.Disconnected,
      ((reason?: DisconnectReason) =>
        // while connecting, connect() maps the error it receives (it knows more, e.g. a refused token)
        this.phase !== 'connecting' &&
        this.finish(
          mapDisconnectReason(reason, this.leaving),
          reason === undefined ? undefined : `livekit:${DisconnectReason[reason]}`,
        )) as never,
    );
    on(RoomEvent.RoomMetadataChanged, ((metadata: string) => {
      this.readMetadata(metadata);
      this.changed();
    }) as never);
    on(RoomEvent.TrackSubscribed, ((track: RemoteTrack, publication: RemoteTrackPublication) => {
      if (track.kind === Track.Kind.Audio) this.attachAudio(track, publication.trackSid);
      if (track.kind === Track.Kind.Video) this.applyRemoteVideoMode();
      this.changed();
    }) as never);
    on(RoomEvent.TrackUnsubscribed, ((track: RemoteTrack, publication: RemoteTrackPublication) => {
      this.detachAudio(track, publication.trackSid);
      this.changed();
    }) as never);
    on(RoomEvent.TrackPublished, (() => {
      this.applyRemoteVideoMode();
      this.changed();
    }) as never);
    on(RoomEvent.ConnectionQualityChanged, ((_quality: unknown, participant: Participant) => {
      if (participant === room.localParticipant) this.onLocalQuality();
      this.changed();
    }) as never);
    on(RoomEvent.MediaDevicesChanged, (() => void this.refreshDevices()) as never);
    on(RoomEvent.MediaDevicesError, ((error: Error, kind?: MediaDeviceKind) => {
      const intent = kind === 'audioinput' ? this.mic : kind === 'videoinput' ? this.cam : undefined;
      if (intent) intent.error = mediaErrorCause(error);
      this.changed();
    }) as never);
    for (const event of [
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.ParticipantAttributesChanged,
      RoomEvent.ParticipantNameChanged,
      RoomEvent.ParticipantPermissionsChanged,
      RoomEvent.TrackUnpublished,
      RoomEvent.TrackMuted,
      RoomEvent.TrackUnmuted,
      RoomEvent.TrackStreamStateChanged,
      RoomEvent.TrackSubscriptionStatusChanged,
      RoomEvent.LocalTrackPublished,
      RoomEvent.LocalTrackUnpublished,
      RoomEvent.ActiveSpeakersChanged,
      RoomEvent.AudioPlaybackStatusChanged,
      RoomEvent.ActiveDeviceChanged,
    ]) {
      on(event, changed as never);
    }
    return () => {
      for (const [event, handler] of handlers) room.off(event as never, handler as never);
    };
  }

  private onConnectionState(state: LkConnectionState): void {
    const now = Date.now();
    if (state === LkConnectionState.Reconnecting || state === LkConnectionState.SignalReconnecting) {
      if (this.phase === 'connected') {
        this.reconnectCount += 1;
        this.reconnectingSince = now;
      }
      if (this.phase !== 'disconnected') this.phase = 'reconnecting';
    } else if (state === LkConnectionState.Connected) {
      this.closeReconnecting(now);
      // `connect()` itself moves 'connecting' → 'connected' once publishing can start
      if (this.phase === 'reconnecting') this.phase = 'connected';
    }
    this.changed();
  }

  private closeReconnecting(now: number): void {
    if (this.reconnectingSince !== undefined) {
      this.reconnectingMs += now - this.reconnectingSince;
      this.reconnectingSince = undefined;
    }
  }

  private finish(reason: DisconnectReasonCode, detail?: string): void {
    if (this.phase === 'disconnected') return;
    this.closeReconnecting(Date.now());
    this.phase = 'disconnected';
    this.reason = reason;
    this.detail = detail;
    this.clearDowngradeTimer();
    this.clearRestoreTimer();
    for (const [sid, elements] of this.audioElements) {
      for (const element of elements) element.remove();
      this.audioElements.delete(sid);
    }
    for (const [element, binding] of this.videoBindings) {
      binding.track?.detach(element);
      binding.track = undefined;
    }
    this.changed();
  }

  private readMetadata(raw: string | undefined): void {
    const metadata = parseRoomMetadata(raw);
    if (!metadata) return;
    if (metadata.endsAt !== undefined) this.endsAt = metadata.endsAt;
    if (metadata.creditedSeconds !== undefined) {
      const added = metadata.creditedSeconds - this.creditedSeconds;
      // the first reading is the baseline, not news; later increases are shown ("3 minutes added")
      if (added > 0 && this.creditKnown) this.lastCredit = { seconds: added, at: Date.now() };
      this.creditedSeconds = metadata.creditedSeconds;
      this.creditKnown = true;
    }
    if (metadata.warning) this.warning = metadata.warning;
  }

  private async applyMicrophone(on: boolean): Promise<void> {
    const room = this.currentRoom;
    if (!room) return;
    this.mic.pending += 1;
    this.changed();
    try {
      const device = this.preferredDevices.audioinput;
      await room.localParticipant.setMicrophoneEnabled(on, device ? { deviceId: device } : undefined);
      this.mic.error = undefined;
    } catch (error) {
      this.mic.error = mediaErrorCause(error);
      this.mic.wanted = false;
    } finally {
      this.mic.pending -= 1;
      this.changed();
    }
  }

  /** Serialises camera changes: toggles and mode changes must not interleave their publish/unpublish. */
  private queueCamera(): Promise<void> {
    this.cam.pending += 1;
    this.changed();
    const run = this.cameraQueue.then(() => this.reconcileCamera());
    this.cameraQueue = run.catch(() => undefined);
    return run.finally(() => {
      this.cam.pending -= 1;
      this.changed();
    });
  }

  private async reconcileCamera(): Promise<void> {
    const room = this.currentRoom;
    if (!room || !this.isLive()) return;
    const local = room.localParticipant;
    const mode = this.effectiveMode();
    const publication = local.getTrackPublication(Track.Source.Camera);
    try {
      if (!this.cam.wanted || mode === 'audio-only') {
        if (publication && !publication.isMuted) await local.setCameraEnabled(false);
        return;
      }
      const profile = mode === 'low-video' ? 'low-video' : 'normal';
      if (publication?.track && this.publishedProfile !== profile) {
        await local.unpublishTrack(publication.track, true);
      }
      const { capture, publish } = cameraProfile(profile);
      const device = this.preferredDevices.videoinput;
      await local.setCameraEnabled(true, device ? { ...capture, deviceId: device } : capture, publish);
      this.publishedProfile = profile;
      this.cam.error = undefined;
    } catch (error) {
      this.cam.error = mediaErrorCause(error);
      this.cam.wanted = false;
    } finally {
      this.syncVideoBindings();
    }
  }

  private applyRemoteVideoMode(): void {
    const room = this.currentRoom;
    if (!room) return;
    const mode = this.effectiveMode();
    for (const participant of room.remoteParticipants.values()) {
      for (const publication of participant.videoTrackPublications.values()) {
        if (!publication.isSubscribed) continue;
        publication.setEnabled(mode !== 'audio-only');
        if (mode !== 'audio-only') {
          // a 640-wide camera gets two simulcast layers (LiveKit adds a middle one only from 960 px):
          // q = 320×180 ≤160 kbit/s (LOW) and h = 640×360 ≤450 kbit/s; low-video receives the small one
          publication.setVideoQuality(mode === 'low-video' ? VideoQuality.LOW : VideoQuality.HIGH);
        }
      }
    }
  }

  private async applyMode(): Promise<void> {
    this.changed();
    if (!this.isLive()) return;
    this.applyRemoteVideoMode();
    await this.queueCamera();
  }

  private fallbackOptions(): Required<AutoFallbackOptions> | undefined {
    const option = this.options.autoFallback ?? true;
    if (option === false) return undefined;
    const given = option === true ? {} : option;
    return {
      downgradeAfterMs: given.downgradeAfterMs ?? 8_000,
      restoreHintAfterMs: given.restoreHintAfterMs ?? 20_000,
    };
  }

  private onLocalQuality(): void {
    const options = this.fallbackOptions();
    const room = this.currentRoom;
    if (!options || !room) return;
    const quality = qualityOf(room.localParticipant);
    if (quality === 'poor' || quality === 'lost') {
      this.clearRestoreTimer();
      this.canRestore = false;
      if (!this.downgradeTimer && this.effectiveMode() !== 'audio-only') {
        this.downgradeTimer = setTimeout(() => this.stepDown(), options.downgradeAfterMs);
      }
    } else if (quality === 'good' || quality === 'excellent') {
      this.clearDowngradeTimer();
      if (this.autoIndex > MODES.indexOf(this.chosenMode) && !this.restoreTimer && !this.canRestore) {
        this.restoreTimer = setTimeout(() => {
          this.restoreTimer = undefined;
          this.canRestore = true;
          this.changed();
        }, options.restoreHintAfterMs);
      }
    }
  }

  private stepDown(): void {
    this.downgradeTimer = undefined;
    if (!this.isLive()) return;
    const from = this.effectiveMode();
    const fromIndex = MODES.indexOf(from);
    if (fromIndex >= MODES.length - 1) return;
    this.autoIndex = fromIndex + 1;
    const to = this.effectiveMode();
    this.notice = { from, to, at: Date.now() };
    this.canRestore = false;
    void this.applyMode();
    // still poor? keep stepping down after another interval
    this.onLocalQuality();
  }

  private clearDowngradeTimer(): void {
    if (this.downgradeTimer) clearTimeout(this.downgradeTimer);
    this.downgradeTimer = undefined;
  }

  private clearRestoreTimer(): void {
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
    this.restoreTimer = undefined;
  }

  private attachAudio(track: RemoteTrack, sid: string): void {
    const element = track.attach();
    this.options.audioHost?.append(element);
    this.audioElements.set(sid, [...(this.audioElements.get(sid) ?? []), element]);
  }

  private detachAudio(track: RemoteTrack, sid: string): void {
    for (const element of this.audioElements.get(sid) ?? []) {
      track.detach(element);
      element.remove();
    }
    this.audioElements.delete(sid);
  }

  private cameraTrackOf(who: string): Track | undefined {
    const room = this.currentRoom;
    if (!room || this.phase === 'disconnected') return undefined;
    const participant = who === 'local' ? room.localParticipant : room.remoteParticipants.get(who);
    const publication = participant?.getTrackPublication(Track.Source.Camera);
    return publication?.track ?? undefined;
  }

  private syncVideoBindings(): void {
    for (const [element, binding] of this.videoBindings) {
      const track = this.cameraTrackOf(binding.who);
      if (track === binding.track) continue;
      binding.track?.detach(element);
      binding.track = track;
      track?.attach(element);
    }
  }

  private async refreshDevices(): Promise<void> {
    const devices = await listDevices();
    this.devices = Object.freeze(devices);
    this.changed();
  }

  private changed(): void {
    this.snapshot = undefined;
    if (this.videoBindings.size) this.syncVideoBindings();
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    queueMicrotask(() => {
      this.notifyScheduled = false;
      const state = this.getState();
      for (const listener of [...this.listeners]) {
        try {
          listener(state);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    });
  }

  private localDevice(intent: DeviceIntent, enabled: boolean, held?: boolean): LocalDeviceState {
    const state: { -readonly [K in keyof LocalDeviceState]: LocalDeviceState[K] } = {
      enabled,
      wanted: intent.wanted,
      pending: intent.pending > 0,
    };
    if (intent.error) state.error = intent.error;
    if (held !== undefined) state.heldByDataSaver = held;
    return Object.freeze(state);
  }

  private build(): CallState {
    const room = this.currentRoom;
    const live = room && this.phase !== 'idle' && this.phase !== 'disconnected';
    const remoteParticipants: RemoteParticipantState[] = [];
    if (room && live) {
      for (const participant of room.remoteParticipants.values()) {
        if (participant.permissions?.hidden) continue; // staff monitors are never listed
        remoteParticipants.push(this.remoteState(participant));
      }
    }
    const mode = this.effectiveMode();
    const local = live ? room.localParticipant : undefined;
    const activeDevices: { -readonly [K in keyof ActiveDevices]: ActiveDevices[K] } = {
      ...this.preferredDevices,
    };
    if (room && live) {
      for (const kind of ['audioinput', 'videoinput', 'audiooutput'] as const) {
        const id = room.getActiveDevice(kind);
        if (id) activeDevices[kind] = id;
      }
    }
    const connection: { -readonly [K in keyof CallState['connection']]: CallState['connection'][K] } = {
      phase: this.phase,
      reconnectCount: this.reconnectCount,
      reconnectingMs: this.reconnectingMs,
    };
    if (this.reason) connection.reason = this.reason;
    if (this.detail) connection.detail = this.detail;
    if (this.reconnectingSince !== undefined) connection.reconnectingSince = this.reconnectingSince;
    const dataSaver: { -readonly [K in keyof CallState['dataSaver']]: CallState['dataSaver'][K] } = {
      mode,
      chosen: this.chosenMode,
      automatic: MODES.indexOf(mode) > MODES.indexOf(this.chosenMode),
      canRestore: this.canRestore,
    };
    if (this.notice) dataSaver.notice = this.notice;
    const state: { -readonly [K in keyof CallState]: CallState[K] } = {
      connection: Object.freeze(connection),
      remoteParticipants: Object.freeze(remoteParticipants),
      microphone: this.localDevice(this.mic, Boolean(local?.isMicrophoneEnabled)),
      camera: this.localDevice(
        this.cam,
        Boolean(local?.isCameraEnabled),
        this.cam.wanted && mode === 'audio-only',
      ),
      localQuality: local ? qualityOf(local) : 'unknown',
      activeDevices: Object.freeze(activeDevices),
      devices: this.devices,
      audioPlaybackBlocked: Boolean(live && !room.canPlaybackAudio),
      creditedSeconds: this.creditedSeconds,
      dataSaver: Object.freeze(dataSaver),
    };
    if (room && live) {
      state.room = room.name;
      state.identity = room.localParticipant.identity;
    }
    if (this.endsAt !== undefined) state.endsAt = this.endsAt;
    if (this.lastCredit) state.lastCredit = this.lastCredit;
    if (this.warning) state.warning = this.warning;
    return Object.freeze(state);
  }

  private remoteState(participant: RemoteParticipant): RemoteParticipantState {
    const tracks = [...participant.trackPublications.values()].map(trackState);
    const camera = tracks.find((track) => track.source === 'camera');
    const microphone = tracks.find((track) => track.source === 'microphone');
    return Object.freeze({
      identity: participant.identity,
      role: roleOf(participant.attributes),
      name: displayName(participant.attributes, participant.name, participant.identity),
      quality: qualityOf(participant),
      speaking: participant.isSpeaking,
      tracks: Object.freeze(tracks),
      cameraOn: Boolean(camera && !camera.muted && camera.subscribed),
      microphoneOn: Boolean(microphone && !microphone.muted),
    });
  }
}
