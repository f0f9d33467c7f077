// The booking page's bundle, built like production (bench/bundle.ts: esbuild, minified, gzip -9 per chunk).
// Bytes, not time: the same source and the same esbuild give the same figure on any machine, so this check
// is cheap and deterministic. The bench's targets (issue #17) are lower; these ceilings only stop regressions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measure } from '../../bench/bundle.js';

test('the booking first screen stays light, and the journey as a whole too', async () => {
  const size = await measure(`import './src/elements/booking/visit-booking.ts';`);
  // today 31,509 and 43,771 (gzip bytes); a little headroom, so only a real regression trips it
  assert.ok(size.initial <= 32_000, `first screen: ${size.initial} B gz`);
  assert.ok(size.total <= 45_000, `whole journey: ${size.total} B gz`);
  assert.ok(size.initial < size.total, 'the later screens load on demand');
});
