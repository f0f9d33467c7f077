// Maps camera/microphone errors (getUserMedia and LiveKit's wrappers of it) to causes a person can act on.
import type { MediaFailureCause } from './types.js';

interface ErrorLike {
  name?: unknown;
  message?: unknown;
}

function isSecure(): boolean {
  return typeof globalThis.isSecureContext === 'boolean' ? globalThis.isSecureContext : true;
}

/**
 * The cause behind a failed `getUserMedia` (or `setCameraEnabled`/`setMicrophoneEnabled`):
 * - `NotAllowedError` → `permission-denied`, or `system-denied` when the operating system blocked it
 *   (Chromium says "Permission denied by system"; macOS privacy settings, Windows camera switch).
 * - `SecurityError` → `insecure-context` on http pages, else `permission-denied` (blocked by policy).
 * - `NotFoundError` → `no-device` (nothing plugged in).
 * - `NotReadableError` / `TrackStartError` / `AbortError` → `in-use` (another app holds the device, or the
 *   hardware failed to start — the fix offered is the same: close other apps, try again).
 * - `OverconstrainedError` → `device-not-found` (the chosen device is gone; pick another).
 * - `TypeError` → `unsupported` (no `navigator.mediaDevices`, e.g. an old browser or a non-secure page).
 */
export function mediaErrorCause(error: unknown): MediaFailureCause {
  const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const text = typeof message === 'string' ? message : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return /system/i.test(text) ? 'system-denied' : 'permission-denied';
    case 'SecurityError':
      return isSecure() ? 'permission-denied' : 'insecure-context';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'no-device';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'in-use';
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'device-not-found';
    case 'TypeError':
      return isSecure() ? 'unsupported' : 'insecure-context';
    default:
      return 'unknown';
  }
}
