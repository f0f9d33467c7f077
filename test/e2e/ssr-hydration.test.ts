// Hydration of server-rendered elements (issue #11): the page holds @lit-labs/ssr output (declarative shadow
// DOM), then loads @lit-labs/ssr-client's hydrate support and visit-kit. From before the upgrade a
// MutationObserver records every text the shadow roots show: none may be a message key, the server's nodes are
// kept (hydrated, not thrown away), and the elements then work against the real backend.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { build } from 'esbuild';
import { html } from 'lit';
import type { Browser } from 'playwright-core';
import { freePort } from '../../scripts/livekit.mjs';
import { createServer, type VisitKitServer } from '../../server/app.js';
import { en } from '../../src/i18n/en.js';
import '../../src/define.js';
import { launchChromium } from '../support/browser.js';

let dir: string;
let server: VisitKitServer;
let api: { url: string; close(): Promise<void> };
let site: Server;
let origin: string;
let browser: Browser;

// Runs before the module script (classic scripts at the end of <body> run before deferred modules): watches
// every shadow root the server rendered and records each text it shows, from the first.
const watcher = `
window.seen = [];
window.serverHeadings = {};
for (const host of document.querySelectorAll('visit-booking, visit-my-visits')) {
  const root = host.shadowRoot;
  const record = () => window.seen.push({ element: host.localName, text: root.textContent.replace(/\\s+/g, ' ') });
  record();
  window.serverHeadings[host.localName] = root.querySelector('h2');
  new MutationObserver(record).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
}`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'visit-kit-hydrate-'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = await createServer({
    databaseUrl: join(dir, 'e2e.sqlite'),
    dev: true,
    seed: true,
    consoleOutbox: false,
    sessionSecret: 'e2e-secret-e2e-secret-e2e-secret-hydr',
    enforcerIntervalMs: 0,
    corsOrigins: [origin],
  });
  api = await server.listen();
  const markup = await collectResult(
    render(
      html`<main>
        <visit-booking api-base=${api.url}></visit-booking>
        <visit-my-visits api-base=${api.url}></visit-my-visits>
      </main>`,
    ),
  );
  const define = new URL('../../src/define.ts', import.meta.url).pathname;
  const bundled = await build({
    stdin: {
      // Hydrate support must load before lit.
      contents: `import '@lit-labs/ssr-client/lit-element-hydrate-support.js';\nimport ${JSON.stringify(define)};`,
      resolveDir: dir,
      loader: 'ts',
    },
    nodePaths: [new URL('../../node_modules', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    logLevel: 'silent',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  });
  const script = bundled.outputFiles[0]!.text;
  const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>SSR</title>
<script type="module" src="/app.js"></script>
<body>${markup}<script>${watcher}</script></body></html>`;
  site = createHttpServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    else if (path === '/app.js')
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(port, '127.0.0.1', resolve));
  assert.equal((site.address() as AddressInfo).port, port);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  await api?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('server-rendered elements hydrate without ever showing a message key', { timeout: 60_000 }, async () => {
  const page = await (await browser.newContext()).newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
      failures.push(message.text());
  });
  await page.goto(`${origin}/`);
  const booking = page.locator('visit-booking');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('visit-booking, visit-my-visits')].every(
      (element) => customElements.get(element.localName) && !element.hasAttribute('defer-hydration'),
    ),
  );
  await page.evaluate(() =>
    Promise.all(
      [...document.querySelectorAll('visit-booking, visit-my-visits')].map(
        (element) => (element as unknown as { updateComplete: Promise<unknown> }).updateComplete,
      ),
    ),
  );
  const { seen, kept } = await page.evaluate(() => {
    const w = window as unknown as {
      seen: { element: string; text: string }[];
      serverHeadings: Record<string, Element | null>;
    };
    const kept: Record<string, boolean> = {};
    for (const [name, heading] of Object.entries(w.serverHeadings)) {
      kept[name] = !!heading && heading === document.querySelector(name)!.shadowRoot!.querySelector('h2');
    }
    return { seen: w.seen, kept };
  });

  const first = seen.filter((entry, index) => seen.findIndex((e) => e.element === entry.element) === index);
  assert.deepEqual(
    first.map((entry) => entry.element),
    ['visit-booking', 'visit-my-visits'],
  );
  assert.match(
    first[0]!.text,
    /Sign in to book a visit/,
    'the server’s English text is there before upgrade',
  );
  assert.match(first[1]!.text, /Your visits/);
  assert.ok(seen.length > 2 || Object.values(kept).every(Boolean), 'observed the upgrade');
  const keys = Object.keys(en);
  const withKeys = seen.filter((entry) => keys.some((key) => entry.text.includes(key)));
  assert.deepEqual(withKeys, [], 'no text ever showed a message key');
  assert.deepEqual(kept, { 'visit-booking': true, 'visit-my-visits': true }, 'hydrated: server nodes kept');
  assert.deepEqual(failures, [], 'no hydration or other errors');

  await booking.getByLabel('Email address').waitFor({ timeout: 15_000 });
  // Hydrated elements work: the sign-in step sends a code through the real backend.
  await booking.getByLabel('Email address').fill('sam@example.org');
  await booking.getByRole('button', { name: 'Continue' }).click();
  await booking.getByRole('heading', { level: 2, name: 'Check your email' }).waitFor({ timeout: 15_000 });
});
