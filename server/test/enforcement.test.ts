import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TARGETS, freshDatabase, sleep, startServer, until } from './helpers.js';

for (const target of TARGETS) {
  describe(
    `end-time enforcement with two replicas and restarts (${target.name})`,
    { skip: target.skip },
    () => {
      test('two replicas on one database end each call exactly once, on time', async () => {
        const db = await freshDatabase(target.name);
        const a = await startServer(target.name, { enforcerIntervalMs: 100 }, db);
        const b = await startServer(target.name, { enforcerIntervalMs: 100, seed: false }, db);
        try {
          const ids: string[] = [];
          for (let i = 0; i < 12; i++) {
            const replica = i % 2 ? a : b;
            const r = await replica.call('POST', '/api/dev/visits', {
              body: {
                prisonerId: 'prs-A1234BC',
                visitorUserId: 'usr-sam',
                startsInSeconds: 0,
                durationSeconds: 2,
                type: 'video',
              },
            });
            assert.equal(r.status, 201, r.text);
            ids.push(r.body.id);
          }
          const store = a.server.ctx.store.db;
          await until(async () => {
            const open = await store
              .selectFrom('calls')
              .select('visit_id')
              .where('visit_id', 'in', ids)
              .where('status', '<>', 'ended')
              .execute();
            return open.length === 0;
          }, 10_000);
          const ended = await store.selectFrom('calls').selectAll().where('visit_id', 'in', ids).execute();
          for (const call of ended) {
            assert.equal(call.end_reason, 'time-up');
            assert.ok(call.ended_at! >= call.ends_at, 'never before endsAt');
            assert.ok(Date.parse(call.ended_at!) - Date.parse(call.ends_at) < 1500, 'promptly after endsAt');
          }
          await sleep(400);
          const audits = await store
            .selectFrom('audit')
            .select(['visit_id'])
            .where('visit_id', 'in', ids)
            .where('action', '=', 'call.ended')
            .execute();
          assert.equal(audits.length, ids.length, 'one end action per call, whichever replica won');
        } finally {
          await b.close();
          await a.close();
          await db.drop();
        }
      });

      test('a call due while no server runs is ended as soon as one starts again', async () => {
        const db = await freshDatabase(target.name);
        const first = await startServer(target.name, {}, db);
        const r = await first.call('POST', '/api/dev/visits', {
          body: {
            prisonerId: 'prs-A1234BC',
            visitorUserId: 'usr-sam',
            startsInSeconds: 0,
            durationSeconds: 1,
            type: 'video',
          },
        });
        await first.close();
        await sleep(1500);
        const second = await startServer(target.name, { seed: false, enforcerIntervalMs: 200 }, db);
        try {
          const call = await until(
            () =>
              second.server.ctx.store.db
                .selectFrom('calls')
                .selectAll()
                .where('visit_id', '=', r.body.id)
                .where('status', '=', 'ended')
                .executeTakeFirst(),
            5000,
          );
          assert.equal(call?.end_reason, 'time-up');
        } finally {
          await second.close();
          await db.drop();
        }
      });
    },
  );
}
