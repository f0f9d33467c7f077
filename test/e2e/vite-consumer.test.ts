// The README's snippet in a real Vite app, built from the packed tarball, in both import orders (issue #11):
// `<visit-provider api-base=…><visit-booking>` sits in the page's HTML, and the app imports
// 'visit-kit/booking' then 'visit-kit/provider' (the order that lost the context request) or the other way
// round. Each build is served on 127.0.0.1 and a family books a visit in real Chromium against the real
// reference backend (cross-origin). One pack and one install serve both orders.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { freePort } from '../../scripts/livekit.mjs';
import { createServer, type VisitKitServer } from '../../server/app.js';
import { bookVideoVisit, shows } from '../support/booking-steps.js';
import { launchChromium } from '../support/browser.js';

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const ORDERS = {
  'booking-first': ['visit-kit/booking', 'visit-kit/provider'],
  'provider-first': ['visit-kit/provider', 'visit-kit/booking'],
} as const;
type Order = keyof typeof ORDERS;

let project: string;
let server: VisitKitServer;
let api: { url: string; close(): Promise<void> };
let site: Server;
let origin: string;
let browser: Browser;

const run = (command: string, args: string[], timeout: number) =>
  execFileSync(command, args, { cwd: project, stdio: ['ignore', 'pipe', 'inherit'], timeout });

before(async () => {
  if (!existsSync(join(root, 'dist/index.js')))
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
  project = mkdtempSync(join(tmpdir(), 'visit-kit-vite-'));
  const sitePort = await freePort();
  origin = `http://127.0.0.1:${sitePort}`;
  server = await createServer({
    databaseUrl: join(project, 'e2e.sqlite'),
    dev: true,
    seed: true,
    consoleOutbox: false,
    sessionSecret: 'e2e-secret-e2e-secret-e2e-secret-vite',
    enforcerIntervalMs: 0,
    corsOrigins: [origin],
  });
  api = await server.listen();

  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', project], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    }),
  ) as { filename: string }[];
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'vite-integrator', private: true, type: 'module' }),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      join(project, packed[0]!.filename),
      `vite@${manifest.devDependencies.vite}`,
    ],
    240_000,
  );

  for (const [order, imports] of Object.entries(ORDERS)) {
    const app = join(project, 'apps', order);
    mkdirSync(app, { recursive: true });
    // Records the order in which the page's elements get defined, to prove the build kept the import order.
    const recorder = `window.definedOrder = [];
const define = customElements.define.bind(customElements);
customElements.define = (name, constructor, options) => {
  window.definedOrder.push(name);
  define(name, constructor, options);
};`;
    writeFileSync(
      join(app, 'index.html'),
      `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Book a visit (${order})</title>
    <script>${recorder}</script>
    <script type="module" src="./main.js"></script>
  </head>
  <body>
    <main>
      <h1>Family visits</h1>
      <visit-provider api-base="${api.url}"><visit-booking></visit-booking></visit-provider>
    </main>
  </body>
</html>
`,
    );
    writeFileSync(
      join(app, 'main.js'),
      `${imports.map((specifier) => `import '${specifier}';`).join('\n')}

// Listen for what happened:
document.addEventListener('visit-booked', (event) => console.log(event.reference));
`,
    );
    run(
      join(project, 'node_modules/.bin/vite'),
      [
        'build',
        app,
        '--base',
        './',
        '--outDir',
        join(project, 'out', order),
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      120_000,
    );
  }

  site = serveStatic(join(project, 'out'));
  await new Promise<void>((resolve) => site.listen(sitePort, '127.0.0.1', resolve));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  await api?.close();
  await server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A tiny static server for the built apps (what `vite preview` does, without a second process). */
function serveStatic(folder: string): Server {
  return createHttpServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(folder, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(folder) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
}

const booked: string[] = [];

for (const order of Object.keys(ORDERS) as Order[]) {
  test(
    `a Vite app importing ${ORDERS[order].join(' then ')} books a visit`,
    { timeout: 120_000 },
    async () => {
      const bundle = readFileSync(join(project, 'out', order, 'index.html'), 'utf8');
      assert.doesNotMatch(bundle, /main\.js/, 'the page loads the built bundle, not the source');
      const context = await browser.newContext();
      const page = await context.newPage();
      const failures: string[] = [];
      page.on('pageerror', (error) => failures.push(error.message));
      await page.goto(`${origin}/${order}/`);
      const booking = page.locator('visit-booking');
      // Without the fix the booking shows “not set up yet” and no heading: `shows` says what it shows instead.
      await shows(booking, booking.getByRole('heading', { level: 2 }).first());

      const defined = (
        await page.evaluate(() => (window as unknown as { definedOrder: string[] }).definedOrder)
      ).filter((name) => name === 'visit-booking' || name === 'visit-provider');
      assert.deepEqual(
        defined,
        ORDERS[order].map((specifier) => specifier.replace('visit-kit/', 'visit-')),
        'the built app defines the elements in its import order',
      );
      const shown = await booking.evaluate((element) => element.shadowRoot!.textContent!);
      assert.doesNotMatch(shown, /not set up yet/, 'the booking found its provider');

      const { reference, date } = await bookVideoVisit(page, api.url, booked);
      booked.push(date);
      const stored = await server.ctx.store.db
        .selectFrom('visits')
        .select(['reference'])
        .where('reference', '=', reference)
        .executeTakeFirst();
      assert.equal(stored?.reference, reference, 'the booking reached the real backend');
      assert.deepEqual(failures, [], 'no uncaught errors in the page');
      await context.close();
    },
  );
}
