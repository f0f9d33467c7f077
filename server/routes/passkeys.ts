// Routes tagged `auth` (the passkey step of a staff sign-in) and `staff` (a colleague's set-up code). The
// ceremonies and the rules are in server/passkeys.ts.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { requireSignedIn, requireUser } from '../auth.js';
import type { AppContext, AppEnv } from '../context.js';
import {
  authenticate,
  authenticationOptions,
  issueEnrolmentCode,
  register,
  registrationOptions,
} from '../passkeys.js';
import { ApiError } from '../problems.js';
import * as S from '../schemas.js';
import { bearer, common, jsonBody, ok, problem, send, tag, v1 } from './common.js';

const ANSWER_PROBLEMS =
  '`passkey-invalid` (the answer did not check out: wrong key, wrong site, replayed), `challenge-expired` or `validation`';

export function registerPasskeyRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext) {
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/auth/passkey/registration-options`,
      tags: tag('auth'),
      summary: 'Start setting up a passkey (staff), with the set-up code a colleague gave',
      security: bearer,
      request: { body: jsonBody(S.PasskeyRegistrationStart) },
      responses: {
        200: ok(S.PasskeyCreationOptions, 'Options for `navigator.credentials.create()`'),
        400: problem('`enrolment-code-invalid` or `validation`'),
        401: common[401],
        403: common[403],
      },
    }),
    async (c) => {
      const p = requireSignedIn(c, 'staff');
      const { enrolmentCode } = c.req.valid('json');
      return send(200, await registrationOptions(ctx, p, c.get('session'), enrolmentCode));
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/auth/passkey/registration`,
      tags: tag('auth'),
      summary: 'Finish setting up a passkey: stores it, uses up the code, and answers a session that has it',
      security: bearer,
      request: { body: jsonBody(S.PasskeyRegistration) },
      responses: {
        200: ok(S.Session, 'Signed in with the new passkey (replaces the token that was waiting for it)'),
        400: problem(`${ANSWER_PROBLEMS}, or \`enrolment-code-invalid\``),
        401: common[401],
        403: common[403],
      },
    }),
    async (c) => {
      const p = requireSignedIn(c, 'staff');
      const { enrolmentCode, response } = c.req.valid('json');
      return send(
        200,
        await register(
          ctx,
          p,
          c.get('session'),
          enrolmentCode,
          response as unknown as RegistrationResponseJSON,
        ),
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/auth/passkey/authentication-options`,
      tags: tag('auth'),
      summary: 'Start signing in with a passkey (staff, after the emailed code)',
      security: bearer,
      responses: {
        200: ok(S.PasskeyRequestOptions, 'Options for `navigator.credentials.get()`'),
        401: common[401],
        403: common[403],
        409: problem('`passkey-not-enrolled`: set one up first with a colleague’s code'),
      },
    }),
    async (c) => {
      const p = requireSignedIn(c, 'staff');
      return send(200, await authenticationOptions(ctx, p, c.get('session')));
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/auth/passkey/authentication`,
      tags: tag('auth'),
      summary: 'Finish signing in with a passkey: answers a session that has it',
      security: bearer,
      request: { body: jsonBody(S.PasskeyAuthentication) },
      responses: {
        200: ok(S.Session, 'Signed in with the passkey (replaces the token that was waiting for it)'),
        400: problem(ANSWER_PROBLEMS),
        401: common[401],
        403: common[403],
      },
    }),
    async (c) => {
      const p = requireSignedIn(c, 'staff');
      const { response } = c.req.valid('json');
      if (typeof response.id !== 'string' || !response.id)
        throw new ApiError(
          400,
          'passkey-invalid',
          'That passkey could not be checked. Try again, or use another passkey.',
        );
      return send(
        200,
        await authenticate(ctx, p, c.get('session'), response as unknown as AuthenticationResponseJSON),
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/staff/passkey-enrolments`,
      tags: tag('staff'),
      summary:
        'Give a colleague of your prison a single-use passkey set-up code (their first passkey, or a lost one)',
      security: bearer,
      request: { body: jsonBody(S.EnrolmentCodeRequest) },
      responses: {
        201: ok(S.EnrolmentCodeIssued, 'The code (shown once), valid for an hour'),
        400: common[400],
        401: common[401],
        403: problem('`forbidden` (not staff, or your own account) or `second-factor-required`'),
        404: problem('`not-found`: no staff member of your prison has that email'),
      },
    }),
    async (c) => {
      const p = requireUser(c, 'staff');
      const { email, revokeExisting } = c.req.valid('json');
      return send(201, await issueEnrolmentCode(ctx, p, email, revokeExisting));
    },
  );
}
