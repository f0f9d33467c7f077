// API benchmarks against the reference backend on SQLite, the server in its own process (so the load generator
// does not share its event loop), driven by autocannon over keep-alive connections on 127.0.0.1.
//   api.availability_p95_ms  a month of availability, realistic timetable, 50 concurrent clients
//   api.hold_confirm_rps     hold + confirm pairs per second, 50 concurrent clients, each pair a distinct place
//   api.overbooked           bookings beyond capacity after 1000 concurrent attempts at 10 places
// Beside each speed figure, its limit measured in the same run: a bare node:http server sending the same bytes
// (availability), the same statements run directly on better-sqlite3 (hold + confirm).
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type SessionTemplatesTable } from '../server/db.js';
import {
  freshDatabase,
  makeSlot,
  startServer,
  type Database,
  type Family,
  type TestServer,
} from '../server/test/helpers.js';
import { manyFamilies, raceForSlot } from '../test/support/booking-load.js';
import { startServerProcess } from '../test/support/server-process.js';
import { replayRate, traceStatements, type TracedStatement } from './sqlite-trace.js';

const SECRET = 'test-secret-test-secret-test-secret';
const CONNECTIONS = 50;
const log = (line: string) => process.stderr.write(`[bench api] ${line}\n`);

/** Builds a fixture in-process (helpers of server/test), then serves the same database from a child process. */
async function withFixture<T>(
  build: (t: TestServer) => Promise<T>,
  use: (base: string, fixture: T, db: Database, pid: number) => Promise<Record<string, number>>,
  target: 'sqlite' | 'postgres' = 'sqlite',
): Promise<Record<string, number>> {
  const db = await freshDatabase(target);
  try {
    // no scheduler while building: its sweeps would land in the hold + confirm trace now and then (32 statements
    // instead of the pair's 27) and so in the limit measured beside the figure
    const t = await startServer(target, { enforcerIntervalMs: 0 }, db);
    let fixture: T;
    try {
      fixture = await build(t);
    } finally {
      await t.close();
    }
    const child = await startServerProcess({
      databaseUrl: db.url,
      dev: true,
      seed: false,
      consoleOutbox: false,
      sessionSecret: SECRET,
    });
    try {
      return await use(child.url, fixture, db, child.child.pid!);
    } finally {
      await child.stop();
    }
  } finally {
    await db.drop();
  }
}

/** The bare server of bench/bare-server.mjs, answering with `answer`'s headers and bytes. */
async function startBareServer(answer: { headers: Record<string, string>; body: Buffer }) {
  const dir = mkdtempSync(join(tmpdir(), 'visit-kit-bare-'));
  const file = join(dir, 'answer.json');
  writeFileSync(file, JSON.stringify({ headers: answer.headers, body: answer.body.toString('base64') }));
  const script = fileURLToPath(new URL('./bare-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = /^READY (\S+)$/m.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux; NaN elsewhere). Beside the
 * throughput figures: CPU per answer hardly depends on how busy the shared machine is, wall time does.
 */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

// ── availability ────────────────────────────────────────────────────────────────────────────────────────

/**
 * A realistic timetable for HMP Northmoor on top of the seed's: weekday video sessions every 30 minutes
 * 09:00–11:30 and 13:30–16:30 (6 places), two evening video sessions on Tue/Thu, weekend morning in-person
 * sessions (20 places); two excluded dates; then ~240 visits booked through the API by 60 families and
 * 20 live holds, so counts have something to count.
 */
async function availabilityFixture(t: TestServer) {
  const db = t.server.ctx.store.db;
  const created = new Date().toISOString();
  const rows: SessionTemplatesTable[] = [];
  const add = (days: number[], type: 'video' | 'in-person', start: string, end: string, capacity: number) => {
    for (const day of days)
      rows.push({
        id: `tpl-bench-${type[0]}-${day}-${start.replace(':', '')}`,
        prison_code: 'NMI',
        type,
        day_of_week: day,
        start_time: start,
        end_time: end,
        valid_from: '2024-01-01',
        valid_to: null,
        capacity,
        active: 1,
        created_at: created,
      });
  };
  const weekdays = [1, 2, 3, 4, 5];
  const halfHours = (from: string, to: string) => {
    const out: [string, string][] = [];
    const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
    const fmt = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    for (let m = toMin(from); m < toMin(to); m += 30) out.push([fmt(m), fmt(m + 30)]);
    return out;
  };
  for (const [s, e] of [...halfHours('09:00', '11:30'), ...halfHours('13:30', '16:30')])
    if (s !== '09:30' && s !== '14:00') add(weekdays, 'video', s, e, 6); // the seed has 09:30 and 14:00
  add([2, 4], 'video', '18:00', '18:30', 4);
  add([2, 4], 'video', '18:30', '19:00', 4);
  add([0, 6], 'in-person', '09:30', '11:30', 20);
  await db.insertInto('session_templates').values(rows).execute();
  await db
    .insertInto('excluded_dates')
    .values(
      [t.day(9), t.day(20)].map((date) => ({
        prison_code: 'NMI',
        date,
        reason: 'Staff training',
      })),
    )
    .execute();
  const families = await manyFamilies(t, 60);
  // each family books 4 random open sessions of the coming month (what the calendar offers)
  let booked = 0;
  for (const family of families) {
    const from = t.day(1);
    const to = t.day(28);
    const reply = await t.call(
      'GET',
      `/api/v1/prisoners/${family.prisonerId}/availability?from=${from}&to=${to}`,
      { token: family.token },
    );
    const sessions = (reply.body?.days ?? []).flatMap(
      (day: { sessions: { id: string; start: string }[] }) => day.sessions,
    ) as { id: string; start: string }[];
    const used = new Set<string>();
    for (let i = 0; i < 4 && sessions.length; i++) {
      const pick = sessions.splice(Math.floor(Math.random() * sessions.length), 1)[0]!;
      if (used.has(pick.start)) continue;
      used.add(pick.start);
      const hold = await t.call('POST', '/api/v1/holds', {
        token: family.token,
        body: { prisonerId: family.prisonerId, slotId: pick.id },
      });
      if (hold.status !== 201) continue;
      const booking = await t.call('POST', '/api/v1/bookings', {
        token: family.token,
        body: { holdId: hold.body.id, visitorIds: [family.userId], contact: {} },
      });
      if (booking.status === 201) booked += 1;
    }
  }
  // 20 families leave a live hold (they are mid-booking while others browse)
  for (const family of families.slice(0, 20)) {
    const reply = await t.call(
      'GET',
      `/api/v1/prisoners/${family.prisonerId}/availability?from=${t.day(1)}&to=${t.day(28)}`,
      { token: family.token },
    );
    const slot = reply.body?.days?.[3]?.sessions?.[0]?.id as string | undefined;
    if (slot)
      await t.call('POST', '/api/v1/holds', {
        token: family.token,
        body: { prisonerId: family.prisonerId, slotId: slot },
      });
  }
  const templates = await db
    .selectFrom('session_templates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('prison_code', '=', 'NMI')
    .executeTakeFirstOrThrow();
  return { families, booked, templates: Number(templates.n), from: t.day(0), to: t.day(30) };
}

async function availabilityBench(): Promise<Record<string, number>> {
  return withFixture(availabilityFixture, async (base, fixture, _db, pid) => {
    log(
      `availability fixture: ${fixture.templates} NMI templates/week, ${fixture.booked} visits booked, 20 holds`,
    );
    const paths = fixture.families.map(
      (f) => `/api/v1/prisoners/${f.prisonerId}/availability?from=${fixture.from}&to=${fixture.to}`,
    );
    // check the answer once: a month of days with sessions
    const probe = await fetch(base + paths[0], {
      headers: { authorization: `Bearer ${fixture.families[0]!.token}` },
    });
    const bytes = Buffer.from(await probe.arrayBuffer());
    const body = JSON.parse(bytes.toString('utf8')) as { days: { sessions: unknown[] }[] };
    // what the bare server will send: these bytes and these headers (node:http adds its own framing ones)
    const headers: Record<string, string> = {};
    probe.headers.forEach((value, name) => {
      if (!['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name))
        headers[name] = value;
    });
    const sessions = body.days.reduce((n, d) => n + d.sessions.length, 0);
    if (probe.status !== 200 || sessions < 100)
      throw new Error(`availability probe: ${probe.status}, ${sessions} sessions`);
    log(`one answer: ${body.days.length} days, ${sessions} sessions`);
    let next = 0;
    const run = (duration: number, connections = CONNECTIONS, url = base) => {
      const latencies: number[] = [];
      const instance = autocannon({
        url,
        connections,
        duration,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              const i = next++ % paths.length;
              return {
                ...request,
                path: paths[i]!,
                headers: { authorization: `Bearer ${fixture.families[i]!.token}` },
              };
            },
          },
        ],
      });
      instance.on('response', (_client, status, _bytes, responseTime) => {
        if (status === 200) latencies.push(responseTime);
      });
      return instance.then((result) => ({ result, latencies }));
    };
    await run(2); // warm-up (JIT, SQLite page cache)
    const cpuBefore = cpuMs(pid);
    const { result, latencies } = await run(10);
    const cpuPerAnswer = (cpuMs(pid) - cpuBefore) / latencies.length;
    if (result.non2xx || result.errors || result.timeouts)
      throw new Error(
        `availability: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
      );
    latencies.sort((a, b) => a - b);
    // the same request from one client at a time: service time without queueing behind 49 others
    const single = await run(3, 1);
    single.latencies.sort((a, b) => a - b);
    log(
      `availability, 1 client: ${single.latencies.length} answers in 3 s, p50 ${percentile(single.latencies, 50)} ms, p95 ${percentile(single.latencies, 95)} ms`,
    );
    log(
      `availability: ${latencies.length} answers in 10 s, p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, p99 ${percentile(latencies, 99)} ms`,
    );
    // the same client, requests and connections against a bare node:http server sending the same answer
    const bare = await startBareServer({ headers, body: bytes });
    let bareRun: Awaited<ReturnType<typeof run>>;
    let bareCpuPerAnswer = Number.NaN;
    try {
      await run(2, CONNECTIONS, bare.url);
      const bareBefore = cpuMs(bare.pid);
      bareRun = await run(10, CONNECTIONS, bare.url);
      bareCpuPerAnswer = (cpuMs(bare.pid) - bareBefore) / bareRun.latencies.length;
    } finally {
      await bare.stop();
    }
    bareRun.latencies.sort((a, b) => a - b);
    log(
      `bare node:http, same bytes: ${bareRun.latencies.length} answers in 10 s, p50 ${percentile(bareRun.latencies, 50)} ms, p95 ${percentile(bareRun.latencies, 95)} ms`,
    );
    return {
      'api.availability_vs_bare_ratio': latencies.length / bareRun.latencies.length,
      'api.availability_bare_rps': bareRun.latencies.length / 10,
      // the same comparison in CPU time per answer (server process vs bare process): steadier when shared
      'api.availability_server_cpu_ms_per_answer': cpuPerAnswer,
      'api.availability_bare_cpu_ms_per_answer': bareCpuPerAnswer,
      'api.availability_cpu_vs_bare_ratio': bareCpuPerAnswer / cpuPerAnswer,
      'api.availability_bare_p95_ms': percentile(bareRun.latencies, 95),
      'api.availability_p95_ms': percentile(latencies, 95),
      'api.availability_p50_ms': percentile(latencies, 50),
      'api.availability_rps': latencies.length / 10,
      'api.availability_p95_ms_1_client': percentile(single.latencies, 95),
      'api.availability_sessions_per_answer': sessions,
    };
  });
}

// ── hold + confirm ──────────────────────────────────────────────────────────────────────────────────────

/**
 * At HMP Glanrhyd (1–28 days' notice): 24 half-hour video sessions a day, every day, with room for 100 000, so
 * capacity never caps the run; 200 families with an allowance of 10 000. Each pair takes a family from a free
 * pool (no family is used by two connections at once: a visitor holds one place at a time) and that family's
 * next session — a distinct, non-overlapping place for every pair.
 */
async function holdConfirmFixture(t: TestServer) {
  const halfHours: string[] = [];
  for (let m = 8 * 60; m < 20 * 60; m += 30)
    halfHours.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  const slotsByDay: string[][] = [];
  for (let d = 1; d <= 7; d++) {
    const date = t.day(d);
    const ids: string[] = [];
    for (const start of halfHours) {
      const [h, m] = start.split(':').map(Number) as [number, number];
      const endMin = h * 60 + m + 30;
      const end = `${String(Math.floor(endMin / 60)).padStart(2, '0')}:${String(endMin % 60).padStart(2, '0')}`;
      const { templateId } = await makeSlot(t, date, 100_000, 'video', start, end, 'GLR');
      ids.push(templateId);
    }
    slotsByDay.push(ids);
  }
  // every date of days 1..28 on which each template runs
  const slots: string[] = [];
  for (let d = 1; d <= 28; d++) {
    const templates = slotsByDay[(d - 1) % 7]!;
    for (const templateId of templates) slots.push(`${templateId}.${t.day(d)}`);
  }
  const families = await manyFamilies(t, 202, { prisonCode: 'GLR', allowance: 10_000 });
  // Two families (not used by the run) book the last session: the first warms the server up, the second's
  // statements are traced on the SQLite connection for the direct replay.
  let trace: TracedStatement[] = [];
  const pair = async (family: Family) => {
    const hold = await t.call('POST', '/api/v1/holds', {
      token: family.token,
      body: { prisonerId: family.prisonerId, slotId: slots.at(-1) },
    });
    const booking = await t.call('POST', '/api/v1/bookings', {
      token: family.token,
      body: { holdId: hold.body?.id, visitorIds: [family.userId], contact: {} },
    });
    if (booking.status !== 201)
      throw new Error(`traced pair: hold ${hold.status}, booking ${booking.status}`);
  };
  await pair(families[200]!);
  const sqlite = t.server.ctx.store.sqlite;
  if (sqlite) {
    const stop = traceStatements(sqlite);
    try {
      await pair(families[201]!);
    } finally {
      trace = stop();
    }
  }
  return { families: families.slice(0, 200), slots, trace };
}

async function holdConfirmBench(target: 'sqlite' | 'postgres' = 'sqlite'): Promise<Record<string, number>> {
  return withFixture(
    holdConfirmFixture,
    async (base, { families, slots, trace }, db, pid): Promise<Record<string, number>> => {
      const free: { family: Family; cursor: number }[] = families.map((family) => ({ family, cursor: 0 }));
      type Ctx = { who?: { family: Family; cursor: number }; holdId?: string; measured?: boolean };
      let measuring = false;
      let pairs = 0;
      let failedHolds = 0;
      let failedBookings = 0;
      const failures = new Map<string, number>();
      const note = (what: string) => failures.set(what, (failures.get(what) ?? 0) + 1);
      const run = (duration: number) =>
        autocannon({
          url: base,
          connections: CONNECTIONS,
          duration,
          requests: [
            {
              method: 'POST',
              path: '/api/v1/holds',
              setupRequest: (request, context: Ctx) => {
                const who = free.shift();
                if (!who || who.cursor >= slots.length) throw new Error('hold-confirm fixture exhausted');
                context.who = who;
                context.measured = measuring;
                return {
                  ...request,
                  headers: {
                    authorization: `Bearer ${who.family.token}`,
                    'content-type': 'application/json',
                  },
                  body: JSON.stringify({ prisonerId: who.family.prisonerId, slotId: slots[who.cursor++] }),
                };
              },
              onResponse: (status, body, context: Ctx) => {
                if (status === 201) context.holdId = (JSON.parse(body) as { id: string }).id;
                else {
                  if (context.measured) failedHolds += 1;
                  note(`hold ${status} ${body.slice(0, 80)}`);
                }
              },
            },
            {
              method: 'POST',
              path: '/api/v1/bookings',
              setupRequest: (request, context: Ctx) => {
                const who = context.who!;
                return {
                  ...request,
                  headers: {
                    authorization: `Bearer ${who.family.token}`,
                    'content-type': 'application/json',
                  },
                  body: JSON.stringify({
                    holdId: context.holdId ?? 'no-hold',
                    visitorIds: [who.family.userId],
                    contact: {},
                  }),
                };
              },
              onResponse: (status, body, context: Ctx) => {
                if (context.measured) {
                  if (status === 201) pairs += 1;
                  else failedBookings += 1;
                }
                if (status !== 201 && context.holdId) note(`booking ${status} ${body.slice(0, 80)}`);
                free.push(context.who!);
              },
            },
          ],
        });
      await run(2); // warm-up, not counted
      measuring = true;
      const started = performance.now();
      const cpuBefore = cpuMs(pid);
      const result = await run(10);
      const seconds = (performance.now() - started) / 1000;
      const cpuPerPair = (cpuMs(pid) - cpuBefore) / pairs;
      measuring = false;
      if (failures.size) log(`hold-confirm failures: ${JSON.stringify(Object.fromEntries(failures))}`);
      if (result.errors || result.timeouts)
        log(`hold-confirm: ${result.errors} connection errors, ${result.timeouts} timeouts`);
      // the database agrees with what the clients saw
      const store = await openDatabase(db.url);
      const visits = await store.db
        .selectFrom('visits')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('prison_code', '=', 'GLR')
        .executeTakeFirstOrThrow();
      await store.close();
      log(
        `hold-confirm: ${pairs} pairs in ${seconds.toFixed(1)} s (${failedHolds} holds and ${failedBookings} confirms failed); ${visits.n} visits stored in all (warm-up included)`,
      );
      if (target === 'postgres')
        return {
          'api.hold_confirm_pg_rps': pairs / seconds,
          'api.hold_confirm_pg_failed': failedHolds + failedBookings,
          'api.hold_confirm_pg_server_cpu_ms_per_pair': cpuPerPair,
        };
      // The limit: the same pair's statements straight on better-sqlite3 (the server is idle now)
      const cpuStart = process.cpuUsage();
      const { rate: direct, pairs: replayed } = replayRate(db.url, trace, 3000);
      const used = process.cpuUsage(cpuStart);
      const directCpuPerPair = (used.user + used.system) / 1000 / replayed;
      log(
        `the pair's ${trace.length} statements run directly on better-sqlite3: ${direct.toFixed(0)} pairs/s`,
      );
      return {
        'api.hold_confirm_rps': pairs / seconds,
        'api.hold_confirm_failed': failedHolds + failedBookings,
        'api.hold_confirm_latency_p95_ms': result.latency.p97_5,
        'api.hold_confirm_statements_per_pair': trace.length,
        'api.hold_confirm_sqlite_direct_rps': direct,
        'api.hold_confirm_vs_sqlite_ratio': pairs / seconds / direct,
        // the same comparison in CPU time per pair (server process vs the replay): steadier when shared
        'api.hold_confirm_server_cpu_ms_per_pair': cpuPerPair,
        'api.hold_confirm_sqlite_direct_cpu_ms_per_pair': directCpuPerPair,
        'api.hold_confirm_cpu_vs_sqlite_ratio': directCpuPerPair / cpuPerPair,
      };
    },
    target,
  );
}

/** The same benchmark on PostgreSQL (reference), when a test database is configured. */
async function holdConfirmPgBench(): Promise<Record<string, number>> {
  if (!process.env.VISIT_KIT_TEST_DATABASE_URL) {
    log('api.hold_confirm_pg_rps not measured: set VISIT_KIT_TEST_DATABASE_URL to a PostgreSQL server');
    return {};
  }
  return holdConfirmBench('postgres');
}

// ── overbooking ─────────────────────────────────────────────────────────────────────────────────────────

async function overbookBench(): Promise<Record<string, number>> {
  return withFixture(
    async (t) => {
      const { slotId } = await makeSlot(t, t.day(5), 10, 'video', '12:00', '12:30');
      const families = await manyFamilies(t, 1000);
      return { slotId, families };
    },
    async (base, { slotId, families }, db) => {
      const race = await raceForSlot(base, families, slotId);
      const store = await openDatabase(db.url);
      const stored = await store.db
        .selectFrom('visits')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('slot_id', '=', slotId)
        .where('status', 'in', ['booked', 'requested'])
        .executeTakeFirstOrThrow();
      await store.close();
      log(
        `overbooking: 1000 attempts at 10 places in ${race.wallMs.toFixed(0)} ms → ${race.booked} booked (${stored.n} stored), ${race.serverErrors.length} 5xx, ${race.unclear.length} unclear answers`,
      );
      if (race.serverErrors.length || race.unclear.length)
        throw new Error(`overbooking: ${[...race.serverErrors, ...race.unclear].slice(0, 5).join('; ')}`);
      return {
        'api.overbooked': Math.max(0, Number(stored.n) - 10),
        'api.overbook_booked': Number(stored.n),
        'api.overbook_wall_ms': race.wallMs,
      };
    },
  );
}

/** `parts` (empty: all): availability, hold, pg, overbook. */
export async function apiBenchmarks(parts: string[] = []): Promise<Record<string, number>> {
  const want = (part: string) => parts.length === 0 || parts.includes(part);
  return {
    ...(want('availability') ? await availabilityBench() : {}),
    ...(want('hold') ? await holdConfirmBench() : {}),
    ...(want('pg') ? await holdConfirmPgBench() : {}),
    ...(want('overbook') ? await overbookBench() : {}),
  };
}
