import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verifyAuditChain } from '../audit.js';
import { DEFAULT_RETENTION, purgeExpired } from '../retention.js';
import { recordIncident } from '../staff.js';
import { audit, newId } from '../util.js';
import { TARGETS, freshDatabase, startServer, until, type TestServer } from './helpers.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const staffP = { id: 'usr-staff-nmi', role: 'staff' as const, prisonCode: 'NMI' };

for (const target of TARGETS) {
  describe(`retention purge (${target.name})`, { skip: target.skip }, () => {
    test('removes exactly what is past its period (default periods, server clock), keeps legal holds', async () => {
      const db = await freshDatabase(target.name);
      const a = await startServer(target.name, { enforcerIntervalMs: 0 }, db);
      // a second replica on PostgreSQL, purging at the same moment; SQLite has one writer process
      const b =
        target.name === 'postgres'
          ? await startServer(target.name, { enforcerIntervalMs: 0, seed: false }, db)
          : a;
      try {
        // the server clock, frozen: every period is counted from it, not from the machine's date
        const T = new Date(Math.floor(Date.now() / 1000) * 1000);
        const ago = (days: number, extraMs = 0) => new Date(T.getTime() - days * DAY + extraMs);
        const iso = (days: number, extraMs = 0) => ago(days, extraMs).toISOString();
        const ctx = a.server.ctx;
        const d = ctx.store.db;
        const at = (when: Date) => {
          a.server.ctx.now = () => when;
          b.server.ctx.now = () => when;
        };
        const R = DEFAULT_RETENTION;
        /** A video visit that ended `days` (+ extraMs) before T. */
        const visitEnded = async (days: number, extraMs: number) => {
          at(new Date(ago(days, extraMs).getTime() - 1800_000));
          const r = await a.call('POST', '/api/dev/visits', {
            body: {
              prisonerId: 'prs-A1234BC',
              visitorUserId: 'usr-sam',
              startsInSeconds: 0,
              durationSeconds: 1800,
              type: 'video',
            },
          });
          assert.equal(r.status, 201, r.text);
          await d
            .updateTable('visits')
            .set({
              contact: JSON.stringify({ email: 'sam@example.org', phone: '07700900123' }),
              support_needs: 'wheelchair',
            })
            .where('id', '=', r.body.id)
            .execute();
          return r.body.id as string;
        };
        const visitGone = await visitEnded(R.visits, -HOUR);
        const visitKept = await visitEnded(R.visits, HOUR);
        const visitHeld = await visitEnded(R.visits + 40, 0);
        const visitIncident = await visitEnded(R.visits + 40, 0);
        const contactGone = await visitEnded(R.contactDetails, -HOUR);
        const contactKept = await visitEnded(R.contactDetails, HOUR);
        // an incident recorded then (kept for incidentHold days), and a legal hold placed now through the route
        await recordIncident(ctx, staffP, visitIncident, 'contraband seen on camera');
        at(T);
        const hold = await a.call('POST', '/api/v1/staff/legal-holds', {
          token: await a.staffToken('NMI'),
          body: { visitId: visitHeld, reason: 'complaint under investigation' },
        });
        assert.equal(hold.status, 201, hold.text);
        // audit rows either side of the audit period, one of them about the held visit
        const auditAt = async (days: number, extraMs: number, subject: string, visitId?: string) => {
          at(ago(days, extraMs));
          await audit(ctx, d, {
            actor: staffP,
            action: 'test.event',
            subject,
            prisonCode: 'NMI',
            visitId: visitId ?? null,
          });
        };
        await auditAt(R.audit, -HOUR, 'audit-gone');
        await auditAt(R.audit, HOUR, 'audit-kept');
        await auditAt(R.audit, -HOUR, 'audit-held', visitHeld);
        // outbox, sign-in codes, pairing codes, holds, idempotency answers, webhook ids
        const outbox = (id: string, days: number, extraMs: number, status: 'sent' | 'pending') =>
          d
            .insertInto('outbox')
            .values({
              id,
              to_addr: 'sam@example.org',
              channel: 'email',
              subject: 's',
              text: 't',
              attachments: '[]',
              at: iso(days, extraMs),
              status,
              attempts: 1,
              next_attempt_at: status === 'pending' ? iso(0, HOUR) : null,
              last_error: null,
              sent_at: null,
            })
            .execute();
        await outbox('out-gone', R.outbox, -HOUR, 'sent');
        await outbox('out-kept', R.outbox, HOUR, 'sent');
        await outbox('out-pending', R.outbox, -HOUR, 'pending');
        const code = (id: string, expiresDaysAgo: number, extraMs: number) =>
          d
            .insertInto('login_codes')
            .values({
              id,
              email: 'sam@example.org',
              code_hash: 'x',
              expires_at: iso(expiresDaysAgo, extraMs),
              attempts: 0,
              used_at: null,
              created_at: iso(expiresDaysAgo + 1),
            })
            .execute();
        await code('code-gone', R.signInCodes, -HOUR);
        await code('code-kept', R.signInCodes, HOUR);
        const device = (id: string, days: number, extraMs: number, paired: boolean) =>
          d
            .insertInto('devices')
            .values({
              id,
              prisoner_id: 'prs-A1234BC',
              label: id,
              pairing_code: `P-${id}`,
              pairing_expires_at: iso(days, extraMs),
              reusable: 0,
              paired_at: paired ? iso(days + 1) : null,
              created_by: 'test',
              created_at: iso(days + 1),
            })
            .execute();
        await device('devc-gone', R.devices, -HOUR, false);
        await device('devc-kept', R.devices, HOUR, false);
        await device('devc-paired', 400, 0, true);
        const holdRow = (id: string, days: number, extraMs: number) =>
          d
            .insertInto('holds')
            .values({
              id,
              user_id: 'usr-sam',
              prisoner_id: 'prs-A1234BC',
              template_id: 't',
              slot_id: `t.${id}`,
              date: '2026-01-01',
              type: 'video',
              start_at: iso(days),
              end_at: iso(days),
              expires_at: iso(days, extraMs),
              status: 'released',
              created_at: iso(days),
            })
            .execute();
        await holdRow('hold-gone', R.holds, -HOUR);
        await holdRow('hold-kept', R.holds, HOUR);
        await d
          .insertInto('idempotency')
          .values([
            {
              caller: 'c',
              key: 'idem-gone',
              status: 201,
              body: '{}',
              content_type: null,
              created_at: iso(R.idempotency, -HOUR),
            },
            {
              caller: 'c',
              key: 'idem-kept',
              status: 201,
              body: '{}',
              content_type: null,
              created_at: iso(R.idempotency, HOUR),
            },
          ])
          .execute();
        await d
          .insertInto('webhook_events')
          .values([
            { id: 'wh-gone', received_at: iso(R.webhookEvents, -HOUR) },
            { id: 'wh-kept', received_at: iso(R.webhookEvents, HOUR) },
          ])
          .execute();
        const reported = (id: string, received_at: string) => ({
          id,
          prison_code: 'NMI',
          event_id: id,
          type: 'prisoner-transferred',
          body: '{}',
          received_at,
          received_by: 'usr-staff-nmi',
          result: null,
        });
        await d
          .insertInto('prison_events')
          .values([
            reported('pe-gone', iso(R.prisonEvents, -HOUR)),
            reported('pe-kept', iso(R.prisonEvents, HOUR)),
          ])
          .execute();
        const blocked = (template_id: string, date: string) => ({
          template_id,
          date,
          prison_code: 'NMI',
          reason: 'Staff training',
          created_at: iso(R.sessionBlocks + 5),
        });
        await d
          .insertInto('session_blocks')
          .values([
            blocked('tpl-gone', iso(R.sessionBlocks + 1).slice(0, 10)),
            blocked('tpl-kept', iso(R.sessionBlocks - 1).slice(0, 10)),
          ])
          .execute();
        const adjusted = (id: string, at: string) => ({
          id,
          prisoner_id: 'prs-A1234BC',
          prison_code: 'NMI',
          delta: 1,
          balance_after: 3,
          reason: 'governor',
          note: null,
          staff_id: 'usr-staff-nmi',
          at,
        });
        await d
          .insertInto('allowance_adjustments')
          .values([
            adjusted('adj-gone', iso(R.allowanceAdjustments, -HOUR)),
            adjusted('adj-kept', iso(R.allowanceAdjustments, HOUR)),
          ])
          .execute();
        const auditBefore = await d.selectFrom('audit').select(['id', 'at', 'visit_id']).execute();

        at(T);
        const results = await Promise.all([purgeExpired(a.server.ctx), purgeExpired(b.server.ctx)]);
        const ran = results.filter((r) => !r.skipped);
        assert.ok(ran.length >= 1);
        const total = (key: string) =>
          ran.reduce((sum, r) => sum + (r.skipped ? 0 : r.counts[key as keyof typeof r.counts]), 0);

        // visits: the one past its year, with its visitor rows and call; held and recent ones stay
        const visits = new Set((await d.selectFrom('visits').select('id').execute()).map((r) => r.id));
        assert.ok(!visits.has(visitGone));
        for (const id of [visitKept, visitHeld, visitIncident, contactGone, contactKept])
          assert.ok(visits.has(id), id);
        assert.equal(total('visits'), 1);
        assert.equal(total('calls'), 1);
        assert.equal(total('visitVisitors'), 1);
        assert.equal(
          (await d.selectFrom('calls').select('visit_id').where('visit_id', '=', visitGone).execute()).length,
          0,
        );
        // contact details: blanked past 30 days, except on held visits
        const contacts = new Map(
          (await d.selectFrom('visits').select(['id', 'contact', 'support_needs']).execute()).map((r) => [
            r.id,
            r,
          ]),
        );
        for (const id of [contactGone, visitKept]) {
          assert.equal(contacts.get(id)!.contact, '{}', id);
          assert.equal(contacts.get(id)!.support_needs, null);
        }
        for (const id of [contactKept, visitHeld, visitIncident])
          assert.match(contacts.get(id)!.contact, /07700900123/, id);
        assert.equal(total('contactDetails'), 2);
        // audit: exactly the rows older than the period, not about a held visit
        const expectGone = auditBefore
          .filter((r) => r.at < iso(R.audit) && r.visit_id !== visitHeld && r.visit_id !== visitIncident)
          .map((r) => r.id)
          .sort();
        assert.ok(expectGone.length >= 1);
        const auditAfter = new Set((await d.selectFrom('audit').select('id').execute()).map((r) => r.id));
        assert.deepEqual(
          auditBefore
            .filter((r) => !auditAfter.has(r.id))
            .map((r) => r.id)
            .sort(),
          expectGone,
        );
        assert.equal(total('audit'), expectGone.length);
        const subjects = (await d.selectFrom('audit').select('subject').execute()).map((r) => r.subject);
        assert.ok(
          subjects.includes('audit-kept') &&
            subjects.includes('audit-held') &&
            !subjects.includes('audit-gone'),
        );
        // the chain still verifies: purged rows left their place and hash
        const chain = await verifyAuditChain(ctx.store, 'NMI');
        assert.deepEqual(chain.problems, []);
        assert.ok(subjects.includes('retention'), 'the purge is itself audited');
        // the rest
        const ids = async (table: 'outbox' | 'login_codes' | 'devices' | 'holds' | 'webhook_events') =>
          (await d.selectFrom(table).select('id').execute()).map((r) => r.id).sort();
        assert.deepEqual(
          (await ids('outbox')).filter((id) => id.startsWith('out-')),
          ['out-kept', 'out-pending'],
        );
        assert.deepEqual(
          (await ids('login_codes')).filter((id) => id.startsWith('code-')),
          ['code-kept'],
        );
        assert.deepEqual(
          (await ids('devices')).filter((id) => id.startsWith('devc-')),
          ['devc-kept', 'devc-paired'],
        );
        assert.deepEqual(
          (await ids('holds')).filter((id) => id.startsWith('hold-')),
          ['hold-kept'],
        );
        assert.deepEqual(await ids('webhook_events'), ['wh-kept']);
        assert.deepEqual(
          (await d.selectFrom('prison_events').select('id').execute()).map((r) => r.id),
          ['pe-kept'],
        );
        assert.deepEqual(
          (await d.selectFrom('session_blocks').select('template_id').execute()).map((r) => r.template_id),
          ['tpl-kept'],
        );
        assert.deepEqual(
          (await d.selectFrom('allowance_adjustments').select('id').execute()).map((r) => r.id),
          ['adj-kept'],
        );
        assert.deepEqual(
          (await d.selectFrom('idempotency').select('key').where('caller', '=', 'c').execute()).map(
            (r) => r.key,
          ),
          ['idem-kept'],
        );
        for (const [key, n] of Object.entries({
          outbox: 1,
          signInCodes: 1,
          devices: 1,
          holds: 1,
          idempotency: 1,
          webhookEvents: 1,
          prisonEvents: 1,
          sessionBlocks: 1,
          allowanceAdjustments: 1,
        }))
          assert.equal(total(key), n, key);

        // released hold: the visit then follows its period again
        const released = await a.call('DELETE', `/api/v1/staff/legal-holds/${hold.body.id}`, {
          token: await a.staffToken('NMI'),
        });
        assert.equal(released.status, 200, released.text);
        const again = await purgeExpired(a.server.ctx);
        assert.equal(again.skipped, false);
        assert.ok(
          !new Set((await d.selectFrom('visits').select('id').execute()).map((r) => r.id)).has(visitHeld),
        );
        assert.deepEqual((await verifyAuditChain(ctx.store, 'NMI')).problems, []);
      } finally {
        if (b !== a) await b.close();
        await a.close();
        await db.drop();
      }
    });

    test('the scheduler runs the purge', async () => {
      const t = await startServer(target.name, { enforcerIntervalMs: 50, retentionEveryMs: 100 });
      try {
        const d = t.server.ctx.store.db;
        const expired = new Date(t.server.ctx.now().getTime() - 2 * DAY).toISOString();
        await d
          .insertInto('login_codes')
          .values({
            id: 'code-old',
            email: 'old@example.org',
            code_hash: 'x',
            expires_at: expired,
            attempts: 0,
            used_at: null,
            created_at: expired,
          })
          .execute();
        await until(
          async () =>
            (await d.selectFrom('login_codes').select('id').where('id', '=', 'code-old').execute()).length ===
            0,
          10_000,
          50,
        );
      } finally {
        await t.close();
      }
    });

    test('periods are configurable', async () => {
      const t: TestServer = await startServer(target.name, {
        enforcerIntervalMs: 0,
        retention: { signInCodes: 10 },
      });
      try {
        const T = new Date();
        t.server.ctx.now = () => T;
        const d = t.server.ctx.store.db;
        await d
          .insertInto('login_codes')
          .values([
            {
              id: newId(),
              email: 'a@example.org',
              code_hash: 'x',
              expires_at: new Date(T.getTime() - 9 * DAY).toISOString(),
              attempts: 0,
              used_at: null,
              created_at: T.toISOString(),
            },
            {
              id: newId(),
              email: 'b@example.org',
              code_hash: 'x',
              expires_at: new Date(T.getTime() - 11 * DAY).toISOString(),
              attempts: 0,
              used_at: null,
              created_at: T.toISOString(),
            },
          ])
          .execute();
        const r = await purgeExpired(t.server.ctx);
        assert.equal(r.skipped, false);
        const left = await d.selectFrom('login_codes').select('email').execute();
        assert.deepEqual(
          left.map((x) => x.email),
          ['a@example.org'],
        );
      } finally {
        await t.close();
      }
    });
  });
}
