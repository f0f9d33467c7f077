// Routes for who watched (staff), subject access and erasure (the family member; staff action erasure).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../auth.js';
import type { AppContext, AppEnv } from '../context.js';
import * as monitoring from '../monitoring.js';
import * as DP from '../schemas-data-protection.js';
import * as S from '../schemas.js';
import * as rights from '../subject-rights.js';
import {
  bearer,
  common,
  jsonBody,
  jsonOf,
  ok,
  problem,
  queryOf,
  send,
  v1,
  VisitIdParam,
  type C,
} from './common.js';

export function registerSubjectRightsRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/staff/visits/{visitId}/monitor-sessions`,
      tags: ['staff'],
      security: bearer,
      summary:
        'Who watched this visit hidden (monitor tokens, joins and leaves): any member of staff of the visit’s prison',
      request: { params: VisitIdParam },
      responses: { 200: ok(z.array(DP.MonitorSession), 'Sessions, oldest first'), ...common },
    }),
    async (c: C) =>
      send(
        200,
        await monitoring.monitorSessions(
          ctx,
          requireUser(c, 'staff'),
          (c.req as unknown as { valid(t: 'param'): { visitId: string } }).valid('param').visitId,
        ),
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/family/me/export`,
      tags: ['visits'],
      security: bearer,
      summary:
        'Everything held about you (subject access): your record, links and visitors, visits with their call outcome and quality, your audit rows and the messages sent to you. `format=html`: a readable page',
      request: { query: z.object({ format: z.enum(['json', 'html']).optional() }) },
      responses: {
        200: {
          content: {
            'application/json': { schema: DP.SubjectExport },
            'text/html': { schema: z.string() },
          },
          description: 'Your data (a download)',
        },
        ...common,
      },
    }),
    async (c: C) => {
      const { format } = queryOf<{ format?: 'json' | 'html' }>(c);
      const data = await rights.subjectAccess(ctx, requireUser(c, 'visitor'));
      const day = data.generatedAt.slice(0, 10);
      if (format === 'html')
        return new Response(rights.subjectHtml(data), {
          status: 200,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'content-disposition': `attachment; filename="my-data-${day}.html"`,
            'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          },
        }) as unknown as ReturnType<typeof send<200, typeof data>>;
      return send(200, data, { 'content-disposition': `attachment; filename="my-data-${day}.json"` });
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/family/me/erasure`,
      tags: ['visits'],
      security: bearer,
      summary: 'Your newest erasure request and where it is (`request: null`: you have not asked)',
      responses: { 200: ok(DP.ErasureStatus, 'The newest request, if any'), ...common },
    }),
    async (c: C) => send(200, await rights.latestErasure(ctx, requireUser(c, 'visitor'))),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/family/me/erasure`,
      tags: ['visits'],
      security: bearer,
      summary:
        'Ask for everything held about you to be erased. Staff of a prison holding your data decide; with none, it is done at once. Asking again returns the open request',
      responses: { 201: ok(DP.ErasureRequest, 'The request'), ...common },
    }),
    async (c: C) => send(201, await rights.requestErasure(ctx, requireUser(c, 'visitor'))),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `${v1}/staff/erasure-requests`,
      tags: ['staff'],
      security: bearer,
      summary: 'Erasure requests from people whose data your prison holds',
      request: { query: z.object({ status: z.enum(['requested', 'erased', 'refused']).optional() }) },
      responses: { 200: ok(z.array(DP.StaffErasureRequest), 'Requests, oldest first'), ...common },
    }),
    async (c: C) =>
      send(
        200,
        await rights.erasureRequests(
          ctx,
          requireUser(c, 'staff'),
          queryOf<{ status?: 'requested' | 'erased' | 'refused' }>(c).status,
        ),
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: `${v1}/staff/erasure-requests/{requestId}/decision`,
      tags: ['staff'],
      security: bearer,
      summary:
        'Erase (visits under a legal hold or with a recent incident are kept; audit rows are redacted, the chain still verifies) or refuse with a reason',
      request: { params: z.object({ requestId: S.Id }), body: jsonBody(DP.ErasureDecision) },
      responses: {
        200: ok(DP.ErasureRequest, 'Decided'),
        ...common,
        409: problem('`already-decided`'),
      },
    }),
    async (c: C) =>
      send(
        200,
        await rights.decideErasure(
          ctx,
          requireUser(c, 'staff'),
          (c.req as unknown as { valid(t: 'param'): { requestId: string } }).valid('param').requestId,
          jsonOf(c),
        ),
      ),
  );
}
