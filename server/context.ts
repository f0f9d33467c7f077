// What every route and service shares: configuration, database, outbox, media (LiveKit), events hub.
import type { Store } from './db.js';
import type { Hub } from './hub.js';
import type { LivekitConfig, Media } from './media.js';
import type { Outbox } from './outbox.js';

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
  smtpUrl?: string;
  smtpFrom?: string;
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
  /** Rate limits (per window); tests may lower them. */
  rateLimits?: Partial<RateLimits>;
  /** Log sink for operational lines (never PII). */
  log?: (line: string) => void;
}

export interface RateLimits {
  /** sign-in codes per email per 15 minutes */
  codesPerEmail: number;
  /** sign-in code requests per client address per 15 minutes */
  codesPerAddress: number;
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
  log: (line: string) => void;
  now(): Date;
}

export type AppEnv = {
  Variables: {
    principal: Principal | undefined;
    caller: string;
    /** the session id (`jti`) of the bearer token */
    session: string;
  };
};
