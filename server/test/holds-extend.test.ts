// Asking for more time on a hold (WCAG 2.2.1): POST /holds/{id}/extend gives 10 more minutes, once, to its
// owner only; the extended hold still books. SQLite always, PostgreSQL when VISIT_KIT_TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as S from '../schemas.js';
import { TARGETS, makeSlot, startServer, type TestServer } from './helpers.js';

for (const target of TARGETS) {
  describe(`hold extension (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(target.name);
    });
    after(() => t?.close());

    test('extends once by 10 minutes, only for its owner; a second ask is a conflict; it still books', async () => {
      const { slotId } = await makeSlot(t, t.day(5), 2, 'video', '13:00', '13:30');
      const a = await t.family();
      const b = await t.family();
      const hold = await t.call('POST', '/api/v1/holds', {
        token: a.token,
        body: { prisonerId: a.prisonerId, slotId },
      });
      assert.equal(hold.status, 201, hold.text);
      const path = `/api/v1/holds/${hold.body.id}/extend`;

      assert.equal((await t.call('POST', path, { token: b.token })).status, 404, 'not the owner');
      assert.equal((await t.call('POST', path)).status, 401, 'signed in only');

      const extended = await t.call('POST', path, { token: a.token });
      assert.equal(extended.status, 200, extended.text);
      const body = S.Hold.parse(extended.body);
      assert.equal(body.id, hold.body.id);
      assert.equal(Date.parse(body.expiresAt) - Date.parse(hold.body.expiresAt), 10 * 60_000);

      const again = await t.call('POST', path, { token: a.token });
      assert.equal(again.status, 409, again.text);
      assert.equal(again.body.code, 'conflict');

      const booking = await t.call('POST', '/api/v1/bookings', {
        token: a.token,
        body: { holdId: hold.body.id, visitorIds: [a.userId], contact: {} },
      });
      assert.equal(booking.status, 201, booking.text);
      const used = await t.call('POST', path, { token: a.token });
      assert.equal(used.status, 409);
      assert.equal(used.body.code, 'hold-expired', 'a used hold cannot be extended');
    });

    test('two asks at once: exactly one extends', async () => {
      const { slotId } = await makeSlot(t, t.day(6), 2, 'video', '15:00', '15:30');
      const a = await t.family();
      const hold = await t.call('POST', '/api/v1/holds', {
        token: a.token,
        body: { prisonerId: a.prisonerId, slotId },
      });
      assert.equal(hold.status, 201, hold.text);
      const path = `/api/v1/holds/${hold.body.id}/extend`;
      const answers = await Promise.all([1, 2, 3].map(() => t.call('POST', path, { token: a.token })));
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409, 409]);
    });
  });
}
