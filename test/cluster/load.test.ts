// A short, bounded load on the whole cluster (scripts/cluster.ts: two LiveKit nodes on Redis, two backend
// replicas behind haproxy, PostgreSQL): three visits at once, each opened, admitted and given its tokens by the
// real backend, joined by Node participants (@livekit/rtc-node, bench/visit-load.ts) that publish generated
// audio and video, with the hidden staff monitor subscribed. It asserts what the ramp of
// `npm run bench -- cluster-load` relies on: rooms on live nodes, frames arriving at every subscriber, the
// monitor unseen, and the backend's count of active calls agreeing with LiveKit's rooms. No timing targets.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RoomServiceClient } from 'livekit-server-sdk';
import { startCluster, type Cluster } from '../../scripts/cluster.js';
import { ClusterApi, disposeRtc, VisitLoad, within } from '../../bench/visit-load.js';

const VISITS = 3;
let cluster: Cluster;
let api: ClusterApi;
let load: VisitLoad;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const measured = (line: string) => process.stdout.write(`# measured: ${line}\n`);

/** A gauge or counter summed over its label sets, from a Prometheus text page. */
async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  const values = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+-]+)$`, 'gm'))];
  assert.ok(values.length > 0, `no ${name} at ${url}`);
  return values.reduce((sum, m) => sum + Number(m[1]), 0);
}

before(async () => {
  cluster = await startCluster();
  api = new ClusterApi(cluster);
  load = new VisitLoad(api);
});

after(async () => {
  await load?.close();
  await api?.close();
  await cluster?.stop();
  await disposeRtc();
});

test(
  `${VISITS} visits with publishing Node clients: frames at every subscriber, backend and LiveKit agree`,
  { timeout: 90_000 },
  async () => {
    assert.equal(await api.activeCalls(), 0, 'a fresh cluster has no active calls');
    for (let i = 0; i < VISITS; i++) await within(30_000, 'opening a visit', load.open());

    // every room is on a live node; how they spread depends on what earlier tests left on each node (the
    // spread itself is asserted on a fresh cluster in cluster.test.ts), so it is reported, not asserted
    const nodes = load.visits.map((v) => cluster.nodeOfRoom(v.room));
    assert.ok(
      nodes.every((n) => n !== undefined),
      `every room is on a node: ${nodes}`,
    );
    console.log(`[measure] ${VISITS} load rooms on ${nodes.join(', ')}`);

    // every subscriber receives video from the participants it should, and only from them: the prisoner
    // and the family from each other, the monitor from both; nobody sees the hidden monitor
    const pairs = VISITS * 4;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { received } = load.snapshot();
      if ([...received.values()].filter((n) => n > 0).length === pairs) break;
      if (Date.now() > deadline)
        assert.fail(`video reached only some subscribers: ${JSON.stringify(Object.fromEntries(received))}`);
      await sleep(250);
    }
    for (const visit of load.visits) {
      const [prisoner, family, monitor] = visit.peers;
      assert.deepEqual([...prisoner!.received.keys()], ['visitor:usr-sam']);
      assert.deepEqual([...family!.received.keys()], ['prisoner:prs-A1234BC']);
      assert.deepEqual([...monitor!.received.keys()].sort(), ['prisoner:prs-A1234BC', 'visitor:usr-sam']);
      for (const peer of [prisoner!, family!])
        assert.ok(
          ![...peer.room.remoteParticipants.keys()].some((identity) => identity.startsWith('staff:')),
          `${peer.identity} sees the monitor`,
        );
    }

    // frames keep arriving (a frozen stream would not count)
    const before = load.snapshot().received;
    await sleep(5000);
    const later = load.snapshot().received;
    const fps = [...later].map(([key, n]) => [key, (n - (before.get(key) ?? 0)) / 5] as const);
    for (const [key, rate] of fps) assert.ok(rate > 0, `${key}: no new frames in 5 s`);
    measured(
      `received fps per subscribed track over 5 s: ${fps.map(([, r]) => r.toFixed(1)).join(', ')} (sent at 15)`,
    );

    // the backend's gauge (read from the database, the same on both replicas) and LiveKit's own rooms and
    // participants agree: three calls, three rooms
    for (const backend of cluster.backends)
      assert.equal(await metric(`${backend.url}/metrics`, 'visitkit_active_calls'), VISITS, backend.name);
    let rooms = 0;
    for (const node of cluster.nodes) rooms += await metric(node.metricsUrl, 'livekit_room_total');
    assert.equal(rooms, VISITS);
    // each room, asked through the balancer: the prisoner, the family, and the staff monitor hidden
    const service = new RoomServiceClient(
      cluster.livekitUrl.replace('ws://', 'http://'),
      cluster.apiKey,
      cluster.apiSecret,
    );
    for (const visit of load.visits) {
      const participants = await service.listParticipants(visit.room);
      assert.deepEqual(
        participants.map((p) => `${p.identity}${p.permission?.hidden ? ' (hidden)' : ''}`).sort(),
        ['prisoner:prs-A1234BC', 'staff:usr-staff-nmi (hidden)', 'visitor:usr-sam'],
      );
    }
    const admissions = await Promise.all(
      cluster.backends.map((b) => metric(`${b.url}/metrics`, 'visitkit_admissions_total')),
    );
    assert.equal(
      admissions.reduce((a, b) => a + b, 0),
      VISITS,
      `admissions per replica ${admissions}`,
    );
    measured(`rooms per node ${nodes.join(', ')}; admissions per replica ${admissions.join(', ')}`);
  },
);
