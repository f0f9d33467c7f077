// Call benchmarks (real LiveKit on 127.0.0.1, headless Chromium): runs ./call-inner.ts in a private network
// namespace (`unshare -n`, root) so the network fault it injects stays inside it. Without that privilege the
// join figures are still measured (in the normal namespace) and call.reconnect_ms is reported as not measured.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const inner = fileURLToPath(new URL('./call-inner.ts', import.meta.url));
// Loopback up, plus a veth pair with a private address: Chromium gathers no ICE candidates on loopback
// alone (the host's own namespace has eth0 for that); LiveKit still advertises 127.0.0.1, reached through lo.
const SETUP =
  'ip link set lo up && ip link add vk0 type veth peer name vk1 && ip addr add 10.213.0.1/24 dev vk0 && ' +
  'ip link set vk0 up && ip link set vk1 up && ' +
  // policy rules before the local table, so that call-inner.ts can blackhole loopback traffic by port
  'ip rule add pref 300 lookup local && ip rule del pref 0';

function canUnshare(): boolean {
  const probe = spawnSync(
    'unshare',
    ['-n', 'sh', '-c', `${SETUP} && ip rule add pref 200 dport 9 blackhole`],
    { stdio: 'ignore' },
  );
  return probe.status === 0;
}

export async function callBenchmarks(): Promise<Record<string, number>> {
  const netns = canUnshare();
  if (!netns)
    process.stderr.write(
      '[bench call] cannot create a network namespace (needs root, `unshare`, `ip` with policy routing): call.reconnect_ms not measured\n',
    );
  const node = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(inner)}`;
  const command = netns ? ['unshare', '-n', 'sh', '-c', `${SETUP} && exec ${node}`] : ['sh', '-c', node];
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, VISIT_KIT_BENCH_NETNS: netns ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += String(chunk);
  });
  // 30 + 30 joins (~2 min), data use (~30 s) and 5 network cuts of 20 s (~2 min), with room to spare
  const timer = setTimeout(() => child.kill('SIGKILL'), 480_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const line = /^RESULT (.*)$/m.exec(out)?.[1];
  if (!line) throw new Error(`call benchmarks exited ${code} without a result`);
  return JSON.parse(line) as Record<string, number>;
}
