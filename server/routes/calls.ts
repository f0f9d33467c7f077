// Routes tagged `calls`: the video call's state, knocking, tokens and the visit's event stream.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../auth.js';
import * as calls from '../calls.js';
import type { AppContext, AppEnv } from '../context.js';
import * as S from '../schemas.js';
import { visibleVisit } from '../visits/index.js';
import { common, bearer, ok, problem, send, tag, v1, VisitIdParam } from './common.js';
import type { SseRegistry } from './sse.js';

export function registerCallRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext, sse: SseRegistry) {
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
        429: problem('`rate-limited`: this caller has as many event streams open as it may (`Retry-After`)'),
      },
    }),
    async (c) => {
      const p = requireUser(c);
      const visit = await visibleVisit(ctx, p, c.req.valid('param').visitId);
      const state = await calls.getCallState(ctx, p, visit.id);
      return sse.open(c, [{ event: 'state', data: state }], (push) => ctx.hub.onVisit(visit.id, push));
    },
  );
}
