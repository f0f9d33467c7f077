// Test helpers: isolated servers on free 127.0.0.1 ports with a temp SQLite file or a fresh PostgreSQL database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createServer, type VisitKitServer } from '../app.js';
import { signSession } from '../auth.js';
import { contractBreach } from './conformance.js';
import type { ServerConfig } from '../context.js';
import { dateIn, addDays } from '../time.js';
import { newId } from '../util.js';

export const PG_URL = process.env.VISIT_KIT_TEST_DATABASE_URL;

export interface Target {
  name: 'sqlite' | 'postgres';
  skip: string | false;
}
/** The databases every suite runs against. PostgreSQL is skipped (with the reason) without the variable. */
export const TARGETS: Target[] = [
  { name: 'sqlite', skip: false },
  {
    name: 'postgres',
    skip: PG_URL
      ? false
      : 'VISIT_KIT_TEST_DATABASE_URL is not set (e.g. postgres://visitkit:visitkit@127.0.0.1:5432/postgres)',
  },
];

export interface Database {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database: a temp SQLite file, or a new PostgreSQL database created (and later dropped) for this run. */
export async function freshDatabase(target: Target['name']): Promise<Database> {
  if (target === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'visit-kit-test-'));
    return { url: join(dir, 'test.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!PG_URL) throw new Error('no PostgreSQL URL');
  const name = `visitkit_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        // FORCE cannot end a backend of another role (42501): an autovacuum worker that has just started on
        // the test database. It finishes in moments: try again a few times, bounded.
        for (let attempt = 1; ; attempt += 1) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== '42501' || attempt === 20) throw error;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

export interface TestServer {
  server: VisitKitServer;
  url: string;
  db: Database;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  tokenFor(principal: {
    id: string;
    role: 'visitor' | 'staff' | 'prisoner';
    prisonCode?: string;
    prisonerId?: string;
  }): Promise<string>;
  family(options?: FamilyOptions): Promise<Family>;
  staffToken(prisonCode: 'NMI' | 'GLR'): Promise<string>;
  /** A date n days from today in Europe/London. */
  day(n: number): string;
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}
export interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

export interface FamilyOptions {
  prisonCode?: 'NMI' | 'GLR';
  allowance?: number;
  reviewRequired?: boolean;
}
export interface Family {
  userId: string;
  email: string;
  token: string;
  prisonerId: string;
  prisonNumber: string;
  linkId: string;
  childId: string;
  adultId: string;
  pendingId: string;
}

export async function startServer(
  target: Target['name'] = 'sqlite',
  config: ServerConfig = {},
  existing?: Database,
): Promise<TestServer> {
  const db = existing ?? (await freshDatabase(target));
  const server = await createServer({
    databaseUrl: db.url,
    dev: true,
    seed: true,
    consoleOutbox: false,
    sessionSecret: 'test-secret-test-secret-test-secret',
    enforcerIntervalMs: 200,
    // the retention purge runs only where a test calls it (fixtures here use fixed past dates)
    retentionEveryMs: 0,
    ...config,
  });
  const listening = await server.listen();
  const url = listening.url;
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(url + path, { method, headers, body });
    const breach = contractBreach(method, path, response.status);
    if (breach) throw new Error(`contract: ${breach}`);
    const text = await response.text();
    let parsed: unknown = undefined;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  // Staff tokens as after the passkey step (a fixture for tests about other things; server/test/passkeys.test.ts
  // goes through the real WebAuthn ceremonies).
  const tokenFor: TestServer['tokenFor'] = async (principal) =>
    (await signSession(server.ctx, principal, principal.role === 'staff' ? ['otp', 'hwk'] : ['otp'])).token;
  let counter = 0;
  const family = async (options: FamilyOptions = {}): Promise<Family> => {
    counter += 1;
    const d = server.ctx.store.db;
    const tag = randomBytes(3).toString('hex').toUpperCase();
    const userId = newId();
    const email = `family-${tag.toLowerCase()}-${counter}@example.org`;
    const prisonerId = `prs-${tag}${counter}`;
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    // Unique within this server (the digits and the next letter count families; the seed's numbers have
    // B–E there, never A), random at both ends: random digits collided about once in 250 runs of 1000 families.
    const prisonNumber = `${letters[randomBytes(1)[0]! % 24]}${1000 + (counter % 9000)}${letters[Math.floor(counter / 9000) % 24]}${letters[randomBytes(1)[0]! % 24]}`;
    const prisonCode = options.prisonCode ?? 'NMI';
    const now = new Date().toISOString();
    await d
      .insertInto('users')
      .values({
        id: userId,
        role: 'visitor',
        email,
        first_name: 'Pat',
        last_name: `Family${tag}`,
        date_of_birth: '1980-01-01',
        phone: null,
        language: 'en',
        prison_code: null,
        created_at: now,
      })
      .execute();
    await d
      .insertInto('prisoners')
      .values({
        id: prisonerId,
        prison_number: prisonNumber,
        first_name: 'Chris',
        last_name: `Inmate${tag}`,
        date_of_birth: '1990-01-01',
        prison_code: prisonCode,
        allowance_per_period: options.allowance ?? 20,
        allowance_remaining: options.allowance ?? 20,
        allowance_period_days: 28,
        period_ends: addDays(dateIn(new Date(), 'Europe/London'), 27),
        closed_visits: 0,
        review_required: options.reviewRequired ? 1 : 0,
      })
      .execute();
    const linkId = newId();
    await d
      .insertInto('links')
      .values({
        id: linkId,
        user_id: userId,
        prisoner_id: prisonerId,
        prison_code: prisonCode,
        claimed_prison_number: prisonNumber,
        claimed_first_name: 'Chris',
        claimed_last_name: `Inmate${tag}`,
        claimed_date_of_birth: '1990-01-01',
        relationship: 'sibling',
        status: 'approved',
        rejection_reason: null,
        closed_visits: 0,
        banned_until: null,
        created_at: now,
        decided_at: now,
        decided_by: 'test',
      })
      .execute();
    const lv = (id: string, first: string, dob: string, status: 'approved' | 'requested') => ({
      id,
      link_id: linkId,
      first_name: first,
      last_name: `Family${tag}`,
      date_of_birth: dob,
      relationship: 'child',
      status,
      banned_until: null,
      lead: 0,
      created_at: now,
      decided_at: null,
      decided_by: null,
    });
    const childId = newId();
    const adultId = newId();
    const pendingId = newId();
    await d
      .insertInto('link_visitors')
      .values([
        lv(childId, 'Kid', '2018-01-01', 'approved'),
        lv(adultId, 'Gran', '1950-01-01', 'approved'),
        lv(pendingId, 'Pending', '1985-01-01', 'requested'),
      ])
      .execute();
    return {
      userId,
      email,
      token: await tokenFor({ id: userId, role: 'visitor' }),
      prisonerId,
      prisonNumber,
      linkId,
      childId,
      adultId,
      pendingId,
    };
  };
  return {
    server,
    url,
    db,
    call,
    tokenFor,
    family,
    staffToken: (code) =>
      tokenFor({ id: code === 'NMI' ? 'usr-staff-nmi' : 'usr-staff-glr', role: 'staff', prisonCode: code }),
    day: (n) => addDays(dateIn(new Date(), 'Europe/London'), n),
    async close() {
      await server.close();
      if (!existing) await db.drop();
    },
  };
}

/** Makes a template with the given capacity on the weekday of `date` at NMI and returns its slot id for that date. */
export async function makeSlot(
  t: TestServer,
  date: string,
  capacity: number,
  type: 'video' | 'in-person' = 'video',
  start = '11:00',
  end = '11:30',
  prisonCode = 'NMI',
) {
  const id = `tpl_t${randomBytes(5).toString('hex')}`;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  await t.server.ctx.store.db
    .insertInto('session_templates')
    .values({
      id,
      prison_code: prisonCode,
      type,
      day_of_week: new Date(Date.UTC(y, m - 1, d)).getUTCDay(),
      start_time: start,
      end_time: end,
      valid_from: '2024-01-01',
      valid_to: null,
      capacity,
      active: 1,
      created_at: new Date().toISOString(),
    })
    .execute();
  return { templateId: id, slotId: `${id}.${date}` };
}

/** Holds and books a slot for a family; returns the visit. */
export async function book(t: TestServer, f: Family, slotId: string, visitorIds: string[] = [f.userId]) {
  const hold = await t.call('POST', '/api/v1/holds', {
    token: f.token,
    body: { prisonerId: f.prisonerId, slotId },
  });
  if (hold.status !== 201) throw new Error(`hold failed: ${hold.status} ${hold.text}`);
  const booking = await t.call('POST', '/api/v1/bookings', {
    token: f.token,
    body: { holdId: hold.body.id, visitorIds, contact: {} },
  });
  if (booking.status !== 201) throw new Error(`booking failed: ${booking.status} ${booking.text}`);
  return booking.body;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until check() returns truthy, polling (bounded). */
export async function until<T>(check: () => Promise<T> | T, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(everyMs);
  }
}

export interface SseEvent {
  event: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
/** Opens an SSE stream with an Authorization header and collects events (and heartbeat comments). */
export async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  let comments = 0;
  let buffer = '';
  const reading = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let index;
        while ((index = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, index);
          buffer = buffer.slice(index + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments += 1;
            else if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (data.length) events.push({ event, data: JSON.parse(data.join('\n')) });
        }
      }
    } catch {
      // aborted
    }
  })();
  let ended = false;
  void reading.then(() => (ended = true));
  return {
    response,
    events,
    /** true once the stream has ended (closed by the server, or by close()) */
    get ended() {
      return ended;
    },
    get comments() {
      return comments;
    },
    next: (predicate: (e: SseEvent) => boolean, timeoutMs = 5000) =>
      until(() => events.find(predicate), timeoutMs, 20) as Promise<SseEvent>,
    async close() {
      controller.abort();
      await reading;
    },
  };
}
