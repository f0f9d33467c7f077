// Staff-side fixtures on top of the shared fake backend (./fake-api.ts): a prison day of visits, the
// `/staff/events` stream (push events from the test with `events.push`), approvals and planning data.
import { VisitClient } from '../../src/api/client.js';
import type {
  Approvals,
  CallState,
  ExcludedDate,
  SessionTemplate,
  StaffVisit,
} from '../../src/elements/staff-console/staff-api.js';
import { fakeApi, type FakeApi, type FakeRoutes } from './fake-api.js';

export const DAY = '2026-12-01';
export const TZ = 'Europe/London';

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
    endsAt: `${DAY}T14:30:00.000Z`,
    creditedSeconds: 0,
    prisonerReady: false,
    warnings: [],
    ...extra,
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
  options: { visits?: StaffVisit[]; routes?: FakeRoutes; signedIn?: boolean } = {},
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
    ...(options.signedIn === false
      ? {}
      : { session: { token: 'staff-token', user: { id: 's1', role: 'staff' } } }),
  });
  return state;
}
