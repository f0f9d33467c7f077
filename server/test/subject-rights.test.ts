// Who watched (hidden monitor sessions), subject access (JSON and HTML) and erasure (request → staff decision
// → data gone, audit redacted with the chain still verifying, legal holds kept), on SQLite and PostgreSQL.
// LiveKit webhooks are simulated by posting bodies signed with the server's LiveKit key, as LiveKit does.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { AccessToken } from 'livekit-server-sdk';
import { verifyAuditChain } from '../audit.js';
import { verifyExport } from '../audit-verify.js';
import { TARGETS, book, makeSlot, startServer, type Family, type TestServer } from './helpers.js';

const LK = { url: 'ws://127.0.0.1:9', apiKey: 'testkey', apiSecret: 'test-livekit-secret-of-32-characters!' };

for (const target of TARGETS) {
  describe(`who watched, subject access and erasure (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    let staff: string;
    let otherStaff: string;
    before(async () => {
      // no enforcer ticks of its own: the tests run the tick (/api/dev/enforce) where they need it
      t = await startServer(target.name, { livekit: LK, enforcerIntervalMs: 3_600_000 });
      staff = await t.staffToken('NMI');
      otherStaff = await t.staffToken('GLR');
    });
    after(async () => {
      await t?.close();
    });

    const devVisit = async (f: Family, durationSeconds = 600) => {
      const r = await t.call('POST', '/api/dev/visits', {
        body: { prisonerId: f.prisonerId, visitorUserId: f.userId, startsInSeconds: 0, durationSeconds },
      });
      assert.equal(r.status, 201, r.text);
      return r.body as { id: string; reference: string };
    };
    let events = 0;
    // One "now" for every webhook's createdAt: read afresh each time, a second boundary between two webhooks
    // made a 25 s watch 26 s now and then
    const webhookNow = Math.floor(Date.now() / 1000);
    const webhook = async (event: string, visitId: string, identity: string, secondsAgo: number) => {
      const json = JSON.stringify({
        event,
        id: `EV_${visitId}_${++events}`,
        createdAt: String(webhookNow - secondsAgo),
        room: { name: `visit-${visitId}` },
        participant: { identity },
      });
      const at = new AccessToken(LK.apiKey, LK.apiSecret);
      at.sha256 = createHash('sha256').update(json).digest('base64');
      const r = await fetch(`${t.url}/api/livekit/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() },
        body: json,
      });
      assert.equal(r.status, 200, await r.text());
    };
    const auditOf = (visitId: string) =>
      t.server.ctx.store.db
        .selectFrom('audit')
        .selectAll()
        .where('visit_id', '=', visitId)
        .orderBy('seq')
        .execute();

    test('who watched: a monitor session from token to left, a second closed out when the call ends; staff of the prison see it, the audit export carries it', async () => {
      const f = await t.family();
      const visit = await devVisit(f);
      const sessions = () =>
        t.call('GET', `/api/v1/staff/visits/${visit.id}/monitor-sessions`, { token: staff });
      const token = await t.call('POST', `/api/v1/staff/visits/${visit.id}/monitor-token`, { token: staff });
      assert.equal(token.status, 200, token.text);
      let list = await sessions();
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.length, 1);
      assert.equal(list.body[0].staffId, 'usr-staff-nmi');
      assert.equal(list.body[0].startedAt, null);
      await webhook('participant_joined', visit.id, 'staff:usr-staff-nmi', 40);
      await webhook('participant_left', visit.id, 'staff:usr-staff-nmi', 15);
      list = await sessions();
      assert.equal(list.body[0].endedBy, 'left');
      assert.equal(list.body[0].seconds, 25);
      assert.equal(Date.parse(list.body[0].endedAt) - Date.parse(list.body[0].startedAt), 25_000);
      // watching again; the call is then ended by staff and the left webhook never comes
      await t.call('POST', `/api/v1/staff/visits/${visit.id}/monitor-token`, { token: staff });
      await webhook('participant_joined', visit.id, 'staff:usr-staff-nmi', 5);
      const end = await t.call('POST', `/api/v1/staff/visits/${visit.id}/end`, {
        token: staff,
        body: { reason: 'technical' },
      });
      assert.equal(end.status, 200, end.text);
      assert.equal((await sessions()).body[1].endedAt, null);
      await t.call('POST', '/api/dev/enforce');
      list = await sessions();
      assert.equal(list.body.length, 2);
      assert.equal(list.body[1].endedBy, 'closed-out');
      assert.ok(list.body[1].seconds >= 4 && list.body[1].seconds < 60, String(list.body[1].seconds));
      // a second tick closes nothing twice
      await t.call('POST', '/api/dev/enforce');
      const rows = await auditOf(visit.id);
      assert.deepEqual(
        rows.filter((r) => r.action.startsWith('monitor.')).map((r) => r.action),
        ['monitor.started', 'monitor.ended', 'monitor.started', 'monitor.ended'],
      );
      const ended = JSON.parse(rows.find((r) => r.action === 'monitor.ended')!.details);
      assert.equal(ended.seconds, 25);
      assert.equal(ended.staffId, 'usr-staff-nmi');
      const exp = await t.call('GET', `/api/v1/staff/audit/export?from=${t.day(-1)}&to=${t.day(1)}`, {
        token: staff,
      });
      assert.equal(exp.status, 200, exp.text);
      const exported = exp.body.entries.filter(
        (e: { visitId: string; action: string }) => e.visitId === visit.id && e.action.startsWith('monitor.'),
      );
      assert.equal(exported.length, 4);
      assert.equal(exp.body.verification.ok, true);
      // another prison's staff and the family may not see who watched
      assert.equal(
        (await t.call('GET', `/api/v1/staff/visits/${visit.id}/monitor-sessions`, { token: otherStaff }))
          .status,
        404,
      );
      assert.equal(
        (await t.call('GET', `/api/v1/staff/visits/${visit.id}/monitor-sessions`, { token: f.token })).status,
        403,
      );
    });

    test('subject access: the download holds the person, links, visitors, the visit with its outcome, audit and quality summary, and their messages; no secrets; theirs only', async () => {
      const f = await t.family();
      const visit = await devVisit(f);
      await t.call('POST', `/api/v1/staff/visits/${visit.id}/monitor-token`, { token: staff });
      const end = await t.call('POST', `/api/v1/staff/visits/${visit.id}/end`, {
        token: staff,
        body: { reason: 'technical' },
      });
      assert.equal(end.status, 200, end.text);
      // the family's device sent its final call-quality summary (as POST /visits/{id}/call/quality stores it)
      const at = t.server.ctx.now().toISOString();
      await t.server.ctx.store.db
        .insertInto('call_quality')
        .values({
          visit_id: visit.id,
          identity: `visitor:${f.userId}`,
          role: 'visitor',
          packet_loss_bp: 125,
          rtt_ms: 80,
          bitrate_kbps: 640,
          freezes: 2,
          reconnections: 1,
          final: 1,
          first_at: at,
          updated_at: at,
        })
        .execute();
      const { slotId } = await makeSlot(t, t.day(5), 3);
      const booked = await book(t, f, slotId);
      // a sign-in code sent to them: its message is theirs, its hash is not shown
      await t.call('POST', '/api/v1/auth/code', { body: { email: f.email } });
      const r = await t.call('GET', '/api/v1/family/me/export', { token: f.token });
      assert.equal(r.status, 200, r.text);
      assert.match(r.headers.get('content-disposition') ?? '', /attachment; filename="my-data-/);
      const data = r.body;
      assert.equal(data.person.id, f.userId);
      assert.equal(data.person.email, f.email);
      assert.equal(data.links.length, 1);
      assert.equal(data.links[0].prisonNumber, f.prisonNumber);
      assert.deepEqual(data.links[0].visitors.map((v: { firstName: string }) => v.firstName).sort(), [
        'Gran',
        'Kid',
        'Pending',
      ]);
      const v = data.visits.find((x: { id: string }) => x.id === visit.id);
      assert.ok(v, 'the visit');
      assert.equal(v.callOutcome.result, 'ended-by-staff');
      assert.equal(v.callQuality.sides.length, 1);
      assert.equal(v.callQuality.sides[0].side, 'visitor');
      assert.equal(v.callQuality.sides[0].packetLossPercent, 1.25);
      assert.equal(v.callQuality.sides[0].final, true);
      assert.equal(data.visits.find((x: { id: string }) => x.id === booked.id).callQuality, null);
      assert.ok(data.visits.some((x: { id: string }) => x.id === booked.id));
      const actions = data.audit
        .filter((a: { visitId: string }) => a.visitId === visit.id)
        .map((a: { action: string }) => a.action);
      assert.ok(
        actions.includes('call.ended-by-staff') || actions.includes('visit.call-outcome'),
        actions.join(),
      );
      assert.ok(actions.includes('visit.call-outcome'));
      assert.ok(!actions.some((a: string) => a.startsWith('call.monitor') || a.startsWith('monitor.')));
      assert.ok(!data.audit.some((a: { by: string }) => a.by === 'usr-staff-nmi'), 'staff are not named');
      assert.ok(data.messages.some((m: { subject: string }) => /sign/i.test(m.subject)));
      assert.ok(data.messages.length >= 2, 'booking confirmation and sign-in code');
      for (const secret of ['code_hash', 'codeHash', 'pairing', 'token'])
        assert.ok(!r.text.includes(secret), secret);
      // the readable copy
      const html = await t.call('GET', '/api/v1/family/me/export?format=html', { token: f.token });
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(html.text, /<html lang="en">/);
      assert.ok(html.text.includes(visit.reference));
      assert.ok(html.text.includes(f.email));
      assert.ok(html.text.includes('visit.call-outcome'));
      // in Welsh for a family who chose it
      await t.server.ctx.store.db
        .updateTable('users')
        .set({ language: 'cy' })
        .where('id', '=', f.userId)
        .execute();
      const cy = await t.call('GET', '/api/v1/family/me/export?format=html', { token: f.token });
      assert.match(cy.text, /<html lang="cy">/);
      assert.ok(cy.text.includes('Popeth sydd gennym amdanoch'));
      // someone else's copy does not hold this visit; staff have no copy of their own
      const other = await t.family();
      const theirs = await t.call('GET', '/api/v1/family/me/export', { token: other.token });
      assert.ok(!theirs.text.includes(visit.id));
      assert.equal((await t.call('GET', '/api/v1/family/me/export', { token: staff })).status, 403);
      assert.equal((await t.call('GET', '/api/v1/family/me/export')).status, 401);
      const exportedAudit = await t.server.ctx.store.db
        .selectFrom('audit')
        .select('action')
        .where('actor', '=', f.userId)
        .where('action', '=', 'subject-access.exported')
        .execute();
      assert.equal(exportedAudit.length, 3); // the JSON and the two HTML downloads
    });

    test('erasure end to end: request, refusal needs a reason, staff erase; data gone, audit redacted and the chains verify, a visit under legal hold kept; sign-in again starts afresh', async () => {
      const f = await t.family();
      const { slotId } = await makeSlot(t, t.day(6), 3);
      const plain = await book(t, f, slotId);
      const held = await devVisit(f);
      const hold = await t.call('POST', '/api/v1/staff/legal-holds', {
        token: staff,
        body: { visitId: held.id, reason: 'Security incident under investigation' },
      });
      assert.equal(hold.status, 201, hold.text);
      const asked = await t.call('POST', '/api/v1/family/me/erasure', { token: f.token });
      assert.equal(asked.status, 201, asked.text);
      assert.equal(asked.body.status, 'requested');
      const again = await t.call('POST', '/api/v1/family/me/erasure', { token: f.token });
      assert.equal(again.body.id, asked.body.id, 'one open request');
      // staff of the prison see it, with the visit the hold keeps; another prison does not
      const list = await t.call('GET', '/api/v1/staff/erasure-requests?status=requested', { token: staff });
      const mine = list.body.find((x: { id: string }) => x.id === asked.body.id);
      assert.equal(mine.email, f.email);
      assert.deepEqual(mine.heldVisits, [held.id]);
      assert.equal(mine.visits, 2);
      const elsewhere = await t.call('GET', '/api/v1/staff/erasure-requests', { token: otherStaff });
      assert.ok(!elsewhere.body.some((x: { id: string }) => x.id === asked.body.id));
      const decide = (token: string, body: object) =>
        t.call('POST', `/api/v1/staff/erasure-requests/${asked.body.id}/decision`, { token, body });
      assert.equal((await decide(otherStaff, { decision: 'erase' })).status, 404);
      const noReason = await decide(staff, { decision: 'refuse' });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.errors[0].path, 'reason');
      const beforeRows = await t.server.ctx.store.db
        .selectFrom('audit')
        .select(['id', 'visit_id'])
        .where((eb) => eb.or([eb('actor', '=', f.userId), eb('visit_id', '=', plain.id)]))
        .execute();
      assert.ok(beforeRows.some((r) => r.visit_id === plain.id));
      assert.ok(beforeRows.some((r) => r.visit_id === null)); // erasure.requested
      const done = await decide(staff, { decision: 'erase' });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.status, 'erased');
      assert.deepEqual(done.body.kept, [{ visitId: held.id, reason: 'legal-hold' }]);
      assert.equal((await decide(staff, { decision: 'erase' })).status, 409);

      const db = t.server.ctx.store.db;
      const count = async (q: Promise<unknown[]>) => (await q).length;
      assert.equal(await count(db.selectFrom('users').select('id').where('id', '=', f.userId).execute()), 0);
      assert.equal(
        await count(db.selectFrom('links').select('id').where('user_id', '=', f.userId).execute()),
        0,
      );
      assert.equal(
        await count(db.selectFrom('link_visitors').select('id').where('link_id', '=', f.linkId).execute()),
        0,
      );
      assert.equal(await count(db.selectFrom('visits').select('id').where('id', '=', plain.id).execute()), 0);
      assert.equal(
        await count(
          db.selectFrom('visit_visitors').select('visit_id').where('visit_id', '=', plain.id).execute(),
        ),
        0,
      );
      assert.equal(
        await count(db.selectFrom('outbox').select('id').where('to_addr', '=', f.email).execute()),
        0,
      );
      // the held visit is kept whole (its audit too), but no longer points at the person
      const kept = await db
        .selectFrom('visits')
        .selectAll()
        .where('id', '=', held.id)
        .executeTakeFirstOrThrow();
      assert.equal(kept.lead_user_id, 'erased');
      const heldAudit = await auditOf(held.id);
      assert.ok(heldAudit.length > 0 && heldAudit.every((r) => r.details !== '{"redacted":true}'));
      // audit rows about the person and the erased visit are still there, redacted
      const afterRows = await db
        .selectFrom('audit')
        .selectAll()
        .where(
          'id',
          'in',
          beforeRows.filter((r) => r.visit_id !== held.id).map((r) => r.id),
        )
        .execute();
      assert.equal(afterRows.length, beforeRows.filter((r) => r.visit_id !== held.id).length);
      for (const row of afterRows) {
        assert.equal(row.details, '{"redacted":true}');
        assert.notEqual(row.actor, f.userId);
      }
      for (const chain of ['NMI', '']) {
        const check = await verifyAuditChain(t.server.ctx.store, chain);
        assert.equal(check.ok, true, `${chain}: ${JSON.stringify(check.problems)}`);
      }
      assert.equal((await t.call('GET', '/api/v1/staff/audit/verify', { token: staff })).body.ok, true);
      // an export that includes the vouching row verifies offline too (npm run audit:verify -- --file)
      const exported = await t.call('GET', `/api/v1/staff/audit/export?from=${t.day(-1)}&to=${t.day(1)}`, {
        token: staff,
      });
      assert.ok(exported.body.entries.some((e: { action: string }) => e.action === 'audit.redacted'));
      assert.deepEqual(verifyExport(exported.body).problems, []);
      // a redaction is no licence to edit: changing a redacted row again is detected
      const victim = afterRows.find((r) => r.chain === 'NMI')!;
      await db
        .updateTable('audit')
        .set({ details: '{"redacted":false}' })
        .where('id', '=', victim.id)
        .execute();
      const tampered = await verifyAuditChain(t.server.ctx.store, 'NMI');
      assert.deepEqual(
        tampered.problems.map((p) => [p.kind, p.seq]),
        [['edited', Number(victim.seq)]],
      );
      await db.updateTable('audit').set({ details: victim.details }).where('id', '=', victim.id).execute();
      // the old session is dead; signing in with the email again finds nothing old
      assert.equal((await t.call('GET', '/api/v1/visits', { token: f.token })).status, 401);
      await t.call('POST', '/api/v1/auth/code', { body: { email: f.email } });
      const outbox = await t.call('GET', `/api/dev/outbox?to=${encodeURIComponent(f.email)}`);
      const code = /\b(\d{6})\b/.exec(outbox.body[0].text)![1]!;
      const session = await t.call('POST', '/api/v1/auth/verify', { body: { email: f.email, code } });
      assert.equal(session.status, 200, session.text);
      assert.notEqual(session.body.user.id, f.userId);
      const fresh = session.body.token as string;
      for (const scope of ['upcoming', 'past', 'cancelled'])
        assert.deepEqual((await t.call('GET', `/api/v1/visits?scope=${scope}`, { token: fresh })).body, []);
      assert.deepEqual((await t.call('GET', '/api/v1/links', { token: fresh })).body, []);
      const copy = (await t.call('GET', '/api/v1/family/me/export', { token: fresh })).body;
      assert.deepEqual([copy.links.length, copy.visits.length], [0, 0]);
      assert.ok(!JSON.stringify(copy.audit).includes(f.userId));
    });

    test('erasure can be refused with a reason; nothing is erased; the family reads where its request is', async () => {
      const f = await t.family();
      const status = () => t.call('GET', '/api/v1/family/me/erasure', { token: f.token });
      assert.deepEqual((await status()).body, { request: null }, 'never asked');
      assert.equal((await t.call('GET', '/api/v1/family/me/erasure', { token: staff })).status, 403);
      const asked = await t.call('POST', '/api/v1/family/me/erasure', { token: f.token });
      assert.deepEqual((await status()).body.request, asked.body, 'the open request');
      const r = await t.call('POST', `/api/v1/staff/erasure-requests/${asked.body.id}/decision`, {
        token: staff,
        body: { decision: 'refuse', reason: 'Visits are booked for next week: cancel them first.' },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, 'refused');
      assert.equal(r.body.reason, 'Visits are booked for next week: cancel them first.');
      assert.equal((await t.call('GET', '/api/v1/links', { token: f.token })).body.length, 1);
      const copy = (await t.call('GET', '/api/v1/family/me/export', { token: f.token })).body;
      assert.equal(copy.erasureRequests[0].status, 'refused');
      const now = (await status()).body.request;
      assert.deepEqual([now.id, now.status, now.reason], [asked.body.id, 'refused', r.body.reason]);
    });

    test('a person no prison holds data about is erased at once', async () => {
      const email = `lonely-${Date.now()}@example.org`;
      await t.call('POST', '/api/v1/auth/code', { body: { email } });
      const outbox = await t.call('GET', `/api/dev/outbox?to=${encodeURIComponent(email)}`);
      const code = /\b(\d{6})\b/.exec(outbox.body[0].text)![1]!;
      const session = await t.call('POST', '/api/v1/auth/verify', { body: { email, code } });
      const r = await t.call('POST', '/api/v1/family/me/erasure', { token: session.body.token });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.status, 'erased');
      const left = await t.server.ctx.store.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .execute();
      assert.equal(left.length, 0);
      assert.equal((await verifyAuditChain(t.server.ctx.store, '')).ok, true);
    });
  });
}
