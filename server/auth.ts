// Sessions (HS256 bearer JWTs), emailed one-time codes, kiosk pairing, and the role guards.
import { randomInt } from 'node:crypto';
import type { Context } from 'hono';
import { SignJWT, jwtVerify } from 'jose';
import type { AppContext, AppEnv, Principal } from './context.js';
import type { UsersTable } from './db.js';
import { ApiError, forbidden } from './problems.js';
import { audit, newId, sha256 } from './util.js';
import { t } from './messages.js';

const PEOPLE_TTL = 12 * 3600;
const DEVICE_TTL = 30 * 24 * 3600;
const CODE_TTL_MS = 10 * 60_000;
const CODE_ATTEMPTS = 5;

export async function signSession(ctx: AppContext, principal: Principal) {
  const ttl = principal.role === 'prisoner' ? DEVICE_TTL : PEOPLE_TTL;
  const now = Math.floor(ctx.now().getTime() / 1000);
  const claims: Record<string, string> = { role: principal.role };
  if (principal.prisonCode) claims.prison = principal.prisonCode;
  if (principal.prisonerId) claims.prisoner = principal.prisonerId;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.id)
    .setIssuer('visit-kit')
    .setAudience('visit-kit')
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(ctx.secret);
  return { token, expiresAt: new Date((now + ttl) * 1000).toISOString() };
}

/**
 * Tokens already verified, per server: a family's many requests do not each pay for the signature check.
 * Tokens are stateless (one that verified stays good until it expires), so this changes no answer. Bounded:
 * forgotten whole when full.
 */
const verifiedTokens = new WeakMap<AppContext, Map<string, { principal: Principal; expiresAtMs: number }>>();
const VERIFIED_TOKENS_MAX = 10_000;

export async function verifySession(ctx: AppContext, token: string): Promise<Principal> {
  let cache = verifiedTokens.get(ctx);
  if (!cache) verifiedTokens.set(ctx, (cache = new Map()));
  const hit = cache.get(token);
  if (hit && hit.expiresAtMs > ctx.now().getTime()) return { ...hit.principal };
  const verified = await verifySignature(ctx, token);
  if (cache.size >= VERIFIED_TOKENS_MAX) cache.clear();
  cache.set(token, verified);
  return { ...verified.principal };
}

async function verifySignature(
  ctx: AppContext,
  token: string,
): Promise<{ principal: Principal; expiresAtMs: number }> {
  try {
    const { payload } = await jwtVerify(token, ctx.secret, {
      algorithms: ['HS256'],
      issuer: 'visit-kit',
      audience: 'visit-kit',
      currentDate: ctx.now(),
    });
    const role = payload.role;
    if (typeof payload.sub !== 'string' || (role !== 'visitor' && role !== 'staff' && role !== 'prisoner'))
      throw new Error('claims');
    const principal: Principal = { id: payload.sub, role };
    if (role === 'staff') {
      if (typeof payload.prison !== 'string') throw new Error('claims');
      principal.prisonCode = payload.prison;
    }
    if (role === 'prisoner') {
      if (typeof payload.prisoner !== 'string') throw new Error('claims');
      principal.prisonerId = payload.prisoner;
    }
    // every token this server signs expires; one without `exp` is not remembered past this request
    return { principal, expiresAtMs: (payload.exp ?? 0) * 1000 };
  } catch {
    throw new ApiError(401, 'unauthenticated', 'The session token is missing, expired or not valid.');
  }
}

/** Reads the bearer token when present; a present but bad token is a 401 even on public routes. */
export function authMiddleware(ctx: AppContext) {
  return async (c: Context<AppEnv>, next: () => Promise<void>) => {
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/.exec(header);
      if (!match)
        throw new ApiError(401, 'unauthenticated', 'The Authorization header must be "Bearer <token>".');
      const principal = await verifySession(ctx, match[1]!);
      if (principal.role === 'prisoner') {
        // device sessions end when staff remove the device
        const device = await ctx.store.db
          .selectFrom('devices')
          .select('prisoner_id')
          .where('id', '=', principal.id)
          .executeTakeFirst();
        if (!device || device.prisoner_id !== principal.prisonerId)
          throw new ApiError(401, 'unauthenticated', 'This device is no longer paired.');
      }
      if (principal.role === 'visitor') {
        // a visitor's sessions end when their account is erased (server/subject-rights.ts)
        const user = await ctx.store.db
          .selectFrom('users')
          .select('id')
          .where('id', '=', principal.id)
          .executeTakeFirst();
        if (!user) throw new ApiError(401, 'unauthenticated', 'This account no longer exists.');
      }
      c.set('principal', principal);
      c.set('caller', `${principal.role}:${principal.id}`);
    } else {
      c.set('principal', undefined);
    }
    await next();
  };
}

export function requireUser(c: Context<AppEnv>, ...roles: Principal['role'][]): Principal {
  const p = c.get('principal');
  if (!p) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  if (roles.length && !roles.includes(p.role)) throw forbidden('Your role may not do that.');
  return p;
}

export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Fixed-window counters for limits that are per process by nature (per client address). */
export class WindowLimiter {
  private hits = new Map<string, { start: number; count: number }>();
  constructor(
    private windowMs: number,
    private max: number,
  ) {}
  take(key: string, now: number): number | undefined {
    const entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      if (this.hits.size > 50_000) this.hits.clear();
      this.hits.set(key, { start: now, count: 1 });
      return undefined;
    }
    entry.count += 1;
    if (entry.count > this.max) return Math.ceil((entry.start + this.windowMs - now) / 1000);
    return undefined;
  }
}

export function rateLimited(retryAfter: number, detail = 'Too many attempts. Try again later.') {
  return new ApiError(429, 'rate-limited', detail, { retryAfter });
}

export async function requestCode(
  ctx: AppContext,
  emailRaw: string,
  address: string,
  limiter: WindowLimiter,
) {
  const email = emailRaw.toLowerCase();
  const now = ctx.now();
  const blocked = limiter.take(address, now.getTime());
  if (blocked) throw rateLimited(blocked);
  const since = new Date(now.getTime() - 15 * 60_000).toISOString();
  const recent = await ctx.store.db
    .selectFrom('login_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', email)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= ctx.limits.codesPerEmail) throw rateLimited(15 * 60);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
  await ctx.store.db
    .insertInto('login_codes')
    .values({
      id: newId(),
      email,
      code_hash: sha256(`${email}:${code}`),
      expires_at: expiresAt,
      attempts: 0,
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  const user = await ctx.store.db
    .selectFrom('users')
    .select('language')
    .where('email', '=', email)
    .executeTakeFirst();
  const lang = user?.language ?? 'en';
  await ctx.outbox.send({
    to: email,
    channel: 'email',
    subject: t(lang, 'codeSubject'),
    text: t(lang, 'codeText', { code }),
  });
  return { expiresAt };
}

export async function verifyCode(ctx: AppContext, emailRaw: string, code: string) {
  const email = emailRaw.toLowerCase();
  const now = ctx.now();
  const row = await ctx.store.db
    .selectFrom('login_codes')
    .selectAll()
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.attempts >= CODE_ATTEMPTS)
    throw new ApiError(400, 'code-invalid', 'That code is not valid.');
  if (row.expires_at <= now.toISOString())
    throw new ApiError(400, 'code-expired', 'That code has expired. Ask for a new one.');
  if (row.code_hash !== sha256(`${email}:${code}`)) {
    await ctx.store.db
      .updateTable('login_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    throw new ApiError(400, 'code-invalid', 'That code is not valid.');
  }
  // single use, also against a concurrent second verify
  const claimed = await ctx.store.db
    .updateTable('login_codes')
    .set({ used_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!claimed) throw new ApiError(400, 'code-invalid', 'That code is not valid.');
  let user = await ctx.store.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  if (!user) {
    const fresh: UsersTable = {
      id: newId(),
      role: 'visitor',
      email,
      first_name: null,
      last_name: null,
      date_of_birth: null,
      phone: null,
      language: 'en',
      prison_code: null,
      created_at: now.toISOString(),
    };
    await ctx.store.db
      .insertInto('users')
      .values(fresh)
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    user = await ctx.store.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    await audit(ctx, ctx.store.db, {
      actor: { id: user.id, role: 'visitor' },
      action: 'account.created',
      subject: `user:${user.id}`,
    });
  }
  const principal: Principal =
    user.role === 'staff'
      ? { id: user.id, role: 'staff', prisonCode: user.prison_code ?? '' }
      : { id: user.id, role: 'visitor' };
  const session = await signSession(ctx, principal);
  await audit(ctx, ctx.store.db, {
    actor: principal,
    action: 'session.signed-in',
    subject: `user:${user.id}`,
    prisonCode: principal.prisonCode ?? null,
  });
  return { ...session, user: userDto(user) };
}

export function userDto(user: UsersTable) {
  return {
    id: user.id,
    role: user.role,
    email: user.email,
    firstName: user.first_name ?? undefined,
    lastName: user.last_name ?? undefined,
    dateOfBirth: user.date_of_birth ?? undefined,
    phone: user.phone ?? undefined,
    language: user.language,
    prisonCode: user.prison_code ?? undefined,
  };
}

export async function pairDevice(ctx: AppContext, pairingCode: string) {
  const now = ctx.now().toISOString();
  const device = await ctx.store.db
    .selectFrom('devices')
    .innerJoin('prisoners', 'prisoners.id', 'devices.prisoner_id')
    .select([
      'devices.id',
      'devices.reusable',
      'devices.pairing_expires_at',
      'devices.paired_at',
      'devices.prisoner_id',
      'prisoners.prison_code',
    ])
    .where('devices.pairing_code', '=', pairingCode.toUpperCase())
    .executeTakeFirst();
  if (!device || (!device.reusable && (device.paired_at || device.pairing_expires_at <= now)))
    throw new ApiError(400, 'code-invalid', 'That pairing code is not valid.');
  if (!device.reusable) {
    const claimed = await ctx.store.db
      .updateTable('devices')
      .set({ paired_at: now })
      .where('id', '=', device.id)
      .where('paired_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) throw new ApiError(400, 'code-invalid', 'That pairing code is not valid.');
  }
  const principal: Principal = { id: device.id, role: 'prisoner', prisonerId: device.prisoner_id };
  const session = await signSession(ctx, principal);
  await audit(ctx, ctx.store.db, {
    actor: principal,
    action: 'device.paired',
    subject: `device:${device.id}`,
    prisonCode: device.prison_code,
  });
  return {
    ...session,
    user: {
      id: device.id,
      role: 'prisoner' as const,
      language: 'en' as const,
      prisonerId: device.prisoner_id,
    },
  };
}
