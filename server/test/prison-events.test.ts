// Facts a prison system reports (POST /staff/prison-events) and what they do to booked visits: each fact type
// cancels or flags the right visits, the family is told in their language (email, and SMS where they gave a
// phone), staff keep or cancel a flagged visit, and only staff of that prison may report or decide.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TARGETS, makeSlot, startServer, type Family, type TestServer } from './helpers.js';

const EVENTS = '/api/v1/staff/prison-events';

for (const target of TARGETS) {
  describe(`prison events (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    let staff: string;
    let n = 0;
    before(async () => {
      t = await startServer(target.name);
      staff = await t.staffToken('NMI');
    });
    after(() => t?.close());

    const eventId = () => `evt-${target.name}-${++n}`;
    /** A booked visit n days ahead, in a session of its own (so visits never clash). */
    async function visit(
      f: Family,
      days: number,
      options: {
        visitorIds?: string[];
        contact?: Record<string, unknown>;
        type?: 'video' | 'in-person';
        start?: string;
      } = {},
    ) {
      const start = options.start ?? `${String(9 + (n++ % 8)).padStart(2, '0')}:00`;
      const end = start.replace(':00', ':30');
      const { slotId, templateId } = await makeSlot(t, t.day(days), 5, options.type ?? 'video', start, end);
      const hold = await t.call('POST', '/api/v1/holds', {
        token: f.token,
        body: { prisonerId: f.prisonerId, slotId },
      });
      assert.equal(hold.status, 201, hold.text);
      const booked = await t.call('POST', '/api/v1/bookings', {
        token: f.token,
        body: {
          holdId: hold.body.id,
          visitorIds: options.visitorIds ?? [f.userId],
          contact: options.contact ?? {},
        },
      });
      assert.equal(booked.status, 201, booked.text);
      return { ...(booked.body as { id: string; reference: string }), slotId, templateId };
    }
    const report = (body: Record<string, unknown>, token = staff) =>
      t.call('POST', EVENTS, { token, body: { eventId: eventId(), ...body } });
    const statusOf = async (id: string) =>
      (
        await t.server.ctx.store.db
          .selectFrom('visits')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    const outboxTo = (to: string) =>
      t.server.ctx.store.db
        .selectFrom('outbox')
        .selectAll()
        .where('to_addr', '=', to)
        .orderBy('at')
        .execute();
    const audits = (visitId: string) =>
      t.server.ctx.store.db
        .selectFrom('audit')
        .select(['action', 'actor', 'details'])
        .where('visit_id', '=', visitId)
        .execute();

    test('a transfer flags the visit: the family sees the reason in their visits, is told in Welsh by email and SMS; staff see the facts; a replay changes nothing', async () => {
      const f = await t.family();
      await t.server.ctx.store.db
        .updateTable('users')
        .set({ language: 'cy' })
        .where('id', '=', f.userId)
        .execute();
      const v = await visit(f, 3, { contact: { phone: '07700 900123' } });
      const body = {
        eventId: eventId(),
        type: 'prisoner-transferred',
        prisonNumber: f.prisonNumber,
        toPrisonName: 'HMP Elsewhere',
        note: 'security move',
      };
      const reported = await t.call('POST', EVENTS, { token: staff, body });
      assert.equal(reported.status, 201, reported.text);
      assert.equal(reported.body.replayed, false);
      assert.deepEqual(reported.body.visits, [{ id: v.id, reference: v.reference, action: 'flagged' }]);
      assert.equal(await statusOf(v.id), 'booked', 'a flag does not cancel');

      const mine = await t.call('GET', '/api/v1/visits', { token: f.token });
      const seen = mine.body.find((x: { id: string }) => x.id === v.id);
      assert.equal(seen.review.reason, 'prisoner-moved');
      assert.ok(seen.review.since);
      assert.equal(seen.review.facts, undefined, 'the family never sees the prison’s detail');
      assert.ok(!JSON.stringify(seen).includes('security move'));

      const reviews = await t.call('GET', '/api/v1/staff/reviews', { token: staff });
      assert.equal(reviews.status, 200);
      const flagged = reviews.body.find((x: { id: string }) => x.id === v.id);
      assert.equal(flagged.review.facts.length, 1);
      assert.equal(flagged.review.facts[0].type, 'prisoner-transferred');
      assert.match(flagged.review.facts[0].detail, /HMP Elsewhere \(security move\)/);

      const email = (await outboxTo(f.email)).filter((m) => m.subject.includes(v.reference));
      const notice = email.find((m) => m.subject.startsWith('Mae angen gwirio'));
      assert.ok(notice, `a Welsh review email: ${email.map((m) => m.subject).join(' | ')}`);
      assert.match(notice.text, /wedi symud i garchar arall/);
      assert.match(notice.text, /Bydd y carchar yn cysylltu â chi/);
      const sms = (await outboxTo('07700 900123')).filter((m) => m.channel === 'sms');
      assert.ok(
        sms.some((m) => /wedi symud i garchar arall/.test(m.text)),
        'an SMS in Welsh too',
      );

      const actions = (await audits(v.id)).map((a) => a.action);
      assert.ok(actions.includes('visit.flagged'));
      const reportedAudit = await t.server.ctx.store.db
        .selectFrom('audit')
        .selectAll()
        .where('action', '=', 'prison-event.reported')
        .where('subject', '=', `prison-event:${reported.body.id}`)
        .executeTakeFirst();
      assert.equal(reportedAudit?.actor, 'usr-staff-nmi');

      const before = (await outboxTo(f.email)).length;
      const again = await t.call('POST', EVENTS, { token: staff, body });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.body.replayed, true);
      assert.equal(again.body.id, reported.body.id);
      assert.equal((await outboxTo(f.email)).length, before, 'no second notice');
      const stored = await t.server.ctx.store.db
        .selectFrom('prison_events')
        .selectAll()
        .where('event_id', '=', body.eventId)
        .execute();
      assert.equal(stored.length, 1);
    });

    test('released for good cancels future visits and says so in English; a temporary release flags them', async () => {
      const f = await t.family();
      const a = await visit(f, 2);
      const b = await visit(f, 4);
      const temp = await report({
        type: 'prisoner-released',
        prisonNumber: f.prisonNumber,
        release: 'temporary',
      });
      assert.equal(temp.status, 201, temp.text);
      assert.deepEqual(
        temp.body.visits.map((x: { action: string }) => x.action),
        ['flagged', 'flagged'],
      );
      const gone = await report({
        type: 'prisoner-released',
        prisonNumber: f.prisonNumber,
        release: 'released',
      });
      assert.equal(gone.status, 201, gone.text);
      assert.deepEqual(
        gone.body.visits.map((x: { id: string; action: string }) => [x.id, x.action]).sort(),
        [
          [a.id, 'cancelled'],
          [b.id, 'cancelled'],
        ].sort(),
      );
      assert.equal(await statusOf(a.id), 'cancelled');
      const mails = await outboxTo(f.email);
      const cancelled = mails.find((m) => m.subject === `Visit cancelled: ${a.reference}`);
      assert.ok(cancelled);
      assert.match(cancelled.text, /The prison cancelled it\. .* has been released from prison/);
      // cancelled visits carry no review notice and leave the review list
      const reviews = await t.call('GET', '/api/v1/staff/reviews', { token: staff });
      assert.ok(!reviews.body.some((x: { id: string }) => x.id === a.id || x.id === b.id));
    });

    test('a visits ban cancels visits within its dates only; closed visits flag in-person visits and make new ones closed; another restriction flags', async () => {
      const f = await t.family();
      const inside = await visit(f, 2);
      const outside = await visit(f, 6);
      const ban = await report({
        type: 'prisoner-restriction',
        prisonNumber: f.prisonNumber,
        restriction: 'visits-ban',
        to: t.day(4),
      });
      assert.equal(ban.status, 201, ban.text);
      assert.deepEqual(ban.body.visits, [
        { id: inside.id, reference: inside.reference, action: 'cancelled' },
      ]);
      assert.equal(await statusOf(outside.id), 'booked');
      const mail = (await outboxTo(f.email)).find(
        (m) => m.subject === `Visit cancelled: ${inside.reference}`,
      );
      assert.match(mail!.text, /stopped until after/);

      const g = await t.family();
      const video = await visit(g, 3, { type: 'video' });
      const inPerson = await visit(g, 5, { type: 'in-person' });
      const closed = await report({
        type: 'prisoner-restriction',
        prisonNumber: g.prisonNumber,
        restriction: 'closed-visits',
      });
      assert.equal(closed.status, 201, closed.text);
      assert.deepEqual(closed.body.visits, [
        { id: inPerson.id, reference: inPerson.reference, action: 'flagged' },
      ]);
      const prisoner = await t.server.ctx.store.db
        .selectFrom('prisoners')
        .select('closed_visits')
        .where('id', '=', g.prisonerId)
        .executeTakeFirstOrThrow();
      assert.equal(prisoner.closed_visits, 1);
      const other = await report({
        type: 'prisoner-restriction',
        prisonNumber: g.prisonNumber,
        restriction: 'other',
        note: 'CCTV only',
      });
      assert.deepEqual(
        other.body.visits.map((x: { id: string }) => x.id).sort(),
        [video.id, inPerson.id].sort(),
      );
      const reviews = await t.call('GET', '/api/v1/staff/reviews', { token: staff });
      const both = reviews.body.find((x: { id: string }) => x.id === inPerson.id);
      assert.equal(both.review.facts.length, 2, 'each fact adds to the flag');
      assert.equal(both.review.reason, 'visit-conditions');
    });

    test('a banned visitor: visits they lead are cancelled up to the end date, visits with others on them are flagged, later ones untouched', async () => {
      const f = await t.family();
      const led = await visit(f, 2);
      const withGran = await visit(f, 3, { visitorIds: [f.userId, f.adultId] });
      const later = await visit(f, 10, { visitorIds: [f.userId, f.adultId] });
      const gran = await report({ type: 'visitor-banned', visitorId: f.adultId, until: t.day(5) });
      assert.equal(gran.status, 201, gran.text);
      assert.deepEqual(gran.body.visits, [
        { id: withGran.id, reference: withGran.reference, action: 'flagged' },
      ]);
      const row = await t.server.ctx.store.db
        .selectFrom('link_visitors')
        .select('banned_until')
        .where('id', '=', f.adultId)
        .executeTakeFirstOrThrow();
      assert.equal(row.banned_until, t.day(5));
      const mine = await t.call('GET', '/api/v1/visits', { token: f.token });
      assert.equal(
        mine.body.find((x: { id: string }) => x.id === withGran.id).review.reason,
        'visitor-restricted',
      );

      const lead = await report({ type: 'visitor-banned', visitorId: f.userId, until: t.day(5) });
      assert.equal(lead.status, 201, lead.text);
      assert.deepEqual(
        lead.body.visits.map((x: { id: string; action: string }) => [x.id, x.action]).sort(),
        [
          [led.id, 'cancelled'],
          [withGran.id, 'cancelled'],
        ].sort(),
      );
      assert.equal(await statusOf(later.id), 'booked');
      const link = await t.server.ctx.store.db
        .selectFrom('links')
        .select('banned_until')
        .where('id', '=', f.linkId)
        .executeTakeFirstOrThrow();
      assert.equal(link.banned_until, t.day(5));
      const unknown = await report({ type: 'visitor-banned', visitorId: 'nobody', until: t.day(5) });
      assert.equal(unknown.status, 404);
    });

    test('a non-association flags both people’s visits on the dates they share, not others', async () => {
      const f = await t.family();
      const g = await t.family();
      const fSame = await visit(f, 4, { start: '10:00' });
      const gSame = await visit(g, 4, { start: '14:00' });
      const fOther = await visit(f, 6);
      const na = await report({
        type: 'non-association',
        prisonNumber: f.prisonNumber,
        otherPrisonNumber: g.prisonNumber,
      });
      assert.equal(na.status, 201, na.text);
      assert.deepEqual(na.body.visits.map((x: { id: string }) => x.id).sort(), [fSame.id, gSame.id].sort());
      assert.equal(await statusOf(fOther.id), 'booked');
      const mine = await t.call('GET', '/api/v1/visits', { token: g.token });
      const seen = mine.body.find((x: { id: string }) => x.id === gSame.id);
      assert.equal(seen.review.reason, 'prison-arrangements');
      assert.ok(
        !JSON.stringify(seen).includes(f.prisonNumber),
        'the family is not told who the other person is',
      );
    });

    test('a blocked session cancels its visits that day and is no longer offered or holdable; an excluded date cancels the day', async () => {
      const f = await t.family();
      const v = await visit(f, 5);
      const blocked = await report({
        type: 'session-blocked',
        templateId: v.templateId,
        date: t.day(5),
        reason: 'Staff training',
      });
      assert.equal(blocked.status, 201, blocked.text);
      assert.deepEqual(blocked.body.visits, [{ id: v.id, reference: v.reference, action: 'cancelled' }]);
      const mail = (await outboxTo(f.email)).find((m) => m.subject === `Visit cancelled: ${v.reference}`);
      assert.match(mail!.text, /That session will not run/);
      const avail = await t.call(
        'GET',
        `/api/v1/prisoners/${f.prisonerId}/availability?from=${t.day(5)}&to=${t.day(5)}`,
        { token: f.token },
      );
      assert.equal(avail.status, 200, avail.text);
      assert.ok(!JSON.stringify(avail.body).includes(v.slotId), 'the blocked session is not offered');
      const hold = await t.call('POST', '/api/v1/holds', {
        token: f.token,
        body: { prisonerId: f.prisonerId, slotId: v.slotId },
      });
      assert.equal(hold.status, 409, hold.text);
      assert.equal(
        (await report({ type: 'session-blocked', templateId: 'tpl_nope', date: t.day(5), reason: 'x' }))
          .status,
        404,
      );

      const w = await visit(f, 7);
      const day = await report({ type: 'date-excluded', date: t.day(7), reason: 'Prison closed' });
      assert.equal(day.status, 201, day.text);
      assert.deepEqual(day.body.visits, [{ id: w.id, reference: w.reference, action: 'cancelled' }]);
      const excluded = await t.call('GET', '/api/v1/staff/excluded-dates', { token: staff });
      assert.ok(excluded.body.some((d: { date: string }) => d.date === t.day(7)));
      const dayMail = (await outboxTo(f.email)).find((m) => m.subject === `Visit cancelled: ${w.reference}`);
      assert.match(dayMail!.text, /closed for visits that day/);
    });

    test('staff changing sessions themselves give the family the same next step as a reported fact', async () => {
      const f = await t.family();
      const v = await visit(f, 8);
      const excluded = await t.call('POST', '/api/v1/staff/excluded-dates?confirm=true', {
        token: staff,
        body: { date: t.day(8), reason: 'Staff training' },
      });
      assert.equal(excluded.status, 201, excluded.text);
      const mail = (await outboxTo(f.email)).find((m) => m.subject === `Visit cancelled: ${v.reference}`);
      assert.match(mail!.text, /closed for visits that day/);
      const w = await visit(f, 9);
      const retired = await t.call('DELETE', `/api/v1/staff/session-templates/${w.templateId}?confirm=true`, {
        token: staff,
      });
      assert.equal(retired.status, 200, retired.text);
      const retiredMail = (await outboxTo(f.email)).find(
        (m) => m.subject === `Visit cancelled: ${w.reference}`,
      );
      assert.match(retiredMail!.text, /That session will not run/);
    });

    test('staff keep a flagged visit (flag cleared, audited, family told it goes ahead) or cancel one; a second decision is refused', async () => {
      const f = await t.family();
      const keep = await visit(f, 2);
      const drop = await visit(f, 3);
      await report({ type: 'prisoner-transferred', prisonNumber: f.prisonNumber });
      const kept = await t.call('POST', `/api/v1/staff/visits/${keep.id}/review`, {
        token: staff,
        body: { decision: 'keep', note: 'moving back next week' },
      });
      assert.equal(kept.status, 200, kept.text);
      assert.equal(kept.body.review, undefined);
      assert.equal(kept.body.status, 'booked');
      const mine = await t.call('GET', '/api/v1/visits', { token: f.token });
      assert.equal(mine.body.find((x: { id: string }) => x.id === keep.id).review, undefined);
      const keptAudit = (await audits(keep.id)).find((a) => a.action === 'visit.review-kept');
      assert.ok(keptAudit);
      assert.equal(keptAudit.actor, 'usr-staff-nmi');
      assert.match(keptAudit.details, /moving back next week/);
      assert.ok(
        (await outboxTo(f.email)).some((m) => m.subject === `Your visit ${keep.reference} goes ahead`),
      );

      const cancelled = await t.call('POST', `/api/v1/staff/visits/${drop.id}/review`, {
        token: staff,
        body: { decision: 'cancel' },
      });
      assert.equal(cancelled.status, 200, cancelled.text);
      assert.equal(cancelled.body.status, 'cancelled');
      assert.ok((await audits(drop.id)).some((a) => a.action === 'visit.review-cancelled'));
      const again = await t.call('POST', `/api/v1/staff/visits/${keep.id}/review`, {
        token: staff,
        body: { decision: 'keep' },
      });
      assert.equal(again.status, 409);
      const reviews = await t.call('GET', '/api/v1/staff/reviews', { token: staff });
      assert.ok(!reviews.body.some((x: { id: string }) => x.id === keep.id || x.id === drop.id));
    });

    test('only staff of the person’s prison may report or decide: another prison’s staff get not-found, a family forbidden, no token unauthenticated', async () => {
      const f = await t.family();
      const v = await visit(f, 2);
      const body = { type: 'prisoner-transferred', prisonNumber: f.prisonNumber };
      const glr = await t.staffToken('GLR');
      assert.equal((await report(body, glr)).status, 404);
      assert.equal((await report(body, f.token)).status, 403);
      assert.equal((await t.call('POST', EVENTS, { body: { eventId: 'x', ...body } })).status, 401);
      assert.equal((await t.call('GET', '/api/v1/staff/reviews', { token: f.token })).status, 403);
      assert.equal(await statusOf(v.id), 'booked');
      assert.equal(
        (await t.call('GET', '/api/v1/visits', { token: f.token })).body.find(
          (x: { id: string }) => x.id === v.id,
        ).review,
        undefined,
      );
      await report(body);
      const other = await t.call('POST', `/api/v1/staff/visits/${v.id}/review`, {
        token: glr,
        body: { decision: 'keep' },
      });
      assert.equal(other.status, 404);
      const glrReviews = await t.call('GET', '/api/v1/staff/reviews', { token: glr });
      assert.ok(!glrReviews.body.some((x: { id: string }) => x.id === v.id));
      const bad = await report({ type: 'prisoner-exploded', prisonNumber: f.prisonNumber });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'validation');
    });
  });
}
