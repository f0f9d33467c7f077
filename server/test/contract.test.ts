import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { generateOpenApi, generateTypes, OPENAPI_PATH, TYPES_PATH } from '../contract.js';
import { contractBreach } from './conformance.js';
import { TARGETS, startServer, type TestServer } from './helpers.js';

test('the committed api/openapi.json is what the server generates (run `npm run contract`)', async () => {
  const generated = await generateOpenApi();
  const committed = readFileSync(OPENAPI_PATH, 'utf8');
  assert.equal(committed, generated, 'api/openapi.json is out of date: run `npm run contract` and commit it');
});

test('the committed src/api/contract.d.ts is generated from api/openapi.json', async () => {
  const generated = await generateTypes(readFileSync(OPENAPI_PATH, 'utf8'));
  assert.equal(
    readFileSync(TYPES_PATH, 'utf8'),
    generated,
    'src/api/contract.d.ts is out of date: run `npm run contract`',
  );
});

test('the contract covers the outline', async () => {
  const doc = JSON.parse(await generateOpenApi()) as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
  };
  assert.equal(doc.openapi, '3.1.0');
  const expected: [string, string][] = [
    ['get', '/api/health'],
    ['post', '/api/v1/auth/code'],
    ['post', '/api/v1/auth/verify'],
    ['post', '/api/v1/auth/device'],
    ['get', '/api/v1/me'],
    ['patch', '/api/v1/me'],
    ['get', '/api/v1/prisons'],
    ['get', '/api/v1/links'],
    ['post', '/api/v1/links'],
    ['get', '/api/v1/links/{linkId}/visitors'],
    ['post', '/api/v1/links/{linkId}/visitors'],
    ['get', '/api/v1/prisoners/{prisonerId}/allowance'],
    ['get', '/api/v1/prisoners/{prisonerId}/availability'],
    ['post', '/api/v1/holds'],
    ['delete', '/api/v1/holds/{holdId}'],
    ['post', '/api/v1/bookings'],
    ['get', '/api/v1/visits'],
    ['get', '/api/v1/visits/{visitId}'],
    ['post', '/api/v1/visits/{visitId}/change'],
    ['post', '/api/v1/visits/{visitId}/cancel'],
    ['get', '/api/v1/visits/{visitId}/calendar.ics'],
    ['get', '/api/v1/visits/{visitId}/call'],
    ['post', '/api/v1/visits/{visitId}/call/knock'],
    ['post', '/api/v1/visits/{visitId}/call/token'],
    ['get', '/api/v1/visits/{visitId}/events'],
    ['get', '/api/v1/staff/visits'],
    ['get', '/api/v1/staff/events'],
    ['post', '/api/v1/staff/visits/{visitId}/admit'],
    ['post', '/api/v1/staff/visits/{visitId}/deny'],
    ['post', '/api/v1/staff/visits/{visitId}/warn'],
    ['post', '/api/v1/staff/visits/{visitId}/end'],
    ['post', '/api/v1/staff/visits/{visitId}/incident'],
    ['post', '/api/v1/staff/visits/{visitId}/outcome'],
    ['post', '/api/v1/staff/visits/{visitId}/monitor-token'],
    ['get', '/api/v1/staff/approvals'],
    ['post', '/api/v1/staff/links/{linkId}/decision'],
    ['post', '/api/v1/staff/visitors/{visitorId}/decision'],
    ['post', '/api/v1/staff/bookings/{visitId}/decision'],
    ['get', '/api/v1/staff/session-templates'],
    ['post', '/api/v1/staff/session-templates'],
    ['patch', '/api/v1/staff/session-templates/{id}'],
    ['delete', '/api/v1/staff/session-templates/{id}'],
    ['get', '/api/v1/staff/excluded-dates'],
    ['post', '/api/v1/staff/excluded-dates'],
    ['delete', '/api/v1/staff/excluded-dates/{date}'],
    ['post', '/api/v1/staff/devices'],
    ['get', '/api/v1/staff/audit'],
  ];
  for (const [method, path] of expected)
    assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path} missing`);
});

test('the conformance check itself refuses an undocumented status and a 404 for a known path', () => {
  assert.equal(contractBreach('GET', '/api/v1/me', 200), undefined);
  assert.match(contractBreach('GET', '/api/v1/me', 418) ?? '', /418, not in the contract/);
  assert.match(contractBreach('PUT', '/api/v1/me', 404) ?? '', /not 405/);
  assert.equal(contractBreach('PUT', '/api/v1/me', 405), undefined);
  assert.equal(contractBreach('GET', '/api/v1/nowhere', 404), undefined);
});

for (const target of TARGETS) {
  describe(
    `every answer the shared middleware gives is in the contract (${target.name})`,
    { skip: target.skip },
    () => {
      let t: TestServer;
      before(async () => {
        t = await startServer(target.name, { bodyLimitBytes: 1024 });
      });
      after(() => t?.close());

      test('wrong method → 405 with Allow; bad token → 401; huge body → 413; wrong type → 415; each documented', async () => {
        const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as {
          paths: Record<
            string,
            Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>
          >;
        };
        let probes = 0;
        const seen = new Map<number, number>();
        // t.call throws on any status the contract does not list for that operation (see conformance.ts)
        const probe = async (method: string, path: string, options: Parameters<TestServer['call']>[2]) => {
          probes += 1;
          const r = await t.call(method, path, options);
          seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
          return r;
        };
        for (const [template, item] of Object.entries(doc.paths)) {
          const path = template.replace(/\{\w+\}/g, 'x');
          const methods = Object.keys(item).map((m) => m.toUpperCase());
          const expectedAllow = new Set([
            ...methods,
            'OPTIONS',
            ...(methods.includes('GET') ? ['HEAD'] : []),
          ]);
          for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
            (m) => !methods.includes(m),
          )) {
            const r = await probe(method, path, method === 'GET' ? {} : { body: {} });
            assert.equal(r.status, 405, `${method} ${template}`);
            assert.equal(r.body.code, 'method-not-allowed');
            assert.deepEqual(new Set(r.headers.get('allow')!.split(', ')), expectedAllow, template);
          }
          for (const [m, op] of Object.entries(item)) {
            const method = m.toUpperCase();
            const bad = await probe(method, path, {
              token: 'not-a-real-token-at-all',
              body: method === 'GET' ? undefined : {},
            });
            assert.equal(
              bad.status,
              template.startsWith('/api/v1/') ? 401 : bad.status,
              `${method} ${template} bad token`,
            );
            if (method === 'GET') continue;
            const huge = await probe(method, path, { raw: JSON.stringify({ x: 'y'.repeat(4096) }) });
            assert.equal(huge.status, 413, `${method} ${template} huge body`);
            if (op.requestBody) {
              const xml = await probe(method, path, {
                raw: '<x/>',
                headers: { 'content-type': 'application/xml' },
              });
              assert.equal(xml.status, 415, `${method} ${template} xml`);
              assert.equal(xml.body.code, 'unsupported-media-type');
            }
          }
        }
        assert.ok(probes > 150, `only ${probes} probes`);
        for (const status of [401, 405, 413, 415]) assert.ok(seen.get(status), `never saw ${status}`);
      });
    },
  );
}
