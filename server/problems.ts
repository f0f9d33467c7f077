// RFC 9457 problem+json: one error type thrown anywhere, one renderer. Details and titles are written in
// the asker's language when the answer is made (server/i18n); `type` and `code` never change with it.
import { fieldMessage, problemDetail, problemTitle, type Detail, type Lang } from './i18n/index.js';

export type { Detail } from './i18n/index.js';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  /** The detail in English (for logs); the answer carries it in the asker's language. */
  readonly detail: string;
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Detail,
    readonly extra: Record<string, unknown> = {},
  ) {
    const english = problemDetail('en', text);
    super(english);
    this.detail = english;
  }
}

export function problemBody(
  lang: Lang,
  status: number,
  code: string,
  detail: Detail,
  extra: Record<string, unknown> = {},
) {
  return {
    type: `urn:visit-kit:problem:${code}`,
    title: problemTitle(lang, code),
    status,
    detail: problemDetail(lang, detail),
    code,
    ...extra,
    ...(Array.isArray(extra.errors) && {
      errors: (extra.errors as FieldError[]).map((e) => ({ ...e, message: fieldMessage(lang, e.message) })),
    }),
  };
}

export function problemResponse(
  lang: Lang,
  status: number,
  code: string,
  detail: Detail,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(problemBody(lang, status, code, detail, extra)), {
    status,
    headers: { 'content-type': 'application/problem+json', 'content-language': lang, ...headers },
  });
}

/** What `notFound` may name; each has its sentence in the catalogue. */
export type Subject =
  | 'That'
  | 'That session template'
  | 'That excluded date'
  | 'That call'
  | 'That link'
  | 'That visitor'
  | 'That person'
  | 'That session'
  | 'That hold'
  | 'That visit'
  | 'That prison'
  | 'That device';

export const notFound = (what: Subject = 'That') =>
  new ApiError(404, 'not-found', `${what} was not found.` as const);
export const forbidden = (detail: Detail = 'You may not do that.') => new ApiError(403, 'forbidden', detail);
export const validation = (errors: FieldError[], detail: Detail = 'Some fields are not valid.') =>
  new ApiError(400, 'validation', detail, { errors });
