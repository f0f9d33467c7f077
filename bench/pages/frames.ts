// Shared by the call benchmark pages: a <video> whose presented frames are timestamped with
// requestVideoFrameCallback (the page's own `performance` clock), and lookups over those timestamps.
export interface FrameLog {
  video: HTMLVideoElement;
  /** performance.now() of the first frame presented at or after `since` (waits up to `timeoutMs`). */
  frameAfter(since: number, timeoutMs?: number): Promise<number>;
  count(): number;
}

export function frameLog(): FrameLog {
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  video.width = 320;
  document.body.append(video);
  const frames: number[] = [];
  const waiters = new Set<() => void>();
  const onFrame: VideoFrameRequestCallback = (now) => {
    frames.push(now);
    for (const wake of waiters) wake();
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  return {
    video,
    count: () => frames.length,
    frameAfter(since, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find((t) => t >= since);
          if (found === undefined) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no video frame within ${timeoutMs} ms (${frames.length} frames so far)`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
  };
}
