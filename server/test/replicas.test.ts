// Several backend replicas on one PostgreSQL: live events reach a stream on one replica when the change
// happened on another (LISTEN/NOTIFY relay in server/hub.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PG_URL, freshDatabase, openStream, startServer, until } from './helpers.js';

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

    test('a device removed on replica B: its stream open on replica A closes and A answers its next request 401', async () => {
      const db = await freshDatabase('postgres');
      const a = await startServer('postgres', {}, db);
      const b = await startServer('postgres', { seed: false }, db);
      try {
        const staffB = await b.staffToken('NMI');
        const made = await b.call('POST', '/api/v1/staff/devices', {
          token: staffB,
          body: { prisonerId: 'prs-A1234BC', label: 'Wing C tablet' },
        });
        assert.equal(made.status, 201, made.text);
        const paired = await a.call('POST', '/api/v1/auth/device', {
          body: { pairingCode: made.body.pairingCode },
        });
        assert.equal(paired.status, 200, paired.text);
        const kiosk = paired.body.token as string;
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
        // A has verified (and so cached) the device's session before the removal
        assert.equal((await a.call('GET', '/api/v1/me', { token: kiosk })).status, 200);
        const onA = await openStream(`${a.url}/api/v1/visits/${created.body.id}/events`, kiosk);
        try {
          await onA.next((e) => e.event === 'state');
          const started = Date.now();
          const removed = await b.call('DELETE', `/api/v1/staff/devices/${made.body.id}`, { token: staffB });
          assert.equal(removed.status, 204, removed.text);
          await until(() => onA.ended, 8000, 20);
          const took = Date.now() - started;
          assert.ok(took < 5000, `stream on A closed after ${took} ms`);
        } finally {
          await onA.close();
        }
        assert.equal((await a.call('GET', '/api/v1/me', { token: kiosk })).status, 401);
        assert.equal((await b.call('GET', '/api/v1/me', { token: kiosk })).status, 401);
      } finally {
        await b.close();
        await a.close();
        await db.drop();
      }
    });

    test('signing out everywhere on replica B is refused on replica A within seconds', async () => {
      const db = await freshDatabase('postgres');
      const a = await startServer('postgres', {}, db);
      const b = await startServer('postgres', { seed: false }, db);
      try {
        const onA = await a.tokenFor({ id: 'usr-sam', role: 'visitor' });
        const onB = await b.tokenFor({ id: 'usr-sam', role: 'visitor' });
        assert.equal((await a.call('GET', '/api/v1/me', { token: onA })).status, 200);
        const started = Date.now();
        assert.equal((await b.call('POST', '/api/v1/auth/sign-out-everywhere', { token: onB })).status, 204);
        await until(
          async () => (await a.call('GET', '/api/v1/me', { token: onA })).status === 401,
          8000,
          100,
        );
        assert.ok(Date.now() - started < 5000);
      } finally {
        await b.close();
        await a.close();
        await db.drop();
      }
    });
  },
);
