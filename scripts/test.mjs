// `npm test`: every check in order — setup, lint, types, build, browser, server, end-to-end — then one summary.
// Each stage streams its output; test counts are read from the runners' own closing lines.
import { spawn } from 'node:child_process';
import { countTests } from './test-counts.mjs';

const STAGES = [
  { name: 'setup', command: 'node scripts/ensure.mjs' },
  { name: 'lint', command: 'npm run --silent test:lint' },
  { name: 'types', command: 'npm run --silent test:types' },
  { name: 'generated', command: 'node scripts/generate.mjs --check' },
  { name: 'build', command: 'npm run --silent build' },
  { name: 'stories', command: 'npm run --silent build-storybook -- -o .data/storybook-check' },
  { name: 'browser', command: 'npm run --silent test:browser' },
  { name: 'server', command: 'npm run --silent test:server' },
  { name: 'clock', command: 'node scripts/clock-shifted.mjs' },
  { name: 'e2e', command: 'npm run --silent test:e2e' },
  { name: 'reliability', command: 'node test/reliability/run.mjs' },
  // Linux + root only (network namespaces); elsewhere it prints that it skipped and why
  { name: 'cluster', command: 'node scripts/test-cluster.mjs' },
];

const only = process.argv.slice(2);
const stages = only.length ? STAGES.filter((stage) => only.includes(stage.name)) : STAGES;

function run(stage) {
  return new Promise((resolve) => {
    const started = Date.now();
    process.stdout.write(`\n━━ ${stage.name}: ${stage.command}\n`);
    const child = spawn(stage.command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const forward = (target) => (chunk) => {
      output += chunk;
      target.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('close', (code) =>
      resolve({ ...stage, code, seconds: (Date.now() - started) / 1000, ...countTests(output) }),
    );
  });
}

const results = [];
for (const stage of stages) {
  const result = await run(stage);
  results.push(result);
  // Without setup nothing else can run meaningfully; later failures still let other stages report.
  if (stage.name === 'setup' && result.code !== 0) break;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
process.stdout.write('\n━━ summary\n');
for (const result of results) {
  const counts =
    result.passed === undefined
      ? ''
      : `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`;
  process.stdout.write(
    `${result.code === 0 ? 'ok  ' : 'FAIL'} ${result.name.padEnd(11)} ${result.seconds.toFixed(1).padStart(6)} s  ${counts}\n`,
  );
  for (const key of Object.keys(totals)) totals[key] += result[key] ?? 0;
}
const failedStages = results.filter((result) => result.code !== 0).length + (stages.length - results.length);
if (failedStages && totals.failed === 0) totals.failed = failedStages;
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failedStages ? 1 : 0);
