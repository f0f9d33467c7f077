// Load: 1000 families race for the last 10 places of one session (hold → confirm each, all at once).
// Exactly 10 are booked, every other attempt gets a clear `slot-unavailable` problem, nothing answers 5xx,
// and the database agrees: 10 visits with their visitors and call rows, no live hold left on the slot, and an
// allowance spent by exactly the 10 families that booked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TARGETS, makeSlot, startServer, type Family, type TestServer } from '../../server/test/helpers.js';
import { manyFamilies, raceForSlot, type RaceResult } from '../support/booking-load.js';

const ATTEMPTS = 1000;
const PLACES = 10;

for (const target of TARGETS) {
  describe(
    `load: ${ATTEMPTS} concurrent booking attempts for ${PLACES} places (${target.name})`,
    {
      skip: target.skip,
      timeout: 180_000,
    },
    () => {
      let t: TestServer;
      let families: Family[];
      let slotId: string;
      let race: RaceResult;
      before(async () => {
        t = await startServer(target.name);
        ({ slotId } = await makeSlot(t, t.day(4), PLACES, 'video', '12:00', '12:30'));
        families = await manyFamilies(t, ATTEMPTS, { allowance: 5 });
        race = await raceForSlot(t.url, families, slotId);
      });
      after(() => t?.close());

      test(`exactly ${PLACES} booked`, () => {
        assert.equal(race.booked, PLACES);
      });

      test('no answer is a 5xx', () => {
        assert.deepEqual(race.serverErrors, []);
      });

      test('every other attempt is a clear slot-unavailable problem (409 problem+json)', () => {
        assert.deepEqual(race.unclear, []);
        const refused = race.attempts.filter(
          (a) => a.holdStatus === 409 && a.holdCode === 'slot-unavailable',
        );
        assert.equal(refused.length, ATTEMPTS - PLACES);
      });

      test('the database is consistent with the answers', async () => {
        const db = t.server.ctx.store.db;
        const visits = await db.selectFrom('visits').selectAll().where('slot_id', '=', slotId).execute();
        assert.equal(visits.length, PLACES);
        const bookedIds = new Set(race.attempts.filter((a) => a.bookingStatus === 201).map((a) => a.visitId));
        assert.deepEqual(
          new Set(visits.map((v) => v.id)),
          bookedIds,
          'the stored visits are the answered ones',
        );
        for (const visit of visits) {
          const people = await db
            .selectFrom('visit_visitors')
            .selectAll()
            .where('visit_id', '=', visit.id)
            .execute();
          assert.equal(people.length, 1, `visit ${visit.id} has its visitor`);
          const calls = await db.selectFrom('calls').selectAll().where('visit_id', '=', visit.id).execute();
          assert.equal(calls.length, 1, `video visit ${visit.id} has its call row`);
        }
        const liveHolds = await db
          .selectFrom('holds')
          .select('id')
          .where('slot_id', '=', slotId)
          .where('status', '=', 'active')
          .execute();
        assert.equal(liveHolds.length, 0, 'every granted hold was consumed');
        const prisoners = await db
          .selectFrom('prisoners')
          .select(['id', 'allowance_remaining'])
          .where(
            'id',
            'in',
            families.map((f) => f.prisonerId),
          )
          .execute();
        const spent = prisoners.filter((p) => p.allowance_remaining === 4).map((p) => p.id);
        const untouched = prisoners.filter((p) => p.allowance_remaining === 5).length;
        assert.equal(spent.length, PLACES);
        assert.equal(untouched, ATTEMPTS - PLACES);
        assert.deepEqual(
          new Set(spent),
          new Set(visits.map((v) => v.prisoner_id)),
          'the allowance was spent by exactly the families that booked',
        );
        console.log(
          `load (${target.name}): ${ATTEMPTS} attempts in ${race.wallMs.toFixed(0)} ms → ${race.booked} booked, ${ATTEMPTS - race.booked} slot-unavailable, 0 5xx`,
        );
      });
    },
  );
}
