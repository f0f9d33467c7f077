// LiveKit: least-privilege tokens, room metadata (the authoritative end), removal at the end.
import { AccessToken, RoomServiceClient, TrackSource, WebhookReceiver } from 'livekit-server-sdk';
import { ApiError } from './problems.js';

export interface LivekitConfig {
  url: string;
  apiKey: string;
  apiSecret: string;
}

export interface RoomMetadata {
  endsAt: string;
  creditedSeconds: number;
  warning?: { message: string; at: string };
}

export const callRoom = (visitId: string) => `visit-${visitId}`;
export const lobbyRoom = (visitId: string) => `lobby-${visitId}`;

export class Media {
  readonly rooms: RoomServiceClient | undefined;
  readonly receiver: WebhookReceiver | undefined;
  private healthCache: { at: number; ok: boolean } | undefined;

  constructor(
    readonly config: LivekitConfig | undefined,
    private log: (line: string) => void,
  ) {
    if (config) {
      const http = config.url.replace(/^ws/, 'http');
      this.rooms = new RoomServiceClient(http, config.apiKey, config.apiSecret, { requestTimeout: 5 });
      this.receiver = new WebhookReceiver(config.apiKey, config.apiSecret);
    }
  }

  private need(): LivekitConfig {
    if (!this.config)
      throw new ApiError(503, 'unavailable', 'Video calls are not configured on this server.');
    return this.config;
  }

  /** A token for one person in one room. ttlSeconds is already bounded by the caller (≤ endsAt + 60 s). */
  async participantToken(options: {
    room: string;
    identity: string;
    name: string;
    role: 'visitor' | 'prisoner';
    kind: 'lobby' | 'call';
    ttlSeconds: number;
  }): Promise<{ url: string; token: string }> {
    const config = this.need();
    const at = new AccessToken(config.apiKey, config.apiSecret, {
      identity: options.identity,
      name: options.name,
      ttl: Math.max(1, Math.floor(options.ttlSeconds)),
      attributes: { role: options.role, name: options.name },
    });
    at.addGrant({
      room: options.room,
      roomJoin: true,
      roomCreate: false,
      roomList: false,
      roomAdmin: false,
      roomRecord: false,
      canPublish: true,
      canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
      // in the lobby the visitor sees nobody; staff watch them through a monitor token
      canSubscribe: options.kind === 'call',
      canPublishData: false,
      canUpdateOwnMetadata: false,
      hidden: false,
    });
    return { url: config.url, token: await at.toJwt() };
  }

  /** Staff monitoring: hidden, subscribe-only. */
  async monitorToken(options: { room: string; identity: string; name: string; ttlSeconds: number }) {
    const config = this.need();
    const at = new AccessToken(config.apiKey, config.apiSecret, {
      identity: options.identity,
      name: options.name,
      ttl: Math.max(1, Math.floor(options.ttlSeconds)),
      attributes: { role: 'staff', name: options.name },
    });
    at.addGrant({
      room: options.room,
      roomJoin: true,
      roomCreate: false,
      roomAdmin: false,
      canPublish: false,
      canPublishSources: [],
      canSubscribe: true,
      canPublishData: false,
      canUpdateOwnMetadata: false,
      hidden: true,
    });
    return { url: config.url, token: await at.toJwt() };
  }

  /** Creates the room with its metadata (or updates the metadata of an existing one). Best effort. */
  async publishMetadata(room: string, metadata: RoomMetadata, emptyTimeoutSeconds = 300): Promise<boolean> {
    if (!this.rooms) return false;
    const json = JSON.stringify(metadata);
    try {
      await this.rooms.createRoom({ name: room, emptyTimeout: emptyTimeoutSeconds, metadata: json });
      // createRoom on an existing room leaves its metadata alone
      await this.rooms.updateRoomMetadata(room, json);
      return true;
    } catch (error) {
      this.log(`livekit: metadata for a room failed: ${describe(error)}`);
      return false;
    }
  }

  /** Removes everyone and deletes the room. True when the room is gone (or never existed). */
  async closeRoom(room: string): Promise<boolean> {
    if (!this.rooms) return true;
    try {
      const participants = await this.rooms.listParticipants(room).catch(() => []);
      await Promise.all(
        participants.map((p) => this.rooms!.removeParticipant(room, p.identity).catch(() => undefined)),
      );
      await this.rooms.deleteRoom(room);
      return true;
    } catch (error) {
      if (/not.?found|does not exist/i.test(describe(error))) return true;
      this.log(`livekit: closing a room failed: ${describe(error)}`);
      return false;
    }
  }

  async healthy(): Promise<boolean> {
    if (!this.rooms) return false;
    const now = Date.now();
    if (this.healthCache && now - this.healthCache.at < 2000) return this.healthCache.ok;
    let ok = false;
    try {
      await Promise.race([
        this.rooms.listRooms(['health-check']),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1500).unref()),
      ]);
      ok = true;
    } catch {
      ok = false;
    }
    this.healthCache = { at: now, ok };
    return ok;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  return String(error).slice(0, 200);
}
