import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { VisitClient } from '../../../src/api/client.js';
import { VisitElement } from '../../../src/core/visit-element.js';
import '../../../src/elements/provider/visit-provider.js';

class ProbeElement extends VisitElement {
  override render() {
    return html`<p>${this.t('common.retry')}</p>`;
  }
  get clientInUse() {
    return this.activeClient;
  }
}
customElements.define('test-probe', ProbeElement);

describe('<visit-provider>', () => {
  it('gives descendants one client made from api-base, and its language', async () => {
    const root = await fixture<HTMLElement>(html`
      <visit-provider api-base="https://visits.example.org" lang="cy">
        <test-probe></test-probe><test-probe></test-probe>
      </visit-provider>
    `);
    const [first, second] = root.querySelectorAll<ProbeElement>('test-probe');
    await first!.updateComplete;
    expect(first!.clientInUse).to.be.instanceOf(VisitClient);
    expect(first!.clientInUse).to.equal(second!.clientInUse);
    expect(first!.clientInUse!.baseUrl).to.equal('https://visits.example.org');
    expect(first!.shadowRoot!.textContent).to.contain('Rhowch gynnig arall arni');
  });

  it('lets an element’s own lang and strings win over the provider', async () => {
    const root = await fixture<HTMLElement>(html`
      <visit-provider api-base="https://visits.example.org" lang="cy">
        <test-probe lang="en" .strings=${{ 'common.retry': 'Have another go' }}></test-probe>
      </visit-provider>
    `);
    const probe = root.querySelector<ProbeElement>('test-probe')!;
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('Have another go');
  });

  it('hands a portal session to the client without putting it in the DOM', async () => {
    const root = await fixture<HTMLElement & { session: unknown }>(html`
      <visit-provider api-base="https://visits.example.org" .session=${{ token: 'secret-token' }}>
        <test-probe></test-probe>
      </visit-provider>
    `);
    const probe = root.querySelector<ProbeElement>('test-probe')!;
    await probe.updateComplete;
    expect(probe.clientInUse!.session?.token).to.equal('secret-token');
    expect(root.outerHTML).to.not.contain('secret-token');
  });

  it('gives its language to the client, so the backend answers in it', async () => {
    const root = await fixture<HTMLElement>(html`
      <visit-provider api-base="https://x.example" lang="cy"><test-probe></test-probe></visit-provider>
    `);
    const probe = root.querySelector<ProbeElement>('test-probe')!;
    await probe.updateComplete;
    expect(probe.clientInUse!.language).to.equal('cy');
    root.setAttribute('lang', 'en');
    await (root as LitElement).updateComplete;
    expect(probe.clientInUse!.language).to.equal('en');
  });

  it('re-renders descendants when the language changes', async () => {
    const root = await fixture<HTMLElement>(html`
      <div lang="en">
        <visit-provider api-base="https://x.example"><test-probe></test-probe></visit-provider>
      </div>
    `);
    const probe = root.querySelector<ProbeElement>('test-probe')!;
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('Try again');
    const provider = root.querySelector('visit-provider') as LitElement;
    provider.setAttribute('lang', 'cy');
    await provider.updateComplete;
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('Rhowch gynnig arall arni');
  });
});

describe('<visit-provider> sign-in link and sign-out', () => {
  it('exchanges an emailed sign-in link’s fragment for a session, forgetting the fragment first; signOut ends it', async () => {
    const { fakeApi } = await import('../../support/fake-api.js');
    const token = 'x'.repeat(43);
    const api = fakeApi({
      'POST /auth/link': (request) =>
        (request.body as { token: string }).token === token
          ? {
              token: 'session-token-123456',
              expiresAt: '2099-01-01T00:00:00.000Z',
              user: { id: 'u', role: 'visitor', email: 'sam@example.org', language: 'en' },
            }
          : new Response(null, { status: 400 }),
      'POST /auth/sign-out': () => new Response(null, { status: 204 }),
    });
    const client = new VisitClient({ baseUrl: 'https://visits.example.org', fetch: api.fetch });
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}${location.search}#visit-kit-sign-in=${token}`);
    try {
      const root = await fixture<HTMLElement & { signOut(everywhere?: boolean): Promise<void> }>(
        html`<visit-provider .client=${client}></visit-provider>`,
      );
      expect(location.hash).to.equal('');
      await waitUntil(() => client.session?.token === 'session-token-123456');
      expect(api.callsTo('POST /auth/link')).to.have.length(1);
      await root.signOut();
      expect(api.callsTo('POST /auth/sign-out')).to.have.length(1);
      expect(api.callsTo('POST /auth/sign-out')[0]!.headers.get('authorization')).to.equal(
        'Bearer session-token-123456',
      );
      expect(client.session).to.equal(undefined);
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
