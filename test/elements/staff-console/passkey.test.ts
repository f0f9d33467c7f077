// The console's passkey step (the WebAuthn ceremonies themselves run in Chromium's virtual authenticator in
// test/e2e/staff-passkey.test.ts): what it shows, where focus goes, and how it reads refusals.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { VisitStaffConsole } from '../../../src/elements/staff-console/staff-console.js';
import { problem } from '../../support/fake-api.js';
import { staffBackend } from '../../support/fake-staff-api.js';
import { deepActive, mount, settle } from './helpers.js';

describe('staff console passkey step', () => {
  it('a portal token the backend refuses with second-factor-required shows the passkey step, not the day', async () => {
    const m = await mount({
      routes: {
        'GET /staff/visits': () => problem(403, 'second-factor-required'),
        'GET /staff/events': () => problem(403, 'second-factor-required'),
      },
    });
    await waitUntil(() => m.text().includes('Staff sign in with a passkey'), 'passkey step shown');
    expect(m.findAll('[role="tab"]')).to.have.length(0);
    await settle(m.el);
    expect(deepActive()?.localName).to.equal('h2');
    expect(deepActive()?.textContent?.trim()).to.equal('Use your passkey');
    await expect(m.el).to.be.accessible();
  });

  it('set-up: an empty code is refused on the field; "I already have a passkey" goes back, focus on the heading', async () => {
    const backend = staffBackend({ secondFactor: { method: 'passkey', enrolled: true } });
    const el = await fixture<VisitStaffConsole>(
      html`<visit-staff-console .client=${backend.client}></visit-staff-console>`,
    );
    await settle(el);
    const step = el.shadowRoot!.querySelector('visit-staff-passkey-step')!;
    const root = step.shadowRoot!;
    expect(backend.api.callsTo('GET /staff/visits')).to.have.length(0);
    root.querySelector<HTMLButtonElement>('button[data-variant="link"]')!.click();
    await waitUntil(
      () => deepActive()?.textContent?.trim() === 'Set up a passkey',
      'focus on the new heading',
    );
    root.querySelector('form')!.requestSubmit();
    await settle(el);
    const field = root.querySelector<HTMLInputElement>('#enrolment-code')!;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.contain('enrolment-code-error');
    expect(root.querySelector('#enrolment-code-error')!.textContent).to.contain('Enter the set-up code');
    expect(deepActive()).to.equal(field);
    await expect(el).to.be.accessible();
    root.querySelectorAll<HTMLButtonElement>('button[data-variant="link"]')[0]!.click();
    await waitUntil(() => deepActive()?.textContent?.trim() === 'Use your passkey', 'back to signing in');
  });
});
