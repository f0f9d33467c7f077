// The reference backend's settings for the demo, shared by `npm start` (demo/start.ts) and the page
// benchmark (bench/page-demo.ts), so both serve the demo pages against the same backend.
import type { ServerConfig } from '../server/context.js';

export interface DemoBackendOptions {
  host: string;
  apiPort: number;
  demoPort: number;
  databaseUrl: string;
  livekit?: ServerConfig['livekit'];
  /** Print each sign-in code to the console (the dev outbox); on by default. */
  consoleOutbox?: boolean;
}

export function demoBackendConfig(options: DemoBackendOptions): ServerConfig {
  const { host, apiPort, demoPort } = options;
  return {
    dev: true,
    seed: true,
    consoleOutbox: options.consoleOutbox ?? true,
    databaseUrl: options.databaseUrl,
    sessionSecret: process.env.SESSION_SECRET ?? 'visit-kit-demo-only-secret-change-me-in-production',
    livekit: options.livekit,
    corsOrigins: [`http://${host}:${demoPort}`, `http://localhost:${demoPort}`],
    // Staff passkeys are off in the demo unless STAFF_PASSKEYS=required; then open the staff page on
    // http://localhost:<port> (a WebAuthn RP id cannot be an IP address) — docs/deployment.md.
    staffPasskeys: process.env.STAFF_PASSKEYS === 'required' ? 'required' : 'off',
    passkeyOrigins: [`http://localhost:${demoPort}`],
    passkeyRpId: 'localhost',
    // DEMO ONLY, never in a production config: the demo bar signs in with real emailed codes, so a newcomer
    // trying a few tabs would soon meet the real limit (5 codes per email per 15 minutes). The demo bar
    // also reuses a still-valid session, so a code is spent only when there is none.
    rateLimits: { codesPerEmail: 50, codesPerAddress: 100 },
    host,
    port: apiPort,
  };
}
