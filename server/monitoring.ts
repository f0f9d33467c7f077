// Who watched: every hidden monitor session (staff subscribed to a call or its lobby, unseen) is recorded
// with who, when and for how long. A session starts when its token is issued; it is counted from the media
// server's participant_joined webhook and ends at participant_left, or is closed out by the scheduler's next
// tick once the call has ended with the monitor still counted in (a lost webhook must not leave it open).
// Each start and end is an audit row (monitor.started / monitor.ended), so the audit export carries it.
import type { Kysely } from 'kysely';
import type { AppContext, Principal } from './context.js';
import type { DB, MonitorSessionsTable } from './db.js';
import { staffOnly } from './staff.js';
import { audit, newId } from './util.js';
import { visibleVisit } from './visits/access.js';

/** A monitor token was issued: the session exists from now (started when the media server sees them). */
export async function monitorIssued(
  ctx: AppContext,
  input: { visitId: string; prisonCode: string; staffId: string; room: string; lobby: boolean },
) {
  await ctx.store.db
    .insertInto('monitor_sessions')
    .values({
      id: newId(),
      visit_id: input.visitId,
      prison_code: input.prisonCode,
      staff_id: input.staffId,
      room: input.room,
      lobby: input.lobby ? 1 : 0,
      issued_at: ctx.now().toISOString(),
      started_at: null,
      ended_at: null,
      end_source: null,
    })
    .execute();
}

const seconds = (from: string | null, to: string) =>
  from ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)) : 0;

async function ended(
  ctx: AppContext,
  db: Kysely<DB>,
  row: MonitorSessionsTable,
  at: string,
  source: 'left' | 'closed-out',
) {
  const done = await db
    .updateTable('monitor_sessions')
    .set({ ended_at: at, end_source: source })
    .where('id', '=', row.id)
    .where('ended_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!done) return; // another replica closed it
  await audit(ctx, db, {
    actor: { id: 'livekit', role: source === 'left' ? 'livekit' : 'system' },
    action: 'monitor.ended',
    subject: `visit:${row.visit_id}`,
    visitId: row.visit_id,
    prisonCode: row.prison_code,
    details: {
      sessionId: row.id,
      staffId: row.staff_id,
      lobby: row.lobby === 1,
      startedAt: row.started_at,
      endedAt: at,
      seconds: seconds(row.started_at, at),
      source,
    },
  });
}

/** A staff identity (`staff:<id>`) joined or left a visit's room, as the (signed) webhook reports. */
export async function monitorWebhook(
  ctx: AppContext,
  kind: string | undefined,
  input: { visitId: string; room: string; identity: string; at: string },
) {
  const staffId = input.identity.slice('staff:'.length);
  const latest = (db: Kysely<DB>, open: 'unstarted' | 'running') =>
    db
      .selectFrom('monitor_sessions')
      .selectAll()
      .where('visit_id', '=', input.visitId)
      .where('staff_id', '=', staffId)
      .where('room', '=', input.room)
      .where('ended_at', 'is', null)
      .where('started_at', open === 'unstarted' ? 'is' : 'is not', null)
      .orderBy('issued_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  if (kind === 'participant_joined') {
    const call = await ctx.store.db
      .selectFrom('calls')
      .select(['prison_code'])
      .where('visit_id', '=', input.visitId)
      .executeTakeFirst();
    if (!call) return;
    await ctx.store.tx(async (trx) => {
      let row = await latest(trx, 'unstarted');
      if (row) {
        await trx
          .updateTable('monitor_sessions')
          .set({ started_at: input.at })
          .where('id', '=', row.id)
          .execute();
      } else {
        // re-joined with a token already used (it is valid until the call's end): a new session
        row = {
          id: newId(),
          visit_id: input.visitId,
          prison_code: call.prison_code,
          staff_id: staffId,
          room: input.room,
          lobby: input.room.startsWith('lobby-') ? 1 : 0,
          issued_at: input.at,
          started_at: input.at,
          ended_at: null,
          end_source: null,
        };
        await trx.insertInto('monitor_sessions').values(row).execute();
      }
      await audit(ctx, trx, {
        actor: { id: 'livekit', role: 'livekit' },
        action: 'monitor.started',
        subject: `visit:${input.visitId}`,
        visitId: input.visitId,
        prisonCode: call.prison_code,
        details: { sessionId: row.id, staffId, lobby: row.lobby === 1, startedAt: input.at },
      });
    });
  } else if (kind === 'participant_left') {
    const row = await latest(ctx.store.db, 'running');
    if (row) await ctx.store.tx((trx) => ended(ctx, trx, row, input.at, 'left'));
  }
}

/**
 * The scheduler's close-out: sessions still open on a call that has ended (or passed its end time) end at the
 * call's end. A token never used ends too (zero seconds watched), so nothing stays open for ever.
 */
export async function closeOutMonitors(ctx: AppContext): Promise<number> {
  const now = ctx.now().toISOString();
  const open = await ctx.store.db
    .selectFrom('monitor_sessions')
    .innerJoin('calls', 'calls.visit_id', 'monitor_sessions.visit_id')
    .selectAll('monitor_sessions')
    .select([
      'calls.ended_at as call_ended_at',
      'calls.ends_at as call_ends_at',
      'calls.status as call_status',
    ])
    .where('monitor_sessions.ended_at', 'is', null)
    .where((eb) => eb.or([eb('calls.status', '=', 'ended'), eb('calls.ends_at', '<=', now)]))
    .limit(100)
    .execute();
  for (const row of open) {
    const callEnd = row.call_ended_at ?? row.call_ends_at;
    const at = callEnd < now ? callEnd : now;
    await ctx.store.tx((trx) =>
      ended(ctx, trx, row, row.started_at && at < row.started_at ? row.started_at : at, 'closed-out'),
    );
  }
  return open.length;
}

/**
 * The monitor sessions of one visit, for staff of its prison. Every member of staff may see them: the
 * reference backend has one staff role per prison (server/auth.ts), the same rule as the audit export,
 * which carries the same facts (docs/data-protection.md, "Who watched").
 */
export async function monitorSessions(ctx: AppContext, p: Principal, visitId: string) {
  staffOnly(p);
  const visit = await visibleVisit(ctx, p, visitId);
  const rows = await ctx.store.db
    .selectFrom('monitor_sessions')
    .leftJoin('users', 'users.id', 'monitor_sessions.staff_id')
    .selectAll('monitor_sessions')
    .select(['users.first_name', 'users.last_name'])
    .where('monitor_sessions.visit_id', '=', visit.id)
    .orderBy('monitor_sessions.issued_at')
    .limit(500)
    .execute();
  const now = ctx.now().toISOString();
  return rows.map((r) => ({
    id: r.id,
    visitId: r.visit_id,
    staffId: r.staff_id,
    staffName: [r.first_name, r.last_name].filter(Boolean).join(' ') || null,
    lobby: r.lobby === 1,
    issuedAt: r.issued_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    endedBy: r.end_source,
    seconds: r.started_at ? seconds(r.started_at, r.ended_at ?? now) : 0,
  }));
}
