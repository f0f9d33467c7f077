// Time left must follow the server's `endsAt`, not the device's clock alone: kiosks and phones are often
// minutes off. A ServerClock holds an estimate of (server time − local time) and corrects `Date.now()`.

/** Offsets smaller than this are treated as zero: our references are only accurate to about a second. */
export const SKEW_TOLERANCE_MS = 2_000;

export interface ServerClock {
  /** Estimated server time − local time, ms (0 until a reference is observed or when within tolerance). */
  readonly offsetMs: number;
  /** The current time on the server's clock, ms since epoch. */
  now(): number;
  /**
   * Records a server time reference: `serverMs` was true on the server at some moment between
   * `sentAt` and `receivedAt` (local `Date.now()` values). `precisionMs` is the server value's own
   * resolution (1000 for HTTP `Date` headers and JWT `nbf`, which count whole seconds).
   */
  observe(serverMs: number, sentAt: number, receivedAt?: number, precisionMs?: number): void;
}

export function createServerClock(localNow: () => number = Date.now): ServerClock {
  let offset = 0;
  let best = Number.POSITIVE_INFINITY; // uncertainty of the current estimate
  return {
    get offsetMs() {
      return Math.abs(offset) < SKEW_TOLERANCE_MS ? 0 : offset;
    },
    now() {
      return localNow() + this.offsetMs;
    },
    observe(serverMs, sentAt, receivedAt = sentAt, precisionMs = 0) {
      const uncertainty = receivedAt - sentAt + precisionMs;
      if (uncertainty > best) return; // keep the tighter reference
      best = uncertainty;
      // The truncated server value lies in [true, true + precision); the moment lies in [sentAt, receivedAt].
      offset = serverMs + precisionMs / 2 - (sentAt + receivedAt) / 2;
    },
  };
}

/**
 * The `nbf` (or `iat`) claim of a LiveKit access token, in ms: the backend's clock when it minted the
 * token. Returns `undefined` for anything that is not a readable JWT. Reads the payload only (no
 * verification: this is a clock hint, not a security decision).
 */
export function tokenIssuedAt(token: string): number | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const claims = JSON.parse(json) as { nbf?: unknown; iat?: unknown };
    const seconds = typeof claims.nbf === 'number' ? claims.nbf : claims.iat;
    return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Milliseconds left until `endsAt` (server clock), never negative; `undefined` when unknown. */
export function timeLeftMs(endsAt: number | undefined, clock?: Pick<ServerClock, 'now'>): number | undefined {
  if (endsAt === undefined) return undefined;
  return Math.max(0, endsAt - (clock ? clock.now() : Date.now()));
}
