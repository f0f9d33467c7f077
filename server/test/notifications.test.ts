import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Outbox, PermanentDeliveryError, type Transport } from '../outbox.js';
import { TARGETS, startServer, until } from './helpers.js';
import { freePort, mailpitUnavailable, startMailpit, startNotifyStandIn } from './mail-servers.js';

const SEC = 1000;

for (const target of TARGETS) {
  describe(`notifications (${target.name})`, { skip: target.skip }, () => {
    test('a failed send is retried from the outbox with exponential backoff, then given up', async () => {
      const t = await startServer(target.name, { enforcerIntervalMs: 0 });
      try {
        let now = new Date(Math.floor(Date.now() / 1000) * 1000);
        const clock = () => now;
        const tick = (ms: number) => (now = new Date(now.getTime() + ms));
        let failuresLeft = 2;
        const calls: string[] = [];
        const flaky: Transport = {
          name: 'flaky',
          channels: ['email'],
          async deliver(message) {
            calls.push(message.id);
            if (failuresLeft-- > 0) throw new Error('connection refused');
          },
        };
        const policy = { maxAttempts: 3, baseMs: 30 * SEC, maxMs: 3600 * SEC, leaseMs: 120 * SEC };
        const outbox = new Outbox(t.server.ctx.store, [flaky], () => {}, clock, policy);
        const row = (id: string) =>
          t.server.ctx.store.db
            .selectFrom('outbox')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
        const id = await outbox.send({ to: 'sam@example.org', channel: 'email', subject: 's', text: 't' });
        await until(
          async () => Number((await row(id)).attempts) === 1 && (await row(id)).last_error !== null,
          5000,
          20,
        );
        let r = await row(id);
        assert.equal(r.status, 'pending');
        assert.equal(r.next_attempt_at, new Date(now.getTime() + 30 * SEC).toISOString(), 'first wait: 30 s');
        tick(29 * SEC);
        assert.equal(await outbox.deliverDue(), 0, 'not due yet');
        assert.equal(calls.length, 1);
        tick(1 * SEC);
        assert.equal(await outbox.deliverDue(), 0, 'second attempt fails too');
        r = await row(id);
        assert.equal(Number(r.attempts), 2);
        assert.equal(
          r.next_attempt_at,
          new Date(now.getTime() + 60 * SEC).toISOString(),
          'second wait doubles',
        );
        tick(60 * SEC);
        assert.equal(await outbox.deliverDue(), 1, 'third attempt delivers');
        r = await row(id);
        assert.equal(r.status, 'sent');
        assert.equal(r.sent_at, now.toISOString());
        assert.equal(calls.length, 3);
        assert.equal(await outbox.deliverDue(), 0, 'nothing is sent twice');

        // every attempt failing: given up after maxAttempts
        failuresLeft = 100;
        const doomed = await outbox.send({
          to: 'sam@example.org',
          channel: 'email',
          subject: 's',
          text: 't',
        });
        await until(async () => (await row(doomed)).last_error !== null, 5000, 20);
        for (let i = 0; i < 5; i++) {
          tick(3600 * SEC);
          await outbox.deliverDue();
        }
        r = await row(doomed);
        assert.equal(r.status, 'failed');
        assert.equal(Number(r.attempts), 3);
        assert.equal(r.next_attempt_at, null);

        // a refusal that cannot succeed is not retried
        const refusing: Transport = {
          name: 'refusing',
          channels: ['sms'],
          async deliver() {
            throw new PermanentDeliveryError('Notify 400');
          },
        };
        const outbox2 = new Outbox(t.server.ctx.store, [refusing], () => {}, clock, policy);
        const refused = await outbox2.send({ to: '07700900000', channel: 'sms', subject: 's', text: 't' });
        await until(async () => (await row(refused)).status === 'failed', 5000, 20);
        assert.equal((await row(refused)).last_error, 'PermanentDeliveryError: Notify 400');
        // no transport for a channel: stored only, never attempted
        const held = await outbox.send({ to: '07700900000', channel: 'sms', subject: 's', text: 't' });
        assert.equal((await row(held)).status, 'held');
      } finally {
        await t.close();
      }
    });

    test(
      'SMTP: a sign-in code reaches a real SMTP server (Mailpit), after it came up late',
      { skip: mailpitUnavailable() },
      async () => {
        const smtpPort = await freePort();
        const t = await startServer(target.name, {
          enforcerIntervalMs: 0,
          smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
          smtpFrom: 'visit-kit <no-reply@visit-kit.test>',
        });
        let mailpit: Awaited<ReturnType<typeof startMailpit>> | undefined;
        try {
          const asked = await t.call('POST', '/api/v1/auth/code', { body: { email: 'sam@example.org' } });
          assert.ok(asked.status < 300, asked.text);
          const db = t.server.ctx.store.db;
          const row = () =>
            db
              .selectFrom('outbox')
              .selectAll()
              .where('to_addr', '=', 'sam@example.org')
              .executeTakeFirstOrThrow();
          // nothing listens yet: the first attempt fails and the message waits for its retry
          await until(async () => (await row()).last_error !== null, 10_000, 50);
          assert.equal((await row()).status, 'pending');
          mailpit = await startMailpit(smtpPort);
          const later = new Date(Date.now() + 31 * SEC);
          t.server.ctx.now = () => later;
          assert.equal(await t.server.ctx.outbox.deliverDue(), 1);
          const stored = await row();
          assert.equal(stored.status, 'sent');
          assert.equal(Number(stored.attempts), 2);
          const list = await mailpit.api('/api/v1/messages');
          assert.equal(list.total, 1);
          const summary = list.messages[0];
          assert.equal(summary.To[0].Address, 'sam@example.org');
          assert.equal(summary.From.Address, 'no-reply@visit-kit.test');
          assert.equal(summary.Subject, stored.subject);
          const message = await mailpit.api(`/api/v1/message/${summary.ID}`);
          assert.equal(message.Text.trim(), stored.text.trim());
          assert.match(message.Text, /\b\d{6}\b/, 'the code is in the mail');
        } finally {
          await t.close();
          await mailpit?.stop();
        }
      },
    );

    test('SMS through the GOV.UK Notify client, against a local stand-in of its API', async () => {
      const notify = await startNotifyStandIn();
      const t = await startServer(target.name, {
        enforcerIntervalMs: 0,
        notify: { apiKey: notify.apiKey, smsTemplateId: notify.templateId, baseUrl: notify.url },
      });
      try {
        const db = t.server.ctx.store.db;
        const row = (id: string) =>
          db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        notify.failNext(1);
        const id = await t.server.ctx.outbox.send({
          to: '07700 900123',
          channel: 'sms',
          subject: 'Visit booked',
          text: 'Your visit ABCD2345 is booked.',
        });
        await until(async () => (await row(id)).last_error !== null, 10_000, 50);
        assert.equal((await row(id)).status, 'pending', 'a 500 from Notify is retried');
        assert.equal((await row(id)).last_error, 'Error');
        const later = new Date(Date.now() + 31 * SEC);
        t.server.ctx.now = () => later;
        assert.equal(await t.server.ctx.outbox.deliverDue(), 1);
        assert.equal((await row(id)).status, 'sent');
        assert.deepEqual(notify.statuses, [500, 201]);
        assert.deepEqual(notify.sent, [
          {
            template_id: notify.templateId,
            phone_number: '07700 900123',
            personalisation: { message: 'Your visit ABCD2345 is booked.' },
            reference: id,
          },
        ]);
        // Notify refuses a number that is not a UK mobile (400): given up at once
        const bad = await t.server.ctx.outbox.send({ to: '12345', channel: 'sms', subject: 's', text: 't' });
        await until(async () => (await row(bad)).status === 'failed', 10_000, 50);
        assert.equal((await row(bad)).last_error, 'PermanentDeliveryError: Notify 400');
        assert.equal(notify.statuses.at(-1), 400);
      } finally {
        await t.close();
        await notify.close();
      }
    });
  });
}
