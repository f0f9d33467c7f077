// The reference backend as an operator gets it: build @visit-kit/server (packages/server), `npm pack` it,
// install the tarball into an empty folder from the offline cache, and run its `visit-kit-server` bin with
// plain `node` against SQLite on 127.0.0.1: it must be ready, answer the API, and never need tsx.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { freePort } from '../../scripts/livekit.mjs';

const root = resolve(import.meta.dirname, '../..');
const pkgDir = join(root, 'packages/server');
let dir: string;
let installed: string;
let child: ChildProcess | undefined;
let url: string;
let stderr = '';
const timings: Record<string, number> = {};

async function timed<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    timings[name] = Math.round(performance.now() - started);
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'visit-kit-server-pkg-'));
  // the build fails when packages/server/package.json's dependencies drift from what the bundle imports
  await timed('build', () =>
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'pipe' }),
  );
  const packed = await timed(
    'pack',
    () =>
      JSON.parse(
        execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: pkgDir, encoding: 'utf8' }),
      ) as { filename: string; files: { path: string }[] }[],
  );
  const tarball = join(dir, packed[0]!.filename);
  assert.deepEqual(packed[0]!.files.map((f) => f.path).sort(), [
    'LICENSE',
    'README.md',
    'dist/main.js',
    'dist/main.js.map',
    'package.json',
  ]);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'operator', private: true }));
  // --ignore-scripts: better-sqlite3's install script compiles SQLite from source (minutes on this machine,
  // and its prebuilt download is not reachable here). The same version's addon, already compiled for this
  // Node in the checkout, is copied in instead; everything else is what `npm install` put there.
  await timed('install', () =>
    execFileSync(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--loglevel=error',
        tarball,
      ],
      { cwd: dir, stdio: 'pipe', timeout: 100_000 },
    ),
  );
  const addon = 'better-sqlite3/build/Release/better_sqlite3.node';
  mkdirSync(join(dir, 'node_modules', addon, '..'), { recursive: true });
  copyFileSync(join(root, 'node_modules', addon), join(dir, 'node_modules', addon));
  installed = join(dir, 'node_modules/@visit-kit/server');

  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // a clean environment: no NODE_OPTIONS (the test runner's tsx must not leak in), production mode
  child = spawn(process.execPath, [join(dir, 'node_modules/.bin/visit-kit-server')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      SESSION_SECRET: 'server-package-test-secret-server-package',
      DATABASE_URL: join(dir, 'data', 'visit-kit.sqlite'),
      HOST: '127.0.0.1',
      PORT: String(port),
      REPLICA_NAME: 'packaged',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  await timed('start', async () => {
    const deadline = Date.now() + 20_000;
    while (!stderr.includes('listening on')) {
      if (child!.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`the server did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});

after(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(`# server package: ${JSON.stringify(timings)} ms`);
});

test('the installed package has its runtime dependencies, a bin, and no tsx or TypeScript', () => {
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
    name: string;
    bin: Record<string, string>;
    dependencies: Record<string, string>;
  };
  assert.equal(manifest.name, '@visit-kit/server');
  assert.equal(manifest.bin['visit-kit-server'], 'dist/main.js');
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>;
  };
  for (const [name, version] of Object.entries(manifest.dependencies)) {
    assert.equal(version, lock.packages[`node_modules/${name}`]?.version, `${name} pinned as in the lock`);
    const got = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.equal(got.version, version, `${name} installed at the pinned version`);
  }
  for (const name of ['pg', 'better-sqlite3', 'hono', 'kysely', 'prom-client'])
    assert.ok(manifest.dependencies[name], `${name} is a runtime dependency`);
  assert.ok(!existsSync(join(dir, 'node_modules/tsx')), 'tsx was installed');
  assert.ok(!existsSync(join(dir, 'node_modules/typescript')), 'typescript was installed');
  const bundle = readFileSync(join(installed, 'dist/main.js'), 'utf8');
  assert.ok(bundle.startsWith('#!/usr/bin/env node\n'));
  assert.doesNotMatch(bundle, /from ["']tsx|\.ts["']\)/);
  assert.ok(!readdirSync(join(installed, 'dist')).some((f) => f.endsWith('.ts')));
});

test('the bin serves readiness, liveness, the API and metrics against SQLite, started once', async () => {
  const ready = await fetch(`${url}/readyz`);
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: 'ready', database: 'ok', livekit: 'not-configured' });
  assert.equal((await fetch(`${url}/livez`)).status, 200);
  // a real API answer: the public prison list, and an authorised route refusing without a session
  const prisons = await fetch(`${url}/api/v1/prisons`);
  assert.equal(prisons.status, 200);
  assert.ok(Array.isArray(await prisons.json()));
  const mine = await fetch(`${url}/api/v1/visits`);
  assert.equal(mine.status, 401);
  assert.match(mine.headers.get('content-type') ?? '', /problem\+json/);
  const metrics = await (await fetch(`${url}/metrics`)).text();
  assert.match(metrics, /visitkit_http_requests_total\{[^}]*route="\/api\/v1\/prisons"[^}]*\} 1/);
  assert.match(metrics, /replica="packaged"/);
  // production mode: the dev routes are not there
  assert.equal((await fetch(`${url}/api/dev/outbox`)).status, 404);
  // one server, not two (main.ts's "am I the program" check sees through npm's bin symlink)
  assert.equal(stderr.split('listening on').length - 1, 1, stderr);
  assert.ok(existsSync(join(dir, 'data', 'visit-kit.sqlite')));
});

test('SIGTERM closes it cleanly', async () => {
  const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
  child!.kill('SIGTERM');
  assert.equal(await exited, 0);
});
