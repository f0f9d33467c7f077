// A family or prisoner peer for the console's end-to-end tests: a page on the demo origin (served from loopback
// and allowed by the backend's CORS) running the peer bundle (test/e2e/pages/staff-console-peer.ts). The peers'
// context bypasses the demo's CSP to inject it; the staff page keeps the strict CSP.
import type { BrowserContext, Page } from 'playwright-core';

export async function peerPage(
  context: BrowserContext,
  demoOrigin: string,
  pagesOrigin: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${demoOrigin}/`);
  const bundle = await (await fetch(`${pagesOrigin}/peer.js`)).text();
  await page.addScriptTag({ content: bundle, type: 'module' });
  await page.waitForFunction(() => Boolean(window.peer));
  return page;
}
