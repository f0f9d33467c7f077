// Serves the demo host pages on their own origin (never the API's), so every demo interaction is a real
// cross-origin embed. Each page's script is bundled with esbuild (the media layer stays a lazy chunk), and
// every page is served with a strict Content-Security-Policy; violations are reported to /__csp-report.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { livekitFromSource } from '../scripts/livekit-source.mjs';

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

interface Bundle {
  text: string;
  /** Chunks this entry imports statically (named for `<link rel="modulepreload">`), entries only. */
  imports: string[];
}

async function bundlePages(): Promise<Map<string, Bundle>> {
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
    metafile: true,
    outdir: '/js',
    chunkNames: 'chunks/[name]-[hash]',
    conditions: ['production'],
    // livekit-client as visit-kit's builds ship it (from its TypeScript source, without webrtc-adapter)
    plugins: [livekitFromSource()],
    logLevel: 'warning',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  });
  // Static imports of each output, followed to the end: what a page's entry needs before it runs.
  const outputs = result.metafile.outputs;
  const staticImports = (path: string, seen = new Set<string>()): string[] => {
    for (const item of outputs[path.slice(1)]?.imports ?? []) {
      if (item.kind !== 'import-statement' || seen.has(`/${item.path}`)) continue;
      seen.add(`/${item.path}`);
      staticImports(`/${item.path}`, seen);
    }
    return [...seen];
  };
  return new Map(
    result.outputFiles.map((file) => [file.path, { text: file.text, imports: staticImports(file.path) }]),
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export async function serveDemo(options: DemoOptions): Promise<DemoServer> {
  const bundles = await bundlePages();
  const csp = contentSecurityPolicy(options.apiBase, options.livekitUrl);
  const cspViolations: unknown[] = [];

  // Compressed once per file and encoding (the bundles and pages do not change while the server runs).
  const compressed = new Map<string, Buffer>();
  const encode = (key: string, encoding: 'br' | 'gzip', body: Buffer) => {
    const cacheKey = `${encoding} ${key}`;
    let out = compressed.get(cacheKey);
    if (!out) {
      out =
        encoding === 'br'
          ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } })
          : gzipSync(body, { level: 9 });
      compressed.set(cacheKey, out);
    }
    return out;
  };

  /**
   * `cache`: `immutable` for content-hashed chunks (a new build has new names), `revalidate` for entries,
   * pages and assets whose names stay the same (cached, checked with the ETag each time), `none` otherwise.
   */
  const send = (
    response: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    options: { request?: IncomingMessage; cache?: 'immutable' | 'revalidate' | 'none'; key?: string } = {},
  ) => {
    let bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const headers: Record<string, string> = {};
    const cache = options.cache ?? 'none';
    const digest = createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
    if (cache !== 'none' && options.request) {
      const etag = `"${digest}"`;
      headers.etag = etag;
      if (options.request.headers['if-none-match'] === etag) {
        response.writeHead(304, {
          etag,
          'cache-control': cache === 'immutable' ? 'public, max-age=31536000, immutable' : 'no-cache',
        });
        response.end();
        return;
      }
    }
    const accept = String(options.request?.headers['accept-encoding'] ?? '');
    if (options.request && /^(text\/|application\/json|image\/svg)/.test(type) && bytes.length > 512) {
      const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
      if (encoding) {
        bytes = encode(`${options.key ?? ''} ${digest}`, encoding, bytes);
        headers['content-encoding'] = encoding;
      }
      headers.vary = 'accept-encoding';
    }
    response.writeHead(status, {
      ...headers,
      'content-type': type,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'permissions-policy': 'camera=(self), microphone=(self), display-capture=()',
      'cache-control':
        cache === 'immutable'
          ? 'public, max-age=31536000, immutable'
          : cache === 'revalidate'
            ? 'no-cache'
            : 'no-store',
    });
    response.end(bytes);
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
      if (file)
        return send(response, 200, TYPES[extname(path)] ?? 'text/plain', file.text, {
          request,
          key: path,
          cache: path.startsWith('/js/chunks/') ? 'immutable' : 'revalidate',
        });
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
        .replaceAll('%LIVEKIT_URL%', escapeAttribute(options.livekitUrl))
        // The entry's statically imported chunks are fetched at once, not after the entry has been parsed.
        .replace(
          /^(\s*)<script type="module" src="(\/js\/[^"]+)"><\/script>$/m,
          (tag, indent: string, src: string) =>
            [
              ...(bundles.get(src)?.imports ?? []).map(
                (chunk) => `${indent}<link rel="modulepreload" href="${chunk}" />`,
              ),
              tag,
            ].join('\n'),
        );
      return send(response, 200, type, html, { request, key: page, cache: 'revalidate' });
    }
    return send(response, 200, type, readFileSync(file), { request, key: page, cache: 'revalidate' });
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
