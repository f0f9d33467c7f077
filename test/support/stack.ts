// The whole system for end-to-end tests: a real LiveKit server, the reference backend (fresh SQLite file,
// dev mode, seeded) and the demo host pages on another origin — all on 127.0.0.1, stopped by `close()`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDemo, type DemoServer } from '../../demo/serve.js';
import { freePort, startLivekit } from '../../scripts/livekit.mjs';
import { createServer } from '../../server/app.js';

export interface Stack {
  apiBase: string;
  livekit: Awaited<ReturnType<typeof startLivekit>>;
  demo: DemoServer;
  /** Reads the newest 6-digit sign-in code sent to `email` from the dev outbox. */
  signInCode(email: string): Promise<string>;
  close(): Promise<void>;
}

export async function startStack(options: { lostTimeCapMinutes?: number } = {}): Promise<Stack> {
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
    corsOrigins: [`http://127.0.0.1:${demoPort}`],
    host: '127.0.0.1',
    port: apiPort,
    lostTimeCapMinutes: options.lostTimeCapMinutes,
  });
  const api = await backend.listen();
  const demo = await serveDemo({ apiBase, livekitUrl: livekit.url, port: demoPort });
  return {
    apiBase,
    livekit,
    demo,
    async signInCode(email) {
      const response = await fetch(`${apiBase}/api/dev/outbox?to=${encodeURIComponent(email)}`);
      const messages = (await response.json()) as { text: string }[];
      const code = messages.map((message) => /\b(\d{6})\b/.exec(message.text)?.[1]).find(Boolean);
      if (!code) throw new Error(`no sign-in code for ${email} in the dev outbox`);
      return code;
    },
    async close() {
      await demo.close();
      await api.close();
      await backend.close();
      await livekit.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
