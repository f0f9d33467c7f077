// Phone-booking fixtures on top of the fake staff backend: a family linked to a person in NMI, the person's
// allowance with its adjustments, the family's upcoming visit and a week of sessions. The routes keep state, so
// a booking uses a visit and an adjustment changes the balance, as the real backend does.
import type { AllowanceHistory, StaffFamily } from '../../src/api/on-behalf.js';
import { DAY, TZ, visit } from './fake-staff-api.js';
import { problem, type FakeRoutes } from './fake-api.js';

const JOHN = { id: 'p-john', firstName: 'John', lastName: 'Smith', prisonNumber: 'A1234BC' };

export function phoneFamily(): StaffFamily {
  return {
    userId: 'u-sam',
    email: 'sam@example.org',
    firstName: 'Sam',
    lastName: 'Taylor',
    language: 'cy',
    links: [
      {
        linkId: 'l-sam',
        relationship: 'Sister',
        prisoner: { id: 'p-john', firstName: 'John', lastName: 'Smith', prisonNumber: 'A1234BC' },
        visitors: [
          {
            id: 'u-sam',
            firstName: 'Sam',
            lastName: 'Taylor',
            dateOfBirth: '1982-03-12',
            relationship: 'Sister',
            status: 'approved',
            lead: true,
          },
          {
            id: 'v-lily',
            firstName: 'Lily',
            lastName: 'Taylor',
            dateOfBirth: '2016-05-01',
            relationship: 'Niece',
            status: 'approved',
            lead: false,
          },
        ],
      },
    ],
  };
}

export function allowanceHistory(remaining = 2): AllowanceHistory {
  return {
    prisoner: { id: 'p-john', firstName: 'John', lastName: 'Smith', prisonNumber: 'A1234BC' },
    allowance: { remaining, periodEnds: '2026-12-28', nextAllocation: '2026-12-29' },
    max: 26,
    adjustments: [
      {
        id: 'a1',
        delta: 1,
        balanceAfter: remaining,
        reason: 'governor-adjustment',
        staff: 'usr-staff-nmi',
        at: '2026-11-30T10:00:00.000Z',
      },
    ],
  };
}

export interface PhoneState {
  families: StaffFamily[];
  allowance: AllowanceHistory;
  visits: ReturnType<typeof visit>[];
}

/** The phone-booking routes over `state` (mutated as the routes are called). */
export function phoneRoutes(state: PhoneState): FakeRoutes {
  const day = (n: number) => `2026-12-0${2 + n}`;
  return {
    'GET /staff/families': () => state.families,
    'GET /staff/families/{userId}/visits': () => state.visits,
    'GET /staff/prisoners/{prisonerId}/allowance': () => state.allowance,
    'POST /staff/prisoners/{prisonerId}/allowance/adjustments': (request) => {
      const body = request.body as { delta: number; reason: 'other'; note?: string };
      const remaining = state.allowance.allowance.remaining + body.delta;
      if (remaining < 0)
        return problem(422, 'allowance-limit', {
          detail: `That would take the balance below zero: it is ${state.allowance.allowance.remaining} now.`,
        });
      state.allowance = {
        ...state.allowance,
        allowance: { ...state.allowance.allowance, remaining },
        adjustments: [
          {
            id: `a${state.allowance.adjustments.length + 1}`,
            delta: body.delta,
            balanceAfter: remaining,
            reason: body.reason,
            ...(body.note ? { note: body.note } : {}),
            staff: 'usr-staff-nmi',
            at: `${DAY}T08:00:00.000Z`,
          },
          ...state.allowance.adjustments,
        ],
      };
      return new Response(
        JSON.stringify({ ...state.allowance, adjustment: state.allowance.adjustments[0] }),
        {
          status: 201,
          headers: { 'content-type': 'application/json' },
        },
      );
    },
    'GET /prisoners/{prisonerId}/availability': () => ({
      timezone: TZ,
      days: [0, 1, 2].map((n) => ({
        date: day(n),
        sessions: [
          {
            id: `tpl_a.${day(n)}`,
            start: `${day(n)}T14:00:00.000Z`,
            end: `${day(n)}T14:30:00.000Z`,
            type: 'video',
            capacity: 4,
            remaining: n === 2 ? 0 : 3,
          },
        ],
      })),
    }),
    'POST /staff/families/{userId}/holds': (request) => {
      const slotId = (request.body as { slotId: string }).slotId;
      const date = slotId.split('.')[1]!;
      return new Response(
        JSON.stringify({
          id: 'h1',
          slotId,
          start: `${date}T14:00:00.000Z`,
          end: `${date}T14:30:00.000Z`,
          expiresAt: `${DAY}T08:10:00.000Z`,
        }),
        { status: 201, headers: { 'content-type': 'application/json' } },
      );
    },
    'DELETE /staff/families/{userId}/holds/{holdId}': () => new Response(null, { status: 204 }),
    'POST /staff/families/{userId}/bookings': () => {
      if (state.allowance.allowance.remaining <= 0)
        return problem(422, 'no-allowance', { detail: 'No visits left until 29 December 2026.' });
      state.allowance = {
        ...state.allowance,
        allowance: { ...state.allowance.allowance, remaining: state.allowance.allowance.remaining - 1 },
      };
      const booked = visit('new', {
        reference: 'PH0NE123',
        start: `${day(0)}T14:00:00.000Z`,
        end: `${day(0)}T14:30:00.000Z`,
        bookedByStaff: { method: 'phone' },
        prisoner: JOHN,
      });
      state.visits = [...state.visits, booked];
      return new Response(JSON.stringify(booked), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    },
    'POST /staff/families/{userId}/visits/{visitId}/change': (request) => {
      const moved = {
        ...state.visits.find((v) => v.id === request.params.visitId)!,
        start: `${day(1)}T14:00:00.000Z`,
      };
      state.visits = state.visits.map((v) => (v.id === moved.id ? moved : v));
      return moved;
    },
    'POST /staff/families/{userId}/visits/{visitId}/cancel': (request) => {
      const gone = {
        ...state.visits.find((v) => v.id === request.params.visitId)!,
        status: 'cancelled' as const,
      };
      state.visits = state.visits.filter((v) => v.id !== gone.id);
      return gone;
    },
  };
}

/** A fresh state: one family, two visits left, one upcoming visit. */
export function phoneState(): PhoneState {
  return {
    families: [phoneFamily()],
    allowance: allowanceHistory(),
    visits: [
      visit('up', {
        reference: 'UPC0M1NG',
        prisoner: { id: 'p-john', firstName: 'John', lastName: 'Smith', prisonNumber: 'A1234BC' },
      }),
    ],
  };
}
