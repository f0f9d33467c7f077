import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateOpenApi, generateTypes, OPENAPI_PATH, TYPES_PATH } from '../contract.js';

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
