// CallSession state mapping, driven through a fake Room (no server): reasons, participants, metadata,
// pending flags, device errors, reconnection accounting and the automatic data-saver fallback.
import { expect } from '@open-wc/testing';
import {
  ConnectionError,
  ConnectionQuality,
  ConnectionState,
  DisconnectReason,
  RoomEvent,
  Track,
  VideoQuality,
} from 'livekit-client';
import { CallSession, CallSessionError, type CallState } from '../../src/media/index.js';
import { FakeParticipant, FakePublication, FakeRoom, fakeRooms } from './fake-room.js';
import { sleep } from './helpers.js';

const connectOptions = { url: 'ws://fake', token: 'fake' };
const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));

function remote(identity: string, attributes: Record<string, string>, name?: string) {
  const participant = new FakeParticipant(identity, name, attributes);
  participant.publish(new FakePublication(`${identity}-v`, Track.Kind.Video, Track.Source.Camera));
  participant.publish(new FakePublication(`${identity}-a`, Track.Kind.Audio, Track.Source.Microphone));
  return participant;
}

describe('CallSession state (fake Room)', () => {
  it('starts idle, notifies in batches, and keeps one snapshot object until something changes', async () => {
    const factory = fakeRooms();
    const session = new CallSession({ createRoom: factory.createRoom });
    const first = session.getState();
    expect(first.connection.phase).to.equal('idle');
    expect(first.remoteParticipants).to.deep.equal([]);
    expect(session.getState()).to.equal(first);
    expect(Object.isFrozen(first)).to.equal(true);
    expect(Object.isFrozen(first.connection)).to.equal(true);

    const seen: CallState[] = [];
    session.subscribe((state) => seen.push(state));
    expect(seen, 'subscribe does not call at once').to.have.length(0);
    const connecting = session.connect(connectOptions);
    expect(session.getState().connection.phase).to.equal('connecting');
    await connecting;
    await tick();
    const state = session.getState();
    expect(state.connection.phase).to.equal('connected');
    expect(state.microphone).to.include({ enabled: true, wanted: true, pending: false });
    expect(state.camera).to.include({ enabled: true, wanted: true, pending: false });
    expect(state.room).to.equal('visit-1');
    expect(state.identity).to.equal('visitor:me');
    expect(seen.at(-1)).to.equal(state);
    // many room events in one tick → one notification
    const before = seen.length;
    for (let i = 0; i < 5; i += 1) factory.last.emit(RoomEvent.ActiveSpeakersChanged, []);
    await tick();
    expect(seen.length - before).to.equal(1);
  });

  it('builds its Room ahead of connect(), and builds it again for a device chosen before connecting', async () => {
    const factory = fakeRooms();
    const session = new CallSession({ createRoom: factory.createRoom });
    expect(factory.rooms, 'built with the session').to.have.length(1);
    const ahead = factory.last;
    await session.switchDevice('videoinput', 'camera-2');
    await session.connect(connectOptions);
    expect(factory.rooms, 'the choice changed the Room’s capture defaults').to.have.length(2);
    expect(ahead.disconnectCalls, 'the Room built ahead is let go').to.equal(1);
    expect(session.getState().connection.phase, 'its events are no longer ours').to.equal('connected');
    const options = factory.last.options as { videoCaptureDefaults?: { deviceId?: string } };
    expect(options.videoCaptureDefaults?.deviceId).to.equal('camera-2');

    const unchanged = fakeRooms();
    const again = new CallSession({ createRoom: unchanged.createRoom });
    await again.connect(connectOptions);
    expect(unchanged.rooms, 'no change: the Room built ahead is the one connected').to.have.length(1);
  });

  it('lists remote participants with role and name from attributes, and never a hidden one', async () => {
    const factory = fakeRooms();
    const session = new CallSession({ createRoom: factory.createRoom });
    await session.connect(connectOptions);
    const room = factory.last;
    room.join(remote('prisoner:1', { role: 'prisoner', name: 'Alex Brown' }));
    room.join(remote('visitor:2', { role: 'chef' }, 'Lk Name'));
    room.join(remote('visitor:3', {}));
    const staff = remote('staff:9', { role: 'staff', name: 'Officer' });
    staff.permissions = { hidden: true };
    room.join(staff);
    await tick();
    const people = session.getState().remoteParticipants;
    expect(people.map((p) => [p.identity, p.role, p.name])).to.deep.equal([
      ['prisoner:1', 'prisoner', 'Alex Brown'],
      ['visitor:2', 'unknown', 'Lk Name'],
      ['visitor:3', 'unknown', 'visitor:3'],
    ]);
    expect(people[0]).to.include({ cameraOn: true, microphoneOn: true, quality: 'good', speaking: false });
  });

  it('follows remote mute, quality and speaking changes', async () => {
    const factory = fakeRooms();
    const session = new CallSession({ createRoom: factory.createRoom });
    await session.connect(connectOptions);
    const alex = factory.last.join(remote('prisoner:1', { role: 'prisoner', name: 'Alex' }));
    const mic = alex.getTrackPublication(Track.Source.Microphone)!;
    mic.isMuted = true;
    alex.connectionQuality = ConnectionQuality.Poor;
    alex.isSpeaking = true;
    factory.last.emit(RoomEvent.TrackMuted, mic, alex);
    await tick();
    const [person] = session.getState().remoteParticipants;
    expect(person).to.include({ microphoneOn: false, cameraOn: true, quality: 'poor', speaking: true });
    expect(person?.tracks.find((t) => t.source === 'microphone')?.muted).to.equal(true);
  });

  for (const [lkReason, ours] of [
    [DisconnectReason.PARTICIPANT_REMOVED, 'removed-by-server'],
    [DisconnectReason.ROOM_DELETED, 'removed-by-server'],
    [DisconnectReason.DUPLICATE_IDENTITY, 'duplicate-identity'],
    [DisconnectReason.SIGNAL_CLOSE, 'connection-lost'],
    [DisconnectReason.JOIN_FAILURE, 'connection-lost'],
    [undefined, 'connection-lost'],
  ] as const) {
    it(`maps a server disconnect ${lkReason === undefined ? '(no reason)' : DisconnectReason[lkReason]} to ${ours}`, async () => {
      const factory = fakeRooms();
      const session = new CallSession({ createRoom: factory.createRoom });
      await session.connect(connectOptions);
      factory.last.join(remote('prisoner:1', { role: 'prisoner' }));
      factory.last.emit(RoomEvent.Disconnected, lkReason);
      const state = session.getState();
      expect(state.connection).to.include({ phase: 'disconnected', reason: ours });
      expect(state.remoteParticipants).to.have.length(0);
      expect(state.microphone.enabled).to.equal(false);
    });
  }

  it('disconnect() is reason left, whatever LiveKit says', async () => {
    const factory = fakeRooms();
    const session = new CallSession({ createRoom: factory.createRoom });
    await session.connect(connectOptions);
    await session.disconnect();
    expect(session.getState().connection).to.include({ phase: 'disconnected', reason: 'left' });
    await session.disconnect(); // harmless twice
  });

  it('maps connect errors: refused token, leave request, other', async () => {
    const cases: [unknown, string][] = [
      [ConnectionError.notAllowed('no', 401), 'token-invalid'],
      [ConnectionError.leaveRequest('dup', DisconnectReason.DUPLICATE_IDENTITY), 'duplicate-identity'],
      [ConnectionError.serverUnreachable('down'), 'connection-lost'],
      [new Error('boom'), 'connection-lost'],
    ];
    for (const [error, reason] of cases) {
      const again = new CallSession({
        createRoom: (options) => {
          const room = new FakeRoom(options);
          room.connectError = error;
          return room.asRoom();
        },
      });
      const caught = await again.connect(connectOptions).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(caught).to.be.instanceOf(CallSessionError);
      expect((caught as CallSessionError).reason).to.equal(reason);
      expect(again.getState().connection).to.include({ phase: 'disconnected', reason });
    }
  });

  it('counts reconnections and the time spent in them', async () => {
    const factory = fakeRooms();
    const session = new CallSession({ createRoom: factory.createRoom });
    await session.connect(connectOptions);
    const room = factory.last;
    room.setState(ConnectionState.SignalReconnecting);
    expect(session.getState().connection).to.include({ phase: 'reconnecting', reconnectCount: 1 });
    expect(session.getState().connection.reconnectingSince).to.be.a('number');
    room.setState(ConnectionState.Reconnecting); // escalation is the same outage, not a second one
    await sleep(60);
    expect(session.getState().connection.reconnectingMs, 'only finished outages count').to.equal(0);
    room.setState(ConnectionState.Connected);
    let connection = session.getState().connection;
    expect(connection).to.include({ phase: 'connected', reconnectCount: 1 });
    expect(connection.reconnectingSince).to.equal(undefined);
    const spent = connection.reconnectingMs;
    expect(spent).to.be.at.least(50);
    room.setState(ConnectionState.Reconnecting);
    await sleep(20);
    room.emit(RoomEvent.Disconnected, DisconnectReason.SIGNAL_CLOSE);
    connection = session.getState().connection;
    expect(connection).to.include({ phase: 'disconnected', reason: 'connection-lost', reconnectCount: 2 });
    expect(connection.reconnectingMs).to.be.at.least(spent + 15);
  });

  it('reads endsAt, credit and warning from metadata; ignores malformed metadata', async () => {
    const factory = fakeRooms();
    const session = new CallSession({ createRoom: factory.createRoom });
    await session.connect({ ...connectOptions, endsAt: '2030-01-01T10:30:00.000Z' });
    expect(session.getState().endsAt, 'endsAt from the token answer first').to.equal(
      Date.parse('2030-01-01T10:30:00Z'),
    );
    const room = factory.last;
    room.emit(
      RoomEvent.RoomMetadataChanged,
      JSON.stringify({ endsAt: '2030-01-01T10:31:00Z', creditedSeconds: 0 }),
    );
    expect(session.getState()).to.include({ endsAt: Date.parse('2030-01-01T10:31:00Z'), creditedSeconds: 0 });
    room.emit(RoomEvent.RoomMetadataChanged, '{not json');
    expect(session.getState().endsAt).to.equal(Date.parse('2030-01-01T10:31:00Z'));
    room.emit(
      RoomEvent.RoomMetadataChanged,
      JSON.stringify({
        endsAt: '2030-01-01T10:34:00Z',
        creditedSeconds: 180,
        warning: { message: 'Stay in view', at: '2030-01-01T10:20:00Z' },
      }),
    );
    const state = session.getState();
    expect(state.creditedSeconds).to.equal(180);
    expect(state.lastCredit?.seconds).to.equal(180);
    expect(state.warning).to.deep.equal({ message: 'Stay in view', at: '2030-01-01T10:20:00.000Z' });
  });

  it('reports audio blocked by the browser until startAudio()', async () => {
    const factory = fakeRooms();
    const session = new CallSession({ createRoom: factory.createRoom });
    await session.connect(connectOptions);
    const room = factory.last;
    room.canPlaybackAudio = false;
    room.emit(RoomEvent.AudioPlaybackStatusChanged, false);
    expect(session.getState().audioPlaybackBlocked).to.equal(true);
    await session.startAudio();
    expect(room.startAudioCalls).to.equal(1);
    expect(session.getState().audioPlaybackBlocked).to.equal(false);
  });

  it('shows pending while the microphone toggles, and maps a permission error', async () => {
    const factory = fakeRooms();
    const session = new CallSession({ createRoom: factory.createRoom });
    await session.connect(connectOptions);
    const local = factory.last.localParticipant;
    let open!: () => void;
    local.gate = new Promise((resolve) => (open = resolve));
    const toggling = session.setMicrophoneEnabled(false);
    expect(session.getState().microphone).to.include({ pending: true, wanted: false, enabled: true });
    open();
    await toggling;
    expect(session.getState().microphone).to.include({ pending: false, wanted: false, enabled: false });

    local.gate = undefined;
    local.failNext.microphone = new DOMException('Permission denied', 'NotAllowedError');
    await session.setMicrophoneEnabled(true);
    expect(session.getState().microphone).to.include({
      enabled: false,
      wanted: false,
      error: 'permission-denied',
    });
    local.failNext.camera = new DOMException('Could not start video source', 'NotReadableError');
    await session.setCameraEnabled(false);
    await session.setCameraEnabled(true);
    expect(session.getState().camera).to.include({ enabled: false, error: 'in-use' });
  });

  it('records microphone and camera wishes before connecting and applies them on connect', async () => {
    const factory = fakeRooms();
    const session = new CallSession({ createRoom: factory.createRoom });
    await session.setCameraEnabled(false);
    expect(session.getState().camera).to.include({ wanted: false, pending: false });
    await session.connect(connectOptions);
    expect(factory.last.localParticipant.calls).to.deep.equal(['mic(true)']);
    expect(session.getState().camera.enabled).to.equal(false);
  });
});

describe('CallSession data saver (fake Room)', () => {
  async function connected(options: ConstructorParameters<typeof CallSession>[0] = {}) {
    const factory = fakeRooms();
    const session = new CallSession({ ...options, createRoom: factory.createRoom });
    await session.connect(connectOptions);
    const alex = factory.last.join(remote('prisoner:1', { role: 'prisoner' }));
    factory.last.emit(
      RoomEvent.TrackSubscribed,
      alex.getTrackPublication(Track.Source.Camera)!.track,
      alex.getTrackPublication(Track.Source.Camera),
      alex,
    );
    return { session, room: factory.last, video: alex.getTrackPublication(Track.Source.Camera)! };
  }
  const setLocalQuality = (room: ReturnType<typeof fakeRooms>['last'], quality: ConnectionQuality) => {
    room.localParticipant.connectionQuality = quality;
    room.emit(RoomEvent.ConnectionQualityChanged, quality, room.localParticipant);
  };

  it('low-video republishes the camera small and asks for the low layer; audio-only pauses video both ways', async () => {
    const { session, room, video } = await connected({ autoFallback: false });
    const calls = room.localParticipant.calls;
    expect(calls.at(-1)).to.equal('camera(true, 640, simulcast=true)');
    expect(video.quality).to.equal(VideoQuality.HIGH);

    await session.setDataSaverMode('low-video');
    expect(calls.slice(-2)).to.deep.equal(['unpublish(camera)', 'camera(true, 320, simulcast=false)']);
    expect(video.quality).to.equal(VideoQuality.LOW);
    expect(session.getState().dataSaver).to.include({
      mode: 'low-video',
      chosen: 'low-video',
      automatic: false,
    });

    await session.setDataSaverMode('audio-only');
    expect(calls.at(-1)).to.equal('camera(false)');
    expect(video.isEnabled).to.equal(false);
    const state = session.getState();
    expect(state.camera).to.include({ enabled: false, wanted: true, heldByDataSaver: true });
    expect(state.remoteParticipants[0]?.cameraOn, 'remote video paused').to.equal(false);

    await session.setDataSaverMode('normal');
    expect(calls.slice(-2)).to.deep.equal(['unpublish(camera)', 'camera(true, 640, simulcast=true)']);
    expect(video.isEnabled).to.equal(true);
    expect(video.quality).to.equal(VideoQuality.HIGH);
    expect(session.getState().camera).to.include({ enabled: true, heldByDataSaver: false });
  });

  it('steps down under a poor connection with a notice, offers to restore when it is good again', async () => {
    const { session, room, video } = await connected({
      autoFallback: { downgradeAfterMs: 40, restoreHintAfterMs: 40 },
    });
    setLocalQuality(room, ConnectionQuality.Poor);
    await sleep(20);
    expect(session.getState().dataSaver.mode, 'not at the first poor report').to.equal('normal');
    await sleep(50);
    let saver = session.getState().dataSaver;
    expect(saver).to.include({ mode: 'low-video', chosen: 'normal', automatic: true, canRestore: false });
    expect(saver.notice).to.include({ from: 'normal', to: 'low-video' });
    expect(video.quality).to.equal(VideoQuality.LOW);

    await sleep(70); // still poor: one more step
    saver = session.getState().dataSaver;
    expect(saver).to.include({ mode: 'audio-only', automatic: true });
    expect(saver.notice).to.include({ from: 'low-video', to: 'audio-only' });
    await sleep(60);
    expect(session.getState().dataSaver.mode, 'nothing below audio-only').to.equal('audio-only');

    setLocalQuality(room, ConnectionQuality.Excellent);
    expect(session.getState().dataSaver.canRestore).to.equal(false);
    await sleep(60);
    expect(session.getState().dataSaver.canRestore).to.equal(true);

    session.dismissDataSaverNotice();
    expect(session.getState().dataSaver.notice).to.equal(undefined);
    await session.restoreDataSaver();
    saver = session.getState().dataSaver;
    expect(saver).to.include({ mode: 'normal', automatic: false, canRestore: false });
    expect(video.isEnabled).to.equal(true);
  });

  it('a brief poor report that recovers does not step down; autoFallback false never does', async () => {
    const { session, room } = await connected({ autoFallback: { downgradeAfterMs: 60 } });
    setLocalQuality(room, ConnectionQuality.Poor);
    await sleep(20);
    setLocalQuality(room, ConnectionQuality.Good);
    await sleep(80);
    expect(session.getState().dataSaver.mode).to.equal('normal');

    const off = await connected({ autoFallback: false });
    setLocalQuality(off.room, ConnectionQuality.Lost);
    await sleep(50);
    expect(off.session.getState().dataSaver.mode).to.equal('normal');
  });
});
