// Visit allowance adjustments: staff grant or remove visits with a reason, atomically and audited; the history is
// staff's, the balance the family's to see; the balance stays between 0 and the maximum.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as S from '../schemas.js';
import * as O from '../schemas-on-behalf.js';
import { TARGETS, makeSlot, startServer, type TestServer } from './helpers.js';

for (const target of TARGETS) {
  describe(`visit allowance adjustments (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    let nmi: string;
    let glr: string;
    before(async () => {
      t = await startServer(target.name);
      nmi = await t.staffToken('NMI');
      glr = await t.staffToken('GLR');
    });
    after(() => t?.close());

    const adjust = (token: string, prisoner: string, body: unknown, headers: Record<string, string> = {}) =>
      t.call('POST', `/api/v1/staff/prisoners/${prisoner}/allowance/adjustments`, { token, body, headers });

    test('grant and remove with a reason: balance, history newest first, audit; the family sees the balance', async () => {
      const f = await t.family({ allowance: 2 });
      const granted = await adjust(nmi, f.prisonerId, { delta: 3, reason: 'governor-adjustment' });
      assert.equal(granted.status, 201, granted.text);
      const body = O.AllowanceHistory.extend({ adjustment: O.AllowanceAdjustment }).parse(granted.body);
      assert.equal(body.allowance.remaining, 5);
      assert.equal(body.adjustment.balanceAfter, 5);
      assert.equal(body.adjustment.staff, 'usr-staff-nmi');
      // by prison number too
      const removed = await adjust(nmi, f.prisonNumber.toLowerCase(), {
        delta: -1,
        reason: 'other',
        note: 'Booked on the phone line before the system',
      });
      assert.equal(removed.status, 201, removed.text);
      assert.equal(removed.body.allowance.remaining, 4);
      const history = await t.call('GET', `/api/v1/staff/prisoners/${f.prisonerId}/allowance`, {
        token: nmi,
      });
      assert.equal(history.status, 200);
      const parsed = O.AllowanceHistory.parse(history.body);
      assert.deepEqual(
        parsed.adjustments.map((a) => [a.delta, a.reason, a.balanceAfter]),
        [
          [-1, 'other', 4],
          [3, 'governor-adjustment', 5],
        ],
      );
      assert.equal(parsed.adjustments[0]?.note, 'Booked on the phone line before the system');
      assert.equal(parsed.max, 26);
      const audit = await t.server.ctx.store.db
        .selectFrom('audit')
        .selectAll()
        .where('subject', '=', `prisoner:${f.prisonerId}`)
        .where('action', '=', 'allowance.adjusted')
        .orderBy('seq')
        .execute();
      assert.equal(audit.length, 2);
      assert.equal(audit[0]?.actor, 'usr-staff-nmi');
      assert.deepEqual(JSON.parse(audit[0]!.details), {
        delta: 3,
        before: 2,
        after: 5,
        reason: 'governor-adjustment',
      });
      // the family sees the balance it has left (not the history)
      const mine = await t.call('GET', `/api/v1/prisoners/${f.prisonerId}/allowance`, { token: f.token });
      assert.equal(S.Allowance.parse(mine.body).remaining, 4);
      assert.equal(
        (await t.call('GET', `/api/v1/staff/prisoners/${f.prisonerId}/allowance`, { token: f.token })).status,
        403,
      );
    });

    test('never below zero nor above the maximum: a clear problem, in Welsh too, and nothing changes', async () => {
      const f = await t.family({ allowance: 1 });
      const below = await adjust(nmi, f.prisonerId, { delta: -2, reason: 'corrective-action' });
      assert.equal(below.status, 422);
      assert.equal(below.body.code, 'allowance-limit');
      assert.equal(below.body.detail, 'That would take the balance below zero: it is 1 now.');
      const welsh = await adjust(
        nmi,
        f.prisonerId,
        { delta: -2, reason: 'corrective-action' },
        { 'accept-language': 'cy' },
      );
      assert.equal(welsh.body.detail, 'Byddai hynny’n mynd â’r balans o dan sero: 1 yw’r balans nawr.');
      const above = await adjust(nmi, f.prisonerId, { delta: 26, reason: 'governor-adjustment' });
      assert.equal(above.status, 422);
      assert.match(above.body.detail, /above the most it may hold \(26\)/);
      const toZero = await adjust(nmi, f.prisonerId, { delta: -1, reason: 'exchange-for-phone-credit' });
      assert.equal(toZero.body.allowance.remaining, 0);
      const history = await t.call('GET', `/api/v1/staff/prisoners/${f.prisonerId}/allowance`, {
        token: nmi,
      });
      assert.equal(history.body.adjustments.length, 1, 'refused adjustments leave no row');
    });

    test('validation: non-zero, bounded, a known reason, a note for "other"', async () => {
      const f = await t.family();
      const cases: [unknown, string][] = [
        [{ delta: 0, reason: 'governor-adjustment' }, 'delta'],
        [{ delta: 27, reason: 'governor-adjustment' }, 'delta'],
        [{ delta: 1.5, reason: 'governor-adjustment' }, 'delta'],
        [{ delta: 1, reason: 'because' }, 'reason'],
        [{ delta: 1 }, 'reason'],
        [{ delta: 1, reason: 'other' }, 'note'],
        [{ delta: 1, reason: 'other', note: '   ' }, 'note'],
      ];
      for (const [body, path] of cases) {
        const r = await adjust(nmi, f.prisonerId, body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.ok(
          r.body.errors.some((e: { path: string }) => e.path === path),
          `${JSON.stringify(body)} → ${r.text}`,
        );
      }
      const zero = await adjust(nmi, f.prisonerId, { delta: 0, reason: 'governor-adjustment' });
      assert.equal(zero.body.errors[0].message, 'Must not be zero');
    });

    test('only staff of the person’s prison', async () => {
      const f = await t.family();
      assert.equal(
        (await adjust(glr, f.prisonerId, { delta: 1, reason: 'governor-adjustment' })).status,
        404,
      );
      assert.equal(
        (await t.call('GET', `/api/v1/staff/prisoners/${f.prisonerId}/allowance`, { token: glr })).status,
        404,
      );
      assert.equal(
        (await adjust(f.token, f.prisonerId, { delta: 1, reason: 'governor-adjustment' })).status,
        403,
      );
      assert.equal((await adjust('', f.prisonerId, { delta: 1, reason: 'governor-adjustment' })).status, 401);
    });

    test('a granted visit can be booked; a removal racing a booking never takes the balance below zero', async () => {
      const f = await t.family({ allowance: 0 });
      const { slotId } = await makeSlot(t, t.day(4), 5);
      const hold = await t.call('POST', '/api/v1/holds', {
        token: f.token,
        body: { prisonerId: f.prisonerId, slotId },
      });
      const refused = await t.call('POST', '/api/v1/bookings', {
        token: f.token,
        body: { holdId: hold.body.id, visitorIds: [f.userId], contact: {} },
      });
      assert.equal(refused.body.code, 'no-allowance');
      await adjust(nmi, f.prisonerId, { delta: 1, reason: 'governor-adjustment' });
      // a booking and a removal of the one visit at once: exactly one of them gets it
      const [booking, removal] = await Promise.all([
        t.call('POST', '/api/v1/bookings', {
          token: f.token,
          body: { holdId: hold.body.id, visitorIds: [f.userId], contact: {} },
        }),
        adjust(nmi, f.prisonerId, { delta: -1, reason: 'corrective-action' }),
      ]);
      const row = await t.server.ctx.store.db
        .selectFrom('prisoners')
        .select('allowance_remaining')
        .where('id', '=', f.prisonerId)
        .executeTakeFirstOrThrow();
      assert.equal(row.allowance_remaining, 0);
      assert.equal(
        [booking.status === 201, removal.status === 201].filter(Boolean).length,
        1,
        `exactly one of them used the visit (booking ${booking.status}, removal ${removal.status})`,
      );
    });
  });
}
