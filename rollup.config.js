// Builds dist/: ESM entries per element and API client (shared chunks, lit external for npm users),
// and dist/cdn/visit-kit.js: everything bundled for one <script type="module"> tag.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

// The entries, listed by hand: the public entries of package.json `exports`, and each element's registration
// file (the files package.json `sideEffects` names). A module that only matches a name pattern must not
// become an entry: dist/ keeps one file per public door, and everything else goes to shared chunks.
const entryFiles = [
  'src/index.ts',
  'src/define.ts',
  'src/api/index.ts',
  'src/react/index.ts',
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

export default [
  {
    input: entries,
    external: isExternal,
    plugins: [esbuild(esbuildOptions)],
    output: { dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
  {
    input: { 'visit-kit': 'src/define.ts' },
    plugins: [
      nodeResolve({ exportConditions: ['production', 'browser'] }),
      esbuild(esbuildOptions),
      terser({ format: { comments: false } }),
    ],
    output: { dir: 'dist/cdn', format: 'es', chunkFileNames: '[name]-[hash].js', sourcemap: true },
  },
];
