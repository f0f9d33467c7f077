// `npm start` as a person would meet it: the demo script brings up LiveKit, the backend and the demo pages;
// every page loads in real Chromium, renders its elements, logs no console errors and breaks no CSP rule;
// Ctrl-C stops everything it started.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { freePort } from '../../scripts/livekit.mjs';
import { launchChromium } from '../support/browser.js';

const PAGES: { path: string; elements: string[] }[] = [
  { path: '/', elements: [] },
  { path: '/charity.html', elements: ['visit-booking', 'visit-my-visits'] },
  { path: '/cymraeg.html', elements: ['visit-booking', 'visit-my-visits'] },
  { path: '/portal.html', elements: ['visit-waiting-room', 'visit-my-visits'] },
  { path: '/kiosk.html', elements: ['visit-waiting-room'] },
  { path: '/staff.html', elements: ['visit-staff-console'] },
  { path: '/strict-csp.html', elements: ['visit-booking', 'visit-my-visits'] },
  { path: '/cdn.html', elements: ['visit-booking'] },
];

let demo: ChildProcess;
let output = '';
let origin: string;
let apiBase: string;
let browser: Browser;

before(async () => {
  const [apiPort, demoPort] = [await freePort(), await freePort()];
  demo = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
    env: { ...process.env, API_PORT: String(apiPort), DEMO_PORT: String(demoPort), DATABASE_URL: ':memory:' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  demo.stdout!.on('data', (chunk) => (output += chunk));
  demo.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  while (!/Demo pages\s+(\S+)/.test(output)) {
    if (demo.exitCode !== null) assert.fail(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) assert.fail(`npm start did not come up in 120 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  origin = /Demo pages\s+(\S+?)\/?\s/.exec(output)![1]!;
  apiBase = `http://127.0.0.1:${apiPort}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) demo.kill('SIGKILL');
});

test('the demo is served from another origin than the API', () => {
  assert.notEqual(new URL(origin).origin, new URL(apiBase).origin);
});

for (const { path, elements } of PAGES) {
  test(`demo page ${path} renders its elements with no console errors and no CSP violations`, async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), 200);
    const csp = response!.headers()['content-security-policy'] ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    for (const tag of elements) {
      await page.waitForFunction(
        (name) => {
          const element = document.querySelector(name);
          return Boolean(customElements.get(name) && element?.shadowRoot?.childElementCount);
        },
        tag,
        { timeout: 15_000 },
      );
    }
    await page.waitForTimeout(500);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('Ctrl-C stops the demo and everything it started', async () => {
  const livekitPid = Number(/livekit-server \(pid (\d+)\)/.exec(output)?.[1]);
  assert.ok(livekitPid > 0, 'the demo log names the LiveKit server it started');
  const exited = new Promise((resolve) => demo.once('exit', resolve));
  demo.kill('SIGINT');
  await exited;
  const alive = (() => {
    try {
      process.kill(livekitPid, 0);
      return true;
    } catch {
      return false;
    }
  })();
  assert.equal(alive, false, 'livekit-server is no longer running');
  await assert.rejects(fetch(`${apiBase}/api/health`));
});
