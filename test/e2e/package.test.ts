// The npm package as an integrator gets it: `npm pack`, install the tarball into an empty project, import
// every export in Node (server-side rendering must not throw), and run the framework recipes from docs/recipes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, unknown>;
  devDependencies: Record<string, string>;
};
let project: string;
let tarball: string;
let files: string[];

/** Runs an ES module inside the installed project and returns what it printed. */
function runInProject(name: string, source: string): string {
  writeFileSync(join(project, name), source);
  return execFileSync(process.execPath, [name], { cwd: project, encoding: 'utf8' });
}

before(async () => {
  if (!existsSync(join(root, 'dist/index.js')))
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  project = mkdtempSync(join(tmpdir(), 'visit-kit-pack-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: root, encoding: 'utf8' }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = join(project, packed[0]!.filename);
  files = packed[0]!.files.map((file) => file.path);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'integrator', private: true, type: 'module' }),
  );
  const pin = (name: string) => `${name}@${manifest.devDependencies[name]}`;
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      tarball,
      pin('react'),
      pin('react-dom'),
      pin('vue'),
      pin('@angular/core'),
      pin('@angular/compiler'),
      pin('rxjs'),
    ],
    { cwd: project, stdio: 'inherit' },
  );
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the tarball holds the built package and nothing private', () => {
  for (const required of [
    'dist/index.js',
    'dist/index.d.ts',
    'dist/define.js',
    'dist/cdn/visit-kit.js',
    'custom-elements.json',
  ]) {
    assert.ok(files.includes(required), `${required} is packed`);
  }
  const forbidden = files.filter((file) =>
    /^(server|test|bench|demo|stories|scripts|\.data|\.storybook|\.ci)\/|\.test\.|\.env|\.sqlite/.test(file),
  );
  assert.deepEqual(forbidden, [], 'no tests, server code, secrets or data in the package');
  assert.ok(
    !files.some((file) => file.endsWith('.map') && !file.startsWith('dist/cdn/')),
    'no source maps but the CDN’s',
  );
});

test('every export imports in Node without a browser (SSR-safe)', () => {
  const specifiers = Object.entries(manifest.exports)
    // Types-only exports (visit-kit/jsx/*) and files (JSON, the CDN bundle) are not modules to import.
    .filter(([, target]) => typeof target === 'object' && target !== null && 'default' in target)
    .map(([key]) => key)
    .map((key) => (key === '.' ? 'visit-kit' : `visit-kit/${key.slice(2)}`));
  const printed = runInProject(
    'imports.mjs',
    `const results = {};
for (const specifier of ${JSON.stringify(specifiers)}) {
  const module = await import(specifier);
  results[specifier] = Object.keys(module).length;
}
console.log(JSON.stringify(results));`,
  );
  const results = JSON.parse(printed) as Record<string, number>;
  assert.deepEqual(Object.keys(results).sort(), [...specifiers].sort());
  assert.ok(results['visit-kit']! > 5, 'the main entry exports classes and helpers');
  assert.ok(results['visit-kit/api']! >= 2, 'the API client entry exports VisitClient and VisitApiError');
  assert.ok(results['visit-kit/react/booking']! >= 1, 'each element has its React entry');
});

test('every file the manifest, the editor data and the JSX types point at is in the tarball', () => {
  const cem = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as {
    modules: { path: string }[];
  };
  for (const module of cem.modules) assert.ok(files.includes(module.path), `${module.path} is packed`);
  for (const [key, target] of Object.entries(manifest.exports)) {
    const paths = typeof target === 'string' ? [target] : Object.values(target as Record<string, string>);
    for (const path of paths)
      assert.ok(files.includes(path.replace(/^\.\//, '')), `${key} → ${path} is packed`);
  }
});

/** The files an ES module loads before it runs: its static imports inside the package, transitively. */
function staticGraph(entry: string): Map<string, string> {
  const graph = new Map<string, string>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const text = readFileSync(file, 'utf8');
    graph.set(file, text);
    for (const [, specifier] of text.matchAll(
      /^(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"](\.[^'"]+)['"]/gm,
    ))
      visit(resolve(dirname(file), specifier!));
  };
  visit(entry);
  return graph;
}

test("the React entries are client components, and the booking one carries only the booking's code", () => {
  const dist = join(project, 'node_modules/visit-kit/dist');
  const reactEntries = files.filter((file) => /^dist\/react\/[a-z-]+\.js$/.test(file));
  assert.ok(reactEntries.length >= 7, 'an entry per element, and the index');
  for (const file of reactEntries) {
    const text = readFileSync(join(project, 'node_modules/visit-kit', file), 'utf8');
    assert.match(text, /^'use client';\n/, `${file} starts with 'use client'`);
  }
  const graph = staticGraph(join(dist, 'react/booking.js'));
  const loaded = [...graph.keys()].map((file) => relative(dist, file));
  const code = [...graph.values()].join('\n');
  assert.match(code, /class VisitBooking extends/, 'the booking element is in the graph');
  for (const other of ['call', 'waiting-room', 'staff-console', 'my-visits']) {
    assert.ok(!loaded.some((file) => file.startsWith(`elements/${other}/`)), `no ${other} entry: ${loaded}`);
  }
  for (const className of ['VisitCall', 'VisitWaitingRoom', 'VisitStaffConsole', 'VisitMyVisits'])
    assert.doesNotMatch(code, new RegExp(`class ${className} extends`), `${className} is not loaded`);
  // The check can fail: the all-in-one entry does load them.
  const all = [...staticGraph(join(dist, 'react/index.js')).values()].join('\n');
  assert.match(all, /class VisitCall extends/);
});

async function bundleRecipe(file: string, out: string) {
  await build({
    entryPoints: [join(root, 'docs/recipes', file)],
    outfile: join(project, out),
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    jsx: 'automatic',
    logLevel: 'silent',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  });
}

test('the React recipe renders on the server with the generated wrappers', async () => {
  await bundleRecipe('react.tsx', 'react-recipe.mjs');
  const html = runInProject(
    'react-ssr.mjs',
    `import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { BookAVisit } from './react-recipe.mjs';
console.log(renderToString(createElement(BookAVisit, { apiBase: 'https://visits.example.org' })));`,
  );
  assert.match(html, /<visit-provider/);
  assert.match(html, /<visit-booking/);
  assert.match(html, /<visit-my-visits/);
});

test('the Vue recipe renders on the server', async () => {
  await bundleRecipe('vue.ts', 'vue-recipe.mjs');
  const html = runInProject(
    'vue-ssr.mjs',
    `import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { BookAVisit } from './vue-recipe.mjs';
console.log(await renderToString(createSSRApp(BookAVisit, { apiBase: 'https://visits.example.org' })));`,
  );
  assert.match(html, /<visit-provider api-base="https:\/\/visits.example.org"/);
  assert.match(html, /<visit-booking/);
});

test('the Angular recipe compiles (JIT) with the custom-elements schema', async () => {
  await bundleRecipe('angular.ts', 'angular-recipe.mjs');
  const printed = runInProject(
    'angular-jit.mjs',
    `import '@angular/compiler';
import { BookAVisitComponent } from './angular-recipe.mjs';
const definition = BookAVisitComponent['ɵcmp'];
console.log(definition ? definition.selectors[0][0] : 'not compiled');`,
  );
  assert.equal(printed.trim(), 'app-book-a-visit');
});
