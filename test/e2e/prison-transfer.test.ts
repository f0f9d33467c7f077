// A transfer reported by the prison, end to end: the real backend, the Welsh demo page (strict CSP, another
// origin) in real Chromium. Ceri has a visit booked with Dafydd at HMP Glanrhyd; the prison's system reports
// that Dafydd has been transferred; without a reload, Ceri's "Your visits" shows the visit as needing checking,
// in Welsh, tied to the card's heading; the email in the outbox says the same in Welsh.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { shows } from '../support/booking-steps.js';
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

test('a transfer flags a booked visit: the family sees "Angen ei wirio" on it in Welsh, live, and is emailed in Welsh', async () => {
  const staffToken = await stack.signIn('staff.glr@example.org');
  const created = await stack.api('/api/dev/visits', {
    method: 'POST',
    body: {
      prisonerId: 'prs-B2345CD',
      visitorUserId: 'usr-ceri',
      startsInSeconds: 2 * 86_400,
      durationSeconds: 1800,
      type: 'video',
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const reference = created.body.reference as string;

  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${stack.demo.origin}/cymraeg.html`);
    await page.getByRole('button', { name: 'Sign in as Ceri' }).click();
    const visits = page.locator('visit-my-visits');
    const card = visits.locator('[part="visit"]', { hasText: reference });
    await shows(visits, card);
    assert.equal(await card.locator('[part="review-notice"]').count(), 0, 'no notice before the transfer');

    const reported = await stack.api('/api/v1/staff/prison-events', {
      method: 'POST',
      token: staffToken,
      body: {
        eventId: 'nomis-transfer-0001',
        type: 'prisoner-transferred',
        prisonNumber: 'B2345CD',
        toPrisonName: 'HMP Example',
      },
    });
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    assert.deepEqual(reported.body.visits, [{ id: created.body.id, reference, action: 'flagged' }]);

    // the family's own event stream brings the change: no reload
    const notice = card.locator('[part="review-notice"]');
    await shows(visits, notice);
    const words = (await notice.textContent())!.replace(/\s+/g, ' ');
    assert.match(words, /Angen ei wirio:/);
    assert.match(words, /Mae Dafydd Evans wedi symud i garchar arall/);
    assert.match(words, /Bydd y carchar yn cysylltu â chi/);
    assert.doesNotMatch(words, /HMP Example/, 'the prison’s detail stays with staff');
    // a screen reader hears the notice with the card's heading
    const heading = card.getByRole('heading', { level: 3 });
    assert.equal(await heading.getAttribute('aria-describedby'), await notice.getAttribute('id'));
    // the family may still cancel it themselves
    await card.getByRole('button', { name: /Canslo’r ymweliad/ }).waitFor();

    const mail = await until('the Welsh review email', async () => {
      const response = await fetch(
        `${stack.apiBase}/api/dev/outbox?to=${encodeURIComponent('ceri@example.org')}`,
      );
      const messages = (await response.json()) as { subject: string; text: string }[];
      return messages.find((m) => m.subject === `Mae angen gwirio eich ymweliad ${reference}`);
    });
    assert.match(mail!.text, /wedi symud i garchar arall/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
