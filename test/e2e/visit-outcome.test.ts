// A visit's real state after its call, and "Your visits" staying current, end to end: the real backend, the real
// LiveKit server, the demo pages (strict CSP, another origin) in real Chromium.
// 1. A family books on the charity page: "Your visits" beside the booking shows the new reference within a
//    second, with no reload of the page or call to reload() (the demo page makes none).
// 2. Staff end a call from the console: the family's list moves it to Past by itself, says how it ended in
//    words and offers no Join; the kiosk no longer offers it, and the console says the same.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { bookVideoVisit, shows } from '../support/booking-steps.js';
import { launchChromium } from '../support/browser.js';
import { startStack, until, type Stack } from '../support/stack.js';

let stack: Stack;
let browser: Browser;

before(async () => {
  stack = await startStack();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stack?.close();
});

function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

test('booking on the charity page: "Your visits" shows the new reference within a second, without a reload', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(`${stack.demo.origin}/charity.html`);
    const visits = page.locator('visit-my-visits');
    // A marker that a reload would lose, and a count of reload() calls (the demo page makes none).
    await page.evaluate(() => {
      const w = window as unknown as { marker: string; reloads: number };
      w.marker = 'same page';
      w.reloads = 0;
      const list = document.querySelector('visit-my-visits') as unknown as { reload(): void };
      const original = list.reload.bind(list);
      list.reload = () => {
        w.reloads += 1;
        original();
      };
    });
    const { reference } = await bookVideoVisit(page, stack.apiBase);
    const started = Date.now();
    const card = visits.locator('[part="visit"]', { hasText: reference });
    await card.waitFor({ timeout: 1000 });
    const took = Date.now() - started;
    assert.ok(took <= 1000, `shown ${took} ms after the confirmation`);
    const state = await page.evaluate(() => {
      const w = window as unknown as { marker?: string; reloads?: number };
      return { marker: w.marker, reloads: w.reloads };
    });
    assert.deepEqual(state, { marker: 'same page', reloads: 0 }, 'no page reload, no reload() call');
    await card.getByRole('button', { name: new RegExp(`Cancel visit.*${reference}`) }).waitFor();
    assert.deepEqual(problems, []);
    console.log(`# the booked visit showed in "Your visits" ${took} ms after the confirmation`);
  } finally {
    await context.close();
  }
});

test('staff end a call: Past shows the outcome in words with no Join; the kiosk and the console agree', async () => {
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
      startsInSeconds: 0,
      durationSeconds: 900,
      type: 'video',
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const visitId = created.body.id as string;
  const reference = created.body.reference as string;

  const familyContext = await browser.newContext();
  const staffContext = await browser.newContext();
  const kioskContext = await browser.newContext({ permissions: ['camera', 'microphone'] });
  try {
    // The family's list, signed in through the demo bar: the visit is upcoming and joinable.
    const family = await familyContext.newPage();
    const familyProblems = watchErrors(family);
    await family.goto(`${stack.demo.origin}/charity.html`);
    await family.getByRole('button', { name: 'Sign in as Sam' }).click();
    const visits = family.locator('visit-my-visits');
    const card = visits.locator('[part="visit"]', { hasText: reference });
    await shows(visits, card);
    await card.getByRole('button', { name: /Join video visit/ }).waitFor();

    // Both sides arrive; the officer admits the visitor.
    assert.equal(
      (await stack.api(`/api/v1/visits/${visitId}/call/knock`, { method: 'POST', token: samToken })).status,
      200,
    );
    assert.equal(
      (await stack.api(`/api/v1/visits/${visitId}/call/knock`, { method: 'POST', token: kiosk.body.token }))
        .status,
      200,
    );
    assert.equal(
      (await stack.api(`/api/v1/staff/visits/${visitId}/admit`, { method: 'POST', token: staffToken }))
        .status,
      200,
    );

    // The officer ends the call from the console, with a reason.
    const staff = await staffContext.newPage();
    await staff.setViewportSize({ width: 1280, height: 900 });
    await staff.goto(`${stack.demo.origin}/staff.html`);
    await staff.getByRole('button', { name: 'Sign in as NMI staff' }).click();
    await staff.locator(`visit-staff-console tr[data-visit-id="${visitId}"]`).waitFor({ timeout: 20_000 });
    await staff.locator('visit-staff-console #tab-monitor').click();
    const tile = staff.locator(`visit-staff-call-tile[data-visit-id="${visitId}"]`);
    await tile.locator('button[data-action="end"]').click();
    await staff.locator('visit-staff-console #end-reason').selectOption('behaviour');
    await staff.getByRole('button', { name: 'End call now' }).click();
    await staff.locator('visit-staff-console', { hasText: 'No calls in progress.' }).waitFor();

    // The family's list follows by itself (no reload): gone from Upcoming, under Past with the outcome.
    await card.waitFor({ state: 'detached', timeout: 5000 });
    await visits.getByRole('tab', { name: 'Past' }).click();
    const past = visits.locator('[part="visit"]', { hasText: reference });
    await shows(visits, past);
    await past.getByText('The prison ended the visit early').waitFor();
    await past.getByText('Reason: behaviour').waitFor();
    assert.equal(await past.getByRole('button').count(), 0, 'no Join, Change or Cancel on an ended visit');
    // And after a reload too.
    await family.reload();
    await family.locator('visit-my-visits').getByRole('tab', { name: 'Past' }).click();
    const reloaded = family.locator('visit-my-visits [part="visit"]', { hasText: reference });
    await reloaded.getByText('The prison ended the visit early').waitFor();
    assert.equal(await reloaded.getByRole('button').count(), 0);
    assert.equal(await family.locator('visit-my-visits').getByRole('tab', { name: 'Upcoming' }).count(), 1);
    assert.deepEqual(familyProblems, []);

    // The console says the same.
    await staff.locator('visit-staff-console #tab-today').click();
    const row = staff.locator(`visit-staff-console tr[data-visit-id="${visitId}"]`);
    await row.getByText('Call: ended by staff (Behaviour)').waitFor();

    // The kiosk: the ended visit is not offered again; it moves on to the person's next video visit (the one
    // booked in the first test), or says there is none.
    const kioskPage = await kioskContext.newPage();
    await kioskPage.goto(`${stack.demo.origin}/kiosk.html`);
    const offered = await until('the kiosk has chosen what to show', () =>
      kioskPage.evaluate(() => {
        const room = document.querySelector('visit-waiting-room') as unknown as {
          stage: string;
          visitInfo?: { id: string };
        } | null;
        if (!room || room.stage === 'loading') return undefined;
        return { stage: room.stage, visit: room.visitInfo?.id ?? 'none' };
      }),
    );
    assert.notEqual(
      offered?.visit,
      visitId,
      `the kiosk does not offer the ended visit (${JSON.stringify(offered)})`,
    );
    const kioskView = await stack.api(`/api/v1/visits/${visitId}`, { token: kiosk.body.token });
    assert.equal(kioskView.body.status, 'completed');
    assert.equal(kioskView.body.callOutcome.result, 'ended-by-staff');
    assert.equal(kioskView.body.callOutcome.staffReason, 'behaviour');
    const token = await stack.api(`/api/v1/visits/${visitId}/call/token`, {
      method: 'POST',
      token: kiosk.body.token,
    });
    assert.equal(token.status, 409);
    assert.equal(token.body.code, 'call-ended');

    // The audit has the recorded outcome beside the staff action.
    const audit = await until('the outcome is audited', async () => {
      const reply = await stack.api(`/api/v1/staff/audit?visitId=${visitId}`, { token: staffToken });
      const entries = reply.body as { action: string; details: { result?: string } }[];
      return entries.find((entry) => entry.action === 'visit.call-outcome');
    });
    assert.equal(audit?.details.result, 'ended-by-staff');
  } finally {
    await kioskContext.close();
    await staffContext.close();
    await familyContext.close();
  }
});
