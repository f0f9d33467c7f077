// The family's side of the contract (docs/contract-outline.md), shared by <visit-booking> and <visit-my-visits>.
// Every call goes through VisitClient (auth, Idempotency-Key, retries, VisitApiError) and takes an AbortSignal.
import type { VisitClient } from '../../api/client.js';
import type { components } from '../../api/contract.js';

type Schemas = components['schemas'];

export type VisitType = Schemas['Slot']['type'];
export type Prison = Schemas['Prison'];
/** A link between the family and a person in prison (`prisoner.id` and names only once approved). */
export type PrisonerLink = Schemas['Link'];
export type LinkRequest = Schemas['LinkCreate'];
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
export type VisitScope = 'upcoming' | 'past' | 'cancelled';
/** The reasons a family may give (the contract has more, for staff). */
export type CancelReason = Extract<
  Schemas['CancelRequest']['reason'],
  'booker-cancelled' | 'prisoner-cancelled'
>;
export type SignedIn = Schemas['Session'];

type Query = Record<string, string | number | undefined>;

/**
 * Thin typed wrappers over `client.api`. The payload types come from the generated contract
 * (`components['schemas']`). The paths are called relative to the client's `/api/v1` base; the generated
 * `paths` carry the `/api/v1` prefix, so openapi-fetch's path typing cannot be used until the two agree.
 */
interface LooseApi {
  GET(path: string, init: LooseInit): Promise<{ data?: unknown }>;
  POST(path: string, init: LooseInit): Promise<{ data?: unknown }>;
  DELETE(path: string, init: LooseInit): Promise<{ data?: unknown }>;
}
interface LooseInit {
  params?: { path?: Record<string, string>; query?: Query };
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function api(client: VisitClient): LooseApi {
  return client.api as unknown as LooseApi;
}

export async function requestCode(client: VisitClient, email: string, signal?: AbortSignal): Promise<void> {
  await api(client).POST('/auth/code', { body: { email }, signal });
}

export async function verifyCode(
  client: VisitClient,
  email: string,
  code: string,
  signal?: AbortSignal,
): Promise<SignedIn> {
  const { data } = await api(client).POST('/auth/verify', { body: { email, code }, signal });
  return data as SignedIn;
}

export async function getMe(client: VisitClient, signal?: AbortSignal): Promise<SignedIn['user']> {
  const { data } = await api(client).GET('/me', { signal });
  return data as SignedIn['user'];
}

export async function listPrisons(client: VisitClient, signal?: AbortSignal): Promise<Prison[]> {
  const { data } = await api(client).GET('/prisons', { signal });
  return data as Prison[];
}

export async function listLinks(client: VisitClient, signal?: AbortSignal): Promise<PrisonerLink[]> {
  const { data } = await api(client).GET('/links', { signal });
  return data as PrisonerLink[];
}

export async function requestLink(
  client: VisitClient,
  body: LinkRequest,
  signal?: AbortSignal,
): Promise<{ id: string; status: 'requested' }> {
  const { data } = await api(client).POST('/links', { body, signal });
  return data as { id: string; status: 'requested' };
}

export async function listVisitors(
  client: VisitClient,
  linkId: string,
  signal?: AbortSignal,
): Promise<ApprovedVisitor[]> {
  const { data } = await api(client).GET('/links/{linkId}/visitors', {
    params: { path: { linkId } },
    signal,
  });
  return data as ApprovedVisitor[];
}

export async function getAllowance(
  client: VisitClient,
  prisonerId: string,
  signal?: AbortSignal,
): Promise<Allowance> {
  const { data } = await api(client).GET('/prisoners/{prisonerId}/allowance', {
    params: { path: { prisonerId } },
    signal,
  });
  return data as Allowance;
}

export async function getAvailability(
  client: VisitClient,
  prisonerId: string,
  query: { type: VisitType; from: string; to: string },
  signal?: AbortSignal,
): Promise<Availability> {
  const { data } = await api(client).GET('/prisoners/{prisonerId}/availability', {
    params: { path: { prisonerId }, query },
    signal,
  });
  return data as Availability;
}

export async function createHold(
  client: VisitClient,
  body: { prisonerId: string; slotId: string },
  signal?: AbortSignal,
): Promise<Hold> {
  const { data } = await api(client).POST('/holds', { body, signal });
  return data as Hold;
}

export async function releaseHold(client: VisitClient, holdId: string, signal?: AbortSignal): Promise<void> {
  await api(client).DELETE('/holds/{holdId}', { params: { path: { holdId } }, signal });
}

/** `idempotencyKey`: one per confirm attempt, reused when the family retries after a network failure. */
export async function createBooking(
  client: VisitClient,
  body: BookingRequest,
  idempotencyKey: string,
  signal?: AbortSignal,
): Promise<Visit> {
  const { data } = await api(client).POST('/bookings', {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
    signal,
  });
  return data as Visit;
}

export async function listVisits(
  client: VisitClient,
  scope: VisitScope,
  signal?: AbortSignal,
): Promise<Visit[]> {
  const { data } = await api(client).GET('/visits', { params: { query: { scope } }, signal });
  return data as Visit[];
}

export async function changeVisit(
  client: VisitClient,
  visitId: string,
  holdId: string,
  signal?: AbortSignal,
): Promise<Visit> {
  const { data } = await api(client).POST('/visits/{visitId}/change', {
    params: { path: { visitId } },
    body: { holdId },
    signal,
  });
  return data as Visit;
}

export async function cancelVisit(
  client: VisitClient,
  visitId: string,
  body: { reason: CancelReason; note?: string },
  signal?: AbortSignal,
): Promise<Visit> {
  const { data } = await api(client).POST('/visits/{visitId}/cancel', {
    params: { path: { visitId } },
    body,
    signal,
  });
  return data as Visit;
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
