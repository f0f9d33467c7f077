// The reference backend: createServer(config) → { app, listen(), close(), seed() }.
import { serve, type ServerType } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { authMiddleware } from './auth.js';
import { enforceOnce, handleWebhook } from './calls.js';
import type { AppContext, AppEnv, RateLimits, ServerConfig } from './context.js';
import { openDatabase, type Store } from './db.js';
import { Hub, startPgRelay } from './hub.js';
import { Media } from './media.js';
import { observe } from './metrics.js';
import { issueEnrolmentCode } from './passkeys.js';
import { sendDueReminders } from './notify.js';
import { notifySmsTransport } from './notify-channels/govuk-notify.js';
import { consoleTransport, DEFAULT_RETRY, Outbox, smtpTransport, type Transport } from './outbox.js';
import { askedLanguage, answerLanguage } from './i18n/request.js';
import { pruneSessions } from './session-state.js';
import { signInLimits } from './limits.js';
import { ApiError, problemResponse } from './problems.js';
import { purgeExpired } from './retention.js';
import { registerRoutes, send, sseRegistry } from './routes/index.js';
import { completeResponses, notFoundOrWrongMethod } from './routes/statuses.js';
import * as S from './schemas.js';
import { seed as seedData, SEED } from './seed.js';
import { dateIn } from './time.js';
import { audit, newId, parseJson } from './util.js';
import { forgetAvailability, forgetAvailabilityOnWrite } from './visits/availability.js';
import { insertVisit, newCallRow } from './visits/bookings.js';
import { visitDto } from './visits/dto.js';

export const DEFAULT_SQLITE = '.data/visit-kit.sqlite';

export interface VisitKitServer {
  app: OpenAPIHono<AppEnv>;
  ctx: AppContext;
  /** Starts listening (default 127.0.0.1 on a free port). */
  listen(port?: number, host?: string): Promise<{ url: string; close(): Promise<void> }>;
  /** Inserts the demo seed data (idempotent). */
  seed(): Promise<typeof SEED>;
  /** Runs one pass of the end-time enforcer now. */
  enforceOnce(): Promise<number>;
  /** Stops listening, the scheduler and open event streams, and closes the database. */
  close(): Promise<void>;
}

const DEFAULT_LIMITS: RateLimits = {
  codesPerEmail: 5,
  codesPerAddress: 30,
  guessesPerAccountPerHour: 10,
  guessesPerAddress: 30,
  linksPerAddress: 30,
  linksPerVisitor: 10,
  pairingPerAddress: 20,
  streamsPerPrincipal: 5,
};

/**
 * Contention that outlasted the database's own waiting: SQLite busy/locked past busy_timeout, or PostgreSQL
 * serialization failure, deadlock or lock timeout. Also the database being unreachable for a moment
 * (restarting, failing over, refusing connections). Retryable, so answered 503 rather than 500.
 */
function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
    if (['40001', '40P01', '55P03'].includes(code)) return true;
    // 57P01–57P03: admin/crash shutdown, cannot connect now; class 08: connection exceptions
    if (/^57P0[1-3]$/.test(code) || code.startsWith('08')) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code))
      return true;
  }
  // node-postgres reports a connection lost mid-query or a pool that could not connect in time without a code
  const message = error instanceof Error ? error.message : '';
  return /^Connection terminated|^timeout exceeded when trying to connect|^Client has encountered a connection error/.test(
    message,
  );
}

/** Builds the app without touching the network (used by `npm run contract`). */
export function buildApp(ctx: AppContext) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = result.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.') || result.target,
          message: issue.message,
        }));
        return problemResponse(askedLanguage(c), 400, 'validation', 'Some fields are not valid.', { errors });
      }
    },
  });
  const sse = sseRegistry(ctx);
  // first, so its request ids, timings and log line cover every route (server/metrics.ts)
  observe(app, ctx);

  app.onError(async (error, c) => {
    // a busy database is not asked for the person's language as well
    const lang = isDatabaseBusy(error) ? askedLanguage(c) : await answerLanguage(ctx, c);
    if (error instanceof ApiError) {
      const headers: Record<string, string> = {};
      if (error.status === 429 && typeof error.extra.retryAfter === 'number')
        headers['retry-after'] = String(error.extra.retryAfter);
      return problemResponse(lang, error.status, error.code, error.text, error.extra, headers);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      if (status === 413)
        return problemResponse(lang, 413, 'payload-too-large', 'The request body is too large.');
      if (status === 415)
        return problemResponse(lang, 415, 'unsupported-media-type', 'Send the body as application/json.');
      if (status === 400)
        return problemResponse(lang, 400, 'validation', 'The request body is not valid JSON.', {
          errors: [{ path: 'body', message: 'Malformed JSON' }],
        });
      // Hono's own messages are English and internal: the answer says it in the asker's language
      return problemResponse(
        lang,
        status,
        status === 401 ? 'unauthenticated' : 'validation',
        status === 401 ? 'Sign in first.' : 'Bad request.',
      );
    }
    if (isDatabaseBusy(error)) {
      // Nothing was written (the transaction rolled back): the client may safely try again shortly.
      return problemResponse(
        lang,
        503,
        'unavailable',
        'The service is busy. Try again in a moment.',
        {},
        {
          'retry-after': '2',
        },
      );
    }
    ctx.log(`error: ${error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'unknown'}`);
    return problemResponse(lang, 500, 'internal', 'Something went wrong on our side.');
  });
  app.notFound(notFoundOrWrongMethod(app));

  const origins = ctx.config.corsOrigins ?? [];
  const allowedOrigin = (origin: string | undefined): string | undefined => {
    if (!origin) return undefined;
    if (origins.includes(origin) || origins.includes('*')) return origin;
    if (ctx.config.dev && origins.length === 0 && /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin))
      return origin;
    return undefined;
  };
  // CORS and the headers every answer carries are set on the finished response. (hono/cors sets its headers
  // before the handler runs, and Hono then copies every response body to merge them: a third of the time of a
  // small answer. Setting headers on the response itself copies nothing.)
  app.use('/api/*', async (c, next) => {
    const origin = allowedOrigin(c.req.header('origin'));
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers({
        'access-control-allow-methods': 'GET,POST,PATCH,DELETE,OPTIONS',
        'access-control-allow-headers':
          'Authorization,Content-Type,Idempotency-Key,Last-Event-ID,X-Request-ID',
        'access-control-max-age': '600',
        vary: 'Origin, Access-Control-Request-Headers',
      });
      if (origin) headers.set('access-control-allow-origin', origin);
      return new Response(null, { status: 204, headers });
    }
    await next();
    const headers = c.res.headers;
    if (origin) {
      headers.set('access-control-allow-origin', origin);
      headers.set('access-control-expose-headers', 'Retry-After,Idempotent-Replayed,X-Request-ID');
    }
    headers.append('vary', 'Origin');
    headers.set('x-content-type-options', 'nosniff');
    if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  });
  const maxBodyBytes = ctx.config.bodyLimitBytes ?? 64 * 1024;
  // The rest of the body is never read, so this connection cannot be reused: say so, or a client that
  // keeps connections alive would send its next request into a socket the server is about to drop.
  const tooLarge = (c: Context) =>
    problemResponse(
      askedLanguage(c),
      413,
      'payload-too-large',
      'The request body is too large.',
      {},
      { connection: 'close' },
    );
  const limitBody = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });
  app.use('/api/*', async (c, next) => {
    // GET and HEAD bodies are never read
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // A declared length is checked from the header alone (Node's HTTP parser never reads past it). bodyLimit
    // would build a full Request object to look at the body, which costs every write its adapter's fast path
    // (@hono/node-server reads a JSON body straight from the socket); it still measures chunked bodies.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number(length) > maxBodyBytes ? tooLarge(c) : next();
    return limitBody(c, next);
  });
  // NUL characters cannot be stored (PostgreSQL text refuses them) and are never meaningful: refuse them up front
  app.use('/api/*', async (c, next) => {
    let target = c.req.url;
    try {
      target = decodeURIComponent(target);
    } catch {
      return problemResponse(askedLanguage(c), 400, 'validation', 'The address is not valid.');
    }
    if (target.includes('\u0000'))
      return problemResponse(askedLanguage(c), 400, 'validation', 'The address contains a NUL character.');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.header('content-type')?.includes('json')) {
      const body = await c.req.text();
      if (body.includes('\\u0000') || body.includes('\u0000'))
        return problemResponse(askedLanguage(c), 400, 'validation', 'The body contains a NUL character.', {
          errors: [{ path: 'body', message: 'NUL characters are not allowed' }],
        });
    }
    await next();
  });
  app.use('/api/v1/*', authMiddleware(ctx));
  app.use('/api/v1/*', idempotency(ctx));
  if (ctx.config.dev) app.use('/api/dev/*', authMiddleware(ctx));

  registerRoutes(app, ctx, sse);
  completeResponses(app);

  // LiveKit webhooks (signature verified)
  // LiveKit reads these answers, not a person: English
  app.post('/api/livekit/webhook', async (c) => {
    if (!ctx.media.receiver)
      return problemResponse('en', 503, 'unavailable', 'Video calls are not configured.');
    const body = await c.req.text();
    let event;
    try {
      event = await ctx.media.receiver.receive(body, c.req.header('authorization'));
    } catch {
      return problemResponse('en', 401, 'unauthenticated', 'The webhook signature is not valid.');
    }
    return send(200, await handleWebhook(ctx, event));
  });

  if (ctx.config.dev) registerDevRoutes(app, ctx);

  app.doc31('/api/openapi.json', openApiInfo);
  // Only pushed on the staff stream (no route answers it), so registered by hand for the generated types.
  app.openAPIRegistry.register('ApprovalsChange', S.ApprovalsChange);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  return { app, sse };
}

export const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'visit-kit backend contract',
    version: '1.0.0',
    description:
      'The HTTP contract between the visit-kit web components and a compatible backend. Errors are RFC 9457 problem+json with a stable `code`.',
    license: { name: 'MIT' },
  },
};

/** How long an unfinished Idempotency-Key claim blocks retries before it counts as abandoned. */
const IDEMPOTENCY_ABANDONED_MS = 15_000;

function idempotency(ctx: AppContext) {
  return async (c: import('hono').Context<AppEnv>, next: () => Promise<void>): Promise<Response | void> => {
    const key = c.req.header('idempotency-key');
    const caller = c.get('caller');
    if (c.req.method !== 'POST' || key === undefined || !caller) return next();
    if (key.length < 1 || key.length > 200)
      throw new ApiError(400, 'validation', 'Idempotency-Key must be 1–200 characters.', {
        errors: [{ path: 'header.Idempotency-Key', message: 'Must be 1–200 characters' }],
      });
    const scoped = `${c.req.method} ${c.req.path} ${key}`;
    const db = ctx.store.db;
    const claimed = await db
      .insertInto('idempotency')
      .values({
        caller,
        key: scoped,
        status: 0,
        body: null,
        content_type: null,
        created_at: ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['caller', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const stored = await db
        .selectFrom('idempotency')
        .selectAll()
        .where('caller', '=', caller)
        .where('key', '=', scoped)
        .executeTakeFirst();
      // A claim left unfinished for long: its replica died or lost the database before it could record the
      // answer or release the claim. The request is run again (the work itself is transactional: a booking
      // whose hold was already used answers hold-expired, it is not made twice).
      const abandoned =
        stored?.status === 0 &&
        ctx.now().getTime() - Date.parse(stored.created_at) > IDEMPOTENCY_ABANDONED_MS &&
        (await db
          .updateTable('idempotency')
          .set({ created_at: ctx.now().toISOString() })
          .where('caller', '=', caller)
          .where('key', '=', scoped)
          .where('status', '=', 0)
          .where('created_at', '=', stored.created_at)
          .executeTakeFirst()
          .then((r) => Number(r.numUpdatedRows) === 1));
      if (!stored || (stored.status === 0 && !abandoned))
        throw new ApiError(409, 'conflict', 'A request with this Idempotency-Key is still being processed.');
      if (!abandoned)
        return new Response(stored.body, {
          status: stored.status,
          headers: {
            'content-type': stored.content_type ?? 'application/json',
            'idempotent-replayed': 'true',
          },
        });
    }
    try {
      await next();
    } finally {
      const res = c.res;
      if (res.status >= 200 && res.status < 300) {
        const body = await res.clone().text();
        await db
          .updateTable('idempotency')
          .set({ status: res.status, body, content_type: res.headers.get('content-type') })
          .where('caller', '=', caller)
          .where('key', '=', scoped)
          .execute();
      } else {
        await db.deleteFrom('idempotency').where('caller', '=', caller).where('key', '=', scoped).execute();
      }
    }
  };
}

function registerDevRoutes(app: OpenAPIHono<AppEnv>, ctx: AppContext) {
  // Dev routes are not part of the contract document (they exist only in dev mode).
  app.get('/api/dev/outbox', async (c) => {
    const to = c.req.query('to');
    if (to && to.length > 254) return problemResponse(askedLanguage(c), 400, 'validation', 'to is too long.');
    return send(200, await ctx.outbox.list(to, 100));
  });
  app.post('/api/dev/visits', async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return problemResponse(askedLanguage(c), 400, 'validation', 'The request body is not valid JSON.');
    }
    const parsed = S.DevVisitCreate.safeParse(raw);
    if (!parsed.success)
      return problemResponse(askedLanguage(c), 400, 'validation', 'Some fields are not valid.', {
        errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      });
    return send(201, await createDevVisit(ctx, parsed.data));
  });
  app.post('/api/dev/enforce', async () => send(200, { ended: await enforceOnce(ctx) }));
  // the first passkey of a seeded staff member (in production a colleague, or `npm run staff:enrolment-code`)
  app.post('/api/dev/passkey-enrolment', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { email?: unknown; revokeExisting?: unknown };
    if (typeof body.email !== 'string' || body.email.length > 254)
      return problemResponse(askedLanguage(c), 400, 'validation', 'Some fields are not valid.');
    return send(201, await issueEnrolmentCode(ctx, 'dev', body.email, body.revokeExisting === true));
  });
}

/** A booked visit that bypasses the booking rules (tests and the demo). */
export async function createDevVisit(
  ctx: AppContext,
  input: {
    prisonerId: string;
    visitorUserId: string;
    startsInSeconds: number;
    durationSeconds: number;
    type: 'video' | 'in-person';
    legalFirm?: string | undefined;
  },
) {
  const db = ctx.store.db;
  const prisoner = await db
    .selectFrom('prisoners')
    .selectAll()
    .where('id', '=', input.prisonerId)
    .executeTakeFirst();
  if (!prisoner) throw new ApiError(404, 'not-found', 'No such prisoner.');
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', input.visitorUserId)
    .executeTakeFirst();
  if (!user) throw new ApiError(404, 'not-found', 'No such user.');
  const prison = await db
    .selectFrom('prisons')
    .selectAll()
    .where('code', '=', prisoner.prison_code)
    .executeTakeFirstOrThrow();
  const link = await db
    .selectFrom('links')
    .select('id')
    .where('user_id', '=', user.id)
    .where('prisoner_id', '=', prisoner.id)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  const now = ctx.now();
  const start = new Date(now.getTime() + input.startsInSeconds * 1000);
  const end = new Date(start.getTime() + input.durationSeconds * 1000);
  const id = newId();
  const date = dateIn(start, prison.timezone);
  const row = await ctx.store.tx(async (trx) => {
    const visit = await insertVisit(trx, {
      id,
      prisoner_id: prisoner.id,
      prison_code: prison.code,
      template_id: null,
      slot_id: `dev-${id.slice(0, 8)}.${date}`,
      date,
      type: input.type,
      start_at: start.toISOString(),
      end_at: end.toISOString(),
      status: 'booked' as const,
      sub_status: 'AUTO_APPROVED',
      lead_user_id: user.id,
      link_id: link?.id ?? null,
      support_needs: null,
      contact: JSON.stringify({ email: user.email }),
      cancellation: null,
      outcome: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      reminded_at: null,
      call_outcome: null,
      legal_firm: input.legalFirm ?? null,
    });
    await trx
      .insertInto('visit_visitors')
      .values({
        visit_id: id,
        visitor_id: user.id,
        first_name: user.first_name ?? 'Visitor',
        last_name: user.last_name ?? '',
        date_of_birth: user.date_of_birth ?? '1980-01-01',
        relationship: null,
        lead: 1,
      })
      .execute();
    if (visit.type === 'video') await trx.insertInto('calls').values(newCallRow(ctx, visit)).execute();
    await audit(ctx, trx, {
      actor: { id: 'dev', role: 'system' },
      action: 'visit.booked',
      subject: `visit:${id}`,
      visitId: id,
      prisonCode: prison.code,
      details: { dev: true },
    });
    return visit;
  });
  return visitDto(db, row);
}

/** How often the scheduler sends due reminders (it ends due calls and retries due messages on every tick). */
const REMINDER_EVERY_MS = 30_000;
/** How often it runs the retention purge, unless configured (retentionEveryMs). */
const RETENTION_EVERY_MS = 3_600_000;

/**
 * The background loop: every tick ends the calls that reached endsAt (`enforceOnce`) and retries the outbox
 * messages that are due; every REMINDER_EVERY_MS it also sends the reminders that are due, and every
 * retentionEveryMs it purges what is past its retention period. A tick never overlaps the one before.
 * Returns a function that stops the loop and waits for a running tick to finish.
 */
export function startScheduler(ctx: AppContext, intervalMs: number) {
  let running = false;
  let stopped = false;
  let lastReminders = 0;
  let lastPurge = 0;
  const purgeEvery = ctx.config.retentionEveryMs ?? RETENTION_EVERY_MS;
  const report = (what: string) => (error: unknown) =>
    ctx.log(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = true;
    const remind = Date.now() - lastReminders >= REMINDER_EVERY_MS;
    if (remind) lastReminders = Date.now();
    const purge = purgeEvery > 0 && Date.now() - lastPurge >= purgeEvery;
    if (purge) lastPurge = Date.now();
    enforceOnce(ctx)
      .then(async () => {
        if (!remind) return;
        await sendDueReminders(ctx);
        await pruneSessions(ctx);
      })
      .catch(report('enforcer'))
      .then(() => ctx.outbox.deliverDue())
      .catch(report('outbox'))
      .then(() => (purge ? purgeExpired(ctx) : undefined))
      .catch(report('retention'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    for (let i = 0; i < 100 && running; i++) await new Promise((r) => setTimeout(r, 20));
  };
}

function resolveSecret(config: ServerConfig): Uint8Array {
  if (config.sessionSecret) return new TextEncoder().encode(config.sessionSecret);
  return randomBytes(32);
}

export async function createServer(config: ServerConfig = {}): Promise<VisitKitServer> {
  const dev = config.dev ?? false;
  const log = config.log ?? (() => {});
  const store: Store = await openDatabase(config.databaseUrl ?? DEFAULT_SQLITE);
  // A write may change availability: cached answers are left behind (writes outside a transaction through
  // the plugin, transactions once they commit or fail; server/visits/availability.ts).
  store.db = store.db.withPlugin(forgetAvailabilityOnWrite(store));
  const runTransaction = store.tx.bind(store);
  store.tx = (fn) => runTransaction(fn).finally(() => forgetAvailability(store));
  const transports: Transport[] = [];
  if (config.consoleOutbox ?? dev) transports.push(consoleTransport);
  if (config.smtpUrl)
    transports.push(
      smtpTransport(config.smtpUrl, config.smtpFrom ?? 'visit-kit <no-reply@visit-kit.invalid>'),
    );
  if (config.notify) transports.push(notifySmsTransport(config.notify));
  const limits = { ...DEFAULT_LIMITS, ...config.rateLimits };
  const ctx: AppContext = {
    config: {
      ...config,
      dev,
      lostTimeCapMinutes: config.lostTimeCapMinutes ?? 10,
      heartbeatMs: config.heartbeatMs ?? 15_000,
    },
    store,
    secret: resolveSecret(config),
    outbox: new Outbox(store, transports, log, () => ctx.now(), { ...DEFAULT_RETRY, ...config.outboxRetry }),
    media: new Media(config.livekit, log),
    hub: new Hub(),
    limits,
    signIn: signInLimits(store, limits),
    log,
    now: () => new Date(),
  };
  // Several replicas share one PostgreSQL: relay live events between them.
  const relay = store.kind === 'postgres' ? await startPgRelay(config.databaseUrl!, ctx.hub, log) : undefined;
  if (relay) ctx.hub.useRelay(relay);
  if (config.seed ?? dev) await seedData(store);
  const { app, sse } = buildApp(ctx);
  const interval = config.enforcerIntervalMs ?? 1000;
  const stopScheduler = interval > 0 ? startScheduler(ctx, interval) : async () => {};
  const servers = new Set<ServerType>();
  let closed = false;

  const closeServer = (server: ServerType) =>
    new Promise<void>((resolve) => {
      sse.closeAll();
      server.close(() => resolve());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });

  return {
    app,
    ctx,
    async listen(port = config.port ?? 0, host = config.host ?? '127.0.0.1') {
      const server = await new Promise<ServerType>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
        s.once('error', reject);
      });
      servers.add(server);
      const address = server.address() as AddressInfo;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      return {
        url,
        close: async () => {
          if (!servers.delete(server)) return;
          await closeServer(server);
        },
      };
    },
    seed: () => seedData(store),
    enforceOnce: () => enforceOnce(ctx),
    async close() {
      if (closed) return;
      closed = true;
      await stopScheduler();
      sse.closeAll();
      await Promise.all([...servers].map(closeServer));
      servers.clear();
      await relay?.close();
      await store.close();
    },
  };
}

export { SEED, parseJson };
