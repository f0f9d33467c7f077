// CallSession against the real LiveKit server (started by the web-test-runner plugin), with Chromium's
// fake camera and microphone. Two sessions in one page play the family and the person in prison.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { CallSession, CallSessionError, type CallState } from '../../src/media/index.js';
import { firstFrame, roomCommand, sleep, sumStats, tokenFor, uniqueRoom, waitForState } from './helpers.js';

const sessions: CallSession[] = [];
function session(options?: ConstructorParameters<typeof CallSession>[0]): CallSession {
  const created = new CallSession(options);
  sessions.push(created);
  return created;
}

const family = { name: 'Sam Taylor', attributes: { role: 'visitor', name: 'Sam Taylor' } };
const prisoner = { name: 'A1234BC', attributes: { role: 'prisoner', name: 'Alex Brown' } };

async function joinPair(room: string) {
  const a = session();
  const b = session();
  await a.connect(await tokenFor(room, 'visitor:sam', family));
  await b.connect(await tokenFor(room, 'prisoner:alex', prisoner));
  return { a, b };
}

const sees =
  (identity: string, check: (p: CallState['remoteParticipants'][number]) => boolean) => (state: CallState) =>
    state.remoteParticipants.some((p) => p.identity === identity && check(p));

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.disconnect()));
});

describe('CallSession with a real LiveKit server', function () {
  this.timeout(60_000);

  it('two sessions see and receive each other’s camera and microphone; first frame time is measured', async () => {
    const room = uniqueRoom('pair');
    const a = session();
    const b = session();
    await a.connect(await tokenFor(room, 'visitor:sam', family));
    await waitForState(a, (s) => s.camera.enabled && s.microphone.enabled, 15_000, 'a publishing');

    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    b.bindVideo(video, 'visitor:sam');
    const started = performance.now();
    const framed = firstFrame(video, started);
    await b.connect(await tokenFor(room, 'prisoner:alex', prisoner));
    const joinToFirstFrameMs = await framed;
    console.log(`[measure] join-to-first-remote-frame: ${Math.round(joinToFirstFrameMs)} ms`);
    expect(joinToFirstFrameMs).to.be.below(10_000);
    expect(video.videoWidth).to.be.greaterThan(0);

    const seenByB = await waitForState(
      b,
      sees('visitor:sam', (p) => p.cameraOn && p.microphoneOn),
      15_000,
      'b sees a',
    );
    const sam = seenByB.remoteParticipants.find((p) => p.identity === 'visitor:sam');
    expect(sam?.role).to.equal('visitor');
    expect(sam?.name).to.equal('Sam Taylor');
    expect(sam?.tracks.map((t) => `${t.kind}:${t.source}`).sort()).to.deep.equal([
      'audio:microphone',
      'video:camera',
    ]);

    const seenByA = await waitForState(
      a,
      sees('prisoner:alex', (p) => p.cameraOn && p.microphoneOn),
      15_000,
      'a sees b',
    );
    const alex = seenByA.remoteParticipants.find((p) => p.identity === 'prisoner:alex');
    expect(alex?.role).to.equal('prisoner');
    expect(alex?.name).to.equal('Alex Brown');
    expect(seenByA.connection.phase).to.equal('connected');
    expect(seenByA.room).to.equal(room);
    expect(seenByA.identity).to.equal('visitor:sam');

    // audio packets really arrive on both sides
    for (const [listener, speaker] of [
      [a, 'prisoner:alex'],
      [b, 'visitor:sam'],
    ] as const) {
      let packets = 0;
      for (let i = 0; i < 40 && packets === 0; i += 1) {
        const track = listener.room?.remoteParticipants.get(speaker)?.audioTrackPublications.values().next()
          .value?.track;
        packets = sumStats(await track?.getRTCStatsReport(), 'inbound-rtp', 'packetsReceived', 'audio');
        if (!packets) await sleep(250);
      }
      expect(packets, `${speaker}'s audio reaches the other side`).to.be.greaterThan(0);
    }
    video.remove();
  });

  it('mute and unmute reach the other side', async () => {
    const { a, b } = await joinPair(uniqueRoom('mute'));
    await waitForState(
      b,
      sees('visitor:sam', (p) => p.cameraOn && p.microphoneOn),
      15_000,
      'b sees a',
    );

    const toggling = a.setMicrophoneEnabled(false);
    expect(a.getState().microphone.wanted).to.equal(false);
    await toggling;
    expect(a.getState().microphone).to.include({ enabled: false, pending: false });
    await waitForState(
      b,
      sees('visitor:sam', (p) => !p.microphoneOn),
      10_000,
      'mic muted seen',
    );

    await a.setCameraEnabled(false);
    expect(a.getState().camera).to.include({ enabled: false, wanted: false, pending: false });
    await waitForState(
      b,
      sees('visitor:sam', (p) => !p.cameraOn),
      10_000,
      'camera off seen',
    );

    await a.setMicrophoneEnabled(true);
    await a.setCameraEnabled(true);
    expect(a.getState().camera.enabled).to.equal(true);
    await waitForState(
      b,
      sees('visitor:sam', (p) => p.cameraOn && p.microphoneOn),
      10_000,
      'both back on',
    );
  });

  it('room metadata sets endsAt, credited time and the staff warning live', async () => {
    const room = uniqueRoom('meta');
    const endsAt = new Date(Date.now() + 30 * 60_000);
    const { a } = await joinPair(room);
    await roomCommand('update-metadata', room, {
      metadata: JSON.stringify({ endsAt: endsAt.toISOString(), creditedSeconds: 0 }),
    });
    let state = await waitForState(a, (s) => s.endsAt !== undefined, 10_000, 'endsAt');
    expect(state.endsAt).to.equal(endsAt.getTime());
    expect(state.creditedSeconds).to.equal(0);
    expect(state.lastCredit).to.equal(undefined);
    const left = a.timeLeftMs() ?? 0;
    expect(left).to.be.within(29 * 60_000, 30 * 60_000);

    const later = new Date(endsAt.getTime() + 180_000);
    await roomCommand('update-metadata', room, {
      metadata: JSON.stringify({
        endsAt: later.toISOString(),
        creditedSeconds: 180,
        warning: { message: 'Please keep the camera on your face.', at: new Date().toISOString() },
      }),
    });
    state = await waitForState(a, (s) => s.creditedSeconds === 180, 10_000, 'credit');
    expect(state.endsAt).to.equal(later.getTime());
    expect(state.lastCredit?.seconds).to.equal(180);
    expect(state.warning?.message).to.equal('Please keep the camera on your face.');
  });

  it('a session joining a room that already has metadata reads it at once', async () => {
    const room = uniqueRoom('meta-early');
    const endsAt = Date.now() + 10 * 60_000;
    const first = session();
    await first.connect({
      ...(await tokenFor(room, 'prisoner:alex', prisoner)),
      camera: false,
      microphone: false,
    });
    await roomCommand('update-metadata', room, { metadata: JSON.stringify({ endsAt, creditedSeconds: 60 }) });
    await waitForState(first, (s) => s.endsAt === endsAt, 10_000, 'first endsAt');
    const late = session();
    await late.connect({
      ...(await tokenFor(room, 'visitor:sam', family)),
      camera: false,
      microphone: false,
    });
    const state = late.getState();
    expect(state.endsAt).to.equal(endsAt);
    expect(state.creditedSeconds).to.equal(60);
    expect(state.lastCredit, 'credit known at join is not news').to.equal(undefined);
  });

  it('a hidden, subscribe-only staff monitor is never listed, yet receives both sides', async () => {
    const room = uniqueRoom('hidden');
    const { a, b } = await joinPair(room);
    const monitor = session();
    await monitor.connect({
      ...(await tokenFor(room, 'staff:officer', {
        attributes: { role: 'staff', name: 'Officer' },
        grant: { hidden: true, canPublish: false, canPublishData: false },
      })),
      microphone: false,
      camera: false,
    });
    const watched = await waitForState(
      monitor,
      (s) => s.remoteParticipants.filter((p) => p.cameraOn).length === 2,
      15_000,
      'monitor sees both',
    );
    expect(watched.remoteParticipants.map((p) => p.identity).sort()).to.deep.equal([
      'prisoner:alex',
      'visitor:sam',
    ]);
    const { identities } = await roomCommand('list-participants', room);
    expect(identities, 'the monitor is really in the room').to.include('staff:officer');
    await sleep(1000);
    for (const s of [a, b]) {
      const ids = s.getState().remoteParticipants.map((p) => p.identity);
      expect(ids).to.have.length(1);
      expect(ids).not.to.include('staff:officer');
    }
  });

  it('removal by the server ends the session with removed-by-server; deleting the room ends the other', async () => {
    const room = uniqueRoom('removed');
    const { a, b } = await joinPair(room);
    await roomCommand('remove-participant', room, { identity: 'visitor:sam' });
    const ended = await waitForState(a, (s) => s.connection.phase === 'disconnected', 10_000, 'a removed');
    expect(ended.connection.reason).to.equal('removed-by-server');
    expect(ended.remoteParticipants).to.have.length(0);

    await roomCommand('delete-room', room);
    const closed = await waitForState(
      b,
      (s) => s.connection.phase === 'disconnected',
      10_000,
      'room deleted',
    );
    expect(closed.connection.reason).to.equal('removed-by-server');
  });

  it('a second connection with the same identity replaces the first: duplicate-identity', async () => {
    const room = uniqueRoom('dup');
    const first = session();
    await first.connect({ ...(await tokenFor(room, 'visitor:sam', family)), camera: false });
    const second = session();
    await second.connect({ ...(await tokenFor(room, 'visitor:sam', family)), camera: false });
    const ended = await waitForState(
      first,
      (s) => s.connection.phase === 'disconnected',
      10_000,
      'first kicked',
    );
    expect(ended.connection.reason).to.equal('duplicate-identity');
    expect(second.getState().connection.phase).to.equal('connected');
  });

  it('a refused token rejects connect with token-invalid', async () => {
    const { url, token } = await tokenFor(uniqueRoom('bad'), 'visitor:sam', family);
    const tampered = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const s = session();
    let error: unknown;
    try {
      await s.connect({ url, token: tampered });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(CallSessionError);
    expect((error as CallSessionError).reason).to.equal('token-invalid');
    expect(s.getState().connection).to.include({ phase: 'disconnected', reason: 'token-invalid' });
  });

  it('an unreachable server rejects connect with connection-lost', async () => {
    const { token } = await tokenFor(uniqueRoom('unreachable'), 'visitor:sam', family);
    const s = session();
    const error = await s.connect({ url: 'ws://127.0.0.1:9', token }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as CallSessionError).reason).to.equal('connection-lost');
  });

  it('disconnect() ends with reason left, and the session can connect again', async () => {
    const room = uniqueRoom('leave');
    const { a, b } = await joinPair(room);
    await a.disconnect();
    expect(a.getState().connection).to.include({ phase: 'disconnected', reason: 'left' });
    await waitForState(b, (s) => s.remoteParticipants.length === 0, 10_000, 'b sees a leave');
    await a.connect(await tokenFor(room, 'visitor:sam', family));
    expect(a.getState().connection).to.deep.include({ phase: 'connected', reconnectCount: 0 });
    expect(a.getState().connection.reason).to.equal(undefined);
    await waitForState(
      b,
      sees('visitor:sam', (p) => p.cameraOn),
      15_000,
      'b sees a again',
    );
  });

  it('reconnects after a signal drop and a full reconnect, counting them and the time spent', async () => {
    const { a, b } = await joinPair(uniqueRoom('reconnect'));
    await waitForState(
      b,
      sees('visitor:sam', (p) => p.cameraOn),
      15_000,
      'b sees a',
    );
    const phases: string[] = [];
    a.subscribe((s) => phases.push(s.connection.phase));

    await a.room?.simulateScenario('signal-reconnect');
    await waitForState(
      a,
      (s) => s.connection.reconnectCount === 1 && s.connection.phase === 'connected',
      20_000,
      'signal back',
    );
    expect(phases).to.include('reconnecting');

    await a.room?.simulateScenario('full-reconnect');
    const back = await waitForState(
      a,
      (s) => s.connection.reconnectCount === 2 && s.connection.phase === 'connected',
      30_000,
      'full reconnect back',
    );
    expect(back.connection.reconnectingMs).to.be.greaterThan(0);
    expect(back.connection.reconnectingSince).to.equal(undefined);
    console.log(`[measure] two simulated reconnections took ${back.connection.reconnectingMs} ms in total`);
    // the call carries on: media flows both ways again
    await waitForState(
      a,
      sees('prisoner:alex', (p) => p.cameraOn && p.microphoneOn),
      20_000,
      'a sees b after',
    );
    await waitForState(
      b,
      sees('visitor:sam', (p) => p.cameraOn && p.microphoneOn),
      20_000,
      'b sees a after',
    );
  });

  it('recovers without a reload when the page’s network drops (DevTools offline)', async () => {
    const { a, b } = await joinPair(uniqueRoom('offline'));
    await waitForState(
      a,
      sees('prisoner:alex', (p) => p.cameraOn),
      15_000,
      'a sees b',
    );
    const phases: string[] = [];
    a.subscribe((s) => phases.push(s.connection.phase));
    await executeServerCommand('network-offline', { forMs: 3000 });
    const back = await waitForState(
      a,
      (s) => s.connection.reconnectCount >= 1 && s.connection.phase === 'connected',
      30_000,
      'back after the outage',
    );
    expect(phases).to.include('reconnecting');
    expect(back.connection.reconnectingMs).to.be.greaterThan(0);
    await waitForState(
      b,
      sees('visitor:sam', (p) => p.cameraOn && p.microphoneOn),
      20_000,
      'b still sees a',
    );
    expect(a.getState().remoteParticipants.map((p) => p.identity)).to.deep.equal(['prisoner:alex']);
  });
});
