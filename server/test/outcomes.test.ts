// A visit's final state after its call: recorded on the visit (status, callOutcome, audit), no-shows decided by
// the clock, joining / changing / cancelling an ended visit refused, and the family's own event stream.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  TARGETS,
  makeSlot,
  openStream,
  startServer,
  until,
  type Family,
  type TestServer,
} from './helpers.js';

for (const target of TARGETS) {
  describe(`a visit's outcome after its call (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    let staff: string;
    before(async () => {
      t = await startServer(target.name, { enforcerIntervalMs: 100, heartbeatMs: 300 });
      staff = await t.staffToken('NMI');
    });
    after(async () => {
      await t?.close();
    });

    const devVisit = async (f: Family, durationSeconds: number) => {
      const r = await t.call('POST', '/api/dev/visits', {
        body: {
          prisonerId: f.prisonerId,
          visitorUserId: f.userId,
          startsInSeconds: 0,
          durationSeconds,
          type: 'video',
        },
      });
      assert.equal(r.status, 201, r.text);
      return r.body as { id: string; reference: string };
    };
    /** A paired kiosk for the family's person in prison (a device row, as pairing makes). */
    const kioskOf = async (f: Family) => {
      const id = `dev-kiosk-${f.prisonerId}`;
      await t.server.ctx.store.db
        .insertInto('devices')
        .values({
          id,
          prisoner_id: f.prisonerId,
          label: 'Wing kiosk',
          pairing_code: `P-${f.prisonerId}`,
          pairing_expires_at: new Date(Date.now() + 60_000).toISOString(),
          reusable: 0,
          paired_at: new Date().toISOString(),
          created_by: 'test',
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return t.tokenFor({ id, role: 'prisoner', prisonerId: f.prisonerId });
    };
    const visitOf = async (f: Family, id: string) =>
      (await t.call('GET', `/api/v1/visits/${id}`, { token: f.token })).body;
    const ended = (f: Family, id: string) =>
      until(async () => {
        const v = await visitOf(f, id);
        return v.callOutcome ? v : undefined;
      }, 8000);

    test('staff end a call: the visit is completed, ended by staff with the reason, past, audited; nothing may join, change or cancel it', async () => {
      const f = await t.family();
      const visit = await devVisit(f, 600);
      const kiosk = await kioskOf(f);
      assert.equal(
        (await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token: f.token })).status,
        200,
      );
      assert.equal(
        (await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff })).status,
        200,
      );
      const end = await t.call('POST', `/api/v1/staff/visits/${visit.id}/end`, {
        token: staff,
        body: { reason: 'behaviour', note: 'Abusive language' },
      });
      assert.equal(end.status, 200, end.text);

      const v = await visitOf(f, visit.id);
      assert.equal(v.status, 'completed');
      assert.equal(v.subStatus, 'ENDED_BY_STAFF');
      assert.equal(v.callOutcome.result, 'ended-by-staff');
      assert.equal(v.callOutcome.staffReason, 'behaviour');
      assert.equal(v.callOutcome.note, 'Abusive language');
      assert.ok(Date.parse(v.callOutcome.at) <= Date.now());
      // Its end time is still ahead, yet it is a past visit, not an upcoming one.
      const upcoming = await t.call('GET', '/api/v1/visits?scope=upcoming', { token: f.token });
      assert.ok(!upcoming.body.some((x: { id: string }) => x.id === visit.id));
      const past = await t.call('GET', '/api/v1/visits?scope=past', { token: f.token });
      assert.equal(
        past.body.find((x: { id: string }) => x.id === visit.id)?.callOutcome.result,
        'ended-by-staff',
      );
      // Staff and the kiosk see the same outcome.
      const day = await t.call('GET', '/api/v1/staff/visits', { token: staff });
      const staffView = day.body.find((x: { id: string }) => x.id === visit.id);
      assert.equal(staffView.callOutcome.result, 'ended-by-staff');
      assert.equal(staffView.callState.status, 'ended');
      const kioskView = await t.call('GET', `/api/v1/visits/${visit.id}`, { token: kiosk });
      assert.equal(kioskView.body.callOutcome.result, 'ended-by-staff');

      for (const [who, token] of [
        ['family', f.token],
        ['kiosk', kiosk],
      ] as const) {
        const tok = await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token });
        assert.equal(tok.status, 409, `${who} token`);
        assert.equal(tok.body.code, 'call-ended');
        assert.match(tok.body.detail, /ended/);
        const knock = await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token });
        assert.equal(knock.status, 409, `${who} knock`);
        assert.equal(knock.body.code, 'call-ended');
      }
      const cancel = await t.call('POST', `/api/v1/visits/${visit.id}/cancel`, {
        token: f.token,
        body: { reason: 'booker-cancelled' },
      });
      assert.equal(cancel.status, 409);
      assert.equal(cancel.body.code, 'call-ended');
      const { slotId } = await makeSlot(t, t.day(5), 3);
      const hold = await t.call('POST', '/api/v1/holds', {
        token: f.token,
        body: { prisonerId: f.prisonerId, slotId },
      });
      assert.equal(hold.status, 201, hold.text);
      const change = await t.call('POST', `/api/v1/visits/${visit.id}/change`, {
        token: f.token,
        body: { holdId: hold.body.id },
      });
      assert.equal(change.status, 409);
      assert.equal(change.body.code, 'call-ended');

      const audit = await t.call('GET', `/api/v1/staff/audit?visitId=${visit.id}`, { token: staff });
      const recorded = audit.body.filter((a: { action: string }) => a.action === 'visit.call-outcome');
      assert.equal(recorded.length, 1, 'recorded once');
      assert.equal(recorded[0].details.result, 'ended-by-staff');
      assert.equal(recorded[0].details.staffReason, 'behaviour');
      // Staff may still record their own outcome afterwards.
      const own = await t.call('POST', `/api/v1/staff/visits/${visit.id}/outcome`, {
        token: staff,
        body: { outcome: 'terminated' },
      });
      assert.equal(own.status, 200, own.text);
      assert.equal(own.body.callOutcome.result, 'ended-by-staff');
    });

    test('at the end time the clock decides: visitor no-show, prisoner no-show, completed, time up', async () => {
      const [a, b, c, d] = [await t.family(), await t.family(), await t.family(), await t.family()];
      const nobody = await devVisit(a, 2);
      const visitorOnly = await devVisit(b, 2);
      const held = await devVisit(c, 2);
      const neverAdmitted = await devVisit(d, 2);
      await t.call('POST', `/api/v1/visits/${visitorOnly.id}/call/knock`, { token: b.token });
      for (const [f, v] of [
        [c, held],
        [d, neverAdmitted],
      ] as const) {
        assert.equal(
          (await t.call('POST', `/api/v1/visits/${v.id}/call/knock`, { token: f.token })).status,
          200,
        );
        const kiosk = await kioskOf(f);
        assert.equal(
          (await t.call('POST', `/api/v1/visits/${v.id}/call/knock`, { token: kiosk })).status,
          200,
        );
      }
      assert.equal(
        (await t.call('POST', `/api/v1/staff/visits/${held.id}/admit`, { token: staff })).status,
        200,
      );

      assert.equal((await ended(a, nobody.id)).callOutcome.result, 'visitor-no-show');
      assert.equal((await ended(b, visitorOnly.id)).callOutcome.result, 'prisoner-no-show');
      assert.equal((await ended(c, held.id)).callOutcome.result, 'completed');
      const timeUp = await ended(d, neverAdmitted.id);
      assert.equal(timeUp.callOutcome.result, 'time-up');
      assert.equal(timeUp.status, 'completed');
      const call = await t.server.ctx.store.db
        .selectFrom('calls')
        .selectAll()
        .where('visit_id', '=', neverAdmitted.id)
        .executeTakeFirstOrThrow();
      assert.ok(timeUp.callOutcome.at >= call.ends_at, 'decided at the end time, not before');
      // Decided once, even with the clock ticking on.
      const rows = await t.server.ctx.store.db
        .selectFrom('audit')
        .select('visit_id')
        .where('action', '=', 'visit.call-outcome')
        .where('visit_id', 'in', [nobody.id, visitorOnly.id, held.id, neverAdmitted.id])
        .execute();
      assert.equal(rows.length, 4);
    });

    test('a call that ended without its outcome written (a stop in between) gets it on the next tick', async () => {
      const f = await t.family();
      const visit = await devVisit(f, 600);
      const now = new Date().toISOString();
      // What claimEnd leaves if the process stops before the visit is written.
      await t.server.ctx.store.db
        .updateTable('calls')
        .set({ status: 'ended', end_reason: 'ended-by-staff', staff_reason: 'security', ended_at: now })
        .where('visit_id', '=', visit.id)
        .execute();
      const v = await ended(f, visit.id);
      assert.equal(v.status, 'completed');
      assert.deepEqual(v.callOutcome, { result: 'ended-by-staff', staffReason: 'security', at: now });
    });

    test('a visit that is only requested is not called ended', async () => {
      const f = await t.family();
      const visit = await devVisit(f, 600);
      await t.server.ctx.store.db
        .updateTable('visits')
        .set({ status: 'requested' })
        .where('id', '=', visit.id)
        .execute();
      const token = await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token: f.token });
      assert.notEqual(token.body.code, 'call-ended', token.text);
    });

    test('a cancelled visit gets no call outcome', async () => {
      const f = await t.family();
      const visit = await devVisit(f, 600);
      const r = await t.call('POST', `/api/v1/visits/${visit.id}/cancel`, {
        token: f.token,
        body: { reason: 'booker-cancelled' },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal((await visitOf(f, visit.id)).callOutcome, undefined);
    });

    test('the family stream carries only your own visits and links', async () => {
      const mine = await t.family();
      const theirs = await t.family();
      const mineStream = await openStream(`${t.url}/api/v1/family/events`, mine.token);
      const theirStream = await openStream(`${t.url}/api/v1/family/events`, theirs.token);
      try {
        assert.equal(mineStream.response.status, 200);
        assert.equal(mineStream.response.headers.get('content-type'), 'text/event-stream');
        await mineStream.next((e) => e.event === 'ready');
        await theirStream.next((e) => e.event === 'ready');
        const visit = await devVisit(mine, 600);
        // The prison cancels it: the family hears, with the new status.
        await t.call('POST', `/api/v1/visits/${visit.id}/cancel`, {
          token: staff,
          body: { reason: 'establishment-cancelled' },
        });
        const cancelled = await mineStream.next((e) => e.event === 'visit' && e.data.status === 'cancelled');
        assert.equal(cancelled.data.reference, visit.reference);
        // A call ending reaches the family with its outcome.
        const second = await devVisit(mine, 600);
        await t.call('POST', `/api/v1/staff/visits/${second.id}/end`, {
          token: staff,
          body: { reason: 'technical' },
        });
        const outcome = await mineStream.next(
          (e) => e.event === 'visit' && e.data.id === second.id && !!e.data.callOutcome,
        );
        assert.equal(outcome.data.callOutcome.staffReason, 'technical');
        // A link decided by the prison.
        const link = await t.call('POST', '/api/v1/links', {
          token: mine.token,
          body: {
            prisonCode: 'NMI',
            prisonNumber: 'A1234BC',
            firstName: 'Someone',
            lastName: 'Else',
            dateOfBirth: '1990-01-01',
            relationship: 'friend',
          },
        });
        assert.equal(link.status, 202, link.text);
        const decided = await t.call('POST', `/api/v1/staff/links/${link.body.id}/decision`, {
          token: staff,
          body: { decision: 'reject', reason: 'not known' },
        });
        assert.equal(decided.status, 200, decided.text);
        const e = await mineStream.next((e) => e.event === 'link');
        assert.deepEqual(e.data, { kind: 'link', id: link.body.id, status: 'rejected' });
        // Give anything misrouted time to arrive, then check the other family heard nothing of it.
        await until(() => theirStream.comments >= 1, 3000);
        assert.deepEqual(
          theirStream.events.map((e) => e.event),
          ['ready'],
          'another family sees none of these events',
        );
      } finally {
        await mineStream.close();
        await theirStream.close();
      }
      assert.equal((await fetch(`${t.url}/api/v1/family/events`)).status, 401);
      const kiosk = await kioskOf(mine);
      const refused = await fetch(`${t.url}/api/v1/family/events`, {
        headers: { authorization: `Bearer ${kiosk}` },
      });
      assert.equal(refused.status, 403);
      const staffRefused = await fetch(`${t.url}/api/v1/family/events`, {
        headers: { authorization: `Bearer ${staff}` },
      });
      assert.equal(staffRefused.status, 403);
    });
  });
}
