// `npm run build`: dist/ from nothing, so no stale chunk or declaration of an earlier build is ever packed.
//   1. rollup: the npm ESM entries (dist/) and the CDN bundle with its lazy chunks (dist/cdn/)
//   2. tsc: declarations for every src/ module, `@internal` members stripped (tsconfig.build.json)
//   3. hand-written or generated declaration files in src/ (src/api/contract.d.ts, the types generated from the
//      contract), which tsc reads but never emits: copied next to the declarations that import them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const run = (command, args) => execFileSync(bin(command), args, { cwd: root, stdio: 'inherit' });

rmSync(join(root, 'dist'), { recursive: true, force: true });
run('rollup', ['-c', 'rollup.config.js']);
run('tsc', ['-p', 'tsconfig.build.json']);

const copied = readdirSync(join(root, 'src'), { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.d.ts'));
for (const file of copied) {
  mkdirSync(dirname(join(root, 'dist', file)), { recursive: true });
  copyFileSync(join(root, 'src', file), join(root, 'dist', file));
}
process.stdout.write(`declarations: ${copied.map((file) => `dist/${file}`).join(', ')} copied from src/\n`);
