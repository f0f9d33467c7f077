// The staff monitor: a hidden, subscribe-only livekit-client Room with the backend's monitor token, reporting
// its connection phases and the video frames it decodes from the family and the prisoner.
import { ConnectionState, Room, RoomEvent } from 'livekit-client';

const loadedAt = Date.now();
const room = new Room({ adaptiveStream: false, dynacast: false });
const phases: { phase: string; at: number }[] = [];
room.on(RoomEvent.ConnectionStateChanged, (state: ConnectionState) => {
  const phase = state === ConnectionState.SignalReconnecting ? 'reconnecting' : state;
  phases.push({ phase, at: Date.now() });
});

async function report() {
  let framesDecoded = 0;
  for (const participant of room.remoteParticipants.values())
    for (const publication of participant.trackPublications.values()) {
      const stats = await publication.track?.receiver?.getStats();
      stats?.forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') framesDecoded += r.framesDecoded ?? 0;
      });
    }
  const state = room.state === ConnectionState.SignalReconnecting ? 'reconnecting' : room.state;
  return {
    loadedAt,
    phase: state,
    reconnectCount: phases.filter((p) => p.phase === 'reconnecting').length,
    creditedSeconds: 0,
    remote: [...room.remoteParticipants.values()].map((p) => ({ identity: p.identity, cameraOn: true })),
    framesDecoded,
    phases,
  };
}

Object.assign(window, {
  clusterPeer: { join: (url: string, token: string) => room.connect(url, token), report },
});
