// The only way the elements reach src/media (the call, the waiting room and the staff console's monitor):
// type-only imports (erased at build) and dynamic `import()`s. The device check (no livekit-client, ~2.6 KB gz)
// loads when the person starts the check; the session module (livekit-client, ~150 KB gz) loads only when
// joining the lobby or the call, or when the console first shows a call. .dependency-cruiser.cjs holds this.
import type { CallSession, CallSessionOptions, ConnectOptions } from '../../media/session.js';
import type {
  DeviceCheckOptions,
  DeviceCheckResult,
  MediaPreview,
  CheckResult,
} from '../../media/device-check.js';
import type { ServerClock } from '../../media/clock.js';
import type { QualitySummary } from '../../media/quality.js';
import type {
  CallState,
  CallStateListener,
  DataSaverMode,
  RemoteParticipantState,
} from '../../media/types.js';

export type {
  CallSession,
  CallState,
  DataSaverMode,
  DeviceCheckResult,
  MediaPreview,
  CheckResult,
  DeviceCheckOptions,
  RemoteParticipantState,
};

/**
 * What the elements need from a call session: `CallSession` from the media layer fits, and so does any
 * object with the same surface (stories and tests pass fakes; no network needed).
 */
export interface CallSessionLike {
  readonly clock?: Pick<ServerClock, 'now'> & Partial<Pick<ServerClock, 'observe'>>;
  subscribe(listener: CallStateListener): () => void;
  getState(): CallState;
  timeLeftMs(): number | undefined;
  connect?(options: ConnectOptions): Promise<void>;
  disconnect(): Promise<void>;
  setMicrophoneEnabled(on: boolean): Promise<void>;
  setCameraEnabled(on: boolean): Promise<void>;
  switchDevice?(kind: MediaDeviceKind, deviceId: string): Promise<boolean>;
  startAudio(): Promise<void>;
  bindVideo(element: HTMLMediaElement, who: string): () => void;
  setDataSaverMode?(mode: DataSaverMode): Promise<void>;
  restoreDataSaver?(): Promise<void>;
  dismissDataSaverNotice?(): void;
  prepare?(url: string, token?: string): Promise<void>;
  /** This side's call-quality summary since connecting (undefined before any stats). */
  qualitySummary?(final?: boolean): Promise<QualitySummary | undefined>;
}

/** Runs the device check; replaceable (stories, tests, integrators with their own check). */
export type DeviceChecker = (
  options: DeviceCheckOptions,
) => Promise<DeviceCheckResult & { preview: MediaPreview }>;

/** Makes a call session; replaceable like the checker. */
export type SessionFactory = (options: CallSessionOptions) => CallSessionLike | Promise<CallSessionLike>;

/** The device check, the data-use estimate and the token clock: one small chunk without livekit-client. */
export const loadLobby = () => import('../../media/lobby.js');
/** The session module, with livekit-client (~150 KB gz). */
export const loadSession = () => import('../../media/session.js');

/** The default factory: loads livekit-client (once) and makes a real `CallSession`. */
export const createCallSession: SessionFactory = async (options) => {
  const { CallSession } = await loadSession();
  return new CallSession(options);
};

/** Records the backend's clock from a fresh token (kiosks and phones are often minutes off). */
export async function observeTokenClock(
  session: CallSessionLike,
  token: string,
  sentAt: number,
  receivedAt: number,
): Promise<void> {
  const observe = session.clock?.observe;
  if (!observe) return;
  const { tokenIssuedAt } = await loadLobby();
  const issued = tokenIssuedAt(token);
  if (issued !== undefined) observe.call(session.clock, issued, sentAt, receivedAt, 1000);
}
