// The reliability and security suite (`npm test` stage `reliability`): every *.test.ts here through node:test
// (spec output, then one summary line per area from ./area-reporter.mjs). Bounded: each file carries its own
// timeouts and the whole run is killed after 15 minutes.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test/reliability';
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.test.ts') && (only.length === 0 || only.some((o) => file.includes(o))))
  .sort()
  .map((file) => join(dir, file));
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=./${dir}/area-reporter.mjs`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit', timeout: 15 * 60_000, killSignal: 'SIGKILL' },
);
if (result.error) console.error(`reliability: ${result.error.message}`);
process.exit(result.status ?? 1);
