import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { verifyAuditChain } from '../audit.js';
import { audit } from '../util.js';
import { TARGETS, freshDatabase, startServer, type TestServer } from './helpers.js';

const run = promisify(execFile);

/** The CLI on a database: its exit code and output. */
async function cli(...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/audit-verify.ts', ...args], {
      timeout: 60_000,
    });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

const staffP = { id: 'usr-staff-nmi', role: 'staff' as const, prisonCode: 'NMI' };

async function writeAudits(t: TestServer, at: string, n: number, prisonCode = 'NMI') {
  t.server.ctx.now = () => new Date(at);
  for (let i = 0; i < n; i++)
    await audit(t.server.ctx, t.server.ctx.store.db, {
      actor: staffP,
      action: 'test.event',
      subject: `test:${i}`,
      prisonCode,
      details: { i, note: i === 0 ? '=HYPERLINK("x")' : 'plain, with "quotes"' },
      ...(i === 1 ? { channel: '=cmd' } : {}),
    });
}

for (const target of TARGETS) {
  describe(`tamper-evident audit (${target.name})`, { skip: target.skip }, () => {
    // Replicas share PostgreSQL (its row lock on the chain's head orders them); on SQLite one process writes.
    test('concurrent writers to one prison (two replicas on PostgreSQL) build one unbroken chain', async () => {
      const db = await freshDatabase(target.name);
      const a = await startServer(target.name, { enforcerIntervalMs: 0 }, db);
      const b =
        target.name === 'postgres'
          ? await startServer(target.name, { enforcerIntervalMs: 0, seed: false }, db)
          : a;
      try {
        const write = (t: TestServer, i: number) =>
          audit(t.server.ctx, t.server.ctx.store.db, {
            actor: staffP,
            action: 'test.concurrent',
            subject: `n:${i}`,
            prisonCode: 'NMI',
          });
        await Promise.all(Array.from({ length: 40 }, (_, i) => write(i % 2 ? a : b, i)));
        const check = await verifyAuditChain(a.server.ctx.store, 'NMI');
        assert.deepEqual(check.problems, []);
        const rows = await a.server.ctx.store.db
          .selectFrom('audit')
          .select('seq')
          .where('chain', '=', 'NMI')
          .orderBy('seq')
          .execute();
        assert.ok(rows.length >= 40);
        assert.deepEqual(
          rows.map((r) => Number(r.seq)),
          rows.map((_, i) => i + 1),
          'seq 1..n with no gap and no repeat',
        );
        assert.equal(check.head.seq, rows.length);
      } finally {
        if (b !== a) await b.close();
        await a.close();
        await db.drop();
      }
    });

    test('export by date range (JSON and CSV), only to that prison’s staff', async () => {
      const t = await startServer(target.name, { enforcerIntervalMs: 0 });
      try {
        const real = t.server.ctx.now;
        await writeAudits(t, '2026-03-10T12:00:00.000Z', 3);
        await writeAudits(t, '2026-03-20T12:00:00.000Z', 2);
        await writeAudits(t, '2026-03-12T12:00:00.000Z', 1, 'GLR');
        t.server.ctx.now = real;
        const staff = await t.staffToken('NMI');
        const json = await t.call('GET', '/api/v1/staff/audit/export?from=2026-03-09&to=2026-03-15', {
          token: staff,
        });
        assert.equal(json.status, 200, json.text);
        assert.equal(json.body.prisonCode, 'NMI');
        assert.deepEqual(
          json.body.entries.map((e: { subject: string }) => e.subject),
          ['test:0', 'test:1', 'test:2'],
        );
        assert.ok(json.body.entries.every((e: { prisonCode: string }) => e.prisonCode === 'NMI'));
        assert.equal(json.body.verification.ok, true);
        assert.match(json.headers.get('content-disposition')!, /audit-NMI-2026-03-09-2026-03-15\.json/);
        // the export verifies offline, with the CLI
        const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
        try {
          writeFileSync(join(dir, 'export.json'), json.text);
          const good = await cli('--file', join(dir, 'export.json'));
          assert.equal(good.code, 0, good.stdout);
          assert.match(good.stdout, /ok \(3 rows\)/);
          const doctored = JSON.parse(json.text);
          doctored.entries[1].actor = 'someone-else';
          writeFileSync(join(dir, 'doctored.json'), JSON.stringify(doctored));
          const bad = await cli('--file', join(dir, 'doctored.json'));
          assert.equal(bad.code, 1);
          assert.match(bad.stdout, /TAMPERED: edited at seq/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        const csv = await t.call(
          'GET',
          '/api/v1/staff/audit/export?from=2026-03-20&to=2026-03-20&format=csv',
          { token: staff },
        );
        assert.equal(csv.status, 200);
        assert.match(csv.headers.get('content-type')!, /^text\/csv/);
        const lines = csv.text.trimEnd().split('\r\n');
        assert.equal(
          lines[0],
          'seq,id,at,actor,role,action,subject,visit_id,prison_code,channel,details,prev_hash,hash',
        );
        assert.equal(lines.length, 3, 'header and the two rows of the 20th');
        assert.match(lines[1]!, /,test:0,/);
        assert.match(lines[2]!, /,'=cmd,/, "a cell a spreadsheet would run as a formula starts with '");
        assert.match(lines[1]!, /,"\{""i"":0,""note"":""=HYPERLINK\(\\""x\\""\)""\}",/, 'quotes doubled');
        // authorisation: families cannot, other prisons see only their own chain
        const family = await t.family();
        const refused = await t.call('GET', '/api/v1/staff/audit/export?from=2026-03-09&to=2026-03-15', {
          token: family.token,
        });
        assert.equal(refused.status, 403);
        const glr = await t.call('GET', '/api/v1/staff/audit/export?from=2026-03-09&to=2026-03-15', {
          token: await t.staffToken('GLR'),
        });
        assert.deepEqual(
          glr.body.entries.map((e: { prisonCode: string }) => e.prisonCode),
          ['GLR'],
        );
        const backwards = await t.call('GET', '/api/v1/staff/audit/export?from=2026-03-15&to=2026-03-09', {
          token: staff,
        });
        assert.equal(backwards.status, 400);
        assert.equal(backwards.body.code, 'validation');
        const trail = await t.call('GET', '/api/v1/staff/audit?limit=5', { token: staff });
        assert.ok(
          trail.body.some((e: { action: string }) => e.action === 'audit.exported'),
          'exports are audited',
        );
      } finally {
        await t.close();
      }
    });

    test('editing, deleting or cutting the newest row in the database is detected (route and CLI)', async () => {
      const t = await startServer(target.name, { enforcerIntervalMs: 0 });
      try {
        await writeAudits(t, '2026-04-01T09:00:00.000Z', 6);
        t.server.ctx.now = () => new Date('2026-04-02T09:00:00.000Z');
        const staff = await t.staffToken('NMI');
        const db = t.server.ctx.store.db;
        const clean = await t.call('GET', '/api/v1/staff/audit/verify', { token: staff });
        assert.equal(clean.status, 200, clean.text);
        assert.equal(clean.body.ok, true);
        assert.deepEqual(clean.body.problems, []);
        const cleanCli = await cli(t.db.url);
        assert.equal(cleanCli.code, 0, cleanCli.stdout);
        assert.match(cleanCli.stdout, /chain NMI: ok/);

        const rows = await db
          .selectFrom('audit')
          .select(['id', 'seq', 'subject'])
          .where('chain', '=', 'NMI')
          .where('action', '=', 'test.event')
          .orderBy('seq')
          .execute();
        const edited = rows[2]!;
        // an edit straight in the database, as someone with database access would make it
        await sql`update audit set details = ${'{"i":2,"note":"nothing to see"}'} where id = ${edited.id}`.execute(
          db,
        );
        const afterEdit = await t.call('GET', '/api/v1/staff/audit/verify', { token: staff });
        assert.equal(afterEdit.body.ok, false);
        assert.deepEqual(afterEdit.body.problems, [
          { seq: Number(edited.seq), kind: 'edited', id: edited.id },
        ]);
        const editCli = await cli(t.db.url);
        assert.equal(editCli.code, 1);
        assert.match(editCli.stdout, new RegExp(`chain NMI: TAMPERED: edited at seq ${edited.seq}`));

        const deleted = rows[4]!;
        await sql`delete from audit where id = ${deleted.id}`.execute(db);
        const afterDelete = await t.call('GET', '/api/v1/staff/audit/verify', { token: staff });
        assert.deepEqual(
          afterDelete.body.problems.filter((p: { kind: string }) => p.kind === 'missing'),
          [{ seq: Number(deleted.seq), kind: 'missing' }],
        );
        // the newest row: the verify calls above were audited, so find the head now and delete it
        const head = await db
          .selectFrom('audit_chains')
          .selectAll()
          .where('chain', '=', 'NMI')
          .executeTakeFirstOrThrow();
        await sql`delete from audit where chain = 'NMI' and seq = ${head.seq}`.execute(db);
        const check = await verifyAuditChain(t.server.ctx.store, 'NMI');
        assert.ok(check.problems.some((p) => p.kind === 'head' && p.seq === Number(head.seq)));
      } finally {
        await t.close();
      }
    });
  });
}
