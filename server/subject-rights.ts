// A family member's rights over what is held about them: subject access (everything, as JSON or a readable
// HTML page) and erasure (asked by them, actioned by staff of a prison that holds their data, with the
// legal-hold exceptions of docs/data-protection.md). Audit rows are redacted, not deleted, so the chain still
// verifies: see redactionsOf in server/audit-chain.ts.
import type { Kysely } from 'kysely';
import { chainHash, REDACTION_ACTION } from './audit-chain.js';
import type { AppContext, Principal } from './context.js';
import type { AuditTable, DB } from './db.js';
import { ApiError, forbidden } from './problems.js';
import { callQuality } from './call-quality.js';
import { retentionOf } from './retention.js';
import { endSessions, principalKey } from './session-state.js';
import { staffOnly } from './staff.js';
import { audit, newId, parseJson } from './util.js';
import { loadVisitDtos } from './visits/dto.js';

/** What a redacted audit row's details become. */
const REDACTED_DETAILS = '{"redacted":true}';

/** Audit actions left out of a subject-access copy: covert monitoring (see docs/data-protection.md). */
const WITHHELD_ACTIONS = ['call.monitor', 'call.monitor-lobby', 'monitor.started', 'monitor.ended'];

function visitor(p: Principal) {
  if (p.role !== 'visitor') throw forbidden('Only the family member themselves may do that.');
  return p.id;
}

async function userOf(db: Kysely<DB>, id: string) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw new ApiError(404, 'not-found', 'There is no record of you.');
  return user;
}

/** The audit rows about a person: their own actions, rows about their account, and rows about their visits. */
function auditAbout(db: Kysely<DB>, userId: string, visitIds: string[]) {
  return db
    .selectFrom('audit')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('actor', '=', userId),
        eb('subject', '=', `user:${userId}`),
        ...(visitIds.length ? [eb('visit_id', 'in', visitIds)] : []),
      ]),
    );
}

// ---------- subject access ----------

export async function subjectAccess(ctx: AppContext, p: Principal) {
  const userId = visitor(p);
  const db = ctx.store.db;
  const user = await userOf(db, userId);
  const [links, visits, requests] = await Promise.all([
    db.selectFrom('links').selectAll().where('user_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('visits').selectAll().where('lead_user_id', '=', userId).orderBy('start_at').execute(),
    db
      .selectFrom('erasure_requests')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('requested_at')
      .execute(),
  ]);
  const visitIds = visits.map((v) => v.id);
  const [linkVisitors, dtos, sessions, auditRows, messages, qualities] = await Promise.all([
    links.length
      ? db
          .selectFrom('link_visitors')
          .selectAll()
          .where(
            'link_id',
            'in',
            links.map((l) => l.id),
          )
          .orderBy('created_at')
          .execute()
      : [],
    loadVisitDtos(db, visits),
    visitIds.length
      ? db
          .selectFrom('participant_sessions')
          .selectAll()
          .where('visit_id', 'in', visitIds)
          .where('identity', '=', `visitor:${userId}`)
          .orderBy('joined_at')
          .execute()
      : [],
    auditAbout(db, userId, visitIds).where('action', 'not in', WITHHELD_ACTIONS).orderBy('at').execute(),
    db
      .selectFrom('outbox')
      .selectAll()
      .where('to_addr', 'in', [user.email, ...(user.phone ? [user.phone] : [])])
      .orderBy('at')
      .execute(),
    Promise.all(visitIds.map((id) => callQuality(ctx, id))),
  ]);
  await audit(ctx, db, {
    actor: p,
    action: 'subject-access.exported',
    subject: `user:${userId}`,
    details: { visits: visits.length, auditRows: auditRows.length, messages: messages.length },
  });
  return {
    generatedAt: ctx.now().toISOString(),
    person: {
      id: user.id,
      email: user.email,
      firstName: user.first_name,
      lastName: user.last_name,
      dateOfBirth: user.date_of_birth,
      phone: user.phone,
      language: user.language,
      createdAt: user.created_at,
    },
    links: links.map((l) => ({
      id: l.id,
      prisonCode: l.prison_code,
      prisonNumber: l.claimed_prison_number,
      firstName: l.claimed_first_name,
      lastName: l.claimed_last_name,
      dateOfBirth: l.claimed_date_of_birth,
      relationship: l.relationship,
      status: l.status,
      rejectionReason: l.rejection_reason,
      createdAt: l.created_at,
      decidedAt: l.decided_at,
      visitors: linkVisitors
        .filter((v) => v.link_id === l.id)
        .map((v) => ({
          id: v.id,
          firstName: v.first_name,
          lastName: v.last_name,
          dateOfBirth: v.date_of_birth,
          relationship: v.relationship,
          status: v.status,
          createdAt: v.created_at,
        })),
    })),
    visits: dtos.map((dto, i) => ({
      ...dto,
      // what each side's device measured of the call, beside the lost-time credit (null: no summary was sent)
      callQuality: qualities[i]!.sides.length ? qualities[i]! : null,
      yourCallSessions: sessions
        .filter((s) => s.visit_id === visits[i]!.id)
        .map((s) => ({ room: s.room, joinedAt: s.joined_at, leftAt: s.left_at })),
    })),
    // Staff are named by role only: who they are is their data, not the requester's.
    audit: auditRows.map((r) => ({
      at: r.at,
      action: r.action,
      by: r.actor === userId ? 'you' : r.role,
      visitId: r.visit_id,
      channel: r.channel,
      details: parseJson<Record<string, unknown>>(r.details, {}),
    })),
    messages: messages.map((m) => ({
      id: m.id,
      to: m.to_addr,
      channel: m.channel,
      subject: m.subject,
      text: m.text,
      at: m.at,
      status: m.status,
      attachments: parseJson<{ filename: string }[]>(m.attachments, []).map((a) => a.filename),
    })),
    erasureRequests: requests.map(erasureDto),
  };
}

export type SubjectExport = Awaited<ReturnType<typeof subjectAccess>>;

const esc = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The page's own words, in the person's language (the data itself is shown as held). */
const WORDS = {
  en: {
    title: 'Your data',
    heading: 'Everything we hold about you',
    made: 'Made on',
    none: 'None.',
    you: 'You',
    links: 'People in prison you asked to be linked to',
    visitors: 'Visitors you added',
    visits: 'Visits',
    audit: 'Record of what was done (audit)',
    messages: 'Messages we sent you',
    erasure: 'Erasure requests',
  },
  cy: {
    title: 'Eich data',
    heading: 'Popeth sydd gennym amdanoch',
    made: 'Wedi’i greu ar',
    none: 'Dim.',
    you: 'Chi',
    links: 'Pobl yn y carchar y gofynnoch am gael eich cysylltu â nhw',
    visitors: 'Ymwelwyr a ychwanegwyd gennych',
    visits: 'Ymweliadau',
    audit: 'Cofnod o’r hyn a wnaed (archwilio)',
    messages: 'Negeseuon a anfonwyd atoch',
    erasure: 'Ceisiadau i ddileu',
  },
} as const;

function table(caption: string, none: string, rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return `<h2>${esc(caption)}</h2><p>${esc(none)}</p>`;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
  return `<h2>${esc(caption)}</h2><table><thead><tr>${keys.map((k) => `<th scope="col">${esc(k)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${keys.map((k) => `<td>${esc(cell(r[k]))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The same copy as a readable, self-contained page (no scripts, no outside resources). */
export function subjectHtml(data: SubjectExport): string {
  const lang = data.person.language === 'cy' ? 'cy' : 'en';
  const w = WORDS[lang];
  const t = (caption: string, rows: Record<string, unknown>[]) => table(caption, w.none, rows);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(w.title)}</title><style>body{font-family:system-ui,sans-serif;margin:1rem;max-width:70rem}table{border-collapse:collapse;display:block;overflow-x:auto;margin-bottom:1rem}th,td{border:1px solid #555;padding:.25rem .5rem;text-align:left;vertical-align:top}</style></head><body><main><h1>${esc(w.heading)}</h1><p>${esc(w.made)} ${esc(data.generatedAt)}.</p>${t(w.you, [data.person])}${t(
    w.links,
    data.links.map(({ visitors: _x, ...l }) => l),
  )}${t(
    w.visitors,
    data.links.flatMap((l) => l.visitors.map((v) => ({ link: l.id, ...v }))),
  )}${t(w.visits, data.visits)}${t(w.audit, data.audit)}${t(w.messages, data.messages)}${t(w.erasure, data.erasureRequests)}</main></body></html>`;
}

// ---------- erasure ----------

function erasureDto(r: DB['erasure_requests']) {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    requestedAt: r.requested_at,
    decidedAt: r.decided_at,
    kept: parseJson<{ visitId: string; reason: 'legal-hold' | 'incident' }[]>(r.kept, []),
  };
}

/** The prisons that hold the person's data: of their links and their visits. */
async function prisonsOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  const [links, visits] = await Promise.all([
    db.selectFrom('links').select('prison_code').where('user_id', '=', userId).execute(),
    db.selectFrom('visits').select('prison_code').where('lead_user_id', '=', userId).execute(),
  ]);
  return [...new Set([...links, ...visits].map((r) => r.prison_code))].sort();
}

/**
 * The family member asks for erasure. One open request at a time (asking again returns it). With no prison
 * holding their data there is nobody to decide and nothing to keep: the account is erased at once.
 */
/** The family member's newest erasure request (null: they have never asked), so their page can say where it is. */
export async function latestErasure(ctx: AppContext, p: Principal) {
  const row = await ctx.store.db
    .selectFrom('erasure_requests')
    .selectAll()
    .where('user_id', '=', visitor(p))
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return { request: row ? erasureDto(row) : null };
}

export async function requestErasure(ctx: AppContext, p: Principal) {
  const userId = visitor(p);
  const db = ctx.store.db;
  await userOf(db, userId);
  const open = await db
    .selectFrom('erasure_requests')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  if (open) return erasureDto(open);
  const prisons = await prisonsOf(db, userId);
  const row = {
    id: newId(),
    user_id: userId,
    prison_codes: JSON.stringify(prisons),
    status: 'requested' as const,
    reason: null,
    requested_at: ctx.now().toISOString(),
    decided_at: null,
    decided_by: null,
    kept: '[]',
  };
  await ctx.store.tx(async (trx) => {
    await trx.insertInto('erasure_requests').values(row).execute();
    for (const code of prisons.length ? prisons : [null])
      await audit(ctx, trx, {
        actor: p,
        action: 'erasure.requested',
        subject: `erasure:${row.id}`,
        prisonCode: code,
      });
  });
  if (prisons.length === 0) return erase(ctx, { id: 'erased', role: 'visitor' }, row.id);
  return erasureDto(row);
}

const ofPrison = (code: string) => `%${JSON.stringify(code)}%`;

export async function erasureRequests(
  ctx: AppContext,
  p: Principal,
  status?: 'requested' | 'erased' | 'refused',
) {
  const code = staffOnly(p);
  let q = ctx.store.db
    .selectFrom('erasure_requests')
    .leftJoin('users', 'users.id', 'erasure_requests.user_id')
    .selectAll('erasure_requests')
    .select(['users.email', 'users.first_name', 'users.last_name'])
    .where('erasure_requests.prison_codes', 'like', ofPrison(code));
  if (status) q = q.where('erasure_requests.status', '=', status);
  const rows = await q.orderBy('erasure_requests.requested_at').limit(500).execute();
  const protectedIds = await protectedVisitIds(ctx, ctx.store.db);
  const visits = rows.length
    ? await ctx.store.db
        .selectFrom('visits')
        .select(['id', 'lead_user_id'])
        .where(
          'lead_user_id',
          'in',
          rows.map((r) => r.user_id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    ...erasureDto(r),
    userId: r.user_id,
    // shown while the request is open, so staff can tell who asked (gone once erased)
    email: r.email ?? null,
    name: [r.first_name, r.last_name].filter(Boolean).join(' ') || null,
    prisonCodes: parseJson<string[]>(r.prison_codes, []),
    visits: visits.filter((v) => v.lead_user_id === r.user_id).length,
    heldVisits: visits.filter((v) => v.lead_user_id === r.user_id && protectedIds.has(v.id)).map((v) => v.id),
  }));
}

/** Visits whose records an erasure keeps: an active legal hold, or an incident within the incident hold. */
async function protectedVisitIds(
  ctx: AppContext,
  db: Kysely<DB>,
): Promise<Map<string, 'legal-hold' | 'incident'>> {
  const since = new Date(ctx.now().getTime() - retentionOf(ctx).incidentHold * 86_400_000).toISOString();
  const [holds, incidents] = await Promise.all([
    db.selectFrom('legal_holds').select('visit_id').where('released_at', 'is', null).execute(),
    db
      .selectFrom('audit')
      .select('visit_id')
      .where('action', '=', 'visit.incident')
      .where('visit_id', 'is not', null)
      .where('at', '>=', since)
      .execute(),
  ]);
  const map = new Map<string, 'legal-hold' | 'incident'>();
  for (const i of incidents) map.set(i.visit_id!, 'incident');
  for (const h of holds) map.set(h.visit_id, 'legal-hold');
  return map;
}

export async function decideErasure(
  ctx: AppContext,
  p: Principal,
  id: string,
  input: { decision: 'erase' | 'refuse'; reason?: string | undefined },
) {
  const code = staffOnly(p);
  const request = await ctx.store.db
    .selectFrom('erasure_requests')
    .selectAll()
    .where('id', '=', id)
    .where('prison_codes', 'like', ofPrison(code))
    .executeTakeFirst();
  if (!request) throw new ApiError(404, 'not-found', 'There is no erasure request with that id.');
  if (request.status !== 'requested')
    throw new ApiError(409, 'already-decided', 'That erasure request has already been decided.');
  if (input.decision === 'refuse') {
    if (!input.reason)
      throw new ApiError(400, 'validation', 'Give the reason for refusing.', {
        errors: [{ path: 'reason', message: 'Required when refusing' }],
      });
    return ctx.store.tx(async (trx) => {
      const done = await trx
        .updateTable('erasure_requests')
        .set({
          status: 'refused',
          reason: input.reason!,
          decided_at: ctx.now().toISOString(),
          decided_by: p.id,
        })
        .where('id', '=', id)
        .where('status', '=', 'requested')
        .returningAll()
        .executeTakeFirst();
      if (!done) throw new ApiError(409, 'already-decided', 'That erasure request has already been decided.');
      await audit(ctx, trx, {
        actor: p,
        action: 'erasure.refused',
        subject: `erasure:${id}`,
        prisonCode: code,
        details: { reason: input.reason },
      });
      return erasureDto(done);
    });
  }
  return erase(ctx, p, id);
}

/**
 * Erases a person, in one transaction: their account, links, visitors, holds, sign-in codes, messages and
 * the visits they booked, except visits a legal hold or a recent incident protects (kept whole, with their
 * audit). Their audit rows are redacted in place and each chain gets an `audit.redacted` row vouching for
 * the new content, so every chain still verifies.
 */
async function erase(ctx: AppContext, p: Principal | { id: string; role: 'visitor' }, id: string) {
  let erased = '';
  const answer = await ctx.store.tx(async (trx) => {
    const request = await trx
      .selectFrom('erasure_requests')
      .selectAll()
      .where('id', '=', id)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (!request)
      throw new ApiError(409, 'already-decided', 'That erasure request has already been decided.');
    const userId = request.user_id;
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    const visits = await trx.selectFrom('visits').select('id').where('lead_user_id', '=', userId).execute();
    const shield = await protectedVisitIds(ctx, trx);
    const kept = visits
      .filter((v) => shield.has(v.id))
      .map((v) => ({ visitId: v.id, reason: shield.get(v.id)! }));
    const keptIds = kept.map((k) => k.visitId);
    const gone = visits.map((v) => v.id).filter((v) => !shield.has(v));

    // audit: redact, chain by chain (rows of kept visits stay as they are: the hold covers them)
    let rows = await auditAbout(trx, userId, gone).where('details', '!=', REDACTED_DETAILS).execute();
    rows = rows.filter((r) => !r.visit_id || !keptIds.includes(r.visit_id));
    const byChain = new Map<string, AuditTable[]>();
    for (const r of rows) byChain.set(r.chain, [...(byChain.get(r.chain) ?? []), r]);
    for (const [chain, list] of byChain) {
      const redactions: { seq: number; hash: string }[] = [];
      for (const row of list) {
        const redacted = {
          actor: row.actor === userId ? 'erased' : row.actor,
          subject: row.subject === `user:${userId}` ? 'user:erased' : row.subject,
          details: REDACTED_DETAILS,
        };
        await trx.updateTable('audit').set(redacted).where('id', '=', row.id).execute();
        redactions.push({
          seq: Number(row.seq),
          hash: chainHash({ ...row, ...redacted, seq: Number(row.seq) }),
        });
      }
      await audit(ctx, trx, {
        actor: p,
        action: REDACTION_ACTION,
        subject: `erasure:${id}`,
        prisonCode: chain || null,
        details: { redactions },
      });
    }

    const links = await trx.selectFrom('links').select('id').where('user_id', '=', userId).execute();
    if (gone.length) {
      await trx.deleteFrom('visit_visitors').where('visit_id', 'in', gone).execute();
      await trx.deleteFrom('participant_sessions').where('visit_id', 'in', gone).execute();
      await trx.deleteFrom('monitor_sessions').where('visit_id', 'in', gone).execute();
      await trx.deleteFrom('call_quality').where('visit_id', 'in', gone).execute();
      await trx.deleteFrom('calls').where('visit_id', 'in', gone).execute();
      await trx.deleteFrom('visits').where('id', 'in', gone).execute();
    }
    // kept visits no longer point at the person (the hold keeps the visit, not the account)
    if (keptIds.length)
      await trx.updateTable('visits').set({ lead_user_id: 'erased' }).where('id', 'in', keptIds).execute();
    if (links.length)
      await trx
        .deleteFrom('link_visitors')
        .where(
          'link_id',
          'in',
          links.map((l) => l.id),
        )
        .execute();
    await trx.deleteFrom('links').where('user_id', '=', userId).execute();
    await trx.deleteFrom('holds').where('user_id', '=', userId).execute();
    if (user) {
      await trx.deleteFrom('login_codes').where('email', '=', user.email).execute();
      await trx
        .deleteFrom('outbox')
        .where('to_addr', 'in', [user.email, ...(user.phone ? [user.phone] : [])])
        .execute();
      await trx.deleteFrom('users').where('id', '=', userId).execute();
    }
    const done = await trx
      .updateTable('erasure_requests')
      .set({
        status: 'erased',
        decided_at: ctx.now().toISOString(),
        decided_by: p.id,
        kept: JSON.stringify(kept),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const code of parseJson<string[]>(request.prison_codes, []).concat(
      request.prison_codes === '[]' ? [''] : [],
    ))
      await audit(ctx, trx, {
        actor: p,
        action: 'erasure.completed',
        subject: `erasure:${id}`,
        prisonCode: code || null,
        details: { visitsErased: gone.length, visitsKept: kept, auditRowsRedacted: rows.length },
      });
    erased = done.user_id;
    return erasureDto(done);
  });
  // their tokens stop working on every replica (sessions are checked against the database)
  await endSessions(ctx, { principal: principalKey({ role: 'visitor', id: erased }) });
  return answer;
}
