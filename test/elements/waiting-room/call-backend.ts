// A fake backend for the video-call routes: visit, call state, knock, token, and a controllable event stream
// (`/visits/{id}/events`) — behind a real VisitClient, so the client's own SSE reader runs.
import { VisitClient } from '../../../src/api/client.js';
import type { CallStateDto, CallToken, Visit } from '../../../src/api/calls.js';
import type { DeviceChecker, MediaPreview } from '../../../src/elements/shared/media-loader.js';
import type { CheckResult, DeviceCheckResult } from '../../../src/media/device-check.js';
import { fakeApi, problem, type FakeApi } from '../../support/fake-api.js';

export const TZ = 'Europe/London';

export function videoVisit(overrides: Partial<Visit> = {}): Visit {
  const now = Date.now();
  const start = new Date(now + 5 * 60_000).toISOString();
  const end = new Date(now + 35 * 60_000).toISOString();
  return {
    id: 'v1',
    reference: 'V1DE0NWX',
    type: 'video',
    status: 'booked',
    subStatus: 'AUTO_APPROVED',
    start,
    end,
    prison: { code: 'NMI', name: 'HMP Northmoor', timezone: TZ },
    prisoner: { id: 'prs-1', firstName: 'Alex', lastName: 'Smith' },
    visitors: [
      { id: 'usr-sam', firstName: 'Sam', lastName: 'Taylor', dateOfBirth: '1988-01-01', age: 38, lead: true },
    ],
    contact: { email: 'sam@example.org' },
    call: { opensAt: new Date(now - 10 * 60_000).toISOString(), endsAt: end },
    ...overrides,
  } as Visit;
}

export function callStateOf(visit: Visit, overrides: Partial<CallStateDto> = {}): CallStateDto {
  return {
    visitId: visit.id,
    status: 'open',
    opensAt: visit.call!.opensAt,
    startsAt: visit.start,
    endsAt: visit.end,
    creditedSeconds: 0,
    prisonerReady: false,
    warnings: [],
    ...overrides,
  };
}

export interface CallBackend {
  api: FakeApi;
  client: VisitClient;
  visit: Visit;
  state: CallStateDto;
  /** Sets the state and pushes it on every open event stream. */
  push(patch: Partial<CallStateDto>): void;
  /** Pushes any event (`warning`, `ended`). */
  send(event: string, data: unknown): void;
  /** The token answer's kind decides lobby vs call. */
  token(kind: 'lobby' | 'call'): CallToken;
  openStreams(): number;
}

export function callBackend(
  options: { visit?: Visit; state?: Partial<CallStateDto>; role?: 'visitor' | 'prisoner' } = {},
): CallBackend {
  const visit = options.visit ?? videoVisit();
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const encoder = new TextEncoder();
  const backend: CallBackend = {
    api: undefined as unknown as FakeApi,
    client: undefined as unknown as VisitClient,
    visit,
    state: callStateOf(visit, options.state),
    push(patch) {
      backend.state = { ...backend.state, ...patch };
      backend.send('state', backend.state);
    },
    send(event, data) {
      for (const controller of streams) {
        try {
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          streams.delete(controller);
        }
      }
    },
    token(kind) {
      return {
        url: 'ws://livekit.test',
        token: 'header.eyJuYmYiOjE4MDAwMDAwMDB9.sig',
        room: kind === 'lobby' ? `lobby-${visit.id}` : `visit-${visit.id}`,
        kind,
        identity: 'visitor:usr-sam',
        endsAt: backend.state.endsAt,
      };
    },
    openStreams: () => streams.size,
  };
  backend.api = fakeApi({
    'GET /visits/{visitId}': (request) =>
      request.params.visitId === visit.id || request.params.visitId === visit.reference
        ? visit
        : problem(404, 'not-found'),
    'GET /visits': [visit],
    'GET /visits/{visitId}/call': () => backend.state,
    'POST /visits/{visitId}/call/knock': () => {
      if (options.role === 'prisoner') backend.state = { ...backend.state, prisonerReady: true };
      else if (backend.state.status === 'open') backend.state = { ...backend.state, status: 'waiting' };
      return backend.state;
    },
    'POST /visits/{visitId}/call/token': () => {
      const status = backend.state.status;
      if (status === 'admitted' || status === 'in-call') return backend.token('call');
      if (options.role !== 'prisoner' && (status === 'waiting' || status === 'checking'))
        return backend.token('lobby');
      return problem(403, 'not-admitted');
    },
    'GET /visits/{visitId}/events': (request) => {
      let mine: ReadableStreamDefaultController<Uint8Array> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          mine = controller;
          streams.add(controller);
          controller.enqueue(encoder.encode(`event: state\ndata: ${JSON.stringify(backend.state)}\n\n`));
        },
        cancel() {
          if (mine) streams.delete(mine);
        },
      });
      request.signal.addEventListener('abort', () => {
        if (mine) streams.delete(mine);
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    },
  });
  backend.client = new VisitClient({
    baseUrl: 'http://api.test',
    fetch: backend.api.fetch,
    session: {
      token: 'session-token',
      user: { id: options.role === 'prisoner' ? 'dev-1' : 'usr-sam', role: options.role ?? 'visitor' },
    },
  });
  return backend;
}

const ok: CheckResult = { status: 'ok' };

/** A device checker that answers `result` at once, with a painted canvas as the camera. */
export function fakeChecker(
  result: Partial<DeviceCheckResult> = {},
): DeviceChecker & { runs: number; options: Parameters<DeviceChecker>[0][] } {
  const checker = Object.assign(
    async (options: Parameters<DeviceChecker>[0]) => {
      checker.runs += 1;
      checker.options.push(options);
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 120;
      canvas.getContext('2d')?.fillRect(0, 0, 160, 120);
      const stream = canvas.captureStream(5);
      let stopped = false;
      const preview: MediaPreview = {
        stream,
        camera: result.camera ?? ok,
        microphone: result.microphone ?? ok,
        meter: {
          read: () => (stopped ? 0 : 0.05),
          waitForSignal: async () => true,
          stop: () => (stopped = true),
        },
        stop() {
          stopped = true;
          for (const track of stream.getTracks()) track.stop();
        },
      };
      return {
        camera: ok,
        microphone: ok,
        speaker: { status: 'unknown' as const },
        network: { status: 'unknown' as const },
        browser: ok,
        ...result,
        preview,
      };
    },
    { runs: 0, options: [] as Parameters<DeviceChecker>[0][] },
  );
  return checker;
}
