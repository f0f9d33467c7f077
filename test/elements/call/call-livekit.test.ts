// <visit-call> on real CallSessions against the real LiveKit server (test plugin): two elements see each
// other's video, the countdown follows room metadata (endsAt, credit), and a deleted room ends the call.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { VisitCall } from '../../../src/elements/call/call.js';
import '../../../src/elements/call/visit-call.js';
import { createCallSession, type CallSessionLike } from '../../../src/elements/shared/media-loader.js';
import { q, text } from '../booking/helpers.js';

const room = `wtr-call-${Date.now().toString(36)}`;

async function token(identity: string, role: string, name: string) {
  return (await executeServerCommand('livekit-token', {
    room,
    identity,
    name,
    attributes: { role, name },
  })) as { url: string; token: string };
}

describe('<visit-call> with real LiveKit', function () {
  this.timeout(60_000);
  let sessions: CallSessionLike[] = [];

  after(async () => {
    for (const session of sessions) await session.disconnect();
  });

  it('shows the other side’s video, follows endsAt from room metadata, and ends when the room is deleted', async () => {
    const family = await createCallSession({});
    const prison = await createCallSession({});
    sessions = [family, prison];
    const [familyElement, prisonElement] = await Promise.all([
      fixture<VisitCall>(html`<visit-call .session=${family}></visit-call>`),
      fixture<VisitCall>(html`<visit-call .session=${prison} side="prisoner"></visit-call>`),
    ]);
    const endsAt = Date.now() + 20 * 60_000;
    const a = await token('visitor:sam', 'visitor', 'Sam Taylor');
    const b = await token('prisoner:a1234bc', 'prisoner', 'John Smith');
    await Promise.all([
      family.connect!({ url: a.url, token: a.token, endsAt }),
      prison.connect!({ url: b.url, token: b.token, endsAt }),
    ]);
    const started = Date.now();
    await waitUntil(
      () => {
        const video = familyElement.shadowRoot!.querySelector<HTMLVideoElement>('.remote video');
        return Boolean(video && video.videoWidth > 0 && video.getVideoPlaybackQuality().totalVideoFrames > 0);
      },
      'the family element shows the prisoner’s video',
      { timeout: 20_000 },
    );
    console.log(`[measure] connect → first remote frame in <visit-call>: ${Date.now() - started} ms`);
    expect(q(familyElement, '.remote').textContent).to.contain('John Smith');
    await waitUntil(
      () => (prisonElement.shadowRoot!.querySelector<HTMLVideoElement>('.remote video')?.videoWidth ?? 0) > 0,
      'the prison element shows the family’s video',
      { timeout: 20_000 },
    );
    expect(q(prisonElement, '.remote').textContent).to.contain('Sam Taylor');
    await expect(familyElement).to.be.accessible();

    // the backend moves endsAt (lost-time credit) through room metadata
    const credited = endsAt + 180_000;
    await executeServerCommand('livekit-room', {
      action: 'update-metadata',
      room,
      metadata: JSON.stringify({ endsAt: new Date(credited).toISOString(), creditedSeconds: 180 }),
    });
    // the first metadata is the baseline; a second increase is news
    await executeServerCommand('livekit-room', {
      action: 'update-metadata',
      room,
      metadata: JSON.stringify({ endsAt: new Date(credited + 60_000).toISOString(), creditedSeconds: 240 }),
    });
    await waitUntil(() => text(familyElement).includes('1 minute added to your visit'), 'credit notice', {
      timeout: 10_000,
    });
    const shown = Number(q(familyElement, '[part="countdown"]').dataset.ms);
    expect(Math.abs(shown - (credited + 60_000 - Date.now()))).to.be.below(2500);

    // the server deletes the room (time up / staff end): both show an end screen, the family without a backend
    await executeServerCommand('livekit-room', { action: 'delete-room', room });
    await waitUntil(() => Boolean(familyElement.shadowRoot!.querySelector('.end')), 'family end screen', {
      timeout: 15_000,
    });
    await waitUntil(() => Boolean(prisonElement.shadowRoot!.querySelector('.end')), 'prison end screen', {
      timeout: 15_000,
    });
    expect(q(familyElement, '.end').dataset.reason).to.equal('ended-by-staff');
    await expect(familyElement).to.be.accessible();
  });
});
