// Benchmark page: <visit-booking> from a cold page. Marks `script-start` (first statement of the bundle) and
// `first-step` (the first step's heading is in the element's shadow DOM after Lit committed the render). The
// backend is the in-page fake of the component tests (no network), signed in, so the first step is the
// "who are you visiting" choice that a returning family sees.
// (a static side-effect import of a marker module would be dropped: bench/ is not in package.json's sideEffects)
export {};
performance.mark('script-start');
await import('../../src/elements/booking/visit-booking.js');
const { familyBackend } = await import('../../test/elements/booking/family-backend.js');

const backend = familyBackend({ signedIn: true });
const element = document.createElement('visit-booking');
let step = '';
element.addEventListener('visit-step-change', (event) => {
  step ||= (event as Event & { step?: string }).step ?? 'unknown';
});
element.client = backend.client;
document.body.append(element);

async function firstStep(): Promise<void> {
  for (;;) {
    await element.updateComplete;
    if (step && element.shadowRoot?.querySelector('h1, h2, legend')) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
void firstStep().then(() => {
  performance.mark('first-step');
  const heading = element.shadowRoot?.querySelector('h1, h2, legend')?.textContent?.trim() ?? '';
  Object.assign(window, { vkRendered: { step, heading } });
});
