// Benchmark page: visit-kit's media layer (CallSession, what <visit-call> drives) joins a room and shows the
// other side's camera. `vkBench.join()` answers the time from `connect()` to the first remote frame presented.
import { CallSession } from '../../src/media/index.js';
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
  },
});
