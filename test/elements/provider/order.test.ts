// Registration and upgrade order (issue #11): a page's HTML holds <visit-provider> with visit-kit elements
// inside, and the scripts define them in any order. Children that upgrade before their provider must still
// get its environment; elements moved between providers follow the new one; each child uses its nearest
// provider; a removed provider stops reaching the elements that were inside it.
import { expect, fixture, html } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { ContextRoot } from '@lit/context';
import { attachContextRoot } from '../../../src/core/context.js';
import { VisitElement } from '../../../src/core/visit-element.js';
import type { VisitBooking } from '../../../src/elements/booking/booking.js';
import '../../../src/elements/booking/visit-booking.js';
import { VisitProvider } from '../../../src/elements/provider/provider.js';
import '../../../src/elements/provider/visit-provider.js';
import { familyBackend } from '../booking/family-backend.js';

class OrderProbe extends VisitElement {
  override render() {
    return html`<p>${this.t('common.retry')}</p>`;
  }
  /** The api-base of the client the element would use (undefined when it has none). */
  get apiInUse(): string | undefined {
    return this.activeClient?.baseUrl;
  }
  get text(): string {
    return this.shadowRoot!.textContent!.trim();
  }
}
customElements.define('order-probe', OrderProbe);

/** A provider class registered under a fresh name, so each test can choose when providers get defined. */
let providers = 0;
function laterProvider(): { name: string; tag: ReturnType<typeof unsafeStatic>; define(): void } {
  const name = `order-provider-${++providers}`;
  return {
    name,
    tag: unsafeStatic(name),
    define: () => customElements.define(name, class extends VisitProvider {}),
  };
}

async function settled(...elements: Element[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const element of elements) await (element as VisitElement).updateComplete;
  }
}

function probe(root: ParentNode, id: string): OrderProbe {
  const found = root.querySelector<OrderProbe>(`#${id}`);
  if (!found) throw new Error(`no #${id}`);
  return found;
}

function provide(provider: Element, strings: Record<string, string>): void {
  (provider as VisitProvider).strings = strings;
}

describe('visit-kit elements in any registration and upgrade order', () => {
  it('children that upgrade before their provider get its client, language and strings once it is defined', async () => {
    const late = laterProvider();
    const root = await fixture<HTMLElement>(staticHtml`
      <div>
        <${late.tag} api-base="https://late.example" lang="cy">
          <order-probe id="direct"></order-probe>
          <section><order-probe id="deep"></order-probe></section>
        </${late.tag}>
      </div>
    `);
    const direct = probe(root, 'direct');
    const deep = probe(root, 'deep');
    await settled(direct, deep);
    expect(direct.apiInUse, 'no provider yet').to.equal(undefined);

    late.define();
    await settled(root.querySelector(late.name)!, direct, deep);
    expect(direct.apiInUse).to.equal('https://late.example');
    expect(deep.apiInUse).to.equal('https://late.example');
    expect(direct.activeClient, 'one shared client').to.equal(deep.activeClient);
    expect(direct.text).to.equal('Rhowch gynnig arall arni');

    // Still subscribed: later changes on the provider reach them.
    const provider = root.querySelector(late.name)!;
    provide(provider, { 'common.retry': 'Late strings' });
    await settled(provider, direct, deep);
    expect(deep.text).to.equal('Late strings');
  });

  it('<visit-booking> upgraded before its provider shows the first step, not “not set up yet”', async () => {
    const late = laterProvider();
    const backend = familyBackend();
    const root = await fixture<HTMLElement>(staticHtml`
      <div><${late.tag} .client=${backend.client}><visit-booking></visit-booking></${late.tag}></div>
    `);
    const booking = root.querySelector<VisitBooking>('visit-booking')!;
    await booking.updateComplete;
    expect(booking.shadowRoot!.textContent).to.contain('not set up yet');

    late.define();
    await settled(root.querySelector(late.name)!, booking);
    await waitFor(() => /Sign in to book a visit/.test(booking.shadowRoot!.textContent!));
    expect(booking.shadowRoot!.textContent).to.not.contain('not set up yet');
    expect(booking.activeClient).to.equal(backend.client);
  });

  it('each child uses its nearest provider, nested or side by side, whichever is defined first', async () => {
    const outer = laterProvider();
    const inner = laterProvider();
    const side = laterProvider();
    const root = await fixture<HTMLElement>(staticHtml`
      <div>
        <${outer.tag} api-base="https://outer.example">
          <order-probe id="in-outer"></order-probe>
          <${inner.tag} api-base="https://inner.example">
            <order-probe id="in-inner"></order-probe>
          </${inner.tag}>
        </${outer.tag}>
        <${side.tag} api-base="https://side.example"><order-probe id="in-side"></order-probe></${side.tag}>
      </div>
    `);
    const all = [...root.querySelectorAll('order-probe')];
    // The outer provider first: for a moment it serves everything inside it…
    outer.define();
    await settled(...all);
    expect(probe(root, 'in-outer').apiInUse).to.equal('https://outer.example');
    expect(probe(root, 'in-inner').apiInUse).to.equal('https://outer.example');
    expect(probe(root, 'in-side').apiInUse).to.equal(undefined);
    // …until the inner one is defined and takes its own children over.
    inner.define();
    side.define();
    await settled(...root.querySelectorAll(`${inner.name}, ${side.name}`), ...all);
    expect(probe(root, 'in-outer').apiInUse).to.equal('https://outer.example');
    expect(probe(root, 'in-inner').apiInUse).to.equal('https://inner.example');
    expect(probe(root, 'in-side').apiInUse).to.equal('https://side.example');

    // Strings set on the outer provider do not reach the inner provider's children.
    const outerProvider = root.querySelector(outer.name)!;
    provide(outerProvider, { 'common.retry': 'Outer text' });
    await settled(outerProvider, ...all);
    expect(probe(root, 'in-outer').text).to.equal('Outer text');
    expect(probe(root, 'in-inner').text).to.equal('Try again');
    expect(probe(root, 'in-side').text).to.equal('Try again');
  });

  it('an element moved to another provider follows the new provider’s environment', async () => {
    const root = await fixture<HTMLElement>(html`
      <div>
        <visit-provider id="a" api-base="https://a.example" lang="cy">
          <order-probe id="moving"></order-probe>
        </visit-provider>
        <visit-provider id="b" api-base="https://b.example" lang="en"></visit-provider>
      </div>
    `);
    const a = root.querySelector<VisitProvider>('#a')!;
    const b = root.querySelector<VisitProvider>('#b')!;
    const moving = probe(root, 'moving');
    provide(a, { 'common.retry': 'From A' });
    await settled(a, moving);
    expect(moving.apiInUse).to.equal('https://a.example');
    expect(moving.text).to.equal('From A');

    b.append(moving);
    await settled(moving);
    expect(moving.apiInUse).to.equal('https://b.example');
    expect(moving.locale).to.equal('en');
    expect(moving.text).to.equal('Try again', 'A’s strings are gone');

    // A no longer reaches it; B does.
    provide(a, { 'common.retry': 'A again' });
    provide(b, { 'common.retry': 'From B' });
    await settled(a, b, moving);
    expect(moving.text).to.equal('From B');

    // And back again.
    a.append(moving);
    await settled(moving);
    expect(moving.apiInUse).to.equal('https://a.example');
    expect(moving.locale).to.equal('cy');
    expect(moving.text).to.equal('A again');
  });

  it('after its provider is removed, an element uses its own api-base, or none, and hears nothing more from it', async () => {
    const root = await fixture<HTMLElement>(html`
      <div>
        <visit-provider api-base="https://gone.example" lang="cy">
          <order-probe id="own" api-base="https://own.example"></order-probe>
          <order-probe id="bare"></order-probe>
        </visit-provider>
      </div>
    `);
    const provider = root.querySelector<VisitProvider>('visit-provider')!;
    const own = probe(root, 'own');
    const bare = probe(root, 'bare');
    await settled(own, bare);
    expect(own.apiInUse, 'the provider wins over own api-base').to.equal('https://gone.example');
    expect(bare.apiInUse).to.equal('https://gone.example');

    // Unwrap: the children move up, the provider leaves the page.
    root.append(own, bare);
    provider.remove();
    await settled(own, bare);
    expect(own.apiInUse).to.equal('https://own.example');
    expect(bare.apiInUse).to.equal(undefined);
    expect(bare.locale).to.equal('en');

    provide(provider, { 'common.retry': 'Ghost text' });
    provider.setAttribute('api-base', 'https://ghost.example');
    await settled(provider, own, bare);
    expect(own.text).to.equal('Try again');
    expect(bare.text).to.equal('Try again');
    expect(bare.apiInUse).to.equal(undefined);
  });

  it('attaches one ContextRoot per page, even when a second copy of visit-kit loads', async () => {
    const key = Symbol.for('visit-kit:context-root');
    const first = (globalThis as Record<symbol, unknown>)[key];
    expect(first, 'attached on import').to.be.instanceOf(ContextRoot);
    // A second copy runs the same module again (here: the same function) and must not add a second root,
    // whose replays would answer every late request twice.
    attachContextRoot();
    expect((globalThis as Record<symbol, unknown>)[key]).to.equal(first);
  });

  it('removing an inner provider hands its children to the outer one', async () => {
    const root = await fixture<HTMLElement>(html`
      <visit-provider id="outer" api-base="https://outer.example">
        <visit-provider id="inner" api-base="https://inner.example">
          <order-probe id="child"></order-probe>
        </visit-provider>
      </visit-provider>
    `);
    const child = probe(root.parentElement!, 'child');
    await settled(child);
    expect(child.apiInUse).to.equal('https://inner.example');
    const inner = root.querySelector('#inner')!;
    inner.replaceWith(...inner.childNodes);
    await settled(child);
    expect(child.apiInUse).to.equal('https://outer.example');
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
