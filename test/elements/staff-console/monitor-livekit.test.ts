// The monitor and the lobby camera against the real LiveKit server (started by the web-test-runner plugin),
// with Chromium's fake camera: the family and the person in prison are CallSessions of the media layer; the
// console gets hidden, subscribe-only tokens from its (fake) backend, as the real backend mints them.
import { expect, waitUntil } from '@open-wc/testing';
import type { StaffCallTile } from '../../../src/elements/staff-console/call-tile.js';
import { CallSession } from '../../../src/media/index.js';
import type { FakeRequest } from '../../support/fake-api.js';
import { callState, DAY, visit } from '../../support/fake-staff-api.js';
import { roomCommand, tokenFor, uniqueRoom, waitForState } from '../../media/helpers.js';
import { mount, settle } from './helpers.js';

const sessions: CallSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.disconnect()));
});

async function join(room: string, identity: string, role: 'visitor' | 'prisoner', name: string) {
  const session = new CallSession();
  sessions.push(session);
  await session.connect(await tokenFor(room, identity, { name, attributes: { role, name } }));
  await waitForState(session, (state) => state.camera.enabled, 15_000, `${identity} publishing`);
  return session;
}

/** What the backend's monitor-token route does: hidden, subscribe-only, for the call or the lobby room. */
function monitorTokens(rooms: { call: string; lobby: string }) {
  return async (request: FakeRequest) => {
    const room = request.query.get('lobby') === 'true' ? rooms.lobby : rooms.call;
    const { url, token } = await tokenFor(room, 'staff:s1', {
      grant: { hidden: true, canPublish: false, canPublishData: false, canSubscribe: true },
      attributes: { role: 'staff', name: 'Officer' },
    });
    return { url, token, room, identity: 'staff:s1' };
  };
}

function decoding(video: HTMLVideoElement | null | undefined): boolean {
  return Boolean(
    video && video.videoWidth > 0 && (video.getVideoPlaybackQuality().totalVideoFrames ?? 0) > 0,
  );
}

describe('<visit-staff-console> with a real LiveKit server', function () {
  this.timeout(60_000);

  it('monitors a call hidden and subscribe-only: both sides decode, nobody sees the officer', async () => {
    const rooms = { call: uniqueRoom('visit'), lobby: uniqueRoom('lobby') };
    const family = await join(rooms.call, 'visitor:sam', 'visitor', 'Sam Taylor');
    const prisoner = await join(rooms.call, 'prisoner:alex', 'prisoner', 'Alex Brown');
    const endsAt = new Date(Date.now() + 20 * 60_000).toISOString();
    const m = await mount({
      tab: 'monitor',
      visits: [visit('a', { callState: callState('a', 'in-call', { endsAt }) })],
      routes: { 'POST /staff/visits/{visitId}/monitor-token': monitorTokens(rooms) },
    });
    const tile = m.find<StaffCallTile>('visit-staff-call-tile')!;
    const video = (side: string) =>
      tile.shadowRoot!.querySelector<HTMLVideoElement>(`video[data-side="${side}"]`);
    await waitUntil(() => decoding(video('visitor')) && decoding(video('prisoner')), 'both sides decode', {
      timeout: 20_000,
    });
    // Low resolution: the monitor asks LiveKit for the lowest simulcast layer of each camera.
    const published = family.room!.localParticipant.getTrackPublications().find((p) => p.kind === 'video');
    const fullWidth = published?.dimensions?.width ?? 0;
    await waitUntil(
      () => video('visitor')!.videoWidth > 0 && video('visitor')!.videoWidth < fullWidth,
      `received below the published ${fullWidth} px`,
      { timeout: 15_000 },
    );
    // each side is named (issue 13: it read "Person in prison: Connection: excellent" with no name)
    expect(tile.shadowRoot!.textContent).to.match(
      /Visitor: Sam Taylor\s+Connection: (excellent|good|unknown)/,
    );
    expect(tile.shadowRoot!.textContent).to.match(
      /Person in prison: Alex Brown\s+Connection: (excellent|good|unknown)/,
    );
    expect(video('visitor')!.getAttribute('aria-label')).to.equal('Video of Sam Taylor');

    // The officer is really in the room …
    const listed = await roomCommand('list-participants', rooms.call);
    expect(listed.identities).to.include('staff:s1');
    // … but hidden from both sides, and publishing nothing.
    for (const side of [family, prisoner]) {
      expect(side.getState().remoteParticipants.map((p) => p.identity)).to.not.include('staff:s1');
    }
    const state = tile.connection.state!;
    expect(state.camera.enabled).to.equal(false);
    expect(state.microphone.enabled).to.equal(false);
    expect(tile.connection.listening).to.equal(false);
    await settle(m.el);
    await expect(m.el).to.be.accessible();

    // Ending the call (the backend deletes the room) leaves the tile without an error.
    await roomCommand('delete-room', rooms.call);
    await waitUntil(() => tile.connection.phase === 'ended', 'the monitor sees the room close', {
      timeout: 10_000,
    });
  });

  it('shows the visitor’s live lobby camera in the waiting list (the person in prison is not there)', async () => {
    const rooms = { call: uniqueRoom('visit'), lobby: uniqueRoom('lobby') };
    const family = await join(rooms.lobby, 'visitor:sam', 'visitor', 'Sam Taylor');
    const m = await mount({
      tab: 'waiting',
      visits: [visit('a', { callState: callState('a', 'waiting'), knockedAt: `${DAY}T13:50:00.000Z` })],
      routes: { 'POST /staff/visits/{visitId}/monitor-token': monitorTokens(rooms) },
    });
    const camera = m.find('visit-staff-lobby-camera')!;
    await waitUntil(() => decoding(camera.shadowRoot!.querySelector('video')), 'lobby camera decodes', {
      timeout: 20_000,
    });
    expect(m.api.callsTo('POST /staff/visits/a/monitor-token')[0]!.query.get('lobby')).to.equal('true');
    expect(camera.shadowRoot!.querySelector('video')!.getAttribute('aria-label')).to.equal(
      'Live camera of Sam Taylora',
    );
    expect(family.getState().remoteParticipants).to.have.length(0);
    await expect(m.el).to.be.accessible();
  });
});
