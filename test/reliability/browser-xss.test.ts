// Browser: names, relationships and notes carrying HTML/script payloads render as text in every element
// that shows them (<visit-booking>, <visit-my-visits>, <visit-staff-console>), and no payload runs.
// The page has no CSP on purpose: escaping alone must hold (the demo pages under the strict CSP, with zero
// violations, are checked by test/e2e/demo-pages.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { servePages, type PageServer } from '../support/page-server.js';

interface Xss {
  payloads: Record<'first' | 'last' | 'note', string>;
  texts(): Record<'booking' | 'myVisits' | 'staff', string>;
  injected(): string[];
  ran(): string[];
}
declare global {
  interface Window {
    xss: Xss;
  }
}

describe('browser: HTML and script payloads in names and notes render as text', { timeout: 60_000 }, () => {
  let pages: PageServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  before(async () => {
    pages = await servePages({ xss: new URL('./pages/xss.ts', import.meta.url).pathname });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${pages.origin}/xss.html`);
    await page.waitForFunction(() => 'xss' in window);
  });
  after(async () => {
    await browser?.close();
    await pages?.close();
  });

  for (const element of ['booking', 'myVisits', 'staff'] as const) {
    test(`${element}: the payloads appear verbatim as text`, async () => {
      const payloads = await page.evaluate(() => window.xss.payloads);
      // wait for the element to show the names (each loads its data from its fake backend)
      await page
        .waitForFunction((which) => window.xss.texts()[which].includes('xssRan.push'), element, {
          timeout: 15_000,
        })
        .catch(() => undefined);
      const text = (await page.evaluate(() => window.xss.texts()))[element];
      const shown = Object.values(payloads).filter((p) => text.includes(p));
      assert.ok(shown.length >= 1, `${element} shows a payload as text; its text: ${text.slice(0, 300)}`);
    });
  }

  test('no payload ran, no markup was injected, no dialog opened', async () => {
    await page.waitForTimeout(500); // let any onerror/onload fire
    assert.deepEqual(await page.evaluate(() => window.xss.ran()), []);
    assert.deepEqual(await page.evaluate(() => window.xss.injected()), []);
    assert.deepEqual(dialogs, []);
  });
});
