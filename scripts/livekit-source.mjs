// How visit-kit ships livekit-client: bundled from its TypeScript source, without webrtc-adapter.
//
// - livekit-client's npm build is one pre-bundled ES2017 file that bundlers cannot tree-shake; the package also
//   ships its TypeScript source (src/), from which the same imports come to 13–19 KB gz less.
// - livekit-client's Room imports webrtc-adapter for its side effects: shims of WebRTC for browsers older than
//   those visit-kit supports (its code is ES2022: Chrome and Edge 94+, Firefox 93+, Safari 16.4+, which have the
//   standard APIs it patches). It is ~38 KB minified, ~12 KB gz of the call's media chunk, so it is left out.
//
// One place for that choice: the npm and CDN builds (rollup.config.js), the bench (bench/bundle.ts), the test
// pages (test/support/page-server.ts) and the demo (demo/serve.ts) all bundle livekit-client this way.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// require.resolve gives …/dist/livekit-client.umd.js
/** livekit-client's TypeScript entry. */
export const livekitSource = join(dirname(dirname(require.resolve('livekit-client'))), 'src', 'index.ts');

/** The compiler settings livekit-client's own build uses (ES2017 output: no define semantics for class fields). */
export const livekitTsconfigRaw = { compilerOptions: { useDefineForClassFields: false } };

/**
 * esbuild plugin: `livekit-client` resolves to its TypeScript source and `webrtc-adapter` to an empty module.
 * Give esbuild `tsconfigRaw: livekitTsconfigRaw` (or the same `useDefineForClassFields: false`) with it.
 */
export function livekitFromSource() {
  return {
    name: 'livekit-from-source',
    setup(build) {
      build.onResolve({ filter: /^livekit-client$/ }, () => ({ path: livekitSource }));
      build.onResolve({ filter: /^webrtc-adapter$/ }, () => ({
        path: 'webrtc-adapter',
        namespace: 'left-out',
      }));
      build.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({
        contents: '// left out: visit-kit supports only browsers that need none of its shims\nexport {};',
        loader: 'js',
      }));
    },
  };
}
