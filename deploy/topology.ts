// The production topology, described once: two LiveKit nodes sharing Redis, a load balancer in front of
// LiveKit signalling and of two backend replicas on PostgreSQL, with LiveKit's webhooks going to the balancer.
// `npm run cluster` (scripts/cluster.ts) renders the local configs from it; the same description can render
// deploy/docker-compose.yml (`composeYaml`), so the tested cluster and the template cannot drift apart.

export interface LivekitNode {
  /** Also its network namespace suffix and its haproxy server name. */
  name: string;
  /** Last octet of its address in the cluster's private /24. */
  host: number;
}

export interface Topology {
  livekitNodes: LivekitNode[];
  backends: { name: string }[];
  ports: {
    /** LiveKit signalling and API (HTTP + WebSocket) on each node. */
    livekit: number;
    /** ICE over TCP, for networks that block UDP. */
    livekitTcp: number;
    /** One UDP port for all media (muxed), so a node's firewall opens one port. */
    livekitUdp: number;
    /** LiveKit's Prometheus exporter on each node. */
    livekitMetrics: number;
    /** LiveKit's embedded TURN (compose only; the local cluster needs none). */
    turnUdp: number;
    backend: number;
    redis: number;
  };
  /** LiveKit rooms go to the node with the fewest rooms (the spread the cluster test measures). */
  nodeSelector: { kind: 'any'; sortBy: 'rooms' };
}

export const TOPOLOGY: Topology = {
  livekitNodes: [
    { name: 'lk-a', host: 11 },
    { name: 'lk-b', host: 12 },
  ],
  backends: [{ name: 'backend-a' }, { name: 'backend-b' }],
  ports: {
    livekit: 7880,
    livekitTcp: 7881,
    livekitUdp: 7882,
    livekitMetrics: 6789,
    turnUdp: 3478,
    backend: 8787,
    redis: 6379,
  },
  nodeSelector: { kind: 'any', sortBy: 'rooms' },
};

export interface LivekitConfigInput {
  nodeIp: string;
  /** Addresses to listen on (the node's own address; 0.0.0.0 in a container). */
  bindAddresses: string[];
  redisAddress: string;
  /** Inline keys for the local cluster; compose passes them through LIVEKIT_KEYS instead. */
  keys?: { apiKey: string; apiSecret: string };
  webhookApiKey: string;
  webhookUrl: string;
  /** Enable LiveKit's embedded TURN on UDP (families behind strict firewalls). */
  turn?: boolean;
  /** Added to the media ports (TCP, UDP, TURN), so several nodes can share one host. */
  mediaPortOffset?: number;
  logLevel?: string;
}

/** One LiveKit node's config file. */
export function livekitYaml(topology: Topology, input: LivekitConfigInput): string {
  const { ports } = topology;
  const offset = input.mediaPortOffset ?? 0;
  const lines = [
    `port: ${ports.livekit}`,
    `bind_addresses: [${input.bindAddresses.map((a) => `'${a}'`).join(', ')}]`,
    `prometheus_port: ${ports.livekitMetrics}`,
    'rtc:',
    `  tcp_port: ${ports.livekitTcp + offset}`,
    `  udp_port: ${ports.livekitUdp + offset}`,
    '  use_external_ip: false',
    `  node_ip: ${input.nodeIp}`,
    'redis:',
    `  address: ${input.redisAddress}`,
    'node_selector:',
    `  kind: ${topology.nodeSelector.kind}`,
    `  sort_by: ${topology.nodeSelector.sortBy}`,
    'room:',
    '  empty_timeout: 120',
    '  departure_timeout: 20',
  ];
  if (input.keys) lines.push('keys:', `  ${input.keys.apiKey}: ${input.keys.apiSecret}`);
  lines.push('webhook:', `  api_key: ${input.webhookApiKey}`, '  urls:', `    - ${input.webhookUrl}`);
  if (input.turn) lines.push('turn:', '  enabled: true', `  udp_port: ${ports.turnUdp + offset}`);
  lines.push('logging:', `  level: ${input.logLevel ?? 'info'}`, '  json: true');
  return `${lines.join('\n')}\n`;
}

export interface Upstream {
  name: string;
  address: string;
}

/** haproxy: one frontend for LiveKit signalling, one for the backend API (which also takes the webhooks). */
export function haproxyConfig(input: {
  livekitBinds: string[];
  livekitNodes: Upstream[];
  apiBinds: string[];
  backends: Upstream[];
  /** A down server is noticed within inter × fall. */
  checkIntervalMs?: number;
}): string {
  const inter = input.checkIntervalMs ?? 1000;
  const check = `check inter ${inter} fall 2 rise 2`;
  return `# Generated from deploy/topology.ts — do not edit by hand.
global
  maxconn 8000

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # WebSockets (LiveKit signalling) and server-sent events stay open for a whole visit
  timeout tunnel 2h
  # a server that refuses a connection is retried on another one
  option redispatch
  retries 3
  option forwardfor

frontend livekit
${input.livekitBinds.map((b) => `  bind ${b}`).join('\n')}
  default_backend livekit_nodes

backend livekit_nodes
  balance leastconn
  option httpchk GET /
${input.livekitNodes.map((n) => `  server ${n.name} ${n.address} ${check}`).join('\n')}

frontend api
${input.apiBinds.map((b) => `  bind ${b}`).join('\n')}
  # one request id across the balancer and every replica (kept when the client sent one)
  http-request set-header X-Request-ID %[unique-id] unless { req.hdr(x-request-id) -m found }
  unique-id-format %{+X}o%ci-%cp-%Ts-%rt
  default_backend backends

backend backends
  balance roundrobin
  option httpchk GET /readyz
${input.backends.map((n) => `  server ${n.name} ${n.address} ${check}`).join('\n')}
`;
}

/** The backend image's command: the bin of @visit-kit/server (packages/server), as in deploy/Dockerfile and Helm. */
export const BACKEND_COMMAND = ['visit-kit-server'];

/** A healthcheck in Node (the backend image has no wget): exits 0 when the path answers 2xx. */
export const httpCheck = (port: number, path: string) =>
  `fetch('http://127.0.0.1:${port}${path}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`;

/** The compose service name of a LiveKit node (`lk-a` → `livekit-a`). */
const serviceOf = (node: LivekitNode) => `livekit-${node.name.split('-').pop()}`;
/** Each node on its own media ports (announced as published), so two nodes can share one Docker host. */
const mediaOffset = (index: number) => index * 10;

/**
 * deploy/docker-compose.yml. Containers reach each other by service name on one bridge network, so LiveKit
 * is not on the host network (where `redis` cannot resolve): its media ports are published instead, and
 * each node announces the host address it is reached at (LIVEKIT_NODE_IP_A/B).
 */
export function composeYaml(topology: Topology): string {
  const { ports } = topology;
  const livekitServices = topology.livekitNodes.map((node, index) => {
    const suffix = node.name.split('-').pop()!.toUpperCase();
    const offset = mediaOffset(index);
    return `  ${serviceOf(node)}:
    image: livekit/livekit-server:v1.13.5
    command: --config /etc/livekit.yaml --node-ip \${LIVEKIT_NODE_IP_${suffix}:?set the address clients reach this node at}
    environment:
      LIVEKIT_KEYS: 'visitkit: \${LIVEKIT_API_SECRET:?}'
    volumes: [./${serviceOf(node)}.yaml:/etc/livekit.yaml:ro]
    ports:
      - '${ports.livekitTcp + offset}:${ports.livekitTcp + offset}/tcp'
      - '${ports.livekitUdp + offset}:${ports.livekitUdp + offset}/udp'
      - '${ports.turnUdp + offset}:${ports.turnUdp + offset}/udp'
    depends_on:
      redis: { condition: service_healthy }
    healthcheck:
      test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:${ports.livekit}/ || exit 1']
      interval: 5s
      retries: 5
`;
  });
  const backendServices = topology.backends.map((b, index) =>
    index === 0
      ? `  # @visit-kit/server built to JavaScript and run by plain node (deploy/Dockerfile), never tsx
  ${b.name}: &backend
    image: visit-kit/server:\${VISIT_KIT_VERSION:-latest}
    build:
      context: ..
      dockerfile: deploy/Dockerfile
    command: [${BACKEND_COMMAND.map((c) => `'${c}'`).join(', ')}]
    environment:
      HOST: 0.0.0.0
      PORT: '${ports.backend}'
      DATABASE_URL: postgres://visitkit:\${POSTGRES_PASSWORD:?}@postgres:5432/visitkit
      SESSION_SECRET: \${SESSION_SECRET:?at least 32 random bytes}
      LIVEKIT_URL: \${LIVEKIT_PUBLIC_URL:?e.g. wss://livekit.example.org}
      LIVEKIT_API_KEY: visitkit
      LIVEKIT_API_SECRET: \${LIVEKIT_API_SECRET:?}
      CORS_ORIGINS: \${CORS_ORIGINS:?comma-separated origins of the embedding sites}
      SMTP_URL: \${SMTP_URL:-}
      SMTP_FROM: \${SMTP_FROM:-}
      METRICS_TOKEN: \${METRICS_TOKEN:-}
      # Caddy, then haproxy (option forwardfor): two proxies each append the address they saw
      TRUSTED_PROXIES: '2'
      SIGN_IN_URL: \${SIGN_IN_URL:?the page that signs people in from the emailed link}
      # staff passkeys: the staff portal's origins and host name (default: CORS_ORIGINS and its first host)
      PASSKEY_ORIGINS: \${PASSKEY_ORIGINS:-}
      PASSKEY_RP_ID: \${PASSKEY_RP_ID:-}
    depends_on:
      postgres: { condition: service_healthy }
    healthcheck:
      # the image is node:20-slim (no wget or curl): Node's own fetch
      test:
        - CMD
        - node
        - -e
        - "${httpCheck(ports.backend, '/readyz')}"
      interval: 5s
      retries: 5
`
      : `  ${b.name}: *backend
`,
  );
  return `# Generated from deploy/topology.ts by \`node --import tsx deploy/topology.ts\` — do not edit by hand.
# NOT run in CI (no Docker engine on the project's machines); the same topology runs for real in
# \`npm run cluster\` and \`npm run test:cluster\`. Secrets come from the environment (an .env file next to this).
services:
  postgres:
    image: postgres:16
    environment:
      POSTGRES_USER: visitkit
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?}
      POSTGRES_DB: visitkit
    volumes: [pgdata:/var/lib/postgresql/data]
    healthcheck:
      test: ['CMD-SHELL', 'pg_isready -U visitkit']
      interval: 5s
      retries: 10

  redis:
    image: redis:7
    healthcheck:
      test: ['CMD', 'redis-cli', 'ping']
      interval: 5s
      retries: 10

${livekitServices.join('\n')}
${backendServices.join('\n')}
  # haproxy: LiveKit signalling and the backend API; TLS in front of it (Caddyfile) for the public names
  proxy:
    image: haproxy:2.6
    volumes: [./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro]
    depends_on: [${topology.livekitNodes.map(serviceOf).join(', ')}, ${topology.backends.map((b) => b.name).join(', ')}]

  tls:
    image: caddy:2
    ports: ['443:443']
    volumes: [./Caddyfile:/etc/caddy/Caddyfile:ro]
    depends_on: [proxy]

volumes:
  pgdata:
`;
}

/** The files in deploy/ that are generated from TOPOLOGY (written by running this module). */
export function deployFiles(topology: Topology = TOPOLOGY): Record<string, string> {
  const { ports } = topology;
  const note =
    '# Generated from deploy/topology.ts by `node --import tsx deploy/topology.ts` — do not edit by hand.\n';
  return {
    'docker-compose.yml': composeYaml(topology),
    // keys come from LIVEKIT_KEYS and each node's address from --node-ip (see docker-compose.yml)
    ...Object.fromEntries(
      topology.livekitNodes.map((node, index) => [
        `${serviceOf(node)}.yaml`,
        note +
          livekitYaml(topology, {
            nodeIp: '',
            bindAddresses: ['0.0.0.0'],
            redisAddress: `redis:${ports.redis}`,
            webhookApiKey: 'visitkit',
            webhookUrl: `http://proxy:${ports.backend}/api/livekit/webhook`,
            turn: true,
            mediaPortOffset: mediaOffset(index),
          }).replace(/^ {2}node_ip: .*\n/m, ''),
      ]),
    ),
    'haproxy.cfg': haproxyConfig({
      livekitBinds: [`:${ports.livekit}`],
      livekitNodes: topology.livekitNodes.map((n) => ({
        name: n.name,
        address: `${serviceOf(n)}:${ports.livekit}`,
      })),
      apiBinds: [`:${ports.backend}`],
      backends: topology.backends.map((b) => ({ name: b.name, address: `${b.name}:${ports.backend}` })),
    }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync } = await import('node:fs');
  for (const [name, text] of Object.entries(deployFiles()))
    writeFileSync(new URL(`./${name}`, import.meta.url), text);
  console.log(
    `wrote ${Object.keys(deployFiles())
      .map((n) => `deploy/${n}`)
      .join(', ')}`,
  );
}
