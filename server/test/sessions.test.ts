// Limits on what one session may hold open, and the session lifecycle (sign-out, idle and absolute
// timeouts, device removal).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TARGETS, openStream, startServer, until, type TestServer } from './helpers.js';

for (const target of TARGETS) {
  describe(`event stream limits (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(target.name, { rateLimits: { streamsPerPrincipal: 3 } });
    });
    after(() => t?.close());

    test('a caller may hold 3 streams at once: the 4th is 429 with Retry-After; others are unaffected; closing one frees a place', async () => {
      const staff = await t.staffToken('NMI');
      const url = `${t.url}/api/v1/staff/events`;
      const streams = await Promise.all([1, 2, 3].map(() => openStream(url, staff)));
      try {
        for (const s of streams) {
          assert.equal(s.response.status, 200);
          await s.next((e) => e.event === 'ready');
        }
        const fourth = await t.call('GET', '/api/v1/staff/events', { token: staff });
        assert.equal(fourth.status, 429);
        assert.equal(fourth.body.code, 'rate-limited');
        assert.ok(Number(fourth.headers.get('retry-after')) > 0, 'Retry-After');
        // another caller is not affected
        const other = await openStream(url, await t.staffToken('GLR'));
        assert.equal(other.response.status, 200);
        await other.close();
        await streams.pop()!.close();
        await until(async () => {
          const again = await openStream(url, staff);
          if (again.response.status === 200) {
            streams.push(again);
            return true;
          }
          await again.close();
          return false;
        }, 5000);
        assert.equal(streams.length, 3);
      } finally {
        for (const s of streams) await s.close();
      }
    });
  });
}

/** A kiosk paired with a code staff made now; answers the device id and its token. */
async function pairKiosk(t: TestServer, staff: string, label = 'Wing B kiosk') {
  const made = await t.call('POST', '/api/v1/staff/devices', {
    token: staff,
    body: { prisonerId: 'prs-A1234BC', label },
  });
  assert.equal(made.status, 201, made.text);
  const paired = await t.call('POST', '/api/v1/auth/device', {
    body: { pairingCode: made.body.pairingCode },
  });
  assert.equal(paired.status, 200, paired.text);
  return { deviceId: made.body.id as string, token: paired.body.token as string };
}

async function videoVisit(t: TestServer) {
  const created = await t.call('POST', '/api/dev/visits', {
    body: {
      prisonerId: 'prs-A1234BC',
      visitorUserId: 'usr-sam',
      startsInSeconds: 60,
      durationSeconds: 3600,
      type: 'video',
    },
  });
  assert.equal(created.status, 201, created.text);
  return created.body.id as string;
}

for (const target of TARGETS) {
  describe(`session lifecycle (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(target.name);
    });
    after(() => t?.close());

    test('sign-out ends this session only (and its open stream); sign-out-everywhere ends every one', async () => {
      const one = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
      const two = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
      const three = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
      const visitId = await videoVisit(t);
      const stream = await openStream(`${t.url}/api/v1/visits/${visitId}/events`, one);
      try {
        await stream.next((e) => e.event === 'state');
        assert.equal((await t.call('POST', '/api/v1/auth/sign-out', { token: one })).status, 204);
        await until(() => stream.ended, 5000, 20);
        const after = await t.call('GET', '/api/v1/me', { token: one });
        assert.equal(after.status, 401);
        assert.equal(after.body.code, 'unauthenticated');
        assert.equal(
          (await t.call('GET', '/api/v1/me', { token: two })).status,
          200,
          'the other session lives',
        );
      } finally {
        await stream.close();
      }
      assert.equal((await t.call('POST', '/api/v1/auth/sign-out-everywhere', { token: two })).status, 204);
      for (const token of [two, three])
        assert.equal((await t.call('GET', '/api/v1/me', { token })).status, 401);
      assert.equal((await t.call('POST', '/api/v1/auth/sign-out', { token: two })).status, 401);
      // a new sign-in is not affected
      const fresh = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
      assert.equal((await t.call('GET', '/api/v1/me', { token: fresh })).status, 200);
      const trail = await t.server.ctx.store.db
        .selectFrom('audit')
        .select('action')
        .where('actor', '=', 'usr-sam')
        .where('action', 'like', 'session.signed-out%')
        .execute();
      assert.deepEqual(trail.map((a) => a.action).sort(), [
        'session.signed-out',
        'session.signed-out-everywhere',
      ]);
    });

    test('an idle session ends after 2 hours without a request; a request keeps it alive (clock moved)', async () => {
      const realNow = t.server.ctx.now;
      let offsetMs = 0;
      t.server.ctx.now = () => new Date(Date.now() + offsetMs);
      try {
        const kept = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
        const idle = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
        offsetMs = 90 * 60_000;
        assert.equal((await t.call('GET', '/api/v1/me', { token: kept })).status, 200);
        offsetMs = 2 * 3600_000 + 60_000;
        const late = await t.call('GET', '/api/v1/me', { token: idle });
        assert.equal(late.status, 401);
        assert.match(late.body.detail, /without activity/);
        assert.equal((await t.call('GET', '/api/v1/me', { token: kept })).status, 200, 'used 31 minutes ago');
        // the absolute end (12 hours) holds however active the session was
        for (const hours of [3.5, 5, 6.5, 8, 9.5, 11]) {
          offsetMs = hours * 3600_000;
          assert.equal((await t.call('GET', '/api/v1/me', { token: kept })).status, 200, `${hours} h`);
        }
        offsetMs = 12 * 3600_000 + 60_000;
        assert.equal((await t.call('GET', '/api/v1/me', { token: kept })).status, 401);
      } finally {
        t.server.ctx.now = realNow;
      }
    });

    test('staff list their prison’s devices and remove one: its open stream closes and its next request is 401', async () => {
      const staff = await t.staffToken('NMI');
      const { deviceId, token } = await pairKiosk(t, staff);
      const visitId = await videoVisit(t);
      const listed = await t.call('GET', '/api/v1/staff/devices', { token: staff });
      assert.equal(listed.status, 200, listed.text);
      const mine = listed.body.find((d: { id: string }) => d.id === deviceId);
      assert.equal(mine.label, 'Wing B kiosk');
      assert.equal(mine.prisoner.prisonNumber, 'A1234BC');
      assert.ok(mine.pairedAt && mine.lastSeenAt, 'paired and seen');
      const elsewhere = await t.call('GET', '/api/v1/staff/devices', { token: await t.staffToken('GLR') });
      assert.ok(
        !elsewhere.body.some((d: { id: string }) => d.id === deviceId),
        'other prisons do not see it',
      );
      assert.equal(
        (await t.call('DELETE', `/api/v1/staff/devices/${deviceId}`, { token: await t.staffToken('GLR') }))
          .status,
        404,
      );
      assert.equal((await t.call('DELETE', `/api/v1/staff/devices/${deviceId}`, { token })).status, 403);
      const stream = await openStream(`${t.url}/api/v1/visits/${visitId}/events`, token);
      try {
        await stream.next((e) => e.event === 'state');
        const removed = await t.call('DELETE', `/api/v1/staff/devices/${deviceId}`, { token: staff });
        assert.equal(removed.status, 204, removed.text);
        await until(() => stream.ended, 5000, 20);
      } finally {
        await stream.close();
      }
      assert.equal((await t.call('GET', '/api/v1/me', { token })).status, 401);
      const again = await t.call('GET', '/api/v1/staff/devices', { token: staff });
      assert.ok(!again.body.some((d: { id: string }) => d.id === deviceId));
      const trail = await t.call('GET', '/api/v1/staff/audit', { token: staff });
      assert.ok(
        trail.body.some(
          (a: { action: string; subject: string }) =>
            a.action === 'device.removed' && a.subject === `device:${deviceId}`,
        ),
      );
    });
  });
}
