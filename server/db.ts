// Database layer: one Kysely query layer and one set of migrations for SQLite (default) and PostgreSQL.
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { migrations, StaticProvider } from './migrations.js';
import type { DB } from './tables.js';

export type * from './tables.js';
export { migrations };

export interface Database_ {
  db: Kysely<DB>;
  kind: 'sqlite' | 'postgres';
  /** Runs fn in a write transaction: `BEGIN IMMEDIATE` on SQLite (one writer), `BEGIN` on PostgreSQL (use row locks). */
  tx<T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** SQLite only: the connection itself (the bench traces the statements a request runs on it). */
  sqlite?: Database.Database;
  /** PostgreSQL's connection pool, for its metrics. */
  pool?: Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'>;
  /** The driver underneath, for libraries that keep their own table (the shared rate limits). */
  raw: { pool: pg.Pool } | { sqlite: Database.Database };
}
export type { Database_ as Store };

/** Opens (and migrates) the database named by url: `postgres://…` or a SQLite file path (`:memory:` works). */
export async function openDatabase(url: string): Promise<Database_> {
  let store: Database_;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection cut by the server (restart, failover, admin termination) must not crash the process:
    // the pool drops it and the next query opens a new one. Without a listener, pg rethrows it as uncaught.
    pool.on('error', () => {});
    // The same for a connection cut while checked out (between a transaction's statements): its next query
    // fails (answered 503), and the pool discards it on release, rather than the error going uncaught.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    store = {
      db,
      kind: 'postgres',
      tx: (fn) => db.transaction().execute(fn),
      close: () => db.destroy(),
      pool,
      raw: { pool },
    };
  } else {
    if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
    const sqlite = new Database(url);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // Kysely prepares every query afresh; re-preparing the same SQL was a fifth of a request's time. Reuse
    // statements by their text (safe: Kysely's SQLite driver runs one query at a time on this connection).
    const prepare = sqlite.prepare.bind(sqlite);
    const statements = new Map<string, ReturnType<typeof prepare>>();
    sqlite.prepare = ((source: string) => {
      let statement = statements.get(source);
      if (!statement) {
        if (statements.size >= 1000) statements.clear();
        statements.set(source, (statement = prepare(source)));
      }
      return statement;
    }) as typeof sqlite.prepare;
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    store = {
      db,
      kind: 'sqlite',
      // Kysely's SQLite driver has one connection behind a mutex; BEGIN IMMEDIATE also excludes other processes.
      tx: (fn) =>
        db.connection().execute(async (conn) => {
          await sql`begin immediate`.execute(conn);
          try {
            const result = await fn(conn);
            await sql`commit`.execute(conn);
            return result;
          } catch (error) {
            await sql`rollback`.execute(conn).catch(() => {});
            throw error;
          }
        }),
      close: () => db.destroy(),
      sqlite,
      raw: { sqlite },
    };
  }
  const migrator = new Migrator({ db: store.db, provider: new StaticProvider() });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  return store;
}
