// Staff acting for a family (phone bookings): the family's rules and holds, audited as staff for the family,
// the family told in their language, and only within the staff's own prison.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as S from '../schemas.js';
import * as O from '../schemas-on-behalf.js';
import { TARGETS, makeSlot, startServer, type Family, type TestServer } from './helpers.js';

for (const target of TARGETS) {
  describe(`staff acting for a family by phone (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    let nmi: string;
    let glr: string;
    before(async () => {
      t = await startServer(target.name);
      nmi = await t.staffToken('NMI');
      glr = await t.staffToken('GLR');
    });
    after(() => t?.close());

    const holdFor = (token: string, f: Family, slotId: string, prisonerId = f.prisonerId) =>
      t.call('POST', `/api/v1/staff/families/${f.userId}/holds`, { token, body: { prisonerId, slotId } });
    const bookFor = (token: string, f: Family, holdId: string, visitorIds = [f.userId]) =>
      t.call('POST', `/api/v1/staff/families/${f.userId}/bookings`, {
        token,
        body: { holdId, visitorIds, contact: {} },
      });
    const mail = async (to: string, reference: string) => {
      const outbox = await t.call('GET', `/api/dev/outbox?to=${encodeURIComponent(to)}`);
      return (outbox.body as { subject: string; text: string }[]).filter((m) =>
        m.subject.includes(reference),
      );
    };
    const auditOf = (visitId: string, action: string) =>
      t.server.ctx.store.db
        .selectFrom('audit')
        .selectAll()
        .where('visit_id', '=', visitId)
        .where('action', '=', action)
        .executeTakeFirstOrThrow();

    test('staff find a family by email or prison number, with its approved visitors; only in their prison', async () => {
      const f = await t.family();
      const byEmail = await t.call('GET', `/api/v1/staff/families?email=${encodeURIComponent(f.email)}`, {
        token: nmi,
      });
      assert.equal(byEmail.status, 200);
      const [family] = O.StaffFamily.array().parse(byEmail.body);
      assert.equal(family?.userId, f.userId);
      assert.equal(family?.links[0]?.prisoner.prisonNumber, f.prisonNumber);
      const visitorIds = family!.links[0]!.visitors.map((v) => v.id);
      assert.equal(visitorIds[0], f.userId, 'the lead visitor first');
      assert.ok(visitorIds.includes(f.childId));
      const byNumber = await t.call('GET', `/api/v1/staff/families?prisonNumber=${f.prisonNumber}`, {
        token: nmi,
      });
      assert.deepEqual(
        byNumber.body.map((x: { userId: string }) => x.userId),
        [f.userId],
      );
      // another prison's staff see nothing of it
      const other = await t.call('GET', `/api/v1/staff/families?email=${encodeURIComponent(f.email)}`, {
        token: glr,
      });
      assert.deepEqual(other.body, []);
      const neither = await t.call('GET', '/api/v1/staff/families', { token: nmi });
      assert.equal(neither.status, 400);
      assert.equal(neither.body.errors[0].message, 'Give an email or a prison number');
      const asFamily = await t.call('GET', `/api/v1/staff/families?email=${encodeURIComponent(f.email)}`, {
        token: f.token,
      });
      assert.equal(asFamily.status, 403);
    });

    test('a phone booking: same hold and rules, booked_by and method stored, audited as staff for the family, family told', async () => {
      const f = await t.family({ allowance: 2 });
      const { slotId } = await makeSlot(t, t.day(5), 3);
      const hold = await holdFor(nmi, f, slotId);
      assert.equal(hold.status, 201);
      S.Hold.parse(hold.body);
      const row = await t.server.ctx.store.db
        .selectFrom('holds')
        .selectAll()
        .where('id', '=', hold.body.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.user_id, f.userId, 'the hold is the family’s own');
      const booked = await bookFor(nmi, f, hold.body.id, [f.userId, f.childId]);
      assert.equal(booked.status, 201, booked.text);
      const visit = S.Visit.parse(booked.body);
      assert.deepEqual(visit.bookedByStaff, { method: 'phone' });
      const stored = await t.server.ctx.store.db
        .selectFrom('visits')
        .selectAll()
        .where('id', '=', visit.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.booked_by, 'usr-staff-nmi');
      assert.equal(stored.method, 'phone');
      assert.equal(stored.lead_user_id, f.userId);
      const entry = await auditOf(visit.id, 'visit.booked');
      assert.equal(entry.actor, 'usr-staff-nmi');
      assert.equal(entry.role, 'staff');
      assert.equal(entry.channel, 'phone');
      assert.deepEqual(
        { forFamily: JSON.parse(entry.details).forFamily, method: JSON.parse(entry.details).method },
        { forFamily: f.userId, method: 'phone' },
      );
      // staff see it among the family's upcoming visits here; another prison's staff do not
      const listed = await t.call('GET', `/api/v1/staff/families/${f.userId}/visits`, { token: nmi });
      assert.deepEqual(
        listed.body.map((v: { id: string }) => v.id),
        [visit.id],
      );
      assert.equal(
        (await t.call('GET', `/api/v1/staff/families/${f.userId}/visits`, { token: glr })).status,
        404,
      );
      // the family sees it as theirs, with its allowance used
      const mine = await t.call('GET', '/api/v1/visits', { token: f.token });
      assert.ok(mine.body.some((v: { id: string }) => v.id === visit.id));
      const allowance = await t.call('GET', `/api/v1/prisoners/${f.prisonerId}/allowance`, {
        token: f.token,
      });
      assert.equal(allowance.body.remaining, 1);
      const [told] = await mail(f.email, visit.reference);
      assert.match(told!.text, /^The prison booked your video visit to .* by phone for /);
    });

    test('staff cannot overbook a session: the capacity counts the family’s holds and bookings alike', async () => {
      const a = await t.family();
      const b = await t.family();
      const { slotId } = await makeSlot(t, t.day(6), 1);
      const first = await holdFor(nmi, a, slotId);
      assert.equal(first.status, 201);
      const second = await holdFor(nmi, b, slotId);
      assert.equal(second.status, 409);
      assert.equal(second.body.code, 'slot-unavailable');
      assert.equal((await bookFor(nmi, a, first.body.id)).status, 201);
      // the family online is refused too
      const online = await t.call('POST', '/api/v1/holds', {
        token: b.token,
        body: { prisonerId: b.prisonerId, slotId },
      });
      assert.equal(online.status, 409);
    });

    test('staff cannot book past the allowance; the visitor rules are the family’s', async () => {
      const f = await t.family({ allowance: 1 });
      const one = await makeSlot(t, t.day(7), 5);
      const two = await makeSlot(t, t.day(8), 5);
      const held = await holdFor(nmi, f, one.slotId);
      const limits = await bookFor(nmi, f, held.body.id, [f.childId]);
      assert.equal(limits.status, 422);
      assert.equal(limits.body.code, 'visitor-limits');
      assert.equal((await bookFor(nmi, f, held.body.id)).status, 201);
      const again = await holdFor(nmi, f, two.slotId);
      assert.equal(again.status, 201);
      const none = await bookFor(nmi, f, again.body.id);
      assert.equal(none.status, 422);
      assert.equal(none.body.code, 'no-allowance');
      const released = await t.call('DELETE', `/api/v1/staff/families/${f.userId}/holds/${again.body.id}`, {
        token: nmi,
      });
      assert.equal(released.status, 204);
    });

    test('change and cancel by phone: audited as staff for the family, the family told in Welsh, allowance refunded', async () => {
      const f = await t.family({ allowance: 3 });
      await t.server.ctx.store.db
        .updateTable('users')
        .set({ language: 'cy' })
        .where('id', '=', f.userId)
        .execute();
      const one = await makeSlot(t, t.day(9), 5);
      const two = await makeSlot(t, t.day(10), 5);
      const visit = (await bookFor(nmi, f, (await holdFor(nmi, f, one.slotId)).body.id)).body;
      const [booked] = await mail(f.email, visit.reference);
      assert.match(booked!.text, /^Mae’r carchar wedi archebu eich ymweliad fideo .* dros y ffôn/);
      const hold = await holdFor(nmi, f, two.slotId);
      const changed = await t.call(
        'POST',
        `/api/v1/staff/families/${f.userId}/visits/${visit.reference}/change`,
        { token: nmi, body: { holdId: hold.body.id } },
      );
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.body.reference, visit.reference);
      assert.equal(changed.body.start, hold.body.start, 'moved to the held session');
      const changeAudit = await auditOf(visit.id, 'visit.changed');
      assert.equal(changeAudit.actor, 'usr-staff-nmi');
      assert.equal(JSON.parse(changeAudit.details).forFamily, f.userId);
      const cancelled = await t.call('POST', `/api/v1/staff/families/${f.userId}/visits/${visit.id}/cancel`, {
        token: nmi,
        body: { reason: 'booker-cancelled' },
      });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.status, 'cancelled');
      const cancelAudit = await auditOf(visit.id, 'visit.cancelled');
      assert.equal(cancelAudit.actor, 'usr-staff-nmi');
      assert.equal(cancelAudit.channel, 'phone');
      const texts = (await mail(f.email, visit.reference)).map((m) => m.text);
      assert.ok(texts.some((x) => x.startsWith('Mae’r carchar wedi newid eich ymweliad')));
      assert.ok(texts.some((x) => x.startsWith('Mae’r carchar wedi canslo eich ymweliad')));
      const allowance = await t.call('GET', `/api/v1/prisoners/${f.prisonerId}/allowance`, {
        token: f.token,
      });
      assert.equal(allowance.body.remaining, 3, 'the cancelled visit went back');
    });

    test('another prison’s staff, the family, and other families are refused', async () => {
      const f = await t.family();
      const g = await t.family();
      const welsh = await t.family({ prisonCode: 'GLR' });
      const { slotId } = await makeSlot(t, t.day(11), 5);
      // GLR staff cannot act for an NMI family, nor hold for NMI's people through a GLR family
      assert.equal((await holdFor(glr, f, slotId)).status, 404);
      assert.equal((await holdFor(glr, welsh, slotId, f.prisonerId)).status, 404);
      // the family may not use staff routes
      assert.equal((await holdFor(f.token, f, slotId)).status, 403);
      // a family's hold cannot be booked under another family
      const hold = await holdFor(nmi, f, slotId);
      const wrong = await t.call('POST', `/api/v1/staff/families/${g.userId}/bookings`, {
        token: nmi,
        body: { holdId: hold.body.id, visitorIds: [g.userId], contact: {} },
      });
      assert.equal(wrong.status, 404);
      const visit = (await bookFor(nmi, f, hold.body.id)).body;
      // nor another prison's staff change or cancel it, nor under another family
      const glrCancel = await t.call('POST', `/api/v1/staff/families/${f.userId}/visits/${visit.id}/cancel`, {
        token: glr,
        body: { reason: 'administrative' },
      });
      assert.equal(glrCancel.status, 404);
      const otherFamily = await t.call(
        'POST',
        `/api/v1/staff/families/${g.userId}/visits/${visit.id}/cancel`,
        { token: nmi, body: { reason: 'administrative' } },
      );
      assert.equal(otherFamily.status, 404);
      // an account with no link in the prison is not found
      const stranger = await t.call('POST', `/api/v1/staff/families/usr-staff-nmi/holds`, {
        token: nmi,
        body: { prisonerId: f.prisonerId, slotId },
      });
      assert.equal(stranger.status, 404);
      const bad = await t.call('POST', `/api/v1/staff/families/${f.userId}/bookings`, {
        token: nmi,
        body: { holdId: hold.body.id, visitorIds: [], contact: {} },
      });
      assert.equal(bad.status, 400);
    });
  });
}
