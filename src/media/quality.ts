// Call-quality evidence, DOM-free: turns WebRTC stats reports (from livekit-client's getRTCStatsReport on the
// room's publisher and subscriber connections) into the compact summary the server stores per side of a call.

/** One stats entry, as RTCStatsReport yields them (only the fields read here). */
export interface StatsEntry {
  type: string;
  id?: string;
  kind?: string;
  timestamp?: number;
  state?: string;
  nominated?: boolean;
  selected?: boolean;
  packetsLost?: number;
  packetsReceived?: number;
  bytesReceived?: number;
  bytesSent?: number;
  freezeCount?: number;
  currentRoundTripTime?: number;
  roundTripTime?: number;
}

/** What the server stores (the contract's QualitySummary). */
export interface QualitySummary {
  final: boolean;
  packetLossPercent: number;
  roundTripMs: number;
  bitrateKbps: number;
  freezes: number;
  reconnections: number;
}

/** The counters one sample of the stats reports holds (cumulative since the connections began). */
export interface QualitySample {
  at: number;
  packetsLost: number;
  packetsReceived: number;
  bytes: number;
  freezes: number;
  /** Round-trip time of the selected candidate pair, ms (undefined when none is known yet). */
  roundTripMs: number | undefined;
}

/** Adds up the stats entries of one or more reports (publisher and subscriber) into one sample. */
export function sampleStats(reports: Iterable<Iterable<StatsEntry>>, at: number): QualitySample {
  const sample: QualitySample = {
    at,
    packetsLost: 0,
    packetsReceived: 0,
    bytes: 0,
    freezes: 0,
    roundTripMs: undefined,
  };
  const rtts: number[] = [];
  for (const report of reports)
    for (const entry of report) {
      if (entry.type === 'inbound-rtp') {
        sample.packetsLost += Math.max(0, entry.packetsLost ?? 0);
        sample.packetsReceived += entry.packetsReceived ?? 0;
        sample.bytes += entry.bytesReceived ?? 0;
        if (entry.kind === 'video') sample.freezes += entry.freezeCount ?? 0;
      } else if (entry.type === 'outbound-rtp') {
        sample.bytes += entry.bytesSent ?? 0;
      } else if (
        entry.type === 'candidate-pair' &&
        entry.state === 'succeeded' &&
        entry.nominated !== false
      ) {
        if (typeof entry.currentRoundTripTime === 'number') rtts.push(entry.currentRoundTripTime * 1000);
      } else if (entry.type === 'remote-inbound-rtp' && typeof entry.roundTripTime === 'number') {
        rtts.push(entry.roundTripTime * 1000);
      }
    }
  // the worst path is the one a complaint is about
  if (rtts.length) sample.roundTripMs = Math.max(...rtts);
  return sample;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The summary since the first sample: loss over all packets, bitrate over the whole time, the latest
 * round-trip time, freezes and the reconnections the session counted. Ranges match the server's validation.
 */
export function summarise(
  first: QualitySample,
  latest: QualitySample,
  reconnections: number,
  final = false,
): QualitySummary {
  const lost = latest.packetsLost - first.packetsLost;
  const received = latest.packetsReceived - first.packetsReceived;
  const seconds = (latest.at - first.at) / 1000;
  const bits = (latest.bytes - first.bytes) * 8;
  return {
    final,
    packetLossPercent:
      lost + received > 0 ? Math.round(clamp((lost / (lost + received)) * 100, 0, 100) * 100) / 100 : 0,
    roundTripMs: Math.round(clamp(latest.roundTripMs ?? 0, 0, 60_000)),
    bitrateKbps: seconds > 0 ? Math.round(clamp(bits / seconds / 1000, 0, 100_000)) : 0,
    freezes: clamp(latest.freezes - first.freezes, 0, 100_000),
    reconnections: clamp(reconnections, 0, 10_000),
  };
}
