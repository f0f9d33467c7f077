// <visit-waiting-room> against a fake backend (real VisitClient, real SSE parsing) and a fake call session:
// device check with fixes, rules, data saver, knock, lobby camera, live status, admission, refusal, kiosk.
import { expect, fixture, html, oneEvent as anyEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { VisitCall } from '../../../src/elements/call/call.js';
import type { SessionFactory } from '../../../src/elements/shared/media-loader.js';
import type { VisitWaitingRoom } from '../../../src/elements/waiting-room/waiting-room.js';
import '../../../src/elements/waiting-room/visit-waiting-room.js';
import { FakeCallSession } from '../../../stories/call-fake-session.js';
import { button, q, text, until } from '../booking/helpers.js';
import { callBackend, fakeChecker, videoVisit, type CallBackend } from './call-backend.js';

/** `oneEvent`, typed by the event map. */
function oneEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  name: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return anyEvent(target, name) as unknown as Promise<GlobalEventHandlersEventMap[K]>;
}

interface Mounted {
  element: VisitWaitingRoom;
  backend: CallBackend;
  sessions: FakeCallSession[];
}

async function mount(
  options: {
    backend?: CallBackend;
    checker?: ReturnType<typeof fakeChecker>;
    side?: 'prisoner';
    visit?: string | null;
    lang?: string;
  } = {},
): Promise<Mounted> {
  const backend = options.backend ?? callBackend();
  const sessions: FakeCallSession[] = [];
  const factory: SessionFactory = () => {
    const session = new FakeCallSession({ remoteParticipants: [], endsAt: Date.parse(backend.state.endsAt) });
    session.update({ connection: { phase: 'idle', reconnectCount: 0, reconnectingMs: 0 } });
    sessions.push(session);
    return session;
  };
  const visit = options.visit === null ? undefined : (options.visit ?? backend.visit.id);
  const element = await fixture<VisitWaitingRoom>(
    html`<visit-waiting-room
      .client=${backend.client}
      .deviceChecker=${options.checker ?? fakeChecker()}
      .sessionFactory=${factory}
      visit=${visit ?? ''}
      lang=${options.lang ?? 'en'}
      side=${options.side ?? 'visitor'}
    ></visit-waiting-room>`,
  );
  if (!visit) element.removeAttribute('visit');
  await until(element, () => element.stage !== 'loading', 'loaded');
  return { element, backend, sessions };
}

async function passCheck(element: VisitWaitingRoom): Promise<void> {
  button(element, 'Check my camera and microphone').click();
  await until(element, () => text(element).includes('Check again'), 'check finished');
}

async function knockIn(element: VisitWaitingRoom): Promise<void> {
  await passCheck(element);
  q<HTMLInputElement>(element, '#rules-agree').click();
  await element.updateComplete;
  q<HTMLButtonElement>(element, 'button.join').click();
}

describe('<visit-waiting-room>', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('asks to sign in when there is no session', async () => {
    const backend = callBackend();
    backend.client.session = undefined;
    const element = await fixture<VisitWaitingRoom>(
      html`<visit-waiting-room .client=${backend.client} visit="v1"></visit-waiting-room>`,
    );
    await until(element, () => text(element).includes('Sign in to join your video visit.'), 'sign-in text');
    await expect(element).to.be.accessible();
  });

  it('shows the visit, when it opens, and keeps Join disabled before the device check', async () => {
    const visit = videoVisit();
    visit.call!.opensAt = new Date(Date.now() + 20 * 60_000).toISOString();
    const backend = callBackend({ visit, state: { status: 'not-open' } });
    const { element } = await mount({ backend });
    expect(q(element, 'h2').textContent).to.contain('Video visit with Alex Smith');
    expect(text(element)).to.contain('The waiting room opens at');
    expect(q<HTMLButtonElement>(element, 'button.join').disabled).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('runs the device check from a click, shows the preview and level, and reports the result', async () => {
    const checker = fakeChecker();
    const { element } = await mount({ checker });
    expect(checker.runs).to.equal(0);
    const reported = oneEvent(element, 'visit-device-check');
    button(element, 'Check my camera and microphone').click();
    const { result } = await reported;
    expect(result.camera).to.deep.equal({ status: 'ok' });
    expect(result.microphone).to.deep.equal({ status: 'ok' });
    expect(result.speaker.status).to.equal('unknown');
    expect(Object.keys(result)).to.have.members(['camera', 'microphone', 'speaker', 'network', 'browser']);
    await element.updateComplete;
    const preview = q<HTMLVideoElement>(element, 'video.preview');
    expect(preview.srcObject).to.be.instanceOf(MediaStream);
    expect(getComputedStyle(preview).transform).to.contain('matrix(-1'); // mirrored self-view
    await until(element, () => q<HTMLMeterElement>(element, 'meter').value > 0, 'level meter moves');
    expect(text(element)).to.contain('Your camera and microphone are working.');
    await expect(element).to.be.accessible();
  });

  it('tests the network before admission against the media server the backend names, on a kiosk too', async () => {
    for (const side of ['visitor', 'prisoner'] as const) {
      const checker = fakeChecker();
      const backend = callBackend({ state: { mediaUrl: 'wss://media.example.org' } });
      const { element } = await mount({ backend, checker, ...(side === 'prisoner' ? { side } : {}) });
      await passCheck(element);
      expect(checker.options[0]?.network, side).to.deep.equal({ url: 'wss://media.example.org' });
    }
    // a backend without video calls configured names none: no network test then
    const checker = fakeChecker();
    const { element } = await mount({ checker });
    await passCheck(element);
    expect(checker.options[0]?.network).to.equal(undefined);
  });

  it('asks whether the test sound was heard and records the answer', async () => {
    const { element } = await mount();
    await passCheck(element);
    button(element, 'Play a test sound').click();
    await until(element, () => text(element).includes('Did you hear the sound?'), 'question', 6000);
    await expect(element).to.be.accessible();
    const reported = oneEvent(element, 'visit-device-check');
    button(element, 'No, I did not').click();
    expect((await reported).result.speaker).to.deep.equal({ status: 'failed', cause: 'no-signal' });
    await element.updateComplete;
    expect(q(element, 'li[data-part="speaker"] .fix').textContent).to.contain('Turn the volume up');
    const again = oneEvent(element, 'visit-device-check');
    button(element, 'Yes, I heard it').click();
    expect((await again).result.speaker).to.deep.equal({ status: 'ok' });
  });

  for (const [cause, expected] of [
    ['permission-denied', 'Your browser is blocking the microphone'],
    ['system-denied', 'Your device’s settings are blocking the microphone'],
    ['no-device', 'We could not find a microphone'],
    ['in-use', 'Another app is using your microphone'],
  ] as const) {
    it(`explains a microphone failure (${cause}) with its fix, and blocks joining`, async () => {
      const failed = { status: 'failed' as const, cause };
      const { element } = await mount({ checker: fakeChecker({ microphone: failed, camera: failed }) });
      await passCheck(element);
      expect(q(element, 'li[data-part="microphone"]').textContent).to.contain(expected);
      expect(q(element, 'li[data-part="camera"] .fix').textContent).to.contain(
        expected.replace('microphone', 'camera'),
      );
      expect(text(element)).to.contain('Your microphone must work before you can join the visit.');
      q<HTMLInputElement>(element, '#rules-agree').click();
      await element.updateComplete;
      expect(q<HTMLButtonElement>(element, 'button.join').disabled).to.equal(true);
      await expect(element).to.be.accessible();
    });
  }

  it('an unsupported browser is told which browsers work', async () => {
    const failed = { status: 'failed' as const, cause: 'unsupported' as const };
    const { element } = await mount({
      checker: fakeChecker({ browser: failed, camera: failed, microphone: failed }),
    });
    await passCheck(element);
    expect(q(element, 'li[data-part="browser"] .fix').textContent).to.contain(
      'Chrome, Edge, Firefox or Safari',
    );
    expect(q<HTMLButtonElement>(element, 'button.join').disabled).to.equal(true);
  });

  it('without a camera, offers sound only and picks the audio-only data saver', async () => {
    const { element } = await mount({
      checker: fakeChecker({ camera: { status: 'failed', cause: 'no-device' } }),
    });
    await passCheck(element);
    expect(text(element)).to.contain('you can still join with sound only');
    expect(q<HTMLInputElement>(element, '#mode-audio-only').checked).to.equal(true);
    q<HTMLInputElement>(element, '#rules-agree').click();
    await element.updateComplete;
    expect(q<HTMLButtonElement>(element, 'button.join').disabled).to.equal(false);
  });

  it('shows data-use estimates for the visit’s length', async () => {
    const { element } = await mount();
    await passCheck(element);
    const label = (mode: string) => q(element, `label[for="mode-${mode}"]`).textContent!.replace(/\s+/g, ' ');
    expect(label('normal')).to.contain('about 247 MB');
    expect(label('low-video')).to.contain('about 103 MB');
    expect(label('audio-only')).to.contain('about 24 MB');
    expect(text(element)).to.contain('Estimates for a 30-minute visit');
  });

  it('needs the rules accepted: error tied to the checkbox, which gets the focus', async () => {
    const { element, backend } = await mount();
    await passCheck(element);
    q<HTMLButtonElement>(element, 'button.join').click();
    await until(element, () => text(element).includes('Agree to the visit rules to join'), 'rules error');
    const box = q<HTMLInputElement>(element, '#rules-agree');
    expect(element.shadowRoot!.activeElement).to.equal(box);
    expect(box.getAttribute('aria-describedby')).to.equal('rules-error');
    expect(backend.api.callsTo('POST /visits/{visitId}/call/knock')).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('rules error: an error summary (alert) at the top linking to the box, and a hidden "Error:" prefix (issue 13)', async () => {
    const { element } = await mount({ lang: 'en' });
    await passCheck(element);
    q<HTMLButtonElement>(element, 'button.join').click();
    await until(
      element,
      () => Boolean(element.shadowRoot!.querySelector('[part="error-summary"]')),
      'summary',
    );
    const summary = q(element, '[part="error-summary"]');
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(summary.textContent).to.contain('There is a problem');
    expect(q(element, '#rules-error .visually-hidden').textContent!.trim()).to.equal('Error:');
    const box = q<HTMLInputElement>(element, '#rules-agree');
    (element.shadowRoot!.activeElement as HTMLElement | null)?.blur();
    q<HTMLAnchorElement>(element, '[part="error-summary"] a').click();
    expect(element.shadowRoot!.activeElement).to.equal(box);
    await expect(element).to.be.accessible();
    box.click();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part="error-summary"]')).to.equal(null);
  });

  it('knocks, publishes the camera to the lobby (no microphone), and shows live status pushed by the backend', async () => {
    const { element, backend, sessions } = await mount();
    await knockIn(element);
    await until(element, () => element.stage === 'waiting', 'waiting');
    expect(backend.api.callsTo('POST /visits/{visitId}/call/knock')).to.have.length(1);
    await until(
      element,
      () => sessions.length === 1 && sessions[0]!.calls.some(([n]) => n === 'connect'),
      'lobby',
    );
    const [, options] = sessions[0]!.calls.find(([n]) => n === 'connect')!;
    expect(options).to.deep.include({ url: 'ws://livekit.test', microphone: false, camera: true });
    await until(element, () => text(element).includes('You are in the queue'), 'queue');
    expect(text(element)).to.contain('Alex has been told you are here and is on their way.');
    await until(
      element,
      () => Boolean(element.shadowRoot!.querySelector('video.lobby-self')),
      'lobby self-view',
    );
    expect(text(element)).to.contain('Staff can see your camera');
    await expect(element).to.be.accessible();
    backend.push({ status: 'checking' });
    await until(
      element,
      () => text(element).includes('An officer is checking your identity'),
      'checking',
      2000,
    );
    backend.push({ prisonerReady: true });
    await until(
      element,
      () => text(element).includes('Alex is ready and waiting for you.'),
      'prisoner ready',
      2000,
    );
    await expect(element).to.be.accessible();
  });

  it('on admission fires visit-admitted and hands over to <visit-call> with the call token', async () => {
    const { element, backend, sessions } = await mount();
    await knockIn(element);
    await until(element, () => sessions[0]?.getState().connection.phase === 'connected', 'in the lobby');
    const admitted = oneEvent(element, 'visit-admitted');
    backend.push({ status: 'admitted' });
    expect((await admitted).visitId).to.equal('v1');
    await until(element, () => element.stage === 'call', 'call stage');
    await until(element, () => sessions[1]?.calls.some(([n]) => n === 'connect') ?? false, 'call connect');
    const session = sessions[1]!;
    const [, options] = session.calls.find(([n]) => n === 'connect')!;
    expect(options).to.deep.include({ microphone: true });
    expect(sessions[0]!.getState().connection.phase).to.equal('disconnected'); // the lobby is left
    const call = q<VisitCall>(element, 'visit-call');
    expect(call.session).to.equal(session);
    await call.updateComplete;
    expect(call.shadowRoot!.querySelector('.controls')).to.be.instanceOf(HTMLElement);
    expect(backend.api.callsTo('POST /visits/{visitId}/call/token')).to.have.length(2);
  });

  it('a host that renders the call elsewhere cancels visit-admitted', async () => {
    const { element, backend, sessions } = await mount();
    element.addEventListener('visit-admitted', (event) => event.preventDefault());
    await knockIn(element);
    await until(element, () => sessions[0]?.getState().connection.phase === 'connected', 'in the lobby');
    backend.push({ status: 'admitted' });
    await until(element, () => element.stage === 'handed-over', 'handed over');
    expect(sessions).to.have.length(1);
    expect(sessions[0]!.getState().connection.phase).to.equal('disconnected');
    expect(element.shadowRoot!.querySelector('visit-call')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('refused: leaves the lobby and shows the reason and what to do next', async () => {
    const { element, backend, sessions } = await mount();
    await knockIn(element);
    await until(element, () => sessions[0]?.getState().connection.phase === 'connected', 'in the lobby');
    const ended = oneEvent(element, 'visit-ended');
    backend.push({
      status: 'denied',
      denyReason: 'not-on-booking',
      denyNote: 'A second adult was on camera.',
    });
    expect((await ended).reason).to.equal('denied');
    await element.updateComplete;
    expect(q(element, '#end-title').textContent).to.contain('You were not let in to this visit');
    expect(text(element)).to.contain('someone on camera is not on the booking');
    expect(text(element)).to.contain('A second adult was on camera.');
    expect(text(element)).to.contain('Contact the prison');
    expect(sessions[0]!.getState().connection.phase).to.equal('disconnected');
    await expect(element).to.be.accessible();
  });

  it('the visit ended before the call (time up) shows the time-up screen', async () => {
    const { element, backend } = await mount();
    backend.send('ended', { reason: 'time-up' });
    await until(element, () => element.stage === 'ended', 'ended');
    expect(q(element, '#end-title').textContent).to.contain('Your visit has finished');
  });

  it('kiosk: role="prisoner" becomes side, finds the next visit itself, bigger controls, no data saver', async () => {
    const backend = callBackend({ role: 'prisoner' });
    const sessions: FakeCallSession[] = [];
    const element = await fixture<VisitWaitingRoom>(
      html`<visit-waiting-room
        role="prisoner"
        .client=${backend.client}
        .deviceChecker=${fakeChecker()}
        .sessionFactory=${
          (() => {
            const session = new FakeCallSession({ remoteParticipants: [] });
            session.update({ connection: { phase: 'idle', reconnectCount: 0, reconnectingMs: 0 } });
            sessions.push(session);
            return session;
          }) as SessionFactory
        }
      ></visit-waiting-room>`,
    );
    await until(element, () => element.stage === 'prepare', 'prepared');
    expect(element.getAttribute('role')).to.equal(null);
    expect(element.side).to.equal('prisoner');
    expect(backend.api.callsTo('GET /visits')).to.have.length(1);
    expect(q(element, 'h2').textContent).to.contain('Your video visit with Sam');
    expect(element.shadowRoot!.querySelector('.data-saver')).to.equal(null);
    expect(q(element, 'button.start-check').getBoundingClientRect().height).to.be.at.least(64);
    await knockIn(element);
    await until(element, () => element.stage === 'waiting', 'ready');
    expect(text(element)).to.contain('The visit starts when staff let Sam in.');
    expect(sessions).to.have.length(0); // no lobby for the person in prison
    await expect(element).to.be.accessible();
    backend.push({ status: 'checking' });
    await until(
      element,
      () => text(element).includes('An officer is checking who they are.'),
      'visitor checked',
    );
    backend.push({ status: 'admitted' });
    await until(element, () => element.stage === 'call', 'call');
    await until(element, () => sessions[0]?.calls.some(([n]) => n === 'connect') ?? false, 'connects');
    const call = q<VisitCall>(element, 'visit-call');
    expect(call.side).to.equal('prisoner');
  });

  it('speaks Welsh', async () => {
    const { element } = await mount({ lang: 'cy' });
    expect(q(element, 'h2').textContent).to.contain('Ymweliad fideo â Alex Smith');
    expect(button(element, 'Gwirio fy nghamera a’m meicroffon')).to.be.instanceOf(HTMLElement);
    button(element, 'Gwirio fy nghamera a’m meicroffon').click();
    await until(element, () => text(element).includes('Gwirio eto'), 'Welsh check finished');
    expect(text(element)).to.contain('Mae eich camera a’ch meicroffon yn gweithio.');
    expect(text(element)).to.contain('Rwy’n cytuno i reolau’r ymweliad');
    await expect(element).to.be.accessible();
  });

  it('fits 320 px without sideways scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const { element } = await mount();
    await passCheck(element);
    expect(element.scrollWidth).to.be.at.most(320);
  });
});
