// node:test reporter for the reliability suite: counts passed/failed tests per area (the word before the
// colon in the name of the enclosing top-level `describe`, e.g. `load: …`) and prints one closing line per
// area, e.g. `security: 412 passed, 0 failed`. Used next to the spec reporter by ./run.mjs.
export default async function* areaReporter(source) {
  const counts = new Map();
  /** names of the suites/tests currently open, by nesting level, per file */
  const open = new Map();
  const areaOf = (file, nesting) => {
    const stack = open.get(file) ?? [];
    for (let level = 0; level <= nesting; level++) {
      const match = /^([a-z]+):/i.exec(stack[level] ?? '');
      if (match) return match[1].toLowerCase();
    }
    return 'other';
  };
  for await (const event of source) {
    const { type, data } = event;
    if (type === 'test:start') {
      const stack = open.get(data.file) ?? [];
      stack[data.nesting] = data.name;
      stack.length = data.nesting + 1;
      open.set(data.file, stack);
    } else if ((type === 'test:pass' || type === 'test:fail') && data.details?.type !== 'suite') {
      const stack = open.get(data.file) ?? [];
      stack[data.nesting] = data.name;
      const area = areaOf(data.file, data.nesting);
      const entry = counts.get(area) ?? { passed: 0, failed: 0, skipped: 0, todo: 0 };
      if (data.todo) entry.todo += 1;
      else if (data.skip) entry.skipped += 1;
      else if (type === 'test:pass') entry.passed += 1;
      else entry.failed += 1;
      counts.set(area, entry);
    } else if (
      type === 'test:fail' &&
      data.details?.type === 'suite' &&
      data.details?.error?.failureType !== 'subtestsFailed'
    ) {
      // a failing hook fails the suite (not its tests); count it so the area cannot look green
      const area = areaOf(data.file, data.nesting);
      const entry = counts.get(area) ?? { passed: 0, failed: 0, skipped: 0, todo: 0 };
      entry.failed += 1;
      counts.set(area, entry);
    }
  }
  let out = '\nreliability and security suite, by area:\n';
  for (const [area, c] of [...counts].sort()) {
    const known = c.todo ? ` (and ${c.todo} known server problem${c.todo > 1 ? 's' : ''} marked todo)` : '';
    out += `${area}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}${known}\n`;
  }
  yield out;
}
