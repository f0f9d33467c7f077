import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ConsoleStore } from '../src/elements/staff-console/console-store.js';
import { PhoneBooking } from '../src/elements/staff-console/phone-booking.js';
import { phoneRoutes, phoneState } from '../test/support/fake-phone-api.js';
import type { MessageKey } from '../src/i18n/index.js';
import type { StaffEnrolment } from '../src/elements/staff-console/enrolment-dialog.js';
import type { StaffPasskeyStep } from '../src/elements/staff-console/passkey-step.js';
import type { FakeRoutes } from '../test/support/fake-api.js';
import { problem } from '../test/support/fake-api.js';
import {
  callState,
  DAY,
  pendingApprovals,
  recorded,
  staffBackend,
  visit,
} from '../test/support/fake-staff-api.js';

// Every story runs against an in-memory fake backend (no network). Video tiles have no LiveKit server here,
// so they show their "could not connect" state; the real video is covered by the browser and e2e tests.

interface Args {
  tab: 'today' | 'waiting' | 'monitor' | 'approvals' | 'planning' | 'reviews' | 'phone';
  lang: 'en' | 'cy';
}

const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

const dayOfVisits = () => [
  visit('a', { reference: 'K7M2QX9P' }),
  visit('b', {
    reference: 'H3N8RT2C',
    callState: callState('b', 'waiting', { prisonerReady: true }),
    knockedAt: `${DAY}T13:52:00.000Z`,
    visitors: [
      { id: 'v1', firstName: 'Sam', lastName: 'Taylor', age: 36, lead: true, dateOfBirth: '1990-03-02' },
      { id: 'v2', firstName: 'Mia', lastName: 'Taylor', age: 7, lead: false, dateOfBirth: '2019-05-01' },
    ],
    links: { v1: 'Sister', v2: 'Niece' },
    supportNeeds: 'Needs subtitles (hard of hearing)',
  }),
  visit('c', {
    reference: 'P4W6ZD8F',
    callState: callState('c', 'in-call', { endsAt: soon(17), creditedSeconds: 120 }),
  }),
  visit('d', {
    reference: 'M9Q2LX5B',
    start: `${DAY}T09:00:00.000Z`,
    end: `${DAY}T10:00:00.000Z`,
    type: 'in-person',
    call: undefined,
    outcome: recorded('completed'),
  }),
  visit('e', {
    reference: 'T2H7KC3N',
    start: `${DAY}T10:00:00.000Z`,
    end: `${DAY}T10:30:00.000Z`,
    callState: callState('e', 'ended', {
      endReason: 'ended-by-staff',
      endNote: 'Third person on camera',
      creditedSeconds: 60,
    }),
  }),
  visit('f', { reference: 'R8D4GZ6W', status: 'cancelled' }),
];

function render(
  args: Args,
  setup: (backend: ReturnType<typeof staffBackend>) => void = () => {},
  routes: FakeRoutes = {},
) {
  const backend = staffBackend({ visits: dayOfVisits(), routes });
  setup(backend);
  return html`<visit-staff-console
    .client=${backend.client}
    date=${DAY}
    tab=${args.tab}
    lang=${args.lang}
  ></visit-staff-console>`;
}

const meta: Meta<Args> = {
  title: 'Elements/visit-staff-console',
  component: 'visit-staff-console',
  args: { tab: 'today', lang: 'en' },
  argTypes: {
    tab: {
      control: 'inline-radio',
      options: ['today', 'waiting', 'monitor', 'approvals', 'planning', 'reviews', 'phone'],
    },
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
  },
  parameters: { layout: 'fullscreen' },
};
export default meta;
type Story = StoryObj<Args>;

/** The day by session: booked, waiting, in call, ended (needs an outcome), cancelled; type filter and date. */
export const Today: Story = { render: (args) => render(args) };

export const TodayEmpty: Story = { render: (args) => render(args, (b) => b.visits.splice(0)) };

export const TodayLoadError: Story = {
  render: (args) =>
    render(args, undefined, {
      'GET /staff/visits': () => problem(503, 'unavailable', { detail: 'The database is down.' }),
    }),
};

/** A visitor waiting: the booking’s people, ages and relationships, their camera, admit / deny. */
export const Waiting: Story = {
  args: { tab: 'waiting' },
  render: (args) =>
    render(args, undefined, {
      'POST /staff/visits/{visitId}/admit': (r) => callState(r.params.visitId!, 'admitted'),
      'POST /staff/visits/{visitId}/deny': (r) => callState(r.params.visitId!, 'denied'),
    }),
};

/** Admitting someone who already left: the 409 is explained and the list refreshed. */
export const WaitingVisitorLeft: Story = {
  args: { tab: 'waiting' },
  render: (args) =>
    render(args, undefined, {
      'POST /staff/visits/{visitId}/admit': () =>
        problem(409, 'not-waiting', { detail: 'Nobody is waiting.' }),
    }),
};

export const WaitingEmpty: Story = {
  args: { tab: 'waiting' },
  render: (args) => render(args, (b) => b.visits.splice(0)),
};

/** Live calls (no LiveKit in stories: tiles show their connection failure); warn, end, incident dialogs work. */
export const LiveCalls: Story = {
  args: { tab: 'monitor' },
  render: (args) =>
    render(args, undefined, {
      'POST /staff/visits/{visitId}/warn': {},
      'POST /staff/visits/{visitId}/incident': {},
      'POST /staff/visits/{visitId}/end': () => problem(409, 'call-ended', { detail: 'The call has ended.' }),
    }),
};

/** More than eight calls: eight tiles and the others listed to swap in. */
export const LiveCallsOverflow: Story = {
  args: { tab: 'monitor' },
  render: (args) =>
    render(args, (b) =>
      b.visits.splice(
        0,
        b.visits.length,
        ...Array.from({ length: 10 }, (_, i) =>
          visit(`k${i}`, {
            reference: `CALL${i}ABC`.slice(0, 8),
            callState: callState(`k${i}`, 'in-call', { endsAt: soon(5 + i * 3) }),
          }),
        ),
      ),
    ),
};

/** Link requests (one whose details matched nobody), an additional visitor, a booking to review. */
export const Approvals: Story = {
  args: { tab: 'approvals' },
  render: (args) =>
    render(args, (b) => (b.approvals = pendingApprovals()), {
      'POST /staff/links/{linkId}/decision': () =>
        problem(409, 'already-decided', { detail: 'Already decided.' }),
    }),
};

/** Erasure requests (Approvals tab): one with a visit a legal hold keeps; erasing asks for a confirmation. */
export const ErasureRequests: Story = {
  args: { tab: 'approvals' },
  render: (args) =>
    render(args, () => {}, {
      'GET /staff/erasure-requests': () => [
        {
          id: 'er1',
          status: 'requested',
          reason: null,
          requestedAt: '2026-11-30T09:00:00.000Z',
          decidedAt: null,
          kept: [],
          userId: 'u1',
          email: 'ceri@example.org',
          name: 'Ceri Jones',
          prisonCodes: ['NMI'],
          visits: 3,
          heldVisits: ['v9'],
        },
      ],
    }),
};

/** Visits a reported change put in doubt (a transfer; a restriction and a non-association on one visit). */
export const NeedsReview: Story = {
  args: { tab: 'reviews' },
  render: (args) =>
    render(args, undefined, {
      'GET /staff/reviews': () => [
        visit('r1', {
          reference: 'TRANSF3R',
          review: {
            reason: 'prisoner-moved',
            since: `${DAY}T08:00:00.000Z`,
            facts: [
              {
                eventId: 'e1',
                type: 'prisoner-transferred',
                detail: 'Transferred to HMP Example',
                at: `${DAY}T08:00:00.000Z`,
              },
            ],
          },
        }),
        visit('r2', {
          reference: 'RESTR1CT',
          type: 'in-person',
          call: undefined,
          review: {
            reason: 'visit-conditions',
            since: `${DAY}T08:30:00.000Z`,
            facts: [
              {
                eventId: 'e2',
                type: 'prisoner-restriction',
                detail: 'Closed visits from now',
                at: `${DAY}T08:30:00.000Z`,
              },
              {
                eventId: 'e3',
                type: 'non-association',
                detail: 'Non-association between A1234BC and B2345CD',
                at: `${DAY}T09:00:00.000Z`,
              },
            ],
          },
        }),
      ],
      'POST /staff/visits/{visitId}/review': () =>
        problem(409, 'conflict', { detail: 'That visit is not waiting for a review.' }),
    }),
};

export const NeedsReviewEmpty: Story = {
  args: { tab: 'reviews' },
  render: (args) => render(args, undefined, { 'GET /staff/reviews': () => [] }),
};

/** Templates and excluded dates; saving a change answers `409 would-strand` so the warning shows. */
export const Planning: Story = {
  args: { tab: 'planning' },
  render: (args) =>
    render(
      args,
      (b) => {
        b.templates.push(
          {
            id: 't1',
            type: 'video',
            dayOfWeek: 2,
            startTime: '14:00',
            endTime: '14:30',
            validFrom: '2026-11-01',
            capacity: 4,
            active: true,
          },
          {
            id: 't2',
            type: 'in-person',
            dayOfWeek: 6,
            startTime: '09:30',
            endTime: '11:00',
            validFrom: '2026-11-01',
            validTo: '2027-03-31',
            capacity: 20,
            active: true,
          },
        );
        b.excluded.push({ date: '2026-12-25', reason: 'Christmas Day' });
      },
      {
        'PATCH /staff/session-templates/{id}': (r) =>
          r.query.get('confirm') === 'true'
            ? { template: {}, affectedVisits: [] }
            : problem(409, 'would-strand', { affectedVisits: [visit('s', { reference: 'W3X9KD2M' })] }),
      },
    ),
};

export const Welsh: Story = { args: { lang: 'cy' }, render: (args) => render(args) };

export const NotSignedIn: Story = {
  render: (args) => {
    const backend = staffBackend({ signedIn: false });
    return html`<visit-staff-console .client=${backend.client} lang=${args.lang}></visit-staff-console>`;
  },
};

// ---------- Phone bookings (staff acting for a family; allowance adjustments) ----------

/** The section as it opens: find the family by email or prison number. */
export const PhoneBookings: Story = {
  args: { tab: 'phone' },
  render: (args) => render(args, () => {}, phoneRoutes(phoneState())),
};

/** The section driven to a state: the panel alone, on the console's store, with its own `PhoneBooking`. */
function phoneStory(args: Args, drive: (booking: PhoneBooking) => Promise<unknown>) {
  const backend = staffBackend({ visits: dayOfVisits(), routes: phoneRoutes(phoneState()) });
  const store = new ConsoleStore(backend.client, DAY);
  const booking = new PhoneBooking(backend.client);
  void drive(booking);
  return html`<visit-staff-phone-panel
    .store=${store}
    .booking=${booking}
    active
    lang=${args.lang}
  ></visit-staff-phone-panel>`;
}
const chosen = async (booking: PhoneBooking) => {
  await booking.search('sam@example.org');
  const family = booking.families[0]!;
  await booking.choose(family, family.links[0]!, DAY);
};

/** A family chosen: the person's allowance with its adjustments, the family's upcoming visit, the sessions. */
export const PhoneFamily: Story = { render: (args) => phoneStory(args, chosen) };

/** A session held for the family: choose who is coming, then book by phone (or release it). */
export const PhoneHeld: Story = {
  render: (args) =>
    phoneStory(args, async (booking) => {
      await chosen(booking);
      await booking.holdSession(booking.slots[0]!.id);
    }),
};

/** Booked by phone: the family has been told, the allowance went down by one. */
export const PhoneBooked: Story = {
  render: (args) =>
    phoneStory(args, async (booking) => {
      await chosen(booking);
      await booking.holdSession(booking.slots[0]!.id);
      await booking.confirm(['u-sam']);
    }),
};

/** The family chosen, in Welsh. */
export const PhoneWelsh: Story = { args: { lang: 'cy' }, render: (args) => phoneStory(args, chosen) };
// ── the passkey step after the emailed code (staff passkeys) ─────────────────────────────────────────────

function passkeyStep(args: Args, enrolled: boolean, routes: FakeRoutes = {}) {
  const backend = staffBackend({ secondFactor: { method: 'passkey', enrolled }, routes });
  return html`<visit-staff-console .client=${backend.client} lang=${args.lang}></visit-staff-console>`;
}

/** Shows the step as after a failure (the same text and alert a real failure gives). */
async function failedWith(canvas: HTMLElement, key: MessageKey) {
  const console_ = canvas.querySelector('visit-staff-console')!;
  await console_.updateComplete;
  const step = console_.shadowRoot!.querySelector<StaffPasskeyStep>('visit-staff-passkey-step')!;
  await step.updateComplete;
  step.showProblem(key);
}

export const PasskeySignIn: Story = { render: (args) => passkeyStep(args, true) };

export const PasskeySetUp: Story = { render: (args) => passkeyStep(args, false) };

export const PasskeyCancelled: Story = {
  render: (args) => passkeyStep(args, true),
  play: ({ canvasElement }) => failedWith(canvasElement, 'staff.passkey.cancelled'),
};

export const PasskeyNotSupported: Story = {
  render: (args) => passkeyStep(args, true),
  play: ({ canvasElement }) => failedWith(canvasElement, 'staff.passkey.unsupported'),
};

export const PasskeyWrongKey: Story = {
  render: (args) => passkeyStep(args, true),
  play: ({ canvasElement }) => failedWith(canvasElement, 'staff.passkey.wrongKey'),
};

export const PasskeyWelsh: Story = { args: { lang: 'cy' }, render: (args) => passkeyStep(args, false) };

export const PasskeySetUpCodeRefused: Story = {
  render: (args) =>
    passkeyStep(args, false, {
      'POST /auth/passkey/registration-options': () =>
        problem(400, 'enrolment-code-invalid', {
          detail: 'That set-up code is not valid. Ask a colleague for a new one.',
        }),
    }),
  play: async ({ canvasElement }) => {
    const console_ = canvasElement.querySelector('visit-staff-console')!;
    await console_.updateComplete;
    const step = console_.shadowRoot!.querySelector<StaffPasskeyStep>('visit-staff-passkey-step')!;
    await step.updateComplete;
    step.shadowRoot!.querySelector<HTMLInputElement>('#enrolment-code')!.value = 'AAAAA-BBBBB';
    step.shadowRoot!.querySelector('form')!.requestSubmit();
  },
};

export const PasskeyEnrolmentCodeForColleague: Story = {
  render: (args) =>
    render(args, () => {}, {
      'POST /staff/passkey-enrolments': () => ({
        email: 'jo.evans@example.org',
        code: 'K7M2Q-X9P4W',
        expiresAt: soon(60),
        passkeysRemoved: 1,
      }),
    }),
  play: async ({ canvasElement }) => {
    const console_ = canvasElement.querySelector('visit-staff-console')!;
    await console_.updateComplete;
    const dialog = console_.shadowRoot!.querySelector<StaffEnrolment>('visit-staff-enrolment')!;
    await dialog.open();
  },
};
