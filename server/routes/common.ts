// What every route module shares: the pieces of a route definition, and the typed answers (`send`).
import { z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { StatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import type { AppEnv } from '../context.js';
import * as S from '../schemas.js';
import type { CachedJson } from '../visits/availability.js';

export type C = Context<AppEnv>;

export const v1 = '/api/v1';
export const tag = (name: string) => [name];

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
export const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
export const problem = (description: string) => ({
  content: { 'application/problem+json': { schema: S.Problem } },
  description,
});
export const common = {
  400: problem('Validation failed (`validation`, with `errors[].path`)'),
  401: problem('Missing, expired or invalid session (`unauthenticated`)'),
  403: problem('Not allowed for this role or resource (`forbidden`)'),
  404: problem('Not found, or not yours (`not-found`)'),
};
export const bearer = [{ bearer: [] }];
export const idempotencyHeader = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().openapi({
    description: 'Same key from the same caller returns the first response and creates nothing new.',
  }),
});
export const VisitIdParam = z.object({
  visitId: z.string().min(1).max(64).openapi({ description: 'Visit id or reference' }),
});

/**
 * A JSON answer that carries its status and body type (as Hono's `c.json` does), so zod-openapi checks it
 * against the route's declared responses: a handler answering a status the route does not declare, or a
 * body that is not its schema's shape, does not compile.
 */
export type JsonAnswer<T, Status extends StatusCode> = Response &
  TypedResponse<JSONParsed<T>, Status, 'json'>;

/** A JSON response, typed per route (see `JsonAnswer`). */
export function send<Status extends StatusCode, T>(
  status: Status,
  body: T,
  headers: Record<string, string> = {},
): JsonAnswer<T, Status> {
  if (status === 204) return new Response(null, { status, headers }) as JsonAnswer<T, Status>;
  return sendJsonText(status, JSON.stringify(body), headers) as JsonAnswer<T, Status>;
}

/** A cached answer, gzipped for the clients that accept it; typed by the value the JSON holds. */
export function sendCachedJson<T>(
  acceptEncoding: string | undefined,
  answer: CachedJson<T>,
): JsonAnswer<T, 200> {
  if (acceptEncoding && /\bgzip\b/i.test(acceptEncoding))
    return new Response(answer.gzip, {
      status: 200,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', vary: 'Accept-Encoding' },
    }) as JsonAnswer<T, 200>;
  return new Response(answer.bytes, {
    status: 200,
    headers: { 'content-type': 'application/json', vary: 'Accept-Encoding' },
  }) as JsonAnswer<T, 200>;
}

/** `send` for a body already serialised (a cached answer). */
export function sendJsonText(status: number, json: string, headers: Record<string, string> = {}): Response {
  return new Response(json, { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** The validated body or query of a route whose request type zod-openapi cannot carry (built by a helper). */
export function jsonOf<T>(c: C): T {
  return (c.req as unknown as { valid(t: 'json'): T }).valid('json');
}
export function queryOf<T>(c: C): T {
  return (c.req as unknown as { valid(t: 'query'): T }).valid('query');
}
