// Element benchmark: <visit-booking> first render. Each run is a new browser context (empty cache) loading the
// page (bench/pages/booking-render.ts): its harness script sets up the in-page fake backend, then loads the
// element's script, built on its own as a site would ship it (one file: minified, Lit's production build).
// The figure runs from that script loaded (its Resource Timing `responseEnd`) to the `first-step` mark, so it
// includes parsing and compiling it, defining the element, Lit's first render and the first (in-page,
// zero-latency) data. Median of 10. Also reported: from the page asking for the element (`element-import`
// mark, so including the script's download from 127.0.0.1) to `first-step`.
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/support/browser.js';
import { servePages } from '../test/support/page-server.js';

/** The element's registration module as one production script. */
async function elementScript(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
    target: 'es2022',
    logLevel: 'silent',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  });
  return result.outputFiles[0]!.text;
}

const RUNS = 10;
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function elementBenchmarks(): Promise<Record<string, number>> {
  const pages = await servePages(
    { booking: new URL('./pages/booking-render.ts', import.meta.url).pathname },
    { '/visit-booking.js': await elementScript('../src/elements/booking/visit-booking.ts') },
  );
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
          .find((entry) => entry.name.endsWith('/visit-booking.js')) as PerformanceResourceTiming;
        const rendered = (window as unknown as { vkRendered: { step: string; heading: string } }).vkRendered;
        return {
          loaded: script.responseEnd,
          start: performance.getEntriesByName('element-import', 'mark')[0]!.startTime,
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
      'element.booking_first_render_from_import_ms': median(fromStart),
    };
  } finally {
    await browser?.close();
    await pages.close();
  }
}
