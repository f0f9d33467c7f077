// Server-renders every visit-kit element with @lit-labs/ssr, as an integrator's Node server would, and returns
// the HTML per case. Run as a script it prints the same as JSON, so a test can render under another DOM shim
// (e.g. `node --import @lit-labs/ssr/lib/install-global-dom-shim.js`) in a fresh process.
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html, type TemplateResult } from 'lit';
import { pathToFileURL } from 'node:url';
import '../../src/define.js';

const api = 'https://visits.example.org';

/** Each case: the markup, and English text a person must see in the server's HTML. */
export const ssrCases: Record<string, { template: TemplateResult; text: string[] }> = {
  'visit-provider': {
    template: html`<visit-provider api-base=${api} lang="en"
      ><visit-booking api-base=${api}></visit-booking
    ></visit-provider>`,
    text: ['Sign in to book a visit'],
  },
  'visit-booking': {
    template: html`<visit-booking api-base=${api}></visit-booking>`,
    text: ['Step 1 of 6', 'Sign in to book a visit', 'Email address', 'Continue'],
  },
  'visit-my-visits': {
    template: html`<visit-my-visits api-base=${api}></visit-my-visits>`,
    text: ['Your visits', 'Sign in to see your visits.'],
  },
  'visit-waiting-room': {
    template: html`<visit-waiting-room api-base=${api} visit-id="v1"></visit-waiting-room>`,
    text: ['Loading…'],
  },
  'visit-call': {
    template: html`<visit-call api-base=${api}></visit-call>`,
    text: ['You are not in the call.'],
  },
  'visit-staff-console': {
    template: html`<visit-staff-console api-base=${api}></visit-staff-console>`,
    text: ['Sign in with a staff account to use the visits console.'],
  },
};

export async function renderCases(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, { template }] of Object.entries(ssrCases))
    out[name] = await collectResult(render(template));
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await renderCases()));
}
