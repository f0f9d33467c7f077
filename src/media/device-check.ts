// The pre-call check: browser support, camera and microphone (preview, level), speaker (test tone) and
// network. Plain browser APIs only — no livekit-client — so the waiting room can run it cheaply.
// Safe to import in Node: browser globals are read inside the functions, never at module load.
// Start it from a click: browsers only let an AudioContext run (level meter, test tone) after a gesture.
import { mediaErrorCause } from './errors.js';
import type { DeviceSummary, MediaFailureCause } from './types.js';

export type CheckStatus = 'ok' | 'warning' | 'failed' | 'unknown';

export interface CheckResult {
  readonly status: CheckStatus;
  readonly cause?: MediaFailureCause;
  /** Technical detail for logs and support, never shown as the message. */
  readonly detail?: string;
}

export interface NetworkCheckResult extends CheckResult {
  /** Median HTTP round trip to the LiveKit server, ms. */
  readonly rttMs?: number;
}

export interface DeviceCheckResult {
  readonly camera: CheckResult;
  readonly microphone: CheckResult;
  /** `unknown` until the person confirms they heard the test tone (`speakerConfirmed`). */
  readonly speaker: CheckResult;
  readonly network: NetworkCheckResult;
  readonly browser: CheckResult;
}

function result(status: CheckStatus, cause?: CheckResult['cause'], detail?: string): CheckResult {
  const value: { -readonly [K in keyof CheckResult]: CheckResult[K] } = { status };
  if (cause) value.cause = cause;
  if (detail) value.detail = detail;
  return Object.freeze(value);
}

function mediaDevices(): MediaDevices | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
}

type AudioContextConstructor = new (options?: AudioContextOptions) => AudioContext;

function audioContextClass(): AudioContextConstructor | undefined {
  const scope = globalThis as {
    AudioContext?: AudioContextConstructor;
    webkitAudioContext?: AudioContextConstructor;
  };
  return scope.AudioContext ?? scope.webkitAudioContext;
}

/** Can this browser make a call at all? Synchronous; safe anywhere. */
export function checkBrowser(): CheckResult {
  if (typeof window === 'undefined') return result('unknown', undefined, 'no window (server-side)');
  if (!window.isSecureContext) return result('failed', 'insecure-context', 'page is not https or localhost');
  const missing: string[] = [];
  if (typeof RTCPeerConnection === 'undefined') missing.push('RTCPeerConnection');
  if (typeof mediaDevices()?.getUserMedia !== 'function') missing.push('getUserMedia');
  if (typeof WebSocket === 'undefined') missing.push('WebSocket');
  if (!audioContextClass()) missing.push('AudioContext');
  return missing.length ? result('failed', 'unsupported', `missing: ${missing.join(', ')}`) : result('ok');
}

/** Cameras, microphones and speakers. Labels are empty until permission has been given once. */
export async function listDevices(): Promise<DeviceSummary[]> {
  const devices = mediaDevices();
  if (!devices?.enumerateDevices) return [];
  try {
    const all = await devices.enumerateDevices();
    return all
      .filter((device) => device.deviceId !== '')
      .map((device) => Object.freeze({ deviceId: device.deviceId, label: device.label, kind: device.kind }));
  } catch {
    return [];
  }
}

/** The browser's permission state for camera or microphone, without prompting; `unknown` where unsupported. */
export async function queryPermission(kind: 'camera' | 'microphone'): Promise<PermissionState | 'unknown'> {
  try {
    const status = await navigator.permissions.query({ name: kind as PermissionName });
    return status.state;
  } catch {
    return 'unknown';
  }
}

export interface LevelMeter {
  /** Current loudness, RMS of the waveform in 0…1 (speech is typically 0.02–0.3). */
  read(): number;
  /** Resolves true once the level exceeds `threshold`, false after `timeoutMs` of silence. */
  waitForSignal(options?: { threshold?: number; timeoutMs?: number }): Promise<boolean>;
  stop(): void;
}

/** A microphone level meter (Web Audio AnalyserNode) on the stream's first audio track. */
export function createLevelMeter(stream: MediaStream): LevelMeter {
  const Context = audioContextClass();
  if (!Context) throw new TypeError('AudioContext is not supported');
  const context = new Context();
  void context.resume().catch(() => undefined);
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const read = () => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    return Math.sqrt(sum / samples.length);
  };
  return {
    read,
    async waitForSignal({ threshold = 0.01, timeoutMs = 3000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (read() > threshold) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    },
    stop() {
      source.disconnect();
      void context.close().catch(() => undefined);
    },
  };
}

export interface PreviewOptions {
  camera?: boolean;
  microphone?: boolean;
  videoDeviceId?: string;
  audioDeviceId?: string;
}

export interface MediaPreview {
  /** Camera and/or microphone tracks that opened (attach to a muted, mirrored `<video>` for self-view). */
  readonly stream: MediaStream;
  readonly camera: CheckResult;
  readonly microphone: CheckResult;
  /** A level meter on the microphone, when it opened. */
  readonly meter?: LevelMeter;
  /** Stops every track and the meter (the camera light goes off). */
  stop(): void;
}

function constraintsFor(deviceId: string | undefined): MediaTrackConstraints | true {
  return deviceId ? { deviceId: { exact: deviceId } } : true;
}

async function open(constraints: MediaStreamConstraints): Promise<MediaStream | { error: unknown }> {
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (error) {
    return { error };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Opens camera and microphone for the preview with one permission prompt; if that fails, tries each
 * alone so each gets its own cause (a laptop without a camera can still do an audio call).
 */
export async function openPreview(options: PreviewOptions = {}): Promise<MediaPreview> {
  const { camera = true, microphone = true } = options;
  const stream = typeof MediaStream === 'undefined' ? undefined : new MediaStream();
  const browser = checkBrowser();
  if (browser.status === 'failed' || !stream) {
    const failed = result('failed', browser.cause ?? 'unsupported', browser.detail);
    return {
      stream: stream ?? ({} as MediaStream),
      camera: camera ? failed : result('unknown'),
      microphone: microphone ? failed : result('unknown'),
      stop() {},
    };
  }
  let cameraResult = result('unknown');
  let microphoneResult = result('unknown');
  const video = camera ? constraintsFor(options.videoDeviceId) : false;
  const audio = microphone ? constraintsFor(options.audioDeviceId) : false;
  const both = camera && microphone ? await open({ video, audio }) : undefined;
  if (both instanceof MediaStream) {
    for (const track of both.getTracks()) stream.addTrack(track);
    cameraResult = microphoneResult = result('ok');
  } else {
    if (camera) {
      const alone = await open({ video });
      if (alone instanceof MediaStream) {
        for (const track of alone.getTracks()) stream.addTrack(track);
        cameraResult = result('ok');
      } else {
        cameraResult = result('failed', mediaErrorCause(alone.error), describe(alone.error));
      }
    }
    if (microphone) {
      const alone = await open({ audio });
      if (alone instanceof MediaStream) {
        for (const track of alone.getTracks()) stream.addTrack(track);
        microphoneResult = result('ok');
      } else {
        microphoneResult = result('failed', mediaErrorCause(alone.error), describe(alone.error));
      }
    }
  }
  let meter: LevelMeter | undefined;
  if (stream.getAudioTracks().length) {
    try {
      meter = createLevelMeter(stream);
    } catch {
      meter = undefined;
    }
  }
  return {
    stream,
    camera: cameraResult,
    microphone: microphoneResult,
    ...(meter ? { meter } : {}),
    stop() {
      meter?.stop();
      for (const track of stream.getTracks()) track.stop();
    },
  };
}

export interface TestToneOptions {
  /** Output device (speaker) id; needs `AudioContext.setSinkId` (Chromium 110+), else the default plays. */
  sinkId?: string;
  durationMs?: number;
  frequency?: number;
  /** 0…1, default 0.2 — loud enough to hear, not to startle. */
  volume?: number;
}

/**
 * Plays a short tone so the person can say whether they heard it. Resolves when it has finished:
 * `ok` = it played (hearing is for the person to confirm); `failed` with `autoplay-blocked` when the
 * browser kept the audio suspended (call it from a click), `device-not-found` for a bad `sinkId`,
 * `unsupported` without Web Audio.
 */
export async function playTestTone(options: TestToneOptions = {}): Promise<CheckResult> {
  const { durationMs = 700, frequency = 440, volume = 0.2 } = options;
  const Context = audioContextClass();
  if (!Context) return result('failed', 'unsupported', 'no AudioContext');
  const context = new Context();
  try {
    if (options.sinkId) {
      const withSink = context as AudioContext & { setSinkId?: (id: string) => Promise<void> };
      if (typeof withSink.setSinkId !== 'function') {
        return result('failed', 'unsupported', 'AudioContext.setSinkId is not supported');
      }
      try {
        await withSink.setSinkId(options.sinkId);
      } catch (error) {
        return result('failed', 'device-not-found', describe(error));
      }
    }
    await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, 300))]);
    if (context.state !== 'running') return result('failed', 'autoplay-blocked', `context ${context.state}`);
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    const start = context.currentTime;
    const end = start + durationMs / 1000;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(volume, start + 0.03); // soft edges: no clicks
    gain.gain.setValueAtTime(volume, end - 0.05);
    gain.gain.linearRampToValueAtTime(0, end);
    oscillator.connect(gain).connect(context.destination);
    const ended = new Promise((resolve) => oscillator.addEventListener('ended', resolve, { once: true }));
    oscillator.start(start);
    oscillator.stop(end);
    await ended;
    return result('ok');
  } catch (error) {
    return result('failed', 'unknown', describe(error));
  } finally {
    void context.close().catch(() => undefined);
  }
}

export interface NetworkCheckOptions {
  /** The LiveKit URL from the token answer (`wss://…` or `ws://…`). */
  url: string;
  /** When given, also asks the server to validate it (a signalling round trip that does not join). */
  token?: string;
  samples?: number;
  timeoutMs?: number;
  /** Median round trip above which the result is a `warning` with cause `slow`. Default 400 ms. */
  slowMs?: number;
}

function httpUrl(url: string): URL {
  const parsed = new URL(url);
  if (parsed.protocol === 'wss:') parsed.protocol = 'https:';
  if (parsed.protocol === 'ws:') parsed.protocol = 'http:';
  return parsed;
}

async function timed(
  input: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ ms: number; response: Response }> {
  const started = performance.now();
  const response = await fetch(input, { ...init, cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
  return { ms: performance.now() - started, response };
}

/** Reachability and round trip to the LiveKit server (HTTP), and optionally token validity. */
export async function checkNetwork(options: NetworkCheckOptions): Promise<NetworkCheckResult> {
  const { samples = 3, timeoutMs = 4000, slowMs = 400 } = options;
  if (typeof fetch !== 'function') return result('unknown', undefined, 'no fetch');
  let base: URL;
  try {
    base = httpUrl(options.url);
  } catch (error) {
    return result('failed', 'unreachable', describe(error));
  }
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i += 1) {
      const { ms } = await timed(base.href, { method: 'HEAD', mode: 'no-cors' }, timeoutMs);
      times.push(ms);
    }
  } catch (error) {
    return result('failed', 'unreachable', describe(error));
  }
  times.sort((a, b) => a - b);
  const rttMs = Math.round(times[Math.floor(times.length / 2)] ?? 0);
  if (options.token) {
    const validate = new URL('rtc/validate', base.href.endsWith('/') ? base.href : `${base.href}/`);
    validate.searchParams.set('access_token', options.token);
    try {
      const { response } = await timed(validate.href, { method: 'GET' }, timeoutMs);
      if (response.status === 401 || response.status === 403) {
        return Object.freeze({
          status: 'failed' as const,
          cause: 'token-invalid' as const,
          detail: `token refused (${response.status})`,
          rttMs,
        });
      }
    } catch (error) {
      return Object.freeze({
        status: 'warning' as const,
        cause: 'unreachable' as const,
        detail: `validate: ${describe(error)}`,
        rttMs,
      });
    }
  }
  if (rttMs > slowMs) return Object.freeze({ status: 'warning' as const, cause: 'slow' as const, rttMs });
  return Object.freeze({ status: 'ok' as const, rttMs });
}

export interface DeviceCheckOptions extends PreviewOptions {
  /** LiveKit URL (and optionally token) for the network part; without it, network is `unknown`. */
  network?: Omit<NetworkCheckOptions, 'samples'>;
  /** How long to listen for sound on the microphone before calling it `no-signal`. Default 2500 ms. */
  listenMs?: number;
  /** Whether the person said they heard the test tone (from a previous `playTestTone`). */
  speakerConfirmed?: boolean;
}

/**
 * Runs every check and returns the results with the open preview (stop it, or hand it to the call).
 * The speaker stays `unknown` unless `speakerConfirmed` is given: only a person can hear.
 */
export async function runDeviceCheck(
  options: DeviceCheckOptions = {},
): Promise<DeviceCheckResult & { preview: MediaPreview }> {
  const browser = checkBrowser();
  const networkPromise = options.network
    ? checkNetwork(options.network)
    : Promise.resolve(result('unknown', undefined, 'no LiveKit URL given'));
  const preview = await openPreview(options);
  let microphone = preview.microphone;
  if (microphone.status === 'ok' && preview.meter) {
    const heard = await preview.meter.waitForSignal({ timeoutMs: options.listenMs ?? 2500 });
    if (!heard) microphone = result('warning', 'no-signal', 'no sound above the threshold');
  }
  const speaker =
    options.speakerConfirmed === undefined
      ? result('unknown')
      : options.speakerConfirmed
        ? result('ok')
        : result('failed', 'no-signal', 'the person did not hear the test tone');
  return {
    browser,
    camera: preview.camera,
    microphone,
    speaker,
    network: await networkPromise,
    preview,
  };
}
