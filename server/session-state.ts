// The server-side state of every session token (its `jti`): when it was last used, and whether it was ended
// (sign-out, "sign out everywhere", a removed device). Checked from the database on each request with a short
// per-replica cache, so an ending takes effect on every replica within `sessionCheckMs`.
import type { AppContext, Principal } from './context.js';
import { ApiError, type Detail } from './problems.js';

/** Idle timeouts by role (seconds): people 2 hours (longer than any visit), kiosks and tablets 7 days. */
export const DEFAULT_IDLE_SECONDS: Record<Principal['role'], number> = {
  visitor: 2 * 3600,
  staff: 2 * 3600,
  prisoner: 7 * 24 * 3600,
};
/** How long a replica trusts its last look at a session (ms): the most an ending can take to reach it. */
export const DEFAULT_SESSION_CHECK_MS = 2000;
/** Last-seen is written at most this often per session (ms), not on every request. */
const TOUCH_EVERY_MS = 60_000;

export const principalKey = (p: Pick<Principal, 'role' | 'id'>) => `${p.role}:${p.id}`;

const idleMs = (ctx: AppContext, role: Principal['role']) =>
  (ctx.config.sessionIdleSeconds?.[role] ?? DEFAULT_IDLE_SECONDS[role]) * 1000;
const checkMs = (ctx: AppContext) => ctx.config.sessionCheckMs ?? DEFAULT_SESSION_CHECK_MS;

/** Sessions this replica looked at recently and found live: sid → { until, touched }. */
const recent = new WeakMap<AppContext, Map<string, { until: number; touched: number }>>();
function cacheOf(ctx: AppContext) {
  let cache = recent.get(ctx);
  if (!cache) recent.set(ctx, (cache = new Map()));
  return cache;
}

export async function openSession(ctx: AppContext, p: Principal, sid: string, expiresAt: string) {
  const now = ctx.now().toISOString();
  await ctx.store.db
    .insertInto('sessions')
    .values({
      id: sid,
      principal: principalKey(p),
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
}

const ended = (detail: Detail) => new ApiError(401, 'unauthenticated', detail);

/** Throws 401 unless the session is live (not ended, not idle too long, not past its end); records use. */
export async function checkSession(ctx: AppContext, p: Principal, sid: string): Promise<void> {
  const nowMs = ctx.now().getTime();
  const cache = cacheOf(ctx);
  const hit = cache.get(sid);
  if (hit && hit.until > nowMs) return;
  const row = await ctx.store.db
    .selectFrom('sessions')
    .select(['principal', 'last_seen_at', 'expires_at', 'revoked_at'])
    .where('id', '=', sid)
    .executeTakeFirst();
  cache.delete(sid);
  if (!row || row.principal !== principalKey(p) || row.revoked_at !== null)
    throw ended('This session has ended. Sign in again.');
  if (Date.parse(row.expires_at) <= nowMs) throw ended('This session has expired. Sign in again.');
  const lastSeen = Math.max(Date.parse(row.last_seen_at), hit?.touched ?? 0);
  if (nowMs - lastSeen > idleMs(ctx, p.role))
    throw ended('You were signed out after a time without activity. Sign in again.');
  let touched = lastSeen;
  if (nowMs - lastSeen >= TOUCH_EVERY_MS) {
    touched = nowMs;
    await ctx.store.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(nowMs).toISOString() })
      .where('id', '=', sid)
      .execute();
  }
  if (cache.size >= 10_000) cache.clear();
  cache.set(sid, { until: nowMs + checkMs(ctx), touched });
}

/** Of these sessions, the ones still live now (for open event streams, which make no requests). */
export async function liveSessions(ctx: AppContext, sids: string[]): Promise<Set<string>> {
  if (!sids.length) return new Set();
  const nowMs = ctx.now().getTime();
  const rows = await ctx.store.db
    .selectFrom('sessions')
    .select(['id', 'principal', 'last_seen_at', 'expires_at'])
    .where('id', 'in', sids)
    .where('revoked_at', 'is', null)
    .execute();
  const live = new Set<string>();
  for (const row of rows) {
    const role = row.principal.slice(0, row.principal.indexOf(':')) as Principal['role'];
    const lastSeen = Math.max(Date.parse(row.last_seen_at), cacheOf(ctx).get(row.id)?.touched ?? 0);
    if (Date.parse(row.expires_at) > nowMs && nowMs - lastSeen <= idleMs(ctx, role)) live.add(row.id);
  }
  return live;
}

/** Ends one session, or every session of a principal ("sign out everywhere", a removed device). */
export async function endSessions(ctx: AppContext, which: { sid: string } | { principal: string }) {
  const now = ctx.now().toISOString();
  let query = ctx.store.db.updateTable('sessions').set({ revoked_at: now }).where('revoked_at', 'is', null);
  query = 'sid' in which ? query.where('id', '=', which.sid) : query.where('principal', '=', which.principal);
  const ended = await query.returning('id').execute();
  const cache = cacheOf(ctx);
  for (const { id } of ended) cache.delete(id);
  return ended.length;
}

/** Forgets sessions that have passed their absolute end, a day on (run by the scheduler). */
export async function pruneSessions(ctx: AppContext) {
  const dayAgo = new Date(ctx.now().getTime() - 24 * 3600_000).toISOString();
  await ctx.store.db.deleteFrom('sessions').where('expires_at', '<', dayAgo).execute();
  // and the passkey step's leftovers: unanswered challenges, set-up codes past their hour
  await ctx.store.db.deleteFrom('passkey_challenges').where('expires_at', '<', dayAgo).execute();
  await ctx.store.db.deleteFrom('staff_enrolment_codes').where('expires_at', '<', dayAgo).execute();
}
