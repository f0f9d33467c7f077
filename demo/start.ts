// `npm start`: the whole system on one machine — LiveKit, the reference backend (SQLite in .data/, seeded,
// dev outbox on) and the demo host pages on a different origin. Ctrl-C stops everything it started.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { resolve } from 'node:path';
import { freePort, startLivekit } from '../scripts/livekit.mjs';
import { createDevVisit, createServer, SEED } from '../server/app.js';
import { timeInWords } from '../server/i18n/index.js';
import { demoBackendConfig } from './backend.js';
import { serveDemo } from './serve.js';

const root = resolve(import.meta.dirname, '..');
const host = '127.0.0.1';

/** Whether `port` on 127.0.0.1 is free right now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createNetServer();
    probe.unref();
    probe.once('error', () => done(false));
    probe.listen(port, host, () => probe.close(() => done(true)));
  });
}

/**
 * Fixed ports, so bookmarks and the printed URLs survive a restart: API_PORT / DEMO_PORT if set (used as they
 * are), else 8787 and 8788; a default that is taken falls back to a free port, and says so.
 */
async function choosePort(name: 'API_PORT' | 'DEMO_PORT', fallback: number): Promise<number> {
  const set = process.env[name];
  if (set) return Number(set);
  if (await portFree(fallback)) return fallback;
  const port = await freePort();
  console.log(
    `Port ${fallback} is in use, so ${name === 'API_PORT' ? 'the API' : 'the demo pages'} use ${port} this time (set ${name} to choose).`,
  );
  return port;
}
const apiPort = await choosePort('API_PORT', 8787);
const demoPort = await choosePort('DEMO_PORT', 8788);
const apiBase = `http://${host}:${apiPort}`;

// The CDN page uses the rollup bundle; build it once if missing.
if (!existsSync(resolve(root, 'dist/cdn/visit-kit.js'))) {
  console.log('Building the CDN bundle (dist/cdn) for the plain-HTML demo page…');
  execFileSync('npx', ['rollup', '-c', 'rollup.config.js', '--silent'], { cwd: root, stdio: 'inherit' });
}

const livekit = await startLivekit({ webhookUrls: [`${apiBase}/api/livekit/webhook`] });
mkdirSync(resolve(root, '.data'), { recursive: true });
const backend = await createServer(
  demoBackendConfig({
    host,
    apiPort,
    demoPort,
    databaseUrl: process.env.DATABASE_URL ?? resolve(root, '.data/visit-kit.sqlite'),
    livekit: { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
  }),
);
const api = await backend.listen();
// A video visit for Sam and John Smith (A1234BC) whose waiting room is open now (it opens 15 minutes before
// the start), so a whole visit can be tried at once. The text below says when it starts and ends.
const readyVisit = await createDevVisit(backend.ctx, {
  prisonerId: SEED.prisoners.a1234bc,
  visitorUserId: SEED.users.sam.id,
  startsInSeconds: 5 * 60,
  durationSeconds: 30 * 60,
  type: 'video',
});
const london = (iso: string) => timeInWords('en', new Date(iso), 'Europe/London');
const demo = await serveDemo({ apiBase, livekitUrl: livekit.url, port: demoPort, host });

console.log(`
visit-kit demo is running

  Demo pages     ${demo.origin}/
  API            ${api.url}/api/v1  (health: ${api.url}/api/health)
  LiveKit        ${livekit.url}
  Sign-in codes  ${api.url}/api/dev/outbox  (also printed below as they are sent)
                 Sign in with the demo bar at the top of each page. Demo limits: 50 codes per email (100 per address) per
                 15 minutes (the real default is 5); the bar reuses a still-valid session.

  Families: sam@example.org, ceri@example.org (Welsh)
  Staff:    staff.nmi@example.org, staff.glr@example.org
  Kiosk pairing code: KIOSK-A1234BC

  Ready-made video visit (Sam → John Smith): waiting room open now, starts ${london(readyVisit.start)}
  and ends ${london(readyVisit.end)} (a 30-minute visit; staff can admit you up to 15 minutes early):
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
