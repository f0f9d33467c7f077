// Staff-side fixtures on top of the shared fake backend (./fake-api.ts): a prison day of visits, the
// `/staff/events` stream (push events from the test with `events.push`), approvals and planning data.
import { VisitClient } from '../../src/api/client.js';
import { clockFrom } from '../../src/api/clock.js';
import type {
  Approvals,
  CallState,
  ExcludedDate,
  Outcome,
  RecordedOutcome,
  SessionTemplate,
  StaffVisit,
} from '../../src/api/staff.js';
import { fakeApi, problem, type FakeApi, type FakeRoutes } from './fake-api.js';

export const DAY = '2026-12-01';
export const TZ = 'Europe/London';
/**
 * The console's "now" in these fixtures: the morning of DAY, before its first session, whatever day the suite
 * runs on (the element reads the time from its client's clock, never the device's).
 */
export const clock = clockFrom(`${DAY}T08:00:00.000Z`);

const prison = { code: 'NMI', name: 'HMP Northmoor', timezone: TZ };

/** A staff visit on DAY (December: London = UTC), with sensible defaults. */
export function visit(id: string, overrides: Partial<StaffVisit> = {}): StaffVisit {
  const start = overrides.start ?? `${DAY}T14:00:00.000Z`;
  const end = overrides.end ?? `${DAY}T14:30:00.000Z`;
  return {
    id,
    reference: `REF${id.toUpperCase().padStart(5, 'X')}`.slice(0, 8),
    type: 'video',
    status: 'booked',
    subStatus: 'AUTO_APPROVED',
    start,
    end,
    prison,
    prisoner: { id: `p-${id}`, firstName: 'Alex', lastName: `Prisoner${id}`, prisonNumber: 'A1234BC' },
    visitors: [
      {
        id: `v-${id}`,
        firstName: 'Sam',
        lastName: `Taylor${id}`,
        dateOfBirth: '1990-01-01',
        age: 36,
        lead: true,
      },
    ],
    links: { [`v-${id}`]: 'Sister' },
    contact: {},
    call: { opensAt: start, endsAt: end },
    ...overrides,
  };
}

export function callState(
  visitId: string,
  status: CallState['status'],
  extra: Partial<CallState> = {},
): CallState {
  return {
    visitId,
    status,
    opensAt: `${DAY}T13:45:00.000Z`,
    startsAt: `${DAY}T14:00:00.000Z`,
    endsAt: `${DAY}T14:30:00.000Z`,
    creditedSeconds: 0,
    prisonerReady: false,
    warnings: [],
    ...extra,
  };
}

/** An outcome as the backend records it (who and when are fixed: the console only shows what). */
export function recorded(outcome: Outcome, notes?: string): RecordedOutcome {
  return { outcome, ...(notes ? { notes } : {}), at: `${DAY}T15:00:00.000Z`, by: 's1' };
}

/**
 * A prison's approvals queue: a matched and an unmatched link request, an additional visitor and a booking
 * to review (tests and stories share it).
 */
export function pendingApprovals(): Approvals {
  return {
    links: [
      {
        id: 'l1',
        status: 'requested',
        relationship: 'Mother',
        matched: true,
        visitor: { id: 'u1', firstName: 'Ceri', lastName: 'Jones', dateOfBirth: '1968-02-14' },
        claimed: { prisonNumber: 'A1234BC', firstName: 'Alex', lastName: 'Brown', dateOfBirth: '1990-04-01' },
        prisoner: { id: 'p1', firstName: 'Alex', lastName: 'Brown' },
        createdAt: '2026-11-28T10:00:00.000Z',
      },
      {
        id: 'l2',
        status: 'requested',
        relationship: 'Friend',
        matched: false,
        visitor: { id: 'u2', firstName: 'Jo', lastName: 'Smith' },
        claimed: {
          prisonNumber: 'B9999ZZ',
          firstName: 'Nobody',
          lastName: 'Here',
          dateOfBirth: '1980-01-01',
        },
        createdAt: '2026-11-29T10:00:00.000Z',
      },
    ],
    visitors: [
      {
        id: 'v9',
        firstName: 'Mia',
        lastName: 'Jones',
        dateOfBirth: '2015-06-01',
        relationship: 'Daughter',
        status: 'requested',
        lead: false,
        linkId: 'l0',
        prisonerId: 'p1',
        leadVisitor: { id: 'u1', firstName: 'Ceri', lastName: 'Jones' },
        prisoner: { id: 'p1', firstName: 'Alex', lastName: 'Brown', prisonNumber: 'A1234BC' },
      },
    ],
    bookings: [visit('r', { status: 'requested', reference: 'REQ23456' })],
  };
}

/** A pushable server-sent-events stream for `GET /staff/events`. */
export class FakeEventStream {
  #controllers = new Set<ReadableStreamDefaultController<Uint8Array>>();
  #encoder = new TextEncoder();
  opened = 0;

  response(signal: AbortSignal): Response {
    let mine: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        mine = controller;
        this.#controllers.add(controller);
        this.opened += 1;
      },
      cancel: () => {
        this.#controllers.delete(mine);
      },
    });
    signal.addEventListener('abort', () => {
      this.#controllers.delete(mine);
      try {
        mine.close();
      } catch {
        // already closed
      }
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }

  get connected(): boolean {
    return this.#controllers.size > 0;
  }

  push(event: string, data: unknown): void {
    const chunk = this.#encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    for (const controller of this.#controllers) controller.enqueue(chunk);
  }

  /** Ends every open stream (the client reconnects). */
  drop(): void {
    for (const controller of this.#controllers) controller.close();
    this.#controllers.clear();
  }
}

export interface StaffBackend {
  api: FakeApi;
  client: VisitClient;
  events: FakeEventStream;
  /** The day's visits the fake answers with (mutate, then `api` answers with the new list). */
  visits: StaffVisit[];
  approvals: Approvals;
  templates: SessionTemplate[];
  excluded: ExcludedDate[];
}

/** A signed-in staff client against a fake backend with the staff routes. Override any route via `routes`. */
export function staffBackend(
  options: {
    visits?: StaffVisit[];
    routes?: FakeRoutes;
    signedIn?: boolean;
    /** a session still waiting for its passkey (the console shows the passkey step) */
    secondFactor?: { method: 'passkey'; enrolled: boolean };
  } = {},
): StaffBackend {
  const events = new FakeEventStream();
  const state: StaffBackend = {
    events,
    visits: options.visits ?? [],
    approvals: { links: [], visitors: [], bookings: [] },
    templates: [],
    excluded: [],
  } as unknown as StaffBackend;
  const api = fakeApi({
    'GET /staff/visits': (request) =>
      state.visits.filter((each) => !request.query.get('type') || each.type === request.query.get('type')),
    'GET /staff/events': (request) => events.response(request.signal),
    'GET /staff/approvals': () => state.approvals,
    'GET /staff/session-templates': () => state.templates,
    'GET /staff/excluded-dates': () => state.excluded,
    'GET /staff/devices': () => [],
    'GET /staff/erasure-requests': () => [],
    // As the backend: one outcome per visit unless the request amends it.
    'POST /staff/visits/{visitId}/outcome': (request) => {
      const index = state.visits.findIndex((each) => each.id === request.params.visitId);
      const found = state.visits[index];
      if (!found) return problem(404, 'not-found');
      const body = request.body as { outcome: Outcome; notes?: string; amend?: boolean };
      if (found.outcome && !body.amend) {
        return problem(409, 'already-recorded', { recordedOutcome: found.outcome });
      }
      const saved: StaffVisit = {
        ...found,
        status: 'completed',
        subStatus: body.outcome.toUpperCase().replace(/-/g, '_'),
        outcome: recorded(body.outcome, body.notes),
      };
      state.visits[index] = saved;
      return saved;
    },
    'POST /staff/visits/{visitId}/monitor-token': () =>
      new Response(
        JSON.stringify({ type: 'x', title: 'no media in this test', status: 503, code: 'livekit-down' }),
        {
          status: 503,
          headers: { 'content-type': 'application/problem+json' },
        },
      ),
    ...options.routes,
  });
  state.api = api;
  state.client = new VisitClient({
    baseUrl: 'https://visits.test',
    fetch: api.fetch,
    retries: 0,
    clock,
    ...(options.signedIn === false
      ? {}
      : {
          session: {
            token: 'staff-token',
            user: { id: 's1', role: 'staff' },
            ...(options.secondFactor ? { secondFactor: options.secondFactor } : {}),
          },
        }),
  });
  return state;
}
