// Routes tagged `health` and `auth`: the server's health, sign-in by emailed code, device pairing, the profile.
import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import {
  clientAddress,
  pairDevice,
  requestCode,
  requireSignedIn,
  requireUser,
  userDto,
  verifyCode,
  verifyLink,
} from '../auth.js';
import { askedLanguage } from '../i18n/request.js';
import type { AppContext, AppEnv, Principal } from '../context.js';
import { ApiError } from '../problems.js';
import * as S from '../schemas.js';
import { audit } from '../util.js';
import { endSessions, principalKey } from '../session-state.js';
import { bearer, common, jsonBody, ok, problem, send, tag, v1, type C } from './common.js';
import type { SseRegistry } from './sse.js';

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext, sse: SseRegistry) {
  const client = (c: C) => clientAddress(c, ctx.config.trustedProxies);

  // ---------- health ----------
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      tags: tag('health'),
      summary: 'Health of the server, its database and its LiveKit connection',
      responses: { 200: ok(S.Health, 'Healthy (database up)'), 503: ok(S.Health, 'Database down') },
    }),
    async () => {
      let database: 'ok' | 'down' = 'ok';
      try {
        await ctx.store.db.selectFrom('prisons').select('code').limit(1).execute();
      } catch {
        database = 'down';
      }
      const livekit: 'ok' | 'down' = (await ctx.media.healthy()) ? 'ok' : 'down';
      const status: 'ok' | 'degraded' = database === 'ok' && livekit === 'ok' ? 'ok' : 'degraded';
      return send(database === 'ok' ? 200 : 503, { status, database, livekit });
    },
  );

  // ---------- auth ----------
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/auth/code`,
      tags: tag('auth'),
      summary: 'Email a 6-digit sign-in code (same answer whether or not the account exists)',
      request: { body: jsonBody(S.CodeRequest) },
      responses: {
        202: ok(S.CodeSent, 'Code sent if the address can sign in'),
        400: common[400],
        429: problem('Rate limited'),
      },
    }),
    async (c) => {
      const { email } = c.req.valid('json');
      return send(202, await requestCode(ctx, email, client(c), askedLanguage(c)));
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/auth/verify`,
      tags: tag('auth'),
      summary: 'Exchange the code for a session token (creates a visitor account on first sign-in)',
      request: { body: jsonBody(S.VerifyRequest) },
      responses: {
        200: ok(S.Session, 'Signed in'),
        400: problem('`validation`, `code-invalid` or `code-expired`'),
        429: problem('`rate-limited`: too many guesses from this client, or for this account (use the link)'),
      },
    }),
    async (c) => {
      const { email, code } = c.req.valid('json');
      return send(200, await verifyCode(ctx, email, code, client(c), askedLanguage(c)));
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/auth/link`,
      tags: tag('auth'),
      summary:
        'Exchange the token of the emailed sign-in link (from the `#visit-kit-sign-in=` fragment) for a session',
      request: { body: jsonBody(S.LinkSignIn) },
      responses: {
        200: ok(S.Session, 'Signed in'),
        400: problem('`validation`, `code-invalid` or `code-expired`'),
        429: problem('`rate-limited`: too many links tried from this client'),
      },
    }),
    async (c) => send(200, await verifyLink(ctx, c.req.valid('json').token, client(c), askedLanguage(c))),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/auth/device`,
      tags: tag('auth'),
      summary: 'Pair a kiosk or tablet for one person in prison (role `prisoner`)',
      request: { body: jsonBody(S.DeviceSignIn) },
      responses: {
        200: ok(S.Session, 'Device session'),
        400: problem('`code-invalid`'),
        429: problem('Rate limited'),
      },
    }),
    async (c) => {
      await ctx.signIn.pairingPerClient.take(client(c));
      return send(200, await pairDevice(ctx, c.req.valid('json').pairingCode));
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/auth/sign-out`,
      tags: tag('auth'),
      summary: 'End this session (its token stops working within seconds on every replica)',
      security: bearer,
      responses: { 204: { description: 'Signed out' }, 401: common[401] },
    }),
    async (c) => {
      const p = requireSignedIn(c);
      const sid = c.get('session');
      await endSessions(ctx, { sid });
      sse.closeWhere((_, session) => session === sid);
      await audit(ctx, ctx.store.db, {
        actor: p,
        action: 'session.signed-out',
        subject: `${p.role === 'prisoner' ? 'device' : 'user'}:${p.id}`,
        prisonCode: p.prisonCode ?? null,
      });
      return send(204, null);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/auth/sign-out-everywhere`,
      tags: tag('auth'),
      summary: 'End every session of this person (or device), on every device and replica',
      security: bearer,
      responses: { 204: { description: 'Signed out everywhere' }, 401: common[401] },
    }),
    async (c) => {
      const p = requireSignedIn(c);
      const ended = await endSessions(ctx, { principal: principalKey(p) });
      sse.closeWhere((caller) => caller === principalKey(p));
      await audit(ctx, ctx.store.db, {
        actor: p,
        action: 'session.signed-out-everywhere',
        subject: `${p.role === 'prisoner' ? 'device' : 'user'}:${p.id}`,
        prisonCode: p.prisonCode ?? null,
        details: { sessions: ended },
      });
      return send(204, null);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/me`,
      tags: tag('auth'),
      summary: 'The signed-in user',
      security: bearer,
      responses: { 200: ok(S.User, 'The user'), 401: common[401] },
    }),
    // a staff session waiting for its passkey may read who it is (the page shows the passkey step)
    async (c) => send(200, await me(ctx, requireSignedIn(c))),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: `${v1}/me`,
      tags: tag('auth'),
      summary: 'Change your profile (visitors)',
      security: bearer,
      request: { body: jsonBody(S.ProfilePatch) },
      responses: { 200: ok(S.User, 'Updated'), 400: common[400], 401: common[401], 403: common[403] },
    }),
    async (c) => {
      const p = requireUser(c, 'visitor');
      const body = c.req.valid('json');
      const patch: Record<string, string | null> = {};
      if (body.firstName !== undefined) patch.first_name = body.firstName;
      if (body.lastName !== undefined) patch.last_name = body.lastName;
      if (body.dateOfBirth !== undefined) patch.date_of_birth = body.dateOfBirth;
      if (body.phone !== undefined) patch.phone = body.phone;
      if (body.language !== undefined) patch.language = body.language;
      if (Object.keys(patch).length) {
        await ctx.store.db.updateTable('users').set(patch).where('id', '=', p.id).execute();
        await audit(ctx, ctx.store.db, {
          actor: p,
          action: 'profile.changed',
          subject: `user:${p.id}`,
          details: { fields: Object.keys(body) },
        });
      }
      return send(200, await me(ctx, p));
    },
  );
}

async function me(ctx: AppContext, p: Principal): Promise<z.infer<typeof S.User>> {
  if (p.role === 'prisoner') {
    const device = await ctx.store.db
      .selectFrom('devices')
      .select('id')
      .where('id', '=', p.id)
      .executeTakeFirst();
    if (!device) throw new ApiError(401, 'unauthenticated', 'This device is no longer paired.');
    return { id: p.id, role: 'prisoner', language: 'en', prisonerId: p.prisonerId };
  }
  const user = await ctx.store.db.selectFrom('users').selectAll().where('id', '=', p.id).executeTakeFirst();
  if (!user) throw new ApiError(401, 'unauthenticated', 'This account no longer exists.');
  return userDto(user);
}
