// The audit trail for a prison's staff and its data protection officer: export by date range (JSON, CSV)
// with each row's place in the hash chain, verification of the chain, and legal holds (visits whose records
// the retention job must keep). How the chain is built: server/audit-store.ts; the hash: server/audit-chain.ts.
import { verifyChain, type ChainCheck } from './audit-chain.js';
import { chainOf } from './audit-store.js';
import type { AppContext, Principal } from './context.js';
import type { Store } from './db.js';
import { ApiError } from './problems.js';
import { staffOnly } from './staff.js';
import { addDays, daysBetween, zonedToUtc } from './time.js';
import { audit, newId } from './util.js';
import { visibleVisit } from './visits/access.js';

/** Re-hashes every row of one chain (a prison's code, or '' for rows of no prison) and checks the links. */
export async function verifyAuditChain(store: Store, chain: string): Promise<ChainCheck & { head: Head }> {
  const db = store.db;
  const [rows, purged, head] = await Promise.all([
    db.selectFrom('audit').selectAll().where('chain', '=', chain).orderBy('seq').execute(),
    db.selectFrom('audit_purged').select(['seq', 'hash']).where('chain', '=', chain).execute(),
    db.selectFrom('audit_chains').select(['seq', 'hash']).where('chain', '=', chain).executeTakeFirst(),
  ]);
  const top = { seq: Number(head?.seq ?? 0), hash: head?.hash ?? '' };
  const check = verifyChain(
    rows.map((r) => ({ ...r, seq: Number(r.seq) })),
    purged.map((p) => ({ seq: Number(p.seq), hash: p.hash })),
    head ? top : { seq: 0, hash: '' },
  );
  return { ...check, head: top };
}

interface Head {
  seq: number;
  hash: string;
}

/** Every chain in the database (the CLI checks them all). */
export async function auditChains(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('audit_chains').select('chain').orderBy('chain').execute();
  const fromRows = await store.db.selectFrom('audit').select('chain').distinct().execute();
  return [...new Set([...rows.map((r) => r.chain), ...fromRows.map((r) => r.chain)])].sort();
}

export async function verifyPrisonAudit(ctx: AppContext, p: Principal) {
  const code = staffOnly(p);
  const result = await verifyAuditChain(ctx.store, chainOf(code));
  await audit(ctx, ctx.store.db, {
    actor: p,
    action: 'audit.verified',
    subject: `prison:${code}`,
    prisonCode: code,
    details: { ok: result.ok, problems: result.problems.length },
  });
  return { prisonCode: code, ...result };
}

/** The longest range one export may cover, so one request cannot read a prison's whole history at once. */
const MAX_EXPORT_DAYS = 400;

export const CSV_COLUMNS = [
  'seq',
  'id',
  'at',
  'actor',
  'role',
  'action',
  'subject',
  'visit_id',
  'prison_code',
  'channel',
  'details',
  'prev_hash',
  'hash',
] as const;

/**
 * A prison's audit rows from `from` to `to` (whole days in the prison's time zone, both included), each with
 * its place and hashes, plus the chain's head and whether the whole chain verifies now. The export itself
 * is audited.
 */
export async function exportAudit(
  ctx: AppContext,
  p: Principal,
  query: { from: string; to: string; format?: 'json' | 'csv' | undefined },
) {
  const code = staffOnly(p);
  const span = daysBetween(query.from, query.to);
  if (span < 0)
    throw new ApiError(400, 'validation', 'The range ends before it starts.', {
      errors: [{ path: 'to', message: 'Must be on or after from' }],
    });
  if (span >= MAX_EXPORT_DAYS)
    throw new ApiError(400, 'validation', `One export covers at most ${MAX_EXPORT_DAYS} days.`, {
      errors: [{ path: 'to', message: `At most ${MAX_EXPORT_DAYS} days after from` }],
    });
  const prison = await ctx.store.db
    .selectFrom('prisons')
    .select('timezone')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const start = zonedToUtc(query.from, '00:00', prison.timezone).toISOString();
  const end = zonedToUtc(addDays(query.to, 1), '00:00', prison.timezone).toISOString();
  const rows = await ctx.store.db
    .selectFrom('audit')
    .selectAll()
    .where('chain', '=', chainOf(code))
    .where('at', '>=', start)
    .where('at', '<', end)
    .orderBy('seq')
    .execute();
  const check = await verifyAuditChain(ctx.store, chainOf(code));
  await audit(ctx, ctx.store.db, {
    actor: p,
    action: 'audit.exported',
    subject: `prison:${code}`,
    prisonCode: code,
    details: { from: query.from, to: query.to, format: query.format ?? 'json', rows: rows.length },
  });
  const entries = rows.map((r) => ({
    seq: Number(r.seq),
    id: r.id,
    at: r.at,
    actor: r.actor,
    role: r.role,
    action: r.action,
    subject: r.subject,
    visitId: r.visit_id,
    prisonCode: r.prison_code,
    channel: r.channel,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
  return {
    prisonCode: code,
    from: query.from,
    to: query.to,
    generatedAt: ctx.now().toISOString(),
    algorithm: 'sha256-canonical-v1' as const,
    head: check.head,
    verification: { ok: check.ok, checked: check.checked, problems: check.problems },
    entries,
  };
}

export type AuditExport = Awaited<ReturnType<typeof exportAudit>>;

/** The export as CSV (RFC 4180). Cells that a spreadsheet would run as a formula are prefixed with '. */
export function auditCsv(data: AuditExport): string {
  const cell = (value: unknown) => {
    let s = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of data.entries)
    lines.push(
      [
        e.seq,
        e.id,
        e.at,
        e.actor,
        e.role,
        e.action,
        e.subject,
        e.visitId,
        e.prisonCode,
        e.channel,
        e.details,
        e.prevHash,
        e.hash,
      ]
        .map(cell)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

// ---------- legal holds ----------

export async function placeLegalHold(
  ctx: AppContext,
  p: Principal,
  input: { visitId: string; reason: string },
) {
  const code = staffOnly(p);
  const visit = await visibleVisit(ctx, p, input.visitId);
  const hold = {
    id: newId(),
    visit_id: visit.id,
    prison_code: code,
    reason: input.reason,
    created_by: p.id,
    created_at: ctx.now().toISOString(),
    released_at: null,
    released_by: null,
  };
  await ctx.store.tx(async (trx) => {
    await trx.insertInto('legal_holds').values(hold).execute();
    await audit(ctx, trx, {
      actor: p,
      action: 'legal-hold.placed',
      subject: `visit:${visit.id}`,
      visitId: visit.id,
      prisonCode: code,
      details: { holdId: hold.id, reason: input.reason },
    });
  });
  return holdDto(hold);
}

export async function releaseLegalHold(ctx: AppContext, p: Principal, holdId: string) {
  const code = staffOnly(p);
  const now = ctx.now().toISOString();
  return ctx.store.tx(async (trx) => {
    const released = await trx
      .updateTable('legal_holds')
      .set({ released_at: now, released_by: p.id })
      .where('id', '=', holdId)
      .where('prison_code', '=', code)
      .where('released_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!released) throw new ApiError(404, 'not-found', 'There is no active legal hold with that id.');
    await audit(ctx, trx, {
      actor: p,
      action: 'legal-hold.released',
      subject: `visit:${released.visit_id}`,
      visitId: released.visit_id,
      prisonCode: code,
      details: { holdId },
    });
    return holdDto(released);
  });
}

export async function legalHolds(ctx: AppContext, p: Principal) {
  const code = staffOnly(p);
  const rows = await ctx.store.db
    .selectFrom('legal_holds')
    .selectAll()
    .where('prison_code', '=', code)
    .where('released_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(holdDto);
}

function holdDto(row: {
  id: string;
  visit_id: string;
  reason: string;
  created_by: string;
  created_at: string;
  released_at: string | null;
}) {
  return {
    id: row.id,
    visitId: row.visit_id,
    reason: row.reason,
    placedBy: row.created_by,
    placedAt: row.created_at,
    releasedAt: row.released_at,
  };
}
