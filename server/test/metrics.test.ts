// Observability: /metrics after a real visit (booked, knocked, admitted, a connection lost and credited), liveness
// apart from readiness, request ids, and the optional bearer on /metrics. Against SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { AccessToken } from 'livekit-server-sdk';
import { freePort } from '../../scripts/livekit.mjs';
import { TARGETS, book, makeSlot, openStream, startServer, type TestServer } from './helpers.js';

/** The value of one series in Prometheus text format, or undefined when it is absent. */
function series(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const found = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!found) continue;
    const have = Object.fromEntries(
      [...(found[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]] as [string, string]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(found[2]);
  }
  return undefined;
}

for (const target of TARGETS) {
  describe(`metrics, health and request ids (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    const apiKey = 'metrics-test';
    const apiSecret = 'metrics-test-secret-metrics-test-secret';
    before(async () => {
      // LiveKit configured but not running (a closed port): webhooks verify, readiness sees LiveKit down
      const closed = await freePort();
      t = await startServer(target.name, {
        livekit: { url: `ws://127.0.0.1:${closed}`, apiKey, apiSecret },
        replicaName: 'replica-1',
        metricsToken: 'scrape-me',
      });
    });
    after(() => t?.close());

    const scrape = async () => {
      const response = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
      return response.text();
    };
    const webhook = async (body: object) => {
      const json = JSON.stringify(body);
      const at = new AccessToken(apiKey, apiSecret);
      at.sha256 = createHash('sha256').update(json).digest('base64');
      return fetch(`${t.url}/api/livekit/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() },
        body: json,
      });
    };

    test('/metrics counts a visit: booking, admission, lost time credited, streams, requests by route', async () => {
      const start = await scrape();
      assert.equal(series(start, 'visitkit_bookings_total', { replica: 'replica-1' }), 0);
      assert.equal(series(start, 'visitkit_admissions_total'), 0);

      // a booking through the real booking flow
      const family = await t.family();
      const { slotId } = await makeSlot(t, t.day(3), 2);
      await book(t, family, slotId);
      // a video visit opening now: knock, admit, join, lose the connection for 25 s, come back
      const created = await t.call('POST', '/api/dev/visits', {
        body: {
          prisonerId: family.prisonerId,
          visitorUserId: family.userId,
          startsInSeconds: 60,
          durationSeconds: 600,
          type: 'video',
        },
      });
      assert.equal(created.status, 201, created.text);
      const visitId = created.body.id as string;
      const staff = await t.staffToken('NMI');
      assert.equal(
        (await t.call('POST', `/api/v1/visits/${visitId}/call/knock`, { token: family.token })).status,
        200,
      );
      const stream = await openStream(`${t.url}/api/v1/visits/${visitId}/events`, family.token);
      try {
        assert.equal(
          (await t.call('POST', `/api/v1/staff/visits/${visitId}/admit`, { token: staff })).status,
          200,
        );
        const now = Math.floor(Date.now() / 1000);
        const room = { name: `visit-${visitId}` };
        const participant = { identity: `visitor:${family.userId}` };
        for (const [n, event, ago] of [
          [1, 'participant_joined', 60],
          [2, 'participant_left', 40],
          [3, 'participant_joined', 15],
        ] as const) {
          const sent = await webhook({
            event,
            id: `EV_${visitId}_${n}`,
            createdAt: String(now - ago),
            room,
            participant,
          });
          assert.equal(sent.status, 200);
        }

        const text = await scrape();
        // two visits booked (the booking and the dev visit), one admission, 25 s credited once
        assert.equal(series(text, 'visitkit_bookings_total'), 2);
        assert.equal(series(text, 'visitkit_admissions_total'), 1);
        assert.equal(series(text, 'visitkit_lost_time_credited_seconds_total'), 25);
        assert.equal(series(text, 'visitkit_lost_time_credits_total'), 1);
        assert.equal(series(text, 'visitkit_active_calls'), 1);
        assert.ok(series(text, 'visitkit_event_stream_listeners')! >= 1, 'the open visit stream is counted');
        // requests by route pattern (no ids in labels)
        const admit = { method: 'POST', route: '/api/v1/staff/visits/:visitId/admit' };
        assert.equal(series(text, 'visitkit_http_requests_total', { ...admit, status: '200' }), 1);
        assert.equal(series(text, 'visitkit_http_request_duration_seconds_count', admit), 1);
        assert.equal(
          series(text, 'visitkit_http_requests_total', {
            method: 'POST',
            route: '/api/livekit/webhook',
            status: '200',
          }),
          3,
        );
        assert.ok(!text.includes(visitId), 'no visit id in any label');
        if (target.name === 'postgres') assert.ok(series(text, 'visitkit_db_pool_connections')! >= 1);
        else assert.equal(series(text, 'visitkit_db_pool_connections'), undefined);
      } finally {
        await stream.close();
      }
    });

    test('/metrics needs the bearer token when one is configured', async () => {
      assert.equal((await fetch(`${t.url}/metrics`)).status, 401);
      assert.equal(
        (await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
        401,
      );
    });

    test('liveness apart from readiness: /livez is up while /readyz says LiveKit is unreachable', async () => {
      const live = await fetch(`${t.url}/livez`);
      assert.equal(live.status, 200);
      const ready = await fetch(`${t.url}/readyz`);
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { status: 'not-ready', database: 'ok', livekit: 'down' });
    });

    test('readiness fails when the database is unreachable', async () => {
      const other = await startServer(target.name);
      try {
        // no LiveKit configured: ready on the database alone
        assert.equal((await fetch(`${other.url}/readyz`)).status, 200);
        await other.server.ctx.store.close();
        const ready = await fetch(`${other.url}/readyz`);
        assert.equal(ready.status, 503);
        assert.equal(((await ready.json()) as { database: string }).database, 'down');
        assert.equal((await fetch(`${other.url}/livez`)).status, 200);
      } finally {
        await other.close().catch(() => {});
        await other.db.drop();
      }
    });

    test('request ids: a given one is echoed, otherwise one is made', async () => {
      const given = await fetch(`${t.url}/api/health`, { headers: { 'x-request-id': 'lb-1234.abc' } });
      assert.equal(given.headers.get('x-request-id'), 'lb-1234.abc');
      const made = await fetch(`${t.url}/api/health`);
      assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
      // something that is not a plain id (log injection) is replaced
      const odd = await fetch(`${t.url}/api/health`, { headers: { 'x-request-id': 'a b\tc' } });
      assert.notEqual(odd.headers.get('x-request-id'), 'a b\tc');
    });
  });
}
