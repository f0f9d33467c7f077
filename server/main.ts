// Runs the reference backend from environment variables: `node --import tsx server/main.ts`.
import { createServer, DEFAULT_SQLITE } from './app.js';
import type { ServerConfig } from './context.js';

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
    ...(env.LOST_CONNECTION_DETECTION_SECONDS
      ? { lostConnectionDetectionSeconds: Number(env.LOST_CONNECTION_DETECTION_SECONDS) }
      : {}),
    ...(env.TRUSTED_PROXIES ? { trustedProxies: trustedProxiesFrom(env.TRUSTED_PROXIES) } : {}),
    signInUrl: env.SIGN_IN_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || undefined,
    host: env.HOST || '127.0.0.1',
    port: env.PORT ? Number(env.PORT) : 8787,
    log: (line) => process.stderr.write(`[visit-kit server] ${line}\n`),
  };
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

if (import.meta.url === `file://${process.argv[1]}`) {
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
