import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { freePort, startLivekit } from '../../scripts/livekit.mjs';
import * as S from '../schemas.js';
import { TARGETS, openStream, sleep, startServer, until, type TestServer } from './helpers.js';

interface Livekit {
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  stop(): Promise<void>;
}

interface VideoGrant {
  room: string;
  roomJoin: boolean;
  canPublish: boolean;
  canSubscribe: boolean;
  canPublishData: boolean;
  canPublishSources?: string[];
  hidden?: boolean;
  roomAdmin?: boolean;
}

for (const target of TARGETS) {
  describe(`video calls against a real LiveKit server (${target.name})`, { skip: target.skip }, () => {
    let lk: Livekit;
    let t: TestServer;
    let rooms: RoomServiceClient;
    let staff: string;
    let kiosk: string;
    before(async () => {
      const port = (await freePort()) as number;
      lk = (await startLivekit({ webhookUrls: [`http://127.0.0.1:${port}/api/livekit/webhook`] })) as Livekit;
      t = await startServer(target.name, {
        port,
        livekit: { url: lk.url, apiKey: lk.apiKey, apiSecret: lk.apiSecret },
        lostTimeCapMinutes: 1,
        heartbeatMs: 300,
      });
      rooms = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
      staff = await t.staffToken('NMI');
      kiosk = await t.tokenFor({ id: 'dev-kiosk-A1234BC', role: 'prisoner', prisonerId: 'prs-A1234BC' });
    });
    after(async () => {
      await t?.close();
      await lk?.stop();
    });

    const devVisit = async (startsInSeconds: number, durationSeconds: number) => {
      const r = await t.call('POST', '/api/dev/visits', {
        body: {
          prisonerId: 'prs-A1234BC',
          visitorUserId: 'usr-sam',
          startsInSeconds,
          durationSeconds,
          type: 'video',
        },
      });
      assert.equal(r.status, 201, r.text);
      return S.Visit.parse(r.body);
    };
    const sam = () => t.tokenFor({ id: 'usr-sam', role: 'visitor' });

    test('health sees LiveKit', async () => {
      const r = await t.call('GET', '/api/health');
      assert.deepEqual(r.body, { status: 'ok', database: 'ok', livekit: 'ok' });
    });

    test('knock → lobby token → staff check → admit → call tokens with least privilege; the room carries endsAt', async () => {
      const visit = await devVisit(2, 600);
      const token = await sam();
      const open = await t.call('GET', `/api/v1/visits/${visit.id}/call`, { token });
      assert.equal(open.body.status, 'open');
      S.CallState.parse(open.body);
      const early = await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token });
      assert.equal(early.status, 403);
      assert.equal(early.body.code, 'not-admitted');
      const knocked = await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token });
      assert.equal(knocked.body.status, 'waiting');
      const lobby = await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token });
      assert.equal(lobby.status, 200, lobby.text);
      S.CallToken.parse(lobby.body);
      assert.equal(lobby.body.kind, 'lobby');
      assert.equal(lobby.body.room, `lobby-${visit.id}`);
      const lobbyClaims = decodeJwt(lobby.body.token) as {
        sub: string;
        exp: number;
        video: VideoGrant;
        attributes?: Record<string, string>;
      };
      assert.equal(lobbyClaims.sub, 'visitor:usr-sam');
      assert.equal(lobbyClaims.video.room, `lobby-${visit.id}`);
      assert.equal(lobbyClaims.video.canSubscribe, false);
      assert.equal(lobbyClaims.video.canPublishData, false);
      assert.deepEqual(lobbyClaims.video.canPublishSources, ['camera', 'microphone']);
      assert.ok(
        lobbyClaims.exp <= Date.parse(visit.call!.endsAt) / 1000 + 60,
        'TTL bounded by endsAt + 60 s',
      );
      assert.equal(lobbyClaims.attributes?.role, 'visitor');

      const prisonerEarly = await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token: kiosk });
      assert.equal(prisonerEarly.body.code, 'not-admitted');
      const ready = await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token: kiosk });
      assert.equal(ready.body.prisonerReady, true);

      const monitorLobby = await t.call('POST', `/api/v1/staff/visits/${visit.id}/monitor-token?lobby=true`, {
        token: staff,
      });
      assert.equal(monitorLobby.status, 200, monitorLobby.text);
      const monitorClaims = decodeJwt(monitorLobby.body.token) as { sub: string; video: VideoGrant };
      assert.equal(monitorClaims.sub, 'staff:usr-staff-nmi');
      assert.equal(monitorClaims.video.room, `lobby-${visit.id}`);
      assert.equal(monitorClaims.video.hidden, true);
      assert.equal(monitorClaims.video.canPublish, false);
      assert.equal(monitorClaims.video.canSubscribe, true);
      assert.equal(monitorClaims.video.canPublishData, false);
      assert.equal(
        (await t.call('GET', `/api/v1/visits/${visit.id}/call`, { token })).body.status,
        'checking',
      );

      const admitted = await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff });
      assert.equal(admitted.status, 200, admitted.text);
      assert.equal(admitted.body.status, 'admitted');
      const twice = await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, 'already-decided');

      const call = await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token });
      assert.equal(call.body.kind, 'call');
      const callClaims = decodeJwt(call.body.token) as { sub: string; exp: number; video: VideoGrant };
      assert.equal(callClaims.video.room, `visit-${visit.id}`);
      assert.equal(callClaims.video.canSubscribe, true);
      assert.equal(callClaims.video.canPublish, true);
      assert.equal(callClaims.video.canPublishData, false);
      assert.ok(!callClaims.video.roomAdmin);
      assert.deepEqual(callClaims.video.canPublishSources, ['camera', 'microphone']);
      const prisoner = await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token: kiosk });
      assert.equal(prisoner.status, 200, prisoner.text);
      assert.equal((decodeJwt(prisoner.body.token) as { sub: string }).sub, 'prisoner:prs-A1234BC');
      assert.equal(prisoner.body.identity, 'prisoner:prs-A1234BC');

      const [room] = await rooms.listRooms([`visit-${visit.id}`]);
      assert.ok(room, 'the call room exists');
      assert.equal(JSON.parse(room.metadata).endsAt, visit.call!.endsAt);

      const warned = await t.call('POST', `/api/v1/staff/visits/${visit.id}/warn`, {
        token: staff,
        body: { message: 'Please keep the camera on your face.' },
      });
      assert.equal(warned.status, 200, warned.text);
      const [after] = await rooms.listRooms([`visit-${visit.id}`]);
      assert.equal(JSON.parse(after!.metadata).warning.message, 'Please keep the camera on your face.');
    });

    test('deny with a reason: no call token, and the decision is final', async () => {
      const visit = await devVisit(60, 600);
      const token = await sam();
      await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token });
      const denied = await t.call('POST', `/api/v1/staff/visits/${visit.id}/deny`, {
        token: staff,
        body: { reason: 'identity-not-confirmed', note: 'Face not visible' },
      });
      assert.equal(denied.body.status, 'denied');
      assert.equal(denied.body.denyReason, 'identity-not-confirmed');
      assert.equal(
        (await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token })).body.code,
        'not-admitted',
      );
      assert.equal(
        (await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff })).body.code,
        'already-decided',
      );
      const bad = await t.call('POST', `/api/v1/staff/visits/${visit.id}/deny`, {
        token: staff,
        body: { reason: 'because' },
      });
      assert.equal(bad.status, 400);
    });

    test('the waiting room opens 15 minutes before the start', async () => {
      const visit = await devVisit(3600, 600);
      const token = await sam();
      const r = await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token });
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'outside-window');
      assert.equal(
        (await t.call('GET', `/api/v1/visits/${visit.id}/call`, { token })).body.status,
        'not-open',
      );
    });

    test('SSE: first event is the current state; knock, admit, warning and end arrive; heartbeats flow', async () => {
      const visit = await devVisit(1, 600);
      const token = await sam();
      const stream = await openStream(`${t.url}/api/v1/visits/${visit.id}/events`, token);
      const prison = await openStream(`${t.url}/api/v1/staff/events`, staff);
      try {
        assert.equal(stream.response.headers.get('content-type'), 'text/event-stream');
        const first = await stream.next(() => true);
        assert.equal(first.event, 'state');
        assert.equal(first.data.status, 'open');
        await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token });
        await stream.next((e) => e.event === 'state' && e.data.status === 'waiting');
        const knock = await prison.next((e) => e.event === 'knock' && e.data.visitId === visit.id);
        assert.equal(knock.data.who, 'visitor');
        const started = Date.now();
        await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff });
        await stream.next((e) => e.event === 'state' && e.data.status === 'admitted');
        assert.ok(Date.now() - started < 1000, 'admission arrives within a second');
        await t.call('POST', `/api/v1/staff/visits/${visit.id}/warn`, {
          token: staff,
          body: { message: 'Two minutes left' },
        });
        const warning = await stream.next((e) => e.event === 'warning');
        assert.equal(warning.data.message, 'Two minutes left');
        const ended = await t.call('POST', `/api/v1/staff/visits/${visit.id}/end`, {
          token: staff,
          body: { reason: 'behaviour', note: 'Abusive language' },
        });
        assert.equal(ended.body.status, 'ended');
        assert.equal(ended.body.endReason, 'ended-by-staff');
        const end = await stream.next((e) => e.event === 'ended');
        assert.equal(end.data.reason, 'ended-by-staff');
        assert.equal(end.data.note, 'Abusive language');
        await until(() => stream.comments >= 1, 3000);
        const again = await t.call('POST', `/api/v1/staff/visits/${visit.id}/end`, {
          token: staff,
          body: { reason: 'behaviour' },
        });
        assert.equal(again.body.code, 'call-ended');
        assert.deepEqual(await rooms.listRooms([`visit-${visit.id}`]), [], 'the room is deleted');
        assert.equal(
          (await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token })).body.code,
          'call-ended',
        );
      } finally {
        await stream.close();
        await prison.close();
      }
      const unauthenticated = await fetch(`${t.url}/api/v1/visits/${visit.id}/events`);
      assert.equal(unauthenticated.status, 401);
    });

    test('the server ends the call at endsAt by itself and deletes the room (real webhooks reach the endpoint)', async () => {
      const visit = await devVisit(0, 4);
      const token = await sam();
      await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token });
      await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff });
      assert.equal((await rooms.listRooms([`visit-${visit.id}`])).length, 1);
      // LiveKit itself reports the room we created to our webhook endpoint, signed with its key
      await until(
        async () =>
          (await t.server.ctx.store.db.selectFrom('webhook_events').select('id').execute()).length > 0,
        10_000,
      );
      const stream = await openStream(`${t.url}/api/v1/visits/${visit.id}/events`, token);
      try {
        const end = await stream.next((e) => e.event === 'ended', 10_000);
        assert.equal(end.data.reason, 'time-up');
        const endedAt = Date.now();
        assert.ok(endedAt >= Date.parse(visit.call!.endsAt), 'not before endsAt');
        assert.ok(endedAt - Date.parse(visit.call!.endsAt) < 2500, 'within a couple of seconds of endsAt');
      } finally {
        await stream.close();
      }
      await until(async () => (await rooms.listRooms([`visit-${visit.id}`])).length === 0, 5000);
      const state = await t.call('GET', `/api/v1/visits/${visit.id}/call`, { token });
      assert.equal(state.body.status, 'ended');
      assert.equal(state.body.endReason, 'time-up');
      const audits = await t.server.ctx.store.db
        .selectFrom('audit')
        .selectAll()
        .where('visit_id', '=', visit.id)
        .where('action', '=', 'call.ended')
        .execute();
      assert.equal(audits.length, 1);
    });

    const signed = async (body: object) => {
      const json = JSON.stringify(body);
      const at = new AccessToken(lk.apiKey, lk.apiSecret);
      at.sha256 = createHash('sha256').update(json).digest('base64');
      return { json, auth: await at.toJwt() };
    };
    const webhook = async (body: object, tamper = false) => {
      const { json, auth } = await signed(body);
      return fetch(`${t.url}/api/livekit/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/webhook+json', authorization: auth },
        body: tamper ? json.replace('visitor', 'prisoner') : json,
      });
    };

    test('lost-time credit: a disconnection extends endsAt (room metadata and SSE), up to the cap', async () => {
      const visit = await devVisit(0, 600);
      const token = await sam();
      await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token });
      await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff });
      const stream = await openStream(`${t.url}/api/v1/visits/${visit.id}/events`, token);
      const now = Math.floor(Date.now() / 1000);
      const room = { name: `visit-${visit.id}` };
      const participant = { identity: 'visitor:usr-sam' };
      try {
        assert.equal(
          (
            await webhook({
              event: 'participant_joined',
              id: `EV_${visit.id}_1`,
              createdAt: String(now - 30),
              room,
              participant,
            })
          ).status,
          200,
        );
        assert.equal(
          (await t.call('GET', `/api/v1/visits/${visit.id}/call`, { token })).body.status,
          'in-call',
        );
        await webhook({
          event: 'participant_left',
          id: `EV_${visit.id}_2`,
          createdAt: String(now - 20),
          room,
          participant,
        });
        const rejoin = await webhook({
          event: 'participant_joined',
          id: `EV_${visit.id}_3`,
          createdAt: String(now - 13),
          room,
          participant,
        });
        assert.deepEqual(await rejoin.json(), { credited: 7 });
        // a redelivered webhook is not counted twice
        const dup = await webhook({
          event: 'participant_joined',
          id: `EV_${visit.id}_3`,
          createdAt: String(now - 13),
          room,
          participant,
        });
        assert.deepEqual(await dup.json(), { duplicate: true });
        const state = await t.call('GET', `/api/v1/visits/${visit.id}/call`, { token });
        assert.equal(state.body.creditedSeconds, 7);
        assert.equal(Date.parse(state.body.endsAt) - Date.parse(visit.call!.endsAt), 7000);
        const [lkRoom] = await rooms.listRooms([room.name]);
        assert.equal(JSON.parse(lkRoom!.metadata).endsAt, state.body.endsAt);
        assert.equal(JSON.parse(lkRoom!.metadata).creditedSeconds, 7);
        await stream.next((e) => e.event === 'state' && e.data.creditedSeconds === 7);
        // a long outage is credited only up to the cap (1 minute here)
        await webhook({
          event: 'participant_left',
          id: `EV_${visit.id}_4`,
          createdAt: String(now - 10),
          room,
          participant: { identity: 'prisoner:prs-A1234BC' },
        });
        const back = await webhook({
          event: 'participant_joined',
          id: `EV_${visit.id}_5`,
          createdAt: String(now + 200),
          room,
          participant: { identity: 'prisoner:prs-A1234BC' },
        });
        assert.deepEqual(await back.json(), { credited: 53 });
        const capped = await t.call('GET', `/api/v1/visits/${visit.id}/call`, { token });
        assert.equal(capped.body.creditedSeconds, 60);
        const audit = await t.call('GET', `/api/v1/staff/audit?visitId=${visit.id}`, { token: staff });
        assert.equal(
          audit.body.filter((a: { action: string }) => a.action === 'call.time-credited').length,
          2,
        );
      } finally {
        await stream.close();
      }
      const forged = await webhook({ event: 'participant_joined', id: 'EV_forged', room, participant }, true);
      assert.equal(forged.status, 401);
      const unsigned = await fetch(`${t.url}/api/livekit/webhook`, { method: 'POST', body: '{}' });
      assert.equal(unsigned.status, 401);
    });

    test('lost-time credit: a connection that went silent is credited from when it was lost, not from when LiveKit noticed', async () => {
      const visit = await devVisit(0, 600);
      const token = await sam();
      await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token });
      await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff });
      const now = Math.floor(Date.now() / 1000);
      const room = { name: `visit-${visit.id}` };
      const event = (n: number, kind: string, at: number, participant: object) =>
        webhook({ event: kind, id: `EV_${visit.id}_${n}`, createdAt: String(at), room, participant });
      const family = { identity: 'visitor:usr-sam' };
      const silent = { ...family, disconnectReason: 'CONNECTION_TIMEOUT' };
      await event(1, 'participant_joined', now - 120, family);
      // the picture froze at now-60; LiveKit's timeouts removed the family 20 s later; back at now-30
      await event(2, 'participant_left', now - 40, silent);
      assert.deepEqual(await (await event(3, 'participant_joined', now - 30, family)).json(), {
        credited: 30,
      });
      // a leave the family chose is dated as it came (no detection delay to make up)
      await event(4, 'participant_left', now - 25, { ...family, disconnectReason: 'CLIENT_INITIATED' });
      assert.deepEqual(await (await event(5, 'participant_joined', now - 20, family)).json(), {
        credited: 5,
      });
      // never dated back before the session began
      await event(6, 'participant_left', now - 10, silent);
      assert.deepEqual(await (await event(7, 'participant_joined', now - 5, family)).json(), {
        credited: 15,
      });
      const state = await t.call('GET', `/api/v1/visits/${visit.id}/call`, { token });
      assert.equal(state.body.creditedSeconds, 50);
    });

    test('a token for a visit that has ended is refused', async () => {
      const visit = await devVisit(0, 2);
      const token = await sam();
      await t.call('POST', `/api/v1/visits/${visit.id}/call/knock`, { token });
      await t.call('POST', `/api/v1/staff/visits/${visit.id}/admit`, { token: staff });
      await sleep(2300);
      const r = await t.call('POST', `/api/v1/visits/${visit.id}/call/token`, { token });
      assert.equal(r.body.code, 'call-ended');
      assert.equal(
        (await t.call('POST', `/api/v1/staff/visits/${visit.id}/monitor-token`, { token: staff })).body.code,
        'call-ended',
      );
    });
  });
}
