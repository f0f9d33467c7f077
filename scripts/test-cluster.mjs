// `npm run test:cluster` (and the `cluster` stage of `npm test`): the deploy files checked against
// deploy/topology.ts everywhere, and the cluster tests, bounded in time, where they can run — Linux, root,
// network namespaces allowed. Elsewhere it says it skipped them and why.
// Whatever happens, the network namespaces and links the run created are removed afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const LIMIT_MS = 8 * 60_000;
const PREFIX = 'vkc'; // scripts/cluster.ts

function whyNot() {
  if (process.platform !== 'linux')
    return `this is ${process.platform}, and the cluster needs Linux network namespaces`;
  if (process.getuid?.() !== 0)
    return 'not root: creating network namespaces needs root (run `sudo npm run test:cluster`)';
  const probe = `${PREFIX}probe${randomBytes(2).toString('hex')}`;
  const made = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (made.status !== 0)
    return `cannot create network namespaces here (${(made.stderr || made.error?.message || '').trim()})`;
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

const names = (args) =>
  new Set(
    (spawnSync('ip', args, { encoding: 'utf8' }).stdout ?? '')
      .split('\n')
      .map((line) => (args[0] === 'netns' ? line.split(' ')[0] : /^\d+: ([^:@]+)/.exec(line)?.[1]))
      .filter((name) => name?.startsWith(PREFIX)),
  );

const why = whyNot();
const files = ['test/cluster/topology.test.ts'];
if (why) {
  // counted as one skipped test in npm test's summary; the deploy files are still checked
  console.log(`cluster tests skipped: ${why}.`);
  console.log('ℹ pass 0\nℹ fail 0\nℹ skipped 1');
} else files.push('test/cluster/cluster.test.ts', 'test/cluster/load.test.ts');
const namespacesBefore = why ? new Set() : names(['netns', 'list']);
const linksBefore = why ? new Set() : names(['-o', 'link']);
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
const timer = setTimeout(() => {
  console.error(`cluster tests: over ${LIMIT_MS / 60_000} minutes, stopping them`);
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
}, LIMIT_MS);
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
clearTimeout(timer);
if (!why)
  for (const ns of names(['netns', 'list']))
    if (!namespacesBefore.has(ns)) spawnSync('ip', ['netns', 'del', ns]);
if (!why)
  for (const link of names(['-o', 'link']))
    if (!linksBefore.has(link)) spawnSync('ip', ['link', 'del', link]);
process.exit(code);
