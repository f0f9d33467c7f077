import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Visit } from '../src/api/family.js';
import type { VisitMyVisits } from '../src/elements/my-visits/my-visits.js';
import '../src/elements/my-visits/visit-my-visits.js';
import { problem } from '../test/support/fake-api.js';
import { familyBackend, TZ, type FamilyBackend } from '../test/elements/booking/family-backend.js';
import { pickTime, press, waitFor } from './booking-drive.js';

// The real element against an in-memory fake backend (no network), with a few visits seeded.

interface Args {
  lang: 'en' | 'cy';
  scope: 'upcoming' | 'past' | 'cancelled';
}

const hours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();

function visit(id: string, overrides: Partial<Visit>): Visit {
  return {
    id,
    reference: 'BK7Q2MXA',
    type: 'in-person',
    status: 'booked',
    subStatus: 'AUTO_APPROVED',
    start: hours(72),
    end: hours(74),
    prison: { code: 'NMI', name: 'HMP Northmoor', timezone: TZ },
    prisoner: { id: 'p1', firstName: 'Alex', lastName: 'Smith' },
    visitors: [
      { id: 'v-sam', firstName: 'Sam', lastName: 'Taylor', dateOfBirth: '1988-01-01', age: 38, lead: true },
      { id: 'v-jo', firstName: 'Jo', lastName: 'Taylor', dateOfBirth: '2017-01-01', age: 9, lead: false },
    ],
    contact: { email: 'sam@example.org' },
    ...overrides,
  };
}

function seed(backend: FamilyBackend): void {
  backend.visits.push(
    visit('v-open', {
      reference: 'V1DE0NWX',
      type: 'video',
      start: hours(0.1),
      end: hours(0.6),
      call: { opensAt: hours(-0.15), endsAt: hours(0.6) },
    }),
    visit('v-in', { reference: 'INP3RSN2' }),
    visit('v-req', {
      reference: 'LATERVID',
      type: 'video',
      status: 'requested',
      subStatus: 'REQUESTED',
      start: hours(120),
      end: hours(120.5),
      call: { opensAt: hours(119.75), endsAt: hours(120.5) },
    }),
    visit('v-past', { reference: 'PASTV1S1', status: 'completed', start: hours(-170), end: hours(-169) }),
    // A video visit whose call staff ended: the Past list says how, and offers nothing.
    visit('v-ended', {
      reference: 'ENDEDV1S',
      type: 'video',
      status: 'completed',
      subStatus: 'ENDED_BY_STAFF',
      start: hours(-26),
      end: hours(-25.5),
      call: { opensAt: hours(-26.25), endsAt: hours(-25.5) },
      callOutcome: { result: 'ended-by-staff', staffReason: 'behaviour', at: hours(-25.8) },
    }),
    visit('v-gone', {
      reference: 'CANC3LLD',
      status: 'cancelled',
      cancellation: { reason: 'prisoner-cancelled', note: 'Court date', at: hours(-2) },
    }),
  );
}

interface Scenario {
  empty?: boolean;
  signedOut?: boolean;
  setup?: (backend: FamilyBackend) => void;
  play?: (element: VisitMyVisits, backend: FamilyBackend) => Promise<void>;
}

function story(scenario: Scenario = {}, args: Partial<Args> = {}): StoryObj<Args> {
  let backend: FamilyBackend;
  return {
    args,
    render: ({ lang, scope }) => {
      backend = familyBackend({ signedIn: !scenario.signedOut });
      if (!scenario.empty) seed(backend);
      scenario.setup?.(backend);
      return html`<div lang=${lang}>
        <visit-my-visits .client=${backend.client} scope=${scope} join-url="#join/{id}"></visit-my-visits>
      </div>`;
    },
    play: async ({ canvasElement }) => {
      const element = canvasElement.querySelector('visit-my-visits') as VisitMyVisits;
      await element.updateComplete;
      await scenario.play?.(element, backend);
    },
  };
}

const loaded = (element: VisitMyVisits) => waitFor(() => !element.shadowRoot!.querySelector('.spinner'));

const meta: Meta<Args> = {
  title: 'Elements/visit-my-visits',
  component: 'visit-my-visits',
  args: { lang: 'en', scope: 'upcoming' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    scope: { control: 'inline-radio', options: ['upcoming', 'past', 'cancelled'] },
  },
};
export default meta;

export const Upcoming = story();
export const Past = story({}, { scope: 'past' });
export const Cancelled = story({}, { scope: 'cancelled' });
export const Empty = story({ empty: true });
export const Loading = story({
  setup: (backend) => backend.api.route('GET /visits', () => new Promise(() => undefined)),
});
export const LoadFailed = story({
  setup: (backend) =>
    backend.api.route('GET /visits', () => problem(503, 'unavailable', { detail: 'Try again soon.' })),
});
export const SignedOut = story({ signedOut: true });
export const ChangeTime = story({
  play: async (element) => {
    await loaded(element);
    (
      element.shadowRoot!.querySelector('#visit-v-in button[data-variant="secondary"]') as HTMLButtonElement
    ).click();
    await pickTime(element);
  },
});
export const ChangeTimeTakenMeanwhile = story({
  setup: (backend) => {
    const alternatives = backend
      .days('in-person')
      .flatMap((day) => day.sessions)
      .slice(1, 4);
    backend.api.route('POST /holds', () => problem(409, 'slot-unavailable', { alternatives }));
  },
  play: async (element) => {
    await loaded(element);
    (
      element.shadowRoot!.querySelector('#visit-v-in button[data-variant="secondary"]') as HTMLButtonElement
    ).click();
    await pickTime(element);
    await press(element, 'Move visit to this time');
  },
});
export const CancelDialog = story({
  play: async (element) => {
    await loaded(element);
    (element.shadowRoot!.querySelector('#cancel-v-in') as HTMLButtonElement).click();
  },
});
export const CancelDialogErrors = story({
  play: async (element) => {
    await loaded(element);
    (element.shadowRoot!.querySelector('#cancel-v-in') as HTMLButtonElement).click();
    await element.updateComplete;
    await press(element, 'Yes, cancel the visit');
  },
});
/** "Ask us to delete my data": the confirmation, saying what is deleted, what is kept and who decides. */
export const ErasureConfirm = story({
  play: async (element) => {
    await loaded(element);
    (element.shadowRoot!.querySelector('[part~="erasure"]') as HTMLButtonElement).click();
  },
});
/** An erasure request the prison is deciding. */
export const ErasurePending = story({
  setup: (backend) => {
    backend.erasure = {
      id: 'er1',
      status: 'requested',
      reason: null,
      requestedAt: hours(-30),
      decidedAt: null,
      kept: [],
    };
  },
});
/** An erasure request the prison refused, with its reason. */
export const ErasureRefused = story({
  setup: (backend) => {
    backend.erasure = {
      id: 'er1',
      status: 'refused',
      reason: 'A complaint about your visit on 3 November is still open.',
      requestedAt: hours(-72),
      decidedAt: hours(-48),
      kept: [],
    };
  },
});
export const Welsh = story({}, { lang: 'cy' });
/** A booked visit the prison must check after a reported change (here a transfer): "Needs checking". */
const flagged = (backend: FamilyBackend) => {
  const target = backend.visits.find((item) => item.id === 'v-in')!;
  target.review = { reason: 'prisoner-moved', since: hours(-1) };
};
export const NeedsChecking = story({ setup: flagged });
export const NeedsCheckingWelsh = story({ setup: flagged }, { lang: 'cy' });
