// Links between visitors and people in prison, and the extra visitors who may come along.
import type { AppContext, Principal } from './context.js';
import { rateLimited } from './auth.js';
import { ApiError, notFound } from './problems.js';
import { approvalsChanged } from './notify.js';
import { audit, newId } from './util.js';

export async function listLinks(ctx: AppContext, p: Principal) {
  const rows = await ctx.store.db
    .selectFrom('links')
    .leftJoin('prisoners', 'prisoners.id', 'links.prisoner_id')
    .innerJoin('prisons', 'prisons.code', 'links.prison_code')
    .select([
      'links.id',
      'links.status',
      'links.relationship',
      'links.rejection_reason',
      'links.closed_visits',
      'links.banned_until',
      'links.claimed_prison_number',
      'links.prison_code',
      'links.prisoner_id',
      'prisons.name as prison_name',
      'prisoners.first_name',
      'prisoners.last_name',
      'prisoners.closed_visits as prisoner_closed',
    ])
    .where('links.user_id', '=', p.id)
    .orderBy('links.created_at')
    .execute();
  return rows.map((r) => {
    const approved = r.status === 'approved';
    return {
      id: r.id,
      status: r.status,
      relationship: r.relationship,
      prisoner: {
        ...(approved && r.prisoner_id
          ? { id: r.prisoner_id, firstName: r.first_name ?? '', lastName: r.last_name ?? '' }
          : {}),
        prisonNumber: r.claimed_prison_number,
        prisonCode: r.prison_code,
        prisonName: r.prison_name,
      },
      ...(r.rejection_reason ? { rejectionReason: r.rejection_reason } : {}),
      restrictions: {
        closedVisits: approved && (r.closed_visits === 1 || r.prisoner_closed === 1),
        ...(r.banned_until ? { bannedUntil: r.banned_until } : {}),
      },
    };
  });
}

export async function createLink(
  ctx: AppContext,
  p: Principal,
  input: {
    prisonCode: string;
    prisonNumber: string;
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    relationship: string;
  },
) {
  const now = ctx.now();
  const since = new Date(now.getTime() - 3600_000).toISOString();
  const recent = await ctx.store.db
    .selectFrom('audit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('actor', '=', p.id)
    .where('action', '=', 'link.requested')
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= ctx.limits.linksPerVisitor)
    throw rateLimited(3600, 'Too many requests. Try again in an hour.');
  const prison = await ctx.store.db
    .selectFrom('prisons')
    .select('code')
    .where('code', '=', input.prisonCode)
    .executeTakeFirst();
  if (!prison)
    throw new ApiError(400, 'validation', 'Unknown prison.', {
      errors: [{ path: 'prisonCode', message: 'Unknown prison' }],
    });
  const prisoner = await ctx.store.db
    .selectFrom('prisoners')
    .selectAll()
    .where('prison_number', '=', input.prisonNumber)
    .where('prison_code', '=', input.prisonCode)
    .executeTakeFirst();
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  const matched =
    !!prisoner &&
    norm(prisoner.first_name) === norm(input.firstName) &&
    norm(prisoner.last_name) === norm(input.lastName) &&
    prisoner.date_of_birth === input.dateOfBirth;
  const id = newId();
  await ctx.store.tx(async (trx) => {
    await trx
      .insertInto('links')
      .values({
        id,
        user_id: p.id,
        prisoner_id: matched ? prisoner.id : null,
        prison_code: input.prisonCode,
        claimed_prison_number: input.prisonNumber,
        claimed_first_name: input.firstName,
        claimed_last_name: input.lastName,
        claimed_date_of_birth: input.dateOfBirth,
        relationship: input.relationship,
        status: 'requested',
        rejection_reason: null,
        closed_visits: 0,
        banned_until: null,
        created_at: now.toISOString(),
        decided_at: null,
        decided_by: null,
      })
      .execute();
    await audit(ctx, trx, {
      actor: p,
      action: 'link.requested',
      subject: `link:${id}`,
      prisonCode: input.prisonCode,
      details: { matched },
    });
  });
  approvalsChanged(ctx, input.prisonCode, { kind: 'link', id, status: 'requested' });
  return { id, status: 'requested' as const };
}

async function ownLink(ctx: AppContext, p: Principal, linkId: string) {
  const link = await ctx.store.db
    .selectFrom('links')
    .selectAll()
    .where('id', '=', linkId)
    .where('user_id', '=', p.id)
    .executeTakeFirst();
  if (!link) throw notFound('That link');
  return link;
}

export async function listLinkVisitors(ctx: AppContext, p: Principal, linkId: string) {
  const link = await ownLink(ctx, p, linkId);
  const user = await ctx.store.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', p.id)
    .executeTakeFirstOrThrow();
  const rows = await ctx.store.db
    .selectFrom('link_visitors')
    .selectAll()
    .where('link_id', '=', link.id)
    .orderBy('created_at')
    .execute();
  return [
    {
      id: user.id,
      firstName: user.first_name ?? '',
      lastName: user.last_name ?? '',
      dateOfBirth: user.date_of_birth ?? '',
      relationship: link.relationship,
      status: link.status,
      ...(link.banned_until ? { bannedUntil: link.banned_until } : {}),
      lead: true,
    },
    ...rows.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      dateOfBirth: r.date_of_birth,
      relationship: r.relationship,
      status: r.status,
      ...(r.banned_until ? { bannedUntil: r.banned_until } : {}),
      lead: false,
    })),
  ];
}

export async function addLinkVisitor(
  ctx: AppContext,
  p: Principal,
  linkId: string,
  input: { firstName: string; lastName: string; dateOfBirth: string; relationship: string },
) {
  const link = await ownLink(ctx, p, linkId);
  const id = newId();
  await ctx.store.tx(async (trx) => {
    await trx
      .insertInto('link_visitors')
      .values({
        id,
        link_id: link.id,
        first_name: input.firstName,
        last_name: input.lastName,
        date_of_birth: input.dateOfBirth,
        relationship: input.relationship,
        status: 'requested',
        banned_until: null,
        lead: 0,
        created_at: ctx.now().toISOString(),
        decided_at: null,
        decided_by: null,
      })
      .execute();
    await audit(ctx, trx, {
      actor: p,
      action: 'visitor.requested',
      subject: `visitor:${id}`,
      prisonCode: link.prison_code,
    });
  });
  approvalsChanged(ctx, link.prison_code, { kind: 'visitor', id, status: 'requested' });
  return { id, status: 'requested' as const };
}
