// Video calls: state, knock, tokens, admission, warnings, ending (by staff and by the clock), webhooks, credit.
import type { Kysely } from 'kysely';
import type { WebhookEvent } from 'livekit-server-sdk';
import type { AppContext, Principal } from './context.js';
import type { CallsTable, DB } from './db.js';
import { outcomeAtTimeUp, outcomeOfEnded, recordCallOutcome } from './call-outcomes.js';
import { callRoom, lobbyRoom, type RoomMetadata } from './media.js';
import { closeOutMonitors, monitorIssued, monitorWebhook } from './monitoring.js';
import { ApiError, forbidden, notFound } from './problems.js';
import { audit, newId, parseJson } from './util.js';
import { visibleVisit, visitEnded } from './visits/access.js';
import { callState } from './visits/dto.js';

function metadata(c: CallsTable): RoomMetadata {
  const warnings = parseJson<{ message: string; at: string }[]>(c.warnings, []);
  const last = warnings[warnings.length - 1];
  return { endsAt: c.ends_at, creditedSeconds: c.credited_seconds, ...(last ? { warning: last } : {}) };
}

async function getCall(db: Kysely<DB>, visitId: string) {
  const call = await db.selectFrom('calls').selectAll().where('visit_id', '=', visitId).executeTakeFirst();
  if (!call) throw new ApiError(404, 'not-found', 'That visit has no video call.');
  return call;
}

/** The prison's IANA time zone, for times written in words. */
async function prisonTimeZone(ctx: AppContext, prisonCode: string): Promise<string> {
  const prison = await ctx.store.db
    .selectFrom('prisons')
    .select('timezone')
    .where('code', '=', prisonCode)
    .executeTakeFirst();
  return prison?.timezone ?? 'Europe/London';
}

export async function publishState(ctx: AppContext, visitId: string) {
  const call = await ctx.store.db
    .selectFrom('calls')
    .selectAll()
    .where('visit_id', '=', visitId)
    .executeTakeFirst();
  if (!call) return;
  const state = callState(ctx, call);
  ctx.hub.toVisit(visitId, { event: 'state', data: state });
  ctx.hub.toPrison(call.prison_code, { event: 'state', data: state });
  return state;
}

export async function getCallState(ctx: AppContext, p: Principal, visitId: string) {
  const visit = await visibleVisit(ctx, p, visitId);
  return callState(ctx, await getCall(ctx.store.db, visit.id));
}

export async function knock(ctx: AppContext, p: Principal, visitId: string) {
  if (p.role === 'staff') throw forbidden('Staff do not knock.');
  const visit = await visibleVisit(ctx, p, visitId);
  if (visit.call_outcome || visit.status === 'completed') throw visitEnded();
  if (visit.status !== 'booked') throw new ApiError(409, 'conflict', 'Only a booked visit can be joined.');
  const call = await getCall(ctx.store.db, visit.id);
  const now = ctx.now().toISOString();
  if (call.status === 'ended' || now >= call.ends_at)
    throw new ApiError(409, 'call-ended', 'The call has ended.');
  if (now < call.opens_at) {
    const timeZone = await prisonTimeZone(ctx, visit.prison_code);
    throw new ApiError(
      422,
      'outside-window',
      {
        text: 'The waiting room opens at {time} on {day}.',
        vars: {
          time: { at: call.opens_at, timeZone, as: 'time' },
          day: { at: call.opens_at, timeZone, as: 'day' },
        },
      },
      { opensAt: call.opens_at },
    );
  }
  if (p.role === 'prisoner') {
    await ctx.store.db
      .updateTable('calls')
      .set({ prisoner_knocked_at: now, updated_at: now })
      .where('visit_id', '=', visit.id)
      .where('prisoner_knocked_at', 'is', null)
      .execute();
  } else {
    if (call.status === 'denied')
      throw new ApiError(409, 'already-decided', 'Entry to this call was refused.');
    await ctx.store.db
      .updateTable('calls')
      .set({ status: 'waiting', knocked_at: now, updated_at: now })
      .where('visit_id', '=', visit.id)
      .where('status', '=', 'idle')
      .execute();
  }
  await audit(ctx, ctx.store.db, {
    actor: p,
    action: 'call.knocked',
    subject: `visit:${visit.id}`,
    visitId: visit.id,
    prisonCode: visit.prison_code,
  });
  ctx.hub.toPrison(visit.prison_code, { event: 'knock', data: { visitId: visit.id, at: now, who: p.role } });
  return (await publishState(ctx, visit.id))!;
}

const ttlUntil = (ctx: AppContext, endsAt: string) =>
  (Date.parse(endsAt) + 60_000 - ctx.now().getTime()) / 1000;

export async function callToken(ctx: AppContext, p: Principal, visitId: string) {
  if (p.role === 'staff') throw forbidden('Staff use a monitor token.');
  const visit = await visibleVisit(ctx, p, visitId);
  // An ended visit never gets a token again, whatever its times say (staff may end it early).
  if (visit.call_outcome || visit.status === 'completed') throw visitEnded();
  const call = await getCall(ctx.store.db, visit.id);
  const state = callState(ctx, call);
  if (state.status === 'ended') throw new ApiError(409, 'call-ended', 'The call has ended.');
  if (state.status === 'not-open')
    throw new ApiError(422, 'outside-window', 'The waiting room is not open yet.');
  let kind: 'lobby' | 'call';
  if (state.status === 'admitted' || state.status === 'in-call') kind = 'call';
  else if (p.role === 'visitor' && (state.status === 'waiting' || state.status === 'checking'))
    kind = 'lobby';
  else throw new ApiError(403, 'not-admitted', 'You have not been admitted to this call.');
  let identity: string;
  let name: string;
  if (p.role === 'visitor') {
    const user = await ctx.store.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    identity = `visitor:${p.id}`;
    name = [user.first_name, user.last_name].filter(Boolean).join(' ') || 'Visitor';
  } else {
    const prisoner = await ctx.store.db
      .selectFrom('prisoners')
      .selectAll()
      .where('id', '=', visit.prisoner_id)
      .executeTakeFirstOrThrow();
    identity = `prisoner:${prisoner.id}`;
    name = `${prisoner.first_name} ${prisoner.last_name}`;
  }
  const room = kind === 'call' ? callRoom(visit.id) : lobbyRoom(visit.id);
  const minted = await ctx.media.participantToken({
    room,
    identity,
    name,
    role: p.role,
    kind,
    ttlSeconds: ttlUntil(ctx, call.ends_at),
  });
  await audit(ctx, ctx.store.db, {
    actor: p,
    action: `call.token-${kind}`,
    subject: `visit:${visit.id}`,
    visitId: visit.id,
    prisonCode: visit.prison_code,
  });
  return { ...minted, room, kind, identity, endsAt: call.ends_at };
}

/** Staff-only visit lookup: the visit must be in their prison. */
async function staffCall(ctx: AppContext, p: Principal, visitId: string) {
  if (p.role !== 'staff') throw forbidden();
  const visit = await visibleVisit(ctx, p, visitId);
  return { visit, call: await getCall(ctx.store.db, visit.id) };
}

/** Why an admission or refusal changed nothing: nobody waiting, the call over, or another officer first. */
async function undecidable(ctx: AppContext, visitId: string): Promise<ApiError> {
  const current = await getCall(ctx.store.db, visitId);
  if (current.status === 'idle') return new ApiError(409, 'not-waiting', 'Nobody is waiting to be admitted.');
  if (current.status === 'ended') return new ApiError(409, 'call-ended', 'The call has ended.');
  return new ApiError(409, 'already-decided', 'This visitor has already been admitted or refused.');
}

export async function admit(ctx: AppContext, p: Principal, visitId: string) {
  const { visit, call } = await staffCall(ctx, p, visitId);
  const now = ctx.now().toISOString();
  if (call.status === 'ended' || now >= call.ends_at)
    throw new ApiError(409, 'call-ended', 'The call has ended.');
  const done = await ctx.store.db
    .updateTable('calls')
    .set({ status: 'admitted', admitted_at: now, updated_at: now })
    .where('visit_id', '=', visit.id)
    .where('status', 'in', ['waiting', 'checking'])
    .returningAll()
    .executeTakeFirst();
  if (!done) throw await undecidable(ctx, visit.id);
  await audit(ctx, ctx.store.db, {
    actor: p,
    action: 'call.admitted',
    subject: `visit:${visit.id}`,
    visitId: visit.id,
    prisonCode: visit.prison_code,
  });
  await ctx.media.publishMetadata(callRoom(visit.id), metadata(done), 120);
  return (await publishState(ctx, visit.id))!;
}

export async function deny(
  ctx: AppContext,
  p: Principal,
  visitId: string,
  input: { reason: string; note?: string | undefined },
) {
  const { visit, call } = await staffCall(ctx, p, visitId);
  const now = ctx.now().toISOString();
  if (call.status === 'ended' || now >= call.ends_at)
    throw new ApiError(409, 'call-ended', 'The call has ended.');
  const done = await ctx.store.db
    .updateTable('calls')
    .set({ status: 'denied', deny_reason: input.reason, deny_note: input.note ?? null, updated_at: now })
    .where('visit_id', '=', visit.id)
    .where('status', 'in', ['waiting', 'checking'])
    .returningAll()
    .executeTakeFirst();
  if (!done) throw await undecidable(ctx, visit.id);
  await audit(ctx, ctx.store.db, {
    actor: p,
    action: 'call.denied',
    subject: `visit:${visit.id}`,
    visitId: visit.id,
    prisonCode: visit.prison_code,
    details: { reason: input.reason },
  });
  await ctx.media.closeRoom(lobbyRoom(visit.id));
  return (await publishState(ctx, visit.id))!;
}

export async function warn(ctx: AppContext, p: Principal, visitId: string, message: string) {
  const { visit } = await staffCall(ctx, p, visitId);
  const warning = { message, at: ctx.now().toISOString() };
  const updated = await ctx.store.tx(async (trx) => {
    const call = await lockCall(ctx, trx, visit.id);
    if (call.status === 'ended' || warning.at >= call.ends_at)
      throw new ApiError(409, 'call-ended', 'The call has ended.');
    const warnings = [...parseJson<{ message: string; at: string }[]>(call.warnings, []), warning].slice(-50);
    await trx
      .updateTable('calls')
      .set({ warnings: JSON.stringify(warnings), updated_at: warning.at })
      .where('visit_id', '=', visit.id)
      .execute();
    await audit(ctx, trx, {
      actor: p,
      action: 'call.warned',
      subject: `visit:${visit.id}`,
      visitId: visit.id,
      prisonCode: visit.prison_code,
      details: { message },
    });
    return { ...call, warnings: JSON.stringify(warnings) };
  });
  if (updated.admitted_at) await ctx.media.publishMetadata(callRoom(visit.id), metadata(updated), 120);
  ctx.hub.toVisit(visit.id, { event: 'warning', data: warning });
  return (await publishState(ctx, visit.id))!;
}

async function lockCall(ctx: AppContext, trx: Kysely<DB>, visitId: string) {
  let q = trx.selectFrom('calls').selectAll().where('visit_id', '=', visitId);
  if (ctx.store.kind === 'postgres') q = q.forUpdate();
  const call = await q.executeTakeFirst();
  if (!call) throw notFound('That call');
  return call;
}

/** Atomically ends a call once (whichever replica or request gets there first wins). */
async function claimEnd(
  ctx: AppContext,
  visitId: string,
  fields: { end_reason: string; end_note?: string | null; staff_reason?: string | null },
  onlyIfDue: boolean,
) {
  const now = ctx.now().toISOString();
  let q = ctx.store.db
    .updateTable('calls')
    .set({ status: 'ended', ended_at: now, updated_at: now, end_note: null, staff_reason: null, ...fields })
    .where('visit_id', '=', visitId)
    .where('status', '<>', 'ended');
  if (onlyIfDue) q = q.where('ends_at', '<=', now);
  return q.returningAll().executeTakeFirst();
}

async function closeRooms(ctx: AppContext, call: CallsTable) {
  const used = !!(call.knocked_at || call.admitted_at || call.prisoner_knocked_at);
  const ok = used
    ? (
        await Promise.all([
          ctx.media.closeRoom(callRoom(call.visit_id)),
          ctx.media.closeRoom(lobbyRoom(call.visit_id)),
        ])
      ).every(Boolean)
    : true;
  if (ok)
    await ctx.store.db
      .updateTable('calls')
      .set({ room_closed: 1 })
      .where('visit_id', '=', call.visit_id)
      .execute();
  return ok;
}

export async function endByStaff(
  ctx: AppContext,
  p: Principal,
  visitId: string,
  input: { reason: string; note?: string | undefined },
) {
  const { visit } = await staffCall(ctx, p, visitId);
  const claimed = await claimEnd(
    ctx,
    visit.id,
    { end_reason: 'ended-by-staff', staff_reason: input.reason, end_note: input.note ?? null },
    false,
  );
  if (!claimed) throw new ApiError(409, 'call-ended', 'The call has already ended.');
  await audit(ctx, ctx.store.db, {
    actor: p,
    action: 'call.ended',
    subject: `visit:${visit.id}`,
    visitId: visit.id,
    prisonCode: visit.prison_code,
    details: { reason: input.reason },
  });
  await recordCallOutcome(ctx, claimed, {
    result: 'ended-by-staff',
    staffReason: input.reason,
    ...(input.note ? { note: input.note } : {}),
  });
  ctx.hub.toVisit(visit.id, {
    event: 'ended',
    data: {
      reason: 'ended-by-staff',
      ...(input.note ? { note: input.note } : {}),
      staffReason: input.reason,
    },
  });
  const state = (await publishState(ctx, visit.id))!;
  await closeRooms(ctx, claimed);
  return state;
}

export async function monitorToken(ctx: AppContext, p: Principal, visitId: string, lobby: boolean) {
  const { visit, call } = await staffCall(ctx, p, visitId);
  const now = ctx.now().toISOString();
  if (call.status === 'ended' || now >= call.ends_at)
    throw new ApiError(409, 'call-ended', 'The call has ended.');
  if (now < call.opens_at) throw new ApiError(422, 'outside-window', 'The waiting room is not open yet.');
  // A legal visit (a solicitor's) is privileged: no hidden monitoring ever, and the lobby camera only for the
  // identity check, i.e. until admission. The refusal is audited before any media grant is made.
  if (visit.legal_firm && (!lobby || !['idle', 'waiting', 'checking'].includes(call.status))) {
    await audit(ctx, ctx.store.db, {
      actor: p,
      action: 'call.monitor-refused',
      subject: `visit:${visit.id}`,
      visitId: visit.id,
      prisonCode: visit.prison_code,
      details: { reason: 'legal-visit', lobby, callStatus: call.status },
    });
    throw new ApiError(
      403,
      'legal-visit',
      lobby
        ? 'In a legal visit staff see the lobby only until the visitor is admitted.'
        : 'A legal visit is never monitored.',
    );
  }
  const room = lobby ? lobbyRoom(visit.id) : callRoom(visit.id);
  const identity = `staff:${p.id}`;
  const user = await ctx.store.db
    .selectFrom('users')
    .select(['first_name', 'last_name'])
    .where('id', '=', p.id)
    .executeTakeFirst();
  const minted = await ctx.media.monitorToken({
    room,
    identity,
    name: [user?.first_name, user?.last_name].filter(Boolean).join(' ') || 'Staff',
    ttlSeconds: ttlUntil(ctx, call.ends_at),
  });
  await monitorIssued(ctx, { visitId: visit.id, prisonCode: visit.prison_code, staffId: p.id, room, lobby });
  if (lobby) {
    const moved = await ctx.store.db
      .updateTable('calls')
      .set({ status: 'checking', updated_at: now })
      .where('visit_id', '=', visit.id)
      .where('status', '=', 'waiting')
      .returning('visit_id')
      .executeTakeFirst();
    if (moved) await publishState(ctx, visit.id);
  }
  await audit(ctx, ctx.store.db, {
    actor: p,
    action: lobby ? 'call.monitor-lobby' : 'call.monitor',
    subject: `visit:${visit.id}`,
    visitId: visit.id,
    prisonCode: visit.prison_code,
  });
  return { ...minted, room, identity };
}

// ---------- the clock: ends calls at endsAt, from any replica, exactly once ----------

export async function enforceOnce(ctx: AppContext): Promise<number> {
  const now = ctx.now().toISOString();
  const due = await ctx.store.db
    .selectFrom('calls')
    .select('visit_id')
    .where('status', '<>', 'ended')
    .where('ends_at', '<=', now)
    .limit(100)
    .execute();
  let ended = 0;
  for (const { visit_id } of due) {
    const claimed = await claimEnd(ctx, visit_id, { end_reason: 'time-up' }, true);
    if (!claimed) continue; // another replica (or staff) got there first
    ended += 1;
    await audit(ctx, ctx.store.db, {
      actor: { id: 'system', role: 'system' },
      action: 'call.ended',
      subject: `visit:${visit_id}`,
      visitId: visit_id,
      prisonCode: claimed.prison_code,
      details: { reason: 'time-up', endsAt: claimed.ends_at },
    });
    await recordCallOutcome(ctx, claimed, await outcomeAtTimeUp(ctx, claimed));
    ctx.hub.toVisit(visit_id, { event: 'ended', data: { reason: 'time-up' } });
    await publishState(ctx, visit_id);
    await closeRooms(ctx, claimed);
  }
  // rooms of ended calls still open (LiveKit was unreachable, or the process stopped mid-way): retry
  const open = await ctx.store.db
    .selectFrom('calls')
    .selectAll()
    .where('room_closed', '=', 0)
    .where('status', '=', 'ended')
    .limit(20)
    .execute();
  for (const call of open) await closeRooms(ctx, call);
  // calls that ended without their visit's outcome written (the process stopped in between): write it now
  const unrecorded = await ctx.store.db
    .selectFrom('calls')
    .innerJoin('visits', 'visits.id', 'calls.visit_id')
    .selectAll('calls')
    .where('calls.status', '=', 'ended')
    .where('visits.status', '=', 'booked')
    .where('visits.call_outcome', 'is', null)
    .limit(20)
    .execute();
  for (const call of unrecorded) await recordCallOutcome(ctx, call, await outcomeOfEnded(ctx, call));
  await closeOutMonitors(ctx);
  return ended;
}

// ---------- LiveKit webhooks: joins, leaves, lost-time credit ----------

function visitOfRoom(room: string | undefined): { visitId: string; lobby: boolean } | undefined {
  if (!room) return undefined;
  const m = /^(visit|lobby)-(.+)$/.exec(room);
  return m ? { visitId: m[2]!, lobby: m[1] === 'lobby' } : undefined;
}

/** livekit.DisconnectReason.CONNECTION_TIMEOUT: the media server removed a participant that went silent. */
const CONNECTION_TIMEOUT = 14;

/**
 * When a departure really happened. A participant whose connection went silent (a phone losing signal) is only
 * removed once the media server's timeouts run out, long after the picture froze: such a departure is dated
 * back by that detection time (never before the session began), so the family is credited the whole gap.
 */
function connectionLostAt(ctx: AppContext, event: WebhookEvent, at: string, joinedAt: string): string {
  if (Number(event.participant?.disconnectReason) !== CONNECTION_TIMEOUT) return at;
  const detectionMs = (ctx.config.lostConnectionDetectionSeconds ?? 20) * 1000;
  return new Date(Math.max(Date.parse(at) - detectionMs, Date.parse(joinedAt))).toISOString();
}

/**
 * When a session whose media node vanished (killed, or cut off from the network) really ended. Such a node
 * never reports that anyone left, so the rejoin on a surviving node is the first sign: the loss is dated back
 * by the time a cluster takes to move a call to another node (measured by `npm run test:cluster`), never
 * before the session began.
 */
function nodeLostAt(ctx: AppContext, rejoinedAt: string, joinedAt: string): string {
  const recoveryMs = (ctx.config.lostNodeRecoverySeconds ?? 10) * 1000;
  return new Date(Math.max(Date.parse(rejoinedAt) - recoveryMs, Date.parse(joinedAt))).toISOString();
}

export async function handleWebhook(ctx: AppContext, event: WebhookEvent) {
  if (event.id) {
    const fresh = await ctx.store.db
      .insertInto('webhook_events')
      .values({ id: event.id, received_at: ctx.now().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!fresh) return { duplicate: true };
  }
  const target = visitOfRoom(event.room?.name);
  const identity = event.participant?.identity;
  if (!target || !identity) return { ignored: true };
  const nowMs = ctx.now().getTime();
  const createdMs = Number(event.createdAt ?? 0) * 1000;
  const at = new Date(createdMs && Math.abs(createdMs - nowMs) < 300_000 ? createdMs : nowMs).toISOString();
  const roomName = event.room!.name;
  const person = identity.startsWith('visitor:') || identity.startsWith('prisoner:');
  // who watched (server/monitoring.ts)
  if (identity.startsWith('staff:'))
    await monitorWebhook(ctx, event.event, { visitId: target.visitId, room: roomName, identity, at });
  if (event.event === 'participant_joined') {
    const result = await ctx.store.tx(async (trx) => {
      const call = await trx
        .selectFrom('calls')
        .selectAll()
        .where('visit_id', '=', target.visitId)
        .executeTakeFirst();
      if (!call) return undefined;
      const locked = ctx.store.kind === 'postgres' ? await lockCall(ctx, trx, call.visit_id) : call;
      if (!target.lobby && person) {
        // Joined again while the last session is still open: its node went away without a word.
        const stale = await trx
          .selectFrom('participant_sessions')
          .select(['id', 'joined_at'])
          .where('visit_id', '=', call.visit_id)
          .where('room', '=', roomName)
          .where('identity', '=', identity)
          .where('left_at', 'is', null)
          .where('joined_at', '<', at)
          .execute();
        for (const session of stale)
          await trx
            .updateTable('participant_sessions')
            .set({ left_at: nodeLostAt(ctx, at, session.joined_at) })
            .where('id', '=', session.id)
            .execute();
      }
      await trx
        .insertInto('participant_sessions')
        .values({
          id: newId(),
          visit_id: call.visit_id,
          room: roomName,
          identity,
          joined_at: at,
          left_at: null,
        })
        .execute();
      if (target.lobby || !person) return { call: locked, credited: 0 };
      const previous = await trx
        .selectFrom('participant_sessions')
        .select(['left_at'])
        .where('visit_id', '=', call.visit_id)
        .where('room', '=', roomName)
        .where('identity', '=', identity)
        .where('left_at', 'is not', null)
        .orderBy('left_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      let credited = 0;
      const patch: Partial<CallsTable> = { updated_at: at };
      if (locked.status === 'admitted') patch.status = 'in-call';
      if (previous?.left_at && locked.status !== 'ended' && previous.left_at < locked.ends_at) {
        const from = Math.max(
          Date.parse(previous.left_at),
          Date.parse(locked.credit_covered_until ?? previous.left_at),
        );
        const gap = Math.floor((Date.parse(at) - from) / 1000);
        const cap = ctx.config.lostTimeCapMinutes * 60 - locked.credited_seconds;
        credited = Math.max(0, Math.min(gap, cap));
        if (credited > 0) {
          patch.credited_seconds = locked.credited_seconds + credited;
          patch.ends_at = new Date(Date.parse(locked.ends_at) + credited * 1000).toISOString();
          patch.credit_covered_until = at;
        }
      }
      const updated = await trx
        .updateTable('calls')
        .set(patch)
        .where('visit_id', '=', call.visit_id)
        .where('status', '<>', 'ended')
        .returningAll()
        .executeTakeFirst();
      if (credited > 0 && updated)
        await audit(ctx, trx, {
          actor: { id: 'livekit', role: 'livekit' },
          action: 'call.time-credited',
          subject: `visit:${call.visit_id}`,
          visitId: call.visit_id,
          prisonCode: call.prison_code,
          details: { seconds: credited, identity: identity.split(':')[0], endsAt: updated.ends_at },
        });
      return { call: updated ?? locked, credited: updated ? credited : 0 };
    });
    if (!result) return { ignored: true };
    if (result.call.status === 'ended') {
      // Someone joined after the end (e.g. a replayed token re-created the room): nobody stays in an ended call.
      await ctx.media.closeRoom(roomName);
      return { removed: true };
    }
    if (result.credited > 0) await ctx.media.publishMetadata(roomName, metadata(result.call), 120);
    await publishState(ctx, target.visitId);
    return { credited: result.credited };
  }
  if (event.event === 'participant_left') {
    const open = await ctx.store.db
      .selectFrom('participant_sessions')
      .select(['id', 'joined_at'])
      .where('visit_id', '=', target.visitId)
      .where('room', '=', roomName)
      .where('identity', '=', identity)
      .where('left_at', 'is', null)
      .orderBy('joined_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    // A leave for an older session than the open one (it was closed already, when its node was lost and the
    // person rejoined elsewhere) must not close the session they are in now.
    const leftJoinedMs = Number(event.participant?.joinedAt ?? 0) * 1000;
    const olderSession = open && leftJoinedMs > 0 && Date.parse(open.joined_at) - leftJoinedMs > 5000;
    if (olderSession) return { left: true, stale: true };
    if (open)
      await ctx.store.db
        .updateTable('participant_sessions')
        .set({ left_at: connectionLostAt(ctx, event, at, open.joined_at) })
        .where('id', '=', open.id)
        .execute();
    else
      await ctx.store.db
        .insertInto('participant_sessions')
        .values({
          id: newId(),
          visit_id: target.visitId,
          room: roomName,
          identity,
          joined_at: at,
          left_at: at,
        })
        .execute();
    await publishState(ctx, target.visitId);
    return { left: true };
  }
  return { ignored: true };
}
