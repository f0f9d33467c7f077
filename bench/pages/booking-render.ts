// Benchmark page: <visit-booking> from a cold page. This harness script sets up the backend first — the in-page
// fake of the component tests (no network), signed in, so the first step is the "who are you visiting" choice a
// returning family sees — then loads the element's own script (`/visit-booking.js`, built separately as a
// site would ship it) and marks `first-step` once the first step's heading is in the element's shadow DOM
// after Lit committed the render. `element-import` marks the moment the page asks for the element.
import { familyBackend } from '../../test/elements/booking/family-backend.js';

const backend = familyBackend({ signedIn: true });
performance.mark('element-import');
// the element's script, kept out of this bundle (see bench/element.ts)
const elementScript = '/visit-booking.js';
await import(/* @vite-ignore */ elementScript);

const element = document.createElement('visit-booking') as HTMLElement & {
  client: unknown;
  updateComplete: Promise<boolean>;
};
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
