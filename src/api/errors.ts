/** One invalid field of a request, as the backend reports it (`errors[]` of a problem). */
export interface FieldError {
  /** Dotted path of the field, e.g. `visitors.0.dateOfBirth`. */
  path: string;
  message: string;
}

/** An RFC 9457 problem document as the visit-kit contract defines it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/**
 * Every failed call of {@link VisitClient} rejects with this: the backend's problem+json, or a synthetic
 * problem for network failures (`code: 'network'`, status 0) and aborts (`code: 'aborted'`).
 */
export class VisitApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'VisitApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  /** True when trying again later may succeed (network trouble, rate limits, server errors). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }

  static async fromResponse(response: Response): Promise<VisitApiError> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const problem = isProblemLike(body) ? body : {};
    return new VisitApiError({
      ...problem,
      type: typeof problem.type === 'string' ? problem.type : 'about:blank',
      title: typeof problem.title === 'string' ? problem.title : response.statusText || 'Request failed',
      status: response.status,
      code: typeof problem.code === 'string' ? problem.code : `http-${response.status}`,
    });
  }

  static network(cause: unknown): VisitApiError {
    const aborted = cause instanceof DOMException && cause.name === 'AbortError';
    return new VisitApiError({
      type: `urn:visit-kit:problem:${aborted ? 'aborted' : 'network'}`,
      title: aborted ? 'Request cancelled' : 'Network error',
      status: 0,
      code: aborted ? 'aborted' : 'network',
      detail: cause instanceof Error ? cause.message : undefined,
    });
  }
}

function isProblemLike(value: unknown): value is Partial<Problem> {
  return typeof value === 'object' && value !== null;
}
