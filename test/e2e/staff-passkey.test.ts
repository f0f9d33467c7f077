// Staff passkeys end to end in real Chromium with its DevTools virtual authenticator (CDP `WebAuthn`): the
// demo staff portal signs in with the emailed code, the console shows only the passkey step (the backend
// refuses staff data to that session), the officer sets up a passkey with a set-up code, signs out, signs in
// again with the passkey, and gives a colleague a set-up code from the console (a staff action).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { startStack, until, type Stack } from '../support/stack.js';

let stack: Stack;
let browser: Browser;

before(async () => {
  stack = await startStack({ staffPasskeys: 'required' });
  browser = await launchChromium();
  // a colleague at the same prison (the seed has one officer per prison)
  await stack.backend.ctx.store.db
    .insertInto('users')
    .values({
      id: 'usr-colleague-nmi',
      role: 'staff',
      email: 'colleague.nmi@example.org',
      first_name: 'Jo',
      last_name: 'Evans',
      date_of_birth: null,
      phone: null,
      language: 'en',
      prison_code: 'NMI',
      created_at: new Date().toISOString(),
    })
    .execute();
});

after(async () => {
  await browser?.close();
  await stack?.close();
});

/** The token the console's client holds now (the provider keeps it with `remember-session`). */
const heldToken = (page: Page) =>
  page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i)!;
      if (key.startsWith('visit-kit:session:'))
        return (JSON.parse(sessionStorage.getItem(key)!) as { token: string }).token;
    }
    return undefined;
  });

async function addAuthenticator(cdp: CDPSession) {
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

test('code → passkey set-up → staff data; sign out; code → passkey → a staff action; no passkey, no data', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const log: string[] = [];
  page.on('console', (message) => log.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => log.push(`pageerror: ${error.message}`));
  try {
    const cdp = await context.newCDPSession(page);
    const authenticatorId = await addAuthenticator(cdp);
    // a WebAuthn RP id is a host name, never an IP address: the page is on localhost
    const origin = stack.demo.origin.replace('127.0.0.1', 'localhost');
    await page.goto(`${origin}/staff.html`);
    const console_ = page.locator('visit-staff-console');

    // 1. The emailed code alone: the console shows the set-up step, and the backend refuses staff data.
    await page.getByRole('button', { name: 'Sign in as NMI staff' }).click();
    const setUp = console_.getByRole('heading', { name: 'Set up a passkey' });
    await setUp.waitFor({ timeout: 20_000 });
    await until('focus on the heading', () =>
      setUp.evaluate((h) => (h.getRootNode() as ShadowRoot).activeElement === h),
    );
    assert.equal(await console_.getByRole('tab').count(), 0, 'no console sections before the passkey');
    const pending = await until('pending token held', () => heldToken(page));
    const refused = await stack.api('/api/v1/staff/visits', { token: pending });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'second-factor-required');

    // a wrong set-up code is refused on the field, announced
    await console_.getByLabel('Set-up code').fill('AAAAA-BBBBB');
    await console_.getByRole('button', { name: 'Set up a passkey' }).click();
    await console_.getByRole('alert').filter({ hasText: 'That set-up code is not valid' }).waitFor();

    // 2. The operator's first code (the demo bar's dev button); the virtual authenticator makes the passkey.
    await page.getByRole('button', { name: 'Passkey set-up code (dev)' }).click();
    const who = page.locator('[data-demo-who]');
    await who.filter({ hasText: 'Set-up code for staff.nmi@example.org' }).waitFor();
    const firstCode = /([A-Z2-9]{5}-[A-Z2-9]{5})/.exec((await who.textContent()) ?? '')![1]!;
    await console_.getByLabel('Set-up code').fill(firstCode);
    await console_.getByRole('button', { name: 'Set up a passkey' }).click();
    await console_.getByRole('tab', { name: /^Today/ }).waitFor({ timeout: 20_000 });
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1, 'one passkey in the virtual authenticator');
    const full = await heldToken(page);
    assert.notEqual(full, pending);
    assert.equal((await stack.api('/api/v1/staff/visits', { token: full })).status, 200);
    assert.equal((await stack.api('/api/v1/me', { token: pending })).status, 401, 'the waiting token ended');

    // 3. Sign out, then in again: code, then "Use your passkey".
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in as NMI staff' }).click();
    const usePasskey = console_.getByRole('heading', { name: 'Use your passkey' });
    await usePasskey.waitFor({ timeout: 20_000 });
    assert.equal(await console_.getByRole('tab').count(), 0);
    await console_.getByRole('button', { name: 'Use your passkey' }).click();
    await console_.getByRole('tab', { name: /^Today/ }).waitFor({ timeout: 20_000 });
    const after = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    assert.ok(after[0]!.signCount >= 1, 'the passkey was used');

    // 4. A staff action: a set-up code for the colleague, from the console.
    await console_.getByRole('button', { name: 'Passkey set-up code' }).click();
    const dialog = console_.getByRole('dialog', { name: 'Set-up code for a colleague' });
    await dialog.getByLabel('Their work email address').fill('colleague.nmi@example.org');
    await dialog.getByRole('button', { name: 'Create set-up code' }).click();
    await console_
      .getByRole('heading', { name: 'Set-up code for colleague.nmi@example.org' })
      .waitFor({ timeout: 10_000 });
    const code = await console_.locator('.enrolment-code').textContent();
    assert.match(code ?? '', /[A-Z2-9]{5}-[A-Z2-9]{5}/);
    await console_.getByRole('button', { name: 'Close' }).click();
    await until('focus back on the opener', () =>
      console_
        .getByRole('button', { name: 'Passkey set-up code' })
        .evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b),
    );

    const audit = await stack.api('/api/v1/staff/audit?limit=100', { token: await heldToken(page) });
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    const actions = (audit.body as { action: string }[]).map((entry) => entry.action);
    for (const action of ['passkey.enrolled', 'passkey.signed-in', 'passkey.enrolment-code-issued'])
      assert.ok(actions.includes(action), `${action} audited (${actions.join(', ')})`);

    // 5. Without the passkey (removed from the device), the console stays on the passkey step.
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in as NMI staff' }).click();
    await usePasskey.waitFor({ timeout: 20_000 });
    await console_.getByRole('button', { name: 'Use your passkey' }).click();
    await console_
      .getByRole('alert')
      .filter({ hasText: 'cancelled or timed out' })
      .waitFor({ timeout: 20_000 });
    assert.equal(await console_.getByRole('tab').count(), 0, 'still no staff data');
  } catch (error) {
    console.error(log.join('\n'));
    throw error;
  } finally {
    await context.close();
  }
});
