// <visit-call> in every state, driven by a fake session (no network): layout, toggles, countdown and
// warnings, reconnecting, autoplay, data saver, staff warnings, leaving, end screens, kiosk mode, Welsh.
import { expect, fixture, html, oneEvent as anyEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { VisitCall } from '../../../src/elements/call/call.js';
import { formatClock } from '../../../src/elements/call/call.js';
import '../../../src/elements/call/visit-call.js';
import { VisitClient } from '../../../src/api/client.js';
import { FakeCallSession, remote } from '../../../stories/call-fake-session.js';
import { fakeApi } from '../../support/fake-api.js';
import { button, q, text, until } from '../booking/helpers.js';

/** `oneEvent`, typed by the event map. */
function oneEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  name: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return anyEvent(target, name) as unknown as Promise<GlobalEventHandlersEventMap[K]>;
}

async function mount(session: FakeCallSession, extra = html``, side = 'visitor'): Promise<VisitCall> {
  const element = await fixture<VisitCall>(
    html`<visit-call .session=${session} side=${side}>${extra}</visit-call>`,
  );
  await element.updateComplete;
  return element;
}

function countdown(element: VisitCall): string {
  return q(element, '[part="countdown"] .clock').textContent!.trim();
}

describe('<visit-call>', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('shows the person visited large, the self-view small, names, and a countdown to endsAt', async () => {
    const endsAt = Date.now() + 12 * 60_000 + 30_000;
    const session = new FakeCallSession({ endsAt, remoteParticipants: [remote('Alex Smith')] });
    const element = await mount(session);
    const remoteVideo = q<HTMLVideoElement>(element, '.remote video');
    expect(remoteVideo.getAttribute('aria-label')).to.equal('Video of Alex Smith');
    expect(q(element, '.remote figcaption').textContent).to.contain('Alex Smith');
    expect(q(element, '.self video').hasAttribute('muted')).to.equal(true);
    expect(session.calls.filter(([name]) => name === 'bindVideo').map(([, who]) => who)).to.have.members([
      'prisoner:alex-smith',
      'local',
    ]);
    expect(countdown(element)).to.match(/^12:(29|30)$/);
    // spoken time left is rounded down, never more than the clock shows (issue 13: it said 13 minutes)
    expect(q(element, '[part="countdown"] .visually-hidden').textContent!.trim()).to.equal('12 minutes');
    await expect(element).to.be.accessible();
  });

  it('says the time left in minutes and seconds for screen readers, never rounding up (issue 13)', async () => {
    const session = new FakeCallSession({
      endsAt: Date.now() + 70_500,
      remoteParticipants: [remote('Alex Smith')],
    });
    const element = await mount(session);
    const spoken = () => q(element, '[part="countdown"] .visually-hidden').textContent!.trim();
    expect(countdown(element)).to.equal('1:11');
    expect(spoken()).to.equal('1 minute, 11 seconds');
    session.update({ endsAt: Date.now() + 40_000 });
    await until(element, () => spoken() === '40 seconds', 'seconds in the last minute');
    session.update({ endsAt: Date.now() + 3 * 60_000 });
    await until(element, () => spoken() === '3 minutes', 'whole minutes');
  });

  it('has a heading of its own, naming the call region (issue 13)', async () => {
    const element = await mount(new FakeCallSession({ remoteParticipants: [remote('Alex Smith')] }));
    const heading = q(element, 'h2#call-title');
    expect(heading.textContent!.trim()).to.equal('Video visit');
    expect(q(element, '[part="base"]').getAttribute('aria-labelledby')).to.equal('call-title');
  });

  it('shows "Show my camera" pressed in the same colours as the microphone and camera toggles (issue 13)', async () => {
    const element = await mount(new FakeCallSession({ remoteParticipants: [remote('Alex Smith')] }));
    const self = q<HTMLButtonElement>(element, '[part~="self-toggle"]');
    const camera = q<HTMLButtonElement>(element, '[part~="camera"]');
    expect(self.getAttribute('aria-pressed')).to.equal('true');
    expect(getComputedStyle(self).backgroundColor).to.equal(getComputedStyle(camera).backgroundColor);
    self.click();
    await element.updateComplete;
    expect(self.getAttribute('aria-pressed')).to.equal('false');
    camera.click();
    await until(element, () => camera.getAttribute('aria-pressed') === 'false', 'camera off');
    expect(getComputedStyle(self).backgroundColor).to.equal(getComputedStyle(camera).backgroundColor);
  });

  it('tells the kiosk that the visitor’s connection dropped and the time will be added back (issue 13)', async () => {
    const visitor = (quality: 'lost' | 'good') =>
      remote('Sam Taylor', { identity: 'visitor:sam', role: 'visitor', quality });
    const session = new FakeCallSession({ remoteParticipants: [visitor('good')] });
    const element = await mount(session, html``, 'prisoner');
    expect(element.shadowRoot!.querySelector('[part~="remote-dropped"]')).to.equal(null);
    session.update({ remoteParticipants: [visitor('lost')] });
    await until(
      element,
      () => Boolean(element.shadowRoot!.querySelector('[part~="remote-dropped"]')),
      'notice',
    );
    const notice = q(element, '[part~="remote-dropped"]');
    expect(notice.textContent).to.contain('Sam Taylor’s connection dropped');
    expect(notice.textContent).to.contain('the time lost is added back');
    expect(notice.getAttribute('role')).to.equal('status');
    await expect(element).to.be.accessible();
    session.update({ remoteParticipants: [] }); // gone from the room while lost: still dropped
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(element.shadowRoot!.querySelector('[part~="remote-dropped"]')).to.not.equal(null);
    session.update({ remoteParticipants: [visitor('good')] });
    await until(element, () => !element.shadowRoot!.querySelector('[part~="remote-dropped"]'), 'back');
  });

  it('formats the countdown as m:ss, or h:mm:ss above an hour', () => {
    expect(formatClock(65_000)).to.equal('1:05');
    expect(formatClock(3_725_000)).to.equal('1:02:05');
    expect(formatClock(-5)).to.equal('0:00');
  });

  it('toggles the microphone and camera with aria-pressed, disabled while a change is pending', async () => {
    const session = new FakeCallSession();
    const element = await mount(session);
    const mic = q<HTMLButtonElement>(element, 'button.mic');
    expect(mic.getAttribute('aria-pressed')).to.equal('true');
    mic.click();
    await until(element, () => mic.getAttribute('aria-pressed') === 'false', 'microphone off');
    expect(session.calls).to.deep.include(['setMicrophoneEnabled', false]);
    expect(text(element)).to.contain('Your microphone is off.');
    session.update({ camera: { enabled: true, wanted: true, pending: true } });
    await until(element, () => q<HTMLButtonElement>(element, 'button.cam').disabled, 'camera pending');
    session.update({ camera: { enabled: true, wanted: true, pending: false } });
    await until(element, () => !q<HTMLButtonElement>(element, 'button.cam').disabled, 'camera settled');
    await element.toggleCamera(false);
    await until(
      element,
      () => q(element, 'button.cam').getAttribute('aria-pressed') === 'false',
      'camera off',
    );
    expect(text(element)).to.contain('Your camera is off');
  });

  it('keeps the layout while reconnecting and says so; fires visit-connection-changed', async () => {
    const session = new FakeCallSession();
    const element = await mount(session);
    const changed = oneEvent(element, 'visit-connection-changed');
    session.update({
      connection: {
        phase: 'reconnecting',
        reconnectCount: 1,
        reconnectingMs: 0,
        reconnectingSince: Date.now(),
      },
    });
    expect((await changed).phase).to.equal('reconnecting');
    await element.updateComplete;
    expect(q(element, '[part~="reconnecting"]').textContent).to.contain('Reconnecting');
    expect(q(element, '.remote video')).to.be.instanceOf(HTMLElement);
    expect(q(element, '.controls')).to.be.instanceOf(HTMLElement);
    await expect(element).to.be.accessible();
    session.update({ connection: { phase: 'connected', reconnectCount: 1, reconnectingMs: 4000 } });
    await until(element, () => !element.shadowRoot!.querySelector('[part~="reconnecting"]'), 'reconnected');
  });

  it('shows a large “Tap to turn on sound” button when autoplay is blocked, calling startAudio', async () => {
    const session = new FakeCallSession({ audioPlaybackBlocked: true });
    const element = await mount(session);
    const tap = q<HTMLButtonElement>(element, '.audio-button');
    expect(tap.textContent).to.contain('Tap to turn on sound');
    expect(tap.getBoundingClientRect().height).to.be.at.least(88);
    await expect(element).to.be.accessible();
    tap.click();
    await until(element, () => !element.shadowRoot!.querySelector('.audio-button'), 'sound on');
    expect(session.calls).to.deep.include(['startAudio']);
  });

  it('explains an automatic data-saver step down and lets the family go back up', async () => {
    const session = new FakeCallSession({
      dataSaver: {
        mode: 'audio-only',
        chosen: 'normal',
        automatic: true,
        canRestore: false,
        notice: { from: 'low-video', to: 'audio-only', at: Date.now() },
      },
    });
    const element = await mount(session);
    expect(q(element, '[part~="data-saver"]').textContent).to.contain('we turned video off');
    await expect(element).to.be.accessible();
    button(element, 'Go back to normal video').click();
    await until(element, () => !element.shadowRoot!.querySelector('[part~="data-saver"]'), 'restored');
    expect(session.calls).to.deep.include(['restoreDataSaver']);
  });

  it('shows a staff warning prominently as an alert', async () => {
    const session = new FakeCallSession();
    const element = await mount(session);
    session.update({
      warning: { message: 'Please keep the camera on your face.', at: new Date().toISOString() },
    });
    await until(
      element,
      () => Boolean(element.shadowRoot!.querySelector('[role="alert"].warning')),
      'warning',
    );
    const warning = q(element, '.warning');
    expect(warning.textContent).to.contain('Message from prison staff');
    expect(warning.textContent).to.contain('Please keep the camera on your face.');
    await expect(element).to.be.accessible();
    button(element, 'I understand').click();
    await until(element, () => !element.shadowRoot!.querySelector('.warning'), 'warning dismissed');
  });

  it('announces 5 and 1 minute warnings once and fires visit-time-warning', async () => {
    const session = new FakeCallSession({ endsAt: Date.now() + 6 * 60_000 });
    const element = await mount(session);
    const warned: number[] = [];
    element.addEventListener('visit-time-warning', (event) => warned.push(event.minutesLeft));
    session.update({ endsAt: Date.now() + 4 * 60_000 + 50_000 });
    await until(element, () => warned.length === 1, 'five-minute warning');
    expect(warned).to.deep.equal([5]);
    await until(element, () => text(element).includes('5 minutes left in your visit'), 'announced');
    session.update({ endsAt: Date.now() + 50_000 });
    await until(element, () => warned.length === 2, 'one-minute warning');
    expect(warned).to.deep.equal([5, 1]);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(warned).to.deep.equal([5, 1]);
  });

  it('shows credited lost time and moves the countdown', async () => {
    const endsAt = Date.now() + 10 * 60_000;
    const session = new FakeCallSession({ endsAt, creditedSeconds: 0 });
    const element = await mount(session);
    expect(countdown(element)).to.match(/^(9:59|10:00)$/);
    session.update({
      endsAt: endsAt + 180_000,
      creditedSeconds: 180,
      lastCredit: { seconds: 180, at: Date.now() },
    });
    await until(element, () => text(element).includes('3 minutes added to your visit'), 'credit notice');
    expect(countdown(element)).to.match(/^(12:59|13:00)$/);
  });

  it('asks before leaving (native dialog, focus on Stay), then shows the “left” screen', async () => {
    const session = new FakeCallSession();
    const element = await mount(session);
    button(element, 'Leave').click();
    await element.updateComplete;
    const dialog = q<HTMLDialogElement>(element, 'dialog.leave');
    expect(dialog.open).to.equal(true);
    expect(element.shadowRoot!.activeElement?.textContent).to.contain('Stay in the visit');
    await sendKeys({ press: 'Escape' });
    await until(element, () => !dialog.open, 'dialog closed by Escape');
    expect(session.calls.some(([name]) => name === 'disconnect')).to.equal(false);
    button(element, 'Leave').click();
    await element.updateComplete;
    const ended = oneEvent(element, 'visit-ended');
    button(element, 'Leave the visit').click();
    expect((await ended).reason).to.equal('left');
    await element.updateComplete;
    expect(q(element, '#end-title').textContent).to.contain('You left the visit');
    expect(text(element)).to.contain('You can join again while the visit time lasts.');
    await expect(element).to.be.accessible();
  });

  it('lets a host cancel leaving with visit-request-leave', async () => {
    const session = new FakeCallSession();
    const element = await mount(session);
    element.addEventListener('visit-request-leave', (event) => event.preventDefault(), { once: true });
    await element.leave();
    expect(session.calls.some(([name]) => name === 'disconnect')).to.equal(false);
    expect(element.shadowRoot!.querySelector('.end')).to.equal(null);
  });

  it('prisoner side: bigger controls, no settings, leaves without a confirmation loop', async () => {
    const session = new FakeCallSession();
    const element = await mount(session, html``, 'prisoner');
    expect(element.shadowRoot!.querySelector('.settings-button')).to.equal(null);
    expect(element.shadowRoot!.querySelector('dialog')).to.equal(null);
    expect(q(element, 'button.mic').getBoundingClientRect().height).to.be.at.least(64);
    await expect(element).to.be.accessible();
    button(element, 'Leave').click();
    await until(element, () => Boolean(element.shadowRoot!.querySelector('.end')), 'left at once');
    expect(text(element)).to.contain('Speak to an officer if you want to rejoin.');
  });

  it('device settings (family side): switches camera and data-saver mode', async () => {
    const session = new FakeCallSession();
    const element = await mount(session);
    button(element, 'Settings').click();
    await element.updateComplete;
    const dialog = q<HTMLDialogElement>(element, 'dialog.settings');
    expect(dialog.open).to.equal(true);
    const camera = q<HTMLSelectElement>(element, '#device-videoinput');
    camera.value = 'cam-2';
    camera.dispatchEvent(new Event('change'));
    expect(session.calls).to.deep.include(['switchDevice', 'videoinput', 'cam-2']);
    q<HTMLInputElement>(element, '#call-mode-low-video').click();
    expect(session.calls).to.deep.include(['setDataSaverMode', 'low-video']);
    await expect(element).to.be.accessible();
    button(element, 'Close').click();
    expect(dialog.open).to.equal(false);
  });

  for (const [reason, staffReason, title, next] of [
    ['time-up', undefined, 'Your visit has finished', 'book another visit'],
    ['ended-by-staff', 'behaviour', 'Prison staff ended the visit', 'behaviour during the visit'],
  ] as const) {
    it(`end screen: ${reason} (from the backend’s ended event) disconnects and explains`, async () => {
      const session = new FakeCallSession();
      const element = await mount(session);
      const ended = oneEvent(element, 'visit-ended');
      element.endedEvent = { reason, ...(staffReason ? { staffReason, note: 'Shouting at staff.' } : {}) };
      expect((await ended).reason).to.equal(reason);
      await element.updateComplete;
      expect(q(element, '#end-title').textContent).to.contain(title);
      expect(text(element)).to.contain(next);
      if (staffReason) expect(text(element)).to.contain('Shouting at staff.');
      expect(session.calls.some(([name]) => name === 'disconnect')).to.equal(true);
      expect(element.shadowRoot!.activeElement?.id).to.equal('end-title');
      await expect(element).to.be.accessible();
    });
  }

  it('end screen: the connection lost beyond recovery, with the lost time credited and a rejoin', async () => {
    const api = fakeApi({
      'GET /visits/{visitId}/call': () => ({
        visitId: 'v1',
        status: 'in-call',
        opensAt: new Date().toISOString(),
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 600_000).toISOString(),
        creditedSeconds: 120,
        prisonerReady: true,
        warnings: [],
      }),
    });
    const client = new VisitClient({ baseUrl: 'http://api.test', fetch: api.fetch, session: { token: 't' } });
    const session = new FakeCallSession({ creditedSeconds: 120 });
    const element = await fixture<VisitCall>(
      html`<visit-call .session=${session} .client=${client} visit="v1" no-events></visit-call>`,
    );
    const ended = oneEvent(element, 'visit-ended');
    session.update({
      connection: {
        phase: 'disconnected',
        reason: 'connection-lost',
        reconnectCount: 3,
        reconnectingMs: 30_000,
      },
    });
    expect((await ended).reason).to.equal('connection-lost');
    await element.updateComplete;
    expect(q(element, '#end-title').textContent).to.contain('The connection was lost');
    expect(text(element)).to.contain('We added 2 minutes to this visit');
    expect(button(element, 'Join again')).to.be.instanceOf(HTMLElement);
    await expect(element).to.be.accessible();
  });

  it('end screen: the server removed us and the backend says time is up', async () => {
    const api = fakeApi({
      'GET /visits/{visitId}/call': {
        visitId: 'v1',
        status: 'ended',
        endReason: 'time-up',
        opensAt: new Date().toISOString(),
        startsAt: new Date().toISOString(),
        endsAt: new Date().toISOString(),
        creditedSeconds: 0,
        prisonerReady: true,
        warnings: [],
      },
    });
    const client = new VisitClient({ baseUrl: 'http://api.test', fetch: api.fetch, session: { token: 't' } });
    const session = new FakeCallSession();
    const element = await fixture<VisitCall>(
      html`<visit-call .session=${session} .client=${client} visit="v1" no-events></visit-call>`,
    );
    session.update({
      connection: {
        phase: 'disconnected',
        reason: 'removed-by-server',
        reconnectCount: 0,
        reconnectingMs: 0,
      },
    });
    await until(element, () => Boolean(element.shadowRoot!.querySelector('.end')), 'end screen');
    expect(q(element, '#end-title').textContent).to.contain('Your visit has finished');
  });

  it('end screen: the same person joined elsewhere', async () => {
    const session = new FakeCallSession();
    const element = await mount(session);
    session.update({
      connection: {
        phase: 'disconnected',
        reason: 'duplicate-identity',
        reconnectCount: 0,
        reconnectingMs: 0,
      },
    });
    await until(element, () => Boolean(element.shadowRoot!.querySelector('.end')), 'end screen');
    expect(text(element)).to.contain('another tab or device');
    await expect(element).to.be.accessible();
  });

  for (const [width, height] of [
    [360, 740],
    [740, 360],
  ] as const) {
    it(`on a ${width}×${height} phone: time left, the picture, microphone, camera and leave are all on screen (issue 13)`, async () => {
      await setViewport({ width, height });
      const camera = {
        sid: 'TR1',
        kind: 'video',
        source: 'camera',
        muted: false,
        subscribed: true,
        width: 1280,
        height: 720,
      } as const;
      const session = new FakeCallSession({
        endsAt: Date.now() + 20 * 60_000,
        remoteParticipants: [remote('Alex Smith', { tracks: [camera] })],
      });
      const element = await mount(session);
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const box = (selector: string) => q(element, selector).getBoundingClientRect();
      const onScreen = (rect: DOMRect, what: string) => {
        expect(rect.width * rect.height, `${what} is shown`).to.be.greaterThan(0);
        expect(rect.top, `${what} top`).to.be.at.least(0);
        expect(rect.left, `${what} left`).to.be.at.least(0);
        expect(rect.bottom, `${what} bottom`).to.be.at.most(height);
        expect(rect.right, `${what} right`).to.be.at.most(width);
      };
      const picture = box('.remote video');
      onScreen(box('[part="countdown"] .clock'), 'the time left');
      onScreen(picture, 'the picture');
      const controls = ['[part~="microphone"]', '[part~="camera"]', '[part~="leave"]', '[part~="more"]'].map(
        (selector) => box(selector),
      );
      controls.forEach((rect, index) => onScreen(rect, `control ${index}`));
      // the picture is big enough to see a face: at least half the screen's width or height
      expect(Math.max(picture.width / width, picture.height / height)).to.be.at.least(0.5);
      // the stage keeps the picture's shape (16:9) in portrait, with no tall black box around it
      if (height > width) expect(picture.width / picture.height).to.be.closeTo(16 / 9, 0.05);
      // the self-view covers no control and not the middle of the picture, where a face is
      const self = box('.self');
      const overlaps = (a: DOMRect, b: DOMRect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      for (const rect of controls) expect(overlaps(self, rect), 'self-view over a control').to.equal(false);
      const middle = new DOMRect(
        picture.left + picture.width / 4,
        picture.top + picture.height / 4,
        picture.width / 2,
        picture.height / 2,
      );
      expect(overlaps(self, middle), 'self-view over the face').to.equal(false);
      // secondary controls wait behind one "More" button (a disclosure)
      const more = q<HTMLButtonElement>(element, '[part~="more"]');
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      expect(q(element, '[part~="move-self"]').getBoundingClientRect().width).to.equal(0);
      more.click();
      await element.updateComplete;
      expect(more.getAttribute('aria-expanded')).to.equal('true');
      expect(q(element, '[part~="move-self"]').getBoundingClientRect().width).to.be.greaterThan(0);
      await expect(element).to.be.accessible();
    });
  }

  it('fits 320 px without sideways scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const session = new FakeCallSession({
      audioPlaybackBlocked: true,
      warning: { message: 'Sit down please.', at: new Date().toISOString() },
    });
    const element = await mount(session);
    expect(element.scrollWidth).to.be.at.most(320);
    for (const control of element.shadowRoot!.querySelectorAll<HTMLElement>('.controls .button')) {
      expect(control.getBoundingClientRect().right).to.be.at.most(321);
    }
  });

  it('speaks Welsh', async () => {
    const session = new FakeCallSession({ endsAt: Date.now() + 2 * 60_000 + 10_000 });
    const element = await fixture<VisitCall>(html`<visit-call lang="cy" .session=${session}></visit-call>`);
    await element.updateComplete;
    expect(text(element)).to.contain('Amser ar ôl');
    // 2:10 is spoken as it is, not rounded up to "3 munud" (issue 13), with Welsh plural forms
    expect(text(element)).to.contain('2 funud, 10 eiliad');
    expect(button(element, 'Gadael')).to.be.instanceOf(HTMLElement);
    expect(q(element, 'button.mic').textContent).to.contain('Meicroffon');
    await expect(element).to.be.accessible();
  });

  it('renders nothing heavy before joining: a join button, no media loaded', async () => {
    const element = await fixture<VisitCall>(
      html`<visit-call visit="v1" api-base="http://api.test"></visit-call>`,
    );
    expect(button(element, 'Join the call')).to.be.instanceOf(HTMLElement);
    const scripts = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => /livekit-client|media\/session/.test(name));
    expect(scripts).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });
});
