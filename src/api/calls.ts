// The video-call half of the contract, used by <visit-waiting-room> and <visit-call> (and by any portal through
// `visit-kit/api`): call state, knock, tokens (with the server-clock reference), and the visit's event stream.
// Typed through `client.api` like family.ts and staff.ts. No media code here: the elements load the media layer
// separately, with dynamic imports (elements/shared/media-loader.ts).
import { responseBody, type VisitClient } from './client.js';
import type { components } from './contract.js';
import type { StreamEvent } from './event-stream.js';
import { listVisits, type Visit } from './family.js';

type Schemas = components['schemas'];
export type CallStateDto = Schemas['CallState'];
export type CallStatus = CallStateDto['status'];
export type CallToken = Schemas['CallToken'];
export type { Visit };

export interface StaffWarningDto {
  message: string;
  at: string;
}

/** The `ended` event of the visit stream. */
export interface EndedDto {
  reason: NonNullable<CallStateDto['endReason']>;
  note?: string;
  staffReason?: string;
}

/** A token answer with the local times around the request (for `clock.observe`). */
export interface TimedToken {
  token: CallToken;
  sentAt: number;
  receivedAt: number;
}

export async function getVisit(client: VisitClient, visitId: string, signal?: AbortSignal): Promise<Visit> {
  const { data } = await client.api.GET('/visits/{visitId}', { params: { path: { visitId } }, signal });
  return responseBody(data);
}

export async function getCallState(
  client: VisitClient,
  visitId: string,
  signal?: AbortSignal,
): Promise<CallStateDto> {
  const { data } = await client.api.GET('/visits/{visitId}/call', { params: { path: { visitId } }, signal });
  return responseBody(data);
}

export async function knock(
  client: VisitClient,
  visitId: string,
  signal?: AbortSignal,
): Promise<CallStateDto> {
  const { data } = await client.api.POST('/visits/{visitId}/call/knock', {
    params: { path: { visitId } },
    signal,
  });
  return responseBody(data);
}

/** Sends this side's connection summary (call-quality evidence; see src/media/quality.ts). */
export async function sendQuality(
  client: VisitClient,
  visitId: string,
  summary: components['schemas']['QualitySummary'],
): Promise<void> {
  await client.api.POST('/visits/{visitId}/call/quality', { params: { path: { visitId } }, body: summary });
}

export async function requestToken(
  client: VisitClient,
  visitId: string,
  signal?: AbortSignal,
): Promise<TimedToken> {
  const sentAt = Date.now();
  const { data } = await client.api.POST('/visits/{visitId}/call/token', {
    params: { path: { visitId } },
    signal,
  });
  return { token: responseBody(data), sentAt, receivedAt: Date.now() };
}

/**
 * The next video visit of the signed-in person (a kiosk's "my next visit"): the earliest upcoming booked
 * video visit whose call has not ended or been refused (such a visit stays "upcoming" until its end time).
 */
export async function nextVideoVisit(client: VisitClient, signal?: AbortSignal): Promise<Visit | undefined> {
  const visits = await listVisits(client, 'upcoming', signal);
  const candidates = visits
    .filter((visit) => visit.type === 'video' && visit.status === 'booked')
    .sort((a, b) => a.start.localeCompare(b.start));
  for (const visit of candidates) {
    const state = await getCallState(client, visit.id, signal).catch(() => undefined);
    if (state?.status !== 'ended' && state?.status !== 'denied') return visit;
  }
  return undefined;
}

export interface FollowHandlers {
  onState(state: CallStateDto): void;
  onWarning?(warning: StaffWarningDto): void;
  onEnded?(ended: EndedDto): void;
  onStatus?(status: 'open' | 'reconnecting'): void;
}

/**
 * Follows `/visits/{id}/events` until `signal` aborts (the client reconnects with backoff). Resolves when it
 * stops; rejects on authorisation failures.
 */
export function followVisit(
  client: VisitClient,
  visitId: string,
  signal: AbortSignal,
  handlers: FollowHandlers,
): Promise<void> {
  return client.events(`/visits/${encodeURIComponent(visitId)}/events`, {
    signal,
    onEvent(event: StreamEvent) {
      if (event.event === 'state') handlers.onState(event.data as CallStateDto);
      else if (event.event === 'warning') handlers.onWarning?.(event.data as StaffWarningDto);
      else if (event.event === 'ended') handlers.onEnded?.(event.data as EndedDto);
    },
    ...(handlers.onStatus ? { onStatus: handlers.onStatus } : {}),
  });
}
