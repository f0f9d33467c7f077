// Benchmark page: visit-kit's media layer (CallSession, what <visit-call> drives) joins a room and shows the
// other side's camera. `vkBench.join()` answers the time from `connect()` to the first remote frame presented;
// `vkBench.bitRate()` what this side sends and receives in its current data-saver mode.
import { CallSession } from '../../src/media/index.js';
import type { DataSaverMode } from '../../src/media/types.js';
import { bitRate, showVideo } from '../../test/media/bit-rate.js';
import { frameLog } from './frames.js';

const log = frameLog();
const session = new CallSession({ autoFallback: false });
const phases: string[] = [];
session.subscribe((state) => {
  if (phases.at(-1) !== state.connection.phase) phases.push(state.connection.phase);
});

Object.assign(window, {
  vkBench: {
    async join(url: string, token: string, remote: string) {
      session.bindVideo(log.video, remote);
      performance.mark('join');
      const started = performance.now();
      const connected = session.connect({ url, token });
      const first = await log.frameAfter(started, 20_000);
      performance.mark('first-remote-frame');
      await connected;
      return { firstFrameMs: first - started };
    },
    now: () => performance.now(),
    frameAfter: (since: number, timeoutMs?: number) => log.frameAfter(since, timeoutMs),
    frames: () => log.count(),
    phases: () => [...phases],
    state: () => session.getState().connection,
    leave: () => session.disconnect(),
    /** Shows `who` at 640×360 too, as a call tile would (adaptive stream sizes what it receives to it). */
    show: (who: string) => void showVideo(session, who),
    setMode: (mode: DataSaverMode) => session.setDataSaverMode(mode),
    /** kbit/s this side sends and receives over the next `ms`. */
    bitRate: (ms: number) => bitRate(session, ms),
  },
});
