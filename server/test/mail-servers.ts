// Real message servers for the notification tests, on 127.0.0.1 only: Mailpit (a real SMTP server with an
// HTTP API to read what arrived), and a stand-in for GOV.UK Notify's SMS API, answering as its published
// API does (POST /v2/notifications/sms, JWT bearer auth). Notify itself cannot be reached from here.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import { findMailpit } from '../../scripts/ensure.mjs';
import { until } from './helpers.js';

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Why the SMTP test cannot run here, or false. */
export function mailpitUnavailable(): string | false {
  return findMailpit()
    ? false
    : 'Mailpit is not installed: `node scripts/ensure.mjs` builds it with Go (or set MAILPIT_PATH)';
}

export interface Mailpit {
  smtpPort: number;
  /** GET on Mailpit's HTTP API (`/api/v1/messages`, `/api/v1/message/{ID}`). */
  api(path: string): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

/** Starts Mailpit on the given SMTP port (free ones by default), with its own temporary database. */
export async function startMailpit(smtpPort?: number): Promise<Mailpit> {
  const binary = findMailpit();
  if (!binary) throw new Error('no mailpit');
  const smtp = smtpPort ?? (await freePort());
  const http = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'visit-kit-mailpit-'));
  const child: ChildProcess = spawn(
    binary,
    [
      '--smtp',
      `127.0.0.1:${smtp}`,
      '--listen',
      `127.0.0.1:${http}`,
      '--database',
      join(dir, 'mailpit.db'),
      '--disable-version-check',
      '--smtp-auth-accept-any',
      '--smtp-auth-allow-insecure',
    ],
    { stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${http}`;
  await until(
    () =>
      fetch(`${base}/readyz`)
        .then((r) => r.ok)
        .catch(() => false),
    15_000,
    100,
  );
  return {
    smtpPort: smtp,
    api: async (path) => (await fetch(base + path)).json(),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface NotifyStandIn {
  url: string;
  /** An API key as Notify issues them: `{name}-{service id}-{secret}`. */
  apiKey: string;
  serviceId: string;
  templateId: string;
  /** The SMS it accepted. */
  sent: {
    phone_number: string;
    template_id: string;
    personalisation: Record<string, string>;
    reference?: string;
  }[];
  /** Every request's status, in order. */
  statuses: number[];
  /** Answer the next n valid requests with 500, as Notify does on an internal error. */
  failNext(n: number): void;
  close(): Promise<void>;
}

const notifyError = (status: number, error: string, message: string) => ({
  status,
  body: { status_code: status, errors: [{ error, message }] },
});

/**
 * A stand-in for GOV.UK Notify's `POST /v2/notifications/sms`: checks the bearer JWT as Notify documents it
 * (HS256 with the key's secret, `iss` = the service id, `iat` within 30 seconds), the template, its
 * personalisation and that the number is a UK mobile, and answers 201 / 400 / 403 / 500 in Notify's shapes.
 */
export async function startNotifyStandIn(): Promise<NotifyStandIn> {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const templateId = randomUUID();
  const sent: NotifyStandIn['sent'] = [];
  const statuses: number[] = [];
  let failures = 0;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => resolve(body));
    });
  const answer = async (req: IncomingMessage): Promise<{ status: number; body: unknown }> => {
    if (req.method !== 'POST' || req.url !== '/v2/notifications/sms')
      return notifyError(404, 'NotFoundError', 'Not found');
    const header = req.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (!token) return notifyError(401, 'AuthError', 'Unauthorized: authentication token must be provided');
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
      if (payload.iss !== serviceId) return notifyError(403, 'AuthError', 'Invalid token: service not found');
      if (typeof payload.iat !== 'number' || Math.abs(Date.now() / 1000 - payload.iat) > 30)
        return notifyError(
          403,
          'AuthError',
          'Error: Your system clock must be accurate to within 30 seconds',
        );
    } catch {
      return notifyError(403, 'AuthError', 'Invalid token: signature, api token not found');
    }
    let body: NotifyStandIn['sent'][number];
    try {
      body = JSON.parse(await read(req));
    } catch {
      return notifyError(400, 'BadRequestError', 'Invalid JSON supplied in POST data');
    }
    if (body.template_id !== templateId) return notifyError(400, 'BadRequestError', 'Template not found');
    if (typeof body.personalisation?.message !== 'string')
      return notifyError(400, 'BadRequestError', 'Missing personalisation: message');
    const number = String(body.phone_number ?? '').replace(/[\s()-]/g, '');
    if (!/^(\+44|0044|0)7\d{9}$/.test(number))
      return notifyError(400, 'ValidationError', 'phone_number Not a UK mobile number');
    if (failures > 0) {
      failures -= 1;
      return notifyError(500, 'Exception', 'Internal server error');
    }
    sent.push(body);
    const id = randomUUID();
    return {
      status: 201,
      body: {
        id,
        reference: body.reference ?? null,
        content: { body: body.personalisation.message, from_number: 'GOVUK' },
        uri: `http://${req.headers.host}/v2/notifications/${id}`,
        template: { id: templateId, version: 1, uri: `http://${req.headers.host}/v2/template/${templateId}` },
      },
    };
  };
  const server = createHttpServer((req, res) => {
    answer(req).then(({ status, body }) => {
      statuses.push(status);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: `visit-kit-test-${serviceId}-${secret}`,
    serviceId,
    templateId,
    sent,
    statuses,
    failNext: (n) => (failures = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
