// Builds dist/: ESM entries per element and API client (shared chunks, lit external for npm users),
// and dist/cdn/visit-kit.js: everything bundled for one <script type="module"> tag.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { build } from 'esbuild';
import { livekitSource } from './scripts/livekit-source.mjs';

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
// npm users get lit, livekit-client and React from their own node_modules (deduplicated with their app).
const isExternal = (id) =>
  /^(lit|livekit-client|openapi-fetch|eventsource-parser|react)(\/|$)/.test(id) || id.startsWith('@lit/');
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

// The CDN bundle takes livekit-client from its TypeScript source, which tree-shakes (its npm build is one
// pre-bundled file that does not): the call's media chunk is ~13 KB gz smaller. esbuild flattens that source and its
// CommonJS dependencies into one ES module (in memory); rollup then drops what visit-kit does not import.
function livekitFromSource() {
  const id = '\0livekit-client-from-source';
  return {
    name: 'livekit-from-source',
    resolveId: (source) => (source === 'livekit-client' ? id : null),
    async load(loaded) {
      if (loaded !== id) return null;
      const result = await build({
        entryPoints: [livekitSource],
        bundle: true,
        format: 'esm',
        target: 'es2022',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
        conditions: ['production', 'browser'],
        define: { 'process.env.NODE_ENV': '"production"' },
        // livekit-client's own settings (its build targets ES2017: no define semantics for class fields)
        tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
      });
      return { code: result.outputFiles[0].text, map: null };
    },
  };
}

export default [
  {
    input: entries,
    external: isExternal,
    plugins: [preserveUseClient(), esbuild(esbuildOptions)],
    // No source maps for npm users: this output is unminified ES2022 that their own bundler maps, and the
    // package does not ship src/. The minified CDN bundle below keeps its maps, and they are shipped.
    output: { dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: false },
  },
  {
    input: { 'visit-kit': 'src/define.ts' },
    plugins: [
      livekitFromSource(),
      nodeResolve({ exportConditions: ['production', 'browser'] }),
      esbuild(esbuildOptions),
      terser({ format: { comments: false } }),
    ],
    output: { dir: 'dist/cdn', format: 'es', chunkFileNames: '[name]-[hash].js', sourcemap: true },
  },
];
