// What every route and service shares: configuration, database, outbox, media (LiveKit), events hub.
import type { Store } from './db.js';
import type { Hub } from './hub.js';
import type { LivekitConfig, Media } from './media.js';
import type { Registry } from 'prom-client';
import type { NotifyConfig } from './notify-channels/govuk-notify.js';
import type { Outbox, RetryPolicy } from './outbox.js';
import type { RetentionDays } from './retention-periods.js';
import type { Detail } from './problems.js';

export type { LivekitConfig };

export interface ServerConfig {
  /** `postgres://…` or a SQLite file path (default `.data/visit-kit.sqlite`). */
  databaseUrl?: string;
  /** HS256 secret for session tokens; random per process when absent (sessions then die with it). */
  sessionSecret?: string;
  /** Dev mode: dev routes, seed data, console outbox. */
  dev?: boolean;
  /** Seed the demo data (defaults to `dev`). */
  seed?: boolean;
  livekit?: LivekitConfig;
  corsOrigins?: string[];
  lostTimeCapMinutes?: number;
  /**
   * How long the media server takes to notice a connection that went silent (LiveKit 1.13: ICE disconnected
   * after 10 s, failed 5 s later, the participant removed 5 s after that). A departure for that reason is dated
   * back by this much, so the lost-time credit covers the whole gap. Default 20.
   */
  lostConnectionDetectionSeconds?: number;
  /**
   * How long a LiveKit cluster takes to bring a call back on another node after its node is lost (killed or cut
   * off: it never reports the departures). A rejoin with no departure is dated back by this much. Default 10.
   */
  lostNodeRecoverySeconds?: number;
  smtpUrl?: string;
  smtpFrom?: string;
  /** SMS through GOV.UK Notify (server/notify-channels/govuk-notify.ts); without it SMS are stored only. */
  notify?: NotifyConfig;
  /** How long each kind of data is kept, in days (server/retention.ts has the defaults). */
  retention?: Partial<RetentionDays>;
  /** How often the scheduler runs the retention purge (ms, default an hour; 0 = never). */
  retentionEveryMs?: number;
  /** Outbox retry timing (server/outbox.ts has the defaults). */
  outboxRetry?: Partial<RetryPolicy>;
  host?: string;
  port?: number;
  /** How often the end-time enforcer polls (ms). */
  enforcerIntervalMs?: number;
  /** Print outbox messages to the console (default: dev). */
  consoleOutbox?: boolean;
  bodyLimitBytes?: number;
  /** SSE heartbeat interval (ms). */
  heartbeatMs?: number;
  /** Idle timeout per role in seconds (defaults: people 2 hours, devices 7 days); see server/session-state.ts. */
  sessionIdleSeconds?: Partial<Record<Principal['role'], number>>;
  /** How long a replica trusts its last look at a session, in ms (default 2000): the most a sign-out takes. */
  sessionCheckMs?: number;
  /**
   * Which proxies' `X-Forwarded-For` to believe for the client address: a hop count (how many proxies, each
   * appending the address it saw), or the proxies' own addresses. Without it the socket address is used.
   */
  trustedProxies?: number | string[];
  /**
   * The page that signs people in from the emailed link (`<url>#visit-kit-sign-in=<token>`; a fragment never
   * reaches a server or a Referer). Without it the email has the code only.
   */
  signInUrl?: string;
  /** Rate limits (per window); tests may lower them. */
  rateLimits?: Partial<RateLimits>;
  /** This replica's name in metrics and logs (REPLICA_NAME). */
  replicaName?: string;
  /** Request log lines as JSON objects (LOG_FORMAT=json). */
  logJson?: boolean;
  /** When set, /metrics needs `Authorization: Bearer <token>` (METRICS_TOKEN). */
  metricsToken?: string;
  /**
   * Staff passkeys (WebAuthn second factor, server/passkeys.ts): `required` (the default) or `off`, which only
   * dev mode honours (STAFF_PASSKEYS).
   */
  staffPasskeys?: 'required' | 'off';
  /** The WebAuthn relying party id (PASSKEY_RP_ID; default: the host name of the first passkey origin). */
  passkeyRpId?: string;
  /** The pages' origins a passkey answer may come from (PASSKEY_ORIGINS; default: `corsOrigins`). */
  passkeyOrigins?: string[];
  /** The service's name a passkey prompt shows (PASSKEY_RP_NAME; default "Prison visits"). */
  passkeyRpName?: string;
  /** Log sink for operational lines (never PII). */
  log?: (line: string) => void;
}

/**
 * Every limit in one place. The sign-in ones are shared by all replicas (server/limits.ts); "client" is the
 * client address, read through `trustedProxies`.
 */
export interface RateLimits {
  /** sign-in codes per email per client address per 15 minutes (a stranger's requests never block the owner) */
  codesPerEmail: number;
  /** sign-in code requests per client address per 15 minutes */
  codesPerAddress: number;
  /** wrong sign-in codes per account per hour, from all addresses together (the emailed link still works) */
  guessesPerAccountPerHour: number;
  /** sign-in code guesses per client address per 15 minutes */
  guessesPerAddress: number;
  /** sign-in link uses per client address per 15 minutes */
  linksPerAddress: number;
  /** link requests per visitor per hour */
  linksPerVisitor: number;
  /** pairing attempts per client address per 15 minutes */
  pairingPerAddress: number;
  /** event streams one signed-in caller may have open at once (per replica) */
  streamsPerPrincipal: number;
}

export interface Principal {
  id: string;
  role: 'visitor' | 'staff' | 'prisoner';
  prisonCode?: string;
  prisonerId?: string;
}

export interface AppContext {
  config: Required<Pick<ServerConfig, 'lostTimeCapMinutes' | 'dev' | 'heartbeatMs'>> & ServerConfig;
  store: Store;
  secret: Uint8Array;
  outbox: Outbox;
  media: Media;
  hub: Hub;
  limits: RateLimits;
  signIn: SignInLimits;
  log: (line: string) => void;
  now(): Date;
  /** Prometheus metrics (server/metrics.ts); set when the app is built. */
  metrics?: Metrics;
}

/** The backend's Prometheus metrics (made by server/metrics.ts). */
export interface Metrics {
  registry: Registry;
  /** Called for every audit entry written: business counters follow the audit trail. */
  audited(action: string, details: Record<string, unknown> | undefined): void;
}

export type AppEnv = {
  Variables: {
    principal: Principal | undefined;
    caller: string;
    /** the session id (`jti`) of the bearer token */
    session: string;
    /** a staff session that has not yet used its passkey (only the passkey routes answer it) */
    secondFactorPending: boolean;
  };
};

export interface Limiter {
  /** Counts one attempt for key; throws 429 (with Retry-After) once the window's allowance is spent. */
  take(key: string, detail?: Detail): Promise<void>;
  /** Gives one counted attempt back (it turned out not to count). */
  giveBack(key: string): Promise<void>;
}

/** The sign-in limits, one per kind of attempt (see `RateLimits` for the numbers and windows). */
export interface SignInLimits {
  codesPerClient: Limiter;
  codesPerEmailClient: Limiter;
  guessesPerAccount: Limiter;
  guessesPerClient: Limiter;
  linksPerClient: Limiter;
  pairingPerClient: Limiter;
}
