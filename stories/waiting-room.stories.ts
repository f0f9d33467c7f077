import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { VisitWaitingRoom } from '../src/elements/waiting-room/waiting-room.js';
import '../src/elements/waiting-room/visit-waiting-room.js';
import type { DeviceCheckResult } from '../src/media/device-check.js';
import {
  callBackend,
  fakeChecker,
  videoVisit,
  type CallBackend,
} from '../test/elements/waiting-room/call-backend.js';
import { FakeCallSession } from './call-fake-session.js';

// Every state of <visit-waiting-room> against an in-memory backend (real VisitClient and event-stream
// parsing over a fake fetch), a fake device check and a fake call session: no network, no camera prompt.

interface Args {
  lang: 'en' | 'cy';
}

interface Setup {
  backend?: CallBackend;
  check?: Partial<DeviceCheckResult>;
  side?: 'prisoner';
  /** Runs after the element loaded (e.g. run the check, knock, push a state). */
  then?: (element: VisitWaitingRoom, backend: CallBackend) => Promise<void>;
}

function room(args: Args, setup: Setup = {}): HTMLElement {
  const backend = setup.backend ?? callBackend({ role: setup.side ?? 'visitor' });
  const element = document.createElement('visit-waiting-room');
  element.client = backend.client;
  element.deviceChecker = fakeChecker(setup.check);
  element.sessionFactory = () => {
    const session = new FakeCallSession({ remoteParticipants: [], endsAt: Date.parse(backend.state.endsAt) });
    session.update({ connection: { phase: 'idle', reconnectCount: 0, reconnectingMs: 0 } });
    return session;
  };
  if (setup.side) element.side = setup.side;
  else element.visit = backend.visit.id;
  element.setAttribute('lang', args.lang);
  element.bookUrl = '#book';
  if (setup.then) {
    void (async () => {
      for (let i = 0; i < 100 && element.stage === 'loading'; i++)
        await new Promise((r) => setTimeout(r, 20));
      await setup.then!(element, backend);
    })();
  }
  return element;
}

async function checked(element: VisitWaitingRoom): Promise<void> {
  await element.runCheck();
}

async function queued(element: VisitWaitingRoom): Promise<void> {
  await element.runCheck();
  const box = element.shadowRoot!.querySelector<HTMLInputElement>('#rules-agree')!;
  box.click();
  await element.updateComplete;
  await element.join();
}

const meta: Meta<Args> = {
  title: 'Elements/visit-waiting-room',
  component: 'visit-waiting-room',
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'cy'] } },
};
export default meta;
type Story = StoryObj<Args>;

/** Open: the three steps (device check, rules, data use) and the join button. */
export const Open: Story = { render: (args) => room(args) };

/** Before the waiting room opens: when it opens; the check can be done already. */
export const NotOpenYet: Story = {
  render: (args) => {
    const visit = videoVisit({ start: new Date(Date.now() + 40 * 60_000).toISOString() });
    visit.call!.opensAt = new Date(Date.now() + 25 * 60_000).toISOString();
    return room(args, { backend: callBackend({ visit, state: { status: 'not-open' } }) });
  },
};

/** The check passed: preview, level, results, test sound, data-use estimates. */
export const CheckPassed: Story = { render: (args) => room(args, { then: checked }) };

/** Camera and microphone blocked by the browser: the fix for each. */
export const CheckPermissionDenied: Story = {
  render: (args) =>
    room(args, {
      check: {
        camera: { status: 'failed', cause: 'permission-denied' },
        microphone: { status: 'failed', cause: 'permission-denied' },
      },
      then: checked,
    }),
};

/** Camera used by another app. */
export const CheckCameraInUse: Story = {
  render: (args) => room(args, { check: { camera: { status: 'failed', cause: 'in-use' } }, then: checked }),
};

/** No camera at all: sound only is offered. */
export const CheckNoCamera: Story = {
  render: (args) =>
    room(args, { check: { camera: { status: 'failed', cause: 'no-device' } }, then: checked }),
};

/** A browser that cannot make calls. */
export const CheckUnsupportedBrowser: Story = {
  render: (args) =>
    room(args, {
      check: {
        browser: { status: 'failed', cause: 'unsupported' },
        camera: { status: 'failed', cause: 'unsupported' },
        microphone: { status: 'failed', cause: 'unsupported' },
      },
      then: checked,
    }),
};

/** Knocked: in the queue, the camera shown to staff. */
export const InQueue: Story = { render: (args) => room(args, { then: queued }) };

/** An officer is checking identity; the person in prison is ready. */
export const OfficerChecking: Story = {
  render: (args) =>
    room(args, {
      then: async (element, backend) => {
        await queued(element);
        backend.push({ status: 'checking', prisonerReady: true });
      },
    }),
};

/** Admitted: the call takes over (here on a fake session). */
export const Admitted: Story = {
  render: (args) =>
    room(args, {
      then: async (element, backend) => {
        await queued(element);
        backend.push({ status: 'admitted' });
      },
    }),
};

/** Refused by staff, with the reason and what to do next. */
export const Refused: Story = {
  render: (args) =>
    room(args, {
      then: async (element, backend) => {
        await queued(element);
        backend.push({
          status: 'denied',
          denyReason: 'identity-not-confirmed',
          denyNote: 'Please bring photo ID.',
        });
      },
    }),
};

/** The visit time ended before the call. */
export const EndedBeforeCall: Story = {
  render: (args) =>
    room(args, {
      then: async (_element, backend) => {
        // the event is pushed, so wait until the element listens (the stream opens after loading)
        for (let i = 0; i < 100 && backend.openStreams() === 0; i++)
          await new Promise((r) => setTimeout(r, 20));
        backend.send('ended', { reason: 'time-up' });
      },
    }),
};

/** The prisoner's kiosk: finds the next visit itself, bigger controls, no data-use choice. */
export const Kiosk: Story = { render: (args) => room(args, { side: 'prisoner' }) };

/** Not signed in. */
export const SignedOut: Story = {
  render: (args) => {
    const backend = callBackend();
    backend.client.session = undefined;
    return room(args, { backend });
  },
};

export const Welsh: Story = { args: { lang: 'cy' }, render: (args) => room(args, { then: checked }) };
