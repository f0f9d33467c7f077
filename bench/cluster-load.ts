// `npm run bench -- cluster-load`: how many concurrent small visits one LiveKit node holds on this machine.
// The cluster of `npm run cluster` (scripts/cluster.ts) with one LiveKit node in its own network namespace,
// Redis, two backend replicas behind haproxy, PostgreSQL. Visits are opened, admitted and given tokens by
// the real backend, then joined by `@livekit/rtc-node` participants (bench/visit-load.ts): prisoner and family
// publish generated audio and video, the hidden monitor subscribes. The number of concurrent visits steps up
// (1, 2, 4, 6, …); at each step the node's process CPU and memory (/proc), its traffic (its veth's byte
// counters) and the frame rate every subscriber receives are measured over a fixed window. The ramp stops
// at the first step where subscribers receive less than 90 % of the frames sent, or at the time bound.
// Needs root on Linux (network namespaces). Writes bench/results/cluster-load.json; see docs/capacity.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { PREFIX, startCluster, type Cluster } from '../scripts/cluster.js';
import { TOPOLOGY } from '../deploy/topology.js';
import { ClusterApi, disposeRtc, PROFILE, VisitLoad, within } from './visit-load.js';

const STEPS = [1, 2, 4, 6, 8, 10, 12, 14, 16, 20, 24];
const SETTLE_MS = 6_000;
const WINDOW_MS = 15_000;
/** The ramp ends after this, whatever step it is at. */
const BUDGET_MS = 4 * 60_000;
/** A step "holds" while subscribers receive at least this share of the frames sent. */
const HOLDS = 0.9;
// `holds` counts against the profile's frame rate (PROFILE.fps), so a generator starved of CPU ends the ramp
// too; `generatorKeptUp` and `forwardedRatio` tell the two apart.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of a process, in seconds. */
function processCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : 0;
}

/** Busy and total jiffies of the whole machine (everyone's processes, not only ours). */
function machineCpu(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const numbers = values.map(Number);
  const total = numbers.reduce((a, b) => a + b, 0);
  const idle = numbers[3]! + (numbers[4] ?? 0);
  return { busy: total - idle, total };
}

/** Bytes through the node's veth, seen from the host end: the host receives what the node sends. */
function vethBytes(cluster: Cluster, node: string): { fromNode: number; toNode: number } {
  const dir = `/sys/class/net/${PREFIX}${cluster.id}${node}h/statistics`;
  return {
    fromNode: Number(readFileSync(`${dir}/rx_bytes`, 'utf8')),
    toNode: Number(readFileSync(`${dir}/tx_bytes`, 'utf8')),
  };
}

/** LiveKit's own packet and byte counters from its Prometheus port (a cross-check of the veth figures). */
async function livekitCounters(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(url)).text().catch(() => '');
  const sums: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^(livekit_(?:packet_bytes|packet_total|nack_total))(\{[^}]*\})? ([\d.e+-]+)$/.exec(line);
    if (!match) continue;
    const direction = /direction="(\w+)"/.exec(match[2] ?? '')?.[1];
    const key = direction ? `${match[1]}.${direction}` : match[1]!;
    sums[key] = (sums[key] ?? 0) + Number(match[3]);
  }
  return sums;
}

/** The backend's side: HTTP requests answered (both replicas, webhooks included) and database transactions. */
async function serviceCounters(cluster: Cluster, db: pg.Client): Promise<{ http: number; tx: number }> {
  let http = 0;
  for (const backend of cluster.backends) {
    const text = await (await fetch(`${backend.url}/metrics`)).text().catch(() => '');
    for (const m of text.matchAll(/^visitkit_http_requests_total\{[^}]*\} ([\d.e+-]+)$/gm))
      http += Number(m[1]);
  }
  const { rows } = await db.query<{ tx: string }>(
    'SELECT xact_commit + xact_rollback AS tx FROM pg_stat_database WHERE datname = current_database()',
  );
  return { http, tx: Number(rows[0]?.tx ?? 0) };
}

interface Sample {
  at: number;
  cpu: number;
  generatorCpu: number;
  machine: { busy: number; total: number };
  bytes: { fromNode: number; toNode: number };
  livekit: Record<string, number>;
  received: Map<string, number>;
  sent: Map<string, number>;
  service: { http: number; tx: number };
}

export interface StepResult {
  visits: number;
  participants: number;
  seconds: number;
  /** livekit-server's CPU, % of one core. */
  sfuCpuPercent: number;
  sfuRssMb: number;
  /** The load generator's own CPU (rtc-node encoding and decoding), % of one core. */
  generatorCpuPercent: number;
  /** The whole machine busy (every process, including other people's), % of all cores. */
  machineBusyPercent: number;
  mbitFromNode: number;
  mbitToNode: number;
  sentFps: number;
  receivedFpsMean: number;
  receivedFpsMin: number;
  /** Video tracks subscribed (expected: 4 per visit) and how many received no frame in the window. */
  tracks: number;
  silentTracks: number;
  /** Received ÷ the profile's 15 fps: what a family would see. */
  ratio: number;
  /** With this many visits in progress: backend requests and PostgreSQL transactions per second. */
  httpPerSecond: number;
  dbTxPerSecond: number;
  /** Opening this step's new visits (create, two knocks, admit, three tokens, LiveKit's webhooks), per visit. */
  httpPerVisitOpened?: number;
  dbTxPerVisitOpened?: number;
  /** Received ÷ what the generator really sent: frames lost between publisher and subscriber. */
  forwardedRatio: number;
  /** Whether the generator sent at ≥ 90 % of 15 fps (when not, this machine, not the node, was the limit). */
  generatorKeptUp: boolean;
  holds: boolean;
  /** Under a CPU cap: the 100 ms periods of the window in which the cap stopped the node. */
  throttledPeriods?: number;
  livekit: Record<string, number>;
}

async function sample(cluster: Cluster, load: VisitLoad, db: pg.Client): Promise<Sample> {
  const node = cluster.nodes[0]!;
  const pid = node.child.process.pid!;
  const usage = process.cpuUsage();
  const { received, sent } = load.snapshot();
  return {
    at: performance.now(),
    cpu: processCpu(pid),
    generatorCpu: (usage.user + usage.system) / 1e6,
    machine: machineCpu(),
    bytes: vethBytes(cluster, node.name),
    livekit: await livekitCounters(node.metricsUrl),
    received,
    sent,
    service: await serviceCounters(cluster, db),
  };
}

function compare(a: Sample, b: Sample, visits: number, rss: number): StepResult {
  const seconds = (b.at - a.at) / 1000;
  const fps = (later: Map<string, number>, earlier: Map<string, number>) =>
    [...later].map(([key, count]) => (count - (earlier.get(key) ?? 0)) / seconds);
  const sentFps = fps(b.sent, a.sent);
  const receivedFps = fps(b.received, a.received);
  const mean = (values: number[]) => values.reduce((x, y) => x + y, 0) / Math.max(values.length, 1);
  const sentMean = mean(sentFps);
  const receivedMean = mean(receivedFps);
  // against the profile's rate, not what was sent: a generator that falls behind is a step that does not hold
  const ratio = receivedMean / PROFILE.fps;
  const livekit: Record<string, number> = {};
  for (const key of Object.keys(b.livekit))
    livekit[`${key}_per_s`] = ((b.livekit[key] ?? 0) - (a.livekit[key] ?? 0)) / seconds;
  const silentTracks = receivedFps.filter((f) => f === 0).length;
  return {
    visits,
    participants: visits * 3,
    seconds,
    sfuCpuPercent: ((b.cpu - a.cpu) / seconds) * 100,
    sfuRssMb: rss,
    generatorCpuPercent: ((b.generatorCpu - a.generatorCpu) / seconds) * 100,
    machineBusyPercent: ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * 100,
    mbitFromNode: ((b.bytes.fromNode - a.bytes.fromNode) * 8) / seconds / 1e6,
    mbitToNode: ((b.bytes.toNode - a.bytes.toNode) * 8) / seconds / 1e6,
    sentFps: sentMean,
    receivedFpsMean: receivedMean,
    receivedFpsMin: Math.min(...receivedFps),
    tracks: receivedFps.length,
    silentTracks,
    ratio,
    httpPerSecond: (b.service.http - a.service.http) / seconds,
    dbTxPerSecond: (b.service.tx - a.service.tx) / seconds,
    forwardedRatio: sentMean > 0 ? receivedMean / sentMean : 0,
    generatorKeptUp: sentMean >= HOLDS * PROFILE.fps,
    holds: ratio >= HOLDS && receivedFps.length === visits * 4 && silentTracks === 0,
    livekit,
  };
}

export interface LoadRun {
  profile: typeof PROFILE;
  /** The node's CPU cap, as a share of one core (absent: uncapped). */
  sfuCpuCap?: number;
  cores: number;
  idleSfuRssMb: number;
  idleSfuCpuPercent: number;
  steps: StepResult[];
  /** The most concurrent visits at a step that held. */
  heldVisits: number;
  stoppedBecause: string;
}

/**
 * Caps a process's CPU at `share` of one core with a cgroup (v1 `cpu` or v2 `cpu.max`), so the node, not the
 * generator beside it, is what runs out: the visits it holds under the cap, divided by the cap, are per core.
 */
function capCpu(name: string, pid: number, share: number): { throttled(): number; remove(): void } {
  const period = 100_000;
  const quota = String(Math.round(share * period));
  const v1 = '/sys/fs/cgroup/cpu';
  const dir = existsSync(`${v1}/cpu.cfs_quota_us`) ? `${v1}/${name}` : `/sys/fs/cgroup/${name}`;
  mkdirSync(dir);
  if (dir.startsWith(v1)) {
    writeFileSync(`${dir}/cpu.cfs_period_us`, String(period));
    writeFileSync(`${dir}/cpu.cfs_quota_us`, quota);
  } else writeFileSync(`${dir}/cpu.max`, `${quota} ${period}`);
  writeFileSync(`${dir}/cgroup.procs`, String(pid));
  return {
    // periods in which the cap stopped it, so far
    throttled: () => Number(/nr_throttled (\d+)/.exec(readFileSync(`${dir}/cpu.stat`, 'utf8'))?.[1] ?? 0),
    remove: () => {
      try {
        rmdirSync(dir);
      } catch {
        // still has the process: it goes when the process has gone
      }
    },
  };
}

export async function runClusterLoad(
  options: { steps?: number[]; budgetMs?: number; cpuCap?: number } = {},
): Promise<LoadRun> {
  const cluster = await startCluster({
    topology: { ...TOPOLOGY, livekitNodes: [TOPOLOGY.livekitNodes[0]!] },
  });
  const cap = options.cpuCap
    ? capCpu(`${PREFIX}${cluster.id}cap`, cluster.nodes[0]!.child.process.pid!, options.cpuCap)
    : undefined;
  const api = new ClusterApi(cluster);
  const load = new VisitLoad(api);
  const db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
  // Ctrl-C or a kill: leave nothing behind (namespaces, processes, the database)
  const onSignal = () => void cluster.stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  const budget = options.budgetMs ?? BUDGET_MS;
  const steps: StepResult[] = [];
  let stoppedBecause = 'every step held';
  try {
    const pid = cluster.nodes[0]!.child.process.pid!;
    const idleA = processCpu(pid);
    await sleep(3000);
    const idleSfuCpuPercent = ((processCpu(pid) - idleA) / 3) * 100;
    const idleSfuRssMb = rssMb(pid);
    for (const target of options.steps ?? STEPS) {
      if (Date.now() - started + SETTLE_MS + WINDOW_MS > budget) {
        stoppedBecause = `time bound (${budget / 1000} s) reached before ${target} visits`;
        break;
      }
      const opening = {
        at: performance.now(),
        visits: load.visits.length,
        ...(await serviceCounters(cluster, db)),
      };
      try {
        while (load.visits.length < target) await within(45_000, 'opening a visit', load.open());
      } catch (error) {
        stoppedBecause = `could not open visit ${load.visits.length + 1}: ${error instanceof Error ? error.message : String(error)}`;
        break;
      }
      await sleep(SETTLE_MS);
      const a = await sample(cluster, load, db);
      const throttledBefore = cap?.throttled() ?? 0;
      let rss = 0;
      const until = Date.now() + WINDOW_MS;
      while (Date.now() < until) {
        rss = Math.max(rss, rssMb(pid));
        await sleep(1000);
      }
      const b = await sample(cluster, load, db);
      const step = compare(a, b, target, rss);
      if (cap) step.throttledPeriods = cap.throttled() - throttledBefore;
      // what opening cost beyond the steady load of the visits already running meanwhile
      const opened = target - opening.visits;
      const openSeconds = (a.at - opening.at) / 1000;
      const steadyBefore = steps.at(-1);
      step.httpPerVisitOpened =
        (a.service.http - opening.http - (steadyBefore?.httpPerSecond ?? 0) * openSeconds) / opened;
      step.dbTxPerVisitOpened =
        (a.service.tx - opening.tx - (steadyBefore?.dbTxPerSecond ?? 0) * openSeconds) / opened;
      steps.push(step);
      process.stderr.write(
        `[cluster-load] ${target} visits: SFU ${step.sfuCpuPercent.toFixed(0)} % CPU, ${step.sfuRssMb.toFixed(0)} MB, ` +
          `${step.mbitFromNode.toFixed(2)} Mbit/s out, fps ${step.receivedFpsMean.toFixed(1)}/${step.sentFps.toFixed(1)} ` +
          `(generator ${step.generatorCpuPercent.toFixed(0)} %, machine ${step.machineBusyPercent.toFixed(0)} %)\n`,
      );
      if (!step.holds) {
        stoppedBecause =
          `at ${target} visits subscribers received ${step.receivedFpsMean.toFixed(1)} of ${PROFILE.fps} fps ` +
          `(${(step.forwardedRatio * 100).toFixed(0)} % of what the generator managed to send, ${step.sentFps.toFixed(1)} fps; ` +
          `${step.silentTracks} of ${step.tracks} tracks silent; machine ${step.machineBusyPercent.toFixed(0)} % busy)`;
        break;
      }
    }
    const held = steps.filter((s) => s.holds).map((s) => s.visits);
    return {
      profile: PROFILE,
      ...(options.cpuCap ? { sfuCpuCap: options.cpuCap } : {}),
      cores: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
      idleSfuRssMb,
      idleSfuCpuPercent,
      steps,
      heldVisits: held.length ? Math.max(...held) : 0,
      stoppedBecause,
    };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await load.close();
    await api.close();
    await db.end().catch(() => {});
    cap?.remove();
    await cluster.stop();
    cap?.remove();
  }
}

/** The node's CPU cap for the `capped` part: a tenth of a core, so it runs out before the generator does. */
const CAP = 0.1;
const CAPPED_STEPS = [1, 2, 3, 4, 5, 6, 8, 10];

function printRun(title: string, run: LoadRun): void {
  const header = [
    'visits',
    'SFU CPU %',
    'SFU MB',
    'out Mbit/s',
    'in Mbit/s',
    'fps recv/sent',
    'gen CPU %',
    'machine %',
    'DB tx/s',
    'tx/visit opened',
    'throttled',
    'holds',
  ].join('  ');
  console.log(`\n${title}\n${header}`);
  for (const s of run.steps)
    console.log(
      [
        String(s.visits).padStart(6),
        s.sfuCpuPercent.toFixed(1).padStart(9),
        s.sfuRssMb.toFixed(0).padStart(6),
        s.mbitFromNode.toFixed(2).padStart(10),
        s.mbitToNode.toFixed(2).padStart(9),
        `${s.receivedFpsMean.toFixed(1)}/${s.sentFps.toFixed(1)}`.padStart(13),
        s.generatorCpuPercent.toFixed(0).padStart(9),
        s.machineBusyPercent.toFixed(0).padStart(9),
        s.dbTxPerSecond.toFixed(1).padStart(7),
        (s.dbTxPerVisitOpened ?? 0).toFixed(0).padStart(15),
        (s.throttledPeriods === undefined ? '—' : String(s.throttledPeriods)).padStart(9),
        s.holds ? '  yes' : '   NO',
      ].join('  '),
    );
  console.log(`stopped: ${run.stoppedBecause}`);
}

/**
 * The section of `npm run bench` (bench/run.ts). Parts: `ramp` (the node uncapped) and `capped` (the node held
 * to a tenth of a core); both by default. Flat figures for the table; every step goes to its own JSON file.
 */
export async function clusterLoadBenchmarks(parts: string[] = []): Promise<Record<string, number>> {
  const want = (part: string) => parts.length === 0 || parts.includes(part);
  const runs: { ramp?: LoadRun; capped?: LoadRun } = {};
  if (want('ramp')) runs.ramp = await runClusterLoad();
  if (want('capped')) runs.capped = await runClusterLoad({ cpuCap: CAP, steps: CAPPED_STEPS });
  // rtc-node's native side would keep the process alive
  await disposeRtc();
  const out = new URL('./results/', import.meta.url);
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL('cluster-load.json', out), `${JSON.stringify(runs, null, 2)}\n`);
  if (runs.ramp) printRun('ramp: one LiveKit node, uncapped', runs.ramp);
  if (runs.capped) printRun(`capped: the node held to ${CAP * 100} % of one core`, runs.capped);
  console.log('wrote bench/results/cluster-load.json\n');
  const figures: Record<string, number> = {};
  if (runs.ramp) {
    const run = runs.ramp;
    figures['cluster_load.held_visits'] = run.heldVisits;
    figures['cluster_load.idle_sfu_rss_mb'] = run.idleSfuRssMb;
    const last = run.steps.filter((s) => s.holds).at(-1);
    if (last) {
      figures['cluster_load.sfu_cpu_percent_per_visit'] = last.sfuCpuPercent / last.visits;
      figures['cluster_load.sfu_rss_mb_per_visit'] = (last.sfuRssMb - run.idleSfuRssMb) / last.visits;
      figures['cluster_load.mbit_out_per_visit'] = last.mbitFromNode / last.visits;
      figures['cluster_load.mbit_in_per_visit'] = last.mbitToNode / last.visits;
      if (last.dbTxPerVisitOpened !== undefined)
        figures['cluster_load.db_tx_per_visit_opened'] = last.dbTxPerVisitOpened;
    }
  }
  if (runs.capped) {
    figures['cluster_load.capped_held_visits'] = runs.capped.heldVisits;
    figures['cluster_load.capped_visits_per_core'] = runs.capped.heldVisits / CAP;
  }
  return figures;
}
