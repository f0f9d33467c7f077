// Several backend replicas on one PostgreSQL: live events reach a stream on one replica when the change
// happened on another (LISTEN/NOTIFY relay in server/hub.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PG_URL, freshDatabase, openStream, startServer } from './helpers.js';

describe(
  'live events across replicas (postgres)',
  {
    skip: PG_URL ? false : 'VISIT_KIT_TEST_DATABASE_URL is not set: replicas share PostgreSQL only',
  },
  () => {
    test('a waiting room on replica A hears a knock and an admission made on replica B', async () => {
      const db = await freshDatabase('postgres');
      const a = await startServer('postgres', {}, db);
      const b = await startServer('postgres', { seed: false }, db);
      try {
        const created = await a.call('POST', '/api/dev/visits', {
          body: {
            prisonerId: 'prs-A1234BC',
            visitorUserId: 'usr-sam',
            startsInSeconds: 60,
            durationSeconds: 600,
            type: 'video',
          },
        });
        assert.equal(created.status, 201, created.text);
        const visitId = created.body.id as string;
        const family = await a.tokenFor({ id: 'usr-sam', role: 'visitor' });
        const staff = await b.staffToken('NMI');
        const onA = await openStream(`${a.url}/api/v1/visits/${visitId}/events`, family);
        const staffOnA = await openStream(`${a.url}/api/v1/staff/events`, await a.staffToken('NMI'));
        try {
          await onA.next((e) => e.event === 'state');
          const knock = await b.call('POST', `/api/v1/visits/${visitId}/call/knock`, { token: family });
          assert.equal(knock.status, 200, knock.text);
          await onA.next((e) => e.event === 'state' && e.data.status === 'waiting');
          await staffOnA.next((e) => e.event === 'knock' && e.data.visitId === visitId);
          const admit = await b.call('POST', `/api/v1/staff/visits/${visitId}/admit`, { token: staff });
          assert.equal(admit.status, 200, admit.text);
          const admitted = await onA.next((e) => e.event === 'state' && e.data.status === 'admitted');
          assert.equal(admitted.data.visitId, visitId);
          // Each event arrives once: the replica that made the change does not hear its own relay echo.
          const waiting = onA.events.filter((e) => e.event === 'state' && e.data.status === 'waiting');
          assert.equal(waiting.length, 1);
        } finally {
          await onA.close();
          await staffOnA.close();
        }
      } finally {
        await b.close();
        await a.close();
        await db.drop();
      }
    });
  },
);
