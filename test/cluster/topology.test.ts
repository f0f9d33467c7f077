// deploy/ is generated from deploy/topology.ts, the description the local cluster also runs from: the files
// committed there must be exactly what it renders now (regenerate with `node --import tsx deploy/topology.ts`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { deployFiles, TOPOLOGY } from '../../deploy/topology.js';

test('deploy/ matches deploy/topology.ts', () => {
  for (const [name, text] of Object.entries(deployFiles()))
    assert.equal(
      readFileSync(new URL(`../../deploy/${name}`, import.meta.url), 'utf8'),
      text,
      `deploy/${name} is stale`,
    );
});

test('the compose file mirrors the tested cluster: every LiveKit node on Redis, healthchecks, no inline secrets', () => {
  const files = deployFiles();
  const compose = files['docker-compose.yml']!;
  for (const node of TOPOLOGY.livekitNodes) {
    const config = files[`livekit-${node.name.split('-').pop()}.yaml`]!;
    assert.match(config, /address: redis:6379/);
    assert.match(config, /turn:\n {2}enabled: true/);
  }
  // Redis is reachable by name because LiveKit is on the compose network, not the host's
  assert.doesNotMatch(compose, /network_mode: host/);
  assert.equal(compose.match(/healthcheck:/g)?.length, 2 + TOPOLOGY.livekitNodes.length + 1);
  assert.doesNotMatch(compose, /change-me/);
  assert.match(files['haproxy.cfg']!, /option httpchk GET \/readyz/);
});
