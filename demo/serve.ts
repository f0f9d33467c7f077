// Serves the demo host pages on their own origin (never the API's), so every demo interaction is a real
// cross-origin embed. Each page's script is bundled with esbuild (the media layer stays a lazy chunk), and
// every page is served with a strict Content-Security-Policy; violations are reported to /__csp-report.
import { build } from 'esbuild';
import { livekitFromSource } from '../scripts/livekit-source.mjs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const demoDir = resolve(import.meta.dirname);

export interface DemoOptions {
  /** Origin of the backend, e.g. http://127.0.0.1:8787 */
  apiBase: string;
  /** LiveKit signalling URL, e.g. ws://127.0.0.1:7880 (allowed by the CSP's connect-src). */
  livekitUrl: string;
  port?: number;
  host?: string;
}

export interface DemoServer {
  origin: string;
  /** CSP violations reported by browsers since start (the automated demo check expects none). */
  cspViolations: unknown[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.json': 'application/json',
};

/** The strict policy every demo page is served with: no inline script or style, no eval. */
export function contentSecurityPolicy(apiBase: string, livekitUrl: string): string {
  const livekitHttp = livekitUrl.replace(/^ws/, 'http');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self' ${apiBase} ${livekitUrl} ${livekitHttp}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'report-uri /__csp-report',
  ].join('; ');
}

async function bundlePages(): Promise<Map<string, { text: string }>> {
  const entries = readdirSync(join(demoDir, 'src'))
    .filter((file) => file.endsWith('.ts') && !file.startsWith('_'))
    .map((file) => join(demoDir, 'src', file));
  const result = await build({
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    write: false,
    outdir: '/js',
    chunkNames: 'chunks/[name]-[hash]',
    conditions: ['production'],
    // livekit-client as visit-kit's builds ship it (from its TypeScript source, without webrtc-adapter)
    plugins: [livekitFromSource()],
    logLevel: 'warning',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  });
  return new Map(result.outputFiles.map((file) => [file.path, { text: file.text }]));
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export async function serveDemo(options: DemoOptions): Promise<DemoServer> {
  const bundles = await bundlePages();
  const csp = contentSecurityPolicy(options.apiBase, options.livekitUrl);
  const cspViolations: unknown[] = [];

  const send = (response: ServerResponse, status: number, type: string, body: string | Buffer) => {
    response.writeHead(status, {
      'content-type': type,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'permissions-policy': 'camera=(self), microphone=(self), display-capture=()',
      'cache-control': 'no-store',
    });
    response.end(body);
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://demo').pathname);
    if (path === '/__csp-report' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        try {
          cspViolations.push(JSON.parse(body));
        } catch {
          cspViolations.push(body);
        }
        console.warn(`[demo] CSP violation reported: ${body.slice(0, 300)}`);
        response.writeHead(204).end();
      });
      return;
    }
    if (path.startsWith('/js/')) {
      const file = bundles.get(path);
      if (file) return send(response, 200, TYPES[extname(path)] ?? 'text/plain', file.text);
      return send(response, 404, 'text/plain', 'Not found');
    }
    // Static files: pages, assets, and the CDN bundle (built by rollup into dist/cdn).
    const page = path === '/' ? '/index.html' : path;
    const base = page.startsWith('/cdn/')
      ? join(root, 'dist')
      : page.startsWith('/assets/')
        ? demoDir
        : join(demoDir, 'pages');
    const file = normalize(join(base, page));
    if (!file.startsWith(base) || !existsSync(file)) return send(response, 404, 'text/plain', 'Not found');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (extname(file) === '.html') {
      const html = readFileSync(file, 'utf8')
        .replaceAll('%API_BASE%', escapeAttribute(options.apiBase))
        .replaceAll('%LIVEKIT_URL%', escapeAttribute(options.livekitUrl));
      return send(response, 200, type, html);
    }
    return send(response, 200, type, readFileSync(file));
  };

  const server = createServer(handle);
  await new Promise<void>((done) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${options.host ?? '127.0.0.1'}:${port}`,
    cspViolations,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
