// Routes tagged `prisons`, `links`, `bookings` and `visits`: what families (and devices) use to book and manage visits.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../auth.js';
import type { AppContext, AppEnv } from '../context.js';
import * as links from '../links.js';
import { answerLanguage } from '../i18n/request.js';
import { calendar } from '../notify.js';
import * as S from '../schemas.js';
import * as visits from '../visits/index.js';
import {
  bearer,
  common,
  idempotencyHeader,
  jsonBody,
  ok,
  problem,
  send,
  sendCachedJson,
  tag,
  v1,
  VisitIdParam,
} from './common.js';
import type { SseRegistry } from './sse.js';

export function registerFamilyRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext, sse: SseRegistry) {
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
      method: 'post',
      path: `${v1}/holds/{holdId}/extend`,
      tags: tag('bookings'),
      summary: 'Give a hold 10 more minutes, once (the person asked for more time)',
      security: bearer,
      request: { params: z.object({ holdId: z.string().min(1).max(64) }) },
      responses: {
        200: ok(S.Hold, 'Extended'),
        ...common,
        409: problem('`hold-expired`; `conflict` when the hold was already extended'),
      },
    }),
    async (c) =>
      send(200, await visits.extendHold(ctx, requireUser(c, 'visitor'), c.req.valid('param').holdId)),
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
      path: `${v1}/family/events`,
      tags: tag('visits'),
      summary:
        'Server-sent events for your own visits and links: `ready` (first), `visit` (Visit: booked, changed, cancelled, approved, its call ended with `callOutcome`), `link` ({ kind, id, status }: a link or visitor decided); heartbeat comments',
      security: bearer,
      responses: {
        200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'Event stream' },
        ...common,
      },
    }),
    async (c) => {
      // Keyed by the signed-in visitor: the hub publishes to a user only what is about their own visits.
      const p = requireUser(c, 'visitor');
      return sse.open(c, [{ event: 'ready', data: {} }], (push) => ctx.hub.onUser(p.id, push));
    },
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
      responses: {
        200: ok(S.Visit, 'Moved'),
        ...common,
        409: problem('`hold-expired`, `conflict`, `call-ended`'),
      },
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
      responses: {
        200: ok(S.Visit, 'Cancelled'),
        ...common,
        409: problem('`conflict` (not cancellable), `call-ended`'),
      },
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
      const body = calendar(await visits.visitDto(ctx.store.db, v), await answerLanguage(ctx, c));
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': `attachment; filename="visit-${v.reference}.ics"`,
        },
      });
    },
  );
}
