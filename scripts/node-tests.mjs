// Runs node:test on every *.test.ts under the given folders (Node 20's --test takes no globs), through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// `--no-livekit`: leave out the files that need a real LiveKit server (named `*livekit.test.ts`), e.g. for
// a run under a moved clock, which the Go server does not see (its tokens would be refused).
const noLivekit = process.argv.includes('--no-livekit');
const folders = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files = folders
  .filter((folder) => existsSync(folder))
  .flatMap((folder) =>
    readdirSync(folder, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.test.ts') && !(noLivekit && file.endsWith('livekit.test.ts')))
      .map((file) => join(folder, file)),
  )
  .sort();
if (files.length === 0) {
  console.log(`No *.test.ts files under ${folders.join(', ')} yet.`);
  process.exit(0);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
