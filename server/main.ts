// Runs the reference backend from environment variables: `node --import tsx server/main.ts` in a checkout, or
// the built `visit-kit-server` bin of the @visit-kit/server package (packages/server, `npm run build:server`).
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createServer, DEFAULT_SQLITE } from './app.js';
import type { ServerConfig } from './context.js';
import { DEFAULT_RETENTION, type RetentionDays } from './retention.js';

/** One JSON object per line (time, replica, and the message or the request fields), for log collectors. */
function jsonLog(replica: string | undefined) {
  return (line: string) => {
    let fields: Record<string, unknown> = { msg: line };
    if (line.startsWith('{'))
      try {
        fields = JSON.parse(line) as Record<string, unknown>;
      } catch {
        // not ours: keep it as the message
      }
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), replica, ...fields })}\n`);
  };
}

/** `required` or `off`; `off` only in dev mode, so a production server cannot run staff without passkeys. */
function staffPasskeysFrom(value: string, dev: boolean): 'required' | 'off' {
  if (value !== 'required' && value !== 'off') throw new Error('STAFF_PASSKEYS must be "required" or "off".');
  if (value === 'off' && !dev)
    throw new Error('STAFF_PASSKEYS=off is allowed only in dev mode (VISIT_KIT_DEV=1).');
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dev = env.VISIT_KIT_DEV === '1';
  const livekit =
    env.LIVEKIT_URL && env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET
      ? { url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }
      : undefined;
  if (!dev && !env.SESSION_SECRET)
    throw new Error('SESSION_SECRET is required outside dev mode (VISIT_KIT_DEV=1).');
  return {
    databaseUrl: env.DATABASE_URL || DEFAULT_SQLITE,
    dev,
    seed: dev,
    sessionSecret: env.SESSION_SECRET || (dev ? 'visit-kit-dev-only-secret-change-me' : undefined),
    livekit,
    corsOrigins: env.CORS_ORIGINS
      ? env.CORS_ORIGINS.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    lostTimeCapMinutes: env.LOST_TIME_CAP_MINUTES ? Number(env.LOST_TIME_CAP_MINUTES) : 10,
    ...(env.LOST_NODE_RECOVERY_SECONDS
      ? { lostNodeRecoverySeconds: Number(env.LOST_NODE_RECOVERY_SECONDS) }
      : {}),
    ...(env.LOST_CONNECTION_DETECTION_SECONDS
      ? { lostConnectionDetectionSeconds: Number(env.LOST_CONNECTION_DETECTION_SECONDS) }
      : {}),
    ...(env.TRUSTED_PROXIES ? { trustedProxies: trustedProxiesFrom(env.TRUSTED_PROXIES) } : {}),
    ...(env.STREAMS_PER_PRINCIPAL
      ? { rateLimits: { streamsPerPrincipal: Number(env.STREAMS_PER_PRINCIPAL) } }
      : {}),
    ...(env.STAFF_PASSKEYS ? { staffPasskeys: staffPasskeysFrom(env.STAFF_PASSKEYS, dev) } : {}),
    ...(env.PASSKEY_RP_ID ? { passkeyRpId: env.PASSKEY_RP_ID } : {}),
    ...(env.PASSKEY_RP_NAME ? { passkeyRpName: env.PASSKEY_RP_NAME } : {}),
    ...(env.PASSKEY_ORIGINS
      ? {
          passkeyOrigins: env.PASSKEY_ORIGINS.split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
    signInUrl: env.SIGN_IN_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || undefined,
    ...(env.NOTIFY_API_KEY && env.NOTIFY_SMS_TEMPLATE_ID
      ? {
          notify: {
            apiKey: env.NOTIFY_API_KEY,
            smsTemplateId: env.NOTIFY_SMS_TEMPLATE_ID,
            baseUrl: env.NOTIFY_BASE_URL || undefined,
          },
        }
      : {}),
    retention: retentionFromEnv(env),
    host: env.HOST || '127.0.0.1',
    port: env.PORT ? Number(env.PORT) : 8787,
    replicaName: env.REPLICA_NAME || undefined,
    logJson: env.LOG_FORMAT === 'json',
    metricsToken: env.METRICS_TOKEN || undefined,
    log:
      env.LOG_FORMAT === 'json'
        ? jsonLog(env.REPLICA_NAME)
        : (line) => process.stderr.write(`[visit-kit server] ${line}\n`),
  };
}

/** RETENTION_VISITS_DAYS, RETENTION_CONTACT_DETAILS_DAYS, … (one per key of RetentionDays, in capitals). */
export function retentionFromEnv(env: NodeJS.ProcessEnv): Partial<RetentionDays> {
  const days: Partial<RetentionDays> = {};
  for (const key of Object.keys(DEFAULT_RETENTION) as (keyof RetentionDays)[]) {
    const name = `RETENTION_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_DAYS`;
    const value = env[name];
    if (value === undefined || value === '') continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of days.`);
    days[key] = n;
  }
  return days;
}

/** `TRUSTED_PROXIES`: a hop count (`1`) or the proxies' addresses, comma-separated (`10.0.0.5,10.0.0.6`). */
export function trustedProxiesFrom(value: string): number | string[] {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** True when this module is the program: run directly, or through npm's bin symlink (hence the real path). */
function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const config = configFromEnv();
  const server = await createServer(config);
  const { url } = await server.listen();
  process.stderr.write(
    `[visit-kit server] listening on ${url} (${config.databaseUrl?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}${config.dev ? ', dev mode' : ''}${config.livekit ? '' : ', no LiveKit configured'})\n`,
  );
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
