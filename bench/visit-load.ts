// Load visits for the cluster: each one opened, knocked and admitted through the real backend (behind the
// balancer), then joined by Node participants (`@livekit/rtc-node`) with the tokens the backend mints: the
// prisoner and one family member each publish generated audio (48 kHz) and video, and the hidden staff monitor
// subscribes to both. Every subscriber counts the video frames it receives, per remote track.
// Used by bench/cluster-load.ts (the ramp) and test/cluster/load.test.ts (the short variant).
import type { RemoteTrack } from '@livekit/rtc-node';
import pg from 'pg';
import type { Cluster } from '../scripts/cluster.js';
import type { Principal } from '../server/context.js';
import { clusterSessions } from '../test/cluster/sessions.js';

// rtc-node logs every FFI event at debug level unless NODE_ENV is production, which it reads once, at load
const rtc = await (async () => {
  const was = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await import('@livekit/rtc-node');
  } finally {
    if (was === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = was;
  }
})();
const {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
  VideoStream,
  dispose,
} = rtc;
type Room = InstanceType<typeof Room>;
type VideoSource = InstanceType<typeof VideoSource>;
type AudioSource = InstanceType<typeof AudioSource>;

/**
 * What a publisher sends: the SDK's `low-video` profile (src/media/session.ts: 320×180, 15 fps, 160 kbit/s,
 * no simulcast) and one Opus microphone track.
 */
export const PROFILE = { width: 320, height: 180, fps: 15, maxBitrate: 160_000, audioRate: 48_000 };

const FAMILY: Principal = { id: 'usr-sam', role: 'visitor' };
const PRISONER: Principal = {
  id: 'dev-kiosk-A1234BC',
  role: 'prisoner',
  prisonCode: 'NMI',
  prisonerId: 'prs-A1234BC',
};
const STAFF: Principal = { id: 'usr-staff-nmi', role: 'staff', prisonCode: 'NMI' };

/** Rejects when `promise` has not settled within `ms` (a starved machine can leave a join hanging). */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Talks to the cluster's API through the balancer, signed in the way a replica signs people in. */
export class ClusterApi {
  private readonly pool: pg.Pool;
  private readonly sessions: ReturnType<typeof clusterSessions>;
  private readonly tokens = new Map<string, string>();

  constructor(private readonly cluster: Cluster) {
    this.pool = new pg.Pool({ connectionString: cluster.databaseUrl, max: 2 });
    this.pool.on('error', () => {});
    this.pool.on('connect', (client) => client.on('error', () => {}));
    this.sessions = clusterSessions(cluster, this.pool);
  }

  /** A session token (test/cluster/sessions.ts), one per principal for the whole run. */
  async tokenFor(principal: Principal): Promise<string> {
    const known = this.tokens.get(principal.id);
    if (known) return known;
    const token = await this.sessions.tokenFor(principal);
    this.tokens.set(principal.id, token);
    return token;
  }

  async call(method: string, path: string, principal?: Principal, body?: unknown) {
    const token = principal ? await this.tokenFor(principal) : undefined;
    const response = await fetch(this.cluster.apiUrl + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json =
      response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return json;
  }

  /** Calls admitted or in progress, as the backend counts them (its `visitkit_active_calls` gauge). */
  async activeCalls(): Promise<number> {
    const response = await fetch(`${this.cluster.apiUrl}/metrics`);
    const text = await response.text();
    const line = /^visitkit_active_calls(?:\{[^}]*\})? (\d+)/m.exec(text);
    if (!line) throw new Error(`no visitkit_active_calls in /metrics (${response.status})`);
    return Number(line[1]);
  }

  async close(): Promise<void> {
    await this.sessions.destroy().catch(() => {});
  }
}

/** I420 frames of a moving picture (a bar sweeping over a gradient, a little noise), made once, sent in a loop. */
function makeFrames(count: number): Uint8Array[] {
  const { width, height } = PROFILE;
  const lumaSize = width * height;
  const frames: Uint8Array[] = [];
  for (let n = 0; n < count; n++) {
    const data = new Uint8Array(lumaSize * 1.5);
    const bar = Math.floor((n / count) * width);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const inBar = Math.abs(x - bar) < 24;
        data[y * width + x] = inBar ? 235 : ((x + y + n * 4) % 200) + Math.floor(Math.random() * 24);
      }
    data.fill(128, lumaSize, lumaSize + lumaSize / 4);
    data.fill((n * 7) % 255, lumaSize + lumaSize / 4);
    frames.push(data);
  }
  return frames;
}

let framesCache: Uint8Array[] | undefined;

/** One participant in a load visit. */
export interface LoadPeer {
  identity: string;
  room: Room;
  /** Video frames received per remote identity. */
  received: Map<string, number>;
  publishes: boolean;
  sent: number;
}

export interface LoadVisit {
  visitId: string;
  room: string;
  peers: LoadPeer[];
}

/**
 * Drives every publisher of every visit from one timer per medium (so 20 visits cost two timers, not 80),
 * and counts what arrives.
 */
export class VisitLoad {
  readonly visits: LoadVisit[] = [];
  private readonly videoSources = new Map<LoadPeer, VideoSource>();
  private readonly audioSources = new Map<LoadPeer, AudioSource>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** Every room joined, also those of a visit whose join did not finish (so close() leaves them too). */
  private readonly rooms: Room[] = [];
  private frameIndex = 0;
  private readonly frames = (framesCache ??= makeFrames(30));
  private readonly audio: Int16Array;

  constructor(private readonly api: ClusterApi) {
    // 100 ms of a 440 Hz tone per push (the source queues up to a second)
    const samples = PROFILE.audioRate / 10;
    this.audio = new Int16Array(samples);
    for (let i = 0; i < samples; i++)
      this.audio[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / PROFILE.audioRate));
    this.timers.push(setInterval(() => this.sendVideo(), 1000 / PROFILE.fps));
    this.timers.push(setInterval(() => this.sendAudio(), 100));
  }

  private sendVideo() {
    const data = this.frames[this.frameIndex++ % this.frames.length]!;
    const frame = new VideoFrame(data, PROFILE.width, PROFILE.height, VideoBufferType.I420);
    for (const [peer, source] of this.videoSources) {
      source.captureFrame(frame);
      peer.sent++;
    }
  }

  private sendAudio() {
    for (const source of this.audioSources.values())
      source
        .captureFrame(new AudioFrame(this.audio, PROFILE.audioRate, 1, this.audio.length))
        .catch(() => {});
  }

  /** Opens one visit through the backend and joins its three participants. */
  async open(): Promise<LoadVisit> {
    const created = await this.api.call('POST', '/api/dev/visits', undefined, {
      prisonerId: 'prs-A1234BC',
      visitorUserId: 'usr-sam',
      startsInSeconds: 60,
      durationSeconds: 30 * 60,
      type: 'video',
    });
    const visitId = created.id as string;
    for (const who of [FAMILY, PRISONER])
      await this.api.call('POST', `/api/v1/visits/${visitId}/call/knock`, who);
    await this.api.call('POST', `/api/v1/staff/visits/${visitId}/admit`, STAFF);
    const peers: LoadPeer[] = [];
    for (const who of [PRISONER, FAMILY]) {
      const minted = await this.api.call('POST', `/api/v1/visits/${visitId}/call/token`, who);
      peers.push(await this.join(minted.url, minted.token, minted.identity, true));
    }
    const monitor = await this.api.call('POST', `/api/v1/staff/visits/${visitId}/monitor-token`, STAFF);
    peers.push(await this.join(monitor.url, monitor.token, 'monitor', false));
    const visit = { visitId, room: `visit-${visitId}`, peers };
    this.visits.push(visit);
    return visit;
  }

  private async join(url: string, token: string, identity: string, publishes: boolean): Promise<LoadPeer> {
    const room = new Room();
    const peer: LoadPeer = { identity, room, received: new Map(), publishes, sent: 0 };
    room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _publication, participant) => {
      if (track.kind !== TrackKind.KIND_VIDEO) return;
      const from = participant.identity;
      peer.received.set(from, peer.received.get(from) ?? 0);
      void (async () => {
        try {
          for await (const _frame of new VideoStream(track))
            peer.received.set(from, (peer.received.get(from) ?? 0) + 1);
        } catch {
          // the stream ends when the room is left
        }
      })();
    });
    this.rooms.push(room);
    await within(
      20_000,
      `${identity} joining`,
      room.connect(url, token, { autoSubscribe: true, dynacast: false }),
    );
    if (publishes) {
      const video = new VideoSource(PROFILE.width, PROFILE.height);
      const audio = new AudioSource(PROFILE.audioRate, 1);
      await room.localParticipant!.publishTrack(
        LocalVideoTrack.createVideoTrack('camera', video),
        new TrackPublishOptions({
          source: TrackSource.SOURCE_CAMERA,
          simulcast: false,
          videoEncoding: { maxBitrate: BigInt(PROFILE.maxBitrate), maxFramerate: PROFILE.fps },
        }),
      );
      await room.localParticipant!.publishTrack(
        LocalAudioTrack.createAudioTrack('microphone', audio),
        new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
      );
      this.videoSources.set(peer, video);
      this.audioSources.set(peer, audio);
    }
    return peer;
  }

  /** Frames counted so far: every (subscriber, publisher) pair's received count and every publisher's sent. */
  snapshot(): { received: Map<string, number>; sent: Map<string, number> } {
    const received = new Map<string, number>();
    const sent = new Map<string, number>();
    for (const visit of this.visits)
      for (const peer of visit.peers) {
        if (peer.publishes) sent.set(`${visit.visitId}:${peer.identity}`, peer.sent);
        for (const [from, count] of peer.received)
          received.set(`${visit.visitId}:${peer.identity}<-${from}`, count);
      }
    return { received, sent };
  }

  /** Leaves every room and stops the generator. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all(this.rooms.map((room) => within(5000, 'leaving', room.disconnect()).catch(() => {})));
    for (const source of [...this.videoSources.values(), ...this.audioSources.values()])
      await source.close().catch(() => {});
    this.videoSources.clear();
    this.audioSources.clear();
  }
}

/** Releases rtc-node's native side (once per process, at the very end). */
export const disposeRtc = () => dispose();
