// Builds dist/: ESM entries per element and API client (shared chunks, lit external for npm users),
// and dist/cdn/visit-kit.js: everything bundled for one <script type="module"> tag.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { existsSync, readdirSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';

// Node 20 has no fs.glob: list src/elements/<name>/visit-*.ts registration files by hand.
const registrationEntries = existsSync('src/elements')
  ? readdirSync('src/elements', { recursive: true })
      .map((file) => `src/elements/${file}`)
      .filter((file) => /\/visit-[^/]+\.ts$/.test(file))
  : [];
const entries = Object.fromEntries(
  ['src/index.ts', 'src/define.ts', ...registrationEntries, 'src/api/index.ts', 'src/react/index.ts'].map(
    (file) => [file.replace(/^src\//, '').replace(/\.ts$/, ''), file],
  ),
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
    // No source maps for npm users: this output is unminified ES2022 that their own bundler maps, and the
    // package does not ship src/. The minified CDN bundle below keeps its maps, and they are shipped.
    output: { dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: false },
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
