import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { VisitCall } from '../src/elements/call/call.js';
import '../src/elements/call/visit-call.js';
import type { CallState } from '../src/media/types.js';
import { FakeCallSession, remote } from './call-fake-session.js';

// Every state of <visit-call>, driven by a fake session object: no network, no LiveKit. The videos show a
// painted test picture.

interface Args {
  lang: 'en' | 'cy';
  side: 'visitor' | 'prisoner';
}

const minutes = (n: number) => Date.now() + n * 60_000;

/** Mounts a call on a fake session, then applies `after` (state changes a real session would report). */
function call(
  args: Args,
  state: Partial<CallState> = {},
  after?: (element: VisitCall, session: FakeCallSession) => void,
): HTMLElement {
  const session = new FakeCallSession(state);
  const element = document.createElement('visit-call');
  element.session = session;
  element.side = args.side;
  element.setAttribute('lang', args.lang);
  element.bookUrl = '#book';
  if (after) void element.updateComplete.then(() => after(element, session));
  return element;
}

const meta: Meta<Args> = {
  title: 'Elements/visit-call',
  component: 'visit-call',
  args: { lang: 'en', side: 'visitor' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    side: { control: 'inline-radio', options: ['visitor', 'prisoner'] },
  },
};
export default meta;
type Story = StoryObj<Args>;

/** In the call: the person visited large, your camera small, 25 minutes left. */
export const InCall: Story = { render: (args) => call(args) };

/** The other side has not joined yet. */
export const WaitingForOtherSide: Story = { render: (args) => call(args, { remoteParticipants: [] }) };

/** Their camera is off and their microphone muted. */
export const TheirCameraOff: Story = {
  render: (args) =>
    call(args, { remoteParticipants: [remote('Alex Smith', { cameraOn: false, microphoneOn: false })] }),
};

/** Reconnecting: the layout stays, a banner says what is happening. */
export const Reconnecting: Story = {
  render: (args) =>
    call(args, {
      connection: {
        phase: 'reconnecting',
        reconnectCount: 1,
        reconnectingMs: 0,
        reconnectingSince: Date.now(),
      },
      localQuality: 'lost',
    }),
};

/** The browser blocked sound: a large "Tap to turn on sound" button. */
export const AudioBlocked: Story = { render: (args) => call(args, { audioPlaybackBlocked: true }) };

/** Poor connection: the session stepped down to sound only; the family can go back up. */
export const DataSaverFallback: Story = {
  render: (args) =>
    call(args, {
      localQuality: 'poor',
      camera: { enabled: false, wanted: true, pending: false, heldByDataSaver: true },
      dataSaver: {
        mode: 'audio-only',
        chosen: 'normal',
        automatic: true,
        canRestore: false,
        notice: { from: 'low-video', to: 'audio-only', at: Date.now() },
      },
    }),
};

/** A message from staff, shown prominently and announced. */
export const StaffWarning: Story = {
  render: (args) =>
    call(args, {}, (_element, session) =>
      session.update({
        warning: { message: 'Please keep your face in view of the camera.', at: new Date().toISOString() },
      }),
    ),
};

/** Lost time credited: "3 minutes added for the connection problem", and the countdown moves. */
export const TimeAdded: Story = {
  render: (args) =>
    call(args, { endsAt: minutes(10), creditedSeconds: 0 }, (_element, session) =>
      session.update({
        endsAt: minutes(13),
        creditedSeconds: 180,
        lastCredit: { seconds: 180, at: Date.now() },
      }),
    ),
};

/** Under five minutes left (announced once). */
export const FiveMinutesLeft: Story = { render: (args) => call(args, { endsAt: minutes(4.5) }) };

/** Microphone off, camera change pending (its button is disabled meanwhile). */
export const MutedAndPending: Story = {
  render: (args) =>
    call(args, {
      microphone: { enabled: false, wanted: false, pending: false },
      camera: { enabled: true, wanted: true, pending: true },
    }),
};

/** The prisoner's kiosk: bigger controls, no settings, no leave confirmation. */
export const Kiosk: Story = {
  args: { side: 'prisoner' },
  render: (args) => call(args, { remoteParticipants: [remote('Sam Taylor', { role: 'visitor' })] }),
};

/** End: the server ended the call at endsAt. */
export const EndTimeUp: Story = {
  render: (args) => call(args, {}, (element) => (element.endedEvent = { reason: 'time-up' })),
};

/** End: staff ended the call, with the reason and their note. */
export const EndByStaff: Story = {
  render: (args) =>
    call(args, {}, (element) => {
      element.endedEvent = {
        reason: 'ended-by-staff',
        staffReason: 'security',
        note: 'A phone was filming.',
      };
    }),
};

/** End: the connection was lost beyond recovery (time credited). */
export const EndConnectionLost: Story = {
  render: (args) =>
    call(args, { creditedSeconds: 240 }, (_element, session) =>
      session.update({
        connection: {
          phase: 'disconnected',
          reason: 'connection-lost',
          reconnectCount: 5,
          reconnectingMs: 60_000,
        },
      }),
    ),
};

/** End: you left (you can join again while time lasts). */
export const EndLeft: Story = {
  render: (args) => call(args, {}, (_element, session) => void session.disconnect()),
};

/** End: the same person joined from another tab or device. */
export const EndDuplicate: Story = {
  render: (args) =>
    call(args, {}, (_element, session) =>
      session.update({
        connection: {
          phase: 'disconnected',
          reason: 'duplicate-identity',
          reconnectCount: 0,
          reconnectingMs: 0,
        },
      }),
    ),
};

export const Welsh: Story = { args: { lang: 'cy' }, render: (args) => call(args) };
