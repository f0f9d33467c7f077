import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './contract.js';
import { systemClock, type Clock } from './clock.js';
import { VisitApiError } from './errors.js';
import type { EventStreamOptions } from './event-stream.js';

/** A signed-in person, as the backend's `/auth/verify` (or a portal) hands it over. */
export interface Session {
  token: string;
  expiresAt?: string;
  user?: { id: string; role: 'visitor' | 'staff' | 'prisoner'; [field: string]: unknown };
  /**
   * Present while a staff session still needs its passkey (the console then shows the passkey step; every
   * other staff call answers 403 `second-factor-required`).
   */
  secondFactor?: { method: 'passkey'; enrolled: boolean };
}

/** For portals that already signed the user in: returns the current bearer token (refreshing it if needed). */
export type TokenProvider = () => string | undefined | Promise<string | undefined>;

export interface VisitClientOptions {
  /** The backend's origin and mount point, e.g. `https://visits.example.org` (the API lives under `/api/v1`). */
  baseUrl: string;
  session?: Session;
  tokenProvider?: TokenProvider;
  /** Keep the session in this storage (e.g. `sessionStorage`) so a reload does not sign the family out. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** How many times a request that failed on the network is retried (writes carry an Idempotency-Key). */
  retries?: number;
  fetch?: typeof fetch;
  /** What time it is, for everything that uses this client (tests fix it; defaults to the device clock). */
  clock?: Clock;
  /** The language the backend writes its texts in (problem details, the `.ics`); see {@link VisitClient.language}. */
  language?: string;
}

// A BCP 47 tag as Accept-Language carries it (letters, digits, hyphens: a CORS-safelisted value).
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The one way visit-kit talks to a backend. `api` is a typed client generated from the contract
 * (`api.GET('/visits/{visitId}', …)`); every failure rejects with {@link VisitApiError}; writes carry an
 * `Idempotency-Key` so a retry after a network failure never books twice.
 *
 * @fires session-change - when the session is set, replaced or cleared (also on a 401 from the backend).
 */
export class VisitClient extends EventTarget {
  readonly baseUrl: string;
  readonly api: Client<paths>;
  /** The clock every element using this client reads "now" from. */
  readonly clock: Clock;
  /**
   * The language of the page the answers are shown on (`cy`, `en`), sent as `Accept-Language` so the
   * backend's problem details come back in it. `<visit-provider lang>` sets it; unset, the page's `lang`.
   */
  language: string | undefined;
  readonly #options: VisitClientOptions;
  #session: Session | undefined;

  constructor(options: VisitClientOptions) {
    super();
    this.#options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.clock = options.clock ?? systemClock;
    this.language = options.language;
    this.#session = options.session ?? this.#restore();
    this.api = createClient<paths>({
      baseUrl: `${this.baseUrl}/api/v1`,
      fetch: (request) => this.send(request),
    });
  }

  get session(): Session | undefined {
    return this.#session;
  }

  set session(session: Session | undefined) {
    if (session === this.#session) return;
    this.#session = session;
    const storage = this.#options.storage;
    if (storage) {
      if (session) storage.setItem(this.#storageKey, JSON.stringify(session));
      else storage.removeItem(this.#storageKey);
    }
    this.dispatchEvent(new Event('session-change'));
  }

  get signedIn(): boolean {
    return Boolean(this.#session?.token || this.#options.tokenProvider);
  }

  /**
   * Sends one request with auth, idempotency and safe retries. Non-2xx answers reject with VisitApiError.
   * Exposed for the contract's non-JSON routes (e.g. `.ics`); components use `api`.
   */
  async send(input: Request): Promise<Response> {
    const headers = new Headers(input.headers);
    const token = await this.#token();
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    if (WRITE_METHODS.has(input.method) && !headers.has('idempotency-key')) {
      headers.set('idempotency-key', crypto.randomUUID());
    }
    const language = this.language || globalThis.document?.documentElement?.lang;
    if (language && LANGUAGE_TAG.test(language) && !headers.has('accept-language'))
      headers.set('accept-language', language);
    const request = new Request(input, { headers });
    const fetcher = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    const retries = this.#options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetcher(request.clone());
      } catch (error) {
        if (request.signal.aborted || attempt >= retries) throw VisitApiError.network(error);
        await delay(300 * 2 ** attempt);
        continue;
      }
      if (response.ok) return response;
      const failure = await VisitApiError.fromResponse(response);
      if (failure.status === 401 && this.#session) this.session = undefined;
      // Gateways failing in front of the backend: retrying is safe because writes are idempotent.
      if ([502, 503, 504].includes(failure.status) && attempt < retries && !request.signal.aborted) {
        await delay(300 * 2 ** attempt);
        continue;
      }
      throw failure;
    }
  }

  /** Follows a server-sent-events stream of the contract (e.g. `/visits/{id}/events`) until `signal` aborts. */
  async events(path: string, options: EventStreamOptions): Promise<void> {
    // Only live pages (waiting room, call, staff console) follow streams: booking pages never load the parser.
    const { readEventStream } = await import('./event-stream.js');
    return readEventStream((request) => this.send(request), `${this.baseUrl}/api/v1${path}`, options);
  }

  get #storageKey(): string {
    return `visit-kit:session:${this.baseUrl}`;
  }

  #restore(): Session | undefined {
    const stored = this.#options.storage?.getItem(this.#storageKey);
    if (!stored) return undefined;
    try {
      const session = JSON.parse(stored) as Session;
      if (session.expiresAt && Date.parse(session.expiresAt) <= this.clock.now()) return undefined;
      return session;
    } catch {
      return undefined;
    }
  }

  async #token(): Promise<string | undefined> {
    if (this.#session?.token) return this.#session.token;
    return this.#options.tokenProvider?.();
  }
}

/**
 * The body of a successful typed call. openapi-fetch types `data` as optional, but VisitClient rejects
 * every failure, so a JSON route that resolved always has one.
 */
export function responseBody<T>(data: T | undefined): T {
  if (data === undefined) throw new Error('The backend answered without a body.');
  return data;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
