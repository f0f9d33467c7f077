import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as S from '../schemas.js';
import { newId } from '../util.js';
import { insertVisit } from '../visits/bookings.js';
import { TARGETS, book, makeSlot, startServer, type TestServer } from './helpers.js';

for (const target of TARGETS) {
  describe(`prisons, links, availability, holds, bookings (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(target.name, { rateLimits: { linksPerVisitor: 3 } });
    });
    after(() => t?.close());

    test('prisons list limits, window and timezone; Welsh prison present', async () => {
      const r = await t.call('GET', '/api/v1/prisons');
      assert.equal(r.status, 200);
      const prisons = S.Prison.array().parse(r.body);
      const glr = prisons.find((p) => p.code === 'GLR');
      assert.equal(glr?.name, 'HMP Glanrhyd');
      assert.equal(glr?.timezone, 'Europe/London');
      assert.deepEqual(glr?.visitTypes.sort(), ['in-person', 'video']);
    });

    test('link requests answer generically whether or not the details match; mismatches are audited; rate-limited', async () => {
      const f = await t.family();
      const matching = await t.call('POST', '/api/v1/links', {
        token: f.token,
        body: {
          prisonCode: 'NMI',
          prisonNumber: 'A1234BC',
          firstName: 'john',
          lastName: 'SMITH',
          dateOfBirth: '1985-06-15',
          relationship: 'friend',
        },
      });
      const wrong = await t.call('POST', '/api/v1/links', {
        token: f.token,
        body: {
          prisonCode: 'NMI',
          prisonNumber: 'A1234BC',
          firstName: 'John',
          lastName: 'Smith',
          dateOfBirth: '1985-06-16',
          relationship: 'friend',
        },
      });
      assert.equal(matching.status, 202);
      assert.equal(wrong.status, 202);
      assert.deepEqual(Object.keys(matching.body).sort(), Object.keys(wrong.body).sort());
      assert.equal(wrong.body.status, 'requested');
      const mine = await t.call('GET', '/api/v1/links', { token: f.token });
      S.Link.array().parse(mine.body);
      const pending = mine.body.filter((l: { status: string }) => l.status === 'requested');
      assert.equal(pending.length, 2);
      for (const l of pending) assert.equal(l.prisoner.firstName, undefined, 'no names before approval');
      const audit = await t.server.ctx.store.db
        .selectFrom('audit')
        .selectAll()
        .where('actor', '=', f.userId)
        .where('action', '=', 'link.requested')
        .execute();
      assert.deepEqual(audit.map((a) => JSON.parse(a.details).matched).sort(), [false, true]);
      const third = await t.call('POST', '/api/v1/links', {
        token: f.token,
        body: {
          prisonCode: 'NMI',
          prisonNumber: 'Z9999ZZ',
          firstName: 'A',
          lastName: 'B',
          dateOfBirth: '1985-06-16',
          relationship: 'friend',
        },
      });
      assert.equal(third.status, 202);
      const fourth = await t.call('POST', '/api/v1/links', {
        token: f.token,
        body: {
          prisonCode: 'NMI',
          prisonNumber: 'Z9999ZZ',
          firstName: 'A',
          lastName: 'B',
          dateOfBirth: '1985-06-16',
          relationship: 'friend',
        },
      });
      assert.equal(fourth.status, 429);
      const bad = await t.call('POST', '/api/v1/links', {
        token: f.token,
        body: {
          prisonCode: 'NMI',
          prisonNumber: '1234',
          firstName: '',
          lastName: 'B',
          dateOfBirth: '1985-13-01',
          relationship: 'friend',
        },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), [
        'dateOfBirth',
        'firstName',
        'prisonNumber',
      ]);
    });

    test('link visitors: lead first, additions are requested until staff approve', async () => {
      const f = await t.family();
      const list = await t.call('GET', `/api/v1/links/${f.linkId}/visitors`, { token: f.token });
      assert.equal(list.status, 200);
      S.LinkVisitor.array().parse(list.body);
      assert.equal(list.body[0].lead, true);
      assert.equal(list.body[0].id, f.userId);
      const added = await t.call('POST', `/api/v1/links/${f.linkId}/visitors`, {
        token: f.token,
        body: { firstName: 'New', lastName: 'Kid', dateOfBirth: '2020-02-02', relationship: 'son' },
      });
      assert.equal(added.status, 202);
      const staff = await t.staffToken('NMI');
      const approvals = await t.call('GET', '/api/v1/staff/approvals', { token: staff });
      S.Approvals.parse(approvals.body);
      assert.ok(approvals.body.visitors.some((v: { id: string }) => v.id === added.body.id));
      const decided = await t.call('POST', `/api/v1/staff/visitors/${added.body.id}/decision`, {
        token: staff,
        body: { decision: 'approve' },
      });
      assert.equal(decided.status, 200);
      const twice = await t.call('POST', `/api/v1/staff/visitors/${added.body.id}/decision`, {
        token: staff,
        body: { decision: 'reject' },
      });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, 'already-decided');
      const after = await t.call('GET', `/api/v1/links/${f.linkId}/visitors`, { token: f.token });
      assert.equal(after.body.find((v: { id: string }) => v.id === added.body.id).status, 'approved');
    });

    test('availability: sessions with remaining places, excluded dates, the booking window, range limit', async () => {
      const f = await t.family();
      const date = t.day(3);
      const { slotId } = await makeSlot(t, date, 3);
      await book(t, f, slotId);
      const r = await t.call(
        'GET',
        `/api/v1/prisoners/${f.prisonerId}/availability?type=video&from=${t.day(0)}&to=${t.day(40)}`,
        { token: f.token },
      );
      assert.equal(r.status, 200, r.text);
      S.Availability.parse(r.body);
      // gzipped for clients that accept it (fetch does, and unzips); the same answer uncompressed otherwise
      assert.equal(r.headers.get('content-encoding'), 'gzip');
      assert.match(r.headers.get('vary') ?? '', /Accept-Encoding/);
      const plain = await t.call(
        'GET',
        `/api/v1/prisoners/${f.prisonerId}/availability?type=video&from=${t.day(0)}&to=${t.day(40)}`,
        { token: f.token, headers: { 'accept-encoding': 'identity' } },
      );
      assert.equal(plain.headers.get('content-encoding'), null);
      assert.equal(plain.text, r.text);
      assert.equal(r.body.timezone, 'Europe/London');
      assert.equal(r.body.days.length, 41);
      const day = r.body.days.find((d: { date: string }) => d.date === date);
      assert.equal(
        day.sessions.some((s: { id: string }) => s.id === slotId),
        false,
        'the prisoner already has a visit then',
      );
      const other = await t.family();
      const r2 = await t.call(
        'GET',
        `/api/v1/prisoners/${other.prisonerId}/availability?type=video&from=${date}&to=${date}`,
        { token: other.token },
      );
      const slot = r2.body.days[0].sessions.find((s: { id: string }) => s.id === slotId);
      assert.deepEqual([slot.capacity, slot.remaining], [3, 2]);
      assert.ok(
        r.body.days
          .slice(29)
          .every((d: { unavailableReason: string }) => d.unavailableReason === 'outside-window'),
      );
      const staff = await t.staffToken('NMI');
      const excluded = await t.call('POST', '/api/v1/staff/excluded-dates', {
        token: staff,
        body: { date: t.day(5), reason: 'Staff training' },
      });
      assert.equal(excluded.status, 201, excluded.text);
      const r3 = await t.call(
        'GET',
        `/api/v1/prisoners/${other.prisonerId}/availability?from=${t.day(5)}&to=${t.day(5)}`,
        { token: other.token },
      );
      assert.equal(r3.body.days[0].unavailableReason, 'excluded');
      const long = await t.call(
        'GET',
        `/api/v1/prisoners/${other.prisonerId}/availability?from=${t.day(0)}&to=${t.day(70)}`,
        { token: other.token },
      );
      assert.equal(long.status, 400);
      const impossible = await t.call(
        'GET',
        `/api/v1/prisoners/${other.prisonerId}/availability?from=2026-02-30&to=2026-03-01`,
        { token: other.token },
      );
      assert.equal(impossible.status, 400);
      assert.equal(impossible.body.errors[0].path, 'from');
      const notLinked = await t.call(
        'GET',
        `/api/v1/prisoners/${f.prisonerId}/availability?from=${date}&to=${date}`,
        { token: other.token },
      );
      assert.equal(notLinked.status, 404);
    });

    test('sessions that have already started today are neither offered nor holdable', async () => {
      const today = t.day(0);
      const realNow = t.server.ctx.now;
      // Midday UTC is 12:00 or 13:00 in London: the 09:00 session has started, the 15:00 one has not.
      t.server.ctx.now = () => new Date(`${today}T12:00:00Z`);
      try {
        // Signed in under the same clock: a token minted at the real hour could already have expired at
        // midday of "today" (late at night in summer, London's today is tomorrow in UTC).
        const f = await t.family();
        const past = await makeSlot(t, today, 5, 'video', '09:00', '09:30');
        const later = await makeSlot(t, today, 5, 'video', '15:00', '15:30');
        const r = await t.call(
          'GET',
          `/api/v1/prisoners/${f.prisonerId}/availability?type=video&from=${today}&to=${today}`,
          { token: f.token },
        );
        assert.equal(r.status, 200);
        const offered = (r.body.days[0].sessions as { id: string }[]).map((s) => s.id);
        assert.ok(offered.includes(later.slotId), 'a session later today is offered');
        assert.ok(!offered.includes(past.slotId), 'a session that already started is not offered');
        const hold = await t.call('POST', '/api/v1/holds', {
          token: f.token,
          body: { prisonerId: f.prisonerId, slotId: past.slotId },
        });
        assert.equal(hold.status, 409);
        assert.equal(hold.body.code, 'slot-unavailable');
      } finally {
        t.server.ctx.now = realNow;
      }
    });

    test('cached availability is never reused past a change: hold, its lapse by the clock, booking, cancel, exclusion, session start', async () => {
      const date = t.day(4);
      const { slotId } = await makeSlot(t, date, 2, 'video', '10:00', '10:30');
      const booker = await t.family();
      const watcher = await t.family();
      // the watcher's view, asked twice each time: the second answer is the cached one
      const remaining = async () => {
        const seen: (number | string | undefined)[] = [];
        for (let i = 0; i < 2; i++) {
          const r = await t.call(
            'GET',
            `/api/v1/prisoners/${watcher.prisonerId}/availability?type=video&from=${date}&to=${date}`,
            { token: watcher.token },
          );
          assert.equal(r.status, 200, r.text);
          const day = r.body.days[0];
          seen.push(
            day.unavailableReason === 'excluded'
              ? 'excluded'
              : day.sessions.find((s: { id: string }) => s.id === slotId)?.remaining,
          );
        }
        assert.equal(seen[0], seen[1], 'the cached answer is the same as the computed one');
        return seen[0];
      };
      assert.equal(await remaining(), 2);
      const hold = await t.call('POST', '/api/v1/holds', {
        token: booker.token,
        body: { prisonerId: booker.prisonerId, slotId },
      });
      assert.equal(hold.status, 201, hold.text);
      assert.equal(await remaining(), 1, 'a hold takes a place at once');
      const realNow = t.server.ctx.now;
      // 11 minutes on: the hold has lapsed, though nothing was written
      t.server.ctx.now = () => new Date(Date.now() + 11 * 60_000);
      try {
        assert.equal(await remaining(), 2, 'a lapsed hold gives its place back');
      } finally {
        t.server.ctx.now = realNow;
      }
      assert.equal(await remaining(), 1, 'back on the real clock the hold counts again');
      const visit = await book(t, booker, slotId);
      assert.equal(await remaining(), 1, 'the booking replaced the hold');
      const cancelled = await t.call('POST', `/api/v1/visits/${visit.id}/cancel`, {
        token: booker.token,
        body: { reason: 'booker-cancelled' },
      });
      assert.equal(cancelled.status, 200, cancelled.text);
      assert.equal(await remaining(), 2, 'a cancelled visit gives its place back');
      await book(t, booker, slotId);
      assert.equal(await remaining(), 1);
      const staff = await t.staffToken('NMI');
      const excluded = await t.call('POST', '/api/v1/staff/excluded-dates?confirm=true', {
        token: staff,
        body: { date, reason: 'Staff training' },
      });
      assert.equal(excluded.status, 201, excluded.text);
      assert.equal(await remaining(), 'excluded', 'an excluded date shows at once');
      // removed again (other tests here use this date)
      const removed = await t.call('DELETE', `/api/v1/staff/excluded-dates/${date}`, { token: staff });
      assert.ok(removed.status < 300, removed.text);
      // (confirming the exclusion cancelled the booking on that date, so both places are free)
      assert.equal(await remaining(), 2, 'and its removal too');
    });

    test('a cached answer is not offered once its session has started by the clock', async () => {
      const today = t.day(0);
      const realNow = t.server.ctx.now;
      // midday UTC (12:00 or 13:00 in London); the family signs in under the same clock
      const midday = Date.parse(`${today}T12:00:00Z`);
      t.server.ctx.now = () => new Date(midday);
      try {
        const f = await t.family();
        const { slotId } = await makeSlot(t, today, 4, 'video', '13:30', '14:00');
        const path = `/api/v1/prisoners/${f.prisonerId}/availability?type=video&from=${today}&to=${today}`;
        const session = async () =>
          (await t.call('GET', path, { token: f.token })).body.days[0].sessions.find(
            (s: { id: string }) => s.id === slotId,
          ) as { start: string } | undefined;
        const offered = await session();
        assert.ok(offered, 'offered before it starts');
        assert.ok(await session(), 'and again from the cache');
        // a minute after it started, with nothing written meanwhile
        t.server.ctx.now = () => new Date(Date.parse(offered.start) + 60_000);
        assert.equal(await session(), undefined, 'a session that has started is not offered from the cache');
      } finally {
        t.server.ctx.now = realNow;
      }
    });

    test('availability is computed in the prison timezone across the March 2026 clock change', async () => {
      const real = t.server.ctx.now;
      t.server.ctx.now = () => new Date('2026-03-20T12:00:00.000Z');
      try {
        const sam = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
        const r = await t.call(
          'GET',
          '/api/v1/prisoners/prs-A1234BC/availability?type=video&from=2026-03-28&to=2026-03-29',
          { token: sam },
        );
        assert.equal(r.status, 200, r.text);
        const at14 = (date: string) =>
          r.body.days
            .find((d: { date: string }) => d.date === date)
            .sessions.find((s: { id: string }) => s.id.startsWith('tpl-nmi-v-') && s.id.includes('-1400.'));
        assert.equal(at14('2026-03-28').start, '2026-03-28T14:00:00.000Z'); // GMT
        assert.equal(at14('2026-03-29').start, '2026-03-29T13:00:00.000Z'); // BST: 14:00 local is 13:00 UTC
        assert.equal(at14('2026-03-29').end, '2026-03-29T13:30:00.000Z');
      } finally {
        t.server.ctx.now = real;
      }
    });

    test('holds: 10 minutes, one per visitor, full slots answer slot-unavailable with alternatives', async () => {
      const date = t.day(4);
      const { slotId } = await makeSlot(t, date, 1, 'video', '12:00', '12:30');
      const a = await t.family();
      const b = await t.family();
      const hold = await t.call('POST', '/api/v1/holds', {
        token: a.token,
        body: { prisonerId: a.prisonerId, slotId },
      });
      assert.equal(hold.status, 201, hold.text);
      S.Hold.parse(hold.body);
      const minutes = (Date.parse(hold.body.expiresAt) - Date.now()) / 60_000;
      assert.ok(minutes > 9.9 && minutes <= 10, String(minutes));
      const full = await t.call('POST', '/api/v1/holds', {
        token: b.token,
        body: { prisonerId: b.prisonerId, slotId },
      });
      assert.equal(full.status, 409);
      assert.equal(full.body.code, 'slot-unavailable');
      assert.ok(Array.isArray(full.body.alternatives) && full.body.alternatives.length === 3, full.text);
      // a's second hold releases the first, so b can now hold
      const other = await t.call('POST', '/api/v1/holds', {
        token: a.token,
        body: { prisonerId: a.prisonerId, slotId: full.body.alternatives[0].id },
      });
      assert.equal(other.status, 201);
      assert.equal(
        (
          await t.call('POST', '/api/v1/holds', {
            token: b.token,
            body: { prisonerId: b.prisonerId, slotId },
          })
        ).status,
        201,
      );
      const released = await t.call('DELETE', `/api/v1/holds/${other.body.id}`, { token: a.token });
      assert.equal(released.status, 204);
      assert.equal(
        (await t.call('DELETE', `/api/v1/holds/${other.body.id}`, { token: b.token })).status,
        404,
      );
      const unknown = await t.call('POST', '/api/v1/holds', {
        token: a.token,
        body: { prisonerId: a.prisonerId, slotId: 'tpl_nope.2026-01-01' },
      });
      assert.equal(unknown.status, 404);
    });

    test('bookings: checks visitors and limits, consumes and refunds allowance, reference, outbox with .ics', async () => {
      const f = await t.family({ allowance: 1 });
      const date = t.day(6);
      const { slotId } = await makeSlot(t, date, 5, 'in-person', '10:00', '11:00');
      const hold = await t.call('POST', '/api/v1/holds', {
        token: f.token,
        body: { prisonerId: f.prisonerId, slotId },
      });
      const attempt = (visitorIds: string[]) =>
        t.call('POST', '/api/v1/bookings', {
          token: f.token,
          body: { holdId: hold.body.id, visitorIds, contact: { email: f.email } },
        });
      const childOnly = await attempt([f.childId]);
      assert.equal(childOnly.status, 422);
      assert.equal(childOnly.body.code, 'visitor-limits');
      const pending = await attempt([f.userId, f.pendingId]);
      assert.equal(pending.body.code, 'visitor-limits');
      assert.equal(pending.body.errors[0].path, 'visitorIds.1');
      const stranger = await t.family();
      assert.equal((await attempt([f.userId, stranger.childId])).body.code, 'visitor-limits');
      const tooMany = await attempt([f.userId, f.childId, f.adultId, f.userId]);
      assert.equal(tooMany.status, 400);
      const ok = await attempt([f.userId, f.childId, f.adultId]);
      assert.equal(ok.status, 201, ok.text);
      const visit = S.Visit.parse(ok.body);
      assert.equal(visit.status, 'booked');
      assert.equal(visit.subStatus, 'AUTO_APPROVED');
      assert.match(visit.reference, /^[2-9A-HJ-NP-Z]{8}$/);
      assert.equal(visit.visitors.length, 3);
      assert.equal(
        visit.visitors.find((v) => v.id === f.childId)?.age,
        Number(date.slice(0, 4)) - 2018 - (date.slice(5) < '01-01' ? 1 : 0),
      );
      assert.equal(visit.call, undefined);
      const reused = await attempt([f.userId]);
      assert.equal(reused.body.code, 'hold-expired');
      const allowance = await t.call('GET', `/api/v1/prisoners/${f.prisonerId}/allowance`, {
        token: f.token,
      });
      assert.equal(allowance.body.remaining, 0);
      // no allowance left
      const { slotId: slot2 } = await makeSlot(t, t.day(7), 5, 'in-person', '10:00', '11:00');
      const hold2 = await t.call('POST', '/api/v1/holds', {
        token: f.token,
        body: { prisonerId: f.prisonerId, slotId: slot2 },
      });
      const none = await t.call('POST', '/api/v1/bookings', {
        token: f.token,
        body: { holdId: hold2.body.id, visitorIds: [f.userId], contact: {} },
      });
      assert.equal(none.status, 422);
      assert.equal(none.body.code, 'no-allowance');
      // view by id and by reference, calendar, outbox
      const byRef = await t.call('GET', `/api/v1/visits/${visit.reference}`, { token: f.token });
      assert.equal(byRef.body.id, visit.id);
      const ics = await t.call('GET', `/api/v1/visits/${visit.id}/calendar.ics`, { token: f.token });
      assert.equal(ics.status, 200);
      assert.match(ics.headers.get('content-type') ?? '', /text\/calendar/);
      assert.match(ics.text, /BEGIN:VEVENT/);
      assert.match(ics.text, new RegExp(visit.reference));
      const outbox = await t.call('GET', `/api/dev/outbox?to=${encodeURIComponent(f.email)}`);
      const mail = outbox.body.find((m: { subject: string }) => m.subject.includes(visit.reference));
      assert.equal(mail.attachments[0].contentType, 'text/calendar');
      // cancel refunds
      const cancelled = await t.call('POST', `/api/v1/visits/${visit.id}/cancel`, {
        token: f.token,
        body: { reason: 'booker-cancelled', note: 'ill' },
      });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.status, 'cancelled');
      assert.equal(cancelled.body.cancellation.reason, 'booker-cancelled');
      assert.equal(
        (await t.call('GET', `/api/v1/prisoners/${f.prisonerId}/allowance`, { token: f.token })).body
          .remaining,
        1,
      );
      const again = await t.call('POST', `/api/v1/visits/${visit.id}/cancel`, {
        token: f.token,
        body: { reason: 'booker-cancelled' },
      });
      assert.equal(again.status, 409);
      const badReason = await t.call('POST', `/api/v1/visits/${visit.id}/cancel`, {
        token: f.token,
        body: { reason: 'bored' },
      });
      assert.equal(badReason.status, 400);
      const lists = await Promise.all(
        ['upcoming', 'past', 'cancelled'].map((scope) =>
          t.call('GET', `/api/v1/visits?scope=${scope}`, { token: f.token }),
        ),
      );
      assert.deepEqual(
        lists.map((l) => l.body.length),
        [0, 0, 1],
      );
    });

    test('restricted prisoners turn a booking into a request; staff decide once; the family is told', async () => {
      const f = await t.family({ reviewRequired: true });
      const { slotId } = await makeSlot(t, t.day(8), 5);
      const visit = await book(t, f, slotId);
      assert.equal(visit.status, 'requested');
      const staff = await t.staffToken('NMI');
      const approvals = await t.call('GET', '/api/v1/staff/approvals', { token: staff });
      assert.ok(approvals.body.bookings.some((b: { id: string }) => b.id === visit.id));
      const glrStaff = await t.staffToken('GLR');
      assert.equal(
        (
          await t.call('POST', `/api/v1/staff/bookings/${visit.id}/decision`, {
            token: glrStaff,
            body: { decision: 'approve' },
          })
        ).status,
        404,
      );
      const ok = await t.call('POST', `/api/v1/staff/bookings/${visit.id}/decision`, {
        token: staff,
        body: { decision: 'approve' },
      });
      assert.deepEqual(ok.body, { id: visit.id, status: 'booked' });
      const twice = await t.call('POST', `/api/v1/staff/bookings/${visit.id}/decision`, {
        token: staff,
        body: { decision: 'reject' },
      });
      assert.equal(twice.body.code, 'already-decided');
      const outbox = await t.call('GET', `/api/dev/outbox?to=${encodeURIComponent(f.email)}`);
      assert.match(outbox.body[0].subject, /confirmed/i);
    });

    test('change moves a visit atomically to the held slot, keeping the reference', async () => {
      const f = await t.family();
      const { slotId: from } = await makeSlot(t, t.day(9), 1, 'video', '16:00', '16:30');
      const { slotId: to } = await makeSlot(t, t.day(10), 1, 'video', '16:00', '16:30');
      const visit = await book(t, f, from);
      const hold = await t.call('POST', '/api/v1/holds', {
        token: f.token,
        body: { prisonerId: f.prisonerId, slotId: to },
      });
      const moved = await t.call('POST', `/api/v1/visits/${visit.id}/change`, {
        token: f.token,
        body: { holdId: hold.body.id },
      });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(moved.body.reference, visit.reference);
      assert.ok(moved.body.start.startsWith(t.day(10)));
      assert.equal(moved.body.call.endsAt, moved.body.end);
      // the old slot is free again, the new one is full
      const g = await t.family();
      assert.equal(
        (
          await t.call('POST', '/api/v1/holds', {
            token: g.token,
            body: { prisonerId: g.prisonerId, slotId: from },
          })
        ).status,
        201,
      );
      assert.equal(
        (
          await t.call('POST', '/api/v1/holds', {
            token: g.token,
            body: { prisonerId: g.prisonerId, slotId: to },
          })
        ).status,
        409,
      );
      const stale = await t.call('POST', `/api/v1/visits/${visit.id}/change`, {
        token: f.token,
        body: { holdId: hold.body.id },
      });
      assert.equal(stale.body.code, 'hold-expired');
      const allowance = await t.call('GET', `/api/v1/prisoners/${f.prisonerId}/allowance`, {
        token: f.token,
      });
      assert.equal(allowance.body.remaining, 19, 'a change does not use another visit');
    });

    test('a visit reference already taken is drawn again, never overwritten or shared', async () => {
      const f = await t.family();
      const { slotId } = await makeSlot(t, t.day(12), 4, 'video', '11:00', '11:30');
      const first = await book(t, f, slotId);
      const db = t.server.ctx.store.db;
      const { reference: _taken, ...stored } = await db
        .selectFrom('visits')
        .selectAll()
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow();
      const draws = [first.reference, 'ZZZZ2345'];
      const again = await insertVisit(db, { ...stored, id: newId() }, () => draws.shift()!);
      assert.equal(again.reference, 'ZZZZ2345');
      assert.equal(draws.length, 0, 'drew twice');
      const byReference = await db
        .selectFrom('visits')
        .select(['id', 'reference'])
        .where('reference', 'in', [first.reference, 'ZZZZ2345'])
        .orderBy('reference')
        .execute();
      assert.deepEqual(byReference, [
        { id: first.id, reference: first.reference },
        { id: again.id, reference: 'ZZZZ2345' },
      ]);
      // every draw taken: a clear error, and nothing written
      const lost = newId();
      await assert.rejects(
        insertVisit(db, { ...stored, id: lost }, () => first.reference),
        /could not allocate a reference/,
      );
      assert.equal(
        await db.selectFrom('visits').select('id').where('id', '=', lost).executeTakeFirst(),
        undefined,
      );
    });

    test('capacity is never exceeded: 200 concurrent hold+confirm attempts at the last 3 places', async () => {
      const capacity = 5;
      const { slotId } = await makeSlot(t, t.day(11), capacity, 'video', '17:00', '17:30');
      const early = await t.family();
      const early2 = await t.family();
      await book(t, early, slotId);
      await book(t, early2, slotId);
      const families = [];
      for (let i = 0; i < 200; i++) families.push(await t.family());
      const results = await Promise.all(
        families.map(async (f) => {
          const hold = await t.call('POST', '/api/v1/holds', {
            token: f.token,
            body: { prisonerId: f.prisonerId, slotId },
          });
          if (hold.status !== 201) return `hold:${hold.status}:${hold.body?.code}`;
          const booking = await t.call('POST', '/api/v1/bookings', {
            token: f.token,
            body: { holdId: hold.body.id, visitorIds: [f.userId], contact: {} },
          });
          return `book:${booking.status}`;
        }),
      );
      const counts: Record<string, number> = {};
      for (const r of results) counts[r] = (counts[r] ?? 0) + 1;
      assert.deepEqual(counts, {
        'book:201': capacity - 2,
        'hold:409:slot-unavailable': 200 - (capacity - 2),
      });
      const booked = await t.server.ctx.store.db
        .selectFrom('visits')
        .select('id')
        .where('slot_id', '=', slotId)
        .where('status', '=', 'booked')
        .execute();
      assert.equal(booked.length, capacity);
    });
  });
}
