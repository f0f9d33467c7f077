// Data-saver modes against the real LiveKit server: what each mode really sends and receives.
import { expect } from '@open-wc/testing';
import { CallSession, type CallState } from '../../src/media/index.js';
import { bitRate, showVideo } from './bit-rate.js';
import { sleep, tokenFor, uniqueRoom, waitForState } from './helpers.js';

const sees =
  (identity: string, check: (p: CallState['remoteParticipants'][number]) => boolean) => (state: CallState) =>
    state.remoteParticipants.some((p) => p.identity === identity && check(p));

describe('data-saver with a real LiveKit server', function () {
  this.timeout(90_000);
  const sessions: CallSession[] = [];
  const shown: (() => void)[] = [];
  afterEach(async () => {
    for (const remove of shown.splice(0)) remove();
    await Promise.all(sessions.splice(0).map((s) => s.disconnect()));
  });

  it('each step down sends and receives less; audio-only stops video both ways; back up restores it', async () => {
    const room = uniqueRoom('saver');
    const a = new CallSession({ autoFallback: false });
    const b = new CallSession({ autoFallback: false });
    sessions.push(a, b);
    await a.connect(await tokenFor(room, 'visitor:sam', { attributes: { role: 'visitor', name: 'Sam' } }));
    await b.connect(
      await tokenFor(room, 'prisoner:alex', { attributes: { role: 'prisoner', name: 'Alex' } }),
    );
    shown.push(showVideo(a, 'prisoner:alex'), showVideo(b, 'visitor:sam'));
    await waitForState(
      a,
      sees('prisoner:alex', (p) => p.cameraOn),
      15_000,
      'a sees b',
    );
    await waitForState(
      b,
      sees('visitor:sam', (p) => p.cameraOn),
      15_000,
      'b sees a',
    );
    await sleep(3000); // let bandwidth estimation ramp up
    const normal = await bitRate(a, 4000);

    await a.setDataSaverMode('low-video');
    await sleep(2500);
    const low = await bitRate(a, 4000);
    const seenByB = b.getState().remoteParticipants[0]?.tracks.find((t) => t.source === 'camera');
    expect(seenByB?.width, 'b now receives a small picture from a').to.be.at.most(320);

    await a.setDataSaverMode('audio-only');
    await waitForState(
      b,
      sees('visitor:sam', (p) => !p.cameraOn && p.microphoneOn),
      10_000,
      'b sees a camera off',
    );
    await sleep(1500);
    const audio = await bitRate(a, 4000);
    const stateA = a.getState();
    expect(stateA.camera).to.include({ enabled: false, wanted: true, heldByDataSaver: true });
    expect(stateA.remoteParticipants[0]?.cameraOn, 'a no longer receives b’s video').to.equal(false);

    console.log(
      `[measure] kbit/s sent/received by one side — normal ${normal.sent}/${normal.received}, ` +
        `low-video ${low.sent}/${low.received}, audio-only ${audio.sent}/${audio.received}`,
    );
    expect(low.sent).to.be.below(normal.sent);
    expect(low.received).to.be.below(normal.received);
    expect(audio.sent).to.be.below(low.sent);
    expect(audio.received).to.be.below(low.received);
    expect(audio.receivedVideo, 'no video arrives in audio-only').to.be.below(5);
    expect(low.sent + low.received, 'low-video within its budget (2 × 208 kbit/s + headroom)').to.be.below(
      600,
    );
    expect(audio.sent + audio.received, 'audio-only within its budget').to.be.below(160);

    await a.setDataSaverMode('normal');
    await waitForState(
      b,
      sees('visitor:sam', (p) => p.cameraOn),
      10_000,
      'b sees a camera again',
    );
    await waitForState(
      a,
      sees('prisoner:alex', (p) => p.cameraOn),
      10_000,
      'a receives b again',
    );
    expect(a.getState().camera).to.include({ enabled: true, heldByDataSaver: false });
  });
});
