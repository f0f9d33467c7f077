// Page benchmark: Lighthouse (its default config: mobile form factor, simulated throttling — a slow 4G
// network and a 4× CPU slowdown) on the demo charity page, served as `npm start` serves it
// (bench/page-demo.ts, its own process on 127.0.0.1) and loaded in headless Chromium from this machine.
// Three runs, each a fresh Lighthouse navigation (storage and cache cleared); the median of each figure.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/ensure.mjs';

const RUNS = 3;
/** The whole section, demo start-up included, is stopped after this. */
const SECTION_TIMEOUT_MS = 300_000;
const PAGE = '/charity.html';

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Starts `command` and resolves with the first match of `pattern` in its output (stdout or stderr). */
function startAndWait(
  command: string,
  args: string[],
  pattern: RegExp,
  timeoutMs: number,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${command} not ready within ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        done({ child, match });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`${command} exited (${code ?? signal}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

interface Lhr {
  categories: { performance: { score: number | null } };
  audits: Record<
    string,
    {
      score: number | null;
      numericValue?: number;
      displayValue?: string;
      title: string;
      scoreDisplayMode: string;
    }
  >;
  runWarnings: string[];
}

/** The processes a run started, so that the section's timeout can end them too. */
const started: ChildProcess[] = [];

async function measure(): Promise<Record<string, number>> {
  let demo: ChildProcess | undefined;
  let chromium: ChildProcess | undefined;
  const profile = mkdtempSync(join(tmpdir(), 'visit-kit-bench-lh-'));
  try {
    const server = await startAndWait(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./page-demo.ts', import.meta.url))],
      /^READY (\S+)$/m,
      60_000,
    );
    demo = server.child;
    const origin = server.match[1]!;
    // Headless Chromium with a DevTools port of its own choosing, read from what it prints.
    const browser = await startAndWait(
      ensureChromium(),
      [
        // the flags every browser run here uses (the fake-media ones are inert on a page without media)
        ...CHROMIUM_ARGS,
        '--no-default-browser-check',
        `--user-data-dir=${profile}`,
        '--remote-debugging-address=127.0.0.1',
        '--remote-debugging-port=0',
        'about:blank',
      ],
      /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//,
      30_000,
    );
    chromium = browser.child;
    const port = Number(browser.match[1]);
    const runs: Lhr[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await lighthouse(`${origin}${PAGE}`, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
      });
      if (!result) throw new Error('Lighthouse returned no result');
      const lhr = result.lhr as unknown as Lhr;
      if (lhr.categories.performance.score === null)
        throw new Error(`Lighthouse gave no performance score: ${lhr.runWarnings.join('; ')}`);
      runs.push(lhr);
    }
    const figure = (lhr: Lhr, audit: string) => lhr.audits[audit]?.numericValue ?? Number.NaN;
    const scores = runs.map((lhr) => lhr.categories.performance.score! * 100);
    // The run whose score is the median, kept for reading its audits.
    const middle = runs[scores.indexOf(median(scores))]!;
    const out = resolve(import.meta.dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(resolve(out, 'lighthouse-charity.json'), JSON.stringify(middle, null, 2));
    const losing = Object.entries(middle.audits)
      .filter(
        ([, a]) =>
          a.score !== null &&
          a.score < 0.9 &&
          ['numeric', 'binary', 'metricSavings'].includes(a.scoreDisplayMode),
      )
      .map(([id, a]) => `${id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
    process.stderr.write(
      `[bench page] charity performance ${scores.join(' ')}; below 0.9 in the median run: ${losing.join(', ') || 'none'} (full report: bench/results/lighthouse-charity.json)\n`,
    );
    for (const warning of middle.runWarnings) process.stderr.write(`[bench page] Lighthouse: ${warning}\n`);
    return {
      'page.charity_lighthouse_performance': median(scores),
      'page.charity_lcp_ms': median(runs.map((lhr) => figure(lhr, 'largest-contentful-paint'))),
      'page.charity_tbt_ms': median(runs.map((lhr) => figure(lhr, 'total-blocking-time'))),
      'page.charity_cls': median(runs.map((lhr) => figure(lhr, 'cumulative-layout-shift'))),
      'page.charity_fcp_ms': median(runs.map((lhr) => figure(lhr, 'first-contentful-paint'))),
      'page.charity_transfer_bytes': median(runs.map((lhr) => figure(lhr, 'total-byte-weight'))),
    };
  } finally {
    await stop(chromium);
    await stop(demo);
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function pageBenchmarks(): Promise<Record<string, number>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      for (const child of started)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      fail(new Error(`page bench over ${SECTION_TIMEOUT_MS / 1000} s`));
    }, SECTION_TIMEOUT_MS);
  });
  try {
    return await Promise.race([measure(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
