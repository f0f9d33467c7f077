// Holds: a session kept for one visitor for HOLD_MINUTES while they finish booking, claimed once.
import type { Kysely } from 'kysely';
import type { AppContext, Principal } from '../context.js';
import type { DB } from '../db.js';
import { ApiError, notFound } from '../problems.js';
import { addDays, dateIn } from '../time.js';
import { newId, parseJson } from '../util.js';
import { accessiblePrisonerAndLink, ACTIVE_STATUSES, approvedLink, getPrison } from './access.js';
import { alternatives, parseSlotId, slotTimes, templateRunsOn } from './availability.js';

export const HOLD_MINUTES = 10;

const slotUnavailable = (extra: Record<string, unknown> = {}) =>
  new ApiError(409, 'slot-unavailable', 'That session is full or no longer available.', extra);

/** Locks the template row on PostgreSQL (SQLite's BEGIN IMMEDIATE already serialises writers). */
function lockTemplate(ctx: AppContext, db: Kysely<DB>, templateId: string) {
  let q = db.selectFrom('session_templates').selectAll('session_templates').where('id', '=', templateId);
  if (ctx.store.kind === 'postgres') q = q.forUpdate();
  return q;
}

export async function createHold(
  ctx: AppContext,
  p: Principal,
  input: { prisonerId: string; slotId: string },
) {
  const access = await accessiblePrisonerAndLink(ctx, p, input.prisonerId);
  const prisoner = access.prisoner;
  const link = access.link ?? (await approvedLink(ctx.store.db, p.id, prisoner.id));
  const prison = await getPrison(ctx.store.db, prisoner.prison_code);
  const { templateId, date } = parseSlotId(input.slotId);
  const today = dateIn(ctx.now(), prison.timezone);
  if (link.banned_until && link.banned_until >= date)
    throw new ApiError(403, 'forbidden', {
      text: 'You cannot book visits until after {date}.',
      vars: { date: { date: link.banned_until } },
    });
  let type: 'video' | 'in-person' = 'video';
  try {
    return await ctx.store.tx(async (trx) => {
      // The template (locked), and whether its prison excludes the date or the session is blocked on it: one read.
      const tpl = await lockTemplate(ctx, trx, templateId)
        .select((eb) => [
          eb
            .exists(
              eb
                .selectFrom('excluded_dates')
                .select('date')
                .where('prison_code', '=', prison.code)
                .where('date', '=', date),
            )
            .as('excluded'),
          eb
            .exists(
              eb
                .selectFrom('session_blocks')
                .select('date')
                .whereRef('session_blocks.template_id', '=', 'session_templates.id')
                .where('session_blocks.date', '=', date),
            )
            .as('blocked'),
        ])
        .executeTakeFirst();
      if (!tpl || tpl.prison_code !== prisoner.prison_code) throw notFound('That session');
      type = tpl.type;
      if (
        !templateRunsOn(tpl, date) ||
        tpl.excluded ||
        tpl.blocked ||
        date < addDays(today, prison.min_notice_days) ||
        date > addDays(today, prison.max_notice_days) ||
        !parseJson<string[]>(prison.visit_types, []).includes(tpl.type)
      )
        throw slotUnavailable();
      const now = ctx.now();
      const nowIso = now.toISOString();
      const { start, end } = slotTimes(tpl, date, prison.timezone);
      if (start <= nowIso) throw slotUnavailable();
      // In one statement (one snapshot, even under READ COMMITTED): whether the person already has a visit at
      // that time, the booked visits and other visitors' live holds on the session, and whether this visitor
      // holds anything now. Their own hold is not counted: a new hold releases it (one active hold per visitor).
      const taken = await trx
        .selectNoFrom((eb) => [
          eb
            .exists(
              eb
                .selectFrom('visits')
                .select('id')
                .where('prisoner_id', '=', prisoner.id)
                .where('status', 'in', ACTIVE_STATUSES)
                .where('start_at', '<', end)
                .where('end_at', '>', start),
            )
            .as('clash'),
          eb
            .selectFrom('visits')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .where('slot_id', '=', input.slotId)
            .where('status', 'in', ACTIVE_STATUSES)
            .as('visits'),
          eb
            .selectFrom('holds')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .where('slot_id', '=', input.slotId)
            .where('status', '=', 'active')
            .where('expires_at', '>', nowIso)
            .where('user_id', '<>', p.id)
            .as('holds'),
          eb
            .exists(
              eb.selectFrom('holds').select('id').where('user_id', '=', p.id).where('status', '=', 'active'),
            )
            .as('own'),
        ])
        .executeTakeFirstOrThrow();
      if (taken.clash) throw slotUnavailable();
      if (Number(taken.visits) + Number(taken.holds) >= tpl.capacity) throw slotUnavailable();
      // one active hold per visitor: a new one releases the old
      if (taken.own)
        await trx
          .updateTable('holds')
          .set({ status: 'released' })
          .where('user_id', '=', p.id)
          .where('status', '=', 'active')
          .execute();
      const hold = {
        id: newId(),
        user_id: p.id,
        prisoner_id: prisoner.id,
        template_id: tpl.id,
        slot_id: input.slotId,
        date,
        type: tpl.type,
        start_at: start,
        end_at: end,
        expires_at: new Date(now.getTime() + HOLD_MINUTES * 60_000).toISOString(),
        status: 'active' as const,
        created_at: nowIso,
      };
      await trx.insertInto('holds').values(hold).execute();
      return { id: hold.id, slotId: hold.slot_id, start, end, expiresAt: hold.expires_at };
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'slot-unavailable')
      throw slotUnavailable({ alternatives: await alternatives(ctx, prisoner, input.slotId, type) });
    throw error;
  }
}

export async function releaseHold(ctx: AppContext, p: Principal, holdId: string) {
  const updated = await ctx.store.db
    .updateTable('holds')
    .set({ status: 'released' })
    .where('id', '=', holdId)
    .where('user_id', '=', p.id)
    .where('status', '=', 'active')
    .returning('id')
    .executeTakeFirst();
  if (!updated) {
    const exists = await ctx.store.db
      .selectFrom('holds')
      .select('id')
      .where('id', '=', holdId)
      .where('user_id', '=', p.id)
      .executeTakeFirst();
    if (!exists) throw notFound('That hold');
  }
}

/**
 * Claims an active, unexpired hold of this visitor (atomically: a hold is used once). Read with its session's
 * `legal` flag (null when the template is gone), which a booking needs.
 */
export async function claimHold(ctx: AppContext, trx: Kysely<DB>, p: Principal, holdId: string) {
  const hold = await trx
    .selectFrom('holds')
    .leftJoin('session_templates', 'session_templates.id', 'holds.template_id')
    .selectAll('holds')
    .select('session_templates.legal')
    .where('holds.id', '=', holdId)
    .where('holds.user_id', '=', p.id)
    .executeTakeFirst();
  if (!hold) throw notFound('That hold');
  // Every writer that changes a session's places locks its template first (PostgreSQL; SQLite's BEGIN
  // IMMEDIATE serialises writers anyway), so a hold being counted never misses a booking committing in between.
  if (ctx.store.kind === 'postgres') await lockTemplate(ctx, trx, hold.template_id).executeTakeFirst();
  const nowIso = ctx.now().toISOString();
  if (hold.status !== 'active' || hold.expires_at <= nowIso)
    throw new ApiError(
      409,
      'hold-expired',
      'The hold on that session has expired or was released. Choose again.',
    );
  return hold;
}
export async function consumeHold(ctx: AppContext, trx: Kysely<DB>, holdId: string) {
  const done = await trx
    .updateTable('holds')
    .set({ status: 'consumed' })
    .where('id', '=', holdId)
    .where('status', '=', 'active')
    .where('expires_at', '>', ctx.now().toISOString())
    .returning('id')
    .executeTakeFirst();
  if (!done) throw new ApiError(409, 'hold-expired', 'The hold on that session has expired or was released.');
}

/**
 * Gives an active hold HOLD_MINUTES more, once (WCAG 2.2.1: a person may ask for more time). A hold that was
 * extended expires more than HOLD_MINUTES after it was made, so "once" needs no extra column; the update
 * compares and sets `expires_at`, so two requests at once cannot both extend it.
 */
export async function extendHold(ctx: AppContext, p: Principal, holdId: string) {
  const hold = await ctx.store.db
    .selectFrom('holds')
    .selectAll()
    .where('id', '=', holdId)
    .where('user_id', '=', p.id)
    .executeTakeFirst();
  if (!hold) throw notFound('That hold');
  const now = ctx.now();
  if (hold.status !== 'active' || hold.expires_at <= now.toISOString())
    throw new ApiError(
      409,
      'hold-expired',
      'The hold on that session has expired or was released. Choose again.',
    );
  const made = Date.parse(hold.created_at);
  if (Date.parse(hold.expires_at) > made + HOLD_MINUTES * 60_000)
    throw new ApiError(409, 'conflict', 'That hold has already been extended once.');
  const expiresAt = new Date(Date.parse(hold.expires_at) + HOLD_MINUTES * 60_000).toISOString();
  const updated = await ctx.store.db
    .updateTable('holds')
    .set({ expires_at: expiresAt })
    .where('id', '=', hold.id)
    .where('status', '=', 'active')
    .where('expires_at', '=', hold.expires_at)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new ApiError(409, 'conflict', 'That hold has already been extended once.');
  return { id: hold.id, slotId: hold.slot_id, start: hold.start_at, end: hold.end_at, expiresAt };
}
