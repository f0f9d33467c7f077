// Bad input against every operation of the contract: only 4xx problem+json, never 5xx, and nothing changes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { OPENAPI_PATH } from '../contract.js';
import { TARGETS, startServer, type TestServer } from './helpers.js';
import { contractBreach } from './conformance.js';

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  maxLength?: number;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
}
interface Operation {
  tags?: string[];
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}
const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};
const resolve = (s: JsonSchema): JsonSchema =>
  s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]!) : s;

const NASTY_IDS = [
  'a\u0000b',
  "' OR '1'='1",
  '../../etc/passwd',
  'x'.repeat(65),
  '%00',
  '😀😀',
  '<script>alert(1)</script>',
  '-1',
  '{}',
];
const RAW_BODIES = [
  '{',
  '[1,2',
  'null',
  '"text"',
  '123',
  'true',
  '[]',
  '{"a":',
  '\u0000',
  '{"__proto__":{"admin":true}}',
];

function flip(schema: JsonSchema): unknown {
  const s = resolve(schema);
  const type = Array.isArray(s.type)
    ? s.type.find((x) => x !== 'null')
    : (s.type ?? (s.anyOf ? resolve(s.anyOf[0]!).type : undefined));
  switch (type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not-an-array';
    case 'object':
      return 42;
    default:
      return { unexpected: true };
  }
}

/** Bodies that are invalid for the schema whatever else holds. */
function badBodies(schema: JsonSchema): unknown[] {
  const s = resolve(schema);
  const props = Object.entries(s.properties ?? {});
  const out: unknown[] = [];
  if (props.length) {
    out.push(Object.fromEntries(props.map(([k, v]) => [k, flip(v)])));
    out.push(Object.fromEntries(props.map(([k]) => [k, [[[[[[[[[[{}]]]]]]]]]]])));
    const withMax = props.filter(([, v]) => resolve(v).maxLength);
    if (withMax.length)
      out.push(Object.fromEntries(withMax.map(([k, v]) => [k, 'A'.repeat(resolve(v).maxLength! + 1)])));
    const withEnum = props.filter(([, v]) => resolve(v).enum);
    if (withEnum.length) out.push(Object.fromEntries(withEnum.map(([k]) => [k, 'not-a-known-value'])));
    if (s.required?.length) out.push({});
    out.push(Object.fromEntries(props.map(([k]) => [k, 'nul\u0000byte'])));
    for (const [k, v] of props)
      out.push(Object.fromEntries(props.map(([k2, v2]) => [k2, k2 === k ? flip(v) : flip(v2)])));
  }
  return out;
}

for (const target of TARGETS) {
  describe(`fuzz: bad input on every operation (${target.name})`, { skip: target.skip }, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(target.name);
    });
    after(() => t?.close());

    async function snapshot() {
      const db = t.server.ctx.store.db;
      const tables = [
        'users',
        'prisoners',
        'links',
        'link_visitors',
        'session_templates',
        'excluded_dates',
        'holds',
        'visits',
        'visit_visitors',
        'calls',
        'devices',
      ] as const;
      const hash = createHash('sha256');
      for (const table of tables) {
        const rows = await db.selectFrom(table).selectAll().execute();
        hash.update(table + JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()));
      }
      return hash.digest('hex');
    }

    test('every operation answers bad input with 4xx problem+json and changes nothing', async (ctx) => {
      const visitor = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
      const staff = await t.staffToken('NMI');
      const before = await snapshot();
      let cases = 0;
      const bad: string[] = [];
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          if (
            Object.keys(op.responses['200']?.content ?? {}).includes('text/event-stream') &&
            !path.includes('{')
          )
            continue;
          const token = op.tags?.includes('staff') ? staff : visitor;
          const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
          const bodySchema = op.requestBody?.content['application/json']?.schema;
          const send = async (url: string, body?: string, contentType = 'application/json') => {
            cases += 1;
            const response = await fetch(t.url + url, {
              method: method.toUpperCase(),
              headers: {
                authorization: `Bearer ${token}`,
                ...(body !== undefined ? { 'content-type': contentType } : {}),
              },
              body,
            });
            const text = await response.text();
            const type = response.headers.get('content-type') ?? '';
            const code = type.includes('problem+json')
              ? (JSON.parse(text) as { code?: string }).code
              : undefined;
            const breach = contractBreach(method.toUpperCase(), url, response.status);
            if (breach) bad.push(`contract: ${breach}`);
            if (response.status < 400 || response.status >= 500 || !code)
              bad.push(
                `${method.toUpperCase()} ${url} ${body?.slice(0, 60)} → ${response.status} ${text.slice(0, 100)}`,
              );
          };
          const fill = (value: (name: string) => string) =>
            path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(value(name)));
          // nasty path parameters (with an otherwise plausible body)
          if (pathParams.length)
            for (const nasty of NASTY_IDS)
              await send(
                fill(() => nasty),
                bodySchema ? JSON.stringify(badBodies(bodySchema)[0] ?? {}) : undefined,
              );
          const plausible = fill((name) =>
            name === 'date' ? '2031-01-01' : name === 'visitId' ? 'ZZZZZZZZ' : 'does-not-exist',
          );
          if (bodySchema) {
            for (const raw of RAW_BODIES) await send(plausible, raw);
            for (const body of badBodies(bodySchema)) await send(plausible, JSON.stringify(body));
            await send(plausible, '<xml/>', 'application/xml');
          }
          // bad query values
          for (const q of (op.parameters ?? []).filter((p) => p.in === 'query')) {
            for (const value of ['not-valid-😀', '2026-02-30', '-5', 'x'.repeat(300)]) {
              const s = resolve(q.schema);
              if (!s.enum && !(s.type === 'string' && value.length < 300) && q.name !== 'limit') continue;
              if (q.name === 'visitId' || q.name === 'confirm') continue;
              const extra = path.includes('availability') ? `&to=2031-01-01` : '';
              await send(`${fill(() => 'does-not-exist')}?${q.name}=${encodeURIComponent(value)}${extra}`);
            }
          }
        }
      }
      ctx.diagnostic(`fuzz: ${cases} bad requests, ${bad.length} answered other than 4xx problem+json`);
      console.log(`fuzz (${target.name}): ${cases} cases, ${bad.length} failed`);
      assert.deepEqual(bad, []);
      assert.ok(cases > 300, `only ${cases} cases`);
      assert.equal(await snapshot(), before, 'bad input changed stored state');
    });
  });
}
