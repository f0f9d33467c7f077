// One side of a visit through the SDK's own CallSession (the code behind <visit-call>): connects with the token
// the backend minted, and reports its state, a timeline of its connection phases and the frames it decodes.
// `loadedAt` is set once per page load, so the test can tell a reconnection from a reload.
import { CallSession } from '../../../src/media/session.js';
import type { ConnectionPhase } from '../../../src/media/types.js';

const loadedAt = Date.now();
const session = new CallSession({ autoFallback: false, dataSaver: 'low-video' });
const phases: { phase: ConnectionPhase; at: number }[] = [];
let last: ConnectionPhase | undefined;
session.subscribe((state) => {
  if (state.connection.phase !== last)
    phases.push({ phase: (last = state.connection.phase), at: Date.now() });
});

async function framesDecoded(): Promise<number> {
  let frames = 0;
  for (const participant of session.room?.remoteParticipants.values() ?? []) {
    for (const publication of participant.trackPublications.values()) {
      const stats = await publication.track?.receiver?.getStats();
      stats?.forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
    }
  }
  return frames;
}

async function report() {
  const state = session.getState();
  return {
    loadedAt,
    phase: state.connection.phase,
    reason: state.connection.reason,
    reconnectCount: state.connection.reconnectCount,
    endsAt: state.endsAt,
    creditedSeconds: state.creditedSeconds,
    warning: state.warning?.message,
    remote: state.remoteParticipants.map((p) => ({ identity: p.identity, cameraOn: p.cameraOn })),
    framesDecoded: await framesDecoded(),
    phases,
  };
}

Object.assign(window, {
  clusterPeer: {
    join: (url: string, token: string, endsAt: string) => session.connect({ url, token, endsAt }),
    report,
    leave: () => session.disconnect(),
  },
});
