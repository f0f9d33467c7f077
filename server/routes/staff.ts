// Routes tagged `staff`: the prison's day, its event stream, call control, approvals, sessions, devices, audit.
import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { requireUser } from '../auth.js';
import * as calls from '../calls.js';
import type { AppContext, AppEnv, Principal } from '../context.js';
import * as S from '../schemas.js';
import * as sessions from '../sessions.js';
import * as staff from '../staff.js';
import {
  bearer,
  common,
  idempotencyHeader,
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
import type { SseRegistry } from './sse.js';

export function registerStaffRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext, sse: SseRegistry) {
  // ---------- staff ----------
  const staffRoute = <R extends Omit<RouteConfig, 'tags' | 'security'>>(config: R) =>
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
        429: problem('`rate-limited`: this caller has as many event streams open as it may (`Retry-After`)'),
      },
    }),
    async (c: C) => {
      const p = requireUser(c, 'staff');
      return sse.open(c, [{ event: 'ready', data: { prisonCode: p.prisonCode } }], (push) =>
        ctx.hub.onPrison(p.prisonCode!, push),
      );
    },
  );
  // An action on one visit. Its answer is typed by `run`, which must return the response schema's shape.
  const staffVisitAction = <T extends z.ZodType, R extends z.ZodType>(
    path: string,
    summary: string,
    body: T | undefined,
    response: R,
    extra: Record<number, ReturnType<typeof problem>>,
    run: (p: Principal, visitId: string, body: z.infer<T>, c: C) => Promise<z.infer<R>>,
    status: 200 | 201 = 200,
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
        // `run` is already checked against the response schema; the route built here is too generic to check again.
        return send(status, (await run(p, visitId, parsed, c)) as Record<string, unknown>);
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
    {
      403: problem(
        '`legal-visit`: a legal visit is never monitored (the lobby only until admission), audited',
      ),
      409: problem('`call-ended`'),
      422: problem('`outside-window`'),
      503: problem('`unavailable`'),
    },
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
    run: (
      p: Principal,
      id: string,
      b: z.infer<typeof S.DecisionRequest>,
    ) => Promise<z.infer<typeof S.DecisionResult>>,
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
    async (c: C) => send(200, await sessions.listTemplates(ctx, requireUser(c, 'staff'))),
  );
  app.openapi(
    staffRoute({
      method: 'post',
      path: `${v1}/staff/session-templates`,
      summary: 'Create a session template',
      request: { headers: idempotencyHeader, body: jsonBody(S.TemplateCreate) },
      responses: { 201: ok(S.Template, 'Created'), ...common },
    }),
    async (c: C) => send(201, await sessions.createTemplate(ctx, requireUser(c, 'staff'), jsonOf(c))),
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
        await sessions.changeTemplate(
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
        await sessions.changeTemplate(
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
    async (c: C) => send(200, await sessions.listExcluded(ctx, requireUser(c, 'staff'))),
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
        await sessions.addExcluded(
          ctx,
          requireUser(c, 'staff'),
          jsonOf(c),
          c.req.query('confirm') === 'true',
        ),
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
      await sessions.removeExcluded(
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
      path: `${v1}/staff/devices`,
      summary: 'The kiosks and tablets of people in your prison, paired or waiting for their code',
      responses: { 200: ok(z.array(S.Device), 'Devices, newest first'), ...common },
    }),
    async (c: C) => send(200, await staff.listDevices(ctx, requireUser(c, 'staff'))),
  );
  app.openapi(
    staffRoute({
      method: 'delete',
      path: `${v1}/staff/devices/{deviceId}`,
      summary:
        'Remove a kiosk or tablet: its code stops working and its sessions and open event streams end within seconds on every replica',
      request: { params: z.object({ deviceId: z.string().min(1).max(64) }) },
      responses: { 204: { description: 'Removed' }, ...common },
    }),
    async (c: C) => {
      const { deviceId } = (c.req as unknown as { valid(t: 'param'): { deviceId: string } }).valid('param');
      await staff.removeDevice(ctx, requireUser(c, 'staff'), deviceId);
      sse.closeWhere((caller) => caller === `prisoner:${deviceId}`);
      return send(204, null);
    },
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
