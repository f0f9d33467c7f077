// deploy/grafana/visit-kit.json against what really exists: every metric its queries name is scraped from a
// real backend's /metrics (after a request and a booking, on SQLite and PostgreSQL) or from a real LiveKit
// node's Prometheus port. A renamed series in server/metrics.ts, or a typo in the dashboard, fails here.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureLivekit } from '../../scripts/ensure.mjs';
import { freePort } from '../../scripts/livekit.mjs';
import { TARGETS, book, makeSlot, startServer, until, type TestServer } from './helpers.js';

const root = resolve(import.meta.dirname, '../..');
interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}
const dashboard = JSON.parse(readFileSync(join(root, 'deploy/grafana/visit-kit.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; query: unknown }[] };
};
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
const exprs = panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
const variableQueries = dashboard.templating.list
  .map((v) => (typeof v.query === 'object' && v.query ? (v.query as { query: string }).query : ''))
  .filter((q) => q.includes('('));

/** Series names a PromQL expression reads: the words with our two prefixes (variables like $__x left out). */
function metricNames(expr: string): string[] {
  return [...expr.replace(/\$\{?\w+\}?/g, '').matchAll(/\b(?:visitkit|livekit)_[a-z0-9_]+\b/g)].map(
    (m) => m[0],
  );
}
const named = new Set([...exprs, ...variableQueries].flatMap(metricNames));

/** Names of the series in a Prometheus text exposition. */
function exposed(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(/[{ ]/, 1)[0]!),
  );
}

test('the dashboard has panels, each with a query, and names only our metrics and LiveKit’s', () => {
  assert.equal(dashboard.uid, 'visit-kit');
  const graphs = panels.filter((p) => p.type !== 'row');
  assert.ok(graphs.length >= 15, `${graphs.length} panels`);
  for (const p of graphs) assert.ok(p.targets?.length, `${p.title} has no query`);
  for (const expr of exprs) {
    // every word that looks like a series name (has an underscore, not a PromQL function) has our prefixes
    const words = expr
      .replace(/\$\{?\w+\}?/g, '')
      .replace(/"[^"]*"/g, '')
      .match(/\b[a-z][a-z0-9]*_[a-z0-9_]+\b/g);
    for (const word of words ?? [])
      if (!['histogram_quantile', 'label_values'].includes(word))
        assert.match(word, /^(visitkit|livekit)_/, `${word} in ${expr}`);
  }
  // what issue 15 asks the dashboard to show
  for (const wanted of [
    'visitkit_http_requests_total',
    'visitkit_http_request_duration_seconds_bucket',
    'visitkit_bookings_total',
    'visitkit_admissions_total',
    'visitkit_active_calls',
    'visitkit_lost_time_credited_seconds_total',
    'visitkit_event_stream_listeners',
    'visitkit_db_pool_connections',
    'visitkit_db_pool_waiting',
    'livekit_room_total',
    'livekit_participant_total',
  ])
    assert.ok(named.has(wanted), `no panel shows ${wanted}`);
});

for (const target of TARGETS) {
  describe(
    `every backend metric on the dashboard is exported (${target.name})`,
    { skip: target.skip },
    () => {
      let t: TestServer;
      before(async () => {
        t = await startServer(target.name, { replicaName: 'replica-1' });
      });
      after(() => t?.close());

      test('scraped /metrics after a booking has each visitkit_ series the dashboard reads', async () => {
        const family = await t.family();
        const { slotId } = await makeSlot(t, t.day(3), 2);
        await book(t, family, slotId);
        const text = await (await fetch(`${t.url}/metrics`)).text();
        const have = exposed(text);
        // the pool exists only on PostgreSQL (SQLite has no pool): those are checked on that target
        const expected = [...named]
          .filter((n) => n.startsWith('visitkit_'))
          .filter((n) => target.name === 'postgres' || !n.startsWith('visitkit_db_pool_'));
        const missing = expected.filter((n) => !have.has(n));
        assert.deepEqual(
          missing,
          [],
          `the dashboard reads series the server does not export: ${missing.join(', ')}`,
        );
        assert.ok(expected.length >= 12, `${expected.length} backend series checked`);
        console.log(`# ${target.name}: ${expected.length} backend series on the dashboard, all exported`);
      });
    },
  );
}

const livekit = (() => {
  try {
    const found = ensureLivekit();
    return 'binary' in found ? found.binary : undefined;
  } catch {
    return undefined;
  }
})();

describe(
  'every LiveKit metric on the dashboard is exported',
  {
    skip: livekit
      ? false
      : 'no local livekit-server binary (LIVEKIT_URL points elsewhere, or none could be built)',
  },
  () => {
    let child: ReturnType<typeof spawn> | undefined;
    let dir: string;
    let metricsPort: number;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'visit-kit-grafana-'));
      const [port, tcp, udp] = [await freePort(), await freePort(), await freePort()];
      metricsPort = await freePort();
      // the same prometheus_port setting deploy/topology.ts gives every node
      writeFileSync(
        join(dir, 'livekit.yaml'),
        `port: ${port}\nbind_addresses: ["127.0.0.1"]\nprometheus_port: ${metricsPort}\nrtc:\n  tcp_port: ${tcp}\n  udp_port: ${udp}\n  use_external_ip: false\n  node_ip: 127.0.0.1\nkeys:\n  grafana: grafana-test-secret-grafana-test-secret\n`,
      );
      child = spawn(livekit!, ['--config', join(dir, 'livekit.yaml')], { stdio: 'ignore' });
    });
    after(() => {
      child?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    test('a LiveKit node’s Prometheus port has each livekit_ series the dashboard reads', async () => {
      const expected = [...named].filter((n) => n.startsWith('livekit_'));
      let missing = expected;
      // some node gauges are first written a few seconds after start: scrape until all are there, or 20 s
      await until(
        async () => {
          const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).catch(() => undefined);
          if (!res?.ok) return false;
          const have = exposed(await res.text());
          missing = expected.filter((n) => !have.has(n));
          return missing.length === 0;
        },
        20_000,
        250,
      ).catch(() => undefined);
      assert.deepEqual(
        missing,
        [],
        `the dashboard reads series LiveKit does not export: ${missing.join(', ')}`,
      );
      console.log(`# livekit: ${expected.length} series on the dashboard, all exported`);
    });
  },
);
