// Element benchmark: <visit-booking> first render. Each run is a new browser context (empty cache) loading the
// page; the figure is from the moment the script finished loading (its Resource Timing `responseEnd`) to the
// `first-step` mark, so it includes parsing and compiling the bundle, defining the elements, Lit's first
// render and the first (in-page, zero-latency) data. Median of 10. Also reported: from the bundle's first
// statement (`script-start` mark) to `first-step`.
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/support/browser.js';
import { servePages } from '../test/support/page-server.js';

const RUNS = 10;
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function elementBenchmarks(): Promise<Record<string, number>> {
  const pages = await servePages({
    booking: new URL('./pages/booking-render.ts', import.meta.url).pathname,
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const fromLoad: number[] = [];
    const fromStart: number[] = [];
    let step = '';
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${pages.origin}/booking.html`);
      await page.waitForFunction(() => 'vkRendered' in window, undefined, { timeout: 20_000 });
      const m = await page.evaluate(() => {
        const script = performance
          .getEntriesByType('resource')
          .find((entry) => entry.name.endsWith('/booking.js')) as PerformanceResourceTiming;
        const rendered = (window as unknown as { vkRendered: { step: string; heading: string } }).vkRendered;
        return {
          loaded: script.responseEnd,
          start: performance.getEntriesByName('script-start', 'mark')[0]!.startTime,
          first: performance.getEntriesByName('first-step', 'mark')[0]!.startTime,
          step: `${rendered.step} ("${rendered.heading}")`,
        };
      });
      fromLoad.push(m.first - m.loaded);
      fromStart.push(m.first - m.start);
      step = m.step;
      await context.close();
    }
    process.stderr.write(
      `[bench element] booking first step ${step}: ${fromLoad.map((t) => t.toFixed(0)).join(' ')} ms after the script loaded\n`,
    );
    return {
      'element.booking_first_render_ms': median(fromLoad),
      'element.booking_first_render_from_first_statement_ms': median(fromStart),
    };
  } finally {
    await browser?.close();
    await pages.close();
  }
}
