import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { VisitBooking } from '../src/elements/booking/booking.js';
import '../src/elements/booking/visit-booking.js';
import { json, networkFailure, problem } from '../test/support/fake-api.js';
import {
  familyBackend,
  type FamilyBackend,
  type FamilyBackendOptions,
} from '../test/elements/booking/family-backend.js';
import { fill, onHeading, pickTime, press, tick, walkTo, type BookingStop } from './booking-drive.js';

// Every story runs the real element against an in-memory fake backend (test/elements/booking/family-backend.ts):
// no network. A `play` function walks the journey like a person to open on the step or error state named.

interface Args {
  lang: 'en' | 'cy';
  prison?: string;
  visitType?: 'video' | 'in-person';
  prisoner?: string;
}

interface Scenario {
  backend?: FamilyBackendOptions;
  /** Adjust the fake before the element starts. */
  setup?: (backend: FamilyBackend) => void;
  viewerTimeZone?: string;
  /** Drive the element once rendered. */
  play?: (element: VisitBooking, backend: FamilyBackend) => Promise<void>;
}

function story(scenario: Scenario = {}, args: Partial<Args> = {}): StoryObj<Args> {
  let backend: FamilyBackend;
  return {
    args,
    render: ({ lang, prison, visitType, prisoner }) => {
      backend = familyBackend(scenario.backend);
      scenario.setup?.(backend);
      return html`<div lang=${lang}>
        <visit-booking
          .client=${backend.client}
          .viewerTimeZone=${scenario.viewerTimeZone}
          prison=${prison ?? ''}
          visit-type=${visitType ?? ''}
          prisoner=${prisoner ?? ''}
        ></visit-booking>
      </div>`;
    },
    play: async ({ canvasElement }) => {
      const element = canvasElement.querySelector('visit-booking') as VisitBooking;
      await element.updateComplete;
      await scenario.play?.(element, backend);
    },
  };
}

const at =
  (stop: BookingStop, extra?: Scenario['play']): Scenario['play'] =>
  async (element, backend) => {
    await walkTo(element, stop);
    await extra?.(element, backend);
  };

const meta: Meta<Args> = {
  title: 'Elements/visit-booking',
  component: 'visit-booking',
  args: { lang: 'en' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    visitType: { control: 'inline-radio', options: [undefined, 'video', 'in-person'] },
  },
};
export default meta;

// ——— steps ———
export const SignIn = story();
export const SignInErrors = story({ play: async (element) => press(element, 'Continue') });
export const CheckYourEmail = story({ play: at('code') });
export const WrongCode = story({
  play: at('code', async (element) => {
    fill(element, 'Code', '999999');
    await press(element, 'Continue');
  }),
});
export const ChoosePerson = story({ backend: { signedIn: true }, play: at('prisoner') });
export const NoVisitsLeft = story({
  backend: { signedIn: true, allowance: 0 },
  play: at('prisoner', async (element) => {
    tick(element, 'Alex Smith');
    await press(element, 'Continue');
  }),
});
export const AddSomeone = story({
  backend: { signedIn: true },
  play: at('prisoner', async (element) => {
    await press(element, 'Add someone you visit');
    await onHeading(element, 'Add someone you visit');
  }),
});
export const AddSomeoneErrors = story({
  backend: { signedIn: true },
  play: at('prisoner', async (element) => {
    await press(element, 'Add someone you visit');
    await onHeading(element, 'Add someone you visit');
    fill(element, 'Prison number', '1234');
    await press(element, 'Send request');
  }),
});
export const LinkPending = story({
  backend: { signedIn: true },
  play: at('prisoner', async (element) => {
    await press(element, 'Add someone you visit');
    await onHeading(element, 'Add someone you visit');
    (element.shadowRoot!.getElementById('prisonCode') as HTMLSelectElement).value = 'GLR';
    fill(element, 'Prison number', 'C1234DE');
    fill(element, 'First name', 'Rhys');
    fill(element, 'Last name', 'Jones');
    fill(element, 'Day', '4');
    fill(element, 'Month', '7');
    fill(element, 'Year', '1992');
    fill(element, 'Your relationship', 'Brother');
    await press(element, 'Send request');
  }),
});
export const TypeAndVisitors = story({ backend: { signedIn: true }, play: at('visitors') });
export const VisitorsNeedAnAdult = story({
  backend: { signedIn: true },
  play: at('visitors', async (element) => {
    tick(element, 'Sam Taylor', false);
    tick(element, 'Jo Taylor');
    await press(element, 'Continue');
  }),
});
/** Opens "Add someone who will visit" on the visitors step. */
const openAddVisitor = async (element: VisitBooking) => {
  element.shadowRoot!.querySelector<HTMLElement>('[part="add-visitor"] summary')!.click();
  await element.updateComplete;
};
export const AddVisitorErrors = story({
  backend: { signedIn: true },
  play: at('visitors', async (element) => {
    await openAddVisitor(element);
    await press(element, 'Ask to add them');
  }),
});
export const VisitorAdded = story({
  backend: { signedIn: true },
  play: at('visitors', async (element) => {
    await openAddVisitor(element);
    fill(element, 'First name', 'Robin');
    fill(element, 'Last name', 'Taylor');
    fill(element, 'Day', '4');
    fill(element, 'Month', '6');
    fill(element, 'Year', '2015');
    fill(element, 'Their relationship to the person in prison', 'son');
    await press(element, 'Ask to add them');
  }),
});
export const DateAndTime = story({ backend: { signedIn: true }, play: at('slot') });
export const DateAndTimeAbroad = story({
  backend: { signedIn: true },
  viewerTimeZone: 'America/Toronto',
  play: at('slot', async (element) => pickTime(element)),
});
export const NoTimeChosen = story({
  backend: { signedIn: true },
  play: at('slot', async (element) => press(element, 'Continue')),
});
export const SlotTakenMeanwhile = story({
  backend: { signedIn: true },
  setup: (backend) => {
    const alternatives = backend
      .days('video')
      .flatMap((day) => day.sessions)
      .slice(2, 5);
    backend.api.route('POST /holds', () => problem(409, 'slot-unavailable', { alternatives }));
  },
  play: at('slot', async (element) => {
    await pickTime(element);
    await press(element, 'Continue');
  }),
});
export const HoldRunningOut = story({ backend: { signedIn: true, holdMinutes: 1.5 }, play: at('details') });
export const HoldExpired = story({ backend: { signedIn: true, holdMinutes: 0.05 }, play: at('details') });
export const SupportAndContact = story({ backend: { signedIn: true }, play: at('details') });
export const ContactErrors = story({
  backend: { signedIn: true },
  play: at('details', async (element) => {
    tick(element, 'Email', false);
    tick(element, 'Text message');
    fill(element, 'UK mobile number', '12345');
    await press(element, 'Continue');
  }),
});
export const LegalVisitDetails = story({ backend: { signedIn: true, legal: true }, play: at('details') });
export const LegalFirmMissing = story({
  backend: { signedIn: true, legal: true },
  play: at('details', (element) => press(element, 'Continue')),
});
export const LegalCheckAnswers = story({
  backend: { signedIn: true, legal: true },
  play: at('details', async (element) => {
    fill(element, 'The firm you work for', 'Jones & Evans Solicitors LLP');
    await press(element, 'Continue');
    await onHeading(element, 'Check your answers');
  }),
});
export const CheckAnswers = story({ backend: { signedIn: true }, play: at('check') });
export const NetworkLostWhileBooking = story({
  backend: { signedIn: true },
  setup: (backend) =>
    backend.api.route('POST /bookings', () => {
      throw networkFailure();
    }),
  play: at('check', async (element) => press(element, 'Book visit')),
});
export const NoAllowanceAtConfirm = story({
  backend: { signedIn: true },
  setup: (backend) =>
    backend.api.route('POST /bookings', () =>
      problem(422, 'no-allowance', { nextAllocation: backend.today }),
    ),
  play: at('check', async (element) => press(element, 'Book visit')),
});
export const LinkPendingAtConfirm = story({
  backend: { signedIn: true },
  setup: (backend) => backend.api.route('POST /bookings', () => problem(403, 'link-pending')),
  play: at('check', async (element) => press(element, 'Book visit')),
});
export const Booked = story({ backend: { signedIn: true }, play: at('confirmation') });
export const Requested = story({
  backend: { signedIn: true, bookingStatus: 'requested' },
  play: at('confirmation'),
});

// ——— presets, language, set-up and load failures ———
export const PortalPresets = story(
  { backend: { signedIn: true } },
  { prisoner: 'A1234BC', visitType: 'video' },
);
export const Welsh = story({ backend: { signedIn: true } }, { lang: 'cy' });
/** Walked in English, then the page switches to Welsh: answers stay, every text changes. */
export const WelshCheckAnswers = story({
  backend: { signedIn: true },
  play: at('check', async (element) => {
    element.parentElement!.setAttribute('lang', 'cy');
    element.requestUpdate();
    await element.updateComplete;
  }),
});
export const LoadFailed = story({
  backend: { signedIn: true },
  setup: (backend) =>
    backend.api.route('GET /links', () => problem(503, 'unavailable', { detail: 'Try again soon.' })),
});
export const Loading = story({
  backend: { signedIn: true },
  setup: (backend) => backend.api.route('GET /links', () => new Promise(() => undefined)),
});
export const NotConfigured: StoryObj<Args> = {
  render: () => html`<visit-booking></visit-booking>`,
};
export const EmptyLinks = story({
  backend: { signedIn: true, links: [] },
  setup: (backend) => backend.api.route('GET /links', () => json([])),
});
