// The production topology for real (scripts/cluster.ts): two LiveKit nodes on Redis, each in its own network
// namespace, haproxy in front of them and of two backend replicas on PostgreSQL. Visits go through the real
// API (knock, admit, tokens) and the SDK's CallSession in Chromium; then a node is killed or cut off mid-call.
// Each test prints what it measured. Run by `npm run test:cluster` (root on Linux only).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startCluster, type Cluster, type ClusterNode } from '../../scripts/cluster.js';
import { signSession } from '../../server/auth.js';
import type { AppContext, Principal } from '../../server/context.js';
import { launchChromium } from '../support/browser.js';
import { servePages, type PageServer } from '../support/page-server.js';

type Report = {
  loadedAt: number;
  phase: string;
  reason?: string;
  reconnectCount: number;
  endsAt?: number;
  creditedSeconds: number;
  warning?: string;
  remote: { identity: string; cameraOn: boolean }[];
  framesDecoded: number;
  phases: { phase: string; at: number }[];
};
declare global {
  interface Window {
    clusterPeer: {
      join(url: string, token: string, endsAt: string): Promise<void>;
      report(): Promise<Report>;
    };
  }
}

let cluster: Cluster;
let pages: PageServer;
let browser: Browser;
let db: pg.Client;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const measured = (line: string) => process.stdout.write(`# measured: ${line}\n`);

before(async () => {
  cluster = await startCluster();
  pages = await servePages({
    peer: new URL('./pages/call-peer.ts', import.meta.url).pathname,
    monitor: new URL('./pages/monitor-peer.ts', import.meta.url).pathname,
  });
  browser = await launchChromium();
  db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
});

after(async () => {
  await db?.end().catch(() => {});
  await browser?.close().catch(() => {});
  await pages?.close().catch(() => {});
  await cluster?.stop();
});

async function tokenFor(principal: Principal): Promise<string> {
  const ctx = { now: () => new Date(), secret: new TextEncoder().encode(cluster.sessionSecret) };
  return (await signSession(ctx as unknown as AppContext, principal)).token;
}

async function api(method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(cluster.apiUrl + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
  return { status: response.status, body: json, text };
}

const FAMILY: Principal = { id: 'usr-sam', role: 'visitor' };
const PRISONER: Principal = {
  id: 'dev-kiosk-A1234BC',
  role: 'prisoner',
  prisonCode: 'NMI',
  prisonerId: 'prs-A1234BC',
};
const STAFF: Principal = { id: 'usr-staff-nmi', role: 'staff', prisonCode: 'NMI' };

/** A video visit opened, knocked and admitted through the balancer: its LiveKit room now exists. */
async function admittedVisit(): Promise<string> {
  const created = await api('POST', '/api/dev/visits', undefined, {
    prisonerId: 'prs-A1234BC',
    visitorUserId: 'usr-sam',
    startsInSeconds: 60,
    durationSeconds: 20 * 60,
    type: 'video',
  });
  assert.equal(created.status, 201, created.text);
  const visitId = created.body.id as string;
  for (const who of [FAMILY, PRISONER]) {
    const knock = await api('POST', `/api/v1/visits/${visitId}/call/knock`, await tokenFor(who));
    assert.equal(knock.status, 200, knock.text);
  }
  const admit = await api('POST', `/api/v1/staff/visits/${visitId}/admit`, await tokenFor(STAFF));
  assert.equal(admit.status, 200, admit.text);
  return visitId;
}

async function roomNode(visitId: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const node = cluster.nodeOfRoom(`visit-${visitId}`);
    if (node) return node;
    if (Date.now() > deadline) throw new Error(`room visit-${visitId} is on no known node`);
    await sleep(200);
  }
}

async function callRow(visitId: string) {
  const { rows } = await db.query<{ ends_at: string; credited_seconds: number; status: string }>(
    'SELECT ends_at, credited_seconds, status FROM calls WHERE visit_id = $1',
    [visitId],
  );
  return rows[0]!;
}

interface Side {
  page: Page;
  identity: string;
}

async function join(context: BrowserContext, visitId: string, who: Principal): Promise<Side> {
  const minted = await api('POST', `/api/v1/visits/${visitId}/call/token`, await tokenFor(who));
  assert.equal(minted.status, 200, minted.text);
  assert.equal(minted.body.kind, 'call');
  // the URL the backend hands out is the balancer's, not a node's
  assert.equal(minted.body.url, cluster.livekitUrl);
  const page = await context.newPage();
  await page.goto(`${pages.origin}/peer.html`);
  await page.waitForFunction(() => 'clusterPeer' in window);
  await page.evaluate(({ url, token, endsAt }) => window.clusterPeer.join(url, token, endsAt), minted.body);
  return { page, identity: minted.body.identity as string };
}

/** The staff monitor (hidden, subscribe-only) in its own page. */
async function watch(context: BrowserContext, visitId: string): Promise<Side> {
  const minted = await api('POST', `/api/v1/staff/visits/${visitId}/monitor-token`, await tokenFor(STAFF));
  assert.equal(minted.status, 200, minted.text);
  const page = await context.newPage();
  await page.goto(`${pages.origin}/monitor.html`);
  await page.waitForFunction(() => 'clusterPeer' in window);
  await page.evaluate(({ url, token }) => window.clusterPeer.join(url, token, ''), minted.body);
  return { page, identity: 'staff:usr-staff-nmi' };
}

/**
 * Waits until this side is connected and decoding the other side's video — after `since`, only once it has
 * noticed the loss (a reconnection began after it). Returns when that was seen.
 */
async function inCallWith(
  side: Side,
  other: Side,
  timeoutMs: number,
  since?: number,
): Promise<{ at: number; report: Report }> {
  const deadline = Date.now() + timeoutMs;
  let before = -1;
  let report: Report | undefined;
  for (;;) {
    report = await side.page.evaluate(() => window.clusterPeer.report());
    const noticed =
      since === undefined || report.phases.some((p) => p.phase === 'reconnecting' && p.at >= since);
    const sees =
      noticed && report.phase === 'connected' && report.remote.some((p) => p.identity === other.identity);
    // frames still arriving (a frozen last frame does not count)
    if (sees && before >= 0 && report.framesDecoded > before) return { at: Date.now(), report };
    before = sees ? report.framesDecoded : -1;
    if (Date.now() > deadline)
      throw new Error(
        `${side.identity} not back in the call: ${JSON.stringify({ ...report, phases: report.phases.slice(-6) })}`,
      );
    await sleep(250);
  }
}

describe('LiveKit cluster', () => {
  test('spread: rooms of successive visits go to both LiveKit nodes', async () => {
    const placed: string[] = [];
    for (let i = 0; i < 4; i++) {
      const visitId = await admittedVisit();
      placed.push(await roomNode(visitId));
      // the node selector reads room counts that each node reports to Redis every few seconds
      await sleep(3500);
    }
    const counts = Object.fromEntries(
      cluster.nodes.map((n) => [n.name, placed.filter((p) => p === n.name).length]),
    );
    measured(`4 visits admitted through the balancer: rooms per node ${JSON.stringify(counts)}`);
    for (const node of cluster.nodes)
      assert.ok(counts[node.name]! >= 1, `no room on ${node.name}: ${placed.join(', ')}`);
  });

  for (const fault of ['killed', 'cut off'] as const) {
    test(`a LiveKit node ${fault} mid-call: family and prisoner are back in their visit on the other node`, async () => {
      const visitId = await admittedVisit();
      const context = await browser.newContext();
      let victim: ClusterNode | undefined;
      try {
        const family = await join(context, visitId, FAMILY);
        const prisoner = await join(context, visitId, PRISONER);
        await inCallWith(family, prisoner, 30_000);
        await inCallWith(prisoner, family, 30_000);
        const monitor = await watch(context, visitId);
        await inCallWith(monitor, family, 30_000);
        const warned = await api('POST', `/api/v1/staff/visits/${visitId}/warn`, await tokenFor(STAFF), {
          message: 'Two minutes of phone calls left on the kiosk.',
        });
        assert.equal(warned.status, 200, warned.text);
        const before = await callRow(visitId);
        const loaded = await family.page.evaluate(() => window.clusterPeer.report());
        const victimName = await roomNode(visitId);
        victim = cluster.nodes.find((n) => n.name === victimName)!;
        const survivor = cluster.nodes.find((n) => n.name !== victimName)!;
        const t0 = Date.now();
        if (fault === 'killed') await victim.kill();
        else victim.cutOff();
        const [familyBack, prisonerBack, monitorBack] = await Promise.all([
          inCallWith(family, prisoner, 90_000, t0),
          inCallWith(prisoner, family, 90_000, t0),
          inCallWith(monitor, prisoner, 90_000, t0),
        ]);
        // the monitor watches both again, and stays hidden from them
        assert.ok(monitorBack.report.remote.some((p) => p.identity === family.identity));
        assert.ok(!familyBack.report.remote.some((p) => p.identity.startsWith('staff:')));
        const gap = (Math.max(familyBack.at, prisonerBack.at) - t0) / 1000;
        measured(
          `node ${victim.name} ${fault} mid-call: both sides decoding video again on ${survivor.name} after ${gap.toFixed(1)} s ` +
            `(family ${((familyBack.at - t0) / 1000).toFixed(1)} s, prisoner ${((prisonerBack.at - t0) / 1000).toFixed(1)} s, ` +
            `hidden monitor ${((monitorBack.at - t0) / 1000).toFixed(1)} s)`,
        );
        // no page reload: the same page, its session reconnected
        const after = await family.page.evaluate(() => window.clusterPeer.report());
        assert.equal(after.loadedAt, loaded.loadedAt);
        assert.ok(after.reconnectCount >= 1 || after.phases.some((p) => p.phase === 'reconnecting'));
        assert.equal(await roomNode(visitId), survivor.name, 'the room moved to the surviving node');
        // credit: the backend noticed the lost time and moved endsAt by exactly what it credited
        const row = await until(async () => {
          const r = await callRow(visitId);
          return r.credited_seconds > before.credited_seconds ? r : undefined;
        }, 20_000);
        const credited = row.credited_seconds - before.credited_seconds;
        assert.equal(Date.parse(row.ends_at) - Date.parse(before.ends_at), credited * 1000);
        assert.notEqual(row.status, 'ended');
        // A lost node reports nothing: the backend dates the loss back from the first rejoin by
        // LOST_NODE_RECOVERY_SECONDS (10). That estimate may credit a little more than was lost, never far more.
        assert.ok(credited <= gap + 10, `credited ${credited} s for a ${gap.toFixed(1)} s gap`);
        // both sides show the (new) authoritative end and the staff warning again
        for (const side of [family, prisoner]) {
          const shown = await until(async () => {
            const r = await side.page.evaluate(() => window.clusterPeer.report());
            return r.endsAt === Date.parse(row.ends_at) ? r : undefined;
          }, 20_000);
          assert.equal(shown.warning, 'Two minutes of phone calls left on the kiosk.');
        }
        measured(
          `node ${victim.name} ${fault}: credited ${credited} s for a ${gap.toFixed(1)} s gap, endsAt ${before.ends_at} → ${row.ends_at}`,
        );
      } finally {
        // the next test starts from two healthy nodes again, whatever happened here
        if (victim) {
          if (fault === 'cut off') victim.restore();
          await victim.restart();
        }
        await context.close();
      }
    });
  }

  // last: it leaves one replica dead
  test('a backend replica killed during admission: the admission completes through the other one', async () => {
    const created = await api('POST', '/api/dev/visits', undefined, {
      prisonerId: 'prs-A1234BC',
      visitorUserId: 'usr-sam',
      startsInSeconds: 60,
      durationSeconds: 600,
      type: 'video',
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id as string;
    const family = await tokenFor(FAMILY);
    assert.equal((await api('POST', `/api/v1/visits/${id}/call/knock`, family)).status, 200);
    const victim = cluster.backends[0]!;
    const t0 = Date.now();
    await victim.kill();
    // the very next requests go through the balancer: a refused connection is retried on the other replica
    const statuses: number[] = [];
    const admit = await api('POST', `/api/v1/staff/visits/${id}/admit`, await tokenFor(STAFF));
    statuses.push(admit.status);
    assert.equal(admit.status, 200, admit.text);
    const state = await api('GET', `/api/v1/visits/${id}/call`, family);
    statuses.push(state.status);
    assert.equal(state.body.status, 'admitted');
    // the family's event stream, reopened through the balancer, starts from the admitted state
    const controller = new AbortController();
    const stream = await fetch(`${cluster.apiUrl}/api/v1/visits/${id}/events`, {
      headers: { authorization: `Bearer ${family}` },
      signal: controller.signal,
    });
    assert.equal(stream.status, 200);
    const reader = stream.body!.getReader();
    let text = '';
    while (!/"status":"admitted"/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    assert.match(text, /"status":"admitted"/);
    // exactly one admission recorded
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit WHERE visit_id = $1 AND action = 'call.admitted'",
      [id],
    );
    assert.equal(rows[0]!.n, 1);
    measured(
      `replica ${victim.name} killed before an admission: answers ${statuses.join(', ')} through the balancer, ` +
        `stream back in ${((Date.now() - t0) / 1000).toFixed(1)} s, 1 admission in the database`,
    );
  });
});

async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(250);
  }
}
