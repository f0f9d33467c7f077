// RFC 9457 problem+json: one error type thrown anywhere, one renderer.
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

const titles: Record<string, string> = {
  validation: 'The request is not valid',
  unauthenticated: 'Sign in needed',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  'rate-limited': 'Too many requests',
  'slot-unavailable': 'That session is no longer available',
  'hold-expired': 'The hold on that session has expired',
  'no-allowance': 'No visit allowance left',
  'visitor-limits': 'The visitors do not meet the prison’s rules',
  'link-pending': 'The link to this person is not approved yet',
  'outside-window': 'Not open at this time',
  'not-admitted': 'Not admitted to the call',
  'not-waiting': 'Nobody is waiting',
  'call-ended': 'The call has ended',
  'already-decided': 'Already decided',
  'already-recorded': 'An outcome is already recorded',
  'would-strand': 'The change would strand booked visits',
  conflict: 'Conflict',
  'code-invalid': 'The code is not valid',
  'code-expired': 'The code has expired',
  'payload-too-large': 'The request body is too large',
  'method-not-allowed': 'Method not allowed',
  'unsupported-media-type': 'The body is not JSON',
  internal: 'Something went wrong',
  unavailable: 'Temporarily unavailable',
};

export function problemBody(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return {
    type: `urn:visit-kit:problem:${code}`,
    title: titles[code] ?? code,
    status,
    detail,
    code,
    ...extra,
  };
}

export function problemResponse(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(problemBody(status, code, detail, extra)), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

export const notFound = (what = 'That') => new ApiError(404, 'not-found', `${what} was not found.`);
export const forbidden = (detail = 'You may not do that.') => new ApiError(403, 'forbidden', detail);
export const validation = (errors: FieldError[], detail = 'Some fields are not valid.') =>
  new ApiError(400, 'validation', detail, { errors });
