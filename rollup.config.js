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
// src/react/<element>.ts: one React wrapper per element (generated), and src/react/index.ts with them all.
const reactEntries = existsSync('src/react')
  ? readdirSync('src/react')
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `src/react/${file}`)
  : [];
const entries = Object.fromEntries(
  ['src/index.ts', 'src/define.ts', ...registrationEntries, 'src/api/index.ts', ...reactEntries].map(
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

export default [
  {
    input: entries,
    external: isExternal,
    plugins: [preserveUseClient(), esbuild(esbuildOptions)],
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
