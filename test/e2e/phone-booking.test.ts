// A phone booking end to end: staff in the demo's staff portal (real backend, real Chromium) find Sam, grant a
// visit with a reason, hold a session and book it by phone; Sam, signed in on the family portal, sees the visit
// in <visit-my-visits>, and the email says the prison booked it by phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { startStack, type Stack } from '../support/stack.js';

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

test('staff book by phone for Sam (after granting a visit); Sam sees it and is told', async () => {
  const context = await browser.newContext();
  const staff = await context.newPage();
  const log: string[] = [];
  staff.on('pageerror', (error) => log.push(`pageerror: ${error.message}`));
  await staff.setViewportSize({ width: 1280, height: 900 });
  await staff.goto(`${stack.demo.origin}/staff.html`);
  await staff.getByRole('button', { name: 'Sign in as NMI staff' }).click();
  await staff.getByRole('tab', { name: 'Phone bookings' }).click();
  await staff.getByLabel('Family’s email or prison number').fill('sam@example.org');
  await staff.getByRole('button', { name: 'Find', exact: true }).click();
  await staff.getByRole('button', { name: 'Act for Sam Taylor, visiting John Smith' }).click();
  const left = staff
    .locator('visit-staff-console')
    .getByText(/\d+ visits left until/)
    .first();
  await left.waitFor({ timeout: 20_000 });
  const before = Number(/(\d+) visits left/.exec(await left.innerText())![1]);

  // grant one visit, with a reason
  await staff.getByRole('button', { name: 'Adjust allowance' }).click();
  await staff.getByLabel('Visits to add or remove').fill('1');
  await staff.getByLabel('Reason').selectOption('governor-adjustment');
  await staff.getByRole('button', { name: 'Save adjustment' }).click();
  await staff
    .locator('visit-staff-console')
    .getByText(`${before + 1} visits left until`)
    .first()
    .waitFor({ timeout: 10_000 });
  assert.ok(await staff.getByRole('cell', { name: 'Governor’s adjustment' }).isVisible());

  // hold the first free session and book it by phone for Sam alone
  await staff.locator('visit-staff-console input[name="slot"]').first().check();
  await staff.getByRole('button', { name: 'Hold this session' }).click();
  await staff.getByRole('button', { name: 'Book by phone' }).click();
  const done = staff
    .locator('visit-staff-console')
    .getByText(/Booked [A-Z0-9]{8} for /)
    .first();
  await done.waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
    const shown = await staff.evaluate(`(() => {
      const panel = document.querySelector('visit-staff-console').shadowRoot.querySelector('visit-staff-phone-panel');
      return panel.shadowRoot.textContent.replace(/\\s+/g, ' ');
    })()`);
    throw new Error(`${String(error)}\n${shown}\n${log.join('\n')}`);
  });
  const reference = /Booked ([A-Z0-9]{8})/.exec(await done.innerText())![1]!;
  await staff
    .locator('visit-staff-console')
    .getByText(`${before} visits left until`)
    .first()
    .waitFor({ timeout: 10_000 });
  assert.deepEqual(log, []);

  // Sam sees it on the family portal
  const family = await (await browser.newContext()).newPage();
  await family.goto(`${stack.demo.origin}/portal.html`);
  await family.getByRole('button', { name: 'Sign in as Sam' }).click();
  await family.locator('visit-my-visits', { hasText: reference }).waitFor({ timeout: 20_000 });

  // and was told it was the prison, by phone
  const outbox = (await (
    await fetch(`${stack.apiBase}/api/dev/outbox?to=${encodeURIComponent('sam@example.org')}`)
  ).json()) as { subject: string; text: string }[];
  const mail = outbox.find((message) => message.subject.includes(reference));
  assert.match(mail?.text ?? '', /^The prison booked your .* by phone for /);
  await context.close();
});
