// Staff: the day's visits, approvals and decisions, devices, outcomes, incidents, audit (sessions: sessions.ts).
import { randomBytes } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { AppContext, Principal } from './context.js';
import type * as S from './schemas.js';
import { endSessions, principalKey } from './session-state.js';
import {
  approvalsChanged,
  notifyFamily,
  notifyLinkDecision,
  pushLinkToFamily,
  pushToConsoles,
} from './notify.js';
import { ApiError, forbidden, notFound } from './problems.js';
import { dateIn } from './time.js';
import { audit, newId, parseJson } from './util.js';
import {
  getPrison,
  loadVisitDtos,
  releaseVisit,
  staffVisitDtos,
  visibleVisit,
  visitDto,
} from './visits/index.js';

/** The staff member's prison; anyone else is forbidden. */
export function staffOnly(p: Principal): string {
  if (p.role !== 'staff' || !p.prisonCode) throw forbidden('Only prison staff may do that.');
  return p.prisonCode;
}

export async function staffVisits(
  ctx: AppContext,
  p: Principal,
  query: { date?: string | undefined; type?: 'video' | 'in-person' | undefined },
) {
  const code = staffOnly(p);
  const prison = await getPrison(ctx.store.db, code);
  const date = query.date ?? dateIn(ctx.now(), prison.timezone);
  let q = ctx.store.db
    .selectFrom('visits')
    .selectAll()
    .where('prison_code', '=', code)
    .where('date', '=', date);
  if (query.type) q = q.where('type', '=', query.type);
  return staffVisitDtos(ctx, await q.orderBy('start_at').limit(1000).execute());
}

export async function approvals(ctx: AppContext, p: Principal) {
  const code = staffOnly(p);
  const db = ctx.store.db;
  const [links, visitors, bookings] = await Promise.all([
    db
      .selectFrom('links')
      .innerJoin('users', 'users.id', 'links.user_id')
      .leftJoin('prisoners', 'prisoners.id', 'links.prisoner_id')
      .select([
        'links.id',
        'links.status',
        'links.relationship',
        'links.prisoner_id',
        'links.claimed_prison_number',
        'links.claimed_first_name',
        'links.claimed_last_name',
        'links.claimed_date_of_birth',
        'links.created_at',
        'users.id as user_id',
        'users.first_name as user_first',
        'users.last_name as user_last',
        'users.date_of_birth as user_dob',
        'prisoners.first_name as p_first',
        'prisoners.last_name as p_last',
      ])
      .where('links.prison_code', '=', code)
      .where('links.status', '=', 'requested')
      .orderBy('links.created_at')
      .limit(500)
      .execute(),
    db
      .selectFrom('link_visitors')
      .innerJoin('links', 'links.id', 'link_visitors.link_id')
      .innerJoin('users', 'users.id', 'links.user_id')
      .leftJoin('prisoners', 'prisoners.id', 'links.prisoner_id')
      .selectAll('link_visitors')
      .select([
        'links.prisoner_id',
        'users.id as lead_id',
        'users.first_name as lead_first',
        'users.last_name as lead_last',
        'prisoners.first_name as p_first',
        'prisoners.last_name as p_last',
        'prisoners.prison_number as p_number',
      ])
      .where('links.prison_code', '=', code)
      .where('link_visitors.status', '=', 'requested')
      .orderBy('link_visitors.created_at')
      .limit(500)
      .execute(),
    db
      .selectFrom('visits')
      .selectAll()
      .where('prison_code', '=', code)
      .where('status', '=', 'requested')
      .orderBy('start_at')
      .limit(500)
      .execute(),
  ]);
  return {
    links: links.map((l) => ({
      id: l.id,
      status: l.status,
      relationship: l.relationship,
      matched: !!l.prisoner_id,
      visitor: {
        id: l.user_id,
        ...(l.user_first ? { firstName: l.user_first } : {}),
        ...(l.user_last ? { lastName: l.user_last } : {}),
        ...(l.user_dob ? { dateOfBirth: l.user_dob } : {}),
      },
      claimed: {
        prisonNumber: l.claimed_prison_number,
        firstName: l.claimed_first_name,
        lastName: l.claimed_last_name,
        dateOfBirth: l.claimed_date_of_birth,
      },
      ...(l.prisoner_id
        ? { prisoner: { id: l.prisoner_id, firstName: l.p_first ?? '', lastName: l.p_last ?? '' } }
        : {}),
      createdAt: l.created_at,
    })),
    visitors: visitors.map((v) => ({
      id: v.id,
      linkId: v.link_id,
      ...(v.prisoner_id ? { prisonerId: v.prisoner_id } : {}),
      firstName: v.first_name,
      lastName: v.last_name,
      dateOfBirth: v.date_of_birth,
      relationship: v.relationship,
      status: v.status,
      ...(v.banned_until ? { bannedUntil: v.banned_until } : {}),
      lead: false,
      leadVisitor: {
        id: v.lead_id,
        ...(v.lead_first ? { firstName: v.lead_first } : {}),
        ...(v.lead_last ? { lastName: v.lead_last } : {}),
      },
      ...(v.prisoner_id
        ? {
            prisoner: {
              id: v.prisoner_id,
              firstName: v.p_first ?? '',
              lastName: v.p_last ?? '',
              prisonNumber: v.p_number ?? '',
            },
          }
        : {}),
    })),
    bookings: await loadVisitDtos(db, bookings),
  };
}

const alreadyDecided = () => new ApiError(409, 'already-decided', 'This has already been decided.');

export async function decideLink(
  ctx: AppContext,
  p: Principal,
  linkId: string,
  input: { decision: 'approve' | 'reject'; reason?: string | undefined },
) {
  const code = staffOnly(p);
  const link = await ctx.store.db
    .selectFrom('links')
    .selectAll()
    .where('id', '=', linkId)
    .where('prison_code', '=', code)
    .executeTakeFirst();
  if (!link) throw notFound('That link');
  if (input.decision === 'approve' && !link.prisoner_id)
    throw new ApiError(
      422,
      'validation',
      'The details did not match anyone in this prison, so the link can only be rejected.',
      {
        errors: [{ path: 'decision', message: 'Cannot approve an unmatched link' }],
      },
    );
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const now = ctx.now().toISOString();
  await ctx.store.tx(async (trx) => {
    const done = await trx
      .updateTable('links')
      .set({
        status,
        decided_at: now,
        decided_by: p.id,
        rejection_reason: status === 'rejected' ? (input.reason ?? 'not approved') : null,
      })
      .where('id', '=', link.id)
      .where('status', '=', 'requested')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw alreadyDecided();
    await audit(ctx, trx, {
      actor: p,
      action: `link.${status}`,
      subject: `link:${link.id}`,
      prisonCode: code,
      details: input.reason ? { reason: input.reason } : {},
    });
  });
  const user = await ctx.store.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', link.user_id)
    .executeTakeFirst();
  if (user) await notifyLinkDecision(ctx, user, status);
  pushLinkToFamily(ctx, link.user_id, { kind: 'link', id: link.id, status });
  approvalsChanged(ctx, code, { kind: 'link', id: link.id, status });
  return { id: link.id, status };
}

export async function decideVisitor(
  ctx: AppContext,
  p: Principal,
  visitorId: string,
  input: { decision: 'approve' | 'reject'; reason?: string | undefined },
) {
  const code = staffOnly(p);
  const row = await ctx.store.db
    .selectFrom('link_visitors')
    .innerJoin('links', 'links.id', 'link_visitors.link_id')
    .select(['link_visitors.id', 'links.prison_code', 'links.user_id'])
    .where('link_visitors.id', '=', visitorId)
    .executeTakeFirst();
  if (!row || row.prison_code !== code) throw notFound('That visitor');
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  await ctx.store.tx(async (trx) => {
    const done = await trx
      .updateTable('link_visitors')
      .set({ status, decided_at: ctx.now().toISOString(), decided_by: p.id })
      .where('id', '=', row.id)
      .where('status', '=', 'requested')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw alreadyDecided();
    await audit(ctx, trx, {
      actor: p,
      action: `visitor.${status}`,
      subject: `visitor:${row.id}`,
      prisonCode: code,
      details: input.reason ? { reason: input.reason } : {},
    });
  });
  pushLinkToFamily(ctx, row.user_id, { kind: 'visitor', id: row.id, status });
  approvalsChanged(ctx, code, { kind: 'visitor', id: row.id, status });
  return { id: row.id, status };
}

export async function decideBooking(
  ctx: AppContext,
  p: Principal,
  visitId: string,
  input: { decision: 'approve' | 'reject'; reason?: string | undefined },
) {
  staffOnly(p);
  const visit = await visibleVisit(ctx, p, visitId);
  const now = ctx.now().toISOString();
  const approve = input.decision === 'approve';
  const updated = await ctx.store.tx(async (trx) => {
    const done = await trx
      .updateTable('visits')
      .set(
        approve
          ? { status: 'booked', sub_status: 'APPROVED', updated_at: now }
          : {
              status: 'cancelled',
              sub_status: 'REJECTED',
              cancellation: JSON.stringify({
                reason: 'establishment-cancelled',
                ...(input.reason ? { note: input.reason } : {}),
                at: now,
              }),
              updated_at: now,
            },
      )
      .where('id', '=', visit.id)
      .where('status', '=', 'requested')
      .returningAll()
      .executeTakeFirst();
    if (!done) throw alreadyDecided();
    if (!approve) await releaseVisit(trx, done, 'request rejected', now);
    await audit(ctx, trx, {
      actor: p,
      action: approve ? 'visit.approved' : 'visit.rejected',
      subject: `visit:${done.id}`,
      visitId: done.id,
      prisonCode: done.prison_code,
      details: input.reason ? { reason: input.reason } : {},
    });
    return done;
  });
  const dto = await visitDto(ctx.store.db, updated);
  const lead = await ctx.store.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', updated.lead_user_id)
    .executeTakeFirst();
  if (lead) await notifyFamily(ctx, dto, lead, approve ? 'approved' : 'rejected', input.reason ?? '');
  await pushToConsoles(ctx, updated);
  approvalsChanged(ctx, updated.prison_code, {
    kind: 'booking',
    id: updated.id,
    status: approve ? 'approved' : 'rejected',
  });
  return { id: updated.id, status: updated.status };
}

// ---------- devices, outcomes, incidents, audit ----------

const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export async function createDevice(
  ctx: AppContext,
  p: Principal,
  input: { prisonerId: string; label: string },
) {
  const code = staffOnly(p);
  const prisoner = await ctx.store.db
    .selectFrom('prisoners')
    .select(['id', 'prison_code'])
    .where('id', '=', input.prisonerId)
    .executeTakeFirst();
  if (!prisoner || prisoner.prison_code !== code) throw notFound('That person');
  const bytes = randomBytes(8);
  let pairing = '';
  for (let i = 0; i < 8; i++) pairing += PAIRING_ALPHABET[bytes[i]! % PAIRING_ALPHABET.length];
  pairing = `${pairing.slice(0, 4)}-${pairing.slice(4)}`;
  const expiresAt = new Date(ctx.now().getTime() + 15 * 60_000).toISOString();
  const id = newId();
  await ctx.store.tx(async (trx) => {
    await trx
      .insertInto('devices')
      .values({
        id,
        prisoner_id: prisoner.id,
        label: input.label,
        pairing_code: pairing,
        pairing_expires_at: expiresAt,
        reusable: 0,
        paired_at: null,
        created_by: p.id,
        created_at: ctx.now().toISOString(),
      })
      .execute();
    await audit(ctx, trx, {
      actor: p,
      action: 'device.created',
      subject: `device:${id}`,
      prisonCode: code,
      details: { prisonerId: prisoner.id, label: input.label },
    });
  });
  return { id, pairingCode: pairing, expiresAt };
}

/** The kiosks and tablets of people in this prison, paired or waiting for their code, newest first. */
export async function listDevices(ctx: AppContext, p: Principal): Promise<z.infer<typeof S.Device>[]> {
  const code = staffOnly(p);
  const rows = await ctx.store.db
    .selectFrom('devices')
    .innerJoin('prisoners', 'prisoners.id', 'devices.prisoner_id')
    .select([
      'devices.id',
      'devices.label',
      'devices.created_at',
      'devices.paired_at',
      'devices.pairing_expires_at',
      'devices.reusable',
      'prisoners.id as prisoner_id',
      'prisoners.prison_number',
      'prisoners.first_name',
      'prisoners.last_name',
    ])
    .where('prisoners.prison_code', '=', code)
    .orderBy('devices.created_at', 'desc')
    .limit(500)
    .execute();
  const seen = rows.length
    ? await ctx.store.db
        .selectFrom('sessions')
        .select(['principal', (eb) => eb.fn.max('last_seen_at').as('last')])
        .where(
          'principal',
          'in',
          rows.map((r) => principalKey({ role: 'prisoner', id: r.id })),
        )
        .where('revoked_at', 'is', null)
        .groupBy('principal')
        .execute()
    : [];
  const lastSeen = new Map(seen.map((s) => [s.principal, s.last as string]));
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    prisoner: {
      id: r.prisoner_id,
      prisonNumber: r.prison_number,
      firstName: r.first_name,
      lastName: r.last_name,
    },
    createdAt: r.created_at,
    pairedAt: r.paired_at ?? undefined,
    pairingExpiresAt: r.pairing_expires_at,
    reusable: r.reusable === 1,
    lastSeenAt: lastSeen.get(principalKey({ role: 'prisoner', id: r.id })) ?? undefined,
  }));
}

/** Removes a device: its pairing code stops working and its sessions end on every replica. */
export async function removeDevice(ctx: AppContext, p: Principal, deviceId: string) {
  const code = staffOnly(p);
  await ctx.store.tx(async (trx) => {
    const device = await trx
      .selectFrom('devices')
      .innerJoin('prisoners', 'prisoners.id', 'devices.prisoner_id')
      .select(['devices.id', 'devices.label', 'devices.prisoner_id', 'prisoners.prison_code'])
      .where('devices.id', '=', deviceId)
      .executeTakeFirst();
    if (!device || device.prison_code !== code) throw notFound('That device');
    await trx.deleteFrom('devices').where('id', '=', device.id).execute();
    await audit(ctx, trx, {
      actor: p,
      action: 'device.removed',
      subject: `device:${device.id}`,
      prisonCode: code,
      details: { prisonerId: device.prisoner_id, label: device.label },
    });
  });
  await endSessions(ctx, { principal: principalKey({ role: 'prisoner', id: deviceId }) });
}

export async function recordOutcome(
  ctx: AppContext,
  p: Principal,
  visitId: string,
  input: { outcome: string; notes?: string | undefined; amend?: boolean | undefined },
) {
  staffOnly(p);
  const visit = await visibleVisit(ctx, p, visitId);
  if (visit.status === 'cancelled') throw new ApiError(409, 'conflict', 'A cancelled visit has no outcome.');
  const amend = input.amend === true;
  const now = ctx.now().toISOString();
  const outcome = {
    outcome: input.outcome,
    ...(input.notes ? { notes: input.notes } : {}),
    at: now,
    by: p.id,
  };
  const updated = await ctx.store.tx(async (trx) => {
    const done = await trx
      .updateTable('visits')
      .set({
        outcome: JSON.stringify(outcome),
        status: 'completed',
        sub_status: input.outcome.toUpperCase().replace(/-/g, '_'),
        updated_at: now,
      })
      .where('id', '=', visit.id)
      .where('status', 'in', ['booked', 'completed'])
      // Checked in the same statement, so two officers recording at once cannot both win.
      .$if(!amend, (qb) => qb.where('outcome', 'is', null))
      .returningAll()
      .executeTakeFirst();
    if (!done) {
      const current = await trx
        .selectFrom('visits')
        .select(['status', 'outcome'])
        .where('id', '=', visit.id)
        .executeTakeFirst();
      if (current?.outcome)
        throw new ApiError(409, 'already-recorded', 'An outcome has already been recorded for this visit.', {
          recordedOutcome: parseJson(current.outcome, {}),
        });
      throw new ApiError(409, 'conflict', 'Only a booked visit can have an outcome.');
    }
    await audit(ctx, trx, {
      actor: p,
      action: amend && visit.outcome ? 'visit.outcome-amended' : 'visit.outcome',
      subject: `visit:${visit.id}`,
      visitId: visit.id,
      prisonCode: visit.prison_code,
      details: { outcome: input.outcome },
    });
    return done;
  });
  const dto = await visitDto(ctx.store.db, updated);
  await pushToConsoles(ctx, updated);
  return dto;
}

export async function recordIncident(ctx: AppContext, p: Principal, visitId: string, note: string) {
  staffOnly(p);
  const visit = await visibleVisit(ctx, p, visitId);
  const incident = { id: newId(), visitId: visit.id, note, at: ctx.now().toISOString(), by: p.id };
  await audit(ctx, ctx.store.db, {
    actor: p,
    action: 'visit.incident',
    subject: `visit:${visit.id}`,
    visitId: visit.id,
    prisonCode: visit.prison_code,
    details: { incidentId: incident.id, note },
  });
  return incident;
}

export async function auditTrail(
  ctx: AppContext,
  p: Principal,
  query: { visitId?: string | undefined; limit?: number | undefined },
) {
  const code = staffOnly(p);
  let q = ctx.store.db.selectFrom('audit').selectAll().where('prison_code', '=', code);
  if (query.visitId) {
    const visit = await visibleVisit(ctx, p, query.visitId);
    q = q.where('visit_id', '=', visit.id);
  }
  const rows = await q
    .orderBy('at', 'desc')
    .limit(query.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor,
    role: r.role,
    action: r.action,
    subject: r.subject,
    channel: r.channel,
    details: parseJson<Record<string, unknown>>(r.details, {}),
  }));
}
