import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TARGETS, makeSlot, startServer, type Family, type TestServer } from './helpers.js';

type Actor = 'anon' | 'owner' | 'otherFamily' | 'staffSame' | 'staffOther' | 'kioskSame' | 'kioskOther';

for (const target of TARGETS) {
  describe(`authorisation matrix: role × resource (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    let tokens: Record<Actor, string | undefined>;
    let visitId: string;
    let reference: string;
    let owner: Family;
    let other: Family;
    let otherHold: string;
    before(async () => {
      t = await startServer(target.name);
      owner = await t.family();
      other = await t.family();
      // a video visit between the owner's family and its prisoner, open now (dev route bypasses booking)
      const v = await t.call('POST', '/api/dev/visits', {
        body: {
          prisonerId: owner.prisonerId,
          visitorUserId: owner.userId,
          startsInSeconds: 60,
          durationSeconds: 3600,
          type: 'video',
        },
      });
      visitId = v.body.id;
      reference = v.body.reference;
      const device = (prisonerId: string) =>
        t.tokenFor({ id: `dev-${prisonerId}`, role: 'prisoner', prisonerId });
      await t.server.ctx.store.db
        .insertInto('devices')
        .values(
          [owner, other].map((f) => ({
            id: `dev-${f.prisonerId}`,
            prisoner_id: f.prisonerId,
            label: 'x',
            pairing_code: `P-${f.prisonerId}`,
            pairing_expires_at: '2000-01-01T00:00:00.000Z',
            reusable: 0,
            paired_at: null,
            created_by: 'test',
            created_at: '2000-01-01T00:00:00.000Z',
          })),
        )
        .execute();
      tokens = {
        anon: undefined,
        owner: owner.token,
        otherFamily: other.token,
        staffSame: await t.staffToken('NMI'),
        staffOther: await t.staffToken('GLR'),
        kioskSame: await device(owner.prisonerId),
        kioskOther: await device(other.prisonerId),
      };
      const { slotId } = await makeSlot(t, t.day(3), 5);
      const hold = await t.call('POST', '/api/v1/holds', {
        token: other.token,
        body: { prisonerId: other.prisonerId, slotId },
      });
      otherHold = hold.body.id;
    });
    after(() => t?.close());

    // [method, path, body, expected status per actor] — 2xx written as 200 means "allowed"
    const X = 'allowed';
    type Expect = number | typeof X;
    const rows = (): [string, string, unknown, Partial<Record<Actor, Expect>>][] => [
      [
        'GET',
        `/api/v1/visits/${visitId}`,
        undefined,
        {
          anon: 401,
          owner: X,
          otherFamily: 404,
          staffSame: X,
          staffOther: 404,
          kioskSame: X,
          kioskOther: 404,
        },
      ],
      [
        'GET',
        `/api/v1/visits/${reference}`,
        undefined,
        { owner: X, otherFamily: 404, staffOther: 404, kioskOther: 404 },
      ],
      [
        'GET',
        `/api/v1/visits/${visitId}/calendar.ics`,
        undefined,
        { anon: 401, owner: X, otherFamily: 404, staffSame: 403, kioskSame: 403 },
      ],
      [
        'GET',
        `/api/v1/visits/${visitId}/call`,
        undefined,
        {
          anon: 401,
          owner: X,
          otherFamily: 404,
          staffSame: X,
          staffOther: 404,
          kioskSame: X,
          kioskOther: 404,
        },
      ],
      [
        'POST',
        `/api/v1/visits/${visitId}/call/knock`,
        undefined,
        { anon: 401, otherFamily: 404, staffSame: 403, staffOther: 403, kioskOther: 404 },
      ],
      [
        'POST',
        `/api/v1/visits/${visitId}/call/token`,
        undefined,
        { anon: 401, otherFamily: 404, staffSame: 403, kioskOther: 404 },
      ],
      [
        'POST',
        `/api/v1/visits/${visitId}/cancel`,
        { reason: 'booker-cancelled' },
        { anon: 401, otherFamily: 404, staffOther: 404, kioskSame: 403, kioskOther: 403 },
      ],
      [
        'POST',
        `/api/v1/visits/${visitId}/change`,
        { holdId: otherHold },
        { anon: 401, otherFamily: 404, staffSame: 403, kioskSame: 403 },
      ],
      [
        'POST',
        `/api/v1/staff/visits/${visitId}/admit`,
        undefined,
        { anon: 401, owner: 403, otherFamily: 403, staffOther: 404, kioskSame: 403 },
      ],
      [
        'POST',
        `/api/v1/staff/visits/${visitId}/deny`,
        { reason: 'other' },
        { owner: 403, staffOther: 404, kioskSame: 403 },
      ],
      [
        'POST',
        `/api/v1/staff/visits/${visitId}/warn`,
        { message: 'hi' },
        { owner: 403, staffOther: 404, kioskSame: 403 },
      ],
      [
        'POST',
        `/api/v1/staff/visits/${visitId}/end`,
        { reason: 'other' },
        { owner: 403, staffOther: 404, kioskSame: 403 },
      ],
      [
        'POST',
        `/api/v1/staff/visits/${visitId}/monitor-token`,
        undefined,
        { owner: 403, staffOther: 404, kioskSame: 403 },
      ],
      [
        'POST',
        `/api/v1/staff/visits/${visitId}/outcome`,
        { outcome: 'completed' },
        { owner: 403, staffOther: 404, kioskSame: 403 },
      ],
      [
        'POST',
        `/api/v1/staff/visits/${visitId}/incident`,
        { note: 'x' },
        { owner: 403, staffOther: 404, kioskSame: 403, staffSame: X },
      ],
      [
        'POST',
        `/api/v1/staff/bookings/${visitId}/decision`,
        { decision: 'approve' },
        { owner: 403, staffOther: 404, kioskSame: 403 },
      ],
      [
        'GET',
        `/api/v1/visits/${visitId}/events`,
        undefined,
        { anon: 401, otherFamily: 404, staffOther: 404, kioskOther: 404 },
      ],
      [
        'GET',
        `/api/v1/staff/audit?visitId=${visitId}`,
        undefined,
        { anon: 401, owner: 403, staffOther: 404, staffSame: X, kioskSame: 403 },
      ],
      ['GET', '/api/v1/staff/visits', undefined, { anon: 401, owner: 403, kioskSame: 403, staffSame: X }],
      ['GET', '/api/v1/staff/approvals', undefined, { anon: 401, owner: 403, kioskSame: 403, staffSame: X }],
      ['GET', '/api/v1/staff/events', undefined, { anon: 401, owner: 403, kioskSame: 403 }],
      [
        'GET',
        '/api/v1/staff/session-templates',
        undefined,
        { anon: 401, owner: 403, kioskSame: 403, staffSame: X },
      ],
      [
        'PATCH',
        '/api/v1/staff/session-templates/tpl-nmi-v-1-0930',
        { capacity: 4 },
        { owner: 403, staffOther: 404, kioskSame: 403 },
      ],
      [
        'DELETE',
        '/api/v1/staff/session-templates/tpl-nmi-v-1-0930',
        undefined,
        { owner: 403, staffOther: 404 },
      ],
      [
        'POST',
        '/api/v1/staff/excluded-dates',
        { date: '2031-01-01', reason: 'x' },
        { owner: 403, kioskSame: 403 },
      ],
      [
        'POST',
        '/api/v1/staff/devices',
        { prisonerId: owner.prisonerId, label: 'x' },
        { owner: 403, staffOther: 404, kioskSame: 403 },
      ],
      [
        'POST',
        `/api/v1/staff/links/${owner.linkId}/decision`,
        { decision: 'approve' },
        { owner: 403, staffOther: 404 },
      ],
      [
        'POST',
        `/api/v1/staff/visitors/${owner.pendingId}/decision`,
        { decision: 'approve' },
        { owner: 403, staffOther: 404 },
      ],
      ['GET', '/api/v1/links', undefined, { anon: 401, owner: X, staffSame: 403, kioskSame: 403 }],
      [
        'GET',
        `/api/v1/links/${owner.linkId}/visitors`,
        undefined,
        { owner: X, otherFamily: 404, staffSame: 403, kioskSame: 403 },
      ],
      [
        'POST',
        `/api/v1/links/${owner.linkId}/visitors`,
        { firstName: 'A', lastName: 'B', dateOfBirth: '2000-01-01', relationship: 'x' },
        { otherFamily: 404, staffSame: 403 },
      ],
      [
        'GET',
        `/api/v1/prisoners/${owner.prisonerId}/availability?from=${t.day(1)}&to=${t.day(2)}`,
        undefined,
        { anon: 401, owner: X, otherFamily: 404, staffSame: X, staffOther: 404, kioskSame: 403 },
      ],
      [
        'GET',
        `/api/v1/prisoners/${owner.prisonerId}/allowance`,
        undefined,
        { owner: X, otherFamily: 404, staffSame: X, staffOther: 404, kioskSame: 403 },
      ],
      [
        'POST',
        '/api/v1/holds',
        { prisonerId: owner.prisonerId, slotId: `tpl-nmi-v-1-0930.${t.day(9)}` },
        { anon: 401, otherFamily: 404, staffSame: 403, kioskSame: 403 },
      ],
      ['DELETE', `/api/v1/holds/${otherHold}`, undefined, { anon: 401, owner: 404, staffSame: 403 }],
      [
        'POST',
        '/api/v1/bookings',
        { holdId: otherHold, visitorIds: [owner.userId], contact: {} },
        { owner: 404, staffSame: 403, kioskSame: 403 },
      ],
      ['GET', '/api/v1/visits', undefined, { anon: 401, owner: X, kioskSame: X, staffSame: 403 }],
      ['PATCH', '/api/v1/me', { language: 'en' }, { anon: 401, staffSame: 403, kioskSame: 403 }],
    ];

    test('every role gets exactly what it may, and nothing of another family or prison', async () => {
      let checked = 0;
      const failures: string[] = [];
      for (const [method, path, body, expected] of rows()) {
        for (const [actor, want] of Object.entries(expected) as [Actor, Expect][]) {
          const r = await t.call(method, path, { token: tokens[actor], body });
          checked += 1;
          const ok = want === X ? r.status >= 200 && r.status < 300 : r.status === want;
          if (!ok)
            failures.push(
              `${actor} ${method} ${path} → ${r.status} (wanted ${want}) ${r.text.slice(0, 120)}`,
            );
          if (r.status >= 400) assert.match(r.headers.get('content-type') ?? '', /problem\+json/);
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(checked >= 100, `checked ${checked}`);
    });

    test('cross-family and cross-prison attempts changed nothing', async () => {
      const v = await t.call('GET', `/api/v1/visits/${visitId}`, { token: tokens.owner });
      assert.equal(v.body.status, 'booked');
      const hold = await t.server.ctx.store.db
        .selectFrom('holds')
        .select('status')
        .where('id', '=', otherHold)
        .executeTakeFirst();
      assert.equal(hold?.status, 'active');
      const links = await t.server.ctx.store.db
        .selectFrom('link_visitors')
        .select('status')
        .where('id', '=', owner.pendingId)
        .executeTakeFirst();
      assert.equal(links?.status, 'requested');
      const call = await t.call('GET', `/api/v1/visits/${visitId}/call`, { token: tokens.owner });
      assert.deepEqual([call.body.status, call.body.warnings], ['open', []]);
    });

    test('a kiosk token only works for its own prisoner; a deleted device is signed out', async () => {
      const r = await t.call('GET', '/api/v1/visits?scope=upcoming', { token: tokens.kioskSame });
      assert.deepEqual(
        r.body.map((v: { id: string }) => v.id),
        [visitId],
      );
      const o = await t.call('GET', '/api/v1/visits?scope=upcoming', { token: tokens.kioskOther });
      assert.deepEqual(o.body, []);
      const ghost = await t.tokenFor({ id: 'dev-deleted', role: 'prisoner', prisonerId: owner.prisonerId });
      assert.equal((await t.call('GET', '/api/v1/me', { token: ghost })).status, 401);
      assert.equal((await t.call('GET', '/api/v1/visits', { token: ghost })).status, 401);
      assert.equal(
        (await t.call('POST', `/api/v1/visits/${visitId}/call/token`, { token: ghost })).status,
        401,
      );
    });
  });
}
