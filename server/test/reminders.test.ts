import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendDueReminders } from '../notify.js';
import { TARGETS, freshDatabase, startServer } from './helpers.js';

for (const target of TARGETS) {
  describe(`visit reminders (${target.name})`, { skip: target.skip }, () => {
    test('a visit starting within a day gets exactly one reminder, even with two replicas sending', async () => {
      const db = await freshDatabase(target.name);
      const a = await startServer(target.name, { enforcerIntervalMs: 0 }, db);
      const b = await startServer(target.name, { enforcerIntervalMs: 0, seed: false }, db);
      try {
        const make = async (startsInSeconds: number) => {
          const r = await a.call('POST', '/api/dev/visits', {
            body: {
              prisonerId: 'prs-A1234BC',
              visitorUserId: 'usr-sam',
              startsInSeconds,
              durationSeconds: 1800,
              type: 'video',
            },
          });
          assert.equal(r.status, 201, r.text);
          return r.body as { id: string; reference: string };
        };
        const soon = await make(2 * 3600);
        const later = await make(3 * 24 * 3600);
        const sent = await Promise.all([
          sendDueReminders(a.server.ctx),
          sendDueReminders(b.server.ctx),
          sendDueReminders(a.server.ctx),
        ]);
        assert.equal(
          sent.reduce((sum, n) => sum + n, 0),
          1,
        );
        const outbox = await a.call('GET', '/api/dev/outbox?to=sam@example.org');
        const reminders = (outbox.body as { subject: string; text: string }[]).filter((m) =>
          m.subject.startsWith('Reminder'),
        );
        assert.equal(reminders.length, 1);
        assert.match(reminders[0]!.text, new RegExp(soon.reference));
        assert.match(reminders[0]!.text, /waiting room opens 15 minutes before/);
        assert.ok(!reminders.some((m) => m.text.includes(later.reference)), 'no reminder 3 days ahead');
        assert.equal(await sendDueReminders(a.server.ctx), 0, 'nothing left to send');
      } finally {
        await b.close();
        await a.close();
        await db.drop();
      }
    });
  });
}
