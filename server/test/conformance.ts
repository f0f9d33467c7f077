// Every answer a server test sees is checked against api/openapi.json: a status the contract does not list
// for that operation fails the test that saw it (so every suite also tests the contract's completeness).
import { readFileSync } from 'node:fs';
import { OPENAPI_PATH } from '../contract.js';

interface Operation {
  responses: Record<string, unknown>;
}
let paths: { pattern: RegExp; template: string; item: Record<string, Operation> }[] | undefined;

function contractPaths() {
  paths ??= Object.entries(
    (JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, Operation>> })
      .paths,
  ).map(([template, item]) => ({
    template,
    item,
    pattern: new RegExp(
      `^${template
        .split('/')
        .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}$`,
    ),
  }));
  return paths;
}

/** Why this answer breaks the contract, or undefined when it keeps it (or the address is not in it). */
export function contractBreach(method: string, url: string, status: number): string | undefined {
  const path = new URL(url, 'http://x').pathname;
  // dev routes and the LiveKit webhook are not part of the contract
  if (!path.startsWith('/api/') || path.startsWith('/api/dev/') || path === '/api/livekit/webhook') return;
  if (method === 'OPTIONS') return status === 204 ? undefined : `OPTIONS ${path} answered ${status}`;
  const m = (method === 'HEAD' ? 'get' : method).toLowerCase();
  // a path can match more than one template (/visits/{visitId} and /visits/{visitId}/…) only when literal
  const matches = contractPaths().filter((p) => p.pattern.test(path));
  const operation = matches.map((p) => ({ p, op: p.item[m] })).find((x) => x.op);
  if (operation) {
    const documented = Object.keys(operation.op!.responses);
    if (documented.includes(String(status)) || documented.includes('default')) return;
    return `${method} ${operation.p.template} answered ${status}, not in the contract (${documented.join(', ')})`;
  }
  // a bad token is refused before routing, everywhere under /api/v1
  if (status === 401 && path.startsWith('/api/v1/')) return;
  if (matches.length)
    return status === 405 ? undefined : `${method} ${path} (no such operation) answered ${status}, not 405`;
  return status === 404 ? undefined : `${method} ${path} (not in the contract) answered ${status}, not 404`;
}
