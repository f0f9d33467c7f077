// Passed/failed/skipped counts read from the runners' own closing lines, for `npm test`'s summary.
import { stripVTControlCharacters } from 'node:util';

/**
 * Counts from node:test (TAP or spec) or web-test-runner output. A stage that runs several suites prints its
 * own `stage totals: N passed, N failed, N skipped` line, which then wins.
 */
export function countTests(output) {
  const plain = stripVTControlCharacters(output);
  const totals = [...plain.matchAll(/^stage totals: (\d+) passed, (\d+) failed, (\d+) skipped$/gm)].at(-1);
  if (totals) return { passed: Number(totals[1]), failed: Number(totals[2]), skipped: Number(totals[3]) };
  const sum = (pattern) => {
    const matches = [...plain.matchAll(pattern)];
    return matches.length ? matches.reduce((total, match) => total + Number(match[1]), 0) : undefined;
  };
  const pass = sum(/^(?:# |ℹ )pass (\d+)$/gm);
  if (pass !== undefined) {
    return {
      passed: pass,
      failed: sum(/^(?:# |ℹ )fail (\d+)$/gm) ?? 0,
      skipped: sum(/^(?:# |ℹ )skipped (\d+)$/gm) ?? 0,
    };
  }
  const wtr = [...plain.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)].at(-1);
  if (wtr) return { passed: Number(wtr[1]), failed: Number(wtr[2]), skipped: Number(wtr[3] ?? 0) };
  return {};
}
