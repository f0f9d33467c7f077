// CallLinkController on its own, with a minimal host (no element, no Lit rendering): the join sequence
// (token, server clock, connect), the one reconciled `endsAt` on the session's clock, the time warnings,
// lost-time credit and why a call ended. The backend is a fake route table behind a real VisitClient.
import { expect } from '@open-wc/testing';
import { VisitClient } from '../../src/api/client.js';
import type { CallStateDto } from '../../src/api/calls.js';
import { CallLinkController, type CallLinkOptions } from '../../src/elements/shared/call-link.js';
import { reconcileEndsAt, secondsLeft, timeLeftMs } from '../../src/elements/shared/call-time.js';
import { FakeCallSession } from '../../stories/call-fake-session.js';
import { ControllerHost } from '../support/controller-host.js';
import { fakeApi } from '../support/fake-api.js';

class Host extends ControllerHost {}

function state(overrides: Partial<CallStateDto> = {}): CallStateDto {
  const now = Date.now();
  return {
    visitId: 'v1',
    status: 'in-call',
    opensAt: new Date(now - 600_000).toISOString(),
    startsAt: new Date(now - 300_000).toISOString(),
    endsAt: new Date(now + 600_000).toISOString(),
    creditedSeconds: 0,
    prisonerReady: true,
    warnings: [],
    ...overrides,
  } as CallStateDto;
}

/** A LiveKit-like JWT whose only claim that matters here is `nbf` (the backend's clock when it minted it). */
function tokenIssuedAt(ms: number): string {
  const part = btoa(JSON.stringify({ nbf: Math.floor(ms / 1000) }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `e30.${part}.sig`;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function make(host: Host, options: Partial<CallLinkOptions> = {}) {
  return new CallLinkController(host, { visitId: () => 'v1', followEvents: () => false, ...options });
}

describe('call-time (the one place endsAt is reconciled)', () => {
  it('takes the later of the session and the backend, else the booked end', () => {
    const booked = '2026-12-01T14:30:00.000Z';
    const later = Date.parse('2026-12-01T14:31:00.000Z');
    expect(reconcileEndsAt({ booked })).to.equal(Date.parse(booked));
    expect(reconcileEndsAt({ session: later, backend: [booked], booked })).to.equal(later);
    expect(reconcileEndsAt({ session: Date.parse(booked), backend: ['2026-12-01T14:32:00.000Z'] })).to.equal(
      Date.parse('2026-12-01T14:32:00.000Z'),
    );
    // backend values in order of authority: the first readable one is used
    expect(reconcileEndsAt({ backend: [undefined, 'not a date', booked] })).to.equal(Date.parse(booked));
    expect(reconcileEndsAt({})).to.equal(undefined);
  });

  it('counts time left on the given clock, never below zero', () => {
    const clock = { now: () => 1_000_000 };
    expect(timeLeftMs(1_065_000, clock)).to.equal(65_000);
    expect(timeLeftMs(900_000, clock)).to.equal(0);
    expect(timeLeftMs(undefined, clock)).to.equal(undefined);
    expect(secondsLeft(1_065_400, clock)).to.equal(65);
    expect(secondsLeft(undefined, clock)).to.equal(0);
  });
});

describe('CallLinkController', () => {
  it('joins: asks for the token, records the server clock from it, connects with its endsAt', async () => {
    const endsAt = new Date(Date.now() + 20 * 60_000).toISOString();
    const serverNow = Date.now() + 5 * 60_000; // the backend's clock is five minutes ahead of this device
    const api = fakeApi({
      'POST /visits/{visitId}/call/token': () => ({
        url: 'ws://127.0.0.1:7880',
        token: tokenIssuedAt(serverNow),
        room: 'visit-v1',
        kind: 'call',
        identity: 'visitor:sam',
        endsAt,
      }),
    });
    const host = new Host();
    host.activeClient = new VisitClient({
      baseUrl: 'http://api.test',
      fetch: api.fetch,
      session: { token: 't' },
    });
    const session = new FakeCallSession();
    const observed: number[] = [];
    let offset = 0;
    Object.defineProperty(session, 'clock', {
      value: {
        now: () => Date.now() + offset,
        observe: (serverMs: number) => {
          observed.push(serverMs);
          offset = serverMs - Date.now();
        },
      },
    });
    const link = make(host, { makeSession: () => session });
    host.connect();
    await link.join({ microphone: true, camera: false });
    await flush();
    expect(api.callsTo('POST /visits/{visitId}/call/token')).to.have.length(1);
    expect(observed).to.deep.equal([Math.floor(serverNow / 1000) * 1000]);
    const connect = session.calls.find(([name]) => name === 'connect')![1] as Record<string, unknown>;
    expect(connect).to.include({ url: 'ws://127.0.0.1:7880', endsAt, microphone: true, camera: false });
    expect(host.events.map((event) => event.type)).to.include.members([
      'visit-connection-changed',
      'visit-joined',
    ]);
    // the countdown runs on the session's server clock: five minutes ahead, so about 15 minutes are left
    session.update({ endsAt: Date.parse(endsAt) });
    await flush();
    const left = link.timeLeftMs()!;
    expect(left).to.be.within(14 * 60_000, 15 * 60_000 + 2_000);
    host.disconnect();
  });

  it('keeps one endsAt: the later of room metadata and the backend state (credit moves it)', async () => {
    const host = new Host();
    const now = Date.now();
    const session = new FakeCallSession({ endsAt: now + 10 * 60_000 });
    const link = make(host);
    link.setSession(session);
    host.connect();
    expect(link.endsAt).to.equal(now + 10 * 60_000);
    link.setHostState(
      state({ endsAt: new Date(now + 10 * 60_000 + 25_000).toISOString(), creditedSeconds: 25 }),
    );
    expect(link.endsAt).to.equal(now + 10 * 60_000 + 25_000);
    session.update({ endsAt: now + 11 * 60_000 });
    await flush();
    expect(link.endsAt).to.equal(now + 11 * 60_000);
    host.disconnect();
  });

  it('warns once at 5 and at 1 minute left, and again after credit moves the end back', async () => {
    const host = new Host();
    const session = new FakeCallSession({ endsAt: Date.now() + 4 * 60_000 + 50_000 });
    const link = make(host);
    link.setSession(session);
    host.connect();
    link.tick();
    link.tick();
    const warnings = () => host.events.filter((event) => event.type === 'visit-time-warning');
    expect(warnings()).to.have.length(1);
    expect((warnings()[0] as Event & { minutesLeft: number }).minutesLeft).to.equal(5);
    expect(host.announced).to.include('call.minutesLeft {"count":5}');
    session.update({ endsAt: Date.now() + 7 * 60_000 }); // credit: above 5 minutes again
    await flush();
    session.update({ endsAt: Date.now() + 4 * 60_000 });
    await flush();
    expect(warnings()).to.have.length(2);
    session.update({ endsAt: Date.now() + 50_000 });
    await flush();
    expect(warnings()).to.have.length(3);
    expect(host.announced).to.include('call.minutesLeft {"count":1}');
    host.disconnect();
  });

  it('shows what lost-time credit added since it started following', async () => {
    const host = new Host();
    const link = make(host);
    host.connect();
    link.setHostState(state({ creditedSeconds: 60 }));
    expect(link.creditNotice).to.equal(undefined); // the baseline: already credited before
    link.setHostState(state({ creditedSeconds: 85 }));
    expect(link.creditNotice?.seconds).to.equal(25);
    expect(link.visibleCredit?.seconds).to.equal(25);
    expect(host.announced.at(-1)).to.contain('call.credited');
    host.disconnect();
  });

  it('asks the backend why the server removed this side, and shows that end', async () => {
    const api = fakeApi({
      'GET /visits/{visitId}/call': () =>
        state({
          status: 'ended',
          endReason: 'ended-by-staff',
          staffReason: 'behaviour',
          creditedSeconds: 30,
        }),
    });
    const host = new Host();
    host.activeClient = new VisitClient({
      baseUrl: 'http://api.test',
      fetch: api.fetch,
      session: { token: 't' },
    });
    const session = new FakeCallSession({
      connection: { phase: 'connected', reconnectCount: 0, reconnectingMs: 0 },
    });
    const ends: unknown[] = [];
    const link = make(host, { onEnd: (info) => ends.push(info) });
    link.setSession(session);
    host.connect();
    session.update({
      connection: {
        phase: 'disconnected',
        reason: 'removed-by-server',
        reconnectCount: 0,
        reconnectingMs: 0,
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(link.end).to.deep.include({
      reason: 'ended-by-staff',
      staffReason: 'behaviour',
      canRejoin: false,
    });
    expect(ends).to.have.length(1);
    expect(host.events.filter((event) => event.type === 'visit-ended')).to.have.length(1);
    host.disconnect();
  });

  it('a newer staff warning replaces the last and shows again after a dismissal', () => {
    const host = new Host();
    const link = make(host);
    link.noteWarning({ message: 'Please sit down', at: '2026-12-01T14:05:00.000Z' });
    link.dismissWarning();
    expect(link.visibleWarning).to.equal(undefined);
    link.noteWarning({ message: 'Please sit down', at: '2026-12-01T14:05:00.000Z' });
    expect(link.visibleWarning).to.equal(undefined);
    link.noteWarning({ message: 'Last warning', at: '2026-12-01T14:07:00.000Z' });
    expect(link.visibleWarning?.message).to.equal('Last warning');
    link.noteWarning({ message: 'older', at: '2026-12-01T14:06:00.000Z' });
    expect(link.visibleWarning?.message).to.equal('Last warning');
  });
});
