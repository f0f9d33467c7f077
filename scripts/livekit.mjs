// Starts a local LiveKit server on free 127.0.0.1 ports (for tests, the demo and benchmarks) and stops it by PID.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLivekit } from './ensure.mjs';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {{ url: string, httpUrl: string, apiKey: string, apiSecret: string, pid?: number,
 *   stop(): Promise<void>, external: boolean }} LivekitHandle
 */

/**
 * Starts LiveKit, or returns the external one named by LIVEKIT_URL.
 * @param {{ webhookUrls?: string[], log?: (line: string) => void }} [options]
 * @returns {Promise<LivekitHandle>}
 */
export async function startLivekit(options = {}) {
  const found = ensureLivekit();
  if (!('binary' in found)) {
    return {
      url: found.url,
      httpUrl: found.url.replace(/^ws/, 'http'),
      apiKey: found.apiKey,
      apiSecret: found.apiSecret,
      external: true,
      stop: async () => {},
    };
  }
  // A port found free can be taken by another process before LiveKit binds it (other suites start servers
  // too): that attempt fails at once with "address already in use", so try again on fresh ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(found.binary, options);
    } catch (error) {
      const busy = error instanceof Error && error.message.includes('address already in use');
      if (!busy || attempt === 3) throw error;
    }
  }
}

/**
 * @param {string} binary
 * @param {{ webhookUrls?: string[], log?: (line: string) => void }} options
 * @returns {Promise<LivekitHandle>}
 */
async function startOnce(binary, options) {
  const [port, tcpPort, udpPort] = [await freePort(), await freePort(), await freePort()];
  const apiKey = 'visitkit';
  const apiSecret = randomBytes(24).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'visit-kit-livekit-'));
  const configFile = join(dir, 'livekit.yaml');
  const webhook = options.webhookUrls?.length
    ? `webhook:\n  api_key: ${apiKey}\n  urls:\n${options.webhookUrls.map((u) => `    - ${JSON.stringify(u)}`).join('\n')}\n`
    : '';
  writeFileSync(
    configFile,
    `port: ${port}
bind_addresses: ["127.0.0.1"]
rtc:
  tcp_port: ${tcpPort}
  udp_port: ${udpPort}
  use_external_ip: false
  node_ip: 127.0.0.1
  enable_loopback_candidate: true
keys:
  ${apiKey}: ${apiSecret}
logging:
  level: info
room:
  empty_timeout: 120
  departure_timeout: 20
${webhook}`,
  );
  const child = spawn(binary, ['--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const collect = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      options.log?.(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const httpUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`livekit-server exited with code ${child.exitCode}:\n${lines.slice(-20).join('\n')}`);
    }
    try {
      const response = await fetch(httpUrl);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `livekit-server did not answer on ${httpUrl} within 20 s:\n${lines.slice(-20).join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.stderr.write(`[visit-kit] livekit-server (pid ${child.pid}) listening on ${httpUrl}\n`);
  return { url: `ws://127.0.0.1:${port}`, httpUrl, apiKey, apiSecret, pid: child.pid, external: false, stop };
}
