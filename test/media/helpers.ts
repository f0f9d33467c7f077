// Shared helpers for media tests against the real LiveKit server started by the web-test-runner plugin.
import { executeServerCommand } from '@web/test-runner-commands';
import { setLogLevel } from 'livekit-client';
import type { CallSession, CallState } from '../../src/media/index.js';

export interface Grant {
  hidden?: boolean;
  canPublish?: boolean;
  canSubscribe?: boolean;
  canPublishData?: boolean;
}

export async function tokenFor(
  room: string,
  identity: string,
  options: { grant?: Grant; name?: string; attributes?: Record<string, string> } = {},
): Promise<{ url: string; token: string }> {
  return executeServerCommand('livekit-token', { room, identity, ...options });
}

export async function roomCommand(
  action: 'update-metadata' | 'remove-participant' | 'delete-room' | 'list-participants',
  room: string,
  extra: { identity?: string; metadata?: string } = {},
): Promise<{ ok: true; identities?: string[] }> {
  return executeServerCommand('livekit-room', { action, room, ...extra });
}

export function uniqueRoom(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Resolves with the first state (current or later) that satisfies `predicate`; fails after `timeoutMs`. */
export function waitForState(
  session: CallSession,
  predicate: (state: CallState) => boolean,
  timeoutMs = 15_000,
  label = 'state',
): Promise<CallState> {
  const current = session.getState();
  if (predicate(current)) return Promise.resolve(current);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${label}; last state: ${JSON.stringify(session.getState())}`));
    }, timeoutMs);
    const unsubscribe = session.subscribe((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    });
  });
}

/** Resolves once the `<video>` has presented a decoded frame; answers the time it took from `since`. */
export function firstFrame(video: HTMLVideoElement, since: number, timeoutMs = 15_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no video frame presented')), timeoutMs);
    video.requestVideoFrameCallback(() => {
      clearTimeout(timer);
      resolve(performance.now() - since);
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { sumStats } from './bit-rate.js';

// LiveKit logs every signalling step at info level; keep test output to what matters.
setLogLevel('warn');
