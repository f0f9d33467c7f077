// The family's side of the contract (docs/contract-outline.md), used by <visit-booking>, <visit-my-visits> and
// <visit-session-calendar>, and by portals through `visit-kit/api`.
// Every call goes through VisitClient (auth, Idempotency-Key, retries, VisitApiError) and takes an AbortSignal.
import { responseBody, type VisitClient } from './client.js';
import type { components } from './contract.js';

type Schemas = components['schemas'];

export type VisitType = Schemas['Slot']['type'];
export type Prison = Schemas['Prison'];
/** A link between the family and a person in prison (`prisoner.id` and names only once approved). */
export type PrisonerLink = Schemas['Link'];
export type ApprovedVisitor = Schemas['LinkVisitor'];
export type Allowance = Schemas['Allowance'];
export type Slot = Schemas['Slot'];
export type Availability = Schemas['Availability'];
export type AvailabilityDay = Availability['days'][number];
export type UnavailableReason = NonNullable<AvailabilityDay['unavailableReason']>;
export type Hold = Schemas['Hold'];
export type Contact = Schemas['Contact'];
export type BookingRequest = Schemas['BookingCreate'];
export type Visit = Schemas['Visit'];
export type VisitStatus = Visit['status'];
/** How a video visit's call ended, recorded by the server (then the visit is `completed`). */
export type CallOutcome = Schemas['CallOutcome'];
export type CallResult = CallOutcome['result'];
/** Pushed as `link` on `/family/events` when the prison decides one of the family's links or visitors. */
export interface FamilyLinkChange {
  kind: 'link' | 'visitor';
  id: string;
  status: 'approved' | 'rejected';
}
export type VisitScope = 'upcoming' | 'past' | 'cancelled';
/** The reasons a family may give (the contract has more, for staff). */
export type CancelReason = Extract<
  Schemas['CancelRequest']['reason'],
  'booker-cancelled' | 'prisoner-cancelled'
>;
// Signing in (the code, the emailed link), signing out and who is signed in: their own module, so a page that
// only shows the sign-in screen loads just these (re-exported here, where every caller finds them).
export {
  getMe,
  requestCode,
  signInLinkToken,
  signInWithLink,
  signOut,
  verifyCode,
  type SignedIn,
} from './family-sign-in.js';
// Asking the prison to link a person or add a visitor: their own module too, loaded by the booking journey only
// when a family asks (re-exported here as well).
export { requestLink, requestVisitor, type LinkRequest, type VisitorRequest } from './family-requests.js';

export async function listPrisons(client: VisitClient, signal?: AbortSignal): Promise<Prison[]> {
  const { data } = await client.api.GET('/prisons', { signal });
  return responseBody(data);
}

export async function listLinks(client: VisitClient, signal?: AbortSignal): Promise<PrisonerLink[]> {
  const { data } = await client.api.GET('/links', { signal });
  return responseBody(data);
}

export async function listVisitors(
  client: VisitClient,
  linkId: string,
  signal?: AbortSignal,
): Promise<ApprovedVisitor[]> {
  const { data } = await client.api.GET('/links/{linkId}/visitors', {
    params: { path: { linkId } },
    signal,
  });
  return responseBody(data);
}

export async function getAllowance(
  client: VisitClient,
  prisonerId: string,
  signal?: AbortSignal,
): Promise<Allowance> {
  const { data } = await client.api.GET('/prisoners/{prisonerId}/allowance', {
    params: { path: { prisonerId } },
    signal,
  });
  return responseBody(data);
}

export async function getAvailability(
  client: VisitClient,
  prisonerId: string,
  query: { type: VisitType; from: string; to: string },
  signal?: AbortSignal,
): Promise<Availability> {
  const { data } = await client.api.GET('/prisoners/{prisonerId}/availability', {
    params: { path: { prisonerId }, query },
    signal,
  });
  return responseBody(data);
}

export async function createHold(
  client: VisitClient,
  body: { prisonerId: string; slotId: string },
  signal?: AbortSignal,
): Promise<Hold> {
  const { data } = await client.api.POST('/holds', { body, signal });
  return responseBody(data);
}

/** 10 more minutes on a hold, once (the backend answers `conflict` to a second ask). */
export async function extendHold(client: VisitClient, holdId: string, signal?: AbortSignal): Promise<Hold> {
  const { data } = await client.api.POST('/holds/{holdId}/extend', { params: { path: { holdId } }, signal });
  return responseBody(data);
}

export async function releaseHold(client: VisitClient, holdId: string, signal?: AbortSignal): Promise<void> {
  await client.api.DELETE('/holds/{holdId}', { params: { path: { holdId } }, signal });
}

/** `idempotencyKey`: one per confirm attempt, reused when the family retries after a network failure. */
export async function createBooking(
  client: VisitClient,
  body: BookingRequest,
  idempotencyKey: string,
  signal?: AbortSignal,
): Promise<Visit> {
  const { data } = await client.api.POST('/bookings', {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
    signal,
  });
  return responseBody(data);
}

export async function listVisits(
  client: VisitClient,
  scope: VisitScope,
  signal?: AbortSignal,
): Promise<Visit[]> {
  const { data } = await client.api.GET('/visits', { params: { query: { scope } }, signal });
  return responseBody(data);
}

export async function changeVisit(
  client: VisitClient,
  visitId: string,
  holdId: string,
  signal?: AbortSignal,
): Promise<Visit> {
  const { data } = await client.api.POST('/visits/{visitId}/change', {
    params: { path: { visitId } },
    body: { holdId },
    signal,
  });
  return responseBody(data);
}

export async function cancelVisit(
  client: VisitClient,
  visitId: string,
  body: { reason: CancelReason; note?: string },
  signal?: AbortSignal,
): Promise<Visit> {
  const { data } = await client.api.POST('/visits/{visitId}/cancel', {
    params: { path: { visitId } },
    body,
    signal,
  });
  return responseBody(data);
}

export interface FamilyHandlers {
  /** One of the family's visits changed (booked, changed, cancelled, approved, its call ended). */
  onVisit?(visit: Visit): void;
  onLink?(change: FamilyLinkChange): void;
  onStatus?(status: 'open' | 'reconnecting'): void;
}

/**
 * Follows the family's own stream, `/family/events`, until `signal` aborts (the client reconnects with
 * backoff). Rejects on authorisation failures, and with 404 from a backend without the stream.
 */
export function followFamily(
  client: VisitClient,
  signal: AbortSignal,
  handlers: FamilyHandlers,
): Promise<void> {
  return client.events('/family/events', {
    signal,
    onEvent(event) {
      if (event.event === 'visit') handlers.onVisit?.(event.data as Visit);
      else if (event.event === 'link') handlers.onLink?.(event.data as FamilyLinkChange);
    },
    ...(handlers.onStatus ? { onStatus: handlers.onStatus } : {}),
  });
}

export type SubjectExport = Schemas['SubjectExport'];
export type ErasureRequest = Schemas['ErasureRequest'];

/**
 * Everything the server holds about the signed-in family member (subject access), as a file: `json` (the
 * `SubjectExport` shape) or `html` (a readable page). A non-JSON route as a download, so through `client.send`.
 */
export async function downloadMyData(
  client: VisitClient,
  format: 'json' | 'html',
  signal?: AbortSignal,
): Promise<Blob> {
  const response = await client.send(
    new Request(`${client.baseUrl}/api/v1/family/me/export?format=${format}`, {
      headers: { accept: format === 'html' ? 'text/html' : 'application/json' },
      signal,
    }),
  );
  return response.blob();
}

/** The family member's newest erasure request, or null when they have never asked. */
export async function latestErasure(
  client: VisitClient,
  signal?: AbortSignal,
): Promise<ErasureRequest | null> {
  const { data } = await client.api.GET('/family/me/erasure', { signal });
  return responseBody(data).request;
}

/** Asks for everything held about the signed-in family member to be erased (staff decide). */
export async function requestErasure(client: VisitClient, signal?: AbortSignal): Promise<ErasureRequest> {
  const { data } = await client.api.POST('/family/me/erasure', { signal });
  return responseBody(data);
}

/** The visit as an iCalendar file (a non-JSON route, so it goes through `client.send`). */
export async function downloadCalendar(
  client: VisitClient,
  visitId: string,
  signal?: AbortSignal,
): Promise<Blob> {
  const response = await client.send(
    new Request(`${client.baseUrl}/api/v1/visits/${encodeURIComponent(visitId)}/calendar.ics`, {
      headers: { accept: 'text/calendar' },
      signal,
    }),
  );
  return response.blob();
}
