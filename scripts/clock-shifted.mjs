// `npm test`'s clock stage: the browser and server suites again with the system clock moved (Debian's
// libfaketime, which Node and Chromium both see), so a test that mixes fixed dates with the real clock fails
// here rather than on some later day. Shifts: 17 days on, 200 days on (London in summer time) and 9 hours on
// (another hour of the day). The real-LiveKit files are left out: the Go server reads the clock without libc,
// does not see the shift, and would refuse tokens minted under it.
import { spawn } from 'node:child_process';
import { ensureFaketime } from './ensure.mjs';
import { countTests } from './test-counts.mjs';

const SHIFTS = (process.env.VISIT_KIT_CLOCK_SHIFTS ?? '+17d,+200d,+9h').split(',');
const SUITES = [
  ['browser', 'npx web-test-runner'],
  ['server', 'node scripts/node-tests.mjs --no-livekit server/test'],
];

function run(faketime, shift, command) {
  return new Promise((resolve) => {
    const child = spawn(faketime, ['-f', shift, 'sh', '-c', command], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, VISIT_KIT_NO_LIVEKIT: '1' },
    });
    let output = '';
    const forward = (target) => (chunk) => {
      output += chunk;
      target.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('close', (code) => resolve({ code, ...countTests(output) }));
  });
}

const faketime = ensureFaketime();
if (!faketime) {
  console.log(
    'clock stage skipped: libfaketime is not installed, and it can be installed only with apt as root.',
  );
  console.log('stage totals: 0 passed, 0 failed, 1 skipped');
  process.exit(0);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRuns = 0;
for (const shift of SHIFTS) {
  for (const [name, command] of SUITES) {
    console.log(`\n── ${name} suite with the clock moved ${shift}`);
    const result = await run(faketime, shift, command);
    for (const key of Object.keys(totals)) totals[key] += result[key] ?? 0;
    if (result.code !== 0) {
      failedRuns++;
      console.log(`── ${name} suite FAILED with the clock moved ${shift}`);
    }
  }
}
if (failedRuns && totals.failed === 0) totals.failed = failedRuns;
console.log(`stage totals: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRuns ? 1 : 0);
