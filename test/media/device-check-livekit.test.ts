// The device check's network test and the whole check against the real LiveKit server (with Chromium's fake
// camera and microphone).
import { expect } from '@open-wc/testing';
import { checkNetwork, runDeviceCheck } from '../../src/media/index.js';
import { tokenFor, uniqueRoom } from './helpers.js';

describe('device check against a real LiveKit server', function () {
  this.timeout(30_000);

  it('measures the round trip to the LiveKit server and validates a token', async () => {
    const { url, token } = await tokenFor(uniqueRoom('net'), 'visitor:sam');
    const result = await checkNetwork({ url, token });
    expect(result.status).to.equal('ok');
    expect(result.rttMs).to.be.a('number').and.to.be.below(400);
    console.log(`[measure] network check RTT to local LiveKit: ${result.rttMs} ms`);

    const refused = await checkNetwork({ url, token: `${token.slice(0, -3)}xyz` });
    expect(refused).to.include({ status: 'failed', cause: 'token-invalid' });
  });

  it('flags a slow connection against the threshold', async () => {
    const { url } = await tokenFor(uniqueRoom('slow'), 'visitor:sam');
    const result = await checkNetwork({ url, slowMs: -1 });
    expect(result).to.include({ status: 'warning', cause: 'slow' });
  });

  it('runs the whole check into one result object', async () => {
    const { url } = await tokenFor(uniqueRoom('all'), 'visitor:sam');
    const result = await runDeviceCheck({ network: { url }, listenMs: 3000 });
    try {
      expect(result.browser.status).to.equal('ok');
      expect(result.camera.status).to.equal('ok');
      expect(result.microphone.status).to.equal('ok');
      expect(result.speaker.status, 'only a person can confirm hearing').to.equal('unknown');
      expect(result.network.status).to.equal('ok');
    } finally {
      result.preview.stop();
    }
    const confirmed = await runDeviceCheck({ camera: false, microphone: false, speakerConfirmed: false });
    expect(confirmed.speaker).to.include({ status: 'failed' });
    expect(confirmed.network.status).to.equal('unknown');
    expect(confirmed.camera.status).to.equal('unknown');
    confirmed.preview.stop();
  });
});
