// Builds dist/: ESM entries per element and API client (shared chunks, lit external for npm users),
// and dist/cdn/visit-kit.js: everything bundled for one <script type="module"> tag.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { build } from 'esbuild';
import { minifyHTMLLiterals } from 'minify-literals';
import { dirname, resolve } from 'node:path';
import { livekitFromSource, livekitTsconfigRaw } from './scripts/livekit-source.mjs';

// The entries, listed by hand: the public entries of package.json `exports`, and each element's registration
// file (the files package.json `sideEffects` names). A module that only matches a name pattern must not
// become an entry: dist/ keeps one file per public door, and everything else goes to shared chunks.
const entryFiles = [
  'src/index.ts',
  'src/define.ts',
  'src/api/index.ts',
  'src/react/index.ts',
  // src/react/<element>.ts: one React wrapper per element (generated), each its own door.
  ...['provider', 'booking', 'my-visits', 'waiting-room', 'call', 'staff-console'].map(
    (name) => `src/react/${name}.ts`,
  ),
  'src/elements/provider/visit-provider.ts',
  'src/elements/booking/visit-booking.ts',
  'src/elements/session-calendar/visit-session-calendar.ts',
  'src/elements/my-visits/visit-my-visits.ts',
  'src/elements/waiting-room/visit-waiting-room.ts',
  'src/elements/call/visit-call.ts',
  'src/elements/staff-console/visit-staff-console.ts',
];
const entries = Object.fromEntries(
  entryFiles.map((file) => [file.replace(/^src\//, '').replace(/\.ts$/, ''), file]),
);
const esbuildOptions = {
  target: 'es2022',
  tsconfig: 'tsconfig.json',
  minify: false,
};
// npm users get lit and React from their own node_modules (deduplicated with their app); livekit-client is
// bundled from its source (below), so an app that also imports livekit-client itself loads it twice.
const isExternal = (id) =>
  /^(lit|openapi-fetch|fetch-event-stream|react)(\/|$)/.test(id) || id.startsWith('@lit/');
// Rollup drops module-level directives when it bundles (with a warning). The React entries start with
// 'use client' (Next.js App Router: they are client components): blank the directive out of the source (same
// length, so source maps still line up) and put it back at the top of those entries' output.
const USE_CLIENT = /^((?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*)(['"]use client['"];?)/;
function preserveUseClient() {
  const clientModules = new Set();
  return {
    name: 'preserve-use-client',
    transform(code, id) {
      const match = USE_CLIENT.exec(code);
      if (!match) return null;
      clientModules.add(id);
      const start = match[1].length;
      const directive = match[2];
      return {
        code: code.slice(0, start) + ' '.repeat(directive.length) + code.slice(start + directive.length),
        map: null,
      };
    },
    outputOptions(options) {
      return {
        ...options,
        banner: (chunk) =>
          chunk.isEntry && clientModules.has(chunk.facadeModuleId ?? '') ? "'use client';" : '',
      };
    },
  };
}

// livekit-client from its TypeScript source, without webrtc-adapter (scripts/livekit-source.mjs says why).
// src/media/livekit.ts lists what visit-kit uses of it: esbuild bundles that module on its own (livekit-client's
// source and its CommonJS dependencies, flattened into one ES module kept in memory, only what those names need)
// and rollup takes the result as that module. The npm build carries it too, in the media chunk that only
// <visit-call> loads.
const livekitModule = resolve('src/media/livekit.ts');
function livekitFromSourceForRollup() {
  const id = '\0visit-kit-livekit';
  return {
    name: 'livekit-from-source',
    resolveId: (source, importer) =>
      importer && resolve(dirname(importer), source.replace(/\.js$/, '.ts')) === livekitModule ? id : null,
    async load(loaded) {
      if (loaded !== id) return null;
      const result = await build({
        entryPoints: [livekitModule],
        plugins: [livekitFromSource()],
        bundle: true,
        format: 'esm',
        target: 'es2022',
        platform: 'browser',
        // syntax only (names and layout stay readable in an app's debugger): it folds constants and dead
        // branches here, which leaves an app's bundler less to keep (0.2 KB gz of the call page, measured)
        minifySyntax: true,
        write: false,
        logLevel: 'silent',
        conditions: ['production', 'browser'],
        define: { 'process.env.NODE_ENV': '"production"' },
        tsconfigRaw: livekitTsconfigRaw,
      });
      return { code: result.outputFiles[0].text, map: null };
    },
  };
}

// Lit's html`` and css`` templates are strings that no app's minifier touches: minify them here (markup
// whitespace, comments, CSS), so every build of the package ships them small.
function minifyTemplates() {
  return {
    name: 'minify-templates',
    async transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      return (await minifyHTMLLiterals(code, { fileName: id })) ?? null;
    },
  };
}

export default [
  {
    input: entries,
    external: isExternal,
    plugins: [preserveUseClient(), livekitFromSourceForRollup(), minifyTemplates(), esbuild(esbuildOptions)],
    // No source maps for npm users: this output is unminified ES2022 that their own bundler maps, and the
    // package does not ship src/. The minified CDN bundle below keeps its maps, and they are shipped.
    output: {
      dir: 'dist',
      format: 'es',
      // A language's strings are named for it (chunks/i18n-cy-booking-….js): only pages in that language load them.
      chunkFileNames: (chunk) => {
        const language = /\/src\/i18n\/([a-z-]+)\//.exec(chunk.facadeModuleId ?? '')?.[1];
        return language ? `chunks/i18n-${language}-[name]-[hash].js` : 'chunks/[name]-[hash].js';
      },
      sourcemap: false,
    },
  },
  {
    input: { 'visit-kit': 'src/define.ts' },
    plugins: [
      livekitFromSourceForRollup(),
      minifyTemplates(),
      nodeResolve({ exportConditions: ['production', 'browser'] }),
      esbuild(esbuildOptions),
      terser({ format: { comments: false } }),
    ],
    output: { dir: 'dist/cdn', format: 'es', chunkFileNames: '[name]-[hash].js', sourcemap: true },
  },
];
