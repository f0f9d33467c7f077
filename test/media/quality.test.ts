// The call-quality summariser on fixed stats reports (as livekit-client's getRTCStatsReport returns them).
import { expect } from '@open-wc/testing';
import { sampleStats, summarise, type StatsEntry } from '../../src/media/quality.js';

const report = (
  lost: number,
  received: number,
  bytesIn: number,
  bytesOut: number,
  freezes: number,
  rtt: number,
) =>
  new Map<string, StatsEntry>([
    [
      'in-v',
      {
        type: 'inbound-rtp',
        kind: 'video',
        packetsLost: lost,
        packetsReceived: received,
        bytesReceived: bytesIn,
        freezeCount: freezes,
      },
    ],
    [
      'in-a',
      {
        type: 'inbound-rtp',
        kind: 'audio',
        packetsLost: 0,
        packetsReceived: received,
        bytesReceived: 0,
        freezeCount: 99,
      },
    ],
    ['out-v', { type: 'outbound-rtp', kind: 'video', bytesSent: bytesOut }],
    ['pair', { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: rtt }],
    ['pair-old', { type: 'candidate-pair', state: 'failed', currentRoundTripTime: 9 }],
  ]).values();

describe('call-quality summariser', () => {
  it('adds up publisher and subscriber reports: loss, bytes, video freezes only, the worst round trip', () => {
    const sample = sampleStats(
      [report(5, 95, 1000, 500, 2, 0.05), [{ type: 'remote-inbound-rtp', roundTripTime: 0.12 }]],
      1000,
    );
    expect(sample).to.deep.equal({
      at: 1000,
      packetsLost: 5,
      packetsReceived: 190,
      bytes: 1500,
      freezes: 2,
      roundTripMs: 120,
    });
  });

  it('summarises the change between two samples into the contract’s ranges', () => {
    const first = sampleStats([report(0, 0, 0, 0, 0, 0.04)], 0);
    const latest = sampleStats([report(20, 980, 3_000_000, 750_000, 3, 0.084)], 30_000);
    expect(summarise(first, latest, 1)).to.deep.equal({
      final: false,
      packetLossPercent: 1.01, // 20 lost of 20 + 1960 packets (video and audio)
      roundTripMs: 84,
      bitrateKbps: 1000, // 3.75 MB in 30 s
      freezes: 3,
      reconnections: 1,
    });
    expect(summarise(first, latest, 0, true).final).to.equal(true);
  });

  it('an empty or too-short sample gives zeros, never NaN or out of range', () => {
    const empty = sampleStats([], 5);
    expect(summarise(empty, empty, 0)).to.deep.equal({
      final: false,
      packetLossPercent: 0,
      roundTripMs: 0,
      bitrateKbps: 0,
      freezes: 0,
      reconnections: 0,
    });
    const huge = sampleStats([report(0, 10, 1e15, 0, 0, 1000)], 1005);
    const s = summarise(empty, huge, 1e9);
    expect(s.roundTripMs).to.equal(60_000);
    expect(s.bitrateKbps).to.equal(100_000);
    expect(s.reconnections).to.equal(10_000);
  });
});
