// The staff part of the backend contract, as the console uses it. Every call goes through the shared
// `VisitClient` (`client.api`, openapi-fetch), so auth, Idempotency-Keys, retries and problem+json errors
// behave exactly as in the rest of the SDK. The types below are the console's view of the contract's schemas;
// `ContractFits` at the end fails to compile if the generated `src/api/contract.d.ts` stops fitting them.
// Paths are called relative to the client's `/api/v1` base: the generated `paths` carry the `/api/v1` prefix,
// so openapi-fetch's path typing cannot be used until the two agree (see `call()`).
import type { VisitClient } from '../../api/client.js';
import type { components } from '../../api/contract.js';
import { VisitApiError } from '../../api/errors.js';
import type { StreamEvent } from '../../api/event-stream.js';

export type VisitType = 'video' | 'in-person';

export type CallStatus =
  'not-open' | 'open' | 'waiting' | 'checking' | 'admitted' | 'denied' | 'in-call' | 'ended';

export type EndReason = 'time-up' | 'ended-by-staff' | 'connection-lost' | 'left';

export interface CallState {
  visitId: string;
  status: CallStatus;
  opensAt?: string;
  startsAt?: string;
  endsAt?: string;
  creditedSeconds?: number;
  denyReason?: string;
  endReason?: EndReason;
  endNote?: string;
  staffReason?: string;
  denyNote?: string;
  knockedAt?: string;
  prisonerReady?: boolean;
  warnings?: { message: string; at: string }[];
}

export interface VisitVisitor {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
  age?: number;
  lead?: boolean;
  relationship?: string;
}

export type Outcome =
  'completed' | 'visitor-no-show' | 'prisoner-no-show' | 'terminated' | 'technical-failure';

export interface Visit {
  id: string;
  reference: string;
  type: VisitType;
  status: 'booked' | 'requested' | 'cancelled' | 'completed' | 'held';
  subStatus?: string;
  start: string;
  end: string;
  prison?: { code: string; name: string; timezone: string };
  prisoner: { id: string; firstName: string; lastName: string; prisonNumber?: string };
  visitors: VisitVisitor[];
  supportNeeds?: string;
  outcome?: Outcome | { outcome: Outcome; notes?: string; reason?: string } | null;
  call?: { opensAt: string; endsAt: string };
}

/** Relationship per visitor: the outline says "links: relationship per visitor" without fixing a shape. */
export type VisitorLinks = Record<string, string> | { visitorId: string; relationship: string }[] | undefined;

export interface StaffVisit extends Visit {
  callState?: CallState;
  knockedAt?: string;
  links?: VisitorLinks;
}

export type DenyReason = 'identity-not-confirmed' | 'not-on-booking' | 'behaviour' | 'technical' | 'other';
export const DENY_REASONS: readonly DenyReason[] = [
  'identity-not-confirmed',
  'not-on-booking',
  'behaviour',
  'technical',
  'other',
];

export type StaffEndReason = 'behaviour' | 'security' | 'technical' | 'requested' | 'other';
export const END_REASONS: readonly StaffEndReason[] = [
  'behaviour',
  'security',
  'technical',
  'requested',
  'other',
];

export const OUTCOMES: readonly Outcome[] = [
  'completed',
  'visitor-no-show',
  'prisoner-no-show',
  'terminated',
  'technical-failure',
];

export interface MonitorToken {
  url: string;
  token: string;
  room: string;
  identity: string;
}

export interface PersonSummary {
  id?: string;
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
}

export interface PrisonerSummary {
  id?: string;
  firstName?: string;
  lastName?: string;
  prisonNumber?: string;
}

/** A visitor asking to be linked to a person in prison. */
export interface LinkRequest {
  id: string;
  relationship?: string;
  /** Whether the details the family gave matched a person in this prison. */
  matched?: boolean;
  createdAt?: string;
  visitor?: PersonSummary;
  /** What the family typed (prison number, names, date of birth). */
  claimed?: PrisonerSummary & { dateOfBirth?: string };
  /** The person in prison it matched (absent when nothing matched). */
  prisoner?: PrisonerSummary;
}

/** An additional visitor a lead visitor wants to bring. */
export interface VisitorRequest extends PersonSummary {
  id: string;
  relationship?: string;
  linkId?: string;
  prisonerId?: string;
}

export interface Approvals {
  links: LinkRequest[];
  visitors: VisitorRequest[];
  bookings: Visit[];
}

export type ApprovalKind = 'link' | 'visitor' | 'booking';

export interface SessionTemplate {
  id: string;
  type: VisitType;
  /** 0 = Sunday. */
  dayOfWeek: number;
  startTime: string;
  endTime: string;
  validFrom: string;
  validTo?: string | null;
  capacity: number;
  active?: boolean;
}

export type SessionTemplateInput = Omit<SessionTemplate, 'id' | 'active'>;
/** A template's type cannot change (retire it and add another). */
export type SessionTemplatePatch = Partial<Omit<SessionTemplateInput, 'type'>>;

export interface ExcludedDate {
  date: string;
  reason: string;
}

export interface AuditEntry {
  at: string;
  actor: string;
  role: string;
  action: string;
  subject: string;
  channel?: string;
  details?: unknown;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface RequestInit {
  params?: { path?: Record<string, string>; query?: Record<string, string | number | boolean | undefined> };
  body?: unknown;
  signal?: AbortSignal;
}
type LooseClient = Record<Method, (path: string, init?: RequestInit) => Promise<{ data?: unknown }>>;

/**
 * One call of the contract. The cast goes when `src/api/contract.d.ts` is generated with the staff routes:
 * then these calls are checked against the server's own schemas.
 */
async function call<T>(
  client: VisitClient,
  method: Method,
  path: string,
  init: RequestInit = {},
): Promise<T> {
  const api = client.api as unknown as LooseClient;
  const { data } = await api[method](path, init);
  return data as T;
}

/** Problem extensions listing the visits a planning change would strand (`409 would-strand`). */
export function strandedVisits(error: unknown): Visit[] | undefined {
  if (!(error instanceof VisitApiError) || error.code !== 'would-strand') return undefined;
  const problem = error.problem as Record<string, unknown>;
  const list = problem.affectedVisits ?? problem.visits ?? problem.stranded;
  return Array.isArray(list) ? (list as Visit[]) : [];
}

const DECISION_ROUTES: Record<ApprovalKind, [string, string]> = {
  link: ['/staff/links/{linkId}/decision', 'linkId'],
  visitor: ['/staff/visitors/{visitorId}/decision', 'visitorId'],
  booking: ['/staff/bookings/{visitId}/decision', 'visitId'],
};

/** The staff routes, bound to one client. */
export class StaffApi {
  constructor(readonly client: VisitClient) {}

  visits(date: string, type: VisitType | '' = '', signal?: AbortSignal): Promise<StaffVisit[]> {
    const query: Record<string, string> = { date };
    if (type) query.type = type;
    return call(this.client, 'GET', '/staff/visits', { params: { query }, signal });
  }

  visit(visitId: string, signal?: AbortSignal): Promise<Visit> {
    return call(this.client, 'GET', '/visits/{visitId}', { params: { path: { visitId } }, signal });
  }

  /** Follows `/staff/events` until `signal` aborts. */
  events(
    signal: AbortSignal,
    onEvent: (event: StreamEvent) => void,
    onStatus?: (status: 'open' | 'reconnecting') => void,
  ): Promise<void> {
    return this.client.events('/staff/events', { signal, onEvent, onStatus });
  }

  admit(visitId: string): Promise<CallState> {
    return this.#visitAction(visitId, 'admit');
  }

  deny(visitId: string, reason: DenyReason, note?: string): Promise<CallState> {
    return this.#visitAction(visitId, 'deny', { reason, ...(note ? { note } : {}) });
  }

  warn(visitId: string, message: string): Promise<unknown> {
    return this.#visitAction(visitId, 'warn', { message });
  }

  end(visitId: string, reason: StaffEndReason, note?: string): Promise<CallState> {
    return this.#visitAction(visitId, 'end', { reason, ...(note ? { note } : {}) });
  }

  incident(visitId: string, note: string): Promise<unknown> {
    return this.#visitAction(visitId, 'incident', { note });
  }

  outcome(visitId: string, outcome: Outcome, notes?: string): Promise<unknown> {
    return this.#visitAction(visitId, 'outcome', { outcome, ...(notes ? { notes } : {}) });
  }

  monitorToken(visitId: string, lobby = false): Promise<MonitorToken> {
    return call(this.client, 'POST', '/staff/visits/{visitId}/monitor-token', {
      params: { path: { visitId }, query: lobby ? { lobby: true } : {} },
      body: {},
    });
  }

  approvals(signal?: AbortSignal): Promise<Approvals> {
    return call(this.client, 'GET', '/staff/approvals', { signal });
  }

  decide(kind: ApprovalKind, id: string, decision: 'approve' | 'reject', reason?: string): Promise<unknown> {
    const [path, key] = DECISION_ROUTES[kind];
    const params = { path: { [key]: id } };
    return call(this.client, 'POST', path, { params, body: { decision, ...(reason ? { reason } : {}) } });
  }

  templates(signal?: AbortSignal): Promise<SessionTemplate[]> {
    return call(this.client, 'GET', '/staff/session-templates', { signal });
  }

  createTemplate(input: SessionTemplateInput): Promise<SessionTemplate> {
    return call(this.client, 'POST', '/staff/session-templates', { body: input });
  }

  /** Changes a template; without `confirm` a change that strands bookings rejects with `409 would-strand`. */
  updateTemplate(
    id: string,
    changes: SessionTemplatePatch,
    confirm = false,
  ): Promise<{ template: SessionTemplate; affectedVisits: Visit[] }> {
    return call(this.client, 'PATCH', '/staff/session-templates/{id}', {
      params: { path: { id }, query: confirm ? { confirm: true } : {} },
      body: changes,
    });
  }

  retireTemplate(
    id: string,
    confirm = false,
  ): Promise<{ template: SessionTemplate; affectedVisits: Visit[] }> {
    return call(this.client, 'DELETE', '/staff/session-templates/{id}', {
      params: { path: { id }, query: confirm ? { confirm: true } : {} },
    });
  }

  excludedDates(signal?: AbortSignal): Promise<ExcludedDate[]> {
    return call(this.client, 'GET', '/staff/excluded-dates', { signal });
  }

  excludeDate(entry: ExcludedDate, confirm = false): Promise<unknown> {
    return call(this.client, 'POST', '/staff/excluded-dates', {
      params: { query: confirm ? { confirm: true } : {} },
      body: entry,
    });
  }

  removeExcludedDate(date: string): Promise<unknown> {
    return call(this.client, 'DELETE', '/staff/excluded-dates/{date}', { params: { path: { date } } });
  }

  audit(visitId: string, limit = 50, signal?: AbortSignal): Promise<AuditEntry[]> {
    return call(this.client, 'GET', '/staff/audit', { params: { query: { visitId, limit } }, signal });
  }

  #visitAction<T>(visitId: string, action: string, body: unknown = {}): Promise<T> {
    return call(this.client, 'POST', `/staff/visits/{visitId}/${action}`, {
      params: { path: { visitId } },
      body,
    });
  }
}

// Compile-time check: what the generated contract says the backend answers fits the console's types.
type Schemas = components['schemas'];
type Fits<Contract, Ours> = Contract extends Ours ? true : never;
export type ContractFits = [
  Fits<Schemas['StaffVisit'], StaffVisit>,
  Fits<Schemas['CallState'], CallState>,
  Fits<Schemas['Approvals'], Approvals>,
  Fits<Schemas['SessionTemplate'], SessionTemplate>,
  Fits<Schemas['ExcludedDate'], ExcludedDate>,
  Fits<Schemas['MonitorToken'], MonitorToken>,
  Fits<Schemas['AuditEntry'], AuditEntry>,
  Fits<Schemas['EndRequest']['reason'], StaffEndReason>,
  Fits<StaffEndReason, Schemas['EndRequest']['reason']>,
  Fits<Schemas['DenyRequest']['reason'], DenyReason>,
  Fits<Schemas['OutcomeRequest']['outcome'], Outcome>,
];
const contractFits: ContractFits = [true, true, true, true, true, true, true, true, true, true, true];
void contractFits;
