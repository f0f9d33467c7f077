// Call-quality evidence: the participants of a call (only they) send summaries, validated and rate-limited per side
// in one statement, stored beside the lost-time credit and read by staff of the visit's prison. SQLite and PG.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as S from '../schemas.js';
import { TARGETS, startServer, type Family, type TestServer } from './helpers.js';

const summary = (extra: Partial<ReturnType<typeof S.QualitySummary.parse>> = {}) => ({
  final: false,
  packetLossPercent: 1.25,
  roundTripMs: 84,
  bitrateKbps: 910,
  freezes: 2,
  reconnections: 1,
  ...extra,
});

for (const target of TARGETS) {
  describe(`call-quality evidence (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    let staff: string;
    let realNow: () => Date;
    /** The server's clock, moved on by the tests (the rate limit is measured on it). */
    let offsetMs = 0;
    before(async () => {
      t = await startServer(target.name);
      staff = await t.staffToken('NMI');
      realNow = t.server.ctx.now.bind(t.server.ctx);
      t.server.ctx.now = () => new Date(realNow().getTime() + offsetMs);
    });
    after(async () => {
      await t?.close();
    });

    /** A paired kiosk for the family's person in prison (a device row, as pairing makes). */
    const kioskOf = async (prisonerId: string) => {
      const id = `dev-kiosk-${prisonerId}`;
      await t.server.ctx.store.db
        .insertInto('devices')
        .values({
          id,
          prisoner_id: prisonerId,
          label: 'Wing kiosk',
          pairing_code: `P-${prisonerId}`,
          pairing_expires_at: new Date(Date.now() + 60_000).toISOString(),
          reusable: 0,
          paired_at: new Date(Date.now() - 60_000).toISOString(),
          created_by: 'test',
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return t.tokenFor({ id, role: 'prisoner', prisonerId });
    };
    const admittedCall = async (f: Family, admit = true) => {
      const r = await t.call('POST', '/api/dev/visits', {
        body: {
          prisonerId: f.prisonerId,
          visitorUserId: f.userId,
          startsInSeconds: 0,
          durationSeconds: 1800,
        },
      });
      assert.equal(r.status, 201, r.text);
      const kiosk = await kioskOf(f.prisonerId);
      assert.equal(
        (await t.call('POST', `/api/v1/visits/${r.body.id}/call/knock`, { token: f.token })).status,
        200,
      );
      if (admit)
        assert.equal(
          (await t.call('POST', `/api/v1/staff/visits/${r.body.id}/admit`, { token: staff })).status,
          200,
        );
      return { id: r.body.id as string, kiosk };
    };
    const send = (id: string, token: string, body: unknown) =>
      t.call('POST', `/api/v1/visits/${id}/call/quality`, { token, body });

    test('each side stores its latest summary; staff read both beside the lost-time credit', async () => {
      const f = await t.family();
      const { id, kiosk } = await admittedCall(f);
      const first = await send(id, f.token, summary());
      assert.equal(first.status, 200, first.text);
      S.CallQuality.parse(first.body);
      const fromKiosk = await send(id, kiosk, summary({ packetLossPercent: 0, roundTripMs: 40, freezes: 0 }));
      assert.equal(fromKiosk.status, 200, fromKiosk.text);
      await t.server.ctx.store.db
        .updateTable('calls')
        .set({ credited_seconds: 45 })
        .where('visit_id', '=', id)
        .execute();
      const read = await t.call('GET', `/api/v1/staff/visits/${id}/call/quality`, { token: staff });
      assert.equal(read.status, 200, read.text);
      const quality = S.CallQuality.parse(read.body);
      assert.equal(quality.creditedSeconds, 45);
      assert.deepEqual(
        quality.sides.map((s) => [
          s.side,
          s.packetLossPercent,
          s.roundTripMs,
          s.bitrateKbps,
          s.freezes,
          s.reconnections,
          s.final,
        ]),
        [
          ['visitor', 1.25, 84, 910, 2, 1, false],
          ['prisoner', 0, 40, 910, 0, 1, false],
        ],
      );
    });

    test('rate limit: a live summary within 10 s is refused (429, retryAfter); the final one lands; nothing after it', async () => {
      const f = await t.family();
      const { id } = await admittedCall(f);
      assert.equal((await send(id, f.token, summary())).status, 200);
      const soon = await send(id, f.token, summary({ freezes: 3 }));
      assert.equal(soon.status, 429, soon.text);
      assert.equal(soon.body.code, 'rate-limited');
      assert.equal(soon.body.retryAfter, 10);
      offsetMs += 11_000;
      const later = await send(id, f.token, summary({ freezes: 3 }));
      assert.equal(later.status, 200, later.text);
      assert.equal(later.body.sides[0].freezes, 3);
      const final = await send(id, f.token, summary({ final: true, freezes: 4 }));
      assert.equal(final.status, 200, final.text);
      assert.equal(final.body.sides[0].final, true);
      offsetMs += 11_000;
      const afterFinal = await send(id, f.token, summary({ freezes: 9 }));
      assert.equal(afterFinal.status, 429);
      const row = await t.server.ctx.store.db
        .selectFrom('call_quality')
        .selectAll()
        .where('visit_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.freezes, 4);
      assert.equal(row.final, 1);
      assert.equal(row.packet_loss_bp, 125);
    });

    test('only the call’s participants send, only after admission; sizes and ranges are validated', async () => {
      const f = await t.family();
      const other = await t.family();
      const waiting = await admittedCall(f, false);
      const early = await send(waiting.id, f.token, summary());
      assert.equal(early.status, 403, early.text);
      assert.equal(early.body.code, 'not-admitted');
      const { id } = await admittedCall(f);
      assert.equal((await send(id, staff, summary())).status, 403, 'staff do not send');
      assert.equal((await send(id, other.token, summary())).status, 404, 'another family cannot');
      const otherKiosk = await kioskOf(other.prisonerId);
      assert.equal((await send(id, otherKiosk, summary())).status, 404, 'another device cannot');
      assert.equal(
        (await t.call('POST', `/api/v1/visits/${id}/call/quality`, { body: summary() })).status,
        401,
      );
      for (const bad of [
        summary({ packetLossPercent: 101 }),
        summary({ roundTripMs: -1 }),
        summary({ bitrateKbps: 1.5 }),
        summary({ freezes: 1e9 }),
        { ...summary(), extra: 'x'.repeat(10) },
        { final: false },
      ]) {
        const r = await send(id, f.token, bad);
        assert.equal(r.status, 400, JSON.stringify(bad));
        assert.equal(r.body.code, 'validation');
      }
      const big = await t.call('POST', `/api/v1/visits/${id}/call/quality`, {
        token: f.token,
        raw: JSON.stringify({ ...summary(), pad: 'x'.repeat(2_000_000) }),
      });
      assert.ok([400, 413].includes(big.status), `oversized body refused (${big.status})`);
      const glr = await t.staffToken('GLR');
      assert.equal(
        (await t.call('GET', `/api/v1/staff/visits/${id}/call/quality`, { token: glr })).status,
        404,
      );
      assert.equal(
        (await t.call('GET', `/api/v1/staff/visits/${id}/call/quality`, { token: f.token })).status,
        403,
      );
      const stored = await t.server.ctx.store.db
        .selectFrom('call_quality')
        .select('visit_id')
        .where('visit_id', 'in', [id, waiting.id])
        .execute();
      assert.equal(stored.length, 0, 'nothing refused was stored');
    });
  });
}
