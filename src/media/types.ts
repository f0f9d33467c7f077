// Public types of the media layer. Types only: importing this file loads nothing at run time.

/** Connection phase of a call session. */
export type ConnectionPhase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/**
 * Why a session ended, in visit-kit's words (never LiveKit's numeric codes):
 * - `left`: this side called `disconnect()`.
 * - `removed-by-server`: the backend removed this participant or deleted the room (time up, ended by staff).
 * - `duplicate-identity`: the same person joined from another tab or device, which replaced this one.
 * - `connection-lost`: the network failed and LiveKit could not reconnect (or never reached the server).
 * - `token-invalid`: the server refused the token (expired, wrong room, revoked).
 */
export type DisconnectReasonCode =
  'left' | 'removed-by-server' | 'duplicate-identity' | 'connection-lost' | 'token-invalid';

/** Connection quality as LiveKit's server measures it for one participant. */
export type Quality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

/** Roles of the contract (`attributes.role`). Anything else becomes `unknown`. */
export type ParticipantRole = 'visitor' | 'prisoner' | 'staff' | 'unknown';

/** How much media the session sends and receives. */
export type DataSaverMode = 'normal' | 'low-video' | 'audio-only';

export interface TrackState {
  readonly sid: string;
  readonly kind: 'audio' | 'video';
  readonly source: 'camera' | 'microphone' | 'other';
  readonly muted: boolean;
  /** This side receives the media (false while subscribing, or video paused by audio-only mode). */
  readonly subscribed: boolean;
  /** Video only: the size LiveKit last reported for the track. */
  readonly width?: number;
  readonly height?: number;
}

export interface RemoteParticipantState {
  readonly identity: string;
  readonly role: ParticipantRole;
  /** Display name from `attributes.name`, else the LiveKit name, else the identity. */
  readonly name: string;
  readonly quality: Quality;
  readonly speaking: boolean;
  readonly tracks: readonly TrackState[];
  /** Convenience: the camera track is published, unmuted and received. */
  readonly cameraOn: boolean;
  /** Convenience: the microphone track is published and unmuted. */
  readonly microphoneOn: boolean;
}

/** Causes for a device or browser problem, shared by the session and the device check. */
export type MediaFailureCause =
  | 'permission-denied'
  | 'system-denied'
  | 'no-device'
  | 'in-use'
  | 'device-not-found'
  | 'unsupported'
  | 'insecure-context'
  | 'unreachable'
  | 'slow'
  | 'no-signal'
  | 'autoplay-blocked'
  | 'token-invalid'
  | 'unknown';

export interface LocalDeviceState {
  /** The track is published and live (not muted). */
  readonly enabled: boolean;
  /** What the person asked for (a camera can be wanted but held off by audio-only mode). */
  readonly wanted: boolean;
  /** A change is in progress: disable the toggle button meanwhile. */
  readonly pending: boolean;
  /** Set when the last attempt to turn it on failed. */
  readonly error?: MediaFailureCause;
  /** Camera only: off because of the data-saver mode, not because the person turned it off. */
  readonly heldByDataSaver?: boolean;
}

export interface DeviceSummary {
  readonly deviceId: string;
  readonly label: string;
  readonly kind: MediaDeviceKind;
}

export interface ActiveDevices {
  readonly audioinput?: string;
  readonly videoinput?: string;
  readonly audiooutput?: string;
}

export interface StaffWarning {
  readonly message: string;
  /** ISO instant the warning was given. */
  readonly at: string;
}

export interface DataSaverState {
  /** The mode in effect. */
  readonly mode: DataSaverMode;
  /** The mode the person chose. */
  readonly chosen: DataSaverMode;
  /** `mode` is lower than `chosen` because the connection was poor. */
  readonly automatic: boolean;
  /** The connection has been good again for a while: offer to go back to `chosen`. */
  readonly canRestore: boolean;
  /** Set when the session lowered the mode on its own; show it once as a notice. */
  readonly notice?: { readonly from: DataSaverMode; readonly to: DataSaverMode; readonly at: number };
}

export interface ConnectionState {
  readonly phase: ConnectionPhase;
  /** Set once `phase` is `disconnected` after a connect attempt. */
  readonly reason?: DisconnectReasonCode;
  /** Technical detail for logs (never shown as is). */
  readonly detail?: string;
  readonly reconnectCount: number;
  /** Time spent in finished reconnections of this connection, ms (add `now − reconnectingSince` for one in progress). */
  readonly reconnectingMs: number;
  /** `Date.now()` when the current reconnection started; set only while reconnecting. */
  readonly reconnectingSince?: number;
}

/** An immutable snapshot of everything a view needs. A new object whenever something changes. */
export interface CallState {
  readonly connection: ConnectionState;
  /** Room name and our identity once connected. */
  readonly room?: string;
  readonly identity?: string;
  readonly remoteParticipants: readonly RemoteParticipantState[];
  readonly microphone: LocalDeviceState;
  readonly camera: LocalDeviceState;
  readonly localQuality: Quality;
  readonly activeDevices: ActiveDevices;
  readonly devices: readonly DeviceSummary[];
  /** The browser refused to play remote audio: show a "Tap to turn on sound" button calling `startAudio()`. */
  readonly audioPlaybackBlocked: boolean;
  /** Authoritative end of the call (ms since epoch, server clock), from room metadata or the token answer. */
  readonly endsAt?: number;
  /** Seconds the server has added for lost time. */
  readonly creditedSeconds: number;
  /** The last change of `creditedSeconds` seen during this session, to say "3 minutes added". */
  readonly lastCredit?: { readonly seconds: number; readonly at: number };
  /** The last staff warning from room metadata. */
  readonly warning?: StaffWarning;
  readonly dataSaver: DataSaverState;
}

export type CallStateListener = (state: CallState) => void;
