// Routes tagged `staff` for data protection: the tamper-evident audit export, chain verification, legal holds.
import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import * as auditing from '../audit.js';
import { requireUser } from '../auth.js';
import type { AppContext, AppEnv } from '../context.js';
import * as DP from '../schemas-data-protection.js';
import * as S from '../schemas.js';
import {
  bearer,
  common,
  idempotencyHeader,
  jsonBody,
  jsonOf,
  ok,
  queryOf,
  send,
  v1,
  type C,
} from './common.js';

export function registerDataProtectionRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext) {
  const staffRoute = <R extends Omit<RouteConfig, 'tags' | 'security'>>(config: R) =>
    createRoute({ ...config, tags: ['staff'], security: bearer });
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/audit/export`,
      summary:
        'Export your prison’s audit trail for a date range (JSON or CSV), each row with its place and hashes in the prison’s hash chain, and whether the whole chain verifies',
      request: { query: DP.AuditExportQuery },
      responses: {
        200: {
          content: {
            'application/json': { schema: DP.AuditExport },
            'text/csv': { schema: z.string() },
          },
          description:
            "The export. CSV columns: seq,id,at,actor,role,action,subject,visit_id,prison_code,channel,details,prev_hash,hash (a cell a spreadsheet would run as a formula starts with ')",
        },
        ...common,
      },
    }),
    async (c: C) => {
      const query = queryOf<{ from: string; to: string; format?: 'json' | 'csv' }>(c);
      const data = await auditing.exportAudit(ctx, requireUser(c, 'staff'), query);
      if (query.format === 'csv')
        return new Response(auditing.auditCsv(data), {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="audit-${data.prisonCode}-${data.from}-${data.to}.csv"`,
          },
        }) as unknown as ReturnType<typeof send<200, typeof data>>;
      return send(200, data, {
        'content-disposition': `attachment; filename="audit-${data.prisonCode}-${data.from}-${data.to}.json"`,
      });
    },
  );
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/audit/verify`,
      summary: 'Re-hash your prison’s whole audit chain and report any edited, deleted or re-linked row',
      responses: { 200: ok(DP.AuditVerification, 'The result'), ...common },
    }),
    async (c: C) => send(200, await auditing.verifyPrisonAudit(ctx, requireUser(c, 'staff'))),
  );
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/legal-holds`,
      summary: 'The active legal holds of your prison',
      responses: { 200: ok(z.array(DP.LegalHold), 'Holds'), ...common },
    }),
    async (c: C) => send(200, await auditing.legalHolds(ctx, requireUser(c, 'staff'))),
  );
  app.openapi(
    staffRoute({
      method: 'post',
      path: `${v1}/staff/legal-holds`,
      summary:
        'Keep a visit’s records (the visit, its contact details, its audit) past their retention period, e.g. while a security incident is investigated',
      request: { headers: idempotencyHeader, body: jsonBody(DP.LegalHoldCreate) },
      responses: { 201: ok(DP.LegalHold, 'Placed'), ...common },
    }),
    async (c: C) => send(201, await auditing.placeLegalHold(ctx, requireUser(c, 'staff'), jsonOf(c))),
  );
  app.openapi(
    staffRoute({
      method: 'delete',
      path: `${v1}/staff/legal-holds/{holdId}`,
      summary: 'Release a legal hold (the records then follow their retention period again)',
      request: { params: z.object({ holdId: S.Id }) },
      responses: { 200: ok(DP.LegalHold, 'Released'), ...common },
    }),
    async (c: C) =>
      send(
        200,
        await auditing.releaseLegalHold(
          ctx,
          requireUser(c, 'staff'),
          (c.req as unknown as { valid(t: 'param'): { holdId: string } }).valid('param').holdId,
        ),
      ),
  );
}
