// Staff: the day's visits, approvals and decisions, session templates, excluded dates, devices, outcomes, audit.
import { randomBytes } from 'node:crypto';
import type { AppContext, Principal } from './context.js';
import type { SessionTemplatesTable, VisitsTable } from './db.js';
import { approvalsChanged, notifyFamily, notifyLinkDecision, pushToConsoles } from './notify.js';
import { ApiError, forbidden, notFound, validation } from './problems.js';
import { dateIn, dayOfWeek } from './time.js';
import { audit, newId, newTemplateId, parseJson } from './util.js';
import {
  cancelVisit,
  getPrison,
  loadVisitDtos,
  releaseVisit,
  slotTimes,
  staffVisitDtos,
  visibleVisit,
  visitDto,
} from './visits/index.js';

function staffOnly(p: Principal): string {
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
    .select(['link_visitors.id', 'links.prison_code'])
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

// ---------- session templates and excluded dates ----------

export function templateDto(tpl: SessionTemplatesTable) {
  return {
    id: tpl.id,
    type: tpl.type,
    dayOfWeek: tpl.day_of_week,
    startTime: tpl.start_time,
    endTime: tpl.end_time,
    validFrom: tpl.valid_from,
    ...(tpl.valid_to ? { validTo: tpl.valid_to } : {}),
    capacity: tpl.capacity,
    active: tpl.active === 1,
  };
}

export async function listTemplates(ctx: AppContext, p: Principal) {
  const code = staffOnly(p);
  const rows = await ctx.store.db
    .selectFrom('session_templates')
    .selectAll()
    .where('prison_code', '=', code)
    .orderBy('day_of_week')
    .orderBy('start_time')
    .execute();
  return rows.map(templateDto);
}

export async function createTemplate(
  ctx: AppContext,
  p: Principal,
  input: {
    type: 'video' | 'in-person';
    dayOfWeek: number;
    startTime: string;
    endTime: string;
    validFrom: string;
    validTo?: string | null | undefined;
    capacity: number;
  },
) {
  const code = staffOnly(p);
  if (input.validTo && input.validTo < input.validFrom)
    throw validation([{ path: 'validTo', message: 'Must not be before validFrom' }]);
  const row: SessionTemplatesTable = {
    id: newTemplateId(),
    prison_code: code,
    type: input.type,
    day_of_week: input.dayOfWeek,
    start_time: input.startTime,
    end_time: input.endTime,
    valid_from: input.validFrom,
    valid_to: input.validTo ?? null,
    capacity: input.capacity,
    active: 1,
    created_at: ctx.now().toISOString(),
  };
  await ctx.store.tx(async (trx) => {
    await trx.insertInto('session_templates').values(row).execute();
    await audit(ctx, trx, {
      actor: p,
      action: 'template.created',
      subject: `template:${row.id}`,
      prisonCode: code,
      details: templateDto(row),
    });
  });
  return templateDto(row);
}

/** Future active visits on a template that would no longer fit it after the change. */
async function stranded(
  ctx: AppContext,
  code: string,
  before: SessionTemplatesTable,
  after: SessionTemplatesTable | undefined,
) {
  const prison = await getPrison(ctx.store.db, code);
  const nowIso = ctx.now().toISOString();
  const visits = await ctx.store.db
    .selectFrom('visits')
    .selectAll()
    .where('template_id', '=', before.id)
    .where('status', 'in', ['booked', 'requested'])
    .where('start_at', '>', nowIso)
    .execute();
  return visits.filter((v) => {
    if (!after || after.active !== 1) return true;
    if (
      after.day_of_week !== dayOfWeek(v.date) ||
      after.valid_from > v.date ||
      (after.valid_to && after.valid_to < v.date)
    )
      return true;
    const times = slotTimes(after, v.date, prison.timezone);
    return times.start !== v.start_at || times.end !== v.end_at;
  });
}

async function cancelStranded(ctx: AppContext, p: Principal, visits: VisitsTable[], note: string) {
  const out = [];
  for (const v of visits) {
    try {
      out.push(await cancelVisit(ctx, p, v.id, { reason: 'establishment-cancelled', note }));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    }
  }
  return out;
}

export async function changeTemplate(
  ctx: AppContext,
  p: Principal,
  id: string,
  patch:
    | {
        dayOfWeek?: number | undefined;
        startTime?: string | undefined;
        endTime?: string | undefined;
        validFrom?: string | undefined;
        validTo?: string | null | undefined;
        capacity?: number | undefined;
      }
    | 'retire',
  confirm: boolean,
) {
  const code = staffOnly(p);
  const before = await ctx.store.db
    .selectFrom('session_templates')
    .selectAll()
    .where('id', '=', id)
    .where('prison_code', '=', code)
    .executeTakeFirst();
  if (!before) throw notFound('That session template');
  const after: SessionTemplatesTable =
    patch === 'retire'
      ? { ...before, active: 0 }
      : {
          ...before,
          day_of_week: patch.dayOfWeek ?? before.day_of_week,
          start_time: patch.startTime ?? before.start_time,
          end_time: patch.endTime ?? before.end_time,
          valid_from: patch.validFrom ?? before.valid_from,
          valid_to: patch.validTo === undefined ? before.valid_to : patch.validTo,
          capacity: patch.capacity ?? before.capacity,
        };
  if (after.start_time >= after.end_time)
    throw validation([{ path: 'endTime', message: 'endTime must be after startTime' }]);
  if (after.valid_to && after.valid_to < after.valid_from)
    throw validation([{ path: 'validTo', message: 'Must not be before validFrom' }]);
  const affected = await stranded(ctx, code, before, after);
  if (affected.length && !confirm)
    throw new ApiError(
      409,
      'would-strand',
      `${affected.length} booked visit(s) would no longer fit. Repeat with ?confirm=true to cancel them.`,
      {
        affectedVisits: await loadVisitDtos(ctx.store.db, affected),
      },
    );
  await ctx.store.tx(async (trx) => {
    await trx
      .updateTable('session_templates')
      .set({
        day_of_week: after.day_of_week,
        start_time: after.start_time,
        end_time: after.end_time,
        valid_from: after.valid_from,
        valid_to: after.valid_to,
        capacity: after.capacity,
        active: after.active,
      })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, {
      actor: p,
      action: patch === 'retire' ? 'template.retired' : 'template.changed',
      subject: `template:${id}`,
      prisonCode: code,
      details: { before: templateDto(before), after: templateDto(after), stranded: affected.length },
    });
  });
  const cancelled = await cancelStranded(ctx, p, affected, 'The session was changed by the prison.');
  return { template: templateDto(after), affectedVisits: cancelled };
}

export async function listExcluded(ctx: AppContext, p: Principal) {
  const code = staffOnly(p);
  const rows = await ctx.store.db
    .selectFrom('excluded_dates')
    .select(['date', 'reason'])
    .where('prison_code', '=', code)
    .orderBy('date')
    .execute();
  return rows;
}

export async function addExcluded(
  ctx: AppContext,
  p: Principal,
  input: { date: string; reason: string },
  confirm: boolean,
) {
  const code = staffOnly(p);
  const affected = await ctx.store.db
    .selectFrom('visits')
    .selectAll()
    .where('prison_code', '=', code)
    .where('date', '=', input.date)
    .where('status', 'in', ['booked', 'requested'])
    .where('start_at', '>', ctx.now().toISOString())
    .execute();
  if (affected.length && !confirm)
    throw new ApiError(
      409,
      'would-strand',
      `${affected.length} booked visit(s) are on that date. Repeat with ?confirm=true to cancel them.`,
      {
        affectedVisits: await loadVisitDtos(ctx.store.db, affected),
      },
    );
  await ctx.store.tx(async (trx) => {
    const inserted = await trx
      .insertInto('excluded_dates')
      .values({ prison_code: code, date: input.date, reason: input.reason })
      .onConflict((oc) => oc.columns(['prison_code', 'date']).doUpdateSet({ reason: input.reason }))
      .execute();
    void inserted;
    await audit(ctx, trx, {
      actor: p,
      action: 'excluded-date.added',
      subject: `date:${input.date}`,
      prisonCode: code,
      details: { reason: input.reason },
    });
  });
  const cancelled = await cancelStranded(
    ctx,
    p,
    affected,
    `The prison is closed for visits on ${input.date}.`,
  );
  return { excludedDate: { date: input.date, reason: input.reason }, affectedVisits: cancelled };
}

export async function removeExcluded(ctx: AppContext, p: Principal, date: string) {
  const code = staffOnly(p);
  await ctx.store.tx(async (trx) => {
    const gone = await trx
      .deleteFrom('excluded_dates')
      .where('prison_code', '=', code)
      .where('date', '=', date)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw notFound('That excluded date');
    await audit(ctx, trx, {
      actor: p,
      action: 'excluded-date.removed',
      subject: `date:${date}`,
      prisonCode: code,
    });
  });
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
