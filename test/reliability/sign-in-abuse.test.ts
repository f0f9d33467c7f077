// security: strangers cannot lock a person out of signing in, and guessing is capped per account however
// many addresses the attacker has. Real sockets from different loopback addresses (127.0.0.x, bound with
// `localAddress`), so the server sees distinct clients with no header involved; the proxy tests send
// `X-Forwarded-For` from a trusted and from an untrusted peer.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { PG_URL, TARGETS, freshDatabase, startServer, type TestServer } from '../../server/test/helpers.js';

const SAM = 'sam@example.org';
const ACCOUNT_CAP = 10; // guessesPerAccountPerHour, the documented default

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
/** POSTs JSON from a chosen local address (and optional headers); bounded by a 10 s timeout. */
function post(base: string, path: string, body: unknown, from: string, headers: Record<string, string> = {}) {
  const url = new URL(path, base);
  const payload = JSON.stringify(body);
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        agent: false,
        timeout: 10_000,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

async function latestEmail(t: TestServer, to: string) {
  const outbox = await t.call('GET', `/api/dev/outbox?to=${encodeURIComponent(to)}`);
  const text = outbox.body[0].text as string;
  return { code: /\b(\d{6})\b/.exec(text)![1]!, link: /#visit-kit-sign-in=([A-Za-z0-9_-]+)/.exec(text)?.[1] };
}

const tally = (answers: Answer[]) => {
  const by: Record<number, number> = {};
  for (const a of answers) by[a.status] = (by[a.status] ?? 0) + 1;
  return by;
};

for (const target of TARGETS) {
  describe(
    `security: sign-in lock-out and guessing (${target.name})`,
    { skip: target.skip, timeout: 120_000 },
    () => {
      let t: TestServer;
      before(async () => {
        t = await startServer(target.name, { signInUrl: 'https://families.example/visits' });
      });
      after(() => t?.close());

      test('attacker at A: 50 code requests and 500 guesses for Sam; Sam at B still signs in within a minute', async () => {
        const A = '127.0.0.2';
        const B = '127.0.0.3';
        const requests: Answer[] = [];
        for (let i = 0; i < 50; i++) requests.push(await post(t.url, '/api/v1/auth/code', { email: SAM }, A));
        const guesses: Answer[] = [];
        for (let i = 0; i < 500; i++)
          guesses.push(
            await post(t.url, '/api/v1/auth/verify', { email: SAM, code: String(i).padStart(6, '0') }, A),
          );
        const r = tally(requests);
        const g = tally(guesses);
        console.log(`attacker at A: code requests ${JSON.stringify(r)}, guesses ${JSON.stringify(g)}`);
        assert.equal(r[202], 5, 'five codes per email per client');
        assert.equal(r[429], 45);
        assert.ok((g[400] ?? 0) <= ACCOUNT_CAP, `${g[400]} guesses evaluated`);
        assert.equal((g[400] ?? 0) + (g[429] ?? 0), 500);
        assert.ok(guesses.every((a) => a.status !== 200));

        const started = Date.now();
        const asked = await post(t.url, '/api/v1/auth/code', { email: SAM }, B);
        assert.equal(asked.status, 202, 'Sam can still ask for a code');
        const { code, link } = await latestEmail(t, SAM);
        assert.ok(link, 'the email carries a sign-in link');
        // the code is refused while the account's guesses are spent (the attacker spent them) …
        const byCode = await post(t.url, '/api/v1/auth/verify', { email: SAM, code }, B);
        assert.equal(byCode.status, 429);
        assert.match(byCode.body.detail, /link in the email/);
        // … and the link, which needs no guessing, signs Sam in
        const signedIn = await post(t.url, '/api/v1/auth/link', { token: link }, B);
        assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
        assert.equal(signedIn.body.user.email, SAM);
        assert.ok(Date.now() - started < 60_000);
        const again = await post(t.url, '/api/v1/auth/link', { token: link }, B);
        assert.equal(again.status, 400, 'the link works once');
      });

      test('from 40 addresses the attacker still gets no more evaluated guesses per account than the cap', async () => {
        const target = 'ceri@example.org';
        let evaluated = 0;
        let answers = 0;
        for (let n = 10; n < 50; n++) {
          const from = `127.0.0.${n}`;
          await post(t.url, '/api/v1/auth/code', { email: target }, from);
          for (let i = 0; i < 12; i++) {
            const a = await post(
              t.url,
              '/api/v1/auth/verify',
              { email: target, code: String(n * 100 + i).padStart(6, '0') },
              from,
            );
            answers += 1;
            assert.notEqual(a.status, 200);
            if (a.status === 400) evaluated += 1;
            else assert.equal(a.status, 429);
          }
        }
        console.log(
          `40 addresses, ${answers} guesses for one account: ${evaluated} evaluated (cap ${ACCOUNT_CAP} per hour)`,
        );
        assert.equal(evaluated, ACCOUNT_CAP);
      });
    },
  );

  describe(
    `security: client addresses behind a proxy (${target.name})`,
    { skip: target.skip, timeout: 60_000 },
    () => {
      const PROXY = '127.0.0.4';
      const limits = { codesPerAddress: 3, codesPerEmail: 100 };
      const ask = (t: TestServer, from: string, xff?: string, email = `p${Math.random()}@example.org`) =>
        post(t.url, '/api/v1/auth/code', { email }, from, xff ? { 'x-forwarded-for': xff } : {});

      for (const trustedProxies of [[PROXY], 1] as const) {
        test(`trusted proxy (${JSON.stringify(trustedProxies)}): two clients behind it get separate limits; a forged X-Forwarded-For from an untrusted peer is ignored`, async () => {
          const t = await startServer(target.name, {
            trustedProxies: trustedProxies as number | string[],
            rateLimits: limits,
          });
          try {
            const one: number[] = [];
            const two: number[] = [];
            // the client prepends a forged hop each time; the proxy appends the address it saw
            for (let i = 0; i < 4; i++)
              one.push((await ask(t, PROXY, `203.0.113.${i}, 198.51.100.1`)).status);
            for (let i = 0; i < 4; i++) two.push((await ask(t, PROXY, '198.51.100.2')).status);
            assert.deepEqual(one, [202, 202, 202, 429], 'client 1: its own limit, forged hops ignored');
            assert.deepEqual(two, [202, 202, 202, 429], 'client 2: not blocked by client 1');
            if (Array.isArray(trustedProxies)) {
              // a peer that is not a listed proxy: its X-Forwarded-For is not believed, so new values do not help
              const direct: number[] = [];
              for (let i = 0; i < 4; i++)
                direct.push((await ask(t, '127.0.0.5', `198.51.100.${50 + i}`)).status);
              assert.deepEqual(direct, [202, 202, 202, 429]);
            }
          } finally {
            await t.close();
          }
        });
      }
    },
  );
}

describe(
  'security: sign-in limits are shared by replicas (postgres)',
  {
    skip: PG_URL ? false : 'VISIT_KIT_TEST_DATABASE_URL is not set: replicas share PostgreSQL only',
    timeout: 60_000,
  },
  () => {
    test('code requests from one client, alternating between two replicas, meet one limit', async () => {
      const db = await freshDatabase('postgres');
      const a = await startServer('postgres', { rateLimits: { codesPerAddress: 4, codesPerEmail: 100 } }, db);
      const b = await startServer(
        'postgres',
        { seed: false, rateLimits: { codesPerAddress: 4, codesPerEmail: 100 } },
        db,
      );
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 8; i++)
          statuses.push(
            (
              await post(
                (i % 2 ? b : a).url,
                '/api/v1/auth/code',
                { email: `r${i}@example.org` },
                '127.0.0.6',
              )
            ).status,
          );
        assert.deepEqual(statuses, [202, 202, 202, 202, 429, 429, 429, 429]);
      } finally {
        await b.close();
        await a.close();
        await db.drop();
      }
    });
  },
);
