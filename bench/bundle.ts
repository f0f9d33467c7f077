// Bundle sizes: what an integrator's page downloads for each element. The npm package's dist/ is built as
// `npm run build` builds it (rollup.config.js), then a page importing `visit-kit/<element>` is bundled and
// minified like production (esbuild, lit included, `production` export conditions), each chunk gzipped at
// level 9. Dynamic imports are split into their own chunks, so "initial" counts only what loads before the
// later chunks are asked for.
import { build, type Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup, type RollupOptions } from 'rollup';
import { livekitFromSource, livekitTsconfigRaw } from '../scripts/livekit-source.mjs';

const root = resolve(import.meta.dirname, '..');

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

/**
 * Builds `source` (module text, resolved from the repo root) and measures it. `fromSource`: bundle
 * livekit-client from its TypeScript source as visit-kit's own builds do, not its pre-bundled npm build.
 */
export async function measure(source: string, fromSource = false): Promise<BundleSize> {
  const dir = await mkdtemp(join(tmpdir(), 'visit-kit-bundle-'));
  try {
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
    const key = (path: string) => byName.get(basename(path)) ?? path;
    const entryName = basename(entry);
    const entryOut = Object.keys(outputs).find(
      (file) => basename(outputs[file]!.entryPoint ?? '') === entryName,
    );
    if (!entryOut) throw new Error('no entry output');
    /** Files reachable from the entry: static imports only, or static and dynamic. */
    const reachable = (withDynamic: boolean) => {
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const imported of outputs[file]?.imports ?? []) {
          const target = key(imported.path);
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
      visit(entryOut);
      return seen;
    };
    const sizeOf = async (files: Set<string>) => {
      let bytes = 0;
      for (const file of files) if (file.endsWith('.js')) bytes += await gz(file);
      return bytes;
    };
    const gz = async (file: string) => gzipSync(await readFile(resolve(file)), { level: 9 }).length;
    const initial = await sizeOf(reachable(false));
    const total = await sizeOf(reachable(true));
    return { initial, total };
  } finally {
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
    // first: what loads before the first screen renders (the entry and its static imports); all: every chunk
    // the journey can ask for up to the confirmation (dynamic imports too, other languages' strings excepted).
    const booking = await measure(page('visit-kit/booking'));
    results['bundle.booking_first_gz'] = booking.initial;
    results['bundle.booking_all_gz'] = booking.total;
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
