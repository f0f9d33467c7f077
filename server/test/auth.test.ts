import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import * as S from '../schemas.js';
import { openSession } from '../session-state.js';
import { TARGETS, startServer, type TestServer } from './helpers.js';

async function codeFor(t: TestServer, email: string): Promise<string> {
  const outbox = await t.call('GET', `/api/dev/outbox?to=${encodeURIComponent(email)}`);
  const match = /\b(\d{6})\b/.exec(outbox.body[0].text);
  assert.ok(match, 'code in the email');
  return match[1]!;
}

for (const target of TARGETS) {
  describe(`auth and hardening (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(target.name, {
        corsOrigins: ['https://charity.example'],
        rateLimits: { codesPerEmail: 3 },
      });
    });
    after(() => t?.close());

    test('health reports the database', async () => {
      const r = await t.call('GET', '/api/health');
      assert.equal(r.status, 200);
      assert.equal(r.body.database, 'ok');
      assert.equal(r.body.livekit, 'down'); // no LiveKit configured here
      S.Health.parse(r.body);
    });

    test('sign in with an emailed code creates a visitor; the code is single use', async () => {
      const email = 'New.Person@Example.org';
      const sent = await t.call('POST', '/api/v1/auth/code', { body: { email } });
      assert.equal(sent.status, 202);
      assert.ok(Date.parse(sent.body.expiresAt) > Date.now());
      const code = await codeFor(t, email);
      const ok = await t.call('POST', '/api/v1/auth/verify', { body: { email, code } });
      assert.equal(ok.status, 200, ok.text);
      S.Session.parse(ok.body);
      assert.equal(ok.body.user.role, 'visitor');
      assert.equal(ok.body.user.email, 'new.person@example.org');
      const me = await t.call('GET', '/api/v1/me', { token: ok.body.token });
      assert.equal(me.status, 200);
      assert.equal(me.body.id, ok.body.user.id);
      const again = await t.call('POST', '/api/v1/auth/verify', { body: { email, code } });
      assert.equal(again.status, 400);
      assert.equal(again.body.code, 'code-invalid');
    });

    test('a wrong code counts attempts; after 5 even the right code fails', async () => {
      const email = 'attempts@example.org';
      await t.call('POST', '/api/v1/auth/code', { body: { email } });
      const code = await codeFor(t, email);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        const r = await t.call('POST', '/api/v1/auth/verify', { body: { email, code: wrong } });
        assert.equal(r.body.code, 'code-invalid');
      }
      const r = await t.call('POST', '/api/v1/auth/verify', { body: { email, code } });
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'code-invalid');
    });

    test('an expired code answers code-expired', async () => {
      const email = 'expired@example.org';
      await t.call('POST', '/api/v1/auth/code', { body: { email } });
      const code = await codeFor(t, email);
      await t.server.ctx.store.db
        .updateTable('login_codes')
        .set({ expires_at: '2000-01-01T00:00:00.000Z' })
        .where('email', '=', email)
        .execute();
      const r = await t.call('POST', '/api/v1/auth/verify', { body: { email, code } });
      assert.equal(r.body.code, 'code-expired');
    });

    test('code requests are rate-limited per address; unknown and known emails get the same answer', async () => {
      const a = await t.call('POST', '/api/v1/auth/code', { body: { email: 'sam@example.org' } });
      const b = await t.call('POST', '/api/v1/auth/code', { body: { email: 'nobody-here@example.org' } });
      assert.equal(a.status, b.status);
      assert.deepEqual(Object.keys(a.body), Object.keys(b.body));
      const email = 'limited@example.org';
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await t.call('POST', '/api/v1/auth/code', { body: { email } })).status);
      assert.deepEqual(statuses, [202, 202, 202, 429]);
      const limited = await t.call('POST', '/api/v1/auth/code', { body: { email } });
      assert.equal(limited.body.code, 'rate-limited');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
    });

    test('a long email address is limited like any other (its limit keys are hashed to fit)', async () => {
      const email = `${'a'.repeat(60)}.${'b'.repeat(60)}@${'c'.repeat(60)}.example.org`;
      const sent = await t.call('POST', '/api/v1/auth/code', { body: { email } });
      assert.equal(sent.status, 202, sent.text);
      const wrong = await t.call('POST', '/api/v1/auth/verify', { body: { email, code: '000000' } });
      assert.equal(wrong.status, 400, wrong.text);
      const right = await t.call('POST', '/api/v1/auth/verify', {
        body: { email, code: await codeFor(t, email) },
      });
      assert.equal(right.status, 200, right.text);
    });

    test('staff sign in the same way and get role staff bound to their prison', async () => {
      await t.call('POST', '/api/v1/auth/code', { body: { email: 'staff.glr@example.org' } });
      const code = await codeFor(t, 'staff.glr@example.org');
      const r = await t.call('POST', '/api/v1/auth/verify', {
        body: { email: 'staff.glr@example.org', code },
      });
      assert.equal(r.body.user.role, 'staff');
      assert.equal(r.body.user.prisonCode, 'GLR');
    });

    test('kiosk pairing gives a prisoner session; staff-made pairing codes are single use', async () => {
      const kiosk = await t.call('POST', '/api/v1/auth/device', { body: { pairingCode: 'KIOSK-A1234BC' } });
      assert.equal(kiosk.status, 200, kiosk.text);
      assert.equal(kiosk.body.user.role, 'prisoner');
      assert.equal(kiosk.body.user.prisonerId, 'prs-A1234BC');
      const me = await t.call('GET', '/api/v1/me', { token: kiosk.body.token });
      assert.equal(me.body.prisonerId, 'prs-A1234BC');
      const staff = await t.staffToken('NMI');
      const made = await t.call('POST', '/api/v1/staff/devices', {
        token: staff,
        body: { prisonerId: 'prs-A1234BC', label: 'Cell 12 tablet' },
      });
      assert.equal(made.status, 201, made.text);
      assert.match(made.body.pairingCode, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      assert.equal(
        (await t.call('POST', '/api/v1/auth/device', { body: { pairingCode: made.body.pairingCode } }))
          .status,
        200,
      );
      const reuse = await t.call('POST', '/api/v1/auth/device', {
        body: { pairingCode: made.body.pairingCode },
      });
      assert.equal(reuse.body.code, 'code-invalid');
      const otherPrison = await t.call('POST', '/api/v1/staff/devices', {
        token: staff,
        body: { prisonerId: 'prs-B2345CD', label: 'x' },
      });
      assert.equal(otherPrison.status, 404);
    });

    test('tampered, expired, wrong-secret and malformed tokens are 401 problem+json', async () => {
      const good = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
      const [h, p, s] = good.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: 'staff', prison: 'NMI' })).toString('base64url')}.${s}`;
      const secret = new TextEncoder().encode('test-secret-test-secret-test-secret');
      const expired = await new SignJWT({ role: 'visitor' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('usr-sam')
        .setIssuer('visit-kit')
        .setAudience('visit-kit')
        .setIssuedAt(1)
        .setExpirationTime(2)
        .sign(secret);
      const otherSecret = await new SignJWT({ role: 'visitor' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('usr-sam')
        .setIssuer('visit-kit')
        .setAudience('visit-kit')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-another-secret-xx'));
      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
      for (const token of [forged, expired, otherSecret, none, 'garbage-token-value']) {
        const r = await t.call('GET', '/api/v1/me', { token });
        assert.equal(r.status, 401, token);
        assert.equal(r.headers.get('content-type'), 'application/problem+json');
        assert.equal(r.body.code, 'unauthenticated');
        assert.equal(r.body.type, 'urn:visit-kit:problem:unauthenticated');
      }
      assert.equal(
        (await t.call('GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } })).status,
        401,
      );
      assert.equal((await t.call('GET', '/api/v1/me')).status, 401);
    });

    test('a token that was accepted (and so remembered) is refused once it expires', async () => {
      const secret = new TextEncoder().encode('test-secret-test-secret-test-secret');
      const expiresAt = Math.floor(Date.now() / 1000) + 2;
      // every token names a server-side session (its jti)
      const sid = `sid-${expiresAt}`;
      await openSession(
        t.server.ctx,
        { id: 'usr-sam', role: 'visitor' },
        sid,
        new Date(expiresAt * 1000).toISOString(),
      );
      const token = await new SignJWT({ role: 'visitor' })
        .setProtectedHeader({ alg: 'HS256' })
        .setJti(sid)
        .setSubject('usr-sam')
        .setIssuer('visit-kit')
        .setAudience('visit-kit')
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .sign(secret);
      assert.equal((await t.call('GET', '/api/v1/me', { token })).status, 200);
      assert.equal((await t.call('GET', '/api/v1/me', { token })).status, 200);
      await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 100));
      const late = await t.call('GET', '/api/v1/me', { token });
      assert.equal(late.status, 401);
      assert.equal(late.body.code, 'unauthenticated');
    });

    test('a correctly signed token without exp, iat or jti, naming no session, longer-lived than the server signs, or issued in the future, is 401', async () => {
      const secret = new TextEncoder().encode('test-secret-test-secret-test-secret');
      const now = Math.floor(Date.now() / 1000);
      const sid = `sid-claims-${now}`;
      await openSession(
        t.server.ctx,
        { id: 'usr-sam', role: 'visitor' },
        sid,
        new Date((now + 3600) * 1000).toISOString(),
      );
      const base = () =>
        new SignJWT({ role: 'visitor' })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setJti(sid)
          .setSubject('usr-sam')
          .setIssuer('visit-kit')
          .setAudience('visit-kit');
      const good = await base()
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(secret);
      assert.equal((await t.call('GET', '/api/v1/me', { token: good })).status, 200, 'control');
      const cases = {
        noExp: await base().setIssuedAt(now).sign(secret),
        noIat: await base()
          .setExpirationTime(now + 3600)
          .sign(secret),
        tooLong: await base()
          .setIssuedAt(now)
          .setExpirationTime(now + 13 * 3600)
          .sign(secret),
        noJti: await new SignJWT({ role: 'visitor' })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setSubject('usr-sam')
          .setIssuer('visit-kit')
          .setAudience('visit-kit')
          .setIssuedAt(now)
          .setExpirationTime(now + 3600)
          .sign(secret),
        unknownSession: await base()
          .setJti('no-such-session')
          .setIssuedAt(now)
          .setExpirationTime(now + 3600)
          .sign(secret),
        future: await base()
          .setIssuedAt(now + 3600)
          .setExpirationTime(now + 7200)
          .sign(secret),
      };
      for (const [name, token] of Object.entries(cases)) {
        // twice: a refused token is not remembered either
        for (let i = 0; i < 2; i++) {
          const r = await t.call('GET', '/api/v1/me', { token });
          assert.equal(r.status, 401, name);
          assert.equal(r.body.code, 'unauthenticated', name);
        }
      }
    });

    test('profile changes are validated with field paths', async () => {
      const token = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
      const ok = await t.call('PATCH', '/api/v1/me', {
        token,
        body: { phone: '07700 900123', language: 'cy' },
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.language, 'cy');
      const bad = await t.call('PATCH', '/api/v1/me', {
        token,
        body: { dateOfBirth: '2025-02-30', language: 'fr', firstName: 'x'.repeat(1000) },
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'validation');
      const paths = bad.body.errors.map((e: { path: string }) => e.path).sort();
      assert.deepEqual(paths, ['dateOfBirth', 'firstName', 'language']);
      const unknown = await t.call('PATCH', '/api/v1/me', { token, body: { role: 'staff' } });
      assert.equal(unknown.status, 400);
      const me = await t.call('GET', '/api/v1/me', { token });
      assert.equal(me.body.role, 'visitor');
      assert.equal(me.body.firstName, 'Sam');
    });

    test('malformed JSON, wrong content type, huge bodies and wrong types are 4xx problems', async () => {
      const token = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
      const malformed = await t.call('POST', '/api/v1/holds', { token, raw: '{"prisonerId": ' });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.code, 'validation');
      const textBody = await t.call('POST', '/api/v1/holds', {
        token,
        raw: 'hello',
        headers: { 'content-type': 'text/plain' },
      });
      assert.ok(textBody.status >= 400 && textBody.status < 500, String(textBody.status));
      const huge = await t.call('POST', '/api/v1/links', {
        token,
        raw: JSON.stringify({ firstName: 'x'.repeat(200_000) }),
      });
      assert.equal(huge.status, 413);
      assert.equal(huge.body.code, 'payload-too-large');
      // the same without a declared length (chunked): measured while it is read
      const chunk = new TextEncoder().encode('x'.repeat(50_000));
      const chunked = await fetch(`${t.url}/api/v1/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 4; i += 1) controller.enqueue(chunk);
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      assert.equal(chunked.status, 413);
      assert.equal(((await chunked.json()) as { code: string }).code, 'payload-too-large');
      const types = await t.call('POST', '/api/v1/holds', { token, body: { prisonerId: 42, slotId: ['x'] } });
      assert.equal(types.status, 400);
      assert.deepEqual(types.body.errors.map((e: { path: string }) => e.path).sort(), [
        'prisonerId',
        'slotId',
      ]);
      const array = await t.call('POST', '/api/v1/auth/code', { raw: '[]' });
      assert.equal(array.status, 400);
      const nothing = await t.call('GET', '/api/v1/nothing-here');
      assert.equal(nothing.status, 404);
      assert.equal(nothing.body.code, 'not-found');
    });

    test('CORS answers only allowed origins', async () => {
      const allowed = await t.call('OPTIONS', '/api/v1/prisons', {
        headers: { origin: 'https://charity.example', 'access-control-request-method': 'GET' },
      });
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://charity.example');
      assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
      assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /PATCH/);
      const read = await t.call('GET', '/api/v1/prisons', { headers: { origin: 'https://charity.example' } });
      assert.equal(read.status, 200);
      assert.equal(read.headers.get('access-control-allow-origin'), 'https://charity.example');
      assert.match(read.headers.get('access-control-expose-headers') ?? '', /Idempotent-Replayed/);
      assert.match(read.headers.get('vary') ?? '', /Origin/);
      assert.equal(read.headers.get('x-content-type-options'), 'nosniff');
      const denied = await t.call('GET', '/api/v1/prisons', { headers: { origin: 'https://evil.example' } });
      assert.equal(denied.headers.get('access-control-allow-origin'), null);
      const deniedPreflight = await t.call('OPTIONS', '/api/v1/prisons', {
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(deniedPreflight.headers.get('access-control-allow-origin'), null);
    });

    test('Idempotency-Key replays the first response and creates nothing new', async () => {
      const token = await t.staffToken('NMI');
      const body = {
        type: 'video',
        dayOfWeek: 3,
        startTime: '08:00',
        endTime: '08:30',
        validFrom: '2030-01-01',
        capacity: 2,
      };
      const headers = { 'idempotency-key': 'key-123' };
      const first = await t.call('POST', '/api/v1/staff/session-templates', { token, body, headers });
      const second = await t.call('POST', '/api/v1/staff/session-templates', { token, body, headers });
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.deepEqual(second.body, first.body);
      assert.equal(second.headers.get('idempotent-replayed'), 'true');
      const list = await t.call('GET', '/api/v1/staff/session-templates', { token });
      assert.equal(
        list.body.filter(
          (x: { startTime: string; validFrom: string }) =>
            x.startTime === '08:00' && x.validFrom === '2030-01-01',
        ).length,
        1,
      );
      const otherCaller = await t.call('POST', '/api/v1/staff/session-templates', {
        token: await t.staffToken('GLR'),
        body,
        headers,
      });
      assert.notEqual(otherCaller.body.id, first.body.id);
      const tooLong = await t.call('POST', '/api/v1/staff/session-templates', {
        token,
        body,
        headers: { 'idempotency-key': 'k'.repeat(201) },
      });
      assert.equal(tooLong.status, 400);
    });

    test('an Idempotency-Key claim left unfinished (its replica died) blocks retries for 15 s, then is run again', async () => {
      const token = await t.staffToken('NMI');
      const body = {
        type: 'video',
        dayOfWeek: 4,
        startTime: '08:00',
        endTime: '08:30',
        validFrom: '2031-01-01',
        capacity: 2,
      };
      const claim = async (key: string, ageMs: number) =>
        t.server.ctx.store.db
          .insertInto('idempotency')
          .values({
            caller: 'staff:usr-staff-nmi',
            key: `POST /api/v1/staff/session-templates ${key}`,
            status: 0,
            body: null,
            content_type: null,
            created_at: new Date(Date.now() - ageMs).toISOString(),
          })
          .execute();
      await claim('fresh', 2_000);
      await claim('abandoned', 20_000);
      const fresh = await t.call('POST', '/api/v1/staff/session-templates', {
        token,
        body,
        headers: { 'idempotency-key': 'fresh' },
      });
      assert.equal(fresh.status, 409);
      assert.equal(fresh.body.code, 'conflict');
      const rerun = await t.call('POST', '/api/v1/staff/session-templates', {
        token,
        body,
        headers: { 'idempotency-key': 'abandoned' },
      });
      assert.equal(rerun.status, 201, rerun.text);
      const replay = await t.call('POST', '/api/v1/staff/session-templates', {
        token,
        body,
        headers: { 'idempotency-key': 'abandoned' },
      });
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(replay.body, rerun.body);
    });

    test('dev routes exist in dev mode only', async () => {
      const prod = await startServer(target.name, { dev: false, seed: true });
      try {
        assert.equal((await prod.call('GET', '/api/dev/outbox')).status, 404);
        assert.equal((await prod.call('POST', '/api/dev/visits', { body: {} })).status, 404);
      } finally {
        await prod.close();
      }
    });
  });
}
