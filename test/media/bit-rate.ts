// What a session really sends and receives, from its tracks' WebRTC stats. Shared by the data-saver test
// (test/media/data-saver-livekit.test.ts) and the call bench (bench/pages/call-session.ts), so both measure a
// mode's bit rate the same way. No test-runner imports: the bench bundles it into a plain page.
import type { CallSession } from '../../src/media/index.js';

/** Sums a field of the `inbound-rtp` (or `outbound-rtp`) entries of a stats report. */
export function sumStats(
  report: RTCStatsReport | undefined,
  type: 'inbound-rtp' | 'outbound-rtp',
  field: 'packetsReceived' | 'bytesReceived' | 'bytesSent' | 'framesDecoded',
  kind?: 'audio' | 'video',
): number {
  let total = 0;
  report?.forEach((entry: Record<string, unknown>) => {
    if (entry.type !== type || (kind && entry.kind !== kind)) return;
    const value = entry[field];
    if (typeof value === 'number') total += value;
  });
  return total;
}

export interface MediaBytes {
  sent: number;
  received: number;
  receivedVideo: number;
}

/** Bytes this session has sent and received on its media tracks so far. */
export async function mediaBytes(session: CallSession): Promise<MediaBytes> {
  const room = session.room!;
  let sent = 0;
  let received = 0;
  let receivedVideo = 0;
  for (const publication of room.localParticipant.trackPublications.values()) {
    sent += sumStats(await publication.track?.getRTCStatsReport(), 'outbound-rtp', 'bytesSent');
  }
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      const report = await publication.track?.getRTCStatsReport();
      received += sumStats(report, 'inbound-rtp', 'bytesReceived');
      receivedVideo += sumStats(report, 'inbound-rtp', 'bytesReceived', 'video');
    }
  }
  return { sent, received, receivedVideo };
}

/** kbit/s sent and received over the next `ms`. */
export async function bitRate(session: CallSession, ms: number): Promise<MediaBytes> {
  const before = await mediaBytes(session);
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await mediaBytes(session);
  const kbps = (delta: number) => Math.round((delta * 8) / ms);
  return {
    sent: kbps(after.sent - before.sent),
    received: kbps(after.received - before.received),
    receivedVideo: kbps(after.receivedVideo - before.receivedVideo),
  };
}

/**
 * A <video> showing `who` at 640×360 (adaptive stream receives video only when shown, at the size shown).
 * Returns a function that removes it.
 */
export function showVideo(session: CallSession, who: string): () => void {
  const video = document.createElement('video');
  video.muted = true;
  video.style.cssText = 'width:640px;height:360px';
  document.body.append(video);
  const unbind = session.bindVideo(video, who);
  return () => {
    unbind();
    video.remove();
  };
}
