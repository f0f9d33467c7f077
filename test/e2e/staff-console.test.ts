// <visit-staff-console> end to end: the real reference backend, the real LiveKit server, real Chromium with
// fake camera and microphone. The console runs in the demo's staff portal page (strict CSP). The family and
// the person in prison are pages built from the SDK's client and media layer (test/e2e/pages/
// staff-console-peer.ts) because <visit-waiting-room>/<visit-call> are not built yet: they knock, publish,
// follow their event stream and join when admitted, exactly as those elements will.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { servePages, type PageServer } from '../support/page-server.js';
import { peerPage as openPeer } from '../support/peer-page.js';
import { startStack, until, type Stack } from '../support/stack.js';

let stack: Stack;
let pages: PageServer;
let browser: Browser;

before(async () => {
  stack = await startStack();
  pages = await servePages({ peer: new URL('./pages/staff-console-peer.ts', import.meta.url).pathname });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await pages?.close();
  await stack?.close();
});

const peerPage = (context: BrowserContext) => openPeer(context, stack.demo.origin, pages.origin);

/** Whether a `<video>` matching `selector` (anywhere, through shadow roots) is playing decoded frames. */
const decoding = (page: Page, selector: string): Promise<boolean> =>
  // A string, not a function: tsx's helpers (e.g. __name) do not exist in the page.
  page.evaluate(`(() => {
    const roots = [document];
    for (let i = 0; i < roots.length; i++) {
      const video = roots[i].querySelector(${JSON.stringify(selector)});
      if (video) return video.videoWidth > 0 && video.readyState >= 2 && !video.paused && video.currentTime > 0;
      for (const element of roots[i].querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    return false;
  })()`);

test('knock → the console shows the visitor live → admit → monitor both sides → warn → end → outcome audited', async () => {
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
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const visitId = created.body.id as string;
  const reference = created.body.reference as string;

  const context = await browser.newContext();
  const peers = await browser.newContext({ permissions: ['camera', 'microphone'], bypassCSP: true });
  try {
    // The staff portal of the demo, signed in through the real code flow.
    const staff = await context.newPage();
    const staffLog: string[] = [];
    staff.on('console', (message) => staffLog.push(`${message.type()}: ${message.text()}`));
    staff.on('pageerror', (error) => staffLog.push(`pageerror: ${error.message}`));
    await staff.setViewportSize({ width: 1280, height: 900 });
    await staff.goto(`${stack.demo.origin}/staff.html`);
    await staff.getByRole('button', { name: 'Sign in as NMI staff' }).click();
    await staff.locator(`visit-staff-console tr[data-visit-id="${visitId}"]`).waitFor({ timeout: 20_000 });

    const family = await peerPage(peers);
    const prisoner = await peerPage(peers);
    await prisoner.evaluate(({ apiBase, token, visitId }) => window.peer.start(apiBase, token, visitId), {
      apiBase: stack.apiBase,
      token: kiosk.body.token as string,
      visitId,
    });
    await family.evaluate(({ apiBase, token, visitId }) => window.peer.start(apiBase, token, visitId), {
      apiBase: stack.apiBase,
      token: samToken,
      visitId,
    });

    // The officer looks at the console (a page in the background pauses its video, as browsers do).
    await staff.bringToFront();
    // The knock arrives by /staff/events: the tab counts it; the waiting list shows the visitor’s live camera.
    await staff
      .locator('visit-staff-console #tab-waiting', { hasText: 'Waiting (1)' })
      .waitFor({ timeout: 10_000 });
    await staff.locator('visit-staff-console #tab-waiting').click();
    await until('the lobby camera decodes in the console', () =>
      decoding(staff, 'video[aria-label^="Live camera of"]'),
    ).catch(async (error: unknown) => {
      const camera = await staff.evaluate(`(() => {
        const roots = [document];
        for (let i = 0; i < roots.length; i++) {
          const cam = roots[i].querySelector('visit-staff-lobby-camera');
          if (cam) { const v = cam.shadowRoot.querySelector('video'); return JSON.stringify({ phase: cam.connection.phase, src: String(v && v.srcObject), tracks: v && v.srcObject ? v.srcObject.getTracks().map(t => t.readyState + ':' + t.muted + ':' + t.enabled) : null, ready: v && v.readyState, paused: v && v.paused, w: v && v.videoWidth, vis: document.visibilityState, rect: v && JSON.stringify(v.getBoundingClientRect()) }); }
          for (const element of roots[i].querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
        }
        return 'none';
      })()`);
      const seen = await family.evaluate(() => [
        window.peer.kind,
        window.peer.phase(),
        window.peer.statuses,
        window.peer.seen,
      ]);
      throw new Error(
        `${String(error)}\ncamera: ${camera}\nfamily: ${JSON.stringify(seen)}\nlog:\n${staffLog.join('\n')}`,
      );
    });
    const detail = await staff.locator('visit-staff-console .detail').innerText();
    assert.match(detail, new RegExp(`Booking ${reference}`));
    assert.match(detail, /Sam Taylor/);

    await staff.getByRole('button', { name: /^Admit Sam Taylor/ }).click();
    await until('the family joins the call', () =>
      family.evaluate(() => window.peer.kind === 'call' && window.peer.phase() === 'connected'),
    );
    await until('the person in prison joins the call', () =>
      prisoner.evaluate(() => window.peer.kind === 'call' && window.peer.phase() === 'connected'),
    );
    await until(
      'both sides see each other',
      async () =>
        (await family.evaluate(() => window.peer.remoteVideoWidth())) > 0 &&
        (await prisoner.evaluate(() => window.peer.remoteVideoWidth())) > 0,
    );

    // The monitor: both sides' video decoding in the tile.
    await staff.locator('visit-staff-console #tab-monitor').click();
    await until('monitor shows the visitor', () => decoding(staff, 'video[data-side="visitor"]'));
    await until('monitor shows the person in prison', () => decoding(staff, 'video[data-side="prisoner"]'));

    // A warning reaches the family.
    const tile = staff.locator(`visit-staff-call-tile[data-visit-id="${visitId}"]`);
    await tile.locator('button[data-action="warn"]').click();
    await staff.locator('visit-staff-console #message').fill('Please stay in view of the camera.');
    await staff.getByRole('button', { name: 'Send warning' }).click();
    await until('the family receives the warning', () =>
      family.evaluate(() => window.peer.warnings.includes('Please stay in view of the camera.')),
    );

    // The monitor really is hidden: neither side ever listed a staff participant (lobby or call).
    for (const side of [family, prisoner]) {
      const seen = await side.evaluate(() => window.peer.seen);
      assert.ok(seen.length > 0, 'each side saw the other');
      assert.deepEqual(
        seen.filter((identity) => identity.startsWith('staff:')),
        [],
        `no staff participant listed: ${seen.join(', ')}`,
      );
    }

    // End with a reason, after the confirmation.
    await tile.locator('button[data-action="end"]').click();
    await staff.locator('visit-staff-console #end-reason').selectOption('behaviour');
    await staff.locator('visit-staff-console #end-note').fill('Abusive language after a warning');
    await staff.getByRole('button', { name: 'End call now' }).click();
    for (const side of [family, prisoner]) {
      const ended = await until('both sides are told the call ended', () =>
        side.evaluate(() => window.peer.ended),
      );
      assert.equal(ended?.reason, 'ended-by-staff');
      await until('both sides are disconnected', () =>
        side.evaluate(() => window.peer.phase() === 'disconnected'),
      );
    }
    await staff.locator('visit-staff-console', { hasText: 'No calls in progress.' }).waitFor();

    // The outcome, from Today, is recorded in the audit trail.
    await staff.locator('visit-staff-console #tab-today').click();
    await staff.getByRole('button', { name: `Record outcome for ${reference}` }).click();
    assert.equal(await staff.locator('visit-staff-console #outcome-terminated').isChecked(), true);
    await staff.locator('visit-staff-console #outcome-notes').fill('Ended after a warning');
    await staff.getByRole('button', { name: 'Save outcome' }).click();
    await staff
      .locator(`visit-staff-console tr[data-visit-id="${visitId}"]`, { hasText: 'Ended by staff' })
      .waitFor();
    // The console works under the demo portal's strict Content-Security-Policy.
    const violations = stack.demo.cspViolations.filter((report) =>
      JSON.stringify(report).includes('staff.html'),
    );
    assert.deepEqual(violations, [], 'no CSP violation on the staff page');
    const audit = await stack.api(`/api/v1/staff/audit?visitId=${visitId}&limit=100`, { token: staffToken });
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    const actions = (audit.body as { action: string }[]).map((entry) => entry.action);
    for (const expected of ['admit', 'warn', 'end', 'outcome']) {
      assert.ok(
        actions.some((action) => action.includes(expected)),
        `audit has ${expected}: ${actions.join(', ')}`,
      );
    }
  } finally {
    await peers.close();
    await context.close();
  }
});
