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

test('the ready-made visit is described as the seed made it: open now, 30 minutes, start and end times', async () => {
  const line = /Ready-made video visit[^\n]*\n[^\n]*/.exec(output)?.[0] ?? '';
  const times = /starts (\d{1,2}:\d{2}[ap]m)\s+and ends (\d{1,2}:\d{2}[ap]m)/.exec(line);
  assert.ok(times, line);
  const reference = /portal\.html\?visit=(\S+)/.exec(output)![1]!;
  // the printed times are the seed's own (start.ts prints readyVisit.start/end): 30 minutes apart
  const minutes = (hm: string) => {
    const [, h, m, ap] = /(\d+):(\d+)([ap])m/.exec(hm)!;
    return ((Number(h) % 12) + (ap === 'p' ? 12 : 0)) * 60 + Number(m);
  };
  assert.equal((minutes(times[2]!) - minutes(times[1]!) + 1440) % 1440, 30, 'a 30-minute visit');
  assert.match(reference, /^[A-Z0-9]+$/);
  assert.doesNotMatch(output, /starts in 5 minutes, 30 minutes long/);
});

for (const [path, button, who] of [
  ['/portal.html', 'Sign in as Sam', 'sam@example.org'],
  ['/staff.html', 'Sign in as NMI staff', 'staff.nmi@example.org'],
] as const) {
  test(`${path} says plainly where to sign in, and signing in there works without spending a code each time`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}${path}`);
    const note = page.locator('[data-demo-sign-in-note]');
    assert.match(await note.innerText(), new RegExp(`sign in with\\s+(the\\s+)?${button}`, 'i'));
    const codes = async () =>
      ((await (await fetch(`${apiBase}/api/dev/outbox?to=${encodeURIComponent(who)}`)).json()) as unknown[])
        .length;
    await page.getByRole('button', { name: button }).click();
    await page.locator('[data-demo-who]', { hasText: `Signed in as ${who}` }).waitFor({ timeout: 10_000 });
    const spent = await codes();
    // another tab of the same browser: the click reuses the session instead of asking for another code
    const second = await context.newPage();
    await second.goto(`${origin}${path}`);
    await second.getByRole('button', { name: button }).click();
    await second.locator('[data-demo-who]', { hasText: `Signed in as ${who}` }).waitFor({ timeout: 10_000 });
    assert.equal(await codes(), spent, 'no new code was sent');
    await context.close();
  });
}

test('the Welsh page gets the server’s problem details in Welsh', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/cymraeg.html`);
  await page.waitForFunction(() => customElements.get('visit-provider'));
  const detail = await page.evaluate(async () => {
    const provider = document.querySelector('visit-provider') as unknown as {
      updateComplete: Promise<unknown>;
      activeClient: { send(request: Request): Promise<Response>; baseUrl: string };
    };
    await provider.updateComplete;
    const client = provider.activeClient;
    try {
      await client.send(
        new Request(`${client.baseUrl}/api/v1/auth/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@example.org', code: '123456' }),
        }),
      );
      return 'no error';
    } catch (error) {
      return (error as Error).message;
    }
  });
  assert.equal(detail, 'Nid yw’r cod hwnnw’n ddilys.');
  await page.close();
});

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
