// Sessions (HS256 bearer JWTs), emailed one-time codes, kiosk pairing, and the role guards.
import { randomBytes, randomInt } from 'node:crypto';
import type { Context } from 'hono';
import { SignJWT, jwtVerify } from 'jose';
import type { AppContext, AppEnv, Principal } from './context.js';
import type { UsersTable } from './db.js';
import { ApiError, forbidden, type Detail } from './problems.js';
import { audit, newId, sha256 } from './util.js';
import type { Lang } from './i18n/index.js';
import { t } from './messages.js';
import { checkSession, openSession } from './session-state.js';

const PEOPLE_TTL = 12 * 3600;
const DEVICE_TTL = 30 * 24 * 3600;
const CODE_TTL_MS = 10 * 60_000;
const CODE_ATTEMPTS = 5;
/** How far ahead of this server's clock a token's `iat` may be (another replica's clock). */
const CLOCK_SKEW_S = 60;

/** A staff session that has not yet used its passkey lasts long enough for that step only. */
const PENDING_TTL = 10 * 60;

const ttlFor = (role: Principal['role']) => (role === 'prisoner' ? DEVICE_TTL : PEOPLE_TTL);

/**
 * How the person proved who they are (RFC 8176 `amr` values): `otp` the emailed code or link, `hwk` a
 * passkey. A staff session without `hwk` may use only the passkey routes while passkeys are required.
 */
export type Factor = 'otp' | 'hwk';

/** Whether a staff session still needs its passkey (never, when passkeys are off in dev mode). */
export const needsSecondFactor = (ctx: AppContext, role: Principal['role'], amr: readonly string[]) =>
  role === 'staff' && staffPasskeysRequired(ctx) && !amr.includes('hwk');

/** Passkeys are required for staff unless dev mode turns them off (`STAFF_PASSKEYS=off`). */
export const staffPasskeysRequired = (ctx: AppContext) =>
  !(ctx.config?.dev && ctx.config.staffPasskeys === 'off');

export async function signSession(ctx: AppContext, principal: Principal, amr: Factor[] = ['otp']) {
  const now = Math.floor(ctx.now().getTime() / 1000);
  const ttl = needsSecondFactor(ctx, principal.role, amr) ? PENDING_TTL : ttlFor(principal.role);
  const claims: Record<string, string | string[]> = { role: principal.role, amr };
  if (principal.prisonCode) claims.prison = principal.prisonCode;
  if (principal.prisonerId) claims.prisoner = principal.prisonerId;
  const sid = newId();
  const expiresAt = new Date((now + ttl) * 1000).toISOString();
  await openSession(ctx, principal, sid, expiresAt);
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setJti(sid)
    .setSubject(principal.id)
    .setIssuer('visit-kit')
    .setAudience('visit-kit')
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(ctx.secret);
  return { token, expiresAt };
}

/**
 * Tokens already verified, per server: a family's many requests do not each pay for the signature check.
 * A signature that verified stays good until the token expires, so this changes no answer; whether the
 * session is still live is checked separately (`checkSession`). Bounded: forgotten whole when full.
 */
interface Verified {
  principal: Principal;
  sid: string;
  expiresAtMs: number;
  /** the token's `amr` (how the person signed in) */
  amr: string[];
}
const verifiedTokens = new WeakMap<AppContext, Map<string, Verified>>();
const VERIFIED_TOKENS_MAX = 10_000;

export async function verifySession(ctx: AppContext, token: string): Promise<Verified> {
  let cache = verifiedTokens.get(ctx);
  if (!cache) verifiedTokens.set(ctx, (cache = new Map()));
  const hit = cache.get(token);
  if (hit && hit.expiresAtMs > ctx.now().getTime())
    return { ...hit, principal: { ...hit.principal }, amr: [...hit.amr] };
  const verified = await verifySignature(ctx, token);
  if (cache.size >= VERIFIED_TOKENS_MAX) cache.clear();
  cache.set(token, verified);
  return { ...verified, principal: { ...verified.principal }, amr: [...verified.amr] };
}

async function verifySignature(ctx: AppContext, token: string): Promise<Verified> {
  try {
    // Only what this server signs: HS256, our issuer and audience, and every time claim present
    // (a token without `exp` would never end; one without `iat` cannot be checked against a sign-out).
    const { payload } = await jwtVerify(token, ctx.secret, {
      algorithms: ['HS256'],
      issuer: 'visit-kit',
      audience: 'visit-kit',
      requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      currentDate: ctx.now(),
    });
    const role = payload.role;
    if (typeof payload.sub !== 'string' || (role !== 'visitor' && role !== 'staff' && role !== 'prisoner'))
      throw new Error('claims');
    // never longer-lived than this server would have signed it, and never issued in the future
    const nowS = Math.floor(ctx.now().getTime() / 1000);
    if (payload.exp! - payload.iat! > ttlFor(role) || payload.iat! > nowS + CLOCK_SKEW_S)
      throw new Error('lifetime');
    const principal: Principal = { id: payload.sub, role };
    if (role === 'staff') {
      if (typeof payload.prison !== 'string') throw new Error('claims');
      principal.prisonCode = payload.prison;
    }
    if (role === 'prisoner') {
      if (typeof payload.prisoner !== 'string') throw new Error('claims');
      principal.prisonerId = payload.prisoner;
    }
    const amr = Array.isArray(payload.amr) ? payload.amr.filter((f) => typeof f === 'string') : [];
    return { principal, sid: payload.jti!, expiresAtMs: payload.exp! * 1000, amr };
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
      const { principal, sid, amr } = await verifySession(ctx, match[1]!);
      // signed out, signed out everywhere, idle too long, or the device removed: on every replica
      await checkSession(ctx, principal, sid);
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
      // an erased visitor's sessions were ended with the account (server/subject-rights.ts)
      c.set('principal', principal);
      c.set('caller', `${principal.role}:${principal.id}`);
      c.set('session', sid);
      c.set('secondFactorPending', needsSecondFactor(ctx, principal.role, amr));
    } else {
      c.set('principal', undefined);
    }
    await next();
  };
}

export function requireUser(c: Context<AppEnv>, ...roles: Principal['role'][]): Principal {
  const p = requireSignedIn(c, ...roles);
  if (c.get('secondFactorPending'))
    throw new ApiError(403, 'second-factor-required', 'Use your passkey to finish signing in.');
  return p;
}

/**
 * Like `requireUser`, but also lets in a staff session that has not yet used its passkey: only for the
 * passkey routes themselves, signing out, and reading who is signed in.
 */
export function requireSignedIn(c: Context<AppEnv>, ...roles: Principal['role'][]): Principal {
  const p = c.get('principal');
  if (!p) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  if (roles.length && !roles.includes(p.role)) throw forbidden('Your role may not do that.');
  return p;
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/**
 * The client's address. `X-Forwarded-For` is believed only as far as `trustedProxies` says: with a hop count
 * n, the n-th address from the right (each trusted proxy appended the one it saw); with a list, the
 * right-most address that is not one of the listed proxies, and only when the socket peer is one. A header
 * from anyone else is ignored, so it cannot be forged to dodge a limit.
 */
export function clientAddress(c: Context, trusted: number | string[] | undefined): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = plain(incoming?.socket?.remoteAddress ?? 'unknown');
  if (!trusted || (Array.isArray(trusted) && !trusted.length)) return peer;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map(plain).filter(Boolean);
  if (typeof trusted === 'number') return hops[hops.length - trusted] ?? hops[0] ?? peer;
  const proxies = new Set(trusted.map(plain));
  if (!proxies.has(peer)) return peer;
  for (let i = hops.length - 1; i >= 0; i--) if (!proxies.has(hops[i]!)) return hops[i]!;
  return peer;
}

export function rateLimited(retryAfter: number, detail: Detail = 'Too many attempts. Try again later.') {
  return new ApiError(429, 'rate-limited', detail, { retryAfter });
}

/**
 * Emails a code and, when `signInUrl` is set, a sign-in link. Limited per client and per email *and* client:
 * requests from a stranger's address never use up the owner's.
 */
export async function requestCode(
  ctx: AppContext,
  emailRaw: string,
  address: string,
  /** The page's language: a new person's code email is written in it (a known person has a preference). */
  asked: Lang = 'en',
) {
  const email = emailRaw.toLowerCase();
  const now = ctx.now();
  await ctx.signIn.codesPerClient.take(address);
  await ctx.signIn.codesPerEmailClient.take(`${email}|${address}`);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const link = ctx.config.signInUrl ? randomBytes(32).toString('base64url') : undefined;
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
      link_hash: link ? sha256(`link:${link}`) : null,
      created_at: now.toISOString(),
    })
    .execute();
  const user = await ctx.store.db
    .selectFrom('users')
    .select('language')
    .where('email', '=', email)
    .executeTakeFirst();
  const lang = user?.language ?? asked;
  await ctx.outbox.send({
    to: email,
    channel: 'email',
    subject: t(lang, 'codeSubject'),
    text: link
      ? `${t(lang, 'codeText', { code })}\n\n${t(lang, 'linkText', { url: `${ctx.config.signInUrl}#visit-kit-sign-in=${link}` })}`
      : t(lang, 'codeText', { code }),
  });
  return { expiresAt };
}

/**
 * Checks a code. Guesses are limited per client and per account (all addresses together, per hour); the
 * account limit can never lock the owner out, because the emailed link needs no guessing. `asked` (the page's
 * language) becomes a new account's language preference; a known person keeps theirs.
 */
export async function verifyCode(
  ctx: AppContext,
  emailRaw: string,
  code: string,
  address: string,
  asked: Lang = 'en',
) {
  const email = emailRaw.toLowerCase();
  const now = ctx.now();
  await ctx.signIn.guessesPerClient.take(address);
  // counted before the check (atomically, so parallel guesses cannot slip past), given back when right
  await ctx.signIn.guessesPerAccount.take(
    email,
    'Too many wrong codes for this account. Use the link in the email, or try again later.',
  );
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
  // only wrong codes count against the account
  await ctx.signIn.guessesPerAccount.giveBack(email);
  return signInWith(ctx, row.id, email, asked);
}

/** Signs in with the emailed link's token: 256 bits, single use, 10 minutes; needs no attempt cap. */
export async function verifyLink(ctx: AppContext, token: string, address: string, asked: Lang = 'en') {
  await ctx.signIn.linksPerClient.take(address);
  const row = await ctx.store.db
    .selectFrom('login_codes')
    .select(['id', 'email', 'expires_at', 'used_at'])
    .where('link_hash', '=', sha256(`link:${token}`))
    .executeTakeFirst();
  if (!row || row.used_at) throw new ApiError(400, 'code-invalid', 'That sign-in link is not valid.');
  if (row.expires_at <= ctx.now().toISOString())
    throw new ApiError(400, 'code-expired', 'That sign-in link has expired. Ask for a new one.');
  return signInWith(ctx, row.id, row.email, asked);
}

async function signInWith(ctx: AppContext, codeId: string, email: string, asked: Lang) {
  const now = ctx.now();
  // single use, also against a concurrent second verify
  const claimed = await ctx.store.db
    .updateTable('login_codes')
    .set({ used_at: now.toISOString() })
    .where('id', '=', codeId)
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
      language: asked,
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
  const pending = needsSecondFactor(ctx, principal.role, ['otp']);
  await audit(ctx, ctx.store.db, {
    actor: principal,
    action: 'session.signed-in',
    subject: `user:${user.id}`,
    prisonCode: principal.prisonCode ?? null,
    ...(pending ? { details: { secondFactor: 'pending' } } : {}),
  });
  if (!pending) return { ...session, user: userDto(user) };
  return { ...session, user: userDto(user), secondFactor: await secondFactorState(ctx, user.id) };
}

/** What a staff session still has to do: use a passkey, or set one up first (with a colleague's code). */
export async function secondFactorState(ctx: AppContext, userId: string) {
  const enrolled = await ctx.store.db
    .selectFrom('staff_passkeys')
    .select('id')
    .where('user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return { method: 'passkey' as const, enrolled: Boolean(enrolled) };
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
