// A stateful fake of the family's side of the backend (contract outline), built on test/support/fake-api.ts.
// Used by the booking and my-visits component tests and by the stories. Dates are relative to today.
import { VisitClient } from '../../../src/api/client.js';
import { addDays, todayIn, weekdayIndex } from '../../../src/core/dates.js';
import type {
  ApprovedVisitor,
  ErasureRequest,
  AvailabilityDay,
  Hold,
  Prison,
  PrisonerLink,
  Slot,
  Visit,
} from '../../../src/api/family.js';
import { fakeApi, json, problem, type FakeApi, type FakeRequest } from '../../support/fake-api.js';

export const TZ = 'Europe/London';

export const prisons: Prison[] = [
  {
    code: 'NMI',
    name: 'HMP Northmoor',
    timezone: TZ,
    visitTypes: ['video', 'in-person'],
    limits: { maxTotalVisitors: 3, maxAdultVisitors: 2, maxChildVisitors: 2, adultAgeYears: 18 },
    bookingWindow: { minNoticeDays: 1, maxNoticeDays: 28 },
  },
  {
    code: 'GLR',
    name: 'HMP Glanrhyd',
    timezone: TZ,
    visitTypes: ['video'],
    limits: { maxTotalVisitors: 3, maxAdultVisitors: 3, maxChildVisitors: 2, adultAgeYears: 18 },
    bookingWindow: { minNoticeDays: 1, maxNoticeDays: 28 },
  },
];

const years = (age: number) => `${new Date().getUTCFullYear() - age}-01-01`;

export function links(): PrisonerLink[] {
  return [
    {
      id: 'l1',
      status: 'approved',
      relationship: 'Partner',
      prisoner: {
        id: 'p1',
        firstName: 'Alex',
        lastName: 'Smith',
        prisonNumber: 'A1234BC',
        prisonCode: 'NMI',
        prisonName: 'HMP Northmoor',
      },
      restrictions: { closedVisits: false },
    },
    {
      id: 'l2',
      status: 'requested',
      relationship: 'Brother',
      prisoner: { id: 'p2', prisonNumber: 'B2345CD', prisonCode: 'GLR', prisonName: 'HMP Glanrhyd' },
      restrictions: { closedVisits: false },
    },
  ];
}

export function visitors(): ApprovedVisitor[] {
  return [
    {
      id: 'v-sam',
      firstName: 'Sam',
      lastName: 'Taylor',
      dateOfBirth: years(38),
      relationship: 'self',
      status: 'approved',
      lead: true,
    },
    {
      id: 'v-jo',
      firstName: 'Jo',
      lastName: 'Taylor',
      dateOfBirth: years(9),
      relationship: 'family',
      status: 'approved',
      lead: false,
    },
    {
      id: 'v-kim',
      firstName: 'Kim',
      lastName: 'Taylor',
      dateOfBirth: years(7),
      relationship: 'family',
      status: 'approved',
      lead: false,
    },
    {
      id: 'v-chris',
      firstName: 'Chris',
      lastName: 'Taylor',
      dateOfBirth: years(45),
      relationship: 'family',
      status: 'approved',
      lead: false,
    },
    {
      id: 'v-lee',
      firstName: 'Lee',
      lastName: 'Taylor',
      dateOfBirth: years(50),
      relationship: 'family',
      status: 'approved',
      lead: false,
    },
    {
      id: 'v-max',
      firstName: 'Max',
      lastName: 'Evans',
      dateOfBirth: years(30),
      relationship: 'family',
      status: 'requested',
      lead: false,
    },
  ];
}

/** A UTC instant for a wall-clock time on a calendar date in `timeZone`. */
export function zoned(date: string, time: string, timeZone = TZ): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const guess = Date.parse(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(guess));
  const shownH = Number(parts.find((p) => p.type === 'hour')!.value);
  const shownM = Number(parts.find((p) => p.type === 'minute')!.value);
  let offset = (shownH * 60 + shownM - (h * 60 + m)) * 60_000;
  if (offset > 12 * 3600_000) offset -= 24 * 3600_000;
  if (offset < -12 * 3600_000) offset += 24 * 3600_000;
  return new Date(guess - offset).toISOString();
}

export interface FamilyBackendOptions {
  /** Minutes a hold lasts (fractions allowed, to see expiry in a test). */
  holdMinutes?: number;
  /** Visits left in the allowance. */
  allowance?: number;
  /** Status new bookings get. */
  bookingStatus?: 'booked' | 'requested';
  signedIn?: boolean;
  latency?: number;
  links?: PrisonerLink[];
  /** Every video time is a legal visit's (booking one needs the firm, as the reference backend says). */
  legal?: boolean;
}

export interface FamilyBackend {
  api: FakeApi;
  client: VisitClient;
  today: string;
  /** Days with sessions: every Tuesday, Thursday and Saturday from the minimum notice on. */
  days(type: 'video' | 'in-person'): AvailabilityDay[];
  /** The first day with free video sessions, and its slots. */
  firstOpenDay(type?: 'video' | 'in-person'): AvailabilityDay;
  visits: Visit[];
  holds: Hold[];
  /** Visitors the family asked to add (shown as waiting for approval). */
  requestedVisitors: ApprovedVisitor[];
  /** Bookings actually created (idempotent replays do not count). */
  created: number;
  code: string;
  /** The family's newest erasure request. */
  erasure?: ErasureRequest;
}

export function familyBackend(options: FamilyBackendOptions = {}): FamilyBackend {
  const today = todayIn(TZ, Date.now());
  const state = {
    allowance: options.allowance ?? 2,
    idempotent: new Map<string, Visit>(),
  };
  const backend: FamilyBackend = {
    api: undefined as unknown as FakeApi,
    client: undefined as unknown as VisitClient,
    today,
    visits: [],
    holds: [],
    requestedVisitors: [],
    created: 0,
    code: '123456',
    days(type) {
      const result: AvailabilityDay[] = [];
      for (let offset = 0; offset <= 28; offset++) {
        const date = addDays(today, offset);
        const weekday = weekdayIndex(date);
        if (offset < 1) {
          result.push({ date, sessions: [], unavailableReason: 'outside-window' });
        } else if (offset === 9) {
          result.push({ date, sessions: [], unavailableReason: 'excluded' });
        } else if ([1, 3, 5].includes(weekday)) {
          const sessions: Slot[] = [
            {
              id: `${type}-am.${date}`,
              start: zoned(date, '10:00'),
              end: zoned(date, '11:00'),
              type,
              capacity: 4,
              remaining: 3,
              ...(options.legal && type === 'video' ? { legal: true } : {}),
            },
            {
              id: `${type}-pm.${date}`,
              start: zoned(date, '14:00'),
              end: zoned(date, '15:00'),
              type,
              capacity: 4,
              remaining: weekday === 5 ? 0 : 2,
              ...(options.legal && type === 'video' ? { legal: true } : {}),
            },
          ];
          result.push({ date, sessions });
        } else {
          result.push({ date, sessions: [], unavailableReason: 'no-sessions' });
        }
      }
      return result;
    },
    firstOpenDay(type = 'video') {
      return this.days(type).find((day) => day.sessions.some((slot) => slot.remaining > 0))!;
    },
  };

  const extended = new Set<string>();
  const slotById = (id: string): Slot | undefined =>
    [...backend.days('video'), ...backend.days('in-person')]
      .flatMap((day) => day.sessions)
      .find((slot) => slot.id === id);

  const visitFrom = (
    slot: Slot,
    body: { visitorIds: string[]; supportNeeds?: string; contact: object },
  ): Visit => ({
    id: `visit-${backend.visits.length + 1}`,
    reference: ['BK7Q2MXA', 'HT4N8PRC', 'ZQ3W6YDE', 'MN5P9TLB'][backend.visits.length % 4]!,
    type: slot.type,
    status: options.bookingStatus ?? 'booked',
    subStatus: options.bookingStatus === 'requested' ? 'REQUESTED' : 'AUTO_APPROVED',
    start: slot.start,
    end: slot.end,
    prison: { code: 'NMI', name: 'HMP Northmoor', timezone: TZ },
    prisoner: { id: 'p1', firstName: 'Alex', lastName: 'Smith' },
    visitors: visitors()
      .filter((visitor) => body.visitorIds.includes(visitor.id))
      .map(({ id, firstName, lastName, dateOfBirth, lead }) => ({
        age: new Date().getUTCFullYear() - Number(dateOfBirth.slice(0, 4)),
        id,
        firstName,
        lastName,
        dateOfBirth,
        lead,
      })),
    supportNeeds: body.supportNeeds,
    contact: body.contact,
    ...(slot.type === 'video'
      ? { call: { opensAt: new Date(Date.parse(slot.start) - 15 * 60_000).toISOString(), endsAt: slot.end } }
      : {}),
  });

  const activeHold = (id: string) => {
    const hold = backend.holds.find((item) => item.id === id);
    return hold && Date.parse(hold.expiresAt) > Date.now() ? hold : undefined;
  };

  backend.api = fakeApi(
    {
      'POST /auth/code': () => json({ expiresAt: new Date(Date.now() + 600_000).toISOString() }, 202),
      'POST /auth/verify': (request: FakeRequest) => {
        const body = request.body as { email: string; code: string };
        if (body.code !== backend.code)
          return problem(400, 'code-invalid', { detail: 'The code is not valid.' });
        return json({
          token: 'token-sam',
          expiresAt: new Date(Date.now() + 3600_000).toISOString(),
          user: { id: 'u-sam', role: 'visitor', email: body.email, language: 'en' },
        });
      },
      'GET /prisons': () => prisons,
      'GET /links': () => options.links ?? links(),
      'POST /links': () => json({ id: 'l-new', status: 'requested' }, 202),
      'GET /links/{linkId}/visitors': () => [...visitors(), ...backend.requestedVisitors],
      'POST /links/{linkId}/visitors': (request: FakeRequest) => {
        const body = request.body as Omit<ApprovedVisitor, 'id' | 'status' | 'lead'>;
        const visitor: ApprovedVisitor = {
          ...body,
          id: `v-new-${backend.requestedVisitors.length + 1}`,
          status: 'requested',
          lead: false,
        };
        backend.requestedVisitors.push(visitor);
        return json({ id: visitor.id, status: 'requested' }, 202);
      },
      'GET /prisoners/{prisonerId}/allowance': () => ({
        remaining: state.allowance,
        periodEnds: addDays(today, 20),
        nextAllocation: addDays(today, 21),
      }),
      'GET /prisoners/{prisonerId}/availability': (request: FakeRequest) => ({
        timezone: TZ,
        days: backend.days((request.query.get('type') as 'video' | 'in-person') ?? 'video'),
      }),
      'POST /holds': (request: FakeRequest) => {
        const { slotId } = request.body as { slotId: string };
        const slot = slotById(slotId);
        if (!slot || slot.remaining <= 0) return problem(409, 'slot-unavailable', { alternatives: [] });
        const hold: Hold = {
          id: `hold-${backend.holds.length + 1}`,
          slotId,
          start: slot.start,
          end: slot.end,
          expiresAt: new Date(Date.now() + (options.holdMinutes ?? 10) * 60_000).toISOString(),
        };
        backend.holds.push(hold);
        return json(hold, 201);
      },
      // 10 more minutes, once (as the reference backend: a second ask is a conflict).
      'POST /holds/{holdId}/extend': (request: FakeRequest) => {
        const hold = backend.holds.find((item) => item.id === request.params.holdId);
        if (!hold) return problem(404, 'not-found');
        if (extended.has(hold.id)) return problem(409, 'conflict');
        extended.add(hold.id);
        hold.expiresAt = new Date(Date.parse(hold.expiresAt) + 10 * 60_000).toISOString();
        return json(hold);
      },
      'DELETE /holds/{holdId}': () => json(null, 204),
      'POST /bookings': (request: FakeRequest) => {
        const key = request.headers.get('idempotency-key') ?? '';
        const replay = state.idempotent.get(key);
        if (replay) return json(replay, 201);
        const body = request.body as {
          holdId: string;
          visitorIds: string[];
          supportNeeds?: string;
          contact: object;
          legalFirm?: string;
        };
        const hold = activeHold(body.holdId);
        if (!hold) return problem(409, 'hold-expired', { detail: 'The hold has expired.' });
        if (Boolean(slotById(hold.slotId)?.legal) !== Boolean(body.legalFirm))
          return problem(422, 'validation', { errors: [{ path: 'legalFirm', message: 'Enter the firm' }] });
        if (state.allowance <= 0) return problem(422, 'no-allowance', { nextAllocation: addDays(today, 21) });
        const visit = visitFrom(slotById(hold.slotId)!, body);
        state.allowance--;
        backend.created++;
        backend.visits.push(visit);
        state.idempotent.set(key, visit);
        return json(visit, 201);
      },
      'GET /visits': (request: FakeRequest) => {
        const scope = request.query.get('scope');
        const now = Date.now();
        return backend.visits.filter((visit) =>
          scope === 'cancelled'
            ? visit.status === 'cancelled'
            : visit.status !== 'cancelled' &&
              (scope === 'past' ? Date.parse(visit.end) < now : Date.parse(visit.end) >= now),
        );
      },
      'POST /visits/{visitId}/change': (request: FakeRequest) => {
        const visit = backend.visits.find((item) => item.id === request.params.visitId);
        if (!visit) return problem(404, 'not-found');
        const hold = activeHold((request.body as { holdId: string }).holdId);
        if (!hold) return problem(409, 'hold-expired');
        Object.assign(visit, { start: hold.start, end: hold.end });
        return visit;
      },
      'POST /visits/{visitId}/cancel': (request: FakeRequest) => {
        const visit = backend.visits.find((item) => item.id === request.params.visitId);
        if (!visit) return problem(404, 'not-found');
        const body = request.body as { reason: string; note?: string };
        Object.assign(visit, {
          status: 'cancelled',
          cancellation: { ...body, at: new Date().toISOString() },
        });
        state.allowance++;
        return visit;
      },
      // as the reference backend: one open request (asking again returns it)
      'GET /family/me/erasure': () => ({ request: backend.erasure ?? null }),
      'POST /family/me/erasure': () => {
        if (backend.erasure?.status !== 'requested')
          backend.erasure = {
            id: `er-${Date.now()}`,
            status: 'requested',
            reason: null,
            requestedAt: new Date().toISOString(),
            decidedAt: null,
            kept: [],
          };
        return json(backend.erasure, 201);
      },
      'GET /family/me/export': () =>
        new Response('<!doctype html><html lang="en"><title>Your data</title></html>', {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        }),
      'GET /visits/{visitId}/calendar.ics': (request: FakeRequest) =>
        new Response(
          `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-VISIT:${request.params.visitId}\r\nEND:VCALENDAR\r\n`,
          {
            headers: { 'content-type': 'text/calendar' },
          },
        ),
    },
    { latency: options.latency },
  );
  backend.client = new VisitClient({
    baseUrl: 'https://visits.test',
    fetch: backend.api.fetch,
    retries: 0,
    session: options.signedIn
      ? { token: 'token-sam', user: { id: 'u-sam', role: 'visitor', email: 'sam@example.org' } }
      : undefined,
  });
  return backend;
}
