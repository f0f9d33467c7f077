// A portal whose `visit-*` names are taken registers visit-kit under its own prefix: every element, including
// the ones elements render inside themselves, then carries that prefix.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html, unsafeStatic } from 'lit/static-html.js';
import { tagName, useTagPrefix } from '../../src/core/define.js';
import { DAY, staffBackend } from '../support/fake-staff-api.js';

describe('useTagPrefix', () => {
  before(async () => {
    expect(() => useTagPrefix('Not Valid')).to.throw(/not a valid custom-element prefix/);
    useTagPrefix('acme');
    await import('../../src/define.js');
  });

  it('registers every element under the prefix and none under visit-', () => {
    for (const name of [
      'provider',
      'booking',
      'my-visits',
      'waiting-room',
      'staff-console',
      'staff-today-panel',
    ]) {
      expect(customElements.get(`acme-${name}`), `acme-${name}`).to.not.equal(undefined);
      expect(customElements.get(`visit-${name}`), `visit-${name}`).to.equal(undefined);
    }
    expect(tagName('visit-call')).to.equal('acme-call');
  });

  it('refuses a different prefix once elements are registered', () => {
    expect(() => useTagPrefix('other')).to.throw(/before any visit-kit element is registered/);
  });

  it('the staff console renders its panels under the prefix, and they work', async () => {
    const backend = staffBackend({});
    const tag = unsafeStatic('acme-staff-console');
    const el = await fixture<HTMLElement>(
      html`<${tag} .client=${backend.client} date=${DAY} tab="today" lang="en"></${tag}>`,
    );
    await waitUntil(() => el.shadowRoot?.querySelector('acme-staff-today-panel'), 'the today panel renders');
    const panel = el.shadowRoot!.querySelector('acme-staff-today-panel')!;
    await waitUntil(() => panel.shadowRoot?.textContent?.includes('Visits on'), 'the panel shows the day');
    expect(el.shadowRoot!.querySelector('visit-staff-today-panel')).to.equal(null);
  });
});
