import type { Client } from 'openapi-fetch';

/**
 * The contract's typed calls (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`), typed by openapi-fetch's `Client`
 * but sent by this small function: visit-kit uses only path and query parameters, JSON bodies and signals,
 * and every page that books or calls downloads it, so the full client's middleware and serialisers stay out.
 */
export type TypedClient<Paths extends object> = Pick<
  Client<Paths>,
  'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
>;

interface CallOptions {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  headers?: HeadersInit;
  signal?: AbortSignal;
}

/** `send` answers every request; it rejects on failures, so the result's `error` is never set. */
export function typedClient<Paths extends object>(
  baseUrl: string,
  send: (request: Request) => Promise<Response>,
): TypedClient<Paths> {
  const call =
    (method: string) =>
    async (path: string, options: CallOptions = {}): Promise<{ data: unknown; response: Response }> => {
      const { params = {}, body, signal } = options;
      let url =
        baseUrl +
        path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params.path?.[name])));
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(params.query ?? {}))
        for (const item of Array.isArray(value) ? value : [value])
          if (item !== undefined && item !== null) query.append(name, String(item));
      const search = query.toString();
      if (search) url += `?${search}`;
      const headers = new Headers(options.headers);
      if (body !== undefined) headers.set('content-type', 'application/json');
      const response = await send(
        new Request(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal,
        }),
      );
      // 204, HEAD and empty answers have no body to parse.
      const text = method === 'HEAD' || response.status === 204 ? '' : await response.text();
      return { data: text ? JSON.parse(text) : undefined, response };
    };
  return {
    GET: call('GET'),
    POST: call('POST'),
    PUT: call('PUT'),
    PATCH: call('PATCH'),
    DELETE: call('DELETE'),
  } as unknown as TypedClient<Paths>;
}
