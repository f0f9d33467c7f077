// Routes for call-quality evidence: the participants send summaries, staff of the prison read them.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../auth.js';
import { recordQuality, staffCallQuality } from '../call-quality.js';
import type { AppContext, AppEnv } from '../context.js';
import * as S from '../schemas.js';
import { common, bearer, ok, problem, send, tag, v1, VisitIdParam } from './common.js';

export function registerQualityRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext) {
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/visits/{visitId}/call/quality`,
      tags: tag('calls'),
      summary:
        'Send this side’s connection summary (cumulative since joining): during the call at most every 10 s, and once `final` after it',
      security: bearer,
      request: {
        params: VisitIdParam,
        body: { content: { 'application/json': { schema: S.QualitySummary } }, required: true },
      },
      responses: {
        200: ok(S.CallQuality, 'Stored'),
        ...common,
        409: problem('`call-ended` (more than 15 minutes after the end)'),
        429: problem('`rate-limited` (`retryAfter`)'),
      },
    }),
    async (c) =>
      send(
        200,
        await recordQuality(
          ctx,
          requireUser(c, 'visitor', 'prisoner'),
          c.req.valid('param').visitId,
          c.req.valid('json'),
        ),
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/staff/visits/{visitId}/call/quality`,
      tags: ['staff'],
      summary: 'The call’s quality evidence: each side’s latest summary beside the lost-time credit',
      security: bearer,
      request: { params: VisitIdParam },
      responses: { 200: ok(S.CallQuality, 'Quality'), ...common },
    }),
    async (c) =>
      send(200, await staffCallQuality(ctx, requireUser(c, 'staff'), c.req.valid('param').visitId)),
  );
}
