// `npm start`: the whole system on one machine — LiveKit, the reference backend (SQLite in .data/, seeded,
// dev outbox on) and the demo host pages on a different origin. Ctrl-C stops everything it started.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort, startLivekit } from '../scripts/livekit.mjs';
import { createDevVisit, createServer, SEED } from '../server/app.js';
import { serveDemo } from './serve.js';

const root = resolve(import.meta.dirname, '..');
const apiPort = Number(process.env.API_PORT ?? (await freePort()));
const demoPort = Number(process.env.DEMO_PORT ?? (await freePort()));
const host = '127.0.0.1';
const apiBase = `http://${host}:${apiPort}`;

// The CDN page uses the rollup bundle; build it once if missing.
if (!existsSync(resolve(root, 'dist/cdn/visit-kit.js'))) {
  console.log('Building the CDN bundle (dist/cdn) for the plain-HTML demo page…');
  execFileSync('npx', ['rollup', '-c', 'rollup.config.js', '--silent'], { cwd: root, stdio: 'inherit' });
}

const livekit = await startLivekit({ webhookUrls: [`${apiBase}/api/livekit/webhook`] });
mkdirSync(resolve(root, '.data'), { recursive: true });
const demoOrigin = `http://${host}:${demoPort}`;
const backend = await createServer({
  dev: true,
  seed: true,
  databaseUrl: process.env.DATABASE_URL ?? resolve(root, '.data/visit-kit.sqlite'),
  sessionSecret: process.env.SESSION_SECRET ?? 'visit-kit-demo-only-secret-change-me-in-production',
  livekit: { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
  corsOrigins: [demoOrigin, `http://localhost:${demoPort}`],
  host,
  port: apiPort,
});
const api = await backend.listen();
// A video visit for Sam and John Smith (A1234BC) opening now, so a whole visit can be tried at once.
const readyVisit = await createDevVisit(backend.ctx, {
  prisonerId: SEED.prisoners.a1234bc,
  visitorUserId: SEED.users.sam.id,
  startsInSeconds: 5 * 60,
  durationSeconds: 30 * 60,
  type: 'video',
});
const demo = await serveDemo({ apiBase, livekitUrl: livekit.url, port: demoPort, host });

console.log(`
visit-kit demo is running

  Demo pages     ${demo.origin}/
  API            ${api.url}/api/v1  (health: ${api.url}/api/health)
  LiveKit        ${livekit.url}
  Sign-in codes  ${api.url}/api/dev/outbox  (also printed below as they are sent)

  Families: sam@example.org, ceri@example.org (Welsh)
  Staff:    staff.nmi@example.org, staff.glr@example.org
  Kiosk pairing code: KIOSK-A1234BC

  Ready-made video visit (Sam → John Smith, starts in 5 minutes, 30 minutes long):
    family   ${demo.origin}/portal.html?visit=${readyVisit.reference}
    prisoner ${demo.origin}/kiosk.html
    staff    ${demo.origin}/staff.html

Press Ctrl-C to stop.
`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await Promise.allSettled([demo.close(), api.close()]);
  await backend.close();
  await livekit.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
