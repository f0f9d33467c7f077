// Legal visits (a solicitor's video visit): booked with the firm, never monitored (refused and audited before any
// LiveKit grant is minted), the lobby camera only until admission. Against a real LiveKit server, SQLite and PG.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { freePort, startLivekit } from '../../scripts/livekit.mjs';
import * as S from '../schemas.js';
import { addDays, dateIn } from '../time.js';
import { TARGETS, makeSlot, startServer, type TestServer } from './helpers.js';

for (const target of TARGETS) {
  describe(`legal visits (${target.name})`, { skip: target.skip }, () => {
    let lk: { url: string; apiKey: string; apiSecret: string; stop(): Promise<void> };
    let t: TestServer;
    let staff: string;
    /** Every LiveKit grant the server mints for staff, by room: the proof that none was made for a legal call. */
    const granted: string[] = [];
    before(async () => {
      lk = await startLivekit({});
      t = await startServer(target.name, {
        port: (await freePort()) as number,
        livekit: { url: lk.url, apiKey: lk.apiKey, apiSecret: lk.apiSecret },
      });
      const media = t.server.ctx.media;
      const mint = media.monitorToken.bind(media);
      media.monitorToken = async (options) => {
        granted.push(options.room);
        return mint(options);
      };
      staff = await t.staffToken('NMI');
    });
    after(async () => {
      await t?.close();
      await lk?.stop();
    });

    const legalVisit = async () => {
      const f = await t.family();
      const r = await t.call('POST', '/api/dev/visits', {
        body: {
          prisonerId: f.prisonerId,
          visitorUserId: f.userId,
          startsInSeconds: 0,
          durationSeconds: 600,
          type: 'video',
          legalFirm: 'Jones & Evans Solicitors LLP',
        },
      });
      assert.equal(r.status, 201, r.text);
      return { f, visit: S.Visit.parse(r.body) };
    };
    const refusals = (visitId: string) =>
      t.server.ctx.store.db
        .selectFrom('audit')
        .selectAll()
        .where('visit_id', '=', visitId)
        .where('action', '=', 'call.monitor-refused')
        .execute();

    test('hidden monitoring is refused with a clear problem, in Welsh too, audited, and no grant is minted', async () => {
      const { visit } = await legalVisit();
      assert.deepEqual(visit.legal, { firm: 'Jones & Evans Solicitors LLP' });
      const before = granted.length;
      const refused = await t.call('POST', `/api/v1/staff/visits/${visit.id}/monitor-token`, {
        token: staff,
      });
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.body.code, 'legal-visit');
      assert.equal(refused.body.detail, 'A legal visit is never monitored.');
      assert.match(refused.headers.get('content-type') ?? '', /problem\+json/);
      const cy = await t.call('POST', `/api/v1/staff/visits/${visit.id}/monitor-token`, {
        token: staff,
        headers: { 'accept-language': 'cy' },
      });
      assert.equal(cy.body.detail, 'Nid yw ymweliad cyfreithiol byth yn cael ei fonitro.');
      assert.equal(granted.length, before, 'no LiveKit grant was minted');
      const rows = await refusals(visit.id);
      assert.equal(rows.length, 2);
      assert.equal(rows[0]!.actor, 'usr-staff-nmi');
      assert.deepEqual(JSON.parse(rows[0]!.details), {
        reason: 'legal-visit',
        lobby: false,
        callStatus: 'idle',
      });
      // the staff view says it is legal, so the console can show it and hide the monitor action
      const today = await t.call(
        'GET',
        `/api/v1/staff/visits?date=${dateIn(new Date(visit.start), 'Europe/London')}`,
        { token: staff },
      );
      const seen = (today.body as { id: string; legal?: unknown }[]).find((v) => v.id === visit.id);
      assert.deepEqual(seen?.legal, { firm: 'Jones & Evans Solicitors LLP' });
    });

    test('the lobby camera is for the identity check only: allowed before admission, refused after it', async () => {
      const { f, visit } = await legalVisit();
      assert.equal(
        (await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token: f.token })).status,
        200,
      );
      const lobby = await t.call('POST', `/api/v1/staff/visits/${visit.id}/monitor-token?lobby=true`, {
        token: staff,
      });
      assert.equal(lobby.status, 200, lobby.text);
      assert.equal(
        (decodeJwt(lobby.body.token) as { video: { room: string } }).video.room,
        `lobby-${visit.id}`,
      );
      assert.equal(
        (await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff })).status,
        200,
      );
      const before = granted.length;
      const after = await t.call('POST', `/api/v1/staff/visits/${visit.id}/monitor-token?lobby=true`, {
        token: staff,
      });
      assert.equal(after.status, 403, after.text);
      assert.equal(after.body.code, 'legal-visit');
      const call = await t.call('POST', `/api/v1/staff/visits/${visit.id}/monitor-token`, { token: staff });
      assert.equal(call.status, 403);
      assert.equal(granted.length, before);
      assert.ok(!granted.includes(`call-${visit.id}`), 'never a grant for the legal call room');
      const rows = await refusals(visit.id);
      assert.deepEqual(
        rows.map((r) => JSON.parse(r.details).lobby),
        [true, false],
      );
    });

    test('an ordinary video visit is still monitored (the rule is for legal visits only)', async () => {
      const f = await t.family();
      const r = await t.call('POST', '/api/dev/visits', {
        body: { prisonerId: f.prisonerId, visitorUserId: f.userId, startsInSeconds: 0, durationSeconds: 600 },
      });
      assert.equal(r.body.legal, undefined);
      const ok = await t.call('POST', `/api/v1/staff/visits/${r.body.id}/monitor-token`, { token: staff });
      assert.equal(ok.status, 200, ok.text);
    });

    test('booking a legal session needs the firm (validated); other sessions refuse one', async () => {
      const f = await t.family();
      const date = addDays(dateIn(new Date(), 'Europe/London'), 3);
      const legal = await makeSlot(t, date, 2, 'video', '11:00', '12:00');
      await t.server.ctx.store.db
        .updateTable('session_templates')
        .set({ legal: 1 })
        .where('id', '=', legal.templateId)
        .execute();
      const ordinary = await makeSlot(t, date, 2, 'video', '16:00', '16:30');
      const slots = await t.call(
        'GET',
        `/api/v1/prisoners/${f.prisonerId}/availability?from=${date}&to=${date}`,
        { token: f.token },
      );
      assert.equal(slots.status, 200, slots.text);
      const sessions = (slots.body.days as { sessions: { id: string; legal?: boolean }[] }[]).flatMap(
        (d) => d.sessions,
      );
      assert.equal(sessions.find((s) => s.id === legal.slotId)?.legal, true);
      assert.equal(sessions.find((s) => s.id === ordinary.slotId)?.legal, undefined);

      const bookWith = async (slotId: string, legalFirm?: string) => {
        const hold = await t.call('POST', '/api/v1/holds', {
          token: f.token,
          body: { prisonerId: f.prisonerId, slotId },
        });
        assert.equal(hold.status, 201, hold.text);
        const r = await t.call('POST', '/api/v1/bookings', {
          token: f.token,
          body: {
            holdId: hold.body.id,
            visitorIds: [f.userId],
            contact: {},
            ...(legalFirm ? { legalFirm } : {}),
          },
        });
        await t.call('DELETE', `/api/v1/holds/${hold.body.id}`, { token: f.token });
        return r;
      };
      const missing = await bookWith(legal.slotId);
      assert.equal(missing.status, 400, missing.text);
      assert.equal(missing.body.errors[0].path, 'legalFirm');
      const junk = await bookWith(legal.slotId, '<script>');
      assert.equal(junk.status, 400, junk.text);
      assert.equal(junk.body.errors[0].path, 'legalFirm');
      const wrong = await bookWith(ordinary.slotId, 'Jones & Evans');
      assert.equal(wrong.status, 400, wrong.text);
      const booked = await bookWith(legal.slotId, 'Jones & Evans');
      assert.equal(booked.status, 201, booked.text);
      assert.deepEqual(booked.body.legal, { firm: 'Jones & Evans' });
      const row = await t.server.ctx.store.db
        .selectFrom('visits')
        .select('legal_firm')
        .where('id', '=', booked.body.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.legal_firm, 'Jones & Evans');
    });
  });
}
