// Bundle sizes: what a page downloads for each element, built and minified like production (esbuild, lit
// included, `production` export conditions), each chunk gzipped at level 9. Dynamic imports are split into
// their own chunks, so "initial" counts only what loads before the media layer is requested.
import { build, type Metafile } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { livekitSource } from '../scripts/livekit-source.mjs';

const root = resolve(import.meta.dirname, '..');

export interface BundleSize {
  /** gzip -9 bytes of the entry and its static imports. */
  initial: number;
  /** gzip -9 bytes including every dynamically imported chunk. */
  total: number;
}

/**
 * Builds `source` (module text, resolved from the repo root) and measures it. `livekitFromSource`: bundle
 * livekit-client from its TypeScript source (as dist/cdn does), not its pre-bundled npm build.
 */
export async function measure(source: string, livekitFromSource = false): Promise<BundleSize> {
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
        // `visit-kit/…` (the React pages below) from this checkout's source: dist/ need not be built first.
        alias: {
          'visit-kit': './src',
          ...(livekitFromSource ? { 'livekit-client': livekitSource } : {}),
        },
        define: { 'process.env.NODE_ENV': '"production"' },
        tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
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

/** A lazily loaded translation table (`src/i18n/cy/booking.ts` …), not part of an English page. */
const isTranslation = (entryPoint: string | undefined) =>
  Boolean(entryPoint && /src\/i18n\/(?!en\/)[a-z-]+\//.test(entryPoint));

const registration = (name: string) => `src/elements/${name}/visit-${name}.ts`;

/** The bundle keys of bench/results/latest.json (those whose element exists yet). */
export async function bundleBenchmarks(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const booking = registration('booking');
  if (existsSync(join(root, booking))) {
    // first: what loads before the first screen renders (the entry and its static imports); all: every chunk
    // the journey can ask for up to the confirmation (dynamic imports too, other languages' strings excepted).
    const size = await measure(`import './${booking}';`);
    results['bundle.booking_first_gz'] = size.initial;
    results['bundle.booking_all_gz'] = size.total;
  }
  const waiting = registration('waiting-room');
  if (existsSync(join(root, waiting))) {
    const size = await measure(`import './${waiting}';`);
    results['bundle.call_initial_gz'] = size.initial;
    results['bundle.call_total_gz'] = size.total;
    // the same page with livekit-client bundled from its TypeScript source (what dist/cdn ships)
    results['bundle.call_total_livekit_src_gz'] = (await measure(`import './${waiting}';`, true)).total;
  }
  // A React 19 page showing only the booking journey (React, react-dom/client, the provider and booking
  // wrappers): with each element's own React entry, and with the all-in-one `visit-kit/react`.
  if (existsSync(join(root, 'src/react/booking.ts'))) {
    const page = (provider: string, booking: string) => `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { VisitProvider } from '${provider}';
import { VisitBooking } from '${booking}';
createRoot(document.body).render(
  createElement(VisitProvider, { apiBase: 'https://visits.example.org' }, createElement(VisitBooking)),
);`;
    results['bundle.react_booking_page_gz'] = (
      await measure(page('visit-kit/react/provider', 'visit-kit/react/booking'))
    ).initial;
    results['bundle.react_booking_page_all_in_one_gz'] = (
      await measure(page('visit-kit/react', 'visit-kit/react'))
    ).initial;
    results['bundle.react_dom_gz'] = (
      await measure(
        `import { createElement } from 'react'; import { createRoot } from 'react-dom/client'; createRoot(document.body).render(createElement('p'));`,
      )
    ).initial;
  }
  results['bundle.livekit_client_gz'] = (
    await measure(`import * as livekit from 'livekit-client'; Object.assign(globalThis, { livekit });`)
  ).total;
  if (results['bundle.call_total_gz'])
    results['bundle.call_over_livekit_ratio'] =
      results['bundle.call_total_gz'] / results['bundle.livekit_client_gz'];
  if (results['bundle.call_total_livekit_src_gz'])
    results['bundle.call_livekit_src_over_livekit_ratio'] =
      results['bundle.call_total_livekit_src_gz'] / results['bundle.livekit_client_gz'];
  results['bundle.lit_gz'] = (
    await measure(
      `import { LitElement, html, css } from 'lit'; Object.assign(globalThis, { LitElement, html, css });`,
    )
  ).total;
  return results;
}
