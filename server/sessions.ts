// Staff: the prison's session templates and excluded dates; a change that strands booked visits cancels them.
import type { z } from '@hono/zod-openapi';
import type { AppContext, Principal } from './context.js';
import type { SessionTemplatesTable, VisitsTable } from './db.js';
import type { FamilyNext } from './notify.js';
import { ApiError, notFound, validation } from './problems.js';
import type * as S from './schemas.js';
import { staffOnly } from './staff.js';
import { dayOfWeek } from './time.js';
import { audit, newTemplateId } from './util.js';
import { cancelVisit, getPrison, loadVisitDtos, slotTimes } from './visits/index.js';

export function templateDto(tpl: SessionTemplatesTable): z.infer<typeof S.Template> {
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

export async function cancelStranded(
  ctx: AppContext,
  p: Principal,
  visits: VisitsTable[],
  note: string,
  next: FamilyNext = { key: 'why.session-blocked' },
) {
  const out = [];
  for (const v of visits) {
    try {
      out.push(await cancelVisit(ctx, p, v.id, { reason: 'establishment-cancelled', note, next }));
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
      {
        text: 'Booked visits that would no longer fit: {count}. Repeat with ?confirm=true to cancel them.',
        vars: { count: affected.length },
      },
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
      {
        text: 'Booked visits on that date: {count}. Repeat with ?confirm=true to cancel them.',
        vars: { count: affected.length },
      },
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
    { key: 'why.date-excluded' },
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
