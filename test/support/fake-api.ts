// A small fake backend for component tests: a route table behind a `fetch` function, handed to a real
// VisitClient (`new VisitClient({ baseUrl, fetch: api.fetch })`) so the client's own code (auth header,
// idempotency keys, retries, problem+json) runs exactly as in production.

export interface FakeRequest {
  method: string;
  /** Path below the API prefix, e.g. `/links/l1/visitors`. */
  path: string;
  /** Values of `{placeholders}` in the route that matched. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  /** Parsed JSON body (or the text when it is not JSON; undefined when empty). */
  body: unknown;
  signal: AbortSignal;
}

/** What a handler returns: a Response, or any value to send as `200` JSON. Throw to fail the network. */
export type FakeHandler = (request: FakeRequest) => unknown;

export type FakeRoutes = Record<string, FakeHandler | object | string | number | boolean | null>;

export interface FakeApi {
  /** Pass this to `new VisitClient({ baseUrl, fetch })`. */
  fetch: typeof fetch;
  /** Every request that reached the fake, in order (including ones that failed on purpose). */
  calls: FakeRequest[];
  /** Adds or replaces a route, e.g. `api.route('POST /holds', () => problem(409, 'slot-unavailable'))`. */
  route(key: string, handler: FakeRoutes[string]): void;
  /** Requests matching `METHOD /path` (route patterns allowed). */
  callsTo(key: string): FakeRequest[];
}

export interface FakeApiOptions {
  /** Mount point of the contract; `/api/v1` by default. */
  prefix?: string;
  /** Delay (ms) before every answer, to see loading states. */
  latency?: number;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** An RFC 9457 problem as the contract defines it. */
export function problem(status: number, code: string, extra: Record<string, unknown> = {}): Response {
  return new Response(
    JSON.stringify({
      type: `urn:visit-kit:problem:${code}`,
      title: code,
      status,
      code,
      ...extra,
    }),
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

/** Throw this from a handler to make `fetch` reject like a dropped connection. */
export function networkFailure(): TypeError {
  return new TypeError('Failed to fetch');
}

/** A promise that resolves after `ms`, or rejects when `signal` aborts (like a real request). */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });
}

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: FakeRoutes[string];
}

function compile(key: string, handler: FakeRoutes[string]): CompiledRoute {
  const [method, path] = key.trim().split(/\s+/) as [string, string];
  const names: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      const match = /^\{(\w+)\}$/.exec(part);
      if (!match) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(match[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, handler };
}

export function fakeApi(routes: FakeRoutes = {}, options: FakeApiOptions = {}): FakeApi {
  const prefix = options.prefix ?? '/api/v1';
  let table = Object.entries(routes).map(([key, handler]) => compile(key, handler));
  const calls: FakeRequest[] = [];

  function match(
    method: string,
    path: string,
  ): { route: CompiledRoute; params: Record<string, string> } | undefined {
    for (const route of table) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => (params[name] = decodeURIComponent(found[index + 1]!)));
      return { route, params };
    }
    return undefined;
  }

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? new Request(input, init) : new Request(String(input), init);
    const url = new URL(request.url);
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const found = match(request.method, path);
    const call: FakeRequest = {
      method: request.method,
      path,
      params: found?.params ?? {},
      query: url.searchParams,
      headers: request.headers,
      body,
      signal: request.signal,
    };
    calls.push(call);
    if (options.latency) await wait(options.latency, request.signal);
    if (!found) return problem(404, 'not-found', { detail: `No fake route for ${request.method} ${path}` });
    const { handler } = found.route;
    const result = typeof handler === 'function' ? await (handler as FakeHandler)(call) : handler;
    if (request.signal.aborted) throw new DOMException('Aborted', 'AbortError');
    return result instanceof Response ? result : json(result);
  };

  return {
    fetch: fakeFetch as typeof fetch,
    calls,
    route(key, handler) {
      const compiled = compile(key, handler);
      table = [
        compiled,
        ...table.filter(
          (r) => !(r.method === compiled.method && r.pattern.source === compiled.pattern.source),
        ),
      ];
    },
    callsTo(key) {
      const probe = compile(key, null);
      return calls.filter((call) => {
        if (call.method !== probe.method) return false;
        return probe.pattern.test(call.path);
      });
    },
  };
}
