// `npm run version-packages`: the release step of Changesets for this single package.
//   1. `changeset version` consumes .changeset/*.md: bumps package.json and prepends CHANGELOG.md;
//   2. the `VERSION` export in src/index.ts follows package.json (the package test checks they agree);
//   3. package-lock.json follows package.json.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
execFileSync(join(root, 'node_modules/.bin/changeset'), ['version'], { cwd: root, stdio: 'inherit' });

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const index = join(root, 'src/index.ts');
const source = readFileSync(index, 'utf8');
const updated = source.replace(/export const VERSION = '[^']*';/, `export const VERSION = '${version}';`);
if (updated === source && !source.includes(`export const VERSION = '${version}';`))
  throw new Error('src/index.ts has no `export const VERSION = …;` line to update');
writeFileSync(index, updated);

execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], {
  cwd: root,
  stdio: 'inherit',
});
process.stdout.write(
  `visit-kit ${version}: package.json, package-lock.json, CHANGELOG.md and VERSION updated\n`,
);
