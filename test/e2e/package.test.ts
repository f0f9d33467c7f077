// The npm package as an integrator gets it: `npm pack`, install the tarball into an empty project, import
// every export in Node (server-side rendering must not throw), and run the framework recipes from docs/recipes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
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
      pin('typescript'),
      // livekit-client 2.23's declarations import these two without depending on them (its devDependencies):
      // an integrator compiling with skipLibCheck off installs them too (README, "TypeScript").
      '@types/sdp-transform@2.15.0',
      '@livekit/throws-transformer@0.1.8',
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
    'CHANGELOG.md',
    'dist/api/contract.d.ts',
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

/** The text of a packed file, as installed in the integrator's project. */
const packed = (file: string) => readFileSync(join(project, 'node_modules/visit-kit', file), 'utf8');
/** `target` resolved against the folder of `file`, both relative to the package root. */
const beside = (file: string, target: string) => posix.normalize(posix.join(posix.dirname(file), target));

test('publint --strict finds nothing wrong with the tarball', () => {
  const output = execFileSync(join(root, 'node_modules/.bin/publint'), ['run', '--strict', tarball], {
    encoding: 'utf8',
  });
  assert.match(output, /All good!/);
});

test('are-the-types-wrong (esm-only profile) resolves types for every export', () => {
  let output = '';
  try {
    output = execFileSync(
      join(root, 'node_modules/.bin/attw'),
      ['--profile', 'esm-only', '--no-definitely-typed', '--no-color', '--format', 'json', tarball],
      { encoding: 'utf8' },
    );
  } catch (error) {
    assert.fail(`attw reported problems:\n${(error as { stdout?: string }).stdout}`);
  }
  const report = JSON.parse(output) as { analysis: { entrypoints: Record<string, unknown> } };
  const checked = Object.keys(report.analysis.entrypoints).map((name) => name.replace(/^visit-kit/, '.'));
  assert.deepEqual(checked.sort(), Object.keys(manifest.exports).sort(), 'every export was checked');
});

test('every relative import in a packed .d.ts names a packed file (no silent any)', () => {
  const missing: string[] = [];
  let imports = 0;
  for (const file of files.filter((name) => name.endsWith('.d.ts'))) {
    for (const [, target] of packed(file).matchAll(/(?:from |import\(|import )'(\.{1,2}\/[^']+)'/g)) {
      imports++;
      const declaration = beside(file, target!).replace(/\.js$/, '.d.ts');
      if (!files.includes(declaration)) missing.push(`${file} → ${target}`);
    }
  }
  assert.ok(imports > 50, `the declarations import each other (${imports} imports read)`);
  assert.deepEqual(missing, []);
  assert.ok(files.includes('dist/api/contract.d.ts'), 'the contract types ship');
  const internal = files.filter((name) => name.endsWith('.d.ts') && packed(name).includes('@internal'));
  assert.deepEqual(internal, [], '@internal members are stripped from the public declarations');
});

test('every sourceMappingURL in the tarball names a packed map, and every packed map is referenced', () => {
  const referenced = new Set<string>();
  const missing: string[] = [];
  for (const file of files.filter((name) => /\.(m?js|css|d\.ts)$/.test(name))) {
    for (const [, url] of packed(file).matchAll(/[#@] sourceMappingURL=(\S+?)(?:\s|\*\/|$)/g)) {
      const map = beside(file, url!);
      referenced.add(map);
      if (!files.includes(map)) missing.push(`${file} → ${url}`);
    }
  }
  assert.deepEqual(missing, []);
  assert.deepEqual(
    files.filter((name) => name.endsWith('.map') && !referenced.has(name)),
    [],
    'no orphan maps',
  );
  assert.ok(referenced.size > 0 && [...referenced].every((map) => map.startsWith('dist/cdn/')));
});

test('every relative link in the packed Markdown opens a packed file', () => {
  const broken: string[] = [];
  let links = 0;
  for (const file of files.filter((name) => name.endsWith('.md'))) {
    const text = packed(file).replace(/```[\s\S]*?```/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)|^\[[^\]]+\]:\s*(\S+)/gm)) {
      if (!target || /^([a-z]+:|#)/i.test(target)) continue;
      links++;
      const path = beside(file, decodeURI(target.replace(/#.*$/, '')));
      if (!files.includes(path)) broken.push(`${file} → ${target}`);
    }
  }
  assert.ok(links > 10, `the docs link to each other (${links} relative links read)`);
  assert.deepEqual(broken, [], 'link to files outside the package with absolute repository URLs');
});

test('the CDN build is dist/cdn/visit-kit.js plus lazy chunks, all shipped; the video code is only imported lazily', async () => {
  const cdn = join(project, 'node_modules/visit-kit/dist/cdn');
  // esbuild follows every static and dynamic import and fails on one it cannot resolve.
  const result = await build({
    entryPoints: [join(cdn, 'visit-kit.js')],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: join(project, 'cdn-check'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: cdn,
  });
  const inputs = result.metafile.inputs;
  const reached = Object.keys(inputs).sort();
  const shipped = files
    .filter((name) => /^dist\/cdn\/[^/]+\.js$/.test(name))
    .map((name) => name.slice('dist/cdn/'.length))
    .sort();
  assert.deepEqual(reached, shipped, 'the entry reaches exactly the shipped chunks');
  assert.ok(shipped.length > 1, 'the video code is split off');

  const eager = new Set(['visit-kit.js']);
  for (const file of eager) {
    for (const item of inputs[file]!.imports) if (item.kind === 'import-statement') eager.add(item.path);
  }
  const webRtc = (file: string) => readFileSync(join(cdn, file), 'utf8').includes('RTCPeerConnection');
  assert.deepEqual([...eager].filter(webRtc), [], 'no WebRTC code loads with the script tag');
  assert.ok(shipped.some(webRtc), 'the LiveKit client is in a lazy chunk');
});

test('every export imports in Node without a browser (SSR-safe)', () => {
  const specifiers = Object.entries(manifest.exports)
    // Types-only exports (visit-kit/jsx/*) and files (JSON, the CDN bundle) are not modules to import.
    .filter(([, target]) => typeof target === 'object' && target !== null && 'default' in target)
    .map(([key]) => key)
    // The CDN bundle is typed, but it is a browser script that registers elements at once.
    .filter((key) => !key.startsWith('./cdn/'))
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

test('VERSION, package.json and the CHANGELOG agree on the version', () => {
  const printed = runInProject('version.mjs', `import { VERSION } from 'visit-kit'; console.log(VERSION);`);
  assert.equal(printed.trim(), manifest.version);
  assert.match(packed('CHANGELOG.md'), new RegExp(`^## ${manifest.version.replaceAll('.', '\\.')}$`, 'm'));
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

// A consumer TypeScript project: strict, and skipLibCheck off, so every declaration the package ships (and
// those it reaches in lit, openapi-fetch and livekit-client) is checked too. Types must be exact, not `any`.
const CONSUMER_OK = `import { VisitApiError, VisitClient, responseBody, type VisitBooking } from 'visit-kit';
import { VisitClient as ApiClient } from 'visit-kit/api';
import 'visit-kit/booking';
import 'visit-kit/waiting-room';

type IsAny<T> = 0 extends 1 & T ? true : false;

const client = new VisitClient({ baseUrl: 'https://visits.example.org' });
const sameClass: typeof ApiClient = VisitClient;

export async function firstVideoSlot(prisonerId: string): Promise<string | undefined> {
  const { data } = await client.api.GET('/prisoners/{prisonerId}/availability', {
    params: { path: { prisonerId }, query: { type: 'video', from: '2027-01-01', to: '2027-01-31' } },
  });
  const availability = responseBody(data);
  const typed: IsAny<typeof availability> = false;
  const slot = availability.days[0]?.sessions[0];
  const kind: 'video' | 'in-person' | undefined = slot?.type;
  return typed || kind === undefined ? undefined : slot?.id;
}

const booking = document.createElement('visit-booking');
const element: VisitBooking = booking;
element.visitType = 'in-person';
element.prisoner = 'A1234BC';
booking.addEventListener('visit-booked', (event) => {
  const typed: IsAny<typeof event> = false;
  const reference: string = event.reference;
  const visitType: 'video' | 'in-person' = event.visitType;
  console.log(typed, reference, visitType);
});
booking.addEventListener('visit-error', (event) => console.log(event.code, event.message));

const waiting = document.createElement('visit-waiting-room');
waiting.side = 'visitor';
waiting.addEventListener('visit-admitted', (event) => console.log(event.type));

try {
  await client.api.POST('/holds', { body: { prisonerId: 'p1', slotId: 's1' } });
} catch (error) {
  if (error instanceof VisitApiError) console.log(error.status, error.fieldErrors.length, sameClass);
}
`;

// Each line marked `// TSnnnn` must fail with that code, and nothing else may fail.
const CONSUMER_WRONG = `import { VisitClient } from 'visit-kit';
import 'visit-kit/booking';

const booking = document.createElement('visit-booking');
booking.visitType = 'phone'; // TS2322
booking.addEventListener('visit-booked', (event) => {
  const reference: number = event.reference; // TS2322
  console.log(reference);
});
const client = new VisitClient({ baseUrl: 'https://visits.example.org' });
await client.api.GET('/no-such-route', {}); // TS2345
await client.api.GET('/prisoners/{prisonerId}/allowance', { params: { path: { prisoner: 'A1' } } }); // TS2561
await client.api.POST('/holds', { body: { prisonerId: 'p1' } }); // TS2322
`;

/**
 * Runs the project's own tsc over both consumer files with the given module resolution and returns every
 * error as `file(line) TSnnnn`, with the full output for the assertion message.
 */
function compile(resolution: 'bundler' | 'nodenext'): { errors: string[]; output: string } {
  writeFileSync(join(project, 'consumer.mts'), CONSUMER_OK);
  writeFileSync(join(project, 'consumer-wrong.mts'), CONSUMER_WRONG);
  const config = `tsconfig.${resolution}.json`;
  writeFileSync(
    join(project, config),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        target: 'ES2022',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: [],
        ...(resolution === 'bundler'
          ? { module: 'ESNext', moduleResolution: 'Bundler' }
          : { module: 'NodeNext', moduleResolution: 'NodeNext' }),
      },
      files: ['consumer.mts', 'consumer-wrong.mts'],
    }),
  );
  let output = '';
  try {
    execFileSync(
      process.execPath,
      [join(project, 'node_modules/typescript/bin/tsc'), '-p', config, '--pretty', 'false'],
      {
        cwd: project,
        encoding: 'utf8',
      },
    );
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  const errors = [...output.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+)/gm)].map(
    ([, file, line, code]) => `${file}(${line}) ${code}`,
  );
  return { errors, output };
}

for (const resolution of ['bundler', 'nodenext'] as const) {
  test(`a strict consumer (skipLibCheck off, ${resolution}) compiles against the typed client and elements, and visitType = 'phone' does not`, () => {
    const { errors, output } = compile(resolution);
    const expected = CONSUMER_WRONG.split('\n').flatMap((line, index) => {
      const marker = /\/\/ (TS\d+)$/.exec(line);
      return marker ? [`consumer-wrong.mts(${index + 1}) ${marker[1]}`] : [];
    });
    // consumer.mts and every declaration file (the package's and its dependencies') are error-free.
    assert.deepEqual(errors, expected, output);
    assert.match(output, /Type '"phone"' is not assignable to type '"video" \| "in-person" \| undefined'/);
  });
}

test('machina’s `engines: node >=22.22` warning is harmless: livekit-client inlines it, and it runs on this Node', () => {
  const livekit = join(project, 'node_modules/livekit-client');
  const machina = JSON.parse(readFileSync(join(project, 'node_modules/machina/package.json'), 'utf8')) as {
    engines?: { node?: string };
  };
  // If machina drops its claim, the README's note and this test can go.
  assert.equal(machina.engines?.node, '>=22.22');
  const bundle = readFileSync(join(livekit, 'dist/livekit-client.esm.mjs'), 'utf8');
  assert.doesNotMatch(
    bundle,
    /from\s*['"]machina['"]|import\(\s*['"]machina['"]/,
    'the ESM build never loads it',
  );
  assert.match(bundle, /Symbol\("machina\.type"\)/, 'its code is bundled inside livekit-client');
  // Only livekit-client's declarations import the package itself; and it loads fine here anyway.
  const printed = runInProject(
    'machina.mjs',
    `const { createFsm } = await import('machina');
const fsm = createFsm({ id: 'check', initialState: 'off', states: { off: { toggle: 'on' }, on: { toggle: 'off' } } });
fsm.handle('toggle');
console.log(process.versions.node, fsm.currentState());`,
  );
  assert.equal(printed.trim(), `${process.versions.node} on`);
});
