// Erasure end to end in real Chromium against the real reference backend: the family asks in <visit-my-visits>
// (the demo portal), an officer erases in <visit-staff-console> (the demo staff page, strict CSP). What a legal
// hold keeps stays, everything else about the person is gone, their session ends and the audit chain verifies.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
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

test('the family asks for erasure in Your visits; staff erase it in the console; a held visit is kept', async () => {
  const staffToken = await stack.signIn('staff.nmi@example.org');
  const samToken = await stack.signIn('sam@example.org');
  const me = await stack.api('/api/v1/me', { token: samToken });
  const links = await stack.api('/api/v1/links', { token: samToken });
  const prisonerId = (links.body as { status: string; prisoner?: { id: string } }[]).find(
    (link) => link.status === 'approved',
  )!.prisoner!.id;
  const visit = async () => {
    const created = await stack.api('/api/dev/visits', {
      method: 'POST',
      body: {
        prisonerId,
        visitorUserId: me.body.id,
        startsInSeconds: 86_400,
        durationSeconds: 1800,
        type: 'video',
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; reference: string };
  };
  const kept = await visit();
  const erased = await visit();
  const hold = await stack.api('/api/v1/staff/legal-holds', {
    method: 'POST',
    token: staffToken,
    body: { visitId: kept.id, reason: 'Complaint about this visit under investigation' },
  });
  assert.equal(hold.status, 201, JSON.stringify(hold.body));

  const familyContext = await browser.newContext();
  const staffContext = await browser.newContext();
  try {
    // The family asks, after the confirmation that says what is kept.
    const family = await familyContext.newPage();
    await family.goto(`${stack.demo.origin}/portal.html`);
    await family.getByRole('button', { name: 'Sign in as Sam' }).click();
    const visits = family.locator('visit-my-visits');
    await visits.locator('[part="visit"]', { hasText: erased.reference }).waitFor({ timeout: 15_000 });
    await visits.getByRole('button', { name: 'Ask us to delete my data' }).click();
    const dialog = visits.getByRole('alertdialog', { name: 'Ask for your data to be deleted?' });
    await dialog.getByText('legal hold').waitFor();
    await dialog.getByRole('button', { name: 'Yes, ask for deletion' }).click();
    await visits
      .locator('[part="notice"]', { hasText: 'We have your request. The prison will decide and tell you.' })
      .waitFor();
    await visits.getByText('The prison is deciding.').waitFor();

    // An officer of the prison erases it.
    const staff = await staffContext.newPage();
    await staff.setViewportSize({ width: 1280, height: 900 });
    await staff.goto(`${stack.demo.origin}/staff.html`);
    await staff.getByRole('button', { name: 'Sign in as NMI staff' }).click();
    await staff.locator('visit-staff-console #tab-approvals').click();
    const row = staff.locator('visit-staff-console tr[data-request-id]', { hasText: 'sam@example.org' });
    await row.waitFor({ timeout: 15_000 });
    await row.getByText('1 visit is kept: a legal hold or an incident').waitFor();
    await staff.getByRole('button', { name: /^Erase the data of Sam/ }).click();
    await staff.getByRole('alertdialog', { name: 'Erase this person’s data?' }).waitFor();
    await staff.getByRole('button', { name: 'Erase data' }).click();
    await staff.locator('visit-staff-console', { hasText: 'No requests waiting.' }).waitFor();

    // The family's session has ended; signing in again starts with nothing.
    await until(
      'the old session is refused',
      async () => (await stack.api('/api/v1/me', { token: samToken })).status === 401,
    );
    const fresh = await stack.signIn('sam@example.org');
    assert.notEqual((await stack.api('/api/v1/me', { token: fresh })).body.id, me.body.id, 'a new account');
    assert.deepEqual((await stack.api('/api/v1/links', { token: fresh })).body, []);

    // What the hold keeps is kept, and said so; the rest is gone; the audit chain still verifies.
    const decided = await stack.api('/api/v1/staff/erasure-requests?status=erased', { token: staffToken });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    const request = (
      decided.body as { email: string | null; kept: { visitId: string; reason: string }[] }[]
    )[0]!;
    assert.deepEqual(request.kept, [{ visitId: kept.id, reason: 'legal-hold' }]);
    const heldAudit = await stack.api(`/api/v1/staff/audit?visitId=${kept.id}&limit=100`, {
      token: staffToken,
    });
    assert.equal(heldAudit.status, 200, JSON.stringify(heldAudit.body));
    assert.ok((heldAudit.body as unknown[]).length > 0, 'the held visit keeps its audit');
    const goneQuality = await stack.api(`/api/v1/staff/visits/${erased.id}/call/quality`, {
      token: staffToken,
    });
    assert.equal(goneQuality.status, 404, 'the erased visit is gone');
    const verified = await stack.api('/api/v1/staff/audit/verify', { token: staffToken });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    assert.equal(verified.body.ok, true, JSON.stringify(verified.body.problems));
  } finally {
    await familyContext.close();
    await staffContext.close();
  }
});
