// A small stand-in for LiveKit's Room: just the fields and methods CallSession reads, plus an event emitter.
// Unit tests drive it with the same RoomEvent names LiveKit emits, so state mapping is tested without a server.
import { ConnectionQuality, ConnectionState, RoomEvent, Track, type Room } from 'livekit-client';

type Handler = (...args: unknown[]) => void;

class Emitter {
  private readonly handlers = new Map<string, Set<Handler>>();
  on(event: string, handler: Handler) {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return this;
  }
  off(event: string, handler: Handler) {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(...args);
    return true;
  }
  listenerCount(event: string) {
    return this.handlers.get(event)?.size ?? 0;
  }
}

export class FakePublication {
  isEnabled = true;
  quality: number | undefined;
  dimensions?: { width: number; height: number };
  track:
    | {
        kind: Track.Kind;
        attach: (el?: HTMLMediaElement) => HTMLMediaElement;
        detach: (el?: HTMLMediaElement) => void;
      }
    | undefined;
  readonly calls: string[] = [];
  constructor(
    readonly trackSid: string,
    readonly kind: Track.Kind,
    readonly source: Track.Source,
    public isMuted = false,
    public isSubscribed = true,
  ) {
    this.track = {
      kind,
      attach: (el) => el ?? document.createElement(kind === Track.Kind.Audio ? 'audio' : 'video'),
      detach: () => undefined,
    };
  }
  setEnabled(enabled: boolean) {
    this.isEnabled = enabled;
    this.calls.push(`setEnabled(${enabled})`);
  }
  setVideoQuality(quality: number) {
    this.quality = quality;
    this.calls.push(`setVideoQuality(${quality})`);
  }
}

export class FakeParticipant extends Emitter {
  connectionQuality: ConnectionQuality = ConnectionQuality.Good;
  isSpeaking = false;
  permissions?: { hidden: boolean };
  readonly trackPublications = new Map<string, FakePublication>();
  constructor(
    readonly identity: string,
    public name: string | undefined,
    public attributes: Record<string, string> = {},
  ) {
    super();
  }
  get videoTrackPublications() {
    return new Map([...this.trackPublications].filter(([, p]) => p.kind === Track.Kind.Video));
  }
  get audioTrackPublications() {
    return new Map([...this.trackPublications].filter(([, p]) => p.kind === Track.Kind.Audio));
  }
  getTrackPublication(source: Track.Source) {
    return [...this.trackPublications.values()].find((p) => p.source === source);
  }
  publish(publication: FakePublication) {
    this.trackPublications.set(publication.trackSid, publication);
    return publication;
  }
}

export class FakeLocalParticipant extends FakeParticipant {
  /** Make the next enable fail with this error. */
  failNext: { microphone?: unknown; camera?: unknown } = {};
  /** Hold setMicrophoneEnabled until the test resolves it. */
  gate: Promise<void> | undefined;
  readonly calls: string[] = [];
  private sids = 0;
  get isMicrophoneEnabled() {
    const p = this.getTrackPublication(Track.Source.Microphone);
    return Boolean(p && !p.isMuted);
  }
  get isCameraEnabled() {
    const p = this.getTrackPublication(Track.Source.Camera);
    return Boolean(p && !p.isMuted);
  }
  private async setEnabled(source: Track.Source, kind: Track.Kind, on: boolean) {
    const existing = this.getTrackPublication(source);
    if (!on) {
      if (existing) existing.isMuted = true;
      return existing;
    }
    if (existing) {
      existing.isMuted = false;
      return existing;
    }
    return this.publish(new FakePublication(`TR_local_${(this.sids += 1)}`, kind, source));
  }
  async setMicrophoneEnabled(on: boolean) {
    this.calls.push(`mic(${on})`);
    await this.gate;
    if (on && this.failNext.microphone) {
      const error = this.failNext.microphone;
      this.failNext.microphone = undefined;
      throw error;
    }
    return this.setEnabled(Track.Source.Microphone, Track.Kind.Audio, on);
  }
  async setCameraEnabled(
    on: boolean,
    capture?: { resolution?: { width: number } },
    publish?: { simulcast?: boolean },
  ) {
    this.calls.push(
      on
        ? `camera(true, ${capture?.resolution?.width ?? '-'}, simulcast=${publish?.simulcast ?? '-'})`
        : 'camera(false)',
    );
    if (on && this.failNext.camera) {
      const error = this.failNext.camera;
      this.failNext.camera = undefined;
      throw error;
    }
    return this.setEnabled(Track.Source.Camera, Track.Kind.Video, on);
  }
  async unpublishTrack(track: unknown) {
    for (const [sid, p] of this.trackPublications) {
      if (p.track === track) {
        this.trackPublications.delete(sid);
        this.calls.push(`unpublish(${p.source})`);
      }
    }
  }
}

export class FakeRoom extends Emitter {
  state = ConnectionState.Disconnected;
  name = '';
  metadata: string | undefined;
  canPlaybackAudio = true;
  readonly remoteParticipants = new Map<string, FakeParticipant>();
  readonly localParticipant = new FakeLocalParticipant('visitor:me', 'Me', { role: 'visitor' });
  /** Makes connect() fail with this error. */
  connectError: unknown;
  startAudioCalls = 0;
  disconnectCalls = 0;
  constructor(readonly options: unknown) {
    super();
  }
  async prepareConnection() {}
  async connect(_url: string, _token: string) {
    if (this.connectError) {
      this.emit(RoomEvent.Disconnected);
      throw this.connectError;
    }
    this.name = 'visit-1';
    this.setState(ConnectionState.Connected);
    this.emit(RoomEvent.Connected);
  }
  async disconnect() {
    this.disconnectCalls += 1;
    this.setState(ConnectionState.Disconnected);
    this.emit(RoomEvent.Disconnected, 1 /* CLIENT_INITIATED */);
  }
  async startAudio() {
    this.startAudioCalls += 1;
    this.canPlaybackAudio = true;
    this.emit(RoomEvent.AudioPlaybackStatusChanged, true);
  }
  async switchActiveDevice() {
    return true;
  }
  getActiveDevice() {
    return undefined;
  }
  setState(state: ConnectionState) {
    this.state = state;
    this.emit(RoomEvent.ConnectionStateChanged, state);
  }
  join(participant: FakeParticipant) {
    this.remoteParticipants.set(participant.identity, participant);
    this.emit(RoomEvent.ParticipantConnected, participant);
    return participant;
  }
  asRoom(): Room {
    return this as unknown as Room;
  }
}

/** A CallSession factory option that records the fake rooms it creates. */
export function fakeRooms() {
  const rooms: FakeRoom[] = [];
  return {
    rooms,
    get last(): FakeRoom {
      const room = rooms.at(-1);
      if (!room) throw new Error('no room created yet');
      return room;
    },
    createRoom: (options: unknown) => {
      const room = new FakeRoom(options);
      rooms.push(room);
      return room.asRoom();
    },
  };
}
