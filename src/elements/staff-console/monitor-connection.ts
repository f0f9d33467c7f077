import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MonitorToken } from '../../api/staff.js';
import { loadSession, type CallSession, type CallState as MediaState } from '../shared/media-loader.js';

export type MonitorPhase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'ended';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * One hidden, subscribe-only connection to a call or a lobby room, for the console's monitor tiles and the
 * waiting list's camera. The media layer (and livekit-client with it) is loaded with a dynamic `import()` on
 * the first connection (`loadSession()`, through shared/media-loader.ts, the elements' one door to it), so the
 * console's other panels never download it. The token comes from the backend (`monitor-token`): the console
 * holds no LiveKit secret, and never publishes (camera and microphone off).
 *
 * Video: every `<video data-identity="…">` in the host's shadow root shows that participant's camera.
 * Audio: received but muted until `setListening(true)` (one call at a time is the console's rule).
 */
export class MonitorConnection implements ReactiveController {
  phase: MonitorPhase = 'idle';
  state?: MediaState;
  listening = false;
  audioBlocked = false;
  #session?: CallSession;
  #unsubscribe?: () => void;
  #bindings = new Map<HTMLVideoElement, { identity: string; unbind: () => void }>();
  #audio = new Set<HTMLMediaElement>();
  #generation = 0;

  constructor(
    private readonly host: Host,
    private readonly fetchToken: () => Promise<MonitorToken>,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    void this.stop();
  }

  hostUpdated(): void {
    this.#syncVideos();
  }

  async start(): Promise<void> {
    if (this.phase === 'connecting' || this.phase === 'connected' || this.phase === 'reconnecting') return;
    const generation = ++this.#generation;
    this.phase = 'connecting';
    this.host.requestUpdate();
    try {
      const [token, media] = await Promise.all([this.fetchToken(), loadSession()]);
      if (generation !== this.#generation) return;
      const session = new media.CallSession({
        dataSaver: 'low-video',
        autoFallback: false,
        audioHost: {
          append: (node: Node) => {
            if (node instanceof HTMLMediaElement) {
              node.muted = !this.listening;
              this.#audio.add(node);
            }
          },
        },
      });
      this.#session = session;
      this.#unsubscribe = session.subscribe((state) => this.#onState(state));
      await session.connect({ url: token.url, token: token.token, microphone: false, camera: false });
      if (generation !== this.#generation) {
        await session.disconnect();
        return;
      }
      this.#onState(session.getState());
    } catch {
      if (generation !== this.#generation) return;
      this.phase = 'failed';
      this.host.requestUpdate();
    }
  }

  async stop(): Promise<void> {
    this.#generation += 1;
    for (const { unbind } of this.#bindings.values()) unbind();
    this.#bindings.clear();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const session = this.#session;
    this.#session = undefined;
    this.#audio.clear();
    this.listening = false;
    this.state = undefined;
    this.phase = 'idle';
    await session?.disconnect().catch(() => undefined);
  }

  /** Hears this call (`true`) or mutes it. Call it inside a click so the browser lets audio play. */
  async setListening(on: boolean): Promise<void> {
    this.listening = on;
    this.#audio.forEach((element) => {
      element.muted = !on;
    });
    this.host.requestUpdate();
    if (on) {
      try {
        await this.#session?.startAudio();
        this.audioBlocked = false;
      } catch {
        this.audioBlocked = true;
      }
      this.host.requestUpdate();
    }
  }

  #onState(state: MediaState): void {
    this.state = state;
    const phase = state.connection.phase;
    this.phase =
      phase === 'connected'
        ? 'connected'
        : phase === 'reconnecting'
          ? 'reconnecting'
          : phase === 'disconnected'
            ? state.connection.reason === 'removed-by-server'
              ? 'ended'
              : 'failed'
            : 'connecting';
    if (this.listening && state.audioPlaybackBlocked) this.audioBlocked = true;
    this.host.requestUpdate();
  }

  #syncVideos(): void {
    const session = this.#session;
    const videos = new Set(this.host.renderRoot.querySelectorAll<HTMLVideoElement>('video[data-identity]'));
    for (const [element, binding] of this.#bindings) {
      if (!videos.has(element) || element.dataset.identity !== binding.identity || !session) {
        binding.unbind();
        this.#bindings.delete(element);
      }
    }
    if (!session) return;
    for (const element of videos) {
      const identity = element.dataset.identity!;
      if (this.#bindings.has(element)) continue;
      element.muted = true;
      this.#bindings.set(element, { identity, unbind: session.bindVideo(element, identity) });
    }
  }
}
