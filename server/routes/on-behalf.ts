// Routes tagged `staff` for acting for a family (phone bookings: find the family, hold, book, change, cancel) and
// for visit allowance adjustments. Thin handlers over server/on-behalf.ts and server/allowance-adjustments.ts.
import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import * as allowance from '../allowance-adjustments.js';
import { requireUser } from '../auth.js';
import type { AppContext, AppEnv } from '../context.js';
import * as onBehalf from '../on-behalf.js';
import * as S from '../schemas.js';
import * as O from '../schemas-on-behalf.js';
import { common, idempotencyHeader, jsonBody, ok, problem, send, v1, bearer } from './common.js';

const FamilyParam = z.object({
  userId: z.string().min(1).max(64).openapi({ description: 'the family’s account id' }),
});
const FamilyVisitParam = FamilyParam.extend({
  visitId: z.string().min(1).max(64).openapi({ description: 'Visit id or reference' }),
});
const FamilyHoldParam = FamilyParam.extend({ holdId: z.string().min(1).max(64) });

export function registerOnBehalfRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext) {
  const staffRoute = <R extends Omit<RouteConfig, 'tags' | 'security'>>(config: R) =>
    createRoute({ ...config, tags: ['staff'], security: bearer });

  // ---------- acting for a family ----------
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/families`,
      summary:
        'Families with approved links to people in your prison, by exact email or by the person’s prison number (to book for them)',
      request: { query: O.FamilyQuery },
      responses: { 200: ok(z.array(O.StaffFamily), 'Families (at most 50 links)'), ...common },
    }),
    async (c) => send(200, await onBehalf.findFamilies(ctx, requireUser(c, 'staff'), c.req.valid('query'))),
  );
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/families/{userId}/visits`,
      summary: 'The family’s upcoming visits in your prison (to change or cancel one for them)',
      request: { params: FamilyParam },
      responses: { 200: ok(z.array(S.Visit), 'Upcoming visits, soonest first'), ...common },
    }),
    async (c) =>
      send(200, await onBehalf.familyVisits(ctx, requireUser(c, 'staff'), c.req.valid('param').userId)),
  );
  app.openapi(
    staffRoute({
      method: 'post',
      path: `${v1}/staff/families/{userId}/holds`,
      summary:
        'Hold a session for the family, with the family’s rules (a new hold releases the family’s previous one)',
      request: { params: FamilyParam, headers: idempotencyHeader, body: jsonBody(S.HoldCreate) },
      responses: {
        201: ok(S.Hold, 'Held'),
        ...common,
        409: problem('`slot-unavailable` with `alternatives`'),
      },
    }),
    async (c) =>
      send(
        201,
        await onBehalf.holdFor(
          ctx,
          requireUser(c, 'staff'),
          c.req.valid('param').userId,
          c.req.valid('json'),
        ),
      ),
  );
  app.openapi(
    staffRoute({
      method: 'delete',
      path: `${v1}/staff/families/{userId}/holds/{holdId}`,
      summary: 'Release a hold made for the family',
      request: { params: FamilyHoldParam },
      responses: { 204: { description: 'Released' }, ...common },
    }),
    async (c) => {
      const { userId, holdId } = c.req.valid('param');
      await onBehalf.releaseHoldFor(ctx, requireUser(c, 'staff'), userId, holdId);
      return send(204, null);
    },
  );
  app.openapi(
    staffRoute({
      method: 'post',
      path: `${v1}/staff/families/{userId}/bookings`,
      summary:
        'Book the held session for the family by phone: the family’s rules and allowance apply, the audit names you for the family, and the family is told',
      request: { params: FamilyParam, headers: idempotencyHeader, body: jsonBody(S.BookingCreate) },
      responses: {
        201: ok(S.Visit, 'Booked or requested'),
        ...common,
        409: problem('`hold-expired`'),
        422: problem('`visitor-limits` (with `errors`), `no-allowance`'),
      },
    }),
    async (c) =>
      send(
        201,
        await onBehalf.bookFor(
          ctx,
          requireUser(c, 'staff'),
          c.req.valid('param').userId,
          c.req.valid('json'),
        ),
      ),
  );
  app.openapi(
    staffRoute({
      method: 'post',
      path: `${v1}/staff/families/{userId}/visits/{visitId}/change`,
      summary:
        'Move the family’s visit to a session held for them, by phone (same reference); the family is told',
      request: { params: FamilyVisitParam, headers: idempotencyHeader, body: jsonBody(S.ChangeRequest) },
      responses: {
        200: ok(S.Visit, 'Moved'),
        ...common,
        409: problem('`hold-expired`, `conflict`, `call-ended`'),
      },
    }),
    async (c) => {
      const { userId, visitId } = c.req.valid('param');
      return send(
        200,
        await onBehalf.changeFor(ctx, requireUser(c, 'staff'), userId, visitId, c.req.valid('json').holdId),
      );
    },
  );
  app.openapi(
    staffRoute({
      method: 'post',
      path: `${v1}/staff/families/{userId}/visits/{visitId}/cancel`,
      summary: 'Cancel the family’s visit as they asked by phone; refunds the allowance; the family is told',
      request: { params: FamilyVisitParam, headers: idempotencyHeader, body: jsonBody(S.CancelRequest) },
      responses: {
        200: ok(S.Visit, 'Cancelled'),
        ...common,
        409: problem('`conflict` (not cancellable), `call-ended`'),
      },
    }),
    async (c) => {
      const { userId, visitId } = c.req.valid('param');
      return send(
        200,
        await onBehalf.cancelFor(ctx, requireUser(c, 'staff'), userId, visitId, c.req.valid('json')),
      );
    },
  );

  // ---------- visit allowance adjustments ----------
  app.openapi(
    staffRoute({
      method: 'get',
      path: `${v1}/staff/prisoners/{prisonerId}/allowance`,
      summary:
        'A person’s visit allowance in your prison and the adjustments staff made to it (newest first)',
      request: { params: O.PrisonerParam },
      responses: { 200: ok(O.AllowanceHistory, 'Balance and history'), ...common },
    }),
    async (c) =>
      send(
        200,
        await allowance.allowanceHistory(ctx, requireUser(c, 'staff'), c.req.valid('param').prisonerId),
      ),
  );
  app.openapi(
    staffRoute({
      method: 'post',
      path: `${v1}/staff/prisoners/{prisonerId}/allowance/adjustments`,
      summary:
        'Grant (positive `delta`) or remove (negative) visits with a reason; atomic, audited; the balance stays between 0 and `max`',
      request: {
        params: O.PrisonerParam,
        headers: idempotencyHeader,
        body: jsonBody(O.AllowanceAdjustmentCreate),
      },
      responses: {
        201: ok(O.AllowanceHistory.extend({ adjustment: O.AllowanceAdjustment }), 'Adjusted'),
        ...common,
        409: problem('`conflict`: the balance changed at the same moment; try again'),
        422: problem('`allowance-limit`: the balance would go below zero or above `max`'),
      },
    }),
    async (c) =>
      send(
        201,
        await allowance.adjustAllowance(
          ctx,
          requireUser(c, 'staff'),
          c.req.valid('param').prisonerId,
          c.req.valid('json'),
        ),
      ),
  );
}
