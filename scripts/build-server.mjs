// `npm run build:server`: the reference backend as plain JavaScript in packages/server/dist/ (the
// @visit-kit/server package, bin `visit-kit-server`), so production runs `node`, never tsx.
//   - esbuild bundles server/ into one ES module; every npm package stays an import (native better-sqlite3,
//     pg, and the rest are installed from the package's own `dependencies`).
//   - The packages the bundle imports must be exactly that package's `dependencies`, each pinned to the
//     version in the root package-lock.json: the build fails when they drift (`--write` updates them).
import { build } from 'esbuild';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkgDir = join(root, 'packages/server');
const pkgFile = join(pkgDir, 'package.json');
const write = process.argv.includes('--write');

rmSync(join(pkgDir, 'dist'), { recursive: true, force: true });
const result = await build({
  entryPoints: [join(root, 'server/main.ts')],
  outfile: join(pkgDir, 'dist/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  metafile: true,
  legalComments: 'none',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageOf = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const builtins = new Set(builtinModules);
const imported = new Set(
  Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((entry) => entry.external && !entry.path.startsWith('node:') && !builtins.has(entry.path))
    .map((entry) => packageOf(entry.path)),
);

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
// Required peers too (zod for @hono/zod-openapi): pinned here, not left to whatever npm picks at install.
for (const name of [...imported]) {
  const entry = lock.packages[`node_modules/${name}`] ?? {};
  for (const peer of Object.keys(entry.peerDependencies ?? {}))
    if (!entry.peerDependenciesMeta?.[peer]?.optional) imported.add(peer);
}
const wanted = Object.fromEntries(
  [...imported].sort().map((name) => {
    const version = lock.packages[`node_modules/${name}`]?.version;
    if (!version) throw new Error(`${name} is imported by the server but is not in package-lock.json`);
    return [name, version];
  }),
);

const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
const same = JSON.stringify(pkg.dependencies ?? {}) === JSON.stringify(wanted);
if (!same) {
  if (!write) {
    process.stderr.write(
      `packages/server/package.json dependencies are stale:\n  have   ${JSON.stringify(pkg.dependencies)}\n  wanted ${JSON.stringify(wanted)}\n` +
        'Run `npm run build:server -- --write` and commit the result.\n',
    );
    process.exit(1);
  }
  pkg.dependencies = wanted;
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
}
copyFileSync(join(root, 'LICENSE'), join(pkgDir, 'LICENSE'));
const size = readFileSync(join(pkgDir, 'dist/main.js')).length;
process.stdout.write(
  `packages/server/dist/main.js: ${(size / 1024).toFixed(0)} KiB, ${Object.keys(wanted).length} runtime dependencies\n`,
);
