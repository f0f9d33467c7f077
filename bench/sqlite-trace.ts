// The limit beside api.hold_confirm_rps: the very statements one hold + confirm pair runs (traced on the
// server's own SQLite connection), replayed directly on better-sqlite3 — no query builder, no HTTP, no zod.
// Replayed pairs use fresh values for everything the pair created (ids, the visit reference, the audit row's
// place in its chain), so unique keys hold and every insert really writes; the rest (users, prisoners,
// sessions, times) is the traced values.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

export interface TracedStatement {
  source: string;
  method: 'all' | 'run' | 'get' | 'iterate';
  params: unknown[];
}

/** Records every statement run on `sqlite` until the returned function is called (which returns them). */
export function traceStatements(sqlite: Database.Database): () => TracedStatement[] {
  const trace: TracedStatement[] = [];
  const prepare = sqlite.prepare;
  sqlite.prepare = ((source: string) => {
    const statement = prepare.call(sqlite, source);
    return new Proxy(statement, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'all' || prop === 'run' || prop === 'get' || prop === 'iterate')
          return (...params: unknown[]) => {
            trace.push({
              source,
              method: prop,
              params: params.length === 1 && Array.isArray(params[0]) ? params[0] : params,
            });
            return (value as (...a: unknown[]) => unknown).apply(target, params);
          };
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  }) as typeof sqlite.prepare;
  return () => {
    sqlite.prepare = prepare;
    return trace;
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const REFERENCE = /^[2-9A-HJ-NP-Z]{8}$/;
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Values the pair created: ids first seen in an INSERT, and visit references. */
function createdValues(trace: TracedStatement[]) {
  const seen = new Set<string>();
  const created = new Set<string>();
  for (const step of trace)
    for (const param of step.params) {
      if (typeof param !== 'string') continue;
      if (REFERENCE.test(param)) created.add(param);
      for (const id of param.match(UUID) ?? []) {
        if (!seen.has(id) && /^\s*insert/i.test(step.source)) created.add(id);
        seen.add(id);
      }
    }
  return created;
}

/**
 * The places in an audit chain the pair took: the `seq` of each audit row it inserted. (chain, seq) is unique,
 * so a replayed row takes a new place, in the insert and in the chain head's update. Replayed places count
 * down from -1: the server (which may still be finishing the run's last requests) only ever takes places > 0.
 */
function auditPlaces(trace: TracedStatement[]) {
  const places = new Set<number>();
  for (const step of trace) {
    const columns = /^\s*insert into "audit" \(([^)]*)\)/i.exec(step.source)?.[1];
    if (!columns) continue;
    const seq = step.params[columns.split(',').findIndex((c) => c.trim() === '"seq"')];
    if (typeof seq === 'number') places.add(seq);
  }
  return places;
}
const touchesAudit = (source: string) => /"audit(_chains)?"/.test(source);

/** Replays `trace` as many times as fits in `ms` on the database file `url`: pairs per second, and how many. */
export function replayRate(
  url: string,
  trace: TracedStatement[],
  ms: number,
): { rate: number; pairs: number } {
  const sqlite = new Database(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  try {
    const created = createdValues(trace);
    const places = auditPlaces(trace);
    let nextPlace = -1;
    const steps = trace.map((step) => ({
      ...step,
      statement: sqlite.prepare(step.source),
      audited: touchesAudit(step.source),
    }));
    const once = () => {
      const fresh = new Map<string, string>();
      const swap = (value: string) => {
        let out = fresh.get(value);
        if (!out) {
          out = REFERENCE.test(value)
            ? Array.from({ length: 8 }, () => REFERENCE_ALPHABET[Math.floor(Math.random() * 32)]).join('')
            : randomUUID();
          fresh.set(value, out);
        }
        return out;
      };
      const freshPlaces = new Map<number, number>();
      const place = (seq: number) => {
        let out = freshPlaces.get(seq);
        if (out === undefined) freshPlaces.set(seq, (out = nextPlace--));
        return out;
      };
      for (const step of steps) {
        const params = step.params.map((param) =>
          typeof param === 'number' && step.audited && places.has(param)
            ? place(param)
            : typeof param !== 'string'
              ? param
              : created.has(param)
                ? swap(param)
                : param.replace(UUID, (id) => (created.has(id) ? swap(id) : id)),
        );
        const result = step.statement[step.method](...params);
        if (step.method === 'iterate') for (const _ of result as Iterable<unknown>);
      }
    };
    once(); // warm-up (page cache)
    let pairs = 0;
    const started = performance.now();
    while (performance.now() - started < ms) {
      once();
      pairs += 1;
    }
    return { rate: pairs / ((performance.now() - started) / 1000), pairs };
  } finally {
    sqlite.close();
  }
}
