// deploy/ is generated from deploy/topology.ts, the description the local cluster also runs from: the files
// committed there must be exactly what it renders now (regenerate with `node --import tsx deploy/topology.ts`).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { parse } from 'yaml';
import { BACKEND_COMMAND, deployFiles, TOPOLOGY } from '../../deploy/topology.js';

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

/** deploy/Dockerfile as instructions: continuation lines joined, comments dropped, split into stages. */
function dockerfileStages(): { from: string; instructions: { op: string; args: string }[] }[] {
  const text = readFileSync(new URL('../../deploy/Dockerfile', import.meta.url), 'utf8');
  const lines = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: { from: string; instructions: { op: string; args: string }[] }[] = [];
  for (const line of lines) {
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op!.toUpperCase() === 'FROM') stages.push({ from: args, instructions: [] });
    else stages.at(-1)!.instructions.push({ op: op!.toUpperCase(), args });
  }
  return stages;
}

const root = new URL('../../', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

test('compose runs the backend from the built image (deploy/Dockerfile), never tsx, secrets only from the environment', () => {
  const compose = parse(deployFiles()['docker-compose.yml']!) as {
    services: Record<
      string,
      {
        build?: { context: string; dockerfile: string };
        command?: string[];
        environment?: Record<string, string>;
        healthcheck?: { test: string[] };
      }
    >;
  };
  // comments aside (the generator's own header names tsx), nothing in it runs TypeScript
  assert.doesNotMatch(JSON.stringify(compose), /tsx|\.ts\b/);
  for (const { name } of TOPOLOGY.backends) {
    const service = compose.services[name]!;
    assert.deepEqual(service.build, { context: '..', dockerfile: 'deploy/Dockerfile' });
    // the build context is the repository root, seen from deploy/
    assert.ok(existsSync(new URL(`deploy/${service.build!.context}/${service.build!.dockerfile}`, root)));
    assert.deepEqual(service.command, BACKEND_COMMAND);
    for (const secret of ['DATABASE_URL', 'SESSION_SECRET', 'LIVEKIT_API_SECRET'])
      assert.match(service.environment![secret]!, /\$\{\w+:\?/, `${secret} must come from the environment`);
    assert.equal(service.healthcheck!.test[0], 'CMD');
    assert.equal(service.healthcheck!.test[1], 'node');
  }
});

test('deploy/Dockerfile: built with npm ci and build:server, run as a non-root user with only the packed package', () => {
  const stages = dockerfileStages();
  assert.ok(stages.length >= 2, 'a multi-stage build');
  const [build] = stages;
  const runtime = stages.at(-1)!;
  const all = (op: string, stage = runtime) =>
    stage.instructions.filter((i) => i.op === op).map((i) => i.args);
  // the build stage: the scripts it runs are this repository's
  const buildRuns = all('RUN', build).join(' && ');
  assert.match(buildRuns, /npm ci\b/);
  assert.match(buildRuns, /npm run build:server/);
  assert.ok(json('package.json').scripts['build:server'], 'package.json has build:server');
  for (const source of all('COPY', build)
    .map((args) => args.split(/\s+/).slice(0, -1))
    .flat())
    assert.ok(existsSync(new URL(source, root)), `COPY ${source}: no such path in the repository`);
  // the packed file name npm gives @visit-kit/server, which the install stage picks up
  const server = json('packages/server/package.json');
  const packed = `${server.name.replace('@', '').replace('/', '-')}-`;
  assert.ok(
    stages.some((stage) => all('RUN', stage).some((r) => r.includes(`${packed}*.tgz`))),
    `installs ${packed}*.tgz`,
  );
  // the runtime: slim Node 20, not root, the uid Helm runs as, no toolchain copied in
  assert.match(runtime.from, /^node:20[\w.-]*-slim$/);
  const user = all('USER').at(-1)!;
  assert.ok(user && !/^(root|0)(:|$)/.test(user), 'runs as a non-root user');
  const values = parse(readFileSync(new URL('deploy/helm/visit-kit/values.yaml', root), 'utf8')) as {
    image: { command: string[]; repository: string };
    podSecurityContext: { runAsUser: number };
  };
  assert.equal(user.split(':')[0], String(values.podSecurityContext.runAsUser));
  assert.doesNotMatch(all('COPY').join('\n'), /\/src|node_modules\/tsx/);
  // the command: the package's bin, the one compose and the Helm chart run, pointing at the built bundle
  const cmd = JSON.parse(all('CMD').at(-1)!) as string[];
  assert.deepEqual(cmd, BACKEND_COMMAND);
  assert.deepEqual(values.image.command, BACKEND_COMMAND);
  // and compose tags what it builds with the repository the chart pulls
  const compose = parse(deployFiles()['docker-compose.yml']!) as {
    services: Record<string, { image: string }>;
  };
  assert.equal(compose.services[TOPOLOGY.backends[0]!.name]!.image.split(':')[0], values.image.repository);
  const bin = server.bin[cmd[0]!] as string;
  assert.ok(bin, `${cmd[0]} is a bin of ${server.name}`);
  assert.ok(server.files.includes(bin), `${bin} is in the package's files`);
  assert.match(readFileSync(new URL('scripts/build-server.mjs', root), 'utf8'), new RegExp(`'${bin}'`));
  assert.match(all('ENV').join(' '), /NODE_ENV=production/);
  assert.match(all('ENV').join(' '), new RegExp(`PORT=${TOPOLOGY.ports.backend}\\b`));
  assert.match(all('HEALTHCHECK').join(' '), /\/livez/);
  const ignored = readFileSync(new URL('deploy/Dockerfile.dockerignore', root), 'utf8');
  for (const entry of ['**/node_modules', '.env', '.git'])
    assert.match(ignored, new RegExp(`^${entry.replace(/[.*]/g, '\\$&')}$`, 'm'));
});

test('the image and compose healthchecks are commands that really tell a live server from a failing one', async () => {
  const stages = dockerfileStages();
  const healthcheck = stages.at(-1)!.instructions.find((i) => i.op === 'HEALTHCHECK')!.args;
  const imageCheck = JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD') + 3).trim()) as string[];
  const compose = parse(deployFiles()['docker-compose.yml']!) as {
    services: Record<string, { healthcheck: { test: string[] } }>;
  };
  const composeCheck = compose.services[TOPOLOGY.backends[0]!.name]!.healthcheck.test.slice(1);
  let status = 200;
  const server = createServer((request, response) => {
    response.statusCode = request.url === '/livez' || request.url === '/readyz' ? status : 404;
    response.end();
  });
  // the checks ask 127.0.0.1 on the configured port: give them this one
  const port = TOPOLOGY.ports.backend;
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!listening) return void server.close();
  const run = async (command: string[]) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(command[0] === 'node' ? process.execPath : command[0]!, command.slice(1), {
        env: { PATH: process.env.PATH, PORT: String(port) },
        stdio: 'ignore',
      });
      child.once('exit', (code) => resolve(code));
    });
  try {
    for (const check of [imageCheck, composeCheck]) {
      status = 200;
      assert.equal(await run(check), 0, `${check.join(' ')} on a live server`);
      status = 503;
      assert.equal(await run(check), 1, `${check.join(' ')} on a failing server`);
    }
  } finally {
    server.close();
  }
});
