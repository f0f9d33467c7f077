// The device check in real Chromium with its fake camera (test pattern) and fake microphone (a beep),
// and the network check where nothing listens (the checks against a real LiveKit server are in
// device-check-livekit.test.ts).
import { expect } from '@open-wc/testing';
import {
  checkBrowser,
  checkNetwork,
  listDevices,
  openPreview,
  playTestTone,
  queryPermission,
} from '../../src/media/index.js';

describe('device check', function () {
  this.timeout(30_000);

  it('finds a capable browser', () => {
    expect(checkBrowser()).to.deep.equal({ status: 'ok' });
  });

  it('opens camera and microphone, measures a real microphone level, and stops everything', async () => {
    const preview = await openPreview();
    try {
      expect(preview.camera.status).to.equal('ok');
      expect(preview.microphone.status).to.equal('ok');
      const [video] = preview.stream.getVideoTracks();
      expect(video?.readyState).to.equal('live');
      expect(video?.getSettings().width).to.be.greaterThan(0);
      expect(preview.meter, 'a level meter on the microphone').to.not.equal(undefined);
      expect(await preview.meter!.waitForSignal({ timeoutMs: 3000 }), 'the fake microphone beeps').to.equal(
        true,
      );
      expect(preview.meter!.read()).to.be.within(0, 1);
    } finally {
      preview.stop();
    }
    for (const track of preview.stream.getTracks()) expect(track.readyState).to.equal('ended');
  });

  it('lists devices with labels once permission is given', async () => {
    const devices = await listDevices();
    const kinds = new Set(devices.map((d) => d.kind));
    expect(kinds.has('videoinput')).to.equal(true);
    expect(kinds.has('audioinput')).to.equal(true);
    expect(devices.every((d) => d.deviceId !== '')).to.equal(true);
    expect(['granted', 'prompt', 'denied', 'unknown']).to.include(await queryPermission('camera'));
  });

  it('gives each device its own cause: a vanished camera does not block the microphone', async () => {
    const preview = await openPreview({ videoDeviceId: 'unplugged-camera' });
    try {
      expect(preview.camera).to.include({ status: 'failed', cause: 'device-not-found' });
      expect(preview.camera.detail).to.match(/OverconstrainedError/);
      expect(preview.microphone.status).to.equal('ok');
      expect(preview.stream.getVideoTracks()).to.have.length(0);
      expect(preview.stream.getAudioTracks()).to.have.length(1);
    } finally {
      preview.stop();
    }
  });

  it('plays a test tone to the end (Chromium here allows audio without a gesture)', async () => {
    const started = performance.now();
    const result = await playTestTone({ durationMs: 300 });
    expect(result).to.deep.equal({ status: 'ok' });
    expect(performance.now() - started).to.be.at.least(280);
  });

  it('reports a speaker id the browser does not know', async () => {
    const result = await playTestTone({ durationMs: 100, sinkId: 'no-such-speaker' });
    expect(result.status).to.equal('failed');
    expect(['device-not-found', 'unsupported']).to.include(result.cause);
  });

  it('fails the network check when nothing listens', async () => {
    const result = await checkNetwork({ url: 'ws://127.0.0.1:9', timeoutMs: 2000 });
    expect(result).to.include({ status: 'failed', cause: 'unreachable' });
  });
});
