// Bundle sizes: what an integrator's page downloads for each element. The npm package's dist/ is built as
// `npm run build` builds it (rollup.config.js), then a page importing `visit-kit/<element>` is bundled and
// minified like production (esbuild, lit included, `production` export conditions), each chunk gzipped at
// level 9. Dynamic imports are split into their own chunks, so "initial" counts only what loads before the
// later chunks are asked for. The booking journey's total is what Chromium fetched while a family booked on
// that page against the reference backend (walkBooking).
import { build, type Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup, type RollupOptions } from 'rollup';
import { livekitFromSource, livekitTsconfigRaw } from '../scripts/livekit-source.mjs';

const root = resolve(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`[bench bundle] ${line}\n`);

/**
 * Builds the npm package's ES modules (the first rollup.config.js build) into a folder of the checkout (so its
 * bare imports, lit and the rest, resolve from the checkout's node_modules as they would from an app's), with
 * its package.json, and
 * returns a resolver from `visit-kit/…` to the built file, through package.json `exports`.
 */
export async function buildPackage(): Promise<{
  resolve(specifier: string): string;
  remove(): Promise<void>;
}> {
  const dir = join(root, `.bench-package-${process.pid}`);
  const configs = (await import('../rollup.config.js')).default as RollupOptions[];
  const npm = configs[0]!;
  const bundle = await rollup({ ...npm, onwarn: () => {} });
  await bundle.write({ ...(npm.output as object), dir: join(dir, 'dist') });
  await bundle.close();
  // its package.json beside it: `sideEffects` (the element registrations) must apply to the built files
  const manifest = readFileSync(join(root, 'package.json'), 'utf8');
  await writeFile(join(dir, 'package.json'), manifest);
  const exports = (JSON.parse(manifest) as { exports: Record<string, { default: string }> }).exports;
  return {
    resolve(specifier) {
      const entry = exports[specifier.replace(/^visit-kit/, '.')];
      if (!entry) throw new Error(`package.json exports no ${specifier}`);
      return join(dir, entry.default);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface BundleSize {
  /** gzip -9 bytes of the entry and its static imports. */
  initial: number;
  /** gzip -9 bytes including every dynamically imported chunk. */
  total: number;
}

/** An app's production build of one page: esbuild's outputs, in `dir`. */
interface PageBuild {
  outputs: Metafile['outputs'];
  /** The output file of the page's entry. */
  entry: string;
  /** The output file an import path inside the metafile names. */
  file(path: string): string;
}

/**
 * Builds `source` (module text, resolved from the repo root) into `dir` as an app's bundler would for
 * production. `fromSource`: bundle livekit-client from its TypeScript source as visit-kit's own builds do, not
 * its pre-bundled npm build.
 */
async function buildPage(source: string, dir: string, fromSource = false): Promise<PageBuild> {
  const entry = join(root, `.bench-entry-${process.pid}-${Math.random().toString(36).slice(2)}.ts`);
  await writeFile(entry, source);
  let metafile: Metafile;
  try {
    ({ metafile } = await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      target: 'es2022',
      outdir: dir,
      metafile: true,
      logLevel: 'silent',
      conditions: ['production'],
      plugins: fromSource ? [livekitFromSource()] : [],
      define: { 'process.env.NODE_ENV': '"production"' },
      tsconfigRaw: livekitTsconfigRaw,
    }));
  } finally {
    await rm(entry, { force: true });
  }
  const outputs = metafile.outputs;
  // Output keys are relative to the working directory, but import paths inside the metafile are not
  // always written the same way: match chunks by file name (unique: each carries a content hash).
  const byName = new Map(Object.keys(outputs).map((file) => [basename(file), file]));
  const entryName = basename(entry);
  const entryOut = Object.keys(outputs).find(
    (file) => basename(outputs[file]!.entryPoint ?? '') === entryName,
  );
  if (!entryOut) throw new Error('no entry output');
  return { outputs, entry: entryOut, file: (path) => byName.get(basename(path)) ?? path };
}

const gzipped = async (file: string) => gzipSync(await readFile(resolve(file)), { level: 9 }).length;
async function gzippedSum(files: Iterable<string>): Promise<number> {
  let bytes = 0;
  for (const file of files) if (file.endsWith('.js')) bytes += await gzipped(file);
  return bytes;
}

/** Builds `source` (see {@link buildPage}) and measures it. */
export async function measure(source: string, fromSource = false): Promise<BundleSize> {
  const dir = await mkdtemp(join(tmpdir(), 'visit-kit-bundle-'));
  try {
    const { outputs, entry, file } = await buildPage(source, dir, fromSource);
    /** Files reachable from the entry: static imports only, or static and dynamic. */
    const reachable = (withDynamic: boolean) => {
      const seen = new Set<string>();
      const visit = (output: string) => {
        if (seen.has(output)) return;
        seen.add(output);
        for (const imported of outputs[output]?.imports ?? []) {
          const target = file(imported.path);
          if (imported.kind === 'import-statement') visit(target);
          // Other languages' strings load only for pages in that language (src/i18n/<lang>/…).
          else if (
            withDynamic &&
            imported.kind === 'dynamic-import' &&
            !isTranslation(outputs[target]?.entryPoint)
          )
            visit(target);
        }
      };
      visit(entry);
      return seen;
    };
    return { initial: await gzippedSum(reachable(false)), total: await gzippedSum(reachable(true)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What a family's browser really downloads to book: the page `source` (a booking page; see {@link buildPage}),
 * served from 127.0.0.1 beside the reference backend (seeded, another origin), walked in Chromium from
 * sign-in to the confirmation (test/support/booking-steps.ts). The sum of gzip -9 bytes of every script the
 * page fetched, and their names.
 */
export async function walkBooking(source: string): Promise<{ bytes: number; files: string[] }> {
  // loaded here, not with this module: npm test's bundle-size check imports measure() and needs none of them
  const [{ createServer: createVisitServer }, { bookVideoVisit }, { launchChromium }] = await Promise.all([
    import('../server/app.js'),
    import('../test/support/booking-steps.js'),
    import('../test/support/browser.js'),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'visit-kit-walk-'));
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const built = await buildPage(source, dir);
    const served = new Map(Object.keys(built.outputs).map((file) => [`/${basename(file)}`, file]));
    // the backend needs the page's origin (CORS), the page the backend's address: set once both listen
    let apiBase = '';
    const pages = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(
          `<!doctype html><html lang="en"><meta charset="utf-8"><title>Book a visit</title><body>` +
            `<visit-booking api-base="${apiBase}"></visit-booking>` +
            `<script type="module" src="/${basename(built.entry)}"></script></body></html>`,
        );
        return;
      }
      const file = served.get(path);
      if (!file) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(readFileSync(resolve(file)));
    });
    await new Promise<void>((done) => pages.listen(0, '127.0.0.1', done));
    closers.push(() => new Promise((done) => pages.close(done)));
    const origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    const server = await createVisitServer({
      databaseUrl: join(dir, 'walk.sqlite'),
      dev: true,
      seed: true,
      consoleOutbox: false,
      sessionSecret: 'bench-walk-secret-bench-walk-secret',
      enforcerIntervalMs: 0,
      corsOrigins: [origin],
    });
    closers.push(() => server.close());
    const api = await server.listen();
    closers.push(() => api.close());
    apiBase = api.url;
    const browser = await launchChromium();
    closers.push(() => browser.close());
    const page = await browser.newPage();
    const fetched = new Set<string>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === origin && served.has(url.pathname)) fetched.add(served.get(url.pathname)!);
    });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(origin);
    await bookVideoVisit(page, apiBase);
    if (failures.length) throw new Error(`the booking page failed: ${failures.join('; ')}`);
    return { bytes: await gzippedSum(fetched), files: [...fetched].map((file) => basename(file)) };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

/** Another language's strings (the package's `chunks/i18n-cy-….js`), loaded only by pages in that language. */
const isTranslation = (entryPoint: string | undefined) =>
  Boolean(entryPoint && /\/chunks\/i18n-(?!en-)[a-z-]+-/.test(entryPoint));

/** The bundle keys of bench/results/latest.json. */
export async function bundleBenchmarks(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const pkg = await buildPackage();
  try {
    const page = (specifier: string) => `import '${pkg.resolve(specifier)}';`;
    // first: what loads before the first screen renders (the entry and its static imports). all: what the
    // browser fetched on its way from sign-in to the confirmation. reachable: every chunk the page could ask
    // for (dynamic imports too, other languages' strings excepted), some of which a booking never asks for
    // (the event stream, for pages that follow one): the upper bound npm test checks, deterministically.
    const booking = await measure(page('visit-kit/booking'));
    results['bundle.booking_first_gz'] = booking.initial;
    results['bundle.booking_reachable_gz'] = booking.total;
    // a walk that fails (no browser, a broken journey) leaves this key unmeasured, not the section's others
    try {
      const walked = await walkBooking(page('visit-kit/booking'));
      log(`booking walk, sign-in to confirmation, fetched: ${walked.files.join(', ')}`);
      results['bundle.booking_all_gz'] = walked.bytes;
    } catch (error) {
      log(`bundle.booking_all_gz not measured: the booking walk failed: ${String(error)}`);
    }
    const call = await measure(page('visit-kit/waiting-room'));
    results['bundle.call_initial_gz'] = call.initial;
    results['bundle.call_total_gz'] = call.total;
    // A React 19 page showing only the booking journey (React, react-dom/client, the provider and booking
    // wrappers): with each element's own React entry, and with the all-in-one `visit-kit/react`.
    const reactPage = (provider: string, booking: string) => `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { VisitProvider } from '${pkg.resolve(provider)}';
import { VisitBooking } from '${pkg.resolve(booking)}';
createRoot(document.body).render(
  createElement(VisitProvider, { apiBase: 'https://visits.example.org' }, createElement(VisitBooking)),
);`;
    results['bundle.react_booking_page_gz'] = (
      await measure(reactPage('visit-kit/react/provider', 'visit-kit/react/booking'))
    ).initial;
    results['bundle.react_booking_page_all_in_one_gz'] = (
      await measure(reactPage('visit-kit/react', 'visit-kit/react'))
    ).initial;
  } finally {
    await pkg.remove();
  }
  results['bundle.react_dom_gz'] = (
    await measure(
      `import { createElement } from 'react'; import { createRoot } from 'react-dom/client'; createRoot(document.body).render(createElement('p'));`,
    )
  ).initial;
  const livekitAlone = `import * as livekit from 'livekit-client'; Object.assign(globalThis, { livekit });`;
  results['bundle.livekit_client_gz'] = (await measure(livekitAlone)).total;
  // the same, bundled the way visit-kit bundles it (from source, without webrtc-adapter)
  results['bundle.livekit_client_from_source_gz'] = (await measure(livekitAlone, true)).total;
  results['bundle.call_over_livekit_ratio'] =
    results['bundle.call_total_gz'] / results['bundle.livekit_client_gz'];
  results['bundle.lit_gz'] = (
    await measure(
      `import { LitElement, html, css } from 'lit'; Object.assign(globalThis, { LitElement, html, css });`,
    )
  ).total;
  return results;
}
