// Every story of <visit-call> and <visit-waiting-room> renders its own state (no network) and is accessible.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import * as callStories from '../../../stories/call.stories.js';
import * as roomStories from '../../../stories/waiting-room.stories.js';

type Story = { args?: Record<string, unknown>; render: (args: Record<string, unknown>) => HTMLElement };

const expected: Record<string, Record<string, string>> = {
  call: {
    InCall: 'Video of Alex Smith',
    WaitingForOtherSide: 'Waiting for the person you are visiting to join',
    TheirCameraOff: 'Alex Smith’s camera is off',
    Reconnecting: 'Reconnecting',
    AudioBlocked: 'Tap to turn on sound',
    DataSaverFallback: 'we turned video off',
    StaffWarning: 'Please keep your face in view of the camera.',
    TimeAdded: '3 minutes added to your visit',
    FiveMinutesLeft: '5 minutes',
    MutedAndPending: 'Microphone',
    Kiosk: 'Video of Sam Taylor',
    EndTimeUp: 'Your visit has finished',
    EndByStaff: 'a security concern',
    EndConnectionLost: 'We added 4 minutes to this visit',
    EndLeft: 'You left the visit',
    EndDuplicate: 'another tab or device',
    Welsh: 'Amser ar ôl',
  },
  room: {
    Open: 'Check my camera and microphone',
    NotOpenYet: 'The waiting room opens at',
    CheckPassed: 'Your camera and microphone are working.',
    CheckPermissionDenied: 'Your browser is blocking the camera',
    CheckCameraInUse: 'Another app is using your camera',
    CheckNoCamera: 'you can still join with sound only',
    CheckUnsupportedBrowser: 'Chrome, Edge, Firefox or Safari',
    InQueue: 'You are in the queue',
    OfficerChecking: 'An officer is checking your identity',
    Admitted: 'Call controls',
    Refused: 'staff could not confirm who you are',
    EndedBeforeCall: 'Your visit has finished',
    Kiosk: 'I’m ready for my visit',
    SignedOut: 'Sign in to join your video visit.',
    Welsh: 'Mae eich camera a’ch meicroffon yn gweithio.',
  },
};

function deepText(root: ShadowRoot | Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (node instanceof Element) {
      const label = node.getAttribute('aria-label');
      if (label) text += ` ${label} `;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return text.replace(/\s+/g, ' ');
}

for (const [group, stories] of [
  ['call', callStories],
  ['room', roomStories],
] as const) {
  const meta = stories.default as { args: Record<string, unknown> };
  describe(`${group === 'call' ? '<visit-call>' : '<visit-waiting-room>'} stories`, () => {
    for (const [name, story] of Object.entries(stories) as unknown as [string, Story][]) {
      if (name === 'default') continue;
      it(`${name} shows its state and is accessible`, async () => {
        const wanted = expected[group]![name];
        expect(wanted, `an expectation for ${name}`).to.be.a('string');
        const element = story.render({ ...meta.args, ...story.args });
        const host = await fixture(html`<div>${element}</div>`);
        await waitUntil(() => deepText(host).includes(wanted!), `${name} shows “${wanted}”`, {
          timeout: 8000,
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        await expect(host).to.be.accessible();
      });
    }
  });
}
