// A family member or the person in prison for the staff-console e2e test, built from the SDK's own pieces
// (VisitClient + the media layer's CallSession) because <visit-waiting-room>/<visit-call> do not exist yet:
// knock, publish to the lobby (visitor), follow /visits/{id}/events, join the call once admitted, and record
// everything the test asserts on (states, warnings, the end, every participant ever seen).
import { VisitClient } from '../../../src/api/client.js';
import { CallSession } from '../../../src/media/index.js';

interface Peer {
  start(apiBase: string, token: string, visitId: string): Promise<void>;
  statuses: string[];
  warnings: string[];
  ended?: { reason: string; note?: string };
  /** Every remote identity this side has ever seen, in the lobby or the call. */
  seen: string[];
  kind?: 'lobby' | 'call';
  phase(): string;
  /** Decoded video width of the other side (0 until frames arrive). */
  remoteVideoWidth(): number;
}

declare global {
  interface Window {
    peer: Peer;
  }
}

const session = new CallSession({ autoFallback: false });
const video = document.createElement('video');
video.muted = true;
video.autoplay = true;
document.body.append(video);
let unbind: (() => void) | undefined;

const peer: Peer = {
  statuses: [],
  warnings: [],
  seen: [],
  phase: () => session.getState().connection.phase,
  remoteVideoWidth: () => video.videoWidth,
  async start(apiBase, token, visitId) {
    const client = new VisitClient({ baseUrl: apiBase, session: { token } });
    const post = async (path: string) => {
      const response = await client.send(
        new Request(`${apiBase}/api/v1${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
      );
      return response.json() as Promise<Record<string, unknown>>;
    };
    session.subscribe((state) => {
      for (const person of state.remoteParticipants) {
        if (!peer.seen.includes(person.identity)) peer.seen.push(person.identity);
        if (!unbind && person.role !== 'staff') unbind = session.bindVideo(video, person.identity);
      }
    });
    let joining = false;
    const join = async () => {
      if (joining || peer.kind === 'call') return;
      joining = true;
      try {
        const answer = (await post(`/visits/${visitId}/call/token`)) as {
          url: string;
          token: string;
          kind: 'lobby' | 'call';
        };
        if (peer.kind === 'lobby') await session.disconnect();
        peer.kind = answer.kind;
        await session.connect({ url: answer.url, token: answer.token });
      } finally {
        joining = false;
      }
    };
    const controller = new AbortController();
    void client.events(`/visits/${visitId}/events`, {
      signal: controller.signal,
      onEvent: ({ event, data }) => {
        const payload = data as Record<string, unknown>;
        if (event === 'state') {
          peer.statuses.push(String(payload.status));
          if (payload.status === 'admitted' || payload.status === 'in-call') void join();
        }
        if (event === 'warning') peer.warnings.push(String(payload.message));
        if (event === 'ended') {
          peer.ended = { reason: String(payload.reason), note: payload.note as string | undefined };
          controller.abort();
        }
      },
    });
    const knocked = await post(`/visits/${visitId}/call/knock`);
    // The visitor publishes to the lobby at once; the person in prison waits for admission.
    if (knocked.status === 'waiting' || knocked.status === 'checking') {
      try {
        await join();
      } catch {
        // the prison side is not admitted yet: it joins on the `state` event
      }
    } else if (knocked.status === 'admitted' || knocked.status === 'in-call') {
      await join();
    }
  },
};
window.peer = peer;
