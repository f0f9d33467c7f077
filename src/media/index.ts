// visit-kit media layer: the call session and the device check, free of Lit.
// Load it with a dynamic `import()` from the call elements only, so pages that only book never download
// livekit-client. Importing it in Node does not throw (no browser globals are read at module load).
export {
  CallSession,
  CallSessionError,
  mapConnectError,
  mapDisconnectReason,
  type AutoFallbackOptions,
  type CallSessionOptions,
  type ConnectOptions,
} from './session.js';
export {
  checkBrowser,
  checkNetwork,
  createLevelMeter,
  listDevices,
  openPreview,
  playTestTone,
  queryPermission,
  runDeviceCheck,
  type CheckResult,
  type CheckStatus,
  type DeviceCheckOptions,
  type DeviceCheckResult,
  type LevelMeter,
  type MediaPreview,
  type NetworkCheckOptions,
  type NetworkCheckResult,
  type PreviewOptions,
  type TestToneOptions,
} from './device-check.js';
export { mediaErrorCause } from './errors.js';
export { parseRoomMetadata, type RoomMetadata } from './metadata.js';
export {
  createServerClock,
  timeLeftMs,
  tokenIssuedAt,
  SKEW_TOLERANCE_MS,
  type ServerClock,
} from './clock.js';
export {
  AUDIO_KBPS,
  VIDEO_KBPS,
  estimateDataUse,
  estimateDataUseByMode,
  type DataUseEstimate,
} from './data-use.js';
export type * from './types.js';
