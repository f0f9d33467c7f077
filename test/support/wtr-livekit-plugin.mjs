// web-test-runner plugin: `executeServerCommand('livekit-token', { room, identity, grant, name?, attributes? })`
// starts a real LiveKit server on first use and answers { url, token }; `livekit-room` acts on rooms through
// the server API (metadata, removal, deletion). The server is stopped when the runner stops. Two more commands
// drive the page through the DevTools protocol: `network-offline` and `forced-colors`.
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { startLivekit } from '../../scripts/livekit.mjs';

export function livekitPlugin() {
  /** @type {Promise<Awaited<ReturnType<typeof startLivekit>>> | undefined} */
  let livekit;
  // a start that failed is not kept: the next test tries again instead of failing the same way
  const server = () =>
    (livekit ??= startLivekit().catch((error) => {
      livekit = undefined;
      throw error;
    }));
  return {
    name: 'visit-kit-livekit',
    async executeCommand({ command, payload, session }) {
      if (command === 'network-offline') return networkOffline(session, payload);
      if (command === 'forced-colors') return forcedColors(session, payload);
      if (command === 'livekit-room') {
        return roomCommand(await server(), payload);
      }
      if (command !== 'livekit-token') return undefined;
      const { apiKey, apiSecret, url } = await server();
      const { room, identity, grant = {}, name, attributes } = payload;
      const token = new AccessToken(apiKey, apiSecret, {
        identity,
        ttl: 600,
        name,
        attributes,
      });
      token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true, ...grant });
      return { url, token: await token.toJwt() };
    },
    async serverStop() {
      if (livekit) await (await livekit).stop();
    },
  };
}

/**
 * `executeServerCommand('livekit-room', { action, room, identity?, metadata? })` acts on a room through
 * LiveKit's server API, as the backend does: `update-metadata` (room metadata string), `remove-participant`,
 * `delete-room`, `list-participants` (answers identities). Answers `{ ok: true, ... }`.
 * @param {{ httpUrl: string, apiKey: string, apiSecret: string }} server
 * @param {{ action: string, room: string, identity?: string, metadata?: string }} payload
 */
async function roomCommand(server, payload) {
  const client = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const { action, room, identity, metadata } = payload;
  switch (action) {
    case 'update-metadata':
      await client.updateRoomMetadata(room, metadata ?? '');
      return { ok: true };
    case 'remove-participant':
      await client.removeParticipant(room, identity ?? '');
      return { ok: true };
    case 'delete-room':
      await client.deleteRoom(room);
      return { ok: true };
    case 'list-participants': {
      const participants = await client.listParticipants(room);
      return { ok: true, identities: participants.map((p) => p.identity) };
    }
    default:
      throw new Error(`livekit-room: unknown action ${action}`);
  }
}

/**
 * `executeServerCommand('network-offline', { forMs })` cuts the test page's whole network for `forMs` (like a
 * phone losing signal) through the DevTools protocol (`Network.emulateNetworkConditions`), then restores it.
 * It answers at once and cuts 100 ms later: the runner's own connection to the page is cut too, so the
 * restore cannot be a second command. Chromium launcher only.
 * Measured limits (Chromium 14x, LiveKit 1.13): WebRTC media keeps flowing during the "outage" and open
 * WebSockets are not closed until the network comes back, when LiveKit's signalling connection resets and
 * the client reconnects. So this provokes a real reconnection, but not a media outage; for that, cut the
 * LiveKit ports at the network level (netns / firewall).
 * @param {any} session
 * @param {{ forMs: number }} payload
 */
async function networkOffline(session, payload) {
  const page = session.browser.getPage?.(session.id);
  if (!page) throw new Error('network-offline needs the Chrome launcher');
  const forMs = Math.min(Math.max(Number(payload?.forMs) || 0, 0), 30_000);
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  const conditions = (offline) => ({ offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  setTimeout(() => {
    cdp
      .send('Network.emulateNetworkConditions', conditions(true))
      .then(() => new Promise((resolve) => setTimeout(resolve, forMs)))
      .then(() => cdp.send('Network.emulateNetworkConditions', conditions(false)))
      .then(() => cdp.detach())
      .catch(() => undefined);
  }, 100);
  return { ok: true, forMs };
}

/** DevTools sessions holding a page's forced-colours emulation (it ends when its session detaches). */
const forcedColorSessions = new Map();

/**
 * `executeServerCommand('forced-colors', { active })` turns Windows-style forced colours (high contrast) on
 * or off for the test page (`Emulation.setEmulatedMedia`; the runner's own `emulateMedia` cannot with the
 * Chrome launcher). Chrome launcher only.
 * @param {any} session
 * @param {{ active: boolean }} payload
 */
async function forcedColors(session, payload) {
  const page = session.browser.getPage?.(session.id);
  if (!page) throw new Error('forced-colors needs the Chrome launcher');
  let cdp = forcedColorSessions.get(session.id);
  if (!cdp) forcedColorSessions.set(session.id, (cdp = await page.createCDPSession()));
  await cdp.send('Emulation.setEmulatedMedia', {
    features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
  });
  if (!payload?.active) {
    forcedColorSessions.delete(session.id);
    await cdp.detach();
  }
  return { ok: true };
}
