// WaitingRoomController on its own, with a minimal host (no element, nothing rendered): loading, the device
// check, the rules, knocking, the visitor's lobby camera (connected with the mic off through call-link's join
// sequence), admission handing over to a fresh call session, and refusal. The backend is the waiting room's
// fake route table behind a real VisitClient, event stream included.
import { expect } from '@open-wc/testing';
import type { SessionFactory } from '../../src/elements/shared/media-loader.js';
import { WaitingRoomController } from '../../src/elements/waiting-room/waiting-room-controller.js';
import { FakeCallSession } from '../../stories/call-fake-session.js';
import { ControllerHost } from '../support/controller-host.js';
import { callBackend, fakeChecker, type CallBackend } from '../elements/waiting-room/call-backend.js';

class Host extends ControllerHost {
  readonly renderRoot = document.createElement('div');
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function setUp(backend: CallBackend = callBackend(), prisoner = false) {
  const host = new Host();
  host.activeClient = backend.client;
  const sessions: FakeCallSession[] = [];
  const factory: SessionFactory = () => {
    const session = new FakeCallSession({ remoteParticipants: [] });
    session.update({ connection: { phase: 'idle', reconnectCount: 0, reconnectingMs: 0 } });
    sessions.push(session);
    return session;
  };
  let rulesErrors = 0;
  const room = new WaitingRoomController(host, {
    visit: () => backend.visit.id,
    prisoner: () => prisoner,
    deviceChecker: () => fakeChecker(),
    sessionFactory: () => factory,
    onRulesError: () => (rulesErrors += 1),
  });
  return { host, room, backend, sessions, rulesErrors: () => rulesErrors };
}

describe('WaitingRoomController', () => {
  it('loads the visit and its call state, and re-renders its host on every change', async () => {
    const { host, room } = setUp();
    const before = host.updates;
    await room.load();
    expect(room.stage).to.equal('prepare');
    expect(room.visitInfo?.reference).to.equal('V1DE0NWX');
    expect(room.callState?.status).to.equal('open');
    expect(host.updates).to.be.greaterThan(before);
    host.disconnect();
  });

  it('will not knock before the device check passed and the rules were accepted', async () => {
    const { host, room, backend, rulesErrors } = setUp();
    await room.load();
    await room.join();
    expect(room.rulesError).to.equal(true);
    expect(rulesErrors()).to.equal(1);
    room.rulesAccepted = true;
    await room.join(); // no device check yet
    expect(room.canJoin()).to.equal(false);
    expect(backend.api.callsTo('POST /visits/{visitId}/call/knock')).to.have.length(0);
    await room.runCheck();
    expect(room.checkPhase).to.equal('done');
    expect(room.canJoin()).to.equal(true);
    expect(host.events.map((event) => event.type)).to.include('visit-device-check');
    host.disconnect();
  });

  it('knocks, shows the lobby camera with the mic off, then hands over to a fresh call session', async () => {
    const { host, room, backend, sessions } = setUp();
    await room.load();
    await room.runCheck();
    room.rulesAccepted = true;
    await room.join();
    expect(room.stage).to.equal('waiting');
    expect(backend.api.callsTo('POST /visits/{visitId}/call/knock')).to.have.length(1);
    await until(() => room.lobbyLive, 'the lobby camera');
    const lobbyConnect = sessions[0]!.calls.find(([name]) => name === 'connect')![1] as Record<
      string,
      unknown
    >;
    expect(lobbyConnect).to.include({ microphone: false, camera: true, endsAt: backend.visit.end });
    backend.push({ status: 'admitted' });
    await until(() => room.stage === 'call', 'the call');
    await until(
      () => sessions.length === 2 && sessions[1]!.calls.some(([name]) => name === 'connect'),
      'call',
    );
    const callConnect = sessions[1]!.calls.find(([name]) => name === 'connect')![1] as Record<
      string,
      unknown
    >;
    expect(callConnect).to.include({ microphone: true, camera: true });
    expect(sessions[0]!.calls.map(([name]) => name)).to.include('disconnect');
    expect(room.session).to.equal(sessions[1]);
    expect(host.events.map((event) => event.type)).to.include('visit-admitted');
    host.disconnect();
  });

  it('shows the end screen when staff refuse the visitor', async () => {
    const { host, room, backend } = setUp();
    await room.load();
    await room.runCheck();
    room.rulesAccepted = true;
    await room.join();
    backend.push({ status: 'denied', denyReason: 'identity-not-confirmed' });
    await until(() => room.stage === 'ended', 'the end screen');
    expect(room.endInfo).to.deep.include({ reason: 'denied', staffReason: 'identity-not-confirmed' });
    expect(host.events.map((event) => event.type)).to.include('visit-ended');
    host.disconnect();
  });
});
