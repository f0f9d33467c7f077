// A call session without a network, for stories and component tests: it has the CallSession surface the
// elements use, holds a CallState you can change (`update`), and paints a moving test picture into bound
// <video> elements (a canvas stream) so layouts look real.
import type { CallSessionLike } from '../src/elements/shared/media-loader.js';
import type {
  CallState,
  CallStateListener,
  DataSaverMode,
  RemoteParticipantState,
} from '../src/media/types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function remote(
  name: string,
  options: Partial<RemoteParticipantState> & { identity?: string } = {},
): RemoteParticipantState {
  return {
    identity: options.identity ?? `prisoner:${name.toLowerCase().replace(/\W+/g, '-')}`,
    role: options.role ?? 'prisoner',
    name,
    quality: options.quality ?? 'good',
    speaking: options.speaking ?? false,
    tracks: options.tracks ?? [],
    cameraOn: options.cameraOn ?? true,
    microphoneOn: options.microphoneOn ?? true,
  };
}

export function callState(overrides: Partial<CallState> = {}, now = Date.now()): CallState {
  return {
    connection: { phase: 'connected', reconnectCount: 0, reconnectingMs: 0 },
    room: 'visit-demo',
    identity: 'visitor:demo',
    remoteParticipants: [remote('Alex Smith')],
    microphone: { enabled: true, wanted: true, pending: false },
    camera: { enabled: true, wanted: true, pending: false, heldByDataSaver: false },
    localQuality: 'good',
    activeDevices: {},
    devices: [
      { deviceId: 'cam-1', label: 'Front camera', kind: 'videoinput' },
      { deviceId: 'cam-2', label: 'Back camera', kind: 'videoinput' },
      { deviceId: 'mic-1', label: 'Built-in microphone', kind: 'audioinput' },
      { deviceId: 'spk-1', label: 'Speaker', kind: 'audiooutput' },
    ],
    audioPlaybackBlocked: false,
    endsAt: now + 25 * 60_000,
    creditedSeconds: 0,
    dataSaver: { mode: 'normal', chosen: 'normal', automatic: false, canRestore: false },
    ...overrides,
  };
}

export class FakeCallSession implements CallSessionLike {
  readonly clock = { now: () => Date.now() };
  /** Every command called, in order, e.g. `['setMicrophoneEnabled', false]`. */
  readonly calls: [string, ...unknown[]][] = [];
  /** What `connect()` does; default: become connected. */
  onConnect: (session: FakeCallSession) => Promise<void> = async (session) =>
    session.update({ connection: { phase: 'connected', reconnectCount: 0, reconnectingMs: 0 } });
  #state: CallState;
  #listeners = new Set<CallStateListener>();
  #canvases = new Map<HTMLMediaElement, () => void>();

  constructor(state: Partial<CallState> = {}) {
    this.#state = Object.freeze(callState(state));
  }

  subscribe(listener: CallStateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  getState(): CallState {
    return this.#state;
  }

  /** Replaces parts of the state and tells subscribers (in a microtask, like CallSession). */
  update(patch: Partial<CallState>): void {
    this.#state = Object.freeze({ ...this.#state, ...patch });
    const state = this.#state;
    queueMicrotask(() => {
      for (const listener of this.#listeners) listener(state);
    });
  }

  timeLeftMs(): number | undefined {
    return this.#state.endsAt === undefined ? undefined : Math.max(0, this.#state.endsAt - Date.now());
  }

  async connect(options: {
    url: string;
    token: string;
    microphone?: boolean;
    camera?: boolean;
  }): Promise<void> {
    this.calls.push(['connect', options]);
    this.update({ connection: { phase: 'connecting', reconnectCount: 0, reconnectingMs: 0 } });
    await this.onConnect(this);
  }

  async disconnect(): Promise<void> {
    this.calls.push(['disconnect']);
    if (this.#state.connection.phase === 'disconnected') return;
    this.update({ connection: { ...this.#state.connection, phase: 'disconnected', reason: 'left' } });
  }

  async setMicrophoneEnabled(on: boolean): Promise<void> {
    this.calls.push(['setMicrophoneEnabled', on]);
    this.update({ microphone: { enabled: on, wanted: on, pending: false } });
  }

  async setCameraEnabled(on: boolean): Promise<void> {
    this.calls.push(['setCameraEnabled', on]);
    this.update({ camera: { enabled: on, wanted: on, pending: false, heldByDataSaver: false } });
  }

  async switchDevice(kind: MediaDeviceKind, deviceId: string): Promise<boolean> {
    this.calls.push(['switchDevice', kind, deviceId]);
    this.update({ activeDevices: { ...this.#state.activeDevices, [kind]: deviceId } });
    return true;
  }

  async startAudio(): Promise<void> {
    this.calls.push(['startAudio']);
    this.update({ audioPlaybackBlocked: false });
  }

  async setDataSaverMode(mode: DataSaverMode): Promise<void> {
    this.calls.push(['setDataSaverMode', mode]);
    this.update({ dataSaver: { mode, chosen: mode, automatic: false, canRestore: false } });
  }

  async restoreDataSaver(): Promise<void> {
    this.calls.push(['restoreDataSaver']);
    const chosen = this.#state.dataSaver.chosen;
    this.update({ dataSaver: { mode: chosen, chosen, automatic: false, canRestore: false } });
  }

  dismissDataSaverNotice(): void {
    this.calls.push(['dismissDataSaverNotice']);
    const saver: Mutable<CallState['dataSaver']> = { ...this.#state.dataSaver };
    delete saver.notice;
    this.update({ dataSaver: saver });
  }

  bindVideo(element: HTMLMediaElement, who: string): () => void {
    this.calls.push(['bindVideo', who]);
    if (typeof document === 'undefined' || !('captureStream' in HTMLCanvasElement.prototype)) return () => {};
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const context = canvas.getContext('2d');
    let frame = 0;
    const paint = () => {
      if (!context) return;
      frame += 1;
      context.fillStyle = who === 'local' ? '#28496b' : '#3d5c3a';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = '#ffffff';
      context.font = '20px sans-serif';
      context.fillText(who === 'local' ? 'You (test picture)' : 'Test picture', 16, 40);
      context.fillRect(16 + (frame % 280), 120, 12, 12);
    };
    paint();
    const timer = setInterval(paint, 100);
    element.srcObject = canvas.captureStream(10);
    const stop = () => {
      clearInterval(timer);
      if (element.srcObject) {
        for (const track of (element.srcObject as MediaStream).getTracks()) track.stop();
        element.srcObject = null;
      }
    };
    this.#canvases.set(element, stop);
    return () => {
      stop();
      this.#canvases.delete(element);
    };
  }
}
