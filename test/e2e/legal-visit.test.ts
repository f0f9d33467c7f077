// A legal visit (a solicitor's video visit) end to end, in real Chromium against the real reference backend:
// the legal professional books a legal time through <visit-booking>, registering their firm; on the day, the
// staff console sees the lobby only for the identity check and is refused any monitoring after admission
// (the real LiveKit server, the demo's staff portal under its strict CSP). Each refusal is in the audit.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { createServer, type VisitKitServer } from '../../server/app.js';
import { codeFor, heading, shows } from '../support/booking-steps.js';
import { launchChromium } from '../support/browser.js';
import { servePages, type PageServer } from '../support/page-server.js';
import { peerPage as openPeer } from '../support/peer-page.js';
import { startStack, until, type Stack } from '../support/stack.js';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** Picks the first day that has a free legal time, and that time; fails if no month shown has one. */
async function chooseLegalTime(calendar: Locator): Promise<string> {
  await calendar.locator('.day').first().waitFor();
  for (let month = 0; month < 3; month++) {
    for (const day of await calendar.locator('.day[data-state="available"]').all()) {
      await day.click();
      const legal = calendar.locator('.choice', { hasText: 'Legal visit' }).locator('input:not([disabled])');
      if (await legal.count()) {
        await legal.first().check();
        return (await day.getAttribute('data-date'))!;
      }
    }
    await calendar.getByRole('button', { name: 'Next month' }).click();
  }
  assert.fail('no free legal visit time in the calendar');
}

describe('booking a legal visit', () => {
  let dir: string;
  let server: VisitKitServer;
  let api: { url: string; close(): Promise<void> };
  let pages: PageServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'visit-kit-e2e-legal-'));
    const define = new URL('../../src/define.ts', import.meta.url).pathname;
    const entry = join(dir, 'legal.ts');
    writeFileSync(
      entry,
      `import ${JSON.stringify(define)};
const main = document.createElement('main');
main.innerHTML = '<h1>Legal visits</h1><visit-provider><visit-booking></visit-booking></visit-provider>';
main.querySelector('visit-provider')!.setAttribute('api-base', new URLSearchParams(location.search).get('api') ?? '');
document.body.append(main);
`,
    );
    pages = await servePages({ legal: entry });
    server = await createServer({
      databaseUrl: join(dir, 'e2e.sqlite'),
      dev: true,
      seed: true,
      consoleOutbox: false,
      sessionSecret: 'e2e-secret-e2e-secret-e2e-secret-e2e',
      enforcerIntervalMs: 0,
      corsOrigins: [pages.origin],
    });
    api = await server.listen();
  });
  after(async () => {
    await api?.close();
    await server?.close();
    await pages?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the legal professional registers their firm; the visit is stored as legal with it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${pages.origin}/legal.html?api=${encodeURIComponent(api.url)}`);
    const booking = page.locator('visit-booking');
    const email = 'sam@example.org';
    await heading(page, 'Sign in to book a visit');
    await booking.getByLabel('Email address').fill(email);
    await booking.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Check your email');
    await booking.getByLabel('Code', { exact: true }).fill(await codeFor(api.url, email));
    await booking.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Who are you visiting?');
    await booking.getByLabel(/A1234BC/).check();
    await booking.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Visit type and visitors');
    await booking.getByLabel('Video visit').check();
    await booking.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Choose a date and time');
    await chooseLegalTime(booking.locator('visit-session-calendar'));
    await booking.getByRole('button', { name: 'Continue' }).click();

    // The details step says what a legal visit is, and asks for the firm before going on.
    await heading(page, 'Support and contact');
    await booking.getByText('Legal visits are never monitored').waitFor();
    await booking.getByRole('button', { name: 'Continue' }).click();
    const firm = booking.getByLabel('The firm you work for');
    await shows(
      booking,
      booking.locator('[part~="error-summary"]', { hasText: 'Enter the name of the firm' }),
    );
    assert.equal(await firm.getAttribute('aria-invalid'), 'true');
    await firm.fill('Jones & Evans Solicitors LLP');
    await booking.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Check your answers before booking');
    await booking.getByText('Jones & Evans Solicitors LLP').waitFor();
    await booking.getByRole('button', { name: 'Book visit' }).click();
    await heading(page, /Visit (booked|requested)/);
    const reference = (await booking.locator('.reference').textContent())!.trim();
    const stored = await server.ctx.store.db
      .selectFrom('visits')
      .innerJoin('session_templates', 'session_templates.id', 'visits.template_id')
      .select(['visits.legal_firm', 'session_templates.legal'])
      .where('visits.reference', '=', reference)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { legal_firm: 'Jones & Evans Solicitors LLP', legal: 1 });
    assert.deepEqual(failures, [], 'no uncaught errors in the page');
    await context.close();
  });
});

describe('monitoring a legal visit', () => {
  let stack: Stack;
  let pages: PageServer;
  before(async () => {
    stack = await startStack();
    pages = await servePages({ peer: new URL('./pages/staff-console-peer.ts', import.meta.url).pathname });
  });
  after(async () => {
    await pages?.close();
    await stack?.close();
  });

  const peerPage = (context: BrowserContext) => openPeer(context, stack.demo.origin, pages.origin);

  test('staff see the lobby for the identity check only; monitoring is refused in the console and by the API, audited', async () => {
    const staffToken = await stack.signIn('staff.nmi@example.org');
    const samToken = await stack.signIn('sam@example.org');
    const kiosk = await stack.api('/api/v1/auth/device', {
      method: 'POST',
      body: { pairingCode: 'KIOSK-A1234BC' },
    });
    assert.equal(kiosk.status, 200, JSON.stringify(kiosk.body));
    const me = await stack.api('/api/v1/me', { token: samToken });
    const created = await stack.api('/api/dev/visits', {
      method: 'POST',
      body: {
        prisonerId: kiosk.body.user.prisonerId,
        visitorUserId: me.body.id,
        startsInSeconds: 5,
        durationSeconds: 600,
        type: 'video',
        legalFirm: 'Jones & Evans Solicitors LLP',
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const visitId = created.body.id as string;
    const monitor = (lobby: boolean) =>
      stack.api(`/api/v1/staff/visits/${visitId}/monitor-token${lobby ? '?lobby=true' : ''}`, {
        method: 'POST',
        token: staffToken,
      });

    const context = await browser.newContext();
    const peers = await browser.newContext({ permissions: ['camera', 'microphone'], bypassCSP: true });
    try {
      const staff = await context.newPage();
      await staff.setViewportSize({ width: 1280, height: 900 });
      await staff.goto(`${stack.demo.origin}/staff.html`);
      await staff.getByRole('button', { name: 'Sign in as NMI staff' }).click();
      const row = staff.locator(`visit-staff-console tr[data-visit-id="${visitId}"]`);
      await row.waitFor({ timeout: 20_000 });
      await row.locator('[data-legal]', { hasText: 'Legal visit' }).waitFor();

      const family = await peerPage(peers);
      const prisoner = await peerPage(peers);
      for (const [side, token] of [
        [prisoner, kiosk.body.token as string],
        [family, samToken],
      ] as const)
        await side.evaluate(({ apiBase, token, visitId }) => window.peer.start(apiBase, token, visitId), {
          apiBase: stack.apiBase,
          token,
          visitId,
        });

      // Before admission the lobby camera is allowed: it is how staff check who is there.
      await staff.bringToFront();
      await staff
        .locator('visit-staff-console #tab-waiting', { hasText: 'Waiting (1)' })
        .waitFor({ timeout: 10_000 });
      await staff.locator('visit-staff-console #tab-waiting').click();
      await staff
        .locator('visit-staff-console video[aria-label^="Live camera of"]')
        .waitFor({ timeout: 15_000 });
      assert.equal(
        (await monitor(false)).status,
        403,
        'no hidden monitoring of the call, even before admission',
      );

      await staff.getByRole('button', { name: /^Admit Sam Taylor/ }).click();
      await until('the family joins the call', () =>
        family.evaluate(() => window.peer.kind === 'call' && window.peer.phase() === 'connected'),
      );

      // In the call: the console lists no tile for it and says why; the API refuses both rooms.
      await staff.locator('visit-staff-console #tab-monitor').click();
      await staff
        .locator('visit-staff-console [data-legal-hidden]', { hasText: 'never monitored: 1' })
        .waitFor({ timeout: 10_000 });
      assert.equal(await staff.locator(`visit-staff-call-tile[data-visit-id="${visitId}"]`).count(), 0);
      for (const lobby of [false, true]) {
        const refused = await monitor(lobby);
        assert.equal(refused.status, 403, JSON.stringify(refused.body));
        assert.equal(refused.body.code, 'legal-visit');
      }
      // Neither side ever saw a staff participant, in the lobby or the call.
      for (const side of [family, prisoner]) {
        const seen = await side.evaluate(() => window.peer.seen);
        assert.deepEqual(
          seen.filter((identity) => identity.startsWith('staff:')),
          [],
        );
      }
      const audit = await stack.api(`/api/v1/staff/audit?visitId=${visitId}&limit=100`, {
        token: staffToken,
      });
      assert.equal(audit.status, 200, JSON.stringify(audit.body));
      const refusals = (audit.body as { action: string; details?: { lobby?: boolean } }[]).filter(
        (entry) => entry.action === 'call.monitor-refused',
      );
      assert.equal(refusals.length, 3, 'each refusal audited: before admission, then the call and the lobby');
      const sessions = await stack.api(`/api/v1/staff/visits/${visitId}/monitor-sessions`, {
        token: staffToken,
      });
      assert.equal(sessions.status, 200, JSON.stringify(sessions.body));
      const hidden = (sessions.body as { room?: string; lobby?: boolean }[]).filter(
        (entry) => entry.lobby === false,
      );
      assert.deepEqual(hidden, [], 'no hidden monitor session of the call room was ever recorded');
    } finally {
      await peers.close();
      await context.close();
    }
  });
});
