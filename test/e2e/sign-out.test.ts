// The SDK's signOut against the real reference backend (Node's fetch; no browser needed): the token stops
// working on the server and the client forgets it; "everywhere" ends the person's other sessions too.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createServer, type VisitKitServer } from '../../server/app.js';
import { signSession } from '../../server/auth.js';
import { VisitClient } from '../../src/api/client.js';
import { getMe, signOut } from '../../src/api/family.js';

let dir: string;
let server: VisitKitServer;
let api: { url: string; close(): Promise<void> };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'visit-kit-e2e-signout-'));
  server = await createServer({
    databaseUrl: join(dir, 'e2e.sqlite'),
    dev: true,
    seed: true,
    consoleOutbox: false,
    sessionSecret: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    enforcerIntervalMs: 0,
  });
  api = await server.listen();
});
after(async () => {
  await api?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const clientFor = async () => {
  const session = await signSession(server.ctx, { id: 'usr-sam', role: 'visitor' });
  return new VisitClient({
    baseUrl: api.url,
    session: { token: session.token, expiresAt: session.expiresAt },
  });
};
const status = async (token: string) =>
  (await fetch(`${api.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;

test('signOut ends this session on the server and clears the client; the other session lives', async () => {
  const one = await clientFor();
  const two = await clientFor();
  const token = one.session!.token;
  assert.equal((await getMe(one)).email, 'sam@example.org');
  let changes = 0;
  one.addEventListener('session-change', () => (changes += 1));
  await signOut(one);
  assert.equal(one.session, undefined);
  assert.equal(changes, 1);
  assert.equal(await status(token), 401);
  assert.equal(await status(two.session!.token), 200);
  // signing out an ended session again is not an error
  one.session = { token, expiresAt: new Date(Date.now() + 3600_000).toISOString() };
  await signOut(one);
  assert.equal(one.session, undefined);
});

test('signOut everywhere ends every session of the person', async () => {
  const one = await clientFor();
  const two = await clientFor();
  const other = two.session!.token;
  await signOut(one, true);
  assert.equal(await status(other), 401);
});
