// `npm run cluster`: the production topology (deploy/topology.ts) on this machine — PostgreSQL, Redis, two
// LiveKit nodes each in its own network namespace with its own address, haproxy in front of LiveKit
// signalling and of two backend replicas, and the demo pages pointed at the balancer. Ctrl-C removes it all.
// Also a library: test/cluster starts the same cluster, kills or cuts off one of its nodes, and measures.
import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { haproxyConfig, livekitYaml, TOPOLOGY, type Topology } from '../deploy/topology.js';
import { ensureLivekit } from './ensure.mjs';
import { freePort } from './livekit.mjs';

const root = resolve(import.meta.dirname, '..');
const log = (message: string) => process.stderr.write(`[visit-kit cluster] ${message}\n`);
/** Every namespace and link this script creates starts with this, so leftovers can be found and removed. */
export const PREFIX = 'vkc';

/** Why the cluster cannot run here, or undefined when it can. */
export function cannotRun(): string | undefined {
  if (process.platform !== 'linux')
    return `the cluster uses Linux network namespaces, and this is ${process.platform}. Run it on a Linux machine or VM (as root), or use deploy/docker-compose.yml with Docker.`;
  if (process.getuid?.() !== 0)
    return 'creating network namespaces and a bridge needs root. Run it as root (e.g. `sudo npm run cluster`) on a machine you can change, or in a Linux VM or container with CAP_NET_ADMIN.';
  const probe = `${PREFIX}probe${randomBytes(2).toString('hex')}`;
  const made = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (made.status !== 0)
    return `\`ip netns add\` failed here (${(made.stderr || made.error?.message || '').trim()}): this container or machine does not allow network namespaces. Use a full Linux VM as root.`;
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

let aptUpdated = false;
/** Installs Debian packages that are missing (the way ensure.mjs installs Chromium). */
export function ensureDebian(commands: Record<string, string>): void {
  const missing = Object.entries(commands).filter(([command]) => !onPath(command));
  if (missing.length === 0) return;
  if (!onPath('apt-get'))
    throw new Error(`missing ${missing.map(([c]) => c).join(', ')} and no apt-get to install them with.`);
  const packages = [...new Set(missing.map(([, p]) => p))];
  log(`installing ${packages.join(', ')} with apt-get (once per machine)…`);
  if (!aptUpdated) execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  aptUpdated = true;
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function sh(args: string[], options: { allowFail?: boolean } = {}): void {
  const result = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  if (result.status !== 0 && !options.allowFail)
    throw new Error(`${args.join(' ')} failed: ${(result.stderr || '').trim()}`);
}

/** A /24 in 10.77.0.0/16 that no interface here uses yet. */
function freeSubnet(): string {
  const used = spawnSync('ip', ['-4', '-o', 'addr'], { encoding: 'utf8' }).stdout;
  for (let attempt = 0; attempt < 200; attempt++) {
    const third = 1 + Math.floor(Math.random() * 250);
    const subnet = `10.77.${third}`;
    if (!used.includes(` ${subnet}.`)) return subnet;
  }
  throw new Error('no free 10.77.x.0/24 subnet');
}

/** Removes namespaces and links of an instance (or all instances of this script when id is omitted). */
export function removeNetwork(id?: string): void {
  const tag = `${PREFIX}${id ?? ''}`;
  const namespaces = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  for (const line of namespaces.split('\n')) {
    const name = line.split(' ')[0];
    if (name?.startsWith(tag)) sh(['ip', 'netns', 'del', name], { allowFail: true });
  }
  const links = spawnSync('ip', ['-o', 'link'], { encoding: 'utf8' }).stdout ?? '';
  for (const line of links.split('\n')) {
    const name = /^\d+: ([^:@]+)/.exec(line)?.[1];
    if (name?.startsWith(tag)) sh(['ip', 'link', 'del', name], { allowFail: true });
  }
}

interface Child {
  name: string;
  process: ChildProcess;
  lines: string[];
  exited: Promise<void>;
}

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Child {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env, cwd: root });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 400) lines.shift();
      if (process.env.VISIT_KIT_CLUSTER_VERBOSE) process.stderr.write(`[${name}] ${line}\n`);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { name, process: child, lines, exited };
}

async function stopChild(child: Child, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill(signal);
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 5000);
  await child.exited;
  clearTimeout(timer);
}

async function waitFor(what: string, check: () => Promise<boolean>, child?: Child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.process.exitCode !== null)
      throw new Error(
        `${what}: exited with ${child.process.exitCode}:\n${child.lines.slice(-15).join('\n')}`,
      );
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not ready within ${timeoutMs / 1000} s\n${child?.lines.slice(-15).join('\n') ?? ''}`,
      );
    await new Promise((r) => setTimeout(r, 150));
  }
}

const answers = async (url: string, path = '') => (await fetch(url + path)).ok;

/** The PostgreSQL to use: DATABASE_URL's server, the one on 127.0.0.1:5432, or Debian's cluster started. */
async function ensurePostgres(): Promise<string> {
  const candidates = [
    process.env.VISIT_KIT_CLUSTER_PG_URL,
    process.env.VISIT_KIT_TEST_DATABASE_URL,
    'postgres://visitkit:visitkit@127.0.0.1:5432/postgres',
  ].filter((u): u is string => Boolean(u));
  const reachable = async (url: string) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  };
  for (const url of candidates) if (await reachable(url)) return url;
  // Debian's packaged cluster: install, start, and give it the visitkit role.
  ensureDebian({ pg_ctlcluster: 'postgresql' });
  const clusters = readdirSync('/etc/postgresql').sort();
  const version = clusters.at(-1);
  if (!version) throw new Error('postgresql is installed but has no cluster in /etc/postgresql');
  sh(['pg_ctlcluster', version, 'main', 'start'], { allowFail: true });
  execFileSync('su', [
    'postgres',
    '-c',
    `psql -q -c "DO \\$\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='visitkit') THEN CREATE ROLE visitkit LOGIN SUPERUSER PASSWORD 'visitkit'; END IF; END\\$\\$"`,
  ]);
  const url = 'postgres://visitkit:visitkit@127.0.0.1:5432/postgres';
  if (!(await reachable(url))) throw new Error('started PostgreSQL but cannot connect as visitkit');
  return url;
}

/**
 * A throwaway PostgreSQL server of its own (initdb under /tmp, owned by the postgres user, on a free port), so
 * a test can restart it without disturbing anyone else's database.
 */
async function ownPostgres(dir: string): Promise<{ url: string; restart(): Promise<void>; stop(): void }> {
  const bin = ['/usr/lib/postgresql', ...readdirSync('/usr/lib/postgresql').sort().slice(-1), 'bin'].join(
    '/',
  );
  if (!existsSync(`${bin}/initdb`)) throw new Error(`no initdb in ${bin}: install postgresql`);
  const data = join(dir, 'pg');
  mkdirSync(data);
  const asPostgres = (command: string) =>
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
  execFileSync('chown', ['postgres', data]);
  chmodSync(dir, 0o755);
  const port = await freePort();
  asPostgres(`${bin}/initdb -D ${data} -U visitkit --auth=trust -E UTF8 --no-sync >/dev/null`);
  const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${data} -c fsync=off -c max_connections=60`;
  const ctl = (action: string) =>
    asPostgres(`${bin}/pg_ctl -D ${data} -l ${data}/log -w -t 30 -m fast -o '${options}' ${action}`);
  ctl('start');
  return {
    url: `postgres://visitkit:visitkit@127.0.0.1:${port}/postgres`,
    // not blocking: the caller's clients keep running while the server goes down and comes back
    restart: async () => {
      await promisify(execFile)('su', [
        'postgres',
        '-s',
        '/bin/sh',
        '-c',
        `${bin}/pg_ctl -D ${data} -l ${data}/log -w -t 30 -m fast -o '${options}' restart`,
      ]);
    },
    stop: () => {
      try {
        ctl('stop');
      } catch {
        // already down
      }
    },
  };
}

export interface ClusterNode {
  name: string;
  namespace: string;
  address: string;
  /** The node's own signalling URL (not through the balancer). */
  url: string;
  metricsUrl: string;
  child: Child;
  /** SIGKILL the node. */
  kill(): Promise<void>;
  /** Take its network interface down (it keeps running, unreachable). */
  cutOff(): void;
  restore(): void;
  /** Starts it again (after kill) and waits until it answers. */
  restart(): Promise<void>;
}

export interface Cluster {
  id: string;
  livekitUrl: string;
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  sessionSecret: string;
  databaseUrl: string;
  redis: { host: string; port: number };
  nodes: ClusterNode[];
  backends: {
    name: string;
    url: string;
    child: Child;
    kill(): Promise<void>;
    /** Starts it again (after kill) and waits until it answers. */
    restart(): Promise<void>;
  }[];
  /** Restarts Redis on the same port (empty: it keeps nothing on disk) and waits until it answers. */
  restartRedis(): Promise<void>;
  /** Restarts the cluster's own PostgreSQL (`ownPostgres` only). */
  restartPostgres?(): Promise<void>;
  demoUrl?: string;
  /** Runs redis-cli against the cluster's Redis. */
  redisCli(...args: string[]): string;
  /** Which node (by name) hosts a LiveKit room, from the room→node map LiveKit keeps in Redis. */
  nodeOfRoom(room: string): string | undefined;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  topology?: Topology;
  /** Serve the demo pages too (npm run cluster). */
  demo?: boolean;
  /** Extra environment for the backend replicas. */
  backendEnv?: Record<string, string>;
  /** Origins the backends accept (CORS). */
  corsOrigins?: string[];
  /** Runs a PostgreSQL server of the cluster's own (under /tmp, on a free port) rather than the shared one. */
  ownPostgres?: boolean;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const why = cannotRun();
  if (why) throw new Error(`npm run cluster cannot run here: ${why}`);
  const topology = options.topology ?? TOPOLOGY;
  ensureDebian({ 'redis-server': 'redis-server', 'redis-cli': 'redis-tools', haproxy: 'haproxy' });
  const livekit = ensureLivekit();
  if (!('binary' in livekit))
    throw new Error(
      'the cluster starts its own LiveKit nodes: unset LIVEKIT_URL (a local livekit-server is needed).',
    );
  const binary = String(livekit.binary);

  const id = randomBytes(2).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), `visit-kit-cluster-${id}-`));
  const children: Child[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const child of [...children].reverse()) await stopChild(child);
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
    removeNetwork(id);
    rmSync(dir, { recursive: true, force: true });
  };
  // Even if the caller dies without calling stop(), the namespaces go.
  let stopOwnPostgres: (() => void) | undefined;
  const onExit = () => {
    for (const child of children) child.process.kill('SIGKILL');
    stopOwnPostgres?.();
    removeNetwork(id);
  };
  process.once('exit', onExit);
  cleanups.push(() => void process.removeListener('exit', onExit));

  try {
    // ── the private network: a bridge on the host, one namespace + veth pair per LiveKit node
    const subnet = freeSubnet();
    const hostIp = `${subnet}.1`;
    const bridge = `${PREFIX}${id}br`;
    sh(['ip', 'link', 'add', bridge, 'type', 'bridge']);
    sh(['ip', 'addr', 'add', `${hostIp}/24`, 'dev', bridge]);
    sh(['ip', 'link', 'set', bridge, 'up']);

    // ── PostgreSQL: one fresh database for this cluster
    let restartPostgres: (() => Promise<void>) | undefined;
    let adminUrl: string;
    if (options.ownPostgres) {
      const own = await ownPostgres(dir);
      cleanups.push(() => own.stop());
      stopOwnPostgres = own.stop;
      adminUrl = own.url;
      restartPostgres = own.restart;
    } else adminUrl = await ensurePostgres();
    const dbName = `visitkit_cluster_${id}`;
    {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
    }
    cleanups.push(async () => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    });
    const dbUrl = new URL(adminUrl);
    dbUrl.pathname = `/${dbName}`;
    const databaseUrl = dbUrl.toString();

    // ── Redis, reachable from the namespaces on the bridge address
    const redisPort = await freePort();
    const redisArgs = [
      '--port',
      String(redisPort),
      '--bind',
      `127.0.0.1 ${hostIp}`,
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'no',
    ];
    let redis = start('redis', 'redis-server', redisArgs);
    children.push(redis);
    const redisCli = (...args: string[]) =>
      execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(redisPort), ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    await waitFor('redis', async () => redisCli('ping').trim() === 'PONG', redis);

    // ── ports on the host for the balancer's two frontends
    const livekitPort = await freePort();
    const apiPort = await freePort();
    const apiKey = 'visitkit';
    const apiSecret = randomBytes(24).toString('hex');
    const sessionSecret = randomBytes(32).toString('hex');
    const webhookUrl = `http://${hostIp}:${apiPort}/api/livekit/webhook`;

    // ── LiveKit nodes
    const nodes: ClusterNode[] = [];
    for (const node of topology.livekitNodes) {
      const namespace = `${PREFIX}${id}${node.name}`;
      const address = `${subnet}.${node.host}`;
      const hostEnd = `${PREFIX}${id}${node.name}h`;
      const nsEnd = `${PREFIX}${id}${node.name}n`;
      sh(['ip', 'netns', 'add', namespace]);
      sh(['ip', 'link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', nsEnd]);
      sh(['ip', 'link', 'set', nsEnd, 'netns', namespace]);
      sh(['ip', 'link', 'set', hostEnd, 'master', bridge, 'up']);
      sh(['ip', '-n', namespace, 'addr', 'add', `${address}/24`, 'dev', nsEnd]);
      sh(['ip', '-n', namespace, 'link', 'set', nsEnd, 'up']);
      sh(['ip', '-n', namespace, 'link', 'set', 'lo', 'up']);
      const config = join(dir, `${node.name}.yaml`);
      writeFileSync(
        config,
        livekitYaml(topology, {
          nodeIp: address,
          bindAddresses: [address],
          redisAddress: `${hostIp}:${redisPort}`,
          keys: { apiKey, apiSecret },
          webhookApiKey: apiKey,
          webhookUrl,
        }),
      );
      // `ip netns exec` execs the server itself, so the child's pid is the node's.
      const launch = () => {
        const child = start(node.name, 'ip', ['netns', 'exec', namespace, binary, '--config', config]);
        children.push(child);
        return child;
      };
      const url = `http://${address}:${topology.ports.livekit}`;
      const handle: ClusterNode = {
        name: node.name,
        namespace,
        address,
        url,
        metricsUrl: `http://${address}:${topology.ports.livekitMetrics}/metrics`,
        child: launch(),
        kill: () => stopChild(handle.child, 'SIGKILL'),
        restart: async () => {
          await stopChild(handle.child, 'SIGKILL');
          handle.child = launch();
          await waitFor(node.name, () => answers(url), handle.child);
        },
        cutOff: () => sh(['ip', '-n', namespace, 'link', 'set', nsEnd, 'down']),
        restore: () => sh(['ip', '-n', namespace, 'link', 'set', nsEnd, 'up']),
      };
      nodes.push(handle);
    }
    for (const node of nodes) await waitFor(node.name, () => answers(node.url), node.child);

    // ── backend replicas on PostgreSQL (the first seeds the demo data; the second starts once it has)
    const backends: Cluster['backends'] = [];
    const livekitUrl = `ws://127.0.0.1:${livekitPort}`;
    for (const [index, backend] of topology.backends.entries()) {
      const port = await freePort();
      const launch = () =>
        start(backend.name, process.execPath, ['--import', 'tsx', 'server/main.ts'], {
          ...process.env,
          VISIT_KIT_DEV: '1',
          DATABASE_URL: databaseUrl,
          SESSION_SECRET: sessionSecret,
          LIVEKIT_URL: livekitUrl,
          LIVEKIT_API_KEY: apiKey,
          LIVEKIT_API_SECRET: apiSecret,
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_FORMAT: 'json',
          REPLICA_NAME: backend.name,
          // haproxy (option forwardfor) is the one proxy in front
          TRUSTED_PROXIES: '1',
          // the fault tests open streams for one family on both replicas, and a replica notices a stream
          // that closed behind the balancer only at its next write: room for those not yet noticed
          STREAMS_PER_PRINCIPAL: '20',
          CORS_ORIGINS: (options.corsOrigins ?? []).join(','),
          ...options.backendEnv,
        });
      const url = `http://127.0.0.1:${port}`;
      const handle: Cluster['backends'][number] = {
        name: backend.name,
        url,
        child: launch(),
        kill: () => stopChild(handle.child, 'SIGKILL'),
        restart: async () => {
          await stopChild(handle.child, 'SIGKILL');
          handle.child = launch();
          children.push(handle.child);
          await waitFor(backend.name, () => answers(url, '/livez'), handle.child, 60_000);
        },
      };
      children.push(handle.child);
      backends.push(handle);
      if (index === 0) await waitFor(backend.name, () => answers(url, '/livez'), handle.child, 60_000);
    }
    for (const b of backends) await waitFor(b.name, () => answers(b.url, '/livez'), b.child, 60_000);

    // ── haproxy in front of both
    const haproxyFile = join(dir, 'haproxy.cfg');
    writeFileSync(
      haproxyFile,
      haproxyConfig({
        livekitBinds: [`127.0.0.1:${livekitPort}`],
        livekitNodes: nodes.map((n) => ({ name: n.name, address: `${n.address}:${topology.ports.livekit}` })),
        apiBinds: [`127.0.0.1:${apiPort}`, `${hostIp}:${apiPort}`],
        backends: backends.map((b) => ({ name: b.name, address: b.url.replace('http://', '') })),
      }),
    );
    const haproxy = start('haproxy', 'haproxy', ['-db', '-f', haproxyFile]);
    children.push(haproxy);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitFor('haproxy → LiveKit', () => answers(`http://127.0.0.1:${livekitPort}`), haproxy);
    await waitFor('haproxy → backends', () => answers(apiUrl, '/readyz'), haproxy);

    const cluster: Cluster = {
      id,
      livekitUrl,
      apiUrl,
      apiKey,
      apiSecret,
      sessionSecret,
      databaseUrl,
      redis: { host: '127.0.0.1', port: redisPort },
      nodes,
      backends,
      redisCli,
      restartRedis: async () => {
        await stopChild(redis);
        redis = start('redis', 'redis-server', redisArgs);
        children.push(redis);
        await waitFor('redis', async () => redisCli('ping').trim() === 'PONG', redis);
      },
      restartPostgres,
      nodeOfRoom(room) {
        // LiveKit keeps room → node id, and node id → its registration (which holds the node's address)
        const nodeId = redisCli('hget', 'room_node_map', room).trim();
        if (!nodeId) return undefined;
        const registration = redisCli('hget', 'nodes', nodeId);
        return nodes.find((n) => registration.includes(n.address))?.name;
      },
      stop,
    };

    if (options.demo) {
      const { serveDemo } = await import('../demo/serve.js');
      if (!existsSync(resolve(root, 'dist/cdn/visit-kit.js')))
        execFileSync('npx', ['rollup', '-c', 'rollup.config.js', '--silent'], {
          cwd: root,
          stdio: 'inherit',
        });
      const demo = await serveDemo({
        apiBase: apiUrl,
        livekitUrl,
        port: await freePort(),
        host: '127.0.0.1',
      });
      cleanups.push(() => demo.close());
      cluster.demoUrl = demo.origin;
    }
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const why = cannotRun();
  if (why) {
    log(`cannot start the local cluster: ${why}`);
    process.exit(1);
  }
  // The demo pages are on their own origin: the backends must accept it (CORS), so pick its port first.
  const cluster = await startCluster({ demo: true, corsOrigins: ['*'] }).catch((error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
  const rows = [
    ['Demo pages', `${cluster.demoUrl}/  (API and LiveKit through the balancer)`],
    ['API (haproxy)', `${cluster.apiUrl}/api/v1   metrics: ${cluster.apiUrl}/metrics`],
    ...cluster.backends.map((b) => [`  ${b.name}`, `${b.url}  (pid ${b.child.process.pid})`]),
    ['LiveKit (haproxy)', cluster.livekitUrl],
    ...cluster.nodes.map((n) => [
      `  ${n.name}`,
      `${n.url}  netns ${n.namespace}, pid ${n.child.process.pid}, metrics ${n.metricsUrl}`,
    ]),
    ['Redis', `${cluster.redis.host}:${cluster.redis.port}`],
    ['PostgreSQL', cluster.databaseUrl.replace(/\/\/[^@]*@/, '//…@')],
    ['Sign-in codes', `${cluster.apiUrl}/api/dev/outbox`],
  ];
  console.log(`\nvisit-kit cluster ${cluster.id} is running (dev mode: seeded demo data, dev outbox)\n`);
  for (const [name, value] of rows) console.log(`  ${name!.padEnd(18)} ${value}`);
  console.log(`
  Try: kill a node (kill -9 <pid>) or cut it off (ip -n <netns> link set <netns>n down) mid-call.
  Families: sam@example.org   Staff: staff.nmi@example.org   Kiosk pairing code: KIOSK-A1234BC

Press Ctrl-C to stop and remove everything.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the cluster…');
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
