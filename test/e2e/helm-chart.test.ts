// deploy/helm/visit-kit checked by Helm itself: `helm lint --strict`, and `helm template` rendered and read
// back: replicas and port as in deploy/topology.ts, probes on /readyz and /livez, secrets only from a Secret,
// a PodDisruptionBudget, and the chart refusing a Secret it would create without the required keys.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { TOPOLOGY } from '../../deploy/topology.js';
import { ensureHelm, HELM_VERSION } from '../../scripts/ensure.mjs';

const root = resolve(import.meta.dirname, '../..');
const chart = join(root, 'deploy/helm/visit-kit');
const helm = ensureHelm();

interface K8sObject {
  kind: string;
  metadata: { name: string };
  spec: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stringData?: Record<string, string>;
}

function run(args: string[]) {
  const result = spawnSync(helm!, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

function template(...set: string[]): K8sObject[] {
  const { status, out } = run(['template', 'prod', chart, ...set.flatMap((s) => ['--set', s])]);
  assert.equal(status, 0, out);
  return parseAllDocuments(out)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => Boolean(o));
}

describe(
  'the Helm chart',
  { skip: helm ? false : `no helm ${HELM_VERSION} (Go is missing or its build failed)` },
  () => {
    test('helm lint --strict passes', () => {
      const { status, out } = run(['lint', '--strict', chart]);
      assert.equal(status, 0, out);
      assert.match(out, /1 chart\(s\) linted, 0 chart\(s\) failed/);
    });

    test('helm template: a Deployment as the tested topology, with probes, a Service and a PDB', () => {
      const objects = template();
      assert.deepEqual(objects.map((o) => o.kind).sort(), ['Deployment', 'PodDisruptionBudget', 'Service']);
      const deployment = objects.find((o) => o.kind === 'Deployment')!;
      assert.equal(deployment.spec.replicas, TOPOLOGY.backends.length);
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      assert.deepEqual(container.command, ['visit-kit-server']);
      assert.equal(container.ports[0].containerPort, TOPOLOGY.ports.backend);
      assert.equal(container.readinessProbe.httpGet.path, '/readyz');
      assert.equal(container.livenessProbe.httpGet.path, '/livez');
      const env = Object.fromEntries(
        (container.env as { name: string; value?: string }[]).map((e) => [e.name, e.value ?? 'from-field']),
      );
      assert.equal(env.PORT, String(TOPOLOGY.ports.backend));
      assert.equal(env.HOST, '0.0.0.0');
      assert.equal(env.REPLICA_NAME, 'from-field');
      assert.equal(env.LOG_FORMAT, 'json');
      assert.match(env.LIVEKIT_URL!, /^wss:\/\//);
      // no secret is ever a plain env value: they all come from the Secret
      for (const name of [
        'SESSION_SECRET',
        'DATABASE_URL',
        'LIVEKIT_API_SECRET',
        'LIVEKIT_API_KEY',
        'VISIT_KIT_DEV',
      ])
        assert.equal(env[name], undefined, `${name} in plain env`);
      assert.deepEqual(container.envFrom, [{ secretRef: { name: 'visit-kit' } }]);
      assert.equal(container.securityContext.readOnlyRootFilesystem, true);
      assert.equal(pod.securityContext.runAsNonRoot, true);
      assert.equal(deployment.spec.template.metadata.annotations['prometheus.io/path'], '/metrics');

      const service = objects.find((o) => o.kind === 'Service')!;
      assert.equal(service.spec.ports[0].port, TOPOLOGY.ports.backend);
      assert.deepEqual(service.spec.selector, deployment.spec.selector.matchLabels);
      const pdb = objects.find((o) => o.kind === 'PodDisruptionBudget')!;
      assert.equal(pdb.spec.minAvailable, 1);
      assert.deepEqual(pdb.spec.selector.matchLabels, deployment.spec.selector.matchLabels);
    });

    test('one replica has no PDB (it would block every drain); settings from values reach the env', () => {
      const objects = template('replicaCount=1', 'config.CORS_ORIGINS=https://a.example\\,https://b.example');
      assert.ok(!objects.some((o) => o.kind === 'PodDisruptionBudget'));
      const container = objects.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0];
      const cors = (container.env as { name: string; value: string }[]).find(
        (e) => e.name === 'CORS_ORIGINS',
      );
      assert.equal(cors?.value, 'https://a.example,https://b.example');
    });

    test('a chart-made Secret needs every required key, and a long enough session secret', () => {
      const secret = 'x'.repeat(40);
      const full = [
        'secret.create=true',
        'secret.values.DATABASE_URL=postgres://visitkit:pw@pg:5432/visitkit',
        `secret.values.SESSION_SECRET=${secret}`,
        'secret.values.LIVEKIT_API_KEY=visitkit',
        'secret.values.LIVEKIT_API_SECRET=lk-secret',
      ];
      const objects = template(...full);
      const made = objects.find((o) => o.kind === 'Secret')!;
      assert.equal(made.stringData!.SESSION_SECRET, secret);
      const container = objects.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0];
      assert.deepEqual(container.envFrom, [{ secretRef: { name: made.metadata.name } }]);

      const missing = run(['template', 'prod', chart, ...full.slice(0, 4).flatMap((s) => ['--set', s])]);
      assert.notEqual(missing.status, 0);
      assert.match(missing.out, /secret\.values\.LIVEKIT_API_SECRET is required/);
      const short = run([
        'template',
        'prod',
        chart,
        '--set',
        full[0]!,
        ...full.slice(1).flatMap((s) => ['--set', s.replace(secret, 'short')]),
      ]);
      assert.notEqual(short.status, 0);
      assert.match(short.out, /at least 32 characters/);
    });
  },
);
