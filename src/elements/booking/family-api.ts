// The family's side of the contract (docs/contract-outline.md), shared by <visit-booking> and <visit-my-visits>.
// Every call goes through VisitClient (auth, Idempotency-Key, retries, VisitApiError) and takes an AbortSignal.
import type { VisitClient } from '../../api/client.js';

export type VisitType = 'video' | 'in-person';

export interface Prison {
  code: string;
  name: string;
  timezone: string;
  visitTypes: VisitType[];
  limits: {
    maxTotalVisitors: number;
    maxAdultVisitors: number;
    maxChildVisitors: number;
    adultAgeYears: number;
  };
  bookingWindow: { minNoticeDays: number; maxNoticeDays: number };
}

export interface PrisonerLink {
  id: string;
  status: 'requested' | 'approved' | 'rejected';
  relationship: string;
  prisoner: {
    id: string;
    firstName?: string;
    lastName?: string;
    prisonNumber: string;
    prisonCode: string;
    prisonName: string;
  };
  rejectionReason?: string;
  restrictions: { closedVisits: boolean; bannedUntil?: string };
}

export interface LinkRequest {
  prisonCode: string;
  prisonNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  relationship: string;
}

export interface ApprovedVisitor {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  status: 'requested' | 'approved' | 'rejected';
  bannedUntil?: string;
  lead?: boolean;
}

export interface Allowance {
  remaining: number;
  periodEnds?: string;
  nextAllocation?: string;
}

export interface Slot {
  id: string;
  start: string;
  end: string;
  type: VisitType;
  capacity: number;
  remaining: number;
}

export type UnavailableReason = 'excluded' | 'outside-window' | 'no-sessions';

export interface AvailabilityDay {
  date: string;
  sessions: Slot[];
  unavailableReason?: UnavailableReason;
}

export interface Availability {
  timezone: string;
  days: AvailabilityDay[];
}

export interface Hold {
  id: string;
  slotId: string;
  start: string;
  end: string;
  expiresAt: string;
}

export interface Contact {
  email?: string;
  phone?: string;
  welshUpdates?: boolean;
}

export interface BookingRequest {
  holdId: string;
  visitorIds: string[];
  supportNeeds?: string;
  contact: Contact;
}

export type VisitStatus = 'booked' | 'requested' | 'cancelled' | 'completed';

export interface Visit {
  id: string;
  reference: string;
  type: VisitType;
  status: VisitStatus;
  subStatus?: string;
  start: string;
  end: string;
  prison: { code: string; name: string; timezone: string };
  prisoner: { id: string; firstName: string; lastName: string };
  visitors: {
    id: string;
    firstName: string;
    lastName: string;
    dateOfBirth?: string;
    age?: number;
    lead?: boolean;
  }[];
  supportNeeds?: string;
  contact?: Contact;
  cancellation?: { reason: string; note?: string; at: string };
  outcome?: string;
  call?: { opensAt: string; endsAt: string };
}

export type VisitScope = 'upcoming' | 'past' | 'cancelled';

export type CancelReason = 'booker-cancelled' | 'prisoner-cancelled';

export interface SignedIn {
  token: string;
  expiresAt: string;
  user: { id: string; role: 'visitor' | 'staff' | 'prisoner'; email?: string; language?: string };
}

type Query = Record<string, string | number | undefined>;

/**
 * Thin typed wrappers over `client.api`. Until the generated contract lands the paths are not typed by
 * openapi-fetch, so the payload types above (from the contract outline) carry the types.
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
