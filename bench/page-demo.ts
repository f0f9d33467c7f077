// Child-process entry for bench/page.ts: the demo as `npm start` serves it (demo/backend.ts's backend
// settings, demo/serve.ts's pages and bundles) on 127.0.0.1 and free ports, with a fresh seeded SQLite file
// and no LiveKit (the charity page makes no call). Prints `READY <demo origin>` once both listen; stops on
// SIGTERM and removes its database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/livekit.mjs';
import { createServer } from '../server/app.js';
import { demoBackendConfig } from '../demo/backend.js';
import { serveDemo } from '../demo/serve.js';

const host = '127.0.0.1';
const dir = mkdtempSync(join(tmpdir(), 'visit-kit-bench-page-'));
const apiPort = await freePort();
const demoPort = await freePort();
const backend = await createServer(
  demoBackendConfig({
    host,
    apiPort,
    demoPort,
    databaseUrl: join(dir, 'demo.sqlite'),
    consoleOutbox: false,
  }),
);
const api = await backend.listen();
// LiveKit is not started: the URL only appears in the pages' CSP connect-src.
const demo = await serveDemo({ apiBase: api.url, livekitUrl: `ws://${host}:9`, port: demoPort, host });
process.stdout.write(`READY ${demo.origin}\n`);
process.once('SIGTERM', () => {
  void Promise.allSettled([demo.close(), api.close()])
    .then(() => backend.close())
    .finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
});
