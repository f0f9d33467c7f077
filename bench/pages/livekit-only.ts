// Benchmark peer: the same join with livekit-client alone (what an integrator would write without visit-kit):
// Room.connect, publish camera and microphone, attach the remote camera to a <video>.
import { Room, RoomEvent, Track } from 'livekit-client';
import { frameLog } from './frames.js';

const log = frameLog();
const room = new Room({ adaptiveStream: false, dynacast: false });
const phases: string[] = [];
room.on(RoomEvent.ConnectionStateChanged, (state) => phases.push(state));
room.on(RoomEvent.TrackSubscribed, (track) => {
  if (track.kind === Track.Kind.Video) track.attach(log.video);
});

Object.assign(window, {
  vkBench: {
    async join(url: string, token: string) {
      performance.mark('join');
      const started = performance.now();
      const connected = room
        .connect(url, token)
        .then(() => room.localParticipant.enableCameraAndMicrophone());
      const first = await log.frameAfter(started, 20_000);
      performance.mark('first-remote-frame');
      await connected;
      return { firstFrameMs: first - started };
    },
    now: () => performance.now(),
    frameAfter: (since: number, timeoutMs?: number) => log.frameAfter(since, timeoutMs),
    frames: () => log.count(),
    phases: () => [...phases],
    state: () => ({ phase: room.state }),
    leave: () => room.disconnect(),
  },
});
