// Staff passkeys through the real WebAuthn ceremonies (a software authenticator, server/test/soft-authenticator.ts):
// the emailed code alone opens only the passkey step; set-up needs a colleague's code from the same prison;
// a wrong key, a replayed answer and a counter that went back are refused; every step is in the audit trail.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TARGETS, startServer, type TestServer } from './helpers.js';
import { SoftAuthenticator } from './soft-authenticator.js';

const ORIGIN = 'https://visits.example.org';
const NMI = 'staff.nmi@example.org';
const COLLEAGUE = 'colleague.nmi@example.org';

for (const target of TARGETS) {
  describe(`staff passkeys (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(target.name, { corsOrigins: [ORIGIN] });
      // a second member of staff at NMI (the seed has one per prison)
      await t.server.ctx.store.db
        .insertInto('users')
        .values({
          id: 'usr-colleague-nmi',
          role: 'staff',
          email: COLLEAGUE,
          first_name: 'Jo',
          last_name: 'Evans',
          date_of_birth: null,
          phone: null,
          language: 'en',
          prison_code: 'NMI',
          created_at: new Date().toISOString(),
        })
        .execute();
    });
    after(() => t?.close());

    /** Signs in with the emailed code, as a person would: the session answer. */
    async function codeSignIn(email: string) {
      assert.equal((await t.call('POST', '/api/v1/auth/code', { body: { email } })).status, 202);
      const sent = await t.server.ctx.outbox.list(email, 1);
      const code = /\b(\d{6})\b/.exec(sent[0]!.text)![1];
      const verified = await t.call('POST', '/api/v1/auth/verify', { body: { email, code } });
      assert.equal(verified.status, 200, verified.text);
      return verified.body;
    }

    async function enrol(token: string, enrolmentCode: string, key: SoftAuthenticator) {
      const options = await t.call('POST', '/api/v1/auth/passkey/registration-options', {
        token,
        body: { enrolmentCode },
      });
      assert.equal(options.status, 200, options.text);
      assert.equal(options.body.rp.id, 'visits.example.org');
      return t.call('POST', '/api/v1/auth/passkey/registration', {
        token,
        body: { enrolmentCode, response: key.create(options.body) },
      });
    }

    async function passkeySignIn(token: string, key: SoftAuthenticator, counter?: number) {
      const options = await t.call('POST', '/api/v1/auth/passkey/authentication-options', { token });
      assert.equal(options.status, 200, options.text);
      const response = key.get(options.body, counter);
      const reply = await t.call('POST', '/api/v1/auth/passkey/authentication', {
        token,
        body: { response },
      });
      return { reply, response };
    }

    const auditOf = (action: string) =>
      t.server.ctx.store.db.selectFrom('audit').selectAll().where('action', '=', action).execute();

    const colleagueKey = new SoftAuthenticator({ origin: ORIGIN });
    let colleagueToken = '';
    let nmiToken = '';

    test('the emailed code alone opens only the passkey step: staff routes answer 403 second-factor-required', async () => {
      const pending = await codeSignIn(NMI);
      assert.deepEqual(pending.secondFactor, { method: 'passkey', enrolled: false });
      for (const path of ['/api/v1/staff/visits', '/api/v1/staff/approvals', '/api/v1/staff/devices']) {
        const refused = await t.call('GET', path, { token: pending.token });
        assert.equal(refused.status, 403, `${path}: ${refused.text}`);
        assert.equal(refused.body.code, 'second-factor-required');
      }
      const issue = await t.call('POST', '/api/v1/staff/passkey-enrolments', {
        token: pending.token,
        body: { email: COLLEAGUE },
      });
      assert.equal(issue.status, 403);
      assert.equal(issue.body.code, 'second-factor-required');
      // who is signed in, and signing out, still answer
      assert.equal((await t.call('GET', '/api/v1/me', { token: pending.token })).body.role, 'staff');
      // no passkey yet: nothing to sign in with
      const none = await t.call('POST', '/api/v1/auth/passkey/authentication-options', {
        token: pending.token,
      });
      assert.equal(none.status, 409);
      assert.equal(none.body.code, 'passkey-not-enrolled');
      // and no set-up without a valid code
      const guessed = await t.call('POST', '/api/v1/auth/passkey/registration-options', {
        token: pending.token,
        body: { enrolmentCode: 'AAAAA-BBBBB' },
      });
      assert.equal(guessed.status, 400);
      assert.equal(guessed.body.code, 'enrolment-code-invalid');
      assert.equal((await t.call('POST', '/api/v1/auth/sign-out', { token: pending.token })).status, 204);
    });

    test('first passkey with the operator’s code; then staff routes answer; the set-up code is single use', async () => {
      const dev = await t.call('POST', '/api/dev/passkey-enrolment', { body: { email: COLLEAGUE } });
      assert.equal(dev.status, 201, dev.text);
      const pending = await codeSignIn(COLLEAGUE);
      const enrolled = await enrol(pending.token, dev.body.code, colleagueKey);
      assert.equal(enrolled.status, 200, enrolled.text);
      assert.equal(enrolled.body.secondFactor, undefined);
      colleagueToken = enrolled.body.token;
      assert.equal((await t.call('GET', '/api/v1/staff/visits', { token: colleagueToken })).status, 200);
      // the waiting token was replaced
      assert.equal((await t.call('GET', '/api/v1/me', { token: pending.token })).status, 401);
      // used up
      const again = await codeSignIn(COLLEAGUE);
      assert.deepEqual(again.secondFactor, { method: 'passkey', enrolled: true });
      const reuse = await t.call('POST', '/api/v1/auth/passkey/registration-options', {
        token: again.token,
        body: { enrolmentCode: dev.body.code },
      });
      assert.equal(reuse.body.code, 'enrolment-code-invalid');
      const rows = await t.server.ctx.store.db
        .selectFrom('staff_passkeys')
        .selectAll()
        .where('user_id', '=', 'usr-colleague-nmi')
        .execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.id, colleagueKey.id);
      assert.equal((await auditOf('passkey.enrolled')).length, 1);
    });

    test('a colleague of the same prison issues a code; another prison’s staff and the person themselves cannot', async () => {
      const glr = await t.staffToken('GLR');
      const other = await t.call('POST', '/api/v1/staff/passkey-enrolments', {
        token: glr,
        body: { email: NMI },
      });
      assert.equal(other.status, 404);
      const self = await t.call('POST', '/api/v1/staff/passkey-enrolments', {
        token: colleagueToken,
        body: { email: COLLEAGUE },
      });
      assert.equal(self.status, 403);
      assert.equal(self.body.code, 'forbidden');
      const visitor = await t.call('POST', '/api/v1/staff/passkey-enrolments', {
        token: colleagueToken,
        body: { email: 'sam@example.org' },
      });
      assert.equal(visitor.status, 404);
      const issued = await t.call('POST', '/api/v1/staff/passkey-enrolments', {
        token: colleagueToken,
        body: { email: NMI },
      });
      assert.equal(issued.status, 201, issued.text);
      assert.match(issued.body.code, /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      const [row] = await auditOf('passkey.enrolment-code-issued').then((r) =>
        r.filter((a) => a.actor === 'usr-colleague-nmi'),
      );
      assert.equal(row?.prison_code, 'NMI');
      assert.equal(row?.subject, 'user:usr-staff-nmi');

      // the NMI officer sets up a passkey with it, and signs in with it next time
      const key = new SoftAuthenticator({ origin: ORIGIN });
      const pending = await codeSignIn(NMI);
      // a wrong code counts, the right one still works
      const wrong = await t.call('POST', '/api/v1/auth/passkey/registration-options', {
        token: pending.token,
        body: { enrolmentCode: 'ZZZZZ-ZZZZZ' },
      });
      assert.equal(wrong.body.code, 'enrolment-code-invalid');
      const enrolled = await enrol(pending.token, issued.body.code.toLowerCase(), key);
      assert.equal(enrolled.status, 200, enrolled.text);

      const next = await codeSignIn(NMI);
      const { reply } = await passkeySignIn(next.token, key);
      assert.equal(reply.status, 200, reply.text);
      nmiToken = reply.body.token;
      const staffVisits = await t.call('GET', '/api/v1/staff/visits', { token: nmiToken });
      assert.equal(staffVisits.status, 200);
      assert.ok((await auditOf('passkey.signed-in')).some((a) => a.actor === 'usr-staff-nmi'));
    });

    test('a wrong key, a key without user verification, a replayed answer and a counter that went back are refused', async () => {
      // another person's key (registered to the colleague, not to NMI's officer)
      const pending = await codeSignIn(NMI);
      const { reply: wrongKey } = await passkeySignIn(pending.token, colleagueKey);
      assert.equal(wrongKey.status, 400);
      assert.equal(wrongKey.body.code, 'passkey-invalid');
      assert.equal(
        (await t.call('GET', '/api/v1/staff/visits', { token: pending.token })).body.code,
        'second-factor-required',
      );

      // the colleague's own key: fine once; the same answer again is refused (the challenge is single use)
      const mine = await codeSignIn(COLLEAGUE);
      const { reply: good, response } = await passkeySignIn(mine.token, colleagueKey);
      assert.equal(good.status, 200, good.text);
      const second = await codeSignIn(COLLEAGUE);
      const replay = await t.call('POST', '/api/v1/auth/passkey/authentication', {
        token: second.token,
        body: { response },
      });
      assert.equal(replay.status, 400);
      assert.equal(replay.body.code, 'challenge-expired');
      // a fresh challenge but the counter of an answer already seen (a cloned key)
      const { reply: cloned } = await passkeySignIn(second.token, colleagueKey, colleagueKey.counter);
      assert.equal(cloned.status, 400);
      assert.equal(cloned.body.code, 'passkey-invalid');
      // no user verification (no PIN or fingerprint)
      colleagueKey.options.userVerified = false;
      const { reply: unverified } = await passkeySignIn(second.token, colleagueKey);
      colleagueKey.options.userVerified = true;
      assert.equal(unverified.body.code, 'passkey-invalid');
      // the right key answering a page of another site (phishing)
      colleagueKey.options.origin = 'https://visits.example.org.evil.test';
      const { reply: phished } = await passkeySignIn(second.token, colleagueKey);
      colleagueKey.options.origin = ORIGIN;
      assert.equal(phished.body.code, 'passkey-invalid');
      // and after all that, the real thing still works
      const { reply: fine } = await passkeySignIn(second.token, colleagueKey);
      assert.equal(fine.status, 200, fine.text);
      const failed = await auditOf('passkey.sign-in-failed');
      assert.ok(failed.length >= 4, `failed assertions audited: ${failed.length}`);
      assert.equal(JSON.parse(failed[0]!.details).known, false);
      assert.ok(failed.some((a) => a.actor === 'usr-staff-nmi'));
    });

    test('recovery: a colleague’s code with revokeExisting removes the lost key and ends its sessions', async () => {
      const replacement = new SoftAuthenticator({ origin: ORIGIN });
      // NMI's officer has one passkey (from the test before) and lost it: the colleague helps
      assert.equal((await t.call('GET', '/api/v1/staff/visits', { token: nmiToken })).status, 200);
      const dev = await t.call('POST', '/api/v1/staff/passkey-enrolments', {
        token: colleagueToken,
        body: { email: NMI, revokeExisting: true },
      });
      assert.equal(dev.status, 201, dev.text);
      assert.equal(dev.body.passkeysRemoved, 1);
      const keys = await t.server.ctx.store.db
        .selectFrom('staff_passkeys')
        .select('id')
        .where('user_id', '=', 'usr-staff-nmi')
        .execute();
      assert.equal(keys.length, 0);
      // the session the lost key opened is over
      assert.equal((await t.call('GET', '/api/v1/staff/visits', { token: nmiToken })).status, 401);
      const pending = await codeSignIn(NMI);
      assert.deepEqual(pending.secondFactor, { method: 'passkey', enrolled: false });
      const enrolled = await enrol(pending.token, dev.body.code, replacement);
      assert.equal(enrolled.status, 200, enrolled.text);
      const issued = (await auditOf('passkey.enrolment-code-issued')).at(-1)!;
      assert.deepEqual(JSON.parse(issued.details), {
        issuedBy: 'user:usr-colleague-nmi',
        revokeExisting: true,
        passkeysRemoved: 1,
      });
    });

    test('the operator’s command prints a working set-up code (audited as the operator)', async () => {
      const { operatorEnrolmentCode } = await import('../staff-enrolment.js');
      const issued = await operatorEnrolmentCode(t.db.url, 'staff.glr@example.org', false);
      const pending = await codeSignIn('staff.glr@example.org');
      const enrolled = await enrol(pending.token, issued.code, new SoftAuthenticator({ origin: ORIGIN }));
      assert.equal(enrolled.status, 200, enrolled.text);
      const row = (await auditOf('passkey.enrolment-code-issued')).find((a) => a.actor === 'operator');
      assert.equal(row?.prison_code, 'GLR');
    });

    test('the scheduler forgets unanswered challenges and set-up codes a day after they expired', async () => {
      const db = t.server.ctx.store.db;
      const old = new Date(Date.now() - 2 * 86_400_000).toISOString();
      await db
        .insertInto('passkey_challenges')
        .values({ session_id: 'old-session', purpose: 'authentication', challenge: 'x', expires_at: old })
        .execute();
      const { pruneSessions } = await import('../session-state.js');
      await pruneSessions(t.server.ctx);
      const left = await db.selectFrom('passkey_challenges').select('session_id').execute();
      assert.ok(!left.some((row) => row.session_id === 'old-session'));
    });

    test('STAFF_PASSKEYS=off is honoured in dev mode only', async () => {
      const { configFromEnv } = await import('../main.js');
      assert.throws(() => configFromEnv({ SESSION_SECRET: 'x'.repeat(32), STAFF_PASSKEYS: 'off' }));
      assert.equal(configFromEnv({ VISIT_KIT_DEV: '1', STAFF_PASSKEYS: 'off' }).staffPasskeys, 'off');
    });
  });
}
