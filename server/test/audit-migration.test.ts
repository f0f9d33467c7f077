// Audit rows written before the chain existed are chained by the migration that adds it, oldest first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { verifyAuditChain } from '../audit.js';
import { migrations, type DB } from '../db.js';
import { freshDatabase } from './helpers.js';

test('the 0003 migration chains the audit rows already there, per prison, oldest first', async () => {
  const file = await freshDatabase('sqlite');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database(file.url) }) });
  const provider = { getMigrations: async () => migrations };
  try {
    const migrator = new Migrator({ db, provider });
    assert.equal((await migrator.migrateTo('0002-reminders')).error, undefined);
    const old = (id: string, at: string, prison: string | null) => ({
      id,
      at,
      actor: 'usr-staff-nmi',
      role: 'staff',
      action: 'old.event',
      subject: id,
      visit_id: null,
      prison_code: prison,
      channel: 'staff-portal',
      details: '{}',
    });
    await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto('audit')
      .values([
        old('b', '2025-01-02T00:00:00.000Z', 'NMI'),
        old('a', '2025-01-01T00:00:00.000Z', 'NMI'),
        old('c', '2025-01-03T00:00:00.000Z', 'GLR'),
        old('d', '2025-01-04T00:00:00.000Z', null),
      ])
      .execute();
    assert.equal((await migrator.migrateToLatest()).error, undefined);
    const rows = await db
      .selectFrom('audit')
      .select(['id', 'chain', 'seq'])
      .orderBy('chain')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.chain, Number(r.seq), r.id]),
      [
        ['', 1, 'd'],
        ['GLR', 1, 'c'],
        ['NMI', 1, 'a'],
        ['NMI', 2, 'b'],
      ],
    );
    const store = {
      db,
      kind: 'sqlite' as const,
      raw: { sqlite: new Database(file.url) },
      tx: async () => undefined as never,
      close: async () => {},
    };
    for (const chain of ['', 'GLR', 'NMI']) {
      const check = await verifyAuditChain(store, chain);
      assert.deepEqual(check.problems, [], chain);
      assert.equal(check.checked, chain === 'NMI' ? 2 : 1);
    }
  } finally {
    await db.destroy();
    await file.drop();
  }
});
