// The audit trail's hash chain, as pure functions: how a row is serialised and hashed, and how a chain is
// checked. Used by the server (server/audit.ts), the migration that chains older rows, and the offline
// verifier (server/audit-verify.ts), so a prison can re-check an export without our database.
import { createHash } from 'node:crypto';

/** The previous hash of a chain's first row. */
export const GENESIS = '0'.repeat(64);

/** The fields of an audit row that the hash covers (every stored field but the hash itself). */
export interface ChainedRow {
  id: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  subject: string;
  visit_id: string | null;
  prison_code: string | null;
  channel: string;
  /** The details exactly as stored (a JSON string), so re-serialising JSON cannot change the hash. */
  details: string;
  chain: string;
  seq: number;
  prev_hash: string;
}

/**
 * The canonical serialisation: a JSON array in a fixed field order (no key-order or whitespace freedom),
 * prefixed with a version tag so a later format can be told apart.
 */
export function canonical(row: ChainedRow): string {
  return JSON.stringify([
    'visit-kit-audit-v1',
    row.chain,
    row.seq,
    row.prev_hash,
    row.id,
    row.at,
    row.actor,
    row.role,
    row.action,
    row.subject,
    row.visit_id,
    row.prison_code,
    row.channel,
    row.details,
  ]);
}

/** SHA-256 (hex) over the canonical serialisation, which includes the previous row's hash. */
export function chainHash(row: ChainedRow): string {
  return createHash('sha256').update(canonical(row)).digest('hex');
}

export interface ChainProblem {
  seq: number;
  /** edited: the row's hash does not match its content; missing: no row (nor purge record) at this place;
   * broken-link: prev_hash is not the hash before it; head: the chain's recorded head does not match. */
  kind: 'edited' | 'missing' | 'broken-link' | 'head';
  id?: string;
}

export interface ChainCheck {
  ok: boolean;
  /** Rows whose content was re-hashed. */
  checked: number;
  problems: ChainProblem[];
}

/**
 * Checks one chain. `rows` and `purged` (the places the retention job removed, with their hashes) together
 * must fill seq `from`..head.seq with no gap; each row must hash to its stored hash and link to the hash
 * before it. Pass `head` undefined to check a range alone (an export), from its first row.
 */
export function verifyChain(
  rows: (ChainedRow & { hash: string })[],
  purged: { seq: number; hash: string }[],
  head: { seq: number; hash: string } | undefined,
): ChainCheck {
  const problems: ChainProblem[] = [];
  const bySeq = new Map<number, { hash: string; row?: ChainedRow & { hash: string } }>();
  for (const p of purged) bySeq.set(p.seq, { hash: p.hash });
  for (const r of rows) bySeq.set(r.seq, { hash: r.hash, row: r });
  const redacted = redactionsOf(rows);
  const seqs = [...bySeq.keys()].sort((a, b) => a - b);
  const first = head ? 1 : (seqs[0] ?? 1);
  const last = head ? head.seq : (seqs.at(-1) ?? 0);
  let previous: string | undefined = head ? GENESIS : undefined;
  let checked = 0;
  for (let seq = first; seq <= last; seq++) {
    const entry = bySeq.get(seq);
    if (!entry) {
      problems.push({ seq, kind: 'missing' });
      previous = undefined; // the next row's link cannot be checked against a row that is gone
      continue;
    }
    if (entry.row) {
      checked += 1;
      const content = chainHash(entry.row);
      if (content !== entry.row.hash && content !== redacted.get(seq))
        problems.push({ seq, kind: 'edited', id: entry.row.id });
      if (previous !== undefined && entry.row.prev_hash !== previous)
        problems.push({ seq, kind: 'broken-link', id: entry.row.id });
    }
    previous = entry.hash;
  }
  if (head) {
    const top = bySeq.get(head.seq);
    const beyond = seqs.filter((s) => s > head.seq);
    if ((head.seq > 0 && (!top || top.hash !== head.hash)) || beyond.length > 0)
      problems.push({ seq: head.seq, kind: 'head' });
  }
  return { ok: problems.length === 0, checked, problems };
}

/** The action of the audit row that records redactions (server/subject-rights.ts). */
export const REDACTION_ACTION = 'audit.redacted';

/**
 * Redaction (erasure of personal fields) keeps a row's place and its original hash, which the next row links
 * to, and replaces its content. The replacement is vouched for by a later row of the same chain, itself
 * chained and intact: an `audit.redacted` row whose details list `{ seq, hash }` with the hash of each
 * redacted row's new content. So a redacted row verifies only as exactly that redaction, any other edit is
 * still `edited`, and removing the vouching row breaks the chain where it stood.
 */
export function redactionsOf(rows: (ChainedRow & { hash: string })[]): Map<number, string> {
  const map = new Map<number, string>();
  for (const row of rows) {
    if (row.action !== REDACTION_ACTION || chainHash(row) !== row.hash) continue;
    let details: { redactions?: { seq?: unknown; hash?: unknown }[] };
    try {
      details = JSON.parse(row.details) as typeof details;
    } catch {
      continue;
    }
    for (const r of details.redactions ?? [])
      if (typeof r.seq === 'number' && typeof r.hash === 'string' && r.seq < row.seq) map.set(r.seq, r.hash);
  }
  return map;
}
