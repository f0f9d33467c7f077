// Operations: Prometheus metrics on /metrics, liveness (/livez) apart from readiness (/readyz), request ids and
// one structured log line per request. Outside /api: these are for the platform, not for the components.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppContext, AppEnv, Metrics } from './context.js';

/** A request id we accept from a client or balancer: short and plain, so it is safe in logs. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function createMetrics(ctx: AppContext): Metrics {
  const registry = new Registry();
  if (ctx.config.replicaName) registry.setDefaultLabels({ replica: ctx.config.replicaName });
  collectDefaultMetrics({ register: registry, prefix: 'visitkit_process_' });
  const bookings = new Counter({
    name: 'visitkit_bookings_total',
    help: 'Visits booked through this replica',
    registers: [registry],
  });
  const admissions = new Counter({
    name: 'visitkit_admissions_total',
    help: 'Admissions to a call made through this replica',
    registers: [registry],
  });
  const credited = new Counter({
    name: 'visitkit_lost_time_credited_seconds_total',
    help: 'Seconds of lost connection credited back to visits (webhooks handled by this replica)',
    registers: [registry],
  });
  const credits = new Counter({
    name: 'visitkit_lost_time_credits_total',
    help: 'Times lost connection time was credited',
    registers: [registry],
  });
  new Gauge({
    name: 'visitkit_event_stream_listeners',
    help: 'Open server-sent event subscriptions on this replica',
    registers: [registry],
    collect() {
      this.set(ctx.hub.listeners);
    },
  });
  new Gauge({
    name: 'visitkit_active_calls',
    help: 'Calls admitted or in progress (whole service: read from the database, the same on every replica)',
    registers: [registry],
    async collect() {
      const row = await ctx.store.db
        .selectFrom('calls')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['admitted', 'in-call'])
        .executeTakeFirst()
        .catch(() => undefined);
      if (row) this.set(Number(row.n));
    },
  });
  // no store when the app is only built for its contract (server/contract.ts)
  const pool = ctx.store?.pool;
  if (pool) {
    const poolGauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    poolGauge(
      'visitkit_db_pool_connections',
      'PostgreSQL connections open in the pool',
      () => pool.totalCount,
    );
    poolGauge('visitkit_db_pool_idle', 'PostgreSQL connections idle in the pool', () => pool.idleCount);
    poolGauge('visitkit_db_pool_waiting', 'Queries waiting for a pooled connection', () => pool.waitingCount);
  }
  return {
    registry,
    audited(action, details) {
      if (action === 'visit.booked') bookings.inc();
      else if (action === 'call.admitted') admissions.inc();
      else if (action === 'call.time-credited') {
        credits.inc();
        const seconds = Number(details?.seconds);
        if (Number.isFinite(seconds) && seconds > 0) credited.inc(seconds);
      }
    },
  };
}

/** Registers the request middleware (ids, metrics, log line) and /metrics, /livez, /readyz. */
export function observe(app: OpenAPIHono<AppEnv>, ctx: AppContext): Metrics {
  const metrics = (ctx.metrics ??= createMetrics(ctx));
  const requests = new Counter({
    name: 'visitkit_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [metrics.registry],
  });
  const duration = new Histogram({
    name: 'visitkit_http_request_duration_seconds',
    help: 'Time to the response headers, by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics.registry],
  });

  app.use('*', async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    await next();
    c.res.headers.set('x-request-id', requestId);
    // route pattern only (`/api/v1/visits/:visitId`): no ids, no query strings, no bodies
    const route = c.req.routePath === '*' || c.req.routePath === '/*' ? 'unmatched' : c.req.routePath;
    if (route === '/metrics') return;
    const seconds = (performance.now() - started) / 1000;
    const status = String(c.res.status);
    requests.inc({ method: c.req.method, route, status });
    duration.observe({ method: c.req.method, route }, seconds);
    if (ctx.config.log && route !== '/livez' && route !== '/readyz')
      ctx.log(
        ctx.config.logJson
          ? JSON.stringify({
              msg: 'request',
              requestId,
              method: c.req.method,
              route,
              status: c.res.status,
              ms: Math.round(seconds * 10_000) / 10,
            })
          : `${c.req.method} ${route} ${status} ${(seconds * 1000).toFixed(1)}ms ${requestId}`,
      );
  });

  app.get('/metrics', async (c) => {
    const token = ctx.config.metricsToken;
    if (token && c.req.header('authorization') !== `Bearer ${token}`)
      return c.text('metrics need the bearer token (METRICS_TOKEN)\n', 401);
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
  // Alive: the process answers. A balancer restarts on this failing, so it checks nothing outside.
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  // Ready: this replica can serve a visit now — its database answers and, when configured, LiveKit does.
  app.get('/readyz', async (c) => {
    let database: 'ok' | 'down' = 'ok';
    try {
      await ctx.store.db.selectFrom('prisons').select('code').limit(1).execute();
    } catch {
      database = 'down';
    }
    const livekit = !ctx.media.config ? 'not-configured' : (await ctx.media.healthy()) ? 'ok' : 'down';
    const ready = database === 'ok' && livekit !== 'down';
    return c.json({ status: ready ? 'ready' : 'not-ready', database, livekit }, ready ? 200 : 503);
  });
  return metrics;
}
