// Reliability test page: a participant with livekit-client alone (fake camera and microphone) that reports
// whether it joined, what it receives, and why it was disconnected.
import { DisconnectReason, Room, RoomEvent } from 'livekit-client';

const room = new Room({ adaptiveStream: false, dynacast: false });
let disconnectReason: string | undefined;
room.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
  disconnectReason = reason === undefined ? 'unknown' : DisconnectReason[reason];
});

async function join(url: string, token: string): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await room.connect(url, token);
    await room.localParticipant.enableCameraAndMicrophone();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

async function framesDecoded(): Promise<number> {
  let frames = 0;
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      const receiver = publication.track?.receiver;
      if (!receiver) continue;
      (await receiver.getStats()).forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
    }
  }
  return frames;
}

Object.assign(window, {
  vkReliabilityPeer: {
    join,
    framesDecoded,
    state: () => ({ state: room.state, disconnectReason, metadata: room.metadata ?? '' }),
    leave: () => room.disconnect(),
  },
});
