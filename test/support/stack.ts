// The whole system for end-to-end tests: a real LiveKit server, the reference backend (fresh SQLite file,
// dev mode, seeded) and the demo host pages on another origin — all on 127.0.0.1, stopped by `close()`.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDemo, type DemoServer } from '../../demo/serve.js';
import { freePort, startLivekit } from '../../scripts/livekit.mjs';
import { createServer, type VisitKitServer } from '../../server/app.js';

export interface Stack {
  apiBase: string;
  /** The backend itself (its database, for fixtures a test cannot make through the API). */
  backend: VisitKitServer;
  livekit: Awaited<ReturnType<typeof startLivekit>>;
  demo: DemoServer;
  /** Reads the newest 6-digit sign-in code sent to `email` from the dev outbox. */
  signInCode(email: string): Promise<string>;
  /** A JSON request to the backend; the answer's status and parsed body. */
  api(path: string, init?: { method?: string; token?: string; body?: unknown }): Promise<ApiReply>;
  /** Signs in with an emailed code, as a person would; the session token. */
  signIn(email: string): Promise<string>;
  close(): Promise<void>;
}

export interface ApiReply {
  status: number;
  // parsed JSON: the tests read whichever fields they check
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Polls `check` every 200 ms until it returns something truthy; on timeout fails with `explain()` or the last value. */
export async function until<T>(
  label: string,
  check: () => Promise<T> | T,
  timeoutMs = 20_000,
  explain?: () => Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const detail = explain ? await explain().catch((error: unknown) => String(error)) : last;
  assert.fail(`timed out: ${label} (${JSON.stringify(detail)})`);
}

export async function startStack(
  options: {
    lostTimeCapMinutes?: number;
    /**
     * Staff passkeys: off by default here (dev mode), for the tests about other things; the passkey test
     * (test/e2e/staff-passkey.test.ts) turns them on and serves the pages on `localhost` (a WebAuthn RP id).
     */
    staffPasskeys?: 'required' | 'off';
  } = {},
): Promise<Stack> {
  const apiPort = await freePort();
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const livekit = await startLivekit({ webhookUrls: [`${apiBase}/api/livekit/webhook`] });
  const dataDir = mkdtempSync(join(tmpdir(), 'visit-kit-e2e-'));
  const demoPort = await freePort();
  const backend = await createServer({
    dev: true,
    seed: true,
    consoleOutbox: false,
    databaseUrl: join(dataDir, 'e2e.sqlite'),
    sessionSecret: 'e2e-secret-e2e-secret-e2e-secret-0123',
    livekit: { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
    corsOrigins: [`http://127.0.0.1:${demoPort}`, `http://localhost:${demoPort}`],
    staffPasskeys: options.staffPasskeys ?? 'off',
    passkeyOrigins: [`http://localhost:${demoPort}`],
    passkeyRpId: 'localhost',
    host: '127.0.0.1',
    port: apiPort,
    lostTimeCapMinutes: options.lostTimeCapMinutes,
  });
  const api = await backend.listen();
  const demo = await serveDemo({ apiBase, livekitUrl: livekit.url, port: demoPort });
  const stack: Stack = {
    apiBase,
    backend,
    livekit,
    demo,
    async signInCode(email) {
      const response = await fetch(`${apiBase}/api/dev/outbox?to=${encodeURIComponent(email)}`);
      const messages = (await response.json()) as { text: string }[];
      const code = messages.map((message) => /\b(\d{6})\b/.exec(message.text)?.[1]).find(Boolean);
      if (!code) throw new Error(`no sign-in code for ${email} in the dev outbox`);
      return code;
    },
    async api(path, init = {}) {
      const response = await fetch(`${apiBase}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          'content-type': 'application/json',
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async signIn(email) {
      await stack.api('/api/v1/auth/code', { method: 'POST', body: { email } });
      const code = await stack.signInCode(email);
      const verified = await stack.api('/api/v1/auth/verify', { method: 'POST', body: { email, code } });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      return verified.body.token as string;
    },
    async close() {
      await demo.close();
      await api.close();
      await backend.close();
      await livekit.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
