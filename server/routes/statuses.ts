// The answers every operation can give whatever its handler does, added to each route's documented responses
// in one place (the middleware that gives them is app-wide), and the 405 for a known path's other methods.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { askedLanguage } from '../i18n/request.js';
import { problemResponse } from '../problems.js';
import { common, problem, v1 } from './common.js';

interface RouteDefinition {
  type: string;
  route?: {
    method: string;
    path: string;
    request?: { body?: unknown };
    security?: unknown[];
    responses: Record<string, unknown>;
  };
}

/** Documents, on every operation, the statuses the shared middleware can answer (only those it can). */
export function completeResponses(app: OpenAPIHono<AppEnv>) {
  for (const definition of app.openAPIRegistry.definitions as RouteDefinition[]) {
    const route = definition.route;
    if (definition.type !== 'route' || !route) continue;
    const r = route.responses;
    const add = (status: number, response: unknown) => {
      if (!r[status]) r[status] = response;
    };
    const versioned = route.path.startsWith(`${v1}/`);
    const reads = route.method === 'get' || route.method === 'head';
    // the address check (NUL characters, bad escapes) runs before every route
    add(400, common[400]);
    // a present but bad bearer token is refused on every versioned route, public ones included
    if (versioned) add(401, common[401]);
    // a staff session that has not yet used its passkey is refused by every signed-in route but the passkey
    // step itself (server/auth.ts `requireUser`)
    if (versioned && route.security?.length)
      add(403, problem('`forbidden`, or `second-factor-required` (a staff session before its passkey)'));
    add(405, problem('Method not allowed on this path (`method-not-allowed`, with `Allow`)'));
    if (!reads) add(413, problem('The request body is too large (`payload-too-large`)'));
    if (route.request?.body)
      add(415, problem('The body is not `application/json` (`unsupported-media-type`)'));
    // a signed-in caller's Idempotency-Key still in use by its first request
    if (versioned && route.method === 'post')
      add(409, problem('`conflict`: a request with this Idempotency-Key is still being processed'));
    add(503, problem('The database is busy or down (`unavailable`, with `Retry-After`)'));
  }
}

/** Path patterns of the registered routes, each with the methods it answers. */
function methodsByPath(app: OpenAPIHono<AppEnv>): { pattern: RegExp; methods: Set<string> }[] {
  const byPath = new Map<string, Set<string>>();
  for (const { method, path } of app.routes) {
    if (method === 'ALL' || !path.startsWith('/api/')) continue;
    const methods = byPath.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    if (method.toUpperCase() === 'GET') methods.add('HEAD');
    byPath.set(path, methods);
  }
  return [...byPath].map(([path, methods]) => ({
    pattern: new RegExp(
      `^${path
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}$`,
    ),
    methods,
  }));
}

/**
 * The not-found handler: 405 with `Allow` when the path is known but the method is not, else 404. Built
 * lazily (after every route is registered) and once.
 */
export function notFoundOrWrongMethod(app: OpenAPIHono<AppEnv>) {
  let known: ReturnType<typeof methodsByPath> | undefined;
  return (c: Context) => {
    known ??= methodsByPath(app);
    const allowed = new Set<string>();
    for (const { pattern, methods } of known)
      if (pattern.test(c.req.path)) for (const m of methods) allowed.add(m);
    if (allowed.size && !allowed.has(c.req.method)) {
      allowed.add('OPTIONS');
      const allow = [...allowed].sort().join(', ');
      return problemResponse(
        askedLanguage(c),
        405,
        'method-not-allowed',
        { text: 'This address answers {methods} only.', vars: { methods: allow } },
        {},
        { allow },
      );
    }
    return problemResponse(askedLanguage(c), 404, 'not-found', 'There is nothing at this address.');
  };
}
