// Security — hostile input, property-based (fast-check), over every operation of api/openapi.json.
// Complements server/test/fuzz.test.ts (a fixed list of bad values per field): here fast-check draws random
// and boundary values, wrong types, deep nesting, unknown keys, injection strings, huge bodies and malformed
// JSON, for every operation and each of its parameters, with a seed printed so a failure can be replayed.
// Every answer must be a 4xx problem+json with a code; never 5xx; and the stored state must not change.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { OPENAPI_PATH } from '../../server/contract.js';
import { TARGETS, startServer, type TestServer } from '../../server/test/helpers.js';

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  enum?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}
interface Operation {
  tags?: string[];
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}
const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};
const deref = (s: JsonSchema): JsonSchema =>
  s.$ref ? deref(doc.components.schemas[s.$ref.split('/').pop()!]!) : s;
const typeOf = (s: JsonSchema): string | undefined => {
  const r = deref(s);
  if (Array.isArray(r.type)) return r.type.find((t) => t !== 'null');
  return r.type ?? (r.anyOf ? typeOf(r.anyOf[0]!) : undefined);
};

const SEED = Number(process.env.VISIT_KIT_FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS_PER_OPERATION = Number(process.env.VISIT_KIT_FUZZ_RUNS ?? 60);

const injection = fc.constantFrom(
  "' OR '1'='1' --",
  "'; DROP TABLE visits; --",
  '" OR ""="',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2f',
  '\\u0000',
  '\u202e\u202d',
  '$where',
  '{"$gt":""}',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '😀'.repeat(64),
  '\ud800',
);
const boundaryNumber = fc.constantFrom(
  0,
  -1,
  -0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER - 2,
  0.5,
  2 ** 31,
  -(2 ** 31) - 1,
);
const hostileString = fc.oneof(
  injection,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replaceAll('\u0000', '')),
  fc.integer({ min: 200, max: 5000 }).map((n) => 'x'.repeat(n)),
);
/** Any JSON value, deep or odd (never undefined). */
const anyJson = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 4 }),
  hostileString,
  boundaryNumber,
  fc.integer({ min: 5, max: 60 }).map((depth) => {
    let v: unknown = 'deep';
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
    return v;
  }),
);
/** A value that is certainly not of JSON type `type` (so the body is invalid whatever else it holds). */
function wrongFor(type: string | undefined): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return fc.oneof(
        boundaryNumber,
        fc.boolean(),
        fc.array(hostileString, { maxLength: 3 }),
        fc.constant({}),
      );
    case 'number':
    case 'integer':
      return fc.oneof(hostileString, fc.boolean(), fc.constant([1]), fc.constant({ n: 1 }));
    case 'boolean':
      return fc.oneof(hostileString, boundaryNumber, fc.constant([]), fc.constant({}));
    case 'array':
      return fc.oneof(hostileString, boundaryNumber, fc.constant({ 0: 'a' }), fc.boolean());
    case 'object':
      return fc.oneof(hostileString, boundaryNumber, fc.constant([[]]), fc.boolean());
    default:
      return fc.constant(Symbol.for('skip'));
  }
}

/** Request bodies that are invalid for `schema` by construction (at least one field of the wrong type). */
function invalidBody(schema: JsonSchema): fc.Arbitrary<string> {
  const s = deref(schema);
  const props = Object.entries(s.properties ?? {}).filter(([, v]) => typeOf(v) !== undefined);
  const raw = fc.oneof(
    // not JSON at all, or truncated JSON
    fc.string({ maxLength: 30 }).filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    }),
    fc
      .jsonValue({ maxDepth: 3 })
      .map((v) => JSON.stringify(v).slice(0, -1))
      .filter((t) => t.length > 0),
    // JSON that is not an object
    fc
      .oneof(boundaryNumber, hostileString, fc.array(anyJson, { maxLength: 3 }))
      .map((v) => JSON.stringify(v)),
  );
  if (!props.length) return raw;
  const wrongField = fc
    .constantFrom(...props)
    .chain(([key, value]) =>
      fc.tuple(
        fc.constant(key),
        wrongFor(typeOf(value)),
        fc.dictionary(fc.constantFrom(...props.map(([k]) => k), 'isAdmin', '__proto__', 'role'), anyJson, {
          maxKeys: 4,
        }),
      ),
    )
    .map(([key, wrong, rest]) => JSON.stringify({ ...rest, [key]: wrong }));
  const missingRequired = s.required?.length
    ? fc
        .dictionary(fc.constantFrom('unexpected', 'isAdmin', 'role', 'status', 'prisonCode'), anyJson, {
          maxKeys: 4,
        })
        .map((extra) => JSON.stringify(extra))
    : undefined;
  return missingRequired ? fc.oneof(raw, wrongField, missingRequired) : fc.oneof(raw, wrongField);
}

/** encodeURIComponent, with lone surrogates (which it refuses) sent as U+FFFD, as a browser would. */
const encodeLoosely = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
};
/**
 * Whether a query value might pass its parameter's documented schema. Such a value is not hostile: `limit=6`
 * is a real request and rightly answered 200. A random string rarely lands on one, but a time-based seed
 * finds it now and then, so these are drawn again. Conservative: "might pass" is enough to drop a value.
 * A length-bounded free string (an id) stays: a valid-looking id that is not yours must still get a 4xx.
 */
function mightBeValidQueryValue(schema: JsonSchema | undefined, value: string): boolean {
  if (!schema) return false;
  if (schema.enum) return schema.enum.includes(value);
  if (schema.type === 'integer' || schema.type === 'number') {
    const n = Number(value);
    return (
      Number.isFinite(n) &&
      (schema.type === 'number' || Number.isInteger(n)) &&
      n >= (schema.minimum ?? -Infinity) &&
      n <= (schema.maximum ?? Infinity)
    );
  }
  if (schema.pattern) return new RegExp(schema.pattern).test(value);
  if (schema.format === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (schema.format === 'email') return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
  return false;
}

const pathValue = fc.oneof(
  injection,
  fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0),
  fc.constantFrom(
    '0',
    '-1',
    'ZZZZZZZZ',
    'null',
    '..',
    '%',
    'a'.repeat(300),
    '2031-02-30',
    'tpl-x.2031-01-01',
  ),
);

for (const target of TARGETS) {
  describe(
    // the seed is in the name, so a failure listed by name alone can still be replayed (VISIT_KIT_FUZZ_SEED)
    `security: hostile input, property-based, every contract operation (${target.name}, seed ${SEED})`,
    {
      skip: target.skip,
      timeout: 240_000,
    },
    () => {
      let t: TestServer;
      let visitor: string;
      let staff: string;
      let kiosk: string;
      before(async () => {
        t = await startServer(target.name);
        visitor = await t.tokenFor({ id: 'usr-sam', role: 'visitor' });
        staff = await t.staffToken('NMI');
        kiosk = await t.tokenFor({ id: 'dev-kiosk-A1234BC', role: 'prisoner', prisonerId: 'prs-A1234BC' });
      });
      after(() => t?.close());

      async function snapshot() {
        const db = t.server.ctx.store.db;
        const hash = createHash('sha256');
        for (const table of [
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
        ] as const) {
          const rows = await db.selectFrom(table).selectAll().execute();
          hash.update(table + JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()));
        }
        return hash.digest('hex');
      }

      const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
      );

      for (const { path, method, op } of operations) {
        const bodySchema = op.requestBody?.content['application/json']?.schema;
        const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
        const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
        const sse = Object.keys(op.responses['200']?.content ?? {}).includes('text/event-stream');
        // Without a path parameter to make invalid, an event stream or a body-less GET with no query has no
        // hostile input to receive (server/test/fuzz.test.ts covers their auth and shapes).
        if (!bodySchema && !pathParams.length && !queryParams.length) continue;
        if (sse && !pathParams.length) continue;

        test(`${method} ${path}`, async (ctx) => {
          const before = await snapshot();
          const tokens = op.tags?.includes('staff') ? [staff] : [visitor, kiosk];
          const bad: string[] = [];
          let cases = 0;
          const request = fc.record({
            token: fc.constantFrom(...tokens),
            params: fc.tuple(...(pathParams.length ? pathParams.map(() => pathValue) : [fc.constant('')])),
            query: queryParams.length
              ? fc
                  .array(
                    fc.constantFrom(...queryParams).chain((param) =>
                      fc.tuple(
                        fc.constant(param.name),
                        hostileString.filter((value) => !mightBeValidQueryValue(param.schema, value)),
                      ),
                    ),
                    { maxLength: 3 },
                  )
                  .map((entries) => Object.fromEntries(entries))
              : fc.constant({} as Record<string, string>),
            body: bodySchema ? invalidBody(bodySchema) : fc.constant(undefined),
            huge: fc.boolean().map((b) => b && !!bodySchema),
          });
          await fc.assert(
            fc.asyncProperty(request, async ({ token, params, query, body, huge }) => {
              let i = 0;
              // with path parameters the values are hostile; otherwise body or query must be
              let url = path.replace(/\{(\w+)\}/g, () => encodeLoosely(params[i++] ?? 'x'));
              const q = Object.entries(query as Record<string, string>)
                .map(([k, v]) => `${k}=${encodeLoosely(v)}`)
                .join('&');
              // a body-less operation is only hostile through its path or query
              if (!bodySchema && !pathParams.length && !q) return;
              // a dot segment ('..') is resolved before sending: such a URL names another route, not this one
              const own = new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]*')}$`);
              if (!own.test(new URL(url, t.url).pathname)) return;
              if (q) url += `?${q}`;
              const payload = huge ? JSON.stringify({ padding: 'A'.repeat(70 * 1024) }) : body;
              cases += 1;
              const response = await fetch(t.url + url, {
                method,
                headers: {
                  authorization: `Bearer ${token}`,
                  ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
                },
                body: payload,
              });
              const text = await response.text();
              const type = response.headers.get('content-type') ?? '';
              let code: string | undefined;
              if (type.includes('application/problem+json'))
                code = (JSON.parse(text) as { code?: string }).code;
              const ok = response.status >= 400 && response.status < 500 && !!code;
              if (!ok)
                bad.push(
                  `${method} ${url.slice(0, 120)} ${String(payload).slice(0, 80)} → ${response.status} ${text.slice(0, 120)}`,
                );
              return ok;
            }),
            { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
          );
          assert.deepEqual(bad, []);
          assert.equal(await snapshot(), before, 'hostile input changed stored state');
          ctx.diagnostic(`${cases} cases`);
          total += cases;
        });
      }

      let total = 0;
      test('summary: cases run', () => {
        console.log(`security (${target.name}): ${total} property-based hostile requests, seed ${SEED}`);
        assert.ok(total >= 500, `only ${total} cases ran`);
      });
    },
  );
}
