// `npm run bench`: every benchmark, bounded in time, printed as a table and written to bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiBenchmarks } from './api.js';
import { bundleBenchmarks } from './bundle.js';
import { callBenchmarks } from './call.js';
import { elementBenchmarks } from './element.js';
import { pageBenchmarks } from './page.js';

interface Target {
  limit: number;
  better: 'lower' | 'higher';
}

/** Targets from issues 8 and 17; keys without a target are reference figures. */
const TARGETS: Record<string, Target> = {
  'bundle.booking_first_gz': { limit: 20_000, better: 'lower' },
  'bundle.booking_all_gz': { limit: 30_000, better: 'lower' },
  'bundle.call_initial_gz': { limit: 30_000, better: 'lower' },
  'bundle.call_total_gz': { limit: 165_000, better: 'lower' },
  'bundle.call_over_livekit_ratio': { limit: 1.06, better: 'lower' },
  'api.availability_p95_ms': { limit: 10, better: 'lower' },
  'api.availability_vs_bare_ratio': { limit: 0.5, better: 'higher' },
  'api.hold_confirm_rps': { limit: 1000, better: 'higher' },
  'api.hold_confirm_vs_sqlite_ratio': { limit: 0.6, better: 'higher' },
  'api.overbooked': { limit: 0, better: 'lower' },
  'call.join_to_first_frame_ms': { limit: 700, better: 'lower' },
  'call.first_frame_vs_livekit_ratio': { limit: 1.05, better: 'lower' },
  'call.reconnect_ms': { limit: 2000, better: 'lower' },
  'element.booking_first_render_ms': { limit: 50, better: 'lower' },
  'page.charity_lighthouse_performance': { limit: 98, better: 'higher' },
};

type Section = {
  name: string;
  run: (parts: string[]) => Promise<Record<string, number>>;
  /** Runs only when named (`npm run bench -- cluster-load`): it needs root and takes about five minutes. */
  onlyWhenNamed?: boolean;
};
const ALL: Section[] = [
  { name: 'bundle', run: bundleBenchmarks },
  { name: 'api', run: apiBenchmarks },
  { name: 'call', run: callBenchmarks },
  { name: 'element', run: elementBenchmarks },
  { name: 'page', run: pageBenchmarks },
  {
    name: 'cluster-load',
    // loaded only when run: it brings rtc-node's native library
    run: async (parts) => (await import('./cluster-load.js')).clusterLoadBenchmarks(parts),
    onlyWhenNamed: true,
  },
];
// `npm run bench -- api call` runs only those sections (and then writes bench/results/partial.json);
// `api:hold,pg` only those parts of a section (api: availability, hold, pg, overbook).
const only = process.argv.slice(2);
const partsOf = (name: string) =>
  only.flatMap((arg) => (arg.startsWith(`${name}:`) ? arg.slice(name.length + 1).split(',') : []));
const sections = only.length
  ? ALL.filter((section) => only.some((arg) => arg === section.name || arg.startsWith(`${section.name}:`)))
  : ALL.filter((section) => !section.onlyWhenNamed);

const results: Record<string, number> = {};
const notes: string[] = [];
for (const section of sections) {
  const started = Date.now();
  try {
    Object.assign(results, await section.run(partsOf(section.name)));
  } catch (error) {
    notes.push(`${section.name}: failed — ${error instanceof Error ? error.message : String(error)}`);
  }
  process.stderr.write(`[bench] ${section.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Reference figures (no target) that issue 17 asks to see: listed even when not measured. */
const REFERENCE_KEYS = [
  'api.hold_confirm_pg_rps',
  'call.kbit_per_s_normal',
  'call.kbit_per_s_low_video',
  'call.kbit_per_s_audio_only',
  'page.charity_lcp_ms',
  'page.charity_tbt_ms',
  'page.charity_cls',
  'page.charity_fcp_ms',
  'page.charity_transfer_bytes',
];
const rows = [...new Set([...Object.keys(TARGETS), ...REFERENCE_KEYS, ...Object.keys(results)])].map(
  (key) => {
    const value = results[key];
    const target = TARGETS[key];
    const verdict =
      value === undefined
        ? 'not measured'
        : !target
          ? 'reference'
          : (target.better === 'lower' ? value <= target.limit : value >= target.limit)
            ? 'meets target'
            : 'MISSES target';
    const targetText = target ? `${target.better === 'lower' ? '≤' : '≥'} ${target.limit}` : '';
    return {
      key,
      value: value === undefined ? '—' : String(Math.round(value * 100) / 100),
      targetText,
      verdict,
    };
  },
);
const width = Math.max(...rows.map((row) => row.key.length));
for (const row of rows) {
  console.log(
    `${row.key.padEnd(width)}  ${row.value.padStart(10)}  ${row.targetText.padEnd(10)}  ${row.verdict}`,
  );
}
for (const note of notes) console.log(note);

const out = resolve(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
const file = only.length ? 'partial.json' : 'latest.json';
writeFileSync(resolve(out, file), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote bench/results/${file}`);
