// The call benchmarks proper. bench/call.ts runs this file inside a private network namespace (`unshare -n`,
// its own loopback) so that the network fault below touches nothing outside it. Prints one JSON line.
//
// Join: a publisher page (browser A, livekit-client publishing the fake camera and microphone) sits in a room;
// for each run a fresh page in browser B joins with a new identity, and the time from `connect()` to the first
// remote video frame presented on its <video> (requestVideoFrameCallback, the page's `performance` clock) is
// recorded. visit-kit's CallSession and a bare livekit-client page run alternately (each first in every other
// run), 30 runs each.
//
// Reconnect: browser B's page (CallSession) is in the call and receiving; then every packet between browser B
// and LiveKit (signalling WebSocket, ICE over UDP and TCP) is dropped by policy-routing blackhole rules on the
// LiveKit ports (`ip rule … blackhole`) — like a phone losing signal: no RST, no ICMP reaches the peer, nothing
// gets through either way. Browser A's own sockets are allowed through (rules of higher priority for its ports,
// taken from `ss` before browser B started), so only one side loses its network. After OUTAGE_MS the page marks `performance.now()`,
// the filters are deleted (network restored), and the time to the first remote frame presented after the mark
// is the reconnection time. 5 runs.
import { execFileSync } from 'node:child_process';
import { AccessToken } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { startLivekit } from '../scripts/livekit.mjs';
import { launchChromium } from '../test/support/browser.js';
import { servePages } from '../test/support/page-server.js';

/** Joins of each kind (bench/call.ts says how many, and why). */
const JOIN_RUNS = Number(process.env.VISIT_KIT_BENCH_JOIN_RUNS);
const RECONNECT_RUNS = 5;
/**
 * Pause after a page leaves before the next joins: a join started while the last page is still being torn down
 * took up to ~250 ms longer here, which a fixed order charged to one side.
 */
const SETTLE_MS = 1000;
/** How long each data-saver mode's bit rate is averaged over. */
const BIT_RATE_MS = 4000;
const OUTAGE_MS = Number(process.env.VISIT_KIT_BENCH_OUTAGE_MS ?? 20_000);
const canCut = process.env.VISIT_KIT_BENCH_NETNS === '1';
const log = (line: string) => process.stderr.write(`[bench call] ${line}\n`);

interface BenchPage {
  join(url: string, token: string, remote: string): Promise<{ firstFrameMs: number }>;
  show(who: string): void;
  setMode(mode: 'normal' | 'low-video' | 'audio-only'): Promise<void>;
  bitRate(ms: number): Promise<{ sent: number; received: number }>;
  now(): number;
  frameAfter(since: number, timeoutMs?: number): Promise<number>;
  frames(): number;
  phases(): string[];
  state(): { phase: string; reconnectCount?: number };
  leave(): Promise<void>;
}
declare global {
  interface Window {
    vkBench: BenchPage;
  }
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * A 95 % interval for median(a) ÷ median(b): percentile bootstrap, each sample resampled on its own, 2000 times,
 * from a fixed seed (the same samples always give the same interval). How far the ratio could be off by chance.
 */
function ratioInterval(a: number[], b: number[], rounds = 2000): [number, number] {
  let seed = 17;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const resample = (values: number[]) => values.map(() => values[Math.floor(random() * values.length)]!);
  const ratios = Array.from({ length: rounds }, () => median(resample(a)) / median(resample(b))).sort(
    (x, y) => x - y,
  );
  return [ratios[Math.floor(rounds * 0.025)]!, ratios[Math.ceil(rounds * 0.975) - 1]!];
}

const livekit = await startLivekit();
const pages = await servePages({
  publisher: new URL('../test/e2e/pages/livekit-peer.ts', import.meta.url).pathname,
  session: new URL('./pages/call-session.ts', import.meta.url).pathname,
  bare: new URL('./pages/livekit-only.ts', import.meta.url).pathname,
});
const browsers: Browser[] = [];
const results: Record<string, number> = {};
const ROOM = 'bench-call';

async function token(identity: string, room = ROOM) {
  const t = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity, ttl: 600 });
  t.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true });
  return t.toJwt();
}

function sh(command: string, args: string[]) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Local ports of every socket open now (TCP and UDP), to allow the publisher's traffic through the cut. */
function openPorts(): Set<number> {
  const ports = new Set<number>();
  for (const line of sh('ss', ['-Htuan']).split('\n')) {
    const local = line.trim().split(/\s+/)[4];
    const port = Number(local?.split(':').pop());
    if (port) ports.add(port);
  }
  return ports;
}

const lkPorts = () => {
  const ports = [Number(new URL(livekit.httpUrl).port)];
  // RTC ports from the config file startLivekit wrote are not exported; read them from the listening sockets
  for (const line of sh('ss', ['-Htuanp']).split('\n')) {
    if (!line.includes('livekit')) continue;
    const port = Number(line.trim().split(/\s+/)[4]?.split(':').pop());
    if (port) ports.push(port);
  }
  return [...new Set(ports)];
};

/** Blackholes every packet to or from LiveKit's ports, except on `allowed` ports (browser A's sockets). */
function cut(livekitPorts: number[], allowed: Set<number>) {
  for (const port of allowed) {
    if (livekitPorts.includes(port)) continue;
    for (const field of ['sport', 'dport'])
      sh('ip', ['rule', 'add', 'pref', '100', field, String(port), 'lookup', 'local']);
  }
  for (const port of livekitPorts)
    for (const field of ['sport', 'dport'])
      sh('ip', ['rule', 'add', 'pref', '200', field, String(port), 'blackhole']);
}
function restore() {
  for (const pref of ['200', '100']) {
    for (;;) {
      try {
        sh('ip', ['rule', 'del', 'pref', pref]);
      } catch {
        break;
      }
    }
  }
}

async function newPage(browser: Browser, name: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => log(`${name} page error: ${error.message}`));
  await page.goto(`${pages.origin}/${name}.html`);
  await page.waitForFunction(() => 'vkBench' in window || 'lkPeer' in window);
  return page;
}

try {
  const a = await launchChromium();
  browsers.push(a);
  const publisher = await newPage(a, 'publisher');
  const pubToken = await token('prison');
  await publisher.evaluate(
    ({ url, t }) =>
      (window as unknown as { lkPeer: { join(u: string, t: string): Promise<void> } }).lkPeer.join(url, t),
    { url: livekit.url, t: pubToken },
  );
  await new Promise((r) => setTimeout(r, 1000));
  const allowed = openPorts(); // the publisher's sockets (and LiveKit's), before browser B exists
  const b = await launchChromium();
  browsers.push(b);

  // ── join → first remote frame ──
  const times: Record<'session' | 'bare', number[]> = { session: [], bare: [] };
  for (let run = 0; run < JOIN_RUNS; run++) {
    // and alternate which goes first (ABBA…), so whatever is left of that settling is charged to both sides
    const order = run % 2 ? (['bare', 'session'] as const) : (['session', 'bare'] as const);
    for (const kind of order) {
      const page = await newPage(b, kind);
      const t = await token(`${kind}-${run}`);
      const { firstFrameMs } = await page.evaluate(({ url, t }) => window.vkBench.join(url, t, 'prison'), {
        url: livekit.url,
        t,
      });
      times[kind].push(firstFrameMs);
      await page.evaluate(() => window.vkBench.leave());
      await page.close();
      await new Promise((r) => setTimeout(r, SETTLE_MS));
    }
  }
  log(`join → first frame, CallSession: ${times.session.map((t) => t.toFixed(0)).join(' ')} ms`);
  log(`join → first frame, livekit-client alone: ${times.bare.map((t) => t.toFixed(0)).join(' ')} ms`);
  results['call.join_to_first_frame_ms'] = median(times.session);
  results['call.join_to_first_frame_livekit_only_ms'] = median(times.bare);
  // same browser, same LiveKit, runs alternating: what CallSession adds over livekit-client's own join
  results['call.first_frame_vs_livekit_ratio'] = median(times.session) / median(times.bare);
  const [low, high] = ratioInterval(times.session, times.bare);
  results['call.first_frame_vs_livekit_ratio_low95'] = low;
  results['call.first_frame_vs_livekit_ratio_high95'] = high;
  log(`first frame vs livekit-client alone: 95 % interval of the ratio ${low.toFixed(2)}–${high.toFixed(2)}`);

  // ── data use per data-saver mode ──
  // Two CallSession pages in a room of their own, each showing the other at 640×360; side A steps down through
  // the modes and its sent + received bit rate is read from its WebRTC stats (test/media/bit-rate.ts, as the
  // data-saver test reads it), after a pause for the change and for bandwidth estimation to settle.
  {
    const dataRoom = 'bench-data';
    const [sideA, sideB] = [await newPage(b, 'session'), await newPage(b, 'session')];
    await Promise.all([
      sideA.evaluate(({ url, t }) => window.vkBench.join(url, t, 'data-b'), {
        url: livekit.url,
        t: await token('data-a', dataRoom),
      }),
      sideB.evaluate(({ url, t }) => window.vkBench.join(url, t, 'data-a'), {
        url: livekit.url,
        t: await token('data-b', dataRoom),
      }),
    ]);
    await sideA.evaluate(() => window.vkBench.show('data-b'));
    await sideB.evaluate(() => window.vkBench.show('data-a'));
    for (const [mode, key, settleMs] of [
      ['normal', 'normal', 3000],
      ['low-video', 'low_video', 2500],
      ['audio-only', 'audio_only', 2500],
    ] as const) {
      await sideA.evaluate((m) => window.vkBench.setMode(m), mode);
      await new Promise((r) => setTimeout(r, settleMs));
      const rate = await sideA.evaluate((ms) => window.vkBench.bitRate(ms), BIT_RATE_MS);
      log(`data use, ${mode}: ${rate.sent} kbit/s sent + ${rate.received} received`);
      results[`call.kbit_per_s_${key}`] = rate.sent + rate.received;
      results[`call.kbit_per_s_${key}_sent`] = rate.sent;
      results[`call.kbit_per_s_${key}_received`] = rate.received;
    }
    for (const page of [sideA, sideB]) {
      await page.evaluate(() => window.vkBench.leave());
      await page.close();
    }
  }

  // ── network cut → restored → media again ──
  if (canCut) {
    const page = await newPage(b, 'session');
    await page.evaluate(({ url, t }) => window.vkBench.join(url, t, 'prison'), {
      url: livekit.url,
      t: await token('session-reconnect'),
    });
    const ports = lkPorts();
    log(
      `cutting LiveKit ports ${ports.join(', ')} for browser B; ${allowed.size} publisher/LiveKit ports allowed`,
    );
    const reconnects: number[] = [];
    let sawReconnecting = 0;
    for (let run = 0; run < RECONNECT_RUNS; run++) {
      await page.evaluate(() => window.vkBench.frameAfter(performance.now() + 500, 10_000)); // flowing now
      const before = await page.evaluate(() => window.vkBench.state());
      cut(ports, allowed);
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      const stalled = await page.evaluate(() => window.vkBench.frames());
      await new Promise((r) => setTimeout(r, 500));
      const stillStalled = (await page.evaluate(() => window.vkBench.frames())) === stalled;
      const mark = await page.evaluate(() => {
        performance.mark('network-restored');
        return window.vkBench.now();
      });
      restore();
      const back = await page.evaluate((since) => window.vkBench.frameAfter(since, 60_000), mark);
      const after = await page.evaluate(() => window.vkBench.state());
      if ((after.reconnectCount ?? 0) > (before.reconnectCount ?? 0)) sawReconnecting += 1;
      reconnects.push(back - mark);
      log(
        `reconnect run ${run + 1}: ${(back - mark).toFixed(0)} ms after restore (video ${stillStalled ? 'was stalled' : 'was NOT stalled'} during the cut; reconnections counted ${before.reconnectCount ?? 0} → ${after.reconnectCount ?? 0})`,
      );
      if (!stillStalled) throw new Error('the cut did not stop the video: the fault is not effective');
      await new Promise((r) => setTimeout(r, 2000));
    }
    results['call.reconnect_ms'] = median(reconnects);
    results['call.reconnect_max_ms'] = Math.max(...reconnects);
    results['call.reconnect_runs_with_client_reconnect'] = sawReconnecting;
    results['call.reconnect_outage_ms'] = OUTAGE_MS;
  }
} finally {
  if (canCut) restore();
  for (const browser of browsers) await browser.close();
  await pages.close();
  await livekit.stop();
}
process.stdout.write(`RESULT ${JSON.stringify(results)}\n`);
