// web-test-runner plugin: `executeServerCommand('livekit-token', { room, identity, grant })` starts a real
// LiveKit server on first use and answers { url, token }. The server is stopped when the runner stops.
import { AccessToken } from 'livekit-server-sdk';
import { startLivekit } from '../../scripts/livekit.mjs';

export function livekitPlugin() {
  /** @type {Promise<Awaited<ReturnType<typeof startLivekit>>> | undefined} */
  let livekit;
  return {
    name: 'visit-kit-livekit',
    async executeCommand({ command, payload }) {
      if (command !== 'livekit-token') return undefined;
      livekit ??= startLivekit();
      const server = await livekit;
      const { room, identity, grant = {} } = payload;
      const token = new AccessToken(server.apiKey, server.apiSecret, { identity, ttl: 600 });
      token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true, ...grant });
      return { url: server.url, token: await token.toJwt() };
    },
    async serverStop() {
      if (livekit) await (await livekit).stop();
    },
  };
}
