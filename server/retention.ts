// Retention: how long each kind of data is kept, and the purge that removes what is past its period. The
// purge runs from the scheduler (every retentionEveryMs) on every replica; on PostgreSQL a transaction-scoped
// advisory lock lets one replica at a time in (the others skip that round), on SQLite BEGIN IMMEDIATE does.
// Every statement is a set-based delete or update that can run twice harmlessly. Periods are counted from
// the server clock (ctx.now), never the machine's date. The schedule is written down in docs/data-protection.md.
import { sql, type Kysely } from 'kysely';
import { appendAudit } from './audit-store.js';
import type { AppContext } from './context.js';
import type { DB } from './db.js';
import { DEFAULT_RETENTION, type RetentionDays } from './retention-periods.js';

export { DEFAULT_RETENTION, type RetentionDays } from './retention-periods.js';

export type PurgeCounts = Record<
  | 'visits'
  | 'visitVisitors'
  | 'calls'
  | 'participantSessions'
  | 'contactDetails'
  | 'audit'
  | 'outbox'
  | 'signInCodes'
  | 'devices'
  | 'holds'
  | 'idempotency'
  | 'webhookEvents'
  | 'prisonEvents'
  | 'sessionBlocks'
  | 'allowanceAdjustments',
  number
>;

/** Any fixed 64-bit number: the advisory lock the purge takes on PostgreSQL. */
const PURGE_LOCK = 7_011_016_016n;

export function retentionOf(ctx: AppContext): RetentionDays {
  return { ...DEFAULT_RETENTION, ...ctx.config.retention };
}

/**
 * Removes everything past its period. Returns the counts, or `skipped` when another replica is purging.
 * Visits under an active legal hold (legal_holds) or with an incident recorded within `incidentHold` days
 * keep everything: the visit, its contact details and its audit rows.
 */
export async function purgeExpired(
  ctx: AppContext,
): Promise<{ skipped: true } | { skipped: false; counts: PurgeCounts }> {
  const days = retentionOf(ctx);
  const now = ctx.now();
  const before = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
  return ctx.store.tx(async (trx) => {
    if (ctx.store.kind === 'postgres') {
      const { rows } = await sql<{
        got: boolean;
      }>`select pg_try_advisory_xact_lock(${PURGE_LOCK}) as got`.execute(trx);
      if (!rows[0]?.got) return { skipped: true as const };
    }
    const held = protectedVisits(trx, before(days.incidentHold));
    const expiredVisits = trx
      .selectFrom('visits')
      .select('id')
      .where('end_at', '<', before(days.visits))
      .where('id', 'not in', held);
    const n = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) =>
      Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0n);
    const counts = {} as PurgeCounts;
    counts.visitVisitors = n(
      await trx.deleteFrom('visit_visitors').where('visit_id', 'in', expiredVisits).executeTakeFirst(),
    );
    counts.participantSessions = n(
      await trx.deleteFrom('participant_sessions').where('visit_id', 'in', expiredVisits).executeTakeFirst(),
    );
    // who watched goes with its visit (not counted separately: the audit keeps monitor.started/ended)
    await trx.deleteFrom('monitor_sessions').where('visit_id', 'in', expiredVisits).execute();
    await trx.deleteFrom('call_quality').where('visit_id', 'in', expiredVisits).execute();
    counts.calls = n(await trx.deleteFrom('calls').where('visit_id', 'in', expiredVisits).executeTakeFirst());
    counts.visits = n(
      await trx
        .deleteFrom('visits')
        .where('end_at', '<', before(days.visits))
        .where('id', 'not in', held)
        .executeTakeFirst(),
    );
    counts.contactDetails = n(
      await trx
        .updateTable('visits')
        .set({ contact: '{}', support_needs: null })
        .where('end_at', '<', before(days.contactDetails))
        .where((eb) => eb.or([eb('contact', '!=', '{}'), eb('support_needs', 'is not', null)]))
        .where('id', 'not in', held)
        .executeTakeFirst(),
    );
    // Audit: keep each purged row's place and hash (no content), so verification still sees an unbroken chain.
    const auditCutoff = before(days.audit);
    await trx
      .insertInto('audit_purged')
      .columns(['chain', 'seq', 'hash', 'purged_at'])
      .expression((eb) =>
        eb
          .selectFrom('audit')
          .select(['chain', 'seq', 'hash', eb.val(now.toISOString()).as('purged_at')])
          .where('at', '<', auditCutoff)
          .where((w) => w.or([w('visit_id', 'is', null), w('visit_id', 'not in', held)])),
      )
      .onConflict((oc) => oc.columns(['chain', 'seq']).doNothing())
      .execute();
    counts.audit = n(
      await trx
        .deleteFrom('audit')
        .where('at', '<', auditCutoff)
        .where((w) => w.or([w('visit_id', 'is', null), w('visit_id', 'not in', held)]))
        .executeTakeFirst(),
    );
    counts.outbox = n(
      await trx
        .deleteFrom('outbox')
        .where('at', '<', before(days.outbox))
        .where('status', '!=', 'pending')
        .executeTakeFirst(),
    );
    counts.signInCodes = n(
      await trx
        .deleteFrom('login_codes')
        .where('expires_at', '<', before(days.signInCodes))
        .executeTakeFirst(),
    );
    counts.devices = n(
      await trx
        .deleteFrom('devices')
        .where('paired_at', 'is', null)
        .where('reusable', '=', 0)
        .where('pairing_expires_at', '<', before(days.devices))
        .executeTakeFirst(),
    );
    counts.holds = n(
      await trx.deleteFrom('holds').where('expires_at', '<', before(days.holds)).executeTakeFirst(),
    );
    counts.idempotency = n(
      await trx
        .deleteFrom('idempotency')
        .where('created_at', '<', before(days.idempotency))
        .executeTakeFirst(),
    );
    counts.webhookEvents = n(
      await trx
        .deleteFrom('webhook_events')
        .where('received_at', '<', before(days.webhookEvents))
        .executeTakeFirst(),
    );
    counts.prisonEvents = n(
      await trx
        .deleteFrom('prison_events')
        .where('received_at', '<', before(days.prisonEvents))
        .executeTakeFirst(),
    );
    // a blocked date is a calendar day: compare dates, the server clock's UTC day
    counts.sessionBlocks = n(
      await trx
        .deleteFrom('session_blocks')
        .where('date', '<', before(days.sessionBlocks).slice(0, 10))
        .executeTakeFirst(),
    );
    counts.allowanceAdjustments = n(
      await trx
        .deleteFrom('allowance_adjustments')
        .where('at', '<', before(days.allowanceAdjustments))
        .executeTakeFirst(),
    );
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total > 0)
      await appendAudit(ctx.store, trx, {
        at: now.toISOString(),
        actor: 'retention',
        role: 'system',
        action: 'retention.purged',
        subject: 'retention',
        visit_id: null,
        prison_code: null,
        channel: 'system',
        details: JSON.stringify(counts),
      });
    return { skipped: false as const, counts };
  });
}

/** Visits whose records are kept whatever their period: an active legal hold, or a recent incident. */
function protectedVisits(db: Kysely<DB>, incidentSince: string) {
  return db
    .selectFrom('legal_holds')
    .select('visit_id')
    .where('released_at', 'is', null)
    .union(
      db
        .selectFrom('audit')
        .select((eb) => eb.fn.coalesce('visit_id', eb.val('')).as('visit_id'))
        .where('action', '=', 'visit.incident')
        .where('visit_id', 'is not', null)
        .where('at', '>=', incidentSince),
    );
}
