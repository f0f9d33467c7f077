// Faults and authorisation around live calls: a real LiveKit server, the reference backend (SQLite) and two
// headless Chromium participants on 127.0.0.1. Tokens come from the backend's own flow (knock → staff admit →
// call token), exactly as the elements get them.
//  - faults: the backend restarts mid-call → media keeps flowing, the room's endsAt is unchanged, and the
//    restarted server still ends the call at endsAt;
//  - faults: LiveKit unreachable → the backend answers a clear problem (never 5xx-internal), the booking is
//    untouched, and it works once LiveKit is back;
//  - authorisation: a LiveKit token replayed after the visit ended gets nobody into a room;
//  - authorisation: a second connection with the same identity replaces the first (never two of one person).
// Not repeated here (see server/test/): the 7 actors × 38 resources matrix (authz.test.ts), tampered, expired
// and wrong-secret session tokens (auth.test.ts), token grants and TTL ≤ endsAt + 60 s, refusal of a token
// after the end (server/test/calls-livekit.test.ts).
import assert from 'node:assert/strict';
import { RoomServiceClient } from 'livekit-server-sdk';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { freePort, startLivekit } from '../../scripts/livekit.mjs';
import {
  freshDatabase,
  sleep,
  startServer,
  until,
  type Database,
  type TestServer,
} from '../../server/test/helpers.js';
import { launchChromium } from '../support/browser.js';
import { servePages, type PageServer } from '../support/page-server.js';

interface Peer {
  join(url: string, token: string): Promise<{ ok: true } | { ok: false; error: string }>;
  framesDecoded(): Promise<number>;
  state(): { state: string; disconnectReason?: string; metadata: string };
  leave(): Promise<void>;
}
declare global {
  interface Window {
    vkReliabilityPeer: Peer;
  }
}

const PRISONER = 'prs-A1234BC';
const KIOSK = 'dev-kiosk-A1234BC';

let lk: Awaited<ReturnType<typeof startLivekit>>;
let pages: PageServer;
let browser: Browser;
let db: Database;
let port: number;
let t: TestServer;
let rooms: RoomServiceClient;

const config = () => ({
  port,
  livekit: { url: lk.url, apiKey: lk.apiKey, apiSecret: lk.apiSecret },
  enforcerIntervalMs: 200,
});

before(async () => {
  port = (await freePort()) as number;
  lk = await startLivekit({ webhookUrls: [`http://127.0.0.1:${port}/api/livekit/webhook`] });
  db = await freshDatabase('sqlite');
  t = await startServer('sqlite', config(), db);
  rooms = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
  pages = await servePages({ peer: new URL('./pages/call-peer.ts', import.meta.url).pathname });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await pages?.close();
  await t?.close();
  await lk?.stop();
  await db?.drop();
});

/** A video visit open now for Sam and John Smith, admitted by staff; the family's and the kiosk's call tokens. */
async function admittedCall(durationSeconds: number) {
  const made = await t.call('POST', '/api/dev/visits', {
    body: {
      prisonerId: PRISONER,
      visitorUserId: 'usr-sam',
      startsInSeconds: 0,
      durationSeconds,
      type: 'video',
    },
  });
  assert.equal(made.status, 201, made.text);
  const visit = made.body as { id: string; call: { endsAt: string } };
  const family = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
  const kiosk = await t.tokenFor({ id: KIOSK, role: 'prisoner', prisonerId: PRISONER });
  const staff = await t.staffToken('NMI');
  await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token: family });
  await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token: kiosk });
  const admitted = await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff });
  assert.equal(admitted.status, 200, admitted.text);
  const familyCall = await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token: family });
  const kioskCall = await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token: kiosk });
  assert.equal(familyCall.body.kind, 'call', familyCall.text);
  assert.equal(kioskCall.body.kind, 'call', kioskCall.text);
  return {
    visit,
    family,
    familyToken: familyCall.body as { url: string; token: string; identity: string },
    kioskToken: kioskCall.body as { url: string; token: string; identity: string },
  };
}

async function peerPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${pages.origin}/peer.html`);
  await page.waitForFunction(() => 'vkReliabilityPeer' in window);
  return page;
}
const join = (page: Page, grant: { url: string; token: string }) =>
  page.evaluate(({ url, token }) => window.vkReliabilityPeer.join(url, token), grant);
const frames = (page: Page) => page.evaluate(() => window.vkReliabilityPeer.framesDecoded());
const state = (page: Page) => page.evaluate(() => window.vkReliabilityPeer.state());
const closePage = (page: Page) => page.context().close();

async function framesGrow(page: Page, timeoutMs = 15_000) {
  const start = await frames(page);
  await until(async () => (await frames(page)) > start + 5, timeoutMs, 200);
}

describe('faults: live calls against a real LiveKit server', { timeout: 120_000 }, () => {
  test('the backend restarts mid-call: media keeps flowing, endsAt holds, the restarted server ends the call on time', async () => {
    const { visit, family, familyToken, kioskToken } = await admittedCall(20);
    const [a, b] = [await peerPage(), await peerPage()];
    try {
      assert.deepEqual(await join(a, familyToken), { ok: true });
      assert.deepEqual(await join(b, kioskToken), { ok: true });
      await Promise.all([framesGrow(a), framesGrow(b)]);
      const room = `visit-${visit.id}`;
      const [before] = await rooms.listRooms([room]);
      const endsAt = JSON.parse(before!.metadata).endsAt as string;
      assert.equal(endsAt, visit.call.endsAt);

      // stop the backend (listener, enforcer, streams, database) and start a new one on the same data
      await t.close();
      const down = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      assert.equal(down, undefined, 'the backend is really down');
      await framesGrow(a); // the call carries on without the backend
      await framesGrow(b);
      t = await startServer('sqlite', config(), db);
      await framesGrow(a);
      const [during] = await rooms.listRooms([room]);
      assert.equal(JSON.parse(during!.metadata).endsAt, endsAt, 'the countdown holds across the restart');
      assert.equal((await state(a)).state, 'connected');

      // the restarted server still ends it at endsAt: participants removed, room gone, state ended
      await until(async () => (await state(a)).state === 'disconnected', 30_000, 100);
      const endedAt = Date.now();
      assert.ok(endedAt >= Date.parse(endsAt) - 250, 'not before endsAt');
      assert.ok(endedAt - Date.parse(endsAt) < 4000, `ended ${endedAt - Date.parse(endsAt)} ms after endsAt`);
      assert.equal((await state(a)).disconnectReason, 'PARTICIPANT_REMOVED');
      await until(async () => (await rooms.listRooms([room])).length === 0, 5000);
      const call = await t.call('GET', `/api/v1/visits/${visit.id}/call`, { token: family });
      assert.equal(call.body.status, 'ended');
      assert.equal(call.body.endReason, 'time-up');
    } finally {
      await closePage(a);
      await closePage(b);
    }
  });

  test('LiveKit unreachable: a clear problem when joining, the booking untouched, and it works once LiveKit is back', async () => {
    const deadPort = (await freePort()) as number;
    const dead = await startServer('sqlite', {
      livekit: { url: `ws://127.0.0.1:${deadPort}`, apiKey: lk.apiKey, apiSecret: lk.apiSecret },
    });
    try {
      const made = await dead.call('POST', '/api/dev/visits', {
        body: {
          prisonerId: PRISONER,
          visitorUserId: 'usr-sam',
          startsInSeconds: 0,
          durationSeconds: 600,
          type: 'video',
        },
      });
      const visitId = made.body.id as string;
      const family = await dead.tokenFor({ id: 'usr-sam', role: 'visitor' });
      const staff = await dead.staffToken('NMI');
      const health = await dead.call('GET', '/api/health');
      const answers = [
        await dead.call('POST', `/api/v1/visits/${visitId}/call/knock`, { token: family }),
        await dead.call('POST', `/api/v1/staff/visits/${visitId}/admit`, { token: staff }),
        await dead.call('POST', `/api/v1/visits/${visitId}/call/token`, { token: family }),
      ];
      for (const answer of answers) {
        assert.ok(answer.status < 500 || answer.status === 503, `${answer.status} ${answer.text}`);
        if (answer.status >= 400) assert.ok(answer.body?.code, `a problem code: ${answer.text}`);
      }
      // whatever the token answer, joining LiveKit itself fails with a clear error in the browser
      const page = await peerPage();
      try {
        const tokenAnswer = answers[2]!;
        if (tokenAnswer.status === 200) {
          const result = await join(page, tokenAnswer.body);
          assert.equal(result.ok, false);
          assert.match((result as { error: string }).error, /ConnectionError|could not|failed/i);
        }
      } finally {
        await closePage(page);
      }
      const visit = await dead.call('GET', `/api/v1/visits/${visitId}`, { token: family });
      assert.equal(visit.status, 200);
      assert.equal(visit.body.status, 'booked', 'nothing booked is lost');
      assert.ok(health.status === 200 || health.status === 503);
    } finally {
      await dead.close();
    }
  });
});

describe('authorisation: LiveKit tokens and identities', { timeout: 120_000 }, () => {
  test('a LiveKit call token replayed after the visit ended gets nobody into a room', async () => {
    const { visit, familyToken } = await admittedCall(4);
    const page = await peerPage();
    try {
      assert.deepEqual(await join(page, familyToken), { ok: true });
      await until(async () => (await state(page)).state === 'disconnected', 15_000, 100);
    } finally {
      await closePage(page);
    }
    await until(async () => (await rooms.listRooms([`visit-${visit.id}`])).length === 0, 5000);
    // the token is still inside its TTL (≤ endsAt + 60 s): replay it
    const replay = await peerPage();
    try {
      const result = await join(replay, familyToken);
      await sleep(1500);
      const participants = await rooms
        .listParticipants(`visit-${visit.id}`)
        .then((list) => list.map((p) => p.identity))
        .catch(() => [] as string[]);
      const stillIn = result.ok && (await state(replay)).state === 'connected';
      assert.ok(
        !stillIn && !participants.includes(familyToken.identity),
        `replayed token: join ${JSON.stringify(result)}, participants ${JSON.stringify(participants)}`,
      );
    } finally {
      await closePage(replay);
    }
  });

  test('a second connection with the same identity replaces the first: never two of one person in a call', async () => {
    const { visit, familyToken, kioskToken } = await admittedCall(120);
    const [first, other, second] = [await peerPage(), await peerPage(), await peerPage()];
    try {
      assert.deepEqual(await join(first, familyToken), { ok: true });
      assert.deepEqual(await join(other, kioskToken), { ok: true });
      assert.deepEqual(await join(second, familyToken), { ok: true });
      await until(async () => (await state(first)).state === 'disconnected', 10_000, 100);
      assert.equal((await state(first)).disconnectReason, 'DUPLICATE_IDENTITY');
      const identities = (await rooms.listParticipants(`visit-${visit.id}`)).map((p) => p.identity);
      assert.equal(
        identities.filter((id) => id === familyToken.identity).length,
        1,
        JSON.stringify(identities),
      );
      await framesGrow(other); // the prisoner sees the family's new connection
    } finally {
      for (const page of [first, other, second]) await closePage(page);
    }
  });
});
