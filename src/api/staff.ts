// The staff part of the backend contract, as the console uses it (and portals, through `visit-kit/api`).
// Every call goes through the shared `VisitClient` (`client.api`, openapi-fetch, typed by the generated
// contract), so paths, parameters, bodies and answers are checked against the server's own schemas, and auth,
// Idempotency-Keys, retries and problem+json errors behave exactly as in the rest of the SDK.
import { responseBody, type VisitClient } from './client.js';
import type { components } from './contract.js';
import { VisitApiError } from './errors.js';
import type { StreamEvent } from './event-stream.js';

type Schemas = components['schemas'];

export type Visit = Schemas['Visit'];
export type StaffVisit = Schemas['StaffVisit'];
export type VisitType = StaffVisit['type'];
export type CallState = Schemas['CallState'];
export type CallStatus = CallState['status'];
export type Outcome = Schemas['OutcomeRequest']['outcome'];
export type RecordedOutcome = Schemas['RecordedOutcome'];
export type DenyReason = Schemas['DenyRequest']['reason'];
export type StaffEndReason = Schemas['EndRequest']['reason'];
export type MonitorToken = Schemas['MonitorToken'];
export type CallQuality = Schemas['CallQuality'];
export type Approvals = Schemas['Approvals'];
export type PendingLink = Schemas['PendingLink'];
export type PendingVisitor = Schemas['PendingVisitor'];
/** Pushed as `approvals` on `/staff/events` when a request joins or leaves the queue. */
export type ApprovalsChange = Schemas['ApprovalsChange'];
export type ApprovalKind = ApprovalsChange['kind'];
export type Decision = Schemas['DecisionRequest']['decision'];
export type ReviewDecision = Schemas['ReviewDecision']['decision'];
export type SessionTemplate = Schemas['SessionTemplate'];
export type SessionTemplateInput = Schemas['SessionTemplateCreate'];
/** A template's type cannot change (retire it and add another). */
export type SessionTemplatePatch = Schemas['SessionTemplatePatch'];
export type SessionTemplateChange = Schemas['SessionTemplateChange'];
export type ExcludedDate = Schemas['ExcludedDate'];
export type AuditEntry = Schemas['AuditEntry'];
export type DevicePairing = Schemas['DevicePairing'];
/** A kiosk or tablet of a person in this prison, paired or waiting for its code. */
export type Device = Schemas['Device'];
/** A family member's request to erase what is held about them, with what the prison holds. */
export type StaffErasureRequest = Schemas['StaffErasureRequest'];
export type ErasureStatus = StaffErasureRequest['status'];
export type ErasureDecision = Schemas['ErasureDecision']['decision'];
export type EnrolmentCodeIssued = Schemas['EnrolmentCodeIssued'];

// The lists the console offers, in the order it offers them; `satisfies` keeps them complete and exact.
export const DENY_REASONS = [
  'identity-not-confirmed',
  'not-on-booking',
  'behaviour',
  'technical',
  'other',
] as const satisfies readonly DenyReason[];

export const END_REASONS = [
  'behaviour',
  'security',
  'technical',
  'requested',
  'other',
] as const satisfies readonly StaffEndReason[];

export const OUTCOMES = [
  'completed',
  'visitor-no-show',
  'prisoner-no-show',
  'terminated',
  'technical-failure',
] as const satisfies readonly Outcome[];

/** `?confirm=true` where a planning change may strand booked visits. */
const confirmQuery = (confirm: boolean) => (confirm ? { confirm: 'true' as const } : {});

/** The visits a planning change would strand (`409 would-strand`), else undefined. */
export function strandedVisits(error: unknown): Visit[] | undefined {
  if (!(error instanceof VisitApiError) || error.code !== 'would-strand') return undefined;
  const list = (error.problem as Schemas['Problem']).affectedVisits;
  return Array.isArray(list) ? list : [];
}

/** The outcome already on a visit when recording another answered `409 already-recorded`, else undefined. */
export function recordedOutcome(error: unknown): RecordedOutcome | undefined {
  if (!(error instanceof VisitApiError) || error.code !== 'already-recorded') return undefined;
  return (error.problem as Schemas['Problem']).recordedOutcome;
}

/** The staff routes, bound to one client. */
export class StaffApi {
  constructor(readonly client: VisitClient) {}

  async visits(date: string, type: VisitType | '' = '', signal?: AbortSignal): Promise<StaffVisit[]> {
    const { data } = await this.client.api.GET('/staff/visits', {
      params: { query: type ? { date, type } : { date } },
      signal,
    });
    return responseBody(data);
  }

  /** Follows `/staff/events` until `signal` aborts. */
  events(
    signal: AbortSignal,
    onEvent: (event: StreamEvent) => void,
    onStatus?: (status: 'open' | 'reconnecting') => void,
  ): Promise<void> {
    return this.client.events('/staff/events', { signal, onEvent, onStatus });
  }

  async admit(visitId: string): Promise<CallState> {
    const { data } = await this.client.api.POST('/staff/visits/{visitId}/admit', {
      params: { path: { visitId } },
    });
    return responseBody(data);
  }

  async deny(visitId: string, reason: DenyReason, note?: string): Promise<CallState> {
    const { data } = await this.client.api.POST('/staff/visits/{visitId}/deny', {
      params: { path: { visitId } },
      body: { reason, ...(note ? { note } : {}) },
    });
    return responseBody(data);
  }

  async warn(visitId: string, message: string): Promise<CallState> {
    const { data } = await this.client.api.POST('/staff/visits/{visitId}/warn', {
      params: { path: { visitId } },
      body: { message },
    });
    return responseBody(data);
  }

  async end(visitId: string, reason: StaffEndReason, note?: string): Promise<CallState> {
    const { data } = await this.client.api.POST('/staff/visits/{visitId}/end', {
      params: { path: { visitId } },
      body: { reason, ...(note ? { note } : {}) },
    });
    return responseBody(data);
  }

  async incident(visitId: string, note: string): Promise<Schemas['Incident']> {
    const { data } = await this.client.api.POST('/staff/visits/{visitId}/incident', {
      params: { path: { visitId } },
      body: { note },
    });
    return responseBody(data);
  }

  /** Records the outcome; without `amend`, one already recorded answers `409 already-recorded`. */
  async outcome(visitId: string, outcome: Outcome, notes?: string, amend = false): Promise<Visit> {
    const { data } = await this.client.api.POST('/staff/visits/{visitId}/outcome', {
      params: { path: { visitId } },
      body: { outcome, ...(notes ? { notes } : {}), ...(amend ? { amend } : {}) },
    });
    return responseBody(data);
  }

  async monitorToken(visitId: string, lobby = false): Promise<MonitorToken> {
    const { data } = await this.client.api.POST('/staff/visits/{visitId}/monitor-token', {
      params: { path: { visitId }, query: lobby ? { lobby: 'true' } : {} },
    });
    return responseBody(data);
  }

  /** The call's quality evidence: each side's latest summary beside the lost-time credit. */
  async callQuality(visitId: string, signal?: AbortSignal): Promise<CallQuality> {
    const { data } = await this.client.api.GET('/staff/visits/{visitId}/call/quality', {
      params: { path: { visitId } },
      signal,
    });
    return responseBody(data);
  }

  async approvals(signal?: AbortSignal): Promise<Approvals> {
    const { data } = await this.client.api.GET('/staff/approvals', { signal });
    return responseBody(data);
  }

  async decide(kind: ApprovalKind, id: string, decision: Decision, reason?: string): Promise<void> {
    const body = { decision, ...(reason ? { reason } : {}) };
    if (kind === 'link') {
      await this.client.api.POST('/staff/links/{linkId}/decision', {
        params: { path: { linkId: id } },
        body,
      });
    } else if (kind === 'visitor') {
      await this.client.api.POST('/staff/visitors/{visitorId}/decision', {
        params: { path: { visitorId: id } },
        body,
      });
    } else {
      await this.client.api.POST('/staff/bookings/{visitId}/decision', {
        params: { path: { visitId: id } },
        body,
      });
    }
  }

  /** Future visits flagged for review after a change the prison system reported, soonest first. */
  async reviews(signal?: AbortSignal): Promise<StaffVisit[]> {
    const { data } = await this.client.api.GET('/staff/reviews', { signal });
    return responseBody(data);
  }

  /** Keeps a flagged visit (the flag clears) or cancels it; the family is told. `409`: already decided. */
  async decideReview(visitId: string, decision: ReviewDecision, note?: string): Promise<StaffVisit> {
    const { data } = await this.client.api.POST('/staff/visits/{visitId}/review', {
      params: { path: { visitId } },
      body: { decision, ...(note ? { note } : {}) },
    });
    return responseBody(data);
  }

  async templates(signal?: AbortSignal): Promise<SessionTemplate[]> {
    const { data } = await this.client.api.GET('/staff/session-templates', { signal });
    return responseBody(data);
  }

  async createTemplate(input: SessionTemplateInput): Promise<SessionTemplate> {
    const { data } = await this.client.api.POST('/staff/session-templates', { body: input });
    return responseBody(data);
  }

  /** Changes a template; without `confirm` a change that strands bookings rejects with `409 would-strand`. */
  async updateTemplate(
    id: string,
    changes: SessionTemplatePatch,
    confirm = false,
  ): Promise<SessionTemplateChange> {
    const { data } = await this.client.api.PATCH('/staff/session-templates/{id}', {
      params: { path: { id }, query: confirmQuery(confirm) },
      body: changes,
    });
    return responseBody(data);
  }

  async retireTemplate(id: string, confirm = false): Promise<SessionTemplateChange> {
    const { data } = await this.client.api.DELETE('/staff/session-templates/{id}', {
      params: { path: { id }, query: confirmQuery(confirm) },
    });
    return responseBody(data);
  }

  async excludedDates(signal?: AbortSignal): Promise<ExcludedDate[]> {
    const { data } = await this.client.api.GET('/staff/excluded-dates', { signal });
    return responseBody(data);
  }

  async excludeDate(entry: ExcludedDate, confirm = false): Promise<Schemas['ExcludedDateChange']> {
    const { data } = await this.client.api.POST('/staff/excluded-dates', {
      params: { query: confirmQuery(confirm) },
      body: entry,
    });
    return responseBody(data);
  }

  async removeExcludedDate(date: string): Promise<void> {
    await this.client.api.DELETE('/staff/excluded-dates/{date}', { params: { path: { date } } });
  }

  /** The visit's audit trail, newest first. */
  async audit(visitId: string, limit = 50, signal?: AbortSignal): Promise<AuditEntry[]> {
    const { data } = await this.client.api.GET('/staff/audit', {
      params: { query: { visitId, limit } },
      signal,
    });
    return responseBody(data);
  }

  /** A one-time code a kiosk or in-cell tablet signs in with, bound to one person in prison. */
  async pairDevice(prisonerId: string, label: string): Promise<DevicePairing> {
    const { data } = await this.client.api.POST('/staff/devices', { body: { prisonerId, label } });
    return responseBody(data);
  }

  /** The prison's kiosks and tablets, newest first. */
  async devices(signal?: AbortSignal): Promise<Device[]> {
    const { data } = await this.client.api.GET('/staff/devices', { signal });
    return responseBody(data);
  }

  /**
   * A single-use passkey set-up code for a colleague of this prison (their first passkey, or a lost one;
   * `revokeExisting` removes their passkeys and signs them out now).
   */
  async issueEnrolmentCode(email: string, revokeExisting: boolean): Promise<EnrolmentCodeIssued> {
    const { data } = await this.client.api.POST('/staff/passkey-enrolments', {
      body: { email, revokeExisting },
    });
    return responseBody(data);
  }

  /** Removes a device: its sessions, open streams included, end within seconds. */
  async removeDevice(deviceId: string): Promise<void> {
    await this.client.api.DELETE('/staff/devices/{deviceId}', { params: { path: { deviceId } } });
  }

  /** Erasure requests from people whose data this prison holds (`status`: only those). */
  async erasureRequests(status?: ErasureStatus, signal?: AbortSignal): Promise<StaffErasureRequest[]> {
    const { data } = await this.client.api.GET('/staff/erasure-requests', {
      params: { query: status ? { status } : {} },
      signal,
    });
    return responseBody(data);
  }

  /** Erases (keeping what a legal hold or an incident keeps) or refuses with a reason the family is shown. */
  async decideErasure(requestId: string, decision: ErasureDecision, reason?: string): Promise<void> {
    await this.client.api.POST('/staff/erasure-requests/{requestId}/decision', {
      params: { path: { requestId } },
      body: { decision, ...(reason ? { reason } : {}) },
    });
  }
}
