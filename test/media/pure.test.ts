// The DOM-free parts of the media layer: error causes, metadata parsing, server clock, data-use estimates,
// the reconnection policy.
import { expect } from '@open-wc/testing';
import {
  createServerClock,
  estimateDataUse,
  estimateDataUseByMode,
  mediaErrorCause,
  parseRoomMetadata,
  timeLeftMs,
  tokenIssuedAt,
} from '../../src/media/index.js';
import { displayName, roleOf } from '../../src/media/metadata.js';
import { visitRetryDelay } from '../../src/media/session.js';

describe('mediaErrorCause', () => {
  const cases: [string, string, string][] = [
    ['NotAllowedError', 'Permission denied', 'permission-denied'],
    ['NotAllowedError', 'Permission denied by system', 'system-denied'],
    ['PermissionDeniedError', '', 'permission-denied'],
    ['NotFoundError', 'Requested device not found', 'no-device'],
    ['NotReadableError', 'Could not start video source', 'in-use'],
    ['TrackStartError', '', 'in-use'],
    ['AbortError', 'Timeout starting video source', 'in-use'],
    ['OverconstrainedError', '', 'device-not-found'],
    ['SecurityError', '', 'permission-denied'], // test pages are a secure context (localhost)
    ['TypeError', '', 'unsupported'],
    ['SomethingElse', '', 'unknown'],
  ];
  for (const [name, message, cause] of cases) {
    it(`${name}${message ? ` (“${message}”)` : ''} → ${cause}`, () => {
      expect(mediaErrorCause(new DOMException(message, name))).to.equal(cause);
    });
  }
  it('handles non-errors', () => {
    expect(mediaErrorCause(undefined)).to.equal('unknown');
    expect(mediaErrorCause('NotAllowedError')).to.equal('unknown');
  });
  it('maps a real OverconstrainedError from Chromium', async () => {
    const error = await navigator.mediaDevices
      .getUserMedia({ video: { deviceId: { exact: 'no-such-camera' } } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(mediaErrorCause(error)).to.equal('device-not-found');
  });
});

describe('parseRoomMetadata', () => {
  it('reads the contract fields', () => {
    expect(
      parseRoomMetadata(
        JSON.stringify({
          endsAt: '2026-12-01T14:30:00.000Z',
          creditedSeconds: 120,
          warning: { message: 'Five minutes left', at: '2026-12-01T14:25:00Z' },
        }),
      ),
    ).to.deep.equal({
      endsAt: Date.parse('2026-12-01T14:30:00Z'),
      creditedSeconds: 120,
      warning: { message: 'Five minutes left', at: '2026-12-01T14:25:00.000Z' },
    });
  });
  it('drops malformed fields and tolerates unknown ones', () => {
    expect(
      parseRoomMetadata(JSON.stringify({ endsAt: 'soon', creditedSeconds: -5, warning: 3, extra: true })),
    ).to.deep.equal({});
    expect(parseRoomMetadata('')).to.equal(undefined);
    expect(parseRoomMetadata('not json')).to.equal(undefined);
    expect(parseRoomMetadata('null')).to.equal(undefined);
    expect(parseRoomMetadata('{"endsAt": 1800000000000}')).to.deep.equal({ endsAt: 1800000000000 });
  });
  it('roles and names from attributes', () => {
    expect(roleOf({ role: 'prisoner' })).to.equal('prisoner');
    expect(roleOf({ role: 'admin' })).to.equal('unknown');
    expect(roleOf(undefined)).to.equal('unknown');
    expect(displayName({ name: '  Sam ' }, 'x', 'id')).to.equal('Sam');
    expect(displayName({}, '', 'visitor:1')).to.equal('visitor:1');
  });
});

describe('server clock', () => {
  it('ignores small offsets and corrects large ones', () => {
    let local = 1_000_000;
    const clock = createServerClock(() => local);
    expect(clock.now()).to.equal(local);
    clock.observe(local + 1_000, local - 100, local + 100); // 1 s: within tolerance
    expect(clock.offsetMs).to.equal(0);
    const other = createServerClock(() => local);
    // the server says 5 minutes later than us, seconds precision, 200 ms round trip
    other.observe(local + 300_000, local - 200, local, 1000);
    expect(other.offsetMs).to.be.within(300_000, 300_600);
    local += 10_000;
    expect(other.now() - local).to.equal(other.offsetMs);
    // a looser reference does not replace a tighter one
    other.observe(local - 600_000, local - 5_000, local, 1000);
    expect(other.offsetMs).to.be.within(300_000, 300_600);
  });
  it('reads nbf from a token and computes time left against the server clock', () => {
    const payload = btoa(JSON.stringify({ nbf: 1_800_000_000, exp: 1_800_000_600, sub: 'visitor:1' }))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    expect(tokenIssuedAt(`eyJhbGciOiJIUzI1NiJ9.${payload}.sig`)).to.equal(1_800_000_000_000);
    expect(tokenIssuedAt('garbage')).to.equal(undefined);
    const clock = createServerClock(() => 1_000);
    clock.observe(61_000, 1_000, 1_000); // server is 60 s ahead
    expect(timeLeftMs(121_000, clock)).to.equal(60_000);
    expect(timeLeftMs(10_000, clock)).to.equal(0);
    expect(timeLeftMs(undefined, clock)).to.equal(undefined);
  });
});

describe('data-use estimates', () => {
  it('scales with the visit length and orders the modes', () => {
    const half = estimateDataUseByMode(30 * 60);
    expect(half.normal.megabytes).to.be.greaterThan(half['low-video'].megabytes);
    expect(half['low-video'].megabytes).to.be.greaterThan(half['audio-only'].megabytes);
    // far below the ~500 MB per 30 minutes families complain about
    expect(half.normal.megabytes).to.be.below(250);
    expect(half['audio-only'].megabytes).to.be.below(30);
    expect(estimateDataUse('normal', 60 * 60).megabytes).to.be.within(
      2 * half.normal.megabytes - 1,
      2 * half.normal.megabytes + 1,
    );
    expect(estimateDataUse('audio-only', 0).megabytes).to.equal(0);
  });
});

describe('visit reconnection policy', () => {
  const now = 1_800_000_000_000;
  it('retries at once, then at most a second apart', () => {
    expect(visitRetryDelay({ retryCount: 0 }, now, now)).to.equal(0);
    for (let retryCount = 1; retryCount < 40; retryCount++) {
      const delay = visitRetryDelay({ retryCount }, now - 30_000, now)!;
      expect(delay).to.be.within(200, 1200);
    }
  });
  it('gives up two minutes after the reconnection began', () => {
    expect(visitRetryDelay({ retryCount: 5 }, now - 119_000, now)).to.be.a('number');
    expect(visitRetryDelay({ retryCount: 5 }, now - 121_000, now)).to.equal(null);
  });
  it('keeps trying when the start was never seen (livekit-client’s online-event path), within a bound', () => {
    // livekit-client then reports elapsedMs from 1970; the policy does not read it
    expect(visitRetryDelay({ retryCount: 1 }, undefined, now)).to.be.a('number');
    expect(visitRetryDelay({ retryCount: 121 }, undefined, now)).to.equal(null);
  });
});
