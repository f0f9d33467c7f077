// Every route of the contract: OpenAPI definitions (the contract is generated from them) and thin handlers.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import {
  clientAddress,
  pairDevice,
  requestCode,
  requireUser,
  userDto,
  verifyCode,
  WindowLimiter,
  rateLimited,
} from './auth.js';
import * as calls from './calls.js';
import type { AppContext, AppEnv, Principal } from './context.js';
import * as links from './links.js';
import { ApiError, forbidden, notFound } from './problems.js';
import * as S from './schemas.js';
import * as staff from './staff.js';
import { audit } from './util.js';
import * as visits from './visits/index.js';
import { calendar } from './notify.js';

type C = Context<AppEnv>;

const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const problem = (description: string) => ({
  content: { 'application/problem+json': { schema: S.Problem } },
  description,
});
const common = {
  400: problem('Validation failed (`validation`, with `errors[].path`)'),
  401: problem('Missing, expired or invalid session (`unauthenticated`)'),
  403: problem('Not allowed for this role or resource (`forbidden`)'),
  404: problem('Not found, or not yours (`not-found`)'),
};
const bearer = [{ bearer: [] }];
const idempotencyHeader = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().openapi({
    description: 'Same key from the same caller returns the first response and creates nothing new.',
  }),
});
const VisitIdParam = z.object({
  visitId: z.string().min(1).max(64).openapi({ description: 'Visit id or reference' }),
});

/**
 * A JSON response. Typed `never` so handlers can return it where zod-openapi expects its typed response;
 * the shapes are checked against the schemas at runtime by the server tests instead.
 */
export function send(status: number, body: unknown, headers: Record<string, string> = {}): never {
  if (status === 204) return new Response(null, { status, headers }) as never;
  return sendJsonText(status, JSON.stringify(body), headers);
}

/** A cached answer, gzipped for the clients that accept it. */
export function sendCachedJson(acceptEncoding: string | undefined, answer: visits.CachedJson): never {
  if (acceptEncoding && /\bgzip\b/i.test(acceptEncoding))
    return new Response(answer.gzip, {
      status: 200,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', vary: 'Accept-Encoding' },
    }) as never;
  return sendJsonText(200, answer.json, { vary: 'Accept-Encoding' });
}

/** `send` for a body already serialised (a cached answer). */
export function sendJsonText(status: number, json: string, headers: Record<string, string> = {}): never {
  return new Response(json, { status, headers: { 'content-type': 'application/json', ...headers } }) as never;
}

export function registerRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext, sse: SseRegistry) {
  const codeLimiter = new WindowLimiter(15 * 60_000, ctx.limits.codesPerAddress);
  const pairLimiter = new WindowLimiter(15 * 60_000, ctx.limits.pairingPerAddress);
  const v1 = '/api/v1';
  const tag = (name: string) => [name];

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
      const livekit = (await ctx.media.healthy()) ? 'ok' : 'down';
      const status = database === 'ok' && livekit === 'ok' ? 'ok' : 'degraded';
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
      return send(202, await requestCode(ctx, email, clientAddress(c), codeLimiter));
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
      },
    }),
    async (c) => {
      const { email, code } = c.req.valid('json');
      return send(200, await verifyCode(ctx, email, code));
    },
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
      const blocked = pairLimiter.take(clientAddress(c), ctx.now().getTime());
      if (blocked) throw rateLimited(blocked);
      return send(200, await pairDevice(ctx, c.req.valid('json').pairingCode));
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
    async (c) => send(200, await me(ctx, requireUser(c))),
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

  // ---------- prisons, links, visitors ----------
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/prisons`,
      tags: tag('prisons'),
      summary: 'Prisons, their visit types, visitor limits and booking windows',
      responses: { 200: ok(z.array(S.Prison), 'Prisons') },
    }),
    async () => {
      const rows = await ctx.store.db.selectFrom('prisons').selectAll().orderBy('name').execute();
      return send(200, rows.map(visits.prisonDto));
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/links`,
      tags: tag('links'),
      summary: 'Your links to people in prison',
      security: bearer,
      responses: { 200: ok(z.array(S.Link), 'Links'), 401: common[401], 403: common[403] },
    }),
    async (c) => send(200, await links.listLinks(ctx, requireUser(c, 'visitor'))),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/links`,
      tags: tag('links'),
      summary: 'Ask to link a person in prison (answered generically; staff review; 10/hour)',
      security: bearer,
      request: { headers: idempotencyHeader, body: jsonBody(S.LinkCreate) },
      responses: { 202: ok(S.Accepted, 'Requested'), ...common, 429: problem('Rate limited') },
    }),
    async (c) => send(202, await links.createLink(ctx, requireUser(c, 'visitor'), c.req.valid('json'))),
  );
  const LinkParam = z.object({ linkId: z.string().min(1).max(64) });
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/links/{linkId}/visitors`,
      tags: tag('links'),
      summary: 'People who may come on visits under this link (the lead visitor first)',
      security: bearer,
      request: { params: LinkParam },
      responses: { 200: ok(z.array(S.LinkVisitor), 'Visitors'), ...common },
    }),
    async (c) =>
      send(200, await links.listLinkVisitors(ctx, requireUser(c, 'visitor'), c.req.valid('param').linkId)),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/links/{linkId}/visitors`,
      tags: tag('links'),
      summary: 'Add a visitor (staff approve)',
      security: bearer,
      request: { params: LinkParam, headers: idempotencyHeader, body: jsonBody(S.LinkVisitorCreate) },
      responses: { 202: ok(S.Accepted, 'Requested'), ...common },
    }),
    async (c) =>
      send(
        202,
        await links.addLinkVisitor(
          ctx,
          requireUser(c, 'visitor'),
          c.req.valid('param').linkId,
          c.req.valid('json'),
        ),
      ),
  );
  const PrisonerParam = z.object({ prisonerId: z.string().min(1).max(64) });
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/prisoners/{prisonerId}/allowance`,
      tags: tag('bookings'),
      summary: 'Visits left in the current allowance period',
      security: bearer,
      request: { params: PrisonerParam },
      responses: { 200: ok(S.Allowance, 'Allowance'), ...common },
    }),
    async (c) =>
      send(
        200,
        await visits.allowance(ctx, requireUser(c, 'visitor', 'staff'), c.req.valid('param').prisonerId),
      ),
  );

  // ---------- availability, holds, bookings ----------
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/prisoners/{prisonerId}/availability`,
      tags: tag('bookings'),
      summary: 'Sessions this person may attend, per day in the prison’s timezone (≤ 62 days)',
      security: bearer,
      request: { params: PrisonerParam, query: S.AvailabilityQuery },
      responses: { 200: ok(S.Availability, 'Availability'), ...common },
    }),
    async (c) =>
      sendCachedJson(
        c.req.header('accept-encoding'),
        await visits.availability(
          ctx,
          requireUser(c, 'visitor', 'staff'),
          c.req.valid('param').prisonerId,
          c.req.valid('query'),
        ),
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/holds`,
      tags: tag('bookings'),
      summary: 'Hold a session for 10 minutes (a new hold releases your previous one)',
      security: bearer,
      request: { headers: idempotencyHeader, body: jsonBody(S.HoldCreate) },
      responses: {
        201: ok(S.Hold, 'Held'),
        ...common,
        409: problem('`slot-unavailable` with `alternatives`'),
      },
    }),
    async (c) => send(201, await visits.createHold(ctx, requireUser(c, 'visitor'), c.req.valid('json'))),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: `${v1}/holds/{holdId}`,
      tags: tag('bookings'),
      summary: 'Release a hold',
      security: bearer,
      request: { params: z.object({ holdId: z.string().min(1).max(64) }) },
      responses: { 204: { description: 'Released' }, ...common },
    }),
    async (c) => {
      await visits.releaseHold(ctx, requireUser(c, 'visitor'), c.req.valid('param').holdId);
      return send(204, null);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/bookings`,
      tags: tag('bookings'),
      summary: 'Confirm a held session as a visit (`booked`, or `requested` when staff must review)',
      security: bearer,
      request: { headers: idempotencyHeader, body: jsonBody(S.BookingCreate) },
      responses: {
        201: ok(S.Visit, 'Booked or requested'),
        ...common,
        409: problem('`hold-expired`'),
        422: problem('`visitor-limits` (with `errors`), `no-allowance`'),
      },
    }),
    async (c) => send(201, await visits.createBooking(ctx, requireUser(c, 'visitor'), c.req.valid('json'))),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/visits`,
      tags: tag('visits'),
      summary: 'Your visits (visitor: booked by you; device: the person in prison’s)',
      security: bearer,
      request: { query: z.object({ scope: z.enum(['upcoming', 'past', 'cancelled']).default('upcoming') }) },
      responses: { 200: ok(z.array(S.Visit), 'Visits'), ...common },
    }),
    async (c) =>
      send(
        200,
        await visits.listVisits(ctx, requireUser(c, 'visitor', 'prisoner'), c.req.valid('query').scope),
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/visits/{visitId}`,
      tags: tag('visits'),
      summary: 'One visit (by id or reference)',
      security: bearer,
      request: { params: VisitIdParam },
      responses: { 200: ok(S.Visit, 'The visit'), ...common },
    }),
    async (c) => {
      const v = await visits.visibleVisit(ctx, requireUser(c), c.req.valid('param').visitId);
      return send(200, await visits.visitDto(ctx.store.db, v));
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/visits/{visitId}/change`,
      tags: tag('visits'),
      summary: 'Move the visit to the held session, atomically (same reference)',
      security: bearer,
      request: { params: VisitIdParam, headers: idempotencyHeader, body: jsonBody(S.ChangeRequest) },
      responses: { 200: ok(S.Visit, 'Moved'), ...common, 409: problem('`hold-expired`, `conflict`') },
    }),
    async (c) =>
      send(
        200,
        await visits.changeVisit(
          ctx,
          requireUser(c, 'visitor'),
          c.req.valid('param').visitId,
          c.req.valid('json').holdId,
        ),
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/visits/{visitId}/cancel`,
      tags: tag('visits'),
      summary: 'Cancel with a reason (owner or staff); refunds the allowance',
      security: bearer,
      request: { params: VisitIdParam, headers: idempotencyHeader, body: jsonBody(S.CancelRequest) },
      responses: { 200: ok(S.Visit, 'Cancelled'), ...common, 409: problem('`conflict` (not cancellable)') },
    }),
    async (c) =>
      send(
        200,
        await visits.cancelVisit(
          ctx,
          requireUser(c, 'visitor', 'staff'),
          c.req.valid('param').visitId,
          c.req.valid('json'),
        ),
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/visits/{visitId}/calendar.ics`,
      tags: tag('visits'),
      summary: 'The visit as an iCalendar event',
      security: bearer,
      request: { params: VisitIdParam },
      responses: {
        200: { content: { 'text/calendar': { schema: z.string() } }, description: 'iCalendar' },
        ...common,
      },
    }),
    async (c) => {
      const p = requireUser(c, 'visitor');
      const v = await visits.visibleVisit(ctx, p, c.req.valid('param').visitId);
      const body = calendar(await visits.visitDto(ctx.store.db, v));
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': `attachment; filename="visit-${v.reference}.ics"`,
        },
      }) as never;
    },
  );

  // ---------- calls ----------
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/visits/{visitId}/call`,
      tags: tag('calls'),
      summary: 'State of the video call',
      security: bearer,
      request: { params: VisitIdParam },
      responses: { 200: ok(S.CallState, 'Call state'), ...common },
    }),
    async (c) => send(200, await calls.getCallState(ctx, requireUser(c), c.req.valid('param').visitId)),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/visits/{visitId}/call/knock`,
      tags: tag('calls'),
      summary: 'Enter the waiting room (visitor) or say the person in prison is ready (device)',
      security: bearer,
      request: { params: VisitIdParam },
      responses: {
        200: ok(S.CallState, 'Waiting'),
        ...common,
        409: problem('`call-ended`, `already-decided`, `conflict`'),
        422: problem('`outside-window`'),
      },
    }),
    async (c) =>
      send(200, await calls.knock(ctx, requireUser(c, 'visitor', 'prisoner'), c.req.valid('param').visitId)),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/visits/{visitId}/call/token`,
      tags: tag('calls'),
      summary:
        'A LiveKit token: lobby while waiting, call once admitted (camera+microphone only, TTL ≤ endsAt + 60 s)',
      security: bearer,
      request: { params: VisitIdParam },
      responses: {
        200: ok(S.CallToken, 'Token'),
        ...common,
        403: problem('`forbidden`, `not-admitted`'),
        409: problem('`call-ended`'),
        422: problem('`outside-window`'),
        503: problem('`unavailable` (video not configured)'),
      },
    }),
    async (c) =>
      send(
        200,
        await calls.callToken(ctx, requireUser(c, 'visitor', 'prisoner'), c.req.valid('param').visitId),
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/visits/{visitId}/events`,
      tags: tag('calls'),
      summary:
        'Server-sent events for one visit: `state` (CallState, first), `warning`, `ended`; heartbeat comments',
      security: bearer,
      request: { params: VisitIdParam },
      responses: {
        200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'Event stream' },
        ...common,
      },
    }),
    async (c) => {
      const p = requireUser(c);
      const visit = await visits.visibleVisit(ctx, p, c.req.valid('param').visitId);
      const state = await calls.getCallState(ctx, p, visit.id);
      return sse.open(c, [{ event: 'state', data: state }], (push) =>
        ctx.hub.onVisit(visit.id, push),
      ) as never;
    },
  );

  // ---------- staff ----------
  const staffRoute = (config: Parameters<typeof createRoute>[0]) =>
    createRoute({ ...config, tags: ['staff'], security: bearer });
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/visits`,
      summary: 'The day’s visits in your prison, with call state',
      request: { query: z.object({ date: S.DateString.optional(), type: S.VisitType.optional() }) },
      responses: { 200: ok(z.array(S.StaffVisit), 'Visits'), ...common },
    }),
    async (c: C) => send(200, await staff.staffVisits(ctx, requireUser(c, 'staff'), queryOf(c))),
  );
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/events`,
      summary:
        'Server-sent events for your prison: `visit` (StaffVisit), `knock` ({ visitId, at, who }), `state` (CallState), `approvals` (ApprovalsChange: a request joined or left the approvals queue)',
      responses: {
        200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'Event stream' },
        ...common,
      },
    }),
    async (c: C) => {
      const p = requireUser(c, 'staff');
      return sse.open(c, [{ event: 'ready', data: { prisonCode: p.prisonCode } }], (push) =>
        ctx.hub.onPrison(p.prisonCode!, push),
      ) as never;
    },
  );
  const staffVisitAction = <T extends z.ZodType>(
    path: string,
    summary: string,
    body: T | undefined,
    response: z.ZodType,
    extra: Record<number, ReturnType<typeof problem>>,
    run: (p: Principal, visitId: string, body: z.infer<T>, c: C) => Promise<unknown>,
    status = 200,
  ) =>
    app.openapi(
      staffRoute({
        method: 'post',
        path: `${v1}/staff/visits/{visitId}/${path}`,
        summary,
        request: body
          ? { params: VisitIdParam, body: jsonBody(body) }
          : { params: VisitIdParam, query: z.object({ lobby: z.enum(['true', 'false']).optional() }) },
        responses: { [status]: ok(response, 'Done'), ...common, ...extra },
      }),
      async (c: C) => {
        const p = requireUser(c, 'staff');
        const { visitId } = (c.req as unknown as { valid(t: 'param'): { visitId: string } }).valid('param');
        const parsed = body
          ? (c.req as unknown as { valid(t: 'json'): z.infer<T> }).valid('json')
          : (undefined as z.infer<T>);
        return send(status, await run(p, visitId, parsed, c));
      },
    );
  staffVisitAction(
    'admit',
    'Admit the waiting visitor',
    undefined,
    S.CallState,
    { 409: problem('`already-decided`, `not-waiting`, `call-ended`') },
    (p, id) => calls.admit(ctx, p, id),
  );
  staffVisitAction(
    'deny',
    'Refuse entry with a reason',
    S.DenyRequest,
    S.CallState,
    { 409: problem('`already-decided`, `not-waiting`, `call-ended`') },
    (p, id, b) => calls.deny(ctx, p, id, b),
  );
  staffVisitAction(
    'warn',
    'Send a warning to the participants (SSE + room metadata)',
    S.WarnRequest,
    S.CallState,
    { 409: problem('`call-ended`') },
    (p, id, b) => calls.warn(ctx, p, id, b.message),
  );
  staffVisitAction(
    'end',
    'End the call with a reason: removes everyone and deletes the room',
    S.EndRequest,
    S.CallState,
    { 409: problem('`call-ended`') },
    (p, id, b) => calls.endByStaff(ctx, p, id, b),
  );
  staffVisitAction(
    'incident',
    'Record an incident note',
    S.IncidentRequest,
    S.Incident,
    {},
    (p, id, b) => staff.recordIncident(ctx, p, id, b.note),
    201,
  );
  staffVisitAction(
    'outcome',
    'Record the outcome',
    S.OutcomeRequest,
    S.Visit,
    { 409: problem('`already-recorded` (send `amend: true` to replace it), `conflict`') },
    (p, id, b) => staff.recordOutcome(ctx, p, id, b),
  );
  staffVisitAction(
    'monitor-token',
    'A hidden, subscribe-only LiveKit token for the call room (`?lobby=true`: the lobby; moves `waiting` to `checking`)',
    undefined,
    S.MonitorToken,
    { 409: problem('`call-ended`'), 422: problem('`outside-window`'), 503: problem('`unavailable`') },
    (p, id, _b, c) => calls.monitorToken(ctx, p, id, c.req.query('lobby') === 'true'),
  );
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/approvals`,
      summary: 'Pending links, visitors and booking requests in your prison',
      responses: { 200: ok(S.Approvals, 'Pending'), ...common },
    }),
    async (c: C) => send(200, await staff.approvals(ctx, requireUser(c, 'staff'))),
  );
  const decisionRoute = (
    kind: 'links' | 'visitors' | 'bookings',
    param: string,
    run: (p: Principal, id: string, b: z.infer<typeof S.DecisionRequest>) => Promise<unknown>,
  ) =>
    app.openapi(
      staffRoute({
        method: 'post',
        path: `${v1}/staff/${kind}/{${param}}/decision`,
        summary: `Approve or reject a pending ${kind.slice(0, -1)}`,
        request: {
          params: z.object({ [param]: z.string().min(1).max(64) }),
          body: jsonBody(S.DecisionRequest),
        },
        responses: {
          200: ok(S.DecisionResult, 'Decided'),
          ...common,
          409: problem('`already-decided`'),
          422: problem('`validation`'),
        },
      }),
      async (c: C) => {
        const p = requireUser(c, 'staff');
        const id = c.req.param(param)!;
        const body = (c.req as unknown as { valid(t: 'json'): z.infer<typeof S.DecisionRequest> }).valid(
          'json',
        );
        return send(200, await run(p, id, body));
      },
    );
  decisionRoute('links', 'linkId', (p, id, b) => staff.decideLink(ctx, p, id, b));
  decisionRoute('visitors', 'visitorId', (p, id, b) => staff.decideVisitor(ctx, p, id, b));
  decisionRoute('bookings', 'visitId', (p, id, b) => staff.decideBooking(ctx, p, id, b));

  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/session-templates`,
      summary: 'Session templates of your prison',
      responses: { 200: ok(z.array(S.Template), 'Templates'), ...common },
    }),
    async (c: C) => send(200, await staff.listTemplates(ctx, requireUser(c, 'staff'))),
  );
  app.openapi(
    staffRoute({
      method: 'post',
      path: `${v1}/staff/session-templates`,
      summary: 'Create a session template',
      request: { headers: idempotencyHeader, body: jsonBody(S.TemplateCreate) },
      responses: { 201: ok(S.Template, 'Created'), ...common },
    }),
    async (c: C) => send(201, await staff.createTemplate(ctx, requireUser(c, 'staff'), jsonOf(c))),
  );
  const TemplateParam = z.object({ id: z.string().min(1).max(64) });
  const ConfirmQuery = z.object({ confirm: z.enum(['true', 'false']).optional() });
  app.openapi(
    staffRoute({
      method: 'patch',
      path: `${v1}/staff/session-templates/{id}`,
      summary: 'Change a template; stranding booked visits needs `?confirm=true` (they are then cancelled)',
      request: { params: TemplateParam, query: ConfirmQuery, body: jsonBody(S.TemplatePatch) },
      responses: {
        200: ok(S.TemplateChange, 'Changed'),
        ...common,
        409: problem('`would-strand` with `affectedVisits`'),
      },
    }),
    async (c: C) =>
      send(
        200,
        await staff.changeTemplate(
          ctx,
          requireUser(c, 'staff'),
          c.req.param('id')!,
          jsonOf(c),
          c.req.query('confirm') === 'true',
        ),
      ),
  );
  app.openapi(
    staffRoute({
      method: 'delete',
      path: `${v1}/staff/session-templates/{id}`,
      summary: 'Retire a template (same strand rule)',
      request: { params: TemplateParam, query: ConfirmQuery },
      responses: { 200: ok(S.TemplateChange, 'Retired'), ...common, 409: problem('`would-strand`') },
    }),
    async (c: C) =>
      send(
        200,
        await staff.changeTemplate(
          ctx,
          requireUser(c, 'staff'),
          c.req.param('id')!,
          'retire',
          c.req.query('confirm') === 'true',
        ),
      ),
  );
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/excluded-dates`,
      summary: 'Dates with no visits',
      responses: { 200: ok(z.array(S.ExcludedDate), 'Excluded dates'), ...common },
    }),
    async (c: C) => send(200, await staff.listExcluded(ctx, requireUser(c, 'staff'))),
  );
  app.openapi(
    staffRoute({
      method: 'post',
      path: `${v1}/staff/excluded-dates`,
      summary: 'Exclude a date; stranding booked visits needs `?confirm=true`',
      request: { query: ConfirmQuery, headers: idempotencyHeader, body: jsonBody(S.ExcludedDateCreate) },
      responses: { 201: ok(S.ExcludedDateChange, 'Excluded'), ...common, 409: problem('`would-strand`') },
    }),
    async (c: C) =>
      send(
        201,
        await staff.addExcluded(ctx, requireUser(c, 'staff'), jsonOf(c), c.req.query('confirm') === 'true'),
      ),
  );
  app.openapi(
    staffRoute({
      method: 'delete',
      path: `${v1}/staff/excluded-dates/{date}`,
      summary: 'Remove an excluded date',
      request: { params: z.object({ date: S.DateString }) },
      responses: { 204: { description: 'Removed' }, ...common },
    }),
    async (c: C) => {
      await staff.removeExcluded(
        ctx,
        requireUser(c, 'staff'),
        (c.req as unknown as { valid(t: 'param'): { date: string } }).valid('param').date,
      );
      return send(204, null);
    },
  );
  app.openapi(
    staffRoute({
      method: 'post',
      path: `${v1}/staff/devices`,
      summary: 'Create a kiosk/tablet pairing code for one person in prison (15 minutes, single use)',
      request: { headers: idempotencyHeader, body: jsonBody(S.DeviceCreate) },
      responses: { 201: ok(S.DevicePairing, 'Pairing code'), ...common },
    }),
    async (c: C) => send(201, await staff.createDevice(ctx, requireUser(c, 'staff'), jsonOf(c))),
  );
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/audit`,
      summary: 'Audit trail of your prison (newest first)',
      request: {
        query: z.object({
          visitId: z.string().min(1).max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
      responses: { 200: ok(z.array(S.AuditEntry), 'Entries'), ...common },
    }),
    async (c: C) => send(200, await staff.auditTrail(ctx, requireUser(c, 'staff'), queryOf(c))),
  );
}

function jsonOf<T>(c: C): T {
  return (c.req as unknown as { valid(t: 'json'): T }).valid('json');
}
function queryOf<T>(c: C): T {
  return (c.req as unknown as { valid(t: 'query'): T }).valid('query');
}

async function me(ctx: AppContext, p: Principal) {
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

// ---------- server-sent events ----------

export interface SseRegistry {
  open(
    c: C,
    first: { event: string; data: unknown }[],
    subscribe: (push: (e: { event: string; data: unknown }) => void) => () => void,
  ): Response;
  closeAll(): void;
}

export function sseRegistry(ctx: AppContext): SseRegistry {
  const open = new Set<() => void>();
  return {
    open(c, first, subscribe) {
      c.header('cache-control', 'no-store');
      c.header('x-accel-buffering', 'no');
      return streamSSE(c, async (stream) => {
        let finish!: () => void;
        const done = new Promise<void>((resolve) => (finish = resolve));
        open.add(finish);
        stream.onAbort(finish);
        let chain = Promise.resolve();
        const write = (e: { event: string; data: unknown }) => {
          chain = chain
            .then(() => stream.writeSSE({ event: e.event, data: JSON.stringify(e.data) }))
            .catch(() => finish());
        };
        for (const e of first) write(e);
        const off = subscribe(write);
        const heartbeat = setInterval(() => {
          chain = chain
            .then(() => stream.write(': heartbeat\n\n').then(() => undefined))
            .catch(() => finish());
        }, ctx.config.heartbeatMs);
        try {
          await done;
        } finally {
          clearInterval(heartbeat);
          off();
          open.delete(finish);
        }
      });
    },
    closeAll() {
      for (const finish of [...open]) finish();
    },
  };
}

export { forbidden, notFound };
