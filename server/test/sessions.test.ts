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
