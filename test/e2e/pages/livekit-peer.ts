// A bare LiveKit peer: joins a room, publishes the fake camera and microphone, and reports what it receives.
import { Room, RoomEvent, Track } from 'livekit-client';

const room = new Room({ adaptiveStream: false, dynacast: false });

async function join(url: string, token: string): Promise<void> {
  room.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind === Track.Kind.Video) {
      const video = track.attach() as HTMLVideoElement;
      video.muted = true;
      document.body.append(video);
    }
  });
  await room.connect(url, token);
  await room.localParticipant.enableCameraAndMicrophone();
}

/** Inbound RTP counters summed over every subscribed track. */
async function inbound(): Promise<{ framesDecoded: number; audioPackets: number; videoWidth: number }> {
  let framesDecoded = 0;
  let audioPackets = 0;
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      const receiver = publication.track?.receiver;
      if (!receiver) continue;
      const stats = await receiver.getStats();
      stats.forEach((report) => {
        if (report.type !== 'inbound-rtp') return;
        if (report.kind === 'video') framesDecoded += report.framesDecoded ?? 0;
        if (report.kind === 'audio') audioPackets += report.packetsReceived ?? 0;
      });
    }
  }
  const video = document.querySelector('video');
  return { framesDecoded, audioPackets, videoWidth: video?.videoWidth ?? 0 };
}

Object.assign(window, { lkPeer: { join, inbound, leave: () => room.disconnect() } });
