// Staff passkeys: the WebAuthn second factor staff use after the emailed code (the ceremonies are
// @simplewebauthn/server's). A first passkey, or one replacing a lost key, needs a single-use set-up code that a
// colleague with the staff role in the same prison issues; the operator (or dev mode) issues the very first.
import { randomInt } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { signSession, userDto } from './auth.js';
import type { AppContext, Principal } from './context.js';
import { ApiError, forbidden } from './problems.js';
import { endSessions, principalKey } from './session-state.js';
import { audit, newId, parseJson, sha256 } from './util.js';

/** How long a set-up code lasts: long enough to hand over in person, short enough not to linger. */
const ENROLMENT_TTL_MS = 60 * 60_000;
/** Wrong set-up codes before that code stops working. */
const ENROLMENT_ATTEMPTS = 5;
const CHALLENGE_TTL_MS = 5 * 60_000;
/** No 0/O, 1/I/L: read aloud or copied from a screen without mistakes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The relying party: its id (a host name) and the page origins a passkey answer may come from. */
export function relyingParty(ctx: AppContext) {
  const origins = ctx.config.passkeyOrigins ?? ctx.config.corsOrigins ?? [];
  let rpId = ctx.config.passkeyRpId;
  if (!rpId) {
    try {
      rpId = origins[0] ? new URL(origins[0]).hostname : 'localhost';
    } catch {
      rpId = 'localhost';
    }
  }
  return { rpId, origins, name: ctx.config.passkeyRpName ?? 'Prison visits' };
}

const normalise = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
const codeHash = (userId: string, code: string) => sha256(`enrol:${userId}:${normalise(code)}`);

function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

const invalidCode = () =>
  new ApiError(
    400,
    'enrolment-code-invalid',
    'That set-up code is not valid. Ask a colleague for a new one.',
  );
const passkeyInvalid = () =>
  new ApiError(
    400,
    'passkey-invalid',
    'That passkey could not be checked. Try again, or use another passkey.',
  );

/**
 * Issues a set-up code for a staff member. `issuer` is a signed-in colleague (same prison, never themselves)
 * or `operator`/`dev` for the first one. With `revokeExisting` the member's passkeys are removed and their
 * sessions ended at once (a lost or stolen key stops working now, not when the new one is set up).
 */
export async function issueEnrolmentCode(
  ctx: AppContext,
  issuer: Principal | 'operator' | 'dev',
  email: string,
  revokeExisting: boolean,
) {
  const now = ctx.now();
  const user = await ctx.store.db
    .selectFrom('users')
    .select(['id', 'role', 'prison_code', 'email'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  const sameScope =
    user?.role === 'staff' &&
    user.prison_code &&
    (typeof issuer === 'string' || user.prison_code === issuer.prisonCode);
  // someone else's prison, or not staff: not found, so the answer tells nothing about other accounts
  if (!user || !sameScope) throw new ApiError(404, 'not-found', 'That person was not found.');
  if (typeof issuer !== 'string' && issuer.id === user.id)
    throw forbidden('Another member of staff must give you your set-up code.');
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_TTL_MS).toISOString();
  const issuedBy = typeof issuer === 'string' ? issuer : `user:${issuer.id}`;
  let revoked = 0;
  await ctx.store.db.transaction().execute(async (trx) => {
    // one open code per person: a new one replaces any earlier
    await trx
      .updateTable('staff_enrolment_codes')
      .set({ used_at: now.toISOString() })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
    await trx
      .insertInto('staff_enrolment_codes')
      .values({
        id: newId(),
        user_id: user.id,
        prison_code: user.prison_code!,
        code_hash: codeHash(user.id, code),
        issued_by: issuedBy,
        attempts: 0,
        expires_at: expiresAt,
        used_at: null,
        created_at: now.toISOString(),
      })
      .execute();
    if (revokeExisting) {
      const removed = await trx
        .deleteFrom('staff_passkeys')
        .where('user_id', '=', user.id)
        .returning('id')
        .execute();
      revoked = removed.length;
    }
    await audit(ctx, trx, {
      actor: typeof issuer === 'string' ? { id: issuer, role: 'system' } : issuer,
      action: 'passkey.enrolment-code-issued',
      subject: `user:${user.id}`,
      prisonCode: user.prison_code,
      details: { issuedBy, revokeExisting, passkeysRemoved: revoked },
    });
  });
  if (revokeExisting) await endSessions(ctx, { principal: principalKey({ role: 'staff', id: user.id }) });
  return { email: user.email, code, expiresAt, passkeysRemoved: revoked };
}

async function saveChallenge(ctx: AppContext, sid: string, purpose: string, challenge: string) {
  const expiresAt = new Date(ctx.now().getTime() + CHALLENGE_TTL_MS).toISOString();
  await ctx.store.db.deleteFrom('passkey_challenges').where('session_id', '=', sid).execute();
  await ctx.store.db
    .insertInto('passkey_challenges')
    .values({ session_id: sid, purpose, challenge, expires_at: expiresAt })
    .execute();
}

/** The session's open challenge for `purpose`, taken (single use: an answer can be tried once). */
async function takeChallenge(ctx: AppContext, sid: string, purpose: string): Promise<string> {
  const row = await ctx.store.db
    .deleteFrom('passkey_challenges')
    .where('session_id', '=', sid)
    .returning(['purpose', 'challenge', 'expires_at'])
    .executeTakeFirst();
  if (!row || row.purpose !== purpose || row.expires_at <= ctx.now().toISOString())
    throw new ApiError(
      400,
      'challenge-expired',
      'That passkey request has expired or was already used. Start again.',
    );
  return row.challenge;
}

/** The open set-up code for this person that matches `code`; a wrong code counts against it. */
async function matchingCode(ctx: AppContext, userId: string, code: string) {
  const row = await ctx.store.db
    .selectFrom('staff_enrolment_codes')
    .selectAll()
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.attempts >= ENROLMENT_ATTEMPTS || row.expires_at <= ctx.now().toISOString())
    throw invalidCode();
  if (row.code_hash !== codeHash(userId, code)) {
    await ctx.store.db
      .updateTable('staff_enrolment_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    throw invalidCode();
  }
  return row;
}

async function staffUser(ctx: AppContext, p: Principal) {
  const user = await ctx.store.db.selectFrom('users').selectAll().where('id', '=', p.id).executeTakeFirst();
  if (!user || user.role !== 'staff') throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  return user;
}

async function credentialsOf(ctx: AppContext, userId: string) {
  const rows = await ctx.store.db
    .selectFrom('staff_passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => ({
    ...row,
    transportList: parseJson<AuthenticatorTransport[]>(row.transports, []),
  }));
}

/** Options for `navigator.credentials.create()`; the set-up code is checked (not yet used up). */
export async function registrationOptions(ctx: AppContext, p: Principal, sid: string, code: string) {
  const user = await staffUser(ctx, p);
  await matchingCode(ctx, user.id, code);
  const rp = relyingParty(ctx);
  const existing = await credentialsOf(ctx, user.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.rpId,
    userName: user.email,
    userID: new TextEncoder().encode(user.id),
    userDisplayName: [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transportList })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  });
  await saveChallenge(ctx, sid, 'registration', options.challenge);
  return options;
}

/** Checks the new passkey, stores it, uses up the set-up code and answers a full (passkey) session. */
export async function register(
  ctx: AppContext,
  p: Principal,
  sid: string,
  code: string,
  response: RegistrationResponseJSON,
) {
  const user = await staffUser(ctx, p);
  const challenge = await takeChallenge(ctx, sid, 'registration');
  const enrolment = await matchingCode(ctx, user.id, code);
  const rp = relyingParty(ctx);
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpId,
      requireUserVerification: true,
    });
  } catch {
    verified = undefined;
  }
  if (!verified?.verified) {
    await audit(ctx, ctx.store.db, {
      actor: p,
      action: 'passkey.enrolment-failed',
      subject: `user:${user.id}`,
      prisonCode: user.prison_code,
    });
    throw passkeyInvalid();
  }
  const credential = verified.registrationInfo.credential;
  const now = ctx.now().toISOString();
  await ctx.store.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('staff_enrolment_codes')
      .set({ used_at: now })
      .where('id', '=', enrolment.id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) throw invalidCode();
    await trx
      .insertInto('staff_passkeys')
      .values({
        id: credential.id,
        user_id: user.id,
        public_key: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: JSON.stringify(credential.transports ?? []),
        created_at: now,
        last_used_at: now,
      })
      .execute();
    await audit(ctx, trx, {
      actor: p,
      action: 'passkey.enrolled',
      subject: `user:${user.id}`,
      prisonCode: user.prison_code,
      details: { credential: credential.id.slice(0, 12), codeIssuedBy: enrolment.issued_by },
    });
  });
  return upgrade(ctx, p, sid, user);
}

/** Options for `navigator.credentials.get()`, listing this person's passkeys. */
export async function authenticationOptions(ctx: AppContext, p: Principal, sid: string) {
  const user = await staffUser(ctx, p);
  const existing = await credentialsOf(ctx, user.id);
  if (!existing.length)
    throw new ApiError(
      409,
      'passkey-not-enrolled',
      'You have no passkey yet. Ask a colleague for a set-up code.',
    );
  const rp = relyingParty(ctx);
  const options = await generateAuthenticationOptions({
    rpID: rp.rpId,
    allowCredentials: existing.map((c) => ({ id: c.id, transports: c.transportList })),
    userVerification: 'required',
  });
  await saveChallenge(ctx, sid, 'authentication', options.challenge);
  return options;
}

/** Checks a passkey answer (signature, challenge, origin, user verification, counter) and signs in fully. */
export async function authenticate(
  ctx: AppContext,
  p: Principal,
  sid: string,
  response: AuthenticationResponseJSON,
) {
  const user = await staffUser(ctx, p);
  const challenge = await takeChallenge(ctx, sid, 'authentication');
  const stored = (await credentialsOf(ctx, user.id)).find((c) => c.id === response.id);
  const rp = relyingParty(ctx);
  let newCounter: number | undefined;
  if (stored) {
    try {
      const verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.rpId,
        credential: {
          id: stored.id,
          publicKey: Buffer.from(stored.public_key, 'base64url'),
          counter: stored.counter,
          transports: stored.transportList,
        },
        requireUserVerification: true,
      });
      if (verified.verified) newCounter = verified.authenticationInfo.newCounter;
    } catch {
      newCounter = undefined;
    }
  }
  if (newCounter === undefined || !stored) {
    await audit(ctx, ctx.store.db, {
      actor: p,
      action: 'passkey.sign-in-failed',
      subject: `user:${user.id}`,
      prisonCode: user.prison_code,
      details: { known: Boolean(stored) },
    });
    throw passkeyInvalid();
  }
  // the counter only goes forward (a cloned key's answer with an old counter was refused above)
  const moved = await ctx.store.db
    .updateTable('staff_passkeys')
    .set({ counter: newCounter, last_used_at: ctx.now().toISOString() })
    .where('id', '=', stored.id)
    .where('counter', '=', stored.counter)
    .returning('id')
    .executeTakeFirst();
  if (!moved) throw passkeyInvalid();
  await audit(ctx, ctx.store.db, {
    actor: p,
    action: 'passkey.signed-in',
    subject: `user:${user.id}`,
    prisonCode: user.prison_code,
    details: { credential: stored.id.slice(0, 12) },
  });
  return upgrade(ctx, p, sid, user);
}

/** Ends the session that was waiting for its passkey and answers one that has it (`amr` otp + hwk). */
async function upgrade(
  ctx: AppContext,
  p: Principal,
  sid: string,
  user: Awaited<ReturnType<typeof staffUser>>,
) {
  await endSessions(ctx, { sid });
  const session = await signSession(ctx, p, ['otp', 'hwk']);
  return { ...session, user: userDto(user) };
}
