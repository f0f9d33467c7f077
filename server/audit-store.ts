// Appending to the audit trail: each row takes the next place in its prison's hash chain. The chain's head
// (audit_chains) is read and moved inside the writing transaction, locked with SELECT … FOR UPDATE on
// PostgreSQL, so replicas writing to one prison queue on that row and never fork the chain. (SQLite's
// BEGIN IMMEDIATE already lets one writer in at a time.)
import { sql, type Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { chainHash, GENESIS } from './audit-chain.js';
import type { DB, Store } from './db.js';

export interface AuditValues {
  at: string;
  actor: string;
  role: string;
  action: string;
  subject: string;
  visit_id: string | null;
  prison_code: string | null;
  channel: string;
  details: string;
}

/** The chain a row belongs to: its prison, or '' (sign-ins, retention runs and other rows of no prison). */
export const chainOf = (prisonCode: string | null) => prisonCode ?? '';

/**
 * Inserts an audit row at the head of its chain. `db` is either the store's own handle (a transaction is
 * opened here) or a transaction the caller is in (the row then commits or rolls back with its change).
 */
export async function appendAudit(store: Store, db: Kysely<DB>, values: AuditValues): Promise<void> {
  if (db === store.db) return store.tx((trx) => insertChained(store, trx, values));
  return insertChained(store, db, values);
}

async function insertChained(store: Store, trx: Kysely<DB>, values: AuditValues) {
  const chain = chainOf(values.prison_code);
  // The chain's first row creates its head (once per prison): then it is read again, locked.
  let head = await readHead(store, trx, chain);
  if (!head) {
    await trx
      .insertInto('audit_chains')
      .values({ chain, seq: 0, hash: GENESIS })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    head = (await readHead(store, trx, chain))!;
  }
  const row = { id: randomUUID(), ...values, chain, seq: Number(head.seq) + 1, prev_hash: head.hash };
  const hash = chainHash(row);
  await trx
    .insertInto('audit')
    .values({ ...row, hash })
    .execute();
  await trx.updateTable('audit_chains').set({ seq: row.seq, hash }).where('chain', '=', chain).execute();
}

async function readHead(store: Store, trx: Kysely<DB>, chain: string) {
  return store.kind === 'postgres'
    ? (
        await sql<{
          seq: number;
          hash: string;
        }>`select seq, hash from audit_chains where chain = ${chain} for update`.execute(trx)
      ).rows[0]
    : await trx
        .selectFrom('audit_chains')
        .select(['seq', 'hash'])
        .where('chain', '=', chain)
        .executeTakeFirst();
}
