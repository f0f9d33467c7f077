// Serves test pages on 127.0.0.1: each entry is bundled in memory with esbuild and wrapped in a tiny HTML page.
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { livekitFromSource } from '../../scripts/livekit-source.mjs';

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * `entries` maps a page name (served at `/<name>.html`) to a TypeScript entry file. `scripts` are served as
 * they are, by path (e.g. a script built separately that a page loads).
 */
export async function servePages(
  entries: Record<string, string>,
  scripts: Record<string, string> = {},
): Promise<PageServer> {
  const result = await build({
    entryPoints: entries,
    bundle: true,
    format: 'esm',
    write: false,
    outdir: '/',
    target: 'es2022',
    logLevel: 'silent',
    // livekit-client as visit-kit's builds ship it: from its TypeScript source, without webrtc-adapter
    plugins: [livekitFromSource()],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  });
  const files = new Map([
    ...result.outputFiles.map((file): [string, string] => [file.path, file.text]),
    ...Object.entries(scripts),
  ]);
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const name = path.replace(/^\//, '').replace(/\.html$/, '');
    if (path.endsWith('.html') && files.has(`/${name}.js`)) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>${name}</title><body><script type="module" src="/${name}.js"></script></body></html>`,
      );
      return;
    }
    const file = files.get(path);
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    response.end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
