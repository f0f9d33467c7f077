// What each data-saver mode publishes, and what a visit costs in mobile data.
//
// Assumed bitrates per direction (send and receive are counted separately, a call does both):
//
// | mode        | video                                                   | audio                       |
// |-------------|---------------------------------------------------------|-----------------------------|
// | normal      | up to 450 kbit/s (640×360, 20 fps; a 320×180 simulcast layer below) | 24 kbit/s Opus + RED ≈ 48 |
// | low-video   | up to 160 kbit/s (sends 320×180, 15 fps, no simulcast; receives the 320×180 layer) | as above |
// | audio-only  | none (camera muted, remote video paused at the server)  | as above                    |
//
// Plus about 10 % for packet headers (RTP/UDP/IP) and LiveKit signalling. These are ceilings: the encoder
// uses less for a still picture, DTX sends almost nothing in silence, and with adaptive stream a small
// window receives a smaller layer. The real-server tests measure actual bytes (test/media/session-real).

export const AUDIO_KBPS = 48;
export const HEADER_OVERHEAD = 0.1;

/** Video ceilings per mode, kbit/s per direction. */
export const VIDEO_KBPS = { normal: 450, 'low-video': 160, 'audio-only': 0 } as const;

export type DataSaverModeName = keyof typeof VIDEO_KBPS;

export interface DataUseEstimate {
  /** Both directions, megabytes (10^6 bytes), rounded up to a whole megabyte. */
  readonly megabytes: number;
  /** kbit/s per direction assumed for this estimate. */
  readonly kbpsPerDirection: number;
}

/** Estimated data a visit of `durationSeconds` uses in `mode` (sent + received). */
export function estimateDataUse(mode: DataSaverModeName, durationSeconds: number): DataUseEstimate {
  const kbpsPerDirection = (VIDEO_KBPS[mode] + AUDIO_KBPS) * (1 + HEADER_OVERHEAD);
  const bytes = (kbpsPerDirection * 1000 * 2 * Math.max(0, durationSeconds)) / 8;
  return { megabytes: Math.ceil(bytes / 1e6), kbpsPerDirection: Math.round(kbpsPerDirection) };
}

/** Estimates for every mode at once, e.g. to render a data-saver choice. */
export function estimateDataUseByMode(durationSeconds: number): Record<DataSaverModeName, DataUseEstimate> {
  return {
    normal: estimateDataUse('normal', durationSeconds),
    'low-video': estimateDataUse('low-video', durationSeconds),
    'audio-only': estimateDataUse('audio-only', durationSeconds),
  };
}
