// Routes tagged `prison-events`: facts an integrating prison system reports, and staff's review of the
// visits they put in doubt (server/prison-events.ts).
import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { requireUser } from '../auth.js';
import type { AppContext, AppEnv } from '../context.js';
import * as events from '../prison-events.js';
import * as PE from '../schemas-prison-events.js';
import * as S from '../schemas.js';
import {
  bearer,
  common,
  idempotencyHeader,
  jsonBody,
  jsonOf,
  ok,
  problem,
  send,
  v1,
  VisitIdParam,
  type C,
} from './common.js';

export function registerPrisonEventRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext) {
  const route = <R extends Omit<RouteConfig, 'tags' | 'security'>>(config: R) =>
    createRoute({ ...config, tags: ['prison-events'], security: bearer });
  app.openapi(
    route({
      method: 'post',
      path: `${v1}/staff/prison-events`,
      summary:
        'Report a fact about your prison (a release, transfer, restriction, banned visitor, non-association, blocked session or excluded date): affected future visits are cancelled where the rule is certain, otherwise flagged for review; families are told',
      request: { headers: idempotencyHeader, body: jsonBody(PE.PrisonEvent) },
      responses: {
        201: ok(PE.PrisonEventResult, 'Stored and applied'),
        200: ok(
          PE.PrisonEventResult,
          'That event id was reported before: its first result (`replayed: true`)',
        ),
        ...common,
        409: problem('`conflict`: the same event id is still being applied'),
      },
    }),
    async (c: C) => {
      const { status, result } = await events.reportPrisonEvent(ctx, requireUser(c, 'staff'), jsonOf(c));
      return status === 201 ? send(201, result) : send(200, result);
    },
  );
  app.openapi(
    route({
      method: 'get',
      path: `${v1}/staff/reviews`,
      summary: 'Future visits of your prison flagged for review, soonest first, with the facts behind each',
      responses: { 200: ok(z.array(S.StaffVisit), 'Visits needing review'), ...common },
    }),
    async (c: C) => send(200, await events.listReviews(ctx, requireUser(c, 'staff'))),
  );
  app.openapi(
    route({
      method: 'post',
      path: `${v1}/staff/visits/{visitId}/review`,
      summary: 'Keep a flagged visit (the flag clears) or cancel it; the family is told either way',
      request: { params: VisitIdParam, body: jsonBody(PE.ReviewDecision) },
      responses: {
        200: ok(S.StaffVisit, 'Decided'),
        ...common,
        409: problem('`conflict`: the visit is not flagged, or no longer booked'),
      },
    }),
    async (c: C) => {
      const { visitId } = (c.req as unknown as { valid(t: 'param'): { visitId: string } }).valid('param');
      return send(200, await events.decideReview(ctx, requireUser(c, 'staff'), visitId, jsonOf(c)));
    },
  );
}
