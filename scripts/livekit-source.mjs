// livekit-client's npm build is one pre-bundled ES2017 file that bundlers cannot tree-shake; the package also
// ships its TypeScript source (src/), from which the same imports come to 13–19 KB gz less. These helpers point
// a bundler at that source: the CDN bundle (rollup.config.js), the bench's from-source figure and, with
// VISIT_KIT_LIVEKIT_FROM_SOURCE=1, the test pages (test/support/page-server.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** livekit-client's package folder. */
export const livekitDir = dirname(dirname(require.resolve('livekit-client'))); // …/dist/livekit-client.umd.js
/** Its TypeScript entry. */
export const livekitSource = join(livekitDir, 'src', 'index.ts');
/** Its version (src/version.ts imports it from package.json; served as this one export). */
export const livekitVersion = JSON.parse(readFileSync(join(livekitDir, 'package.json'), 'utf8')).version;
