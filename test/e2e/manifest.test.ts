// custom-elements.json is the contract that docs, editors and framework types are generated from: check it
// against the sources. The rendered parts are found by reading each element's templates (its class module
// and the modules it imports that render into the same shadow root), so a new `part="…"` without a
// `@csspart` fails here.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');

interface Named {
  name: string;
  description?: string;
  type?: { text: string };
  privacy?: string;
  static?: boolean;
  kind?: string;
}
interface Declaration extends Named {
  tagName?: string;
  customElement?: boolean;
  attributes?: Named[];
  members?: Named[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  cssStates?: Named[];
}
interface Module {
  path: string;
  declarations?: Declaration[];
  exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
}
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as {
  modules: Module[];
};
const declarations = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).map((declaration) => ({ module, declaration })),
);
const elements = declarations.filter(({ declaration }) => declaration.customElement);

const PUBLIC = [
  'visit-booking',
  'visit-call',
  'visit-my-visits',
  'visit-provider',
  'visit-staff-console',
  'visit-waiting-room',
];

test('only the public elements are declared, each defined by its own entry', () => {
  assert.deepEqual(elements.map(({ declaration }) => declaration.tagName).sort(), PUBLIC);
  const definitions = manifest.modules.flatMap((module) =>
    (module.exports ?? [])
      .filter((entry) => entry.kind === 'custom-element-definition')
      .map((entry) => `${entry.name} ${module.path}`),
  );
  assert.deepEqual(
    definitions.sort(),
    PUBLIC.map((tag) => `${tag} dist/elements/${tag.replace(/^visit-/, '')}/${tag}.js`),
  );
});

test('every module path is a shipped file built from an entry of the package', () => {
  const exported = Object.values(
    (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> })
      .exports,
  ).flatMap((target) =>
    (typeof target === 'string' ? [target] : Object.values(target as Record<string, string>)).map((path) =>
      path.replace(/^\.\//, ''),
    ),
  );
  const references = manifest.modules.flatMap((module) => [
    module.path,
    ...(module.exports ?? []).flatMap((entry) => entry.declaration.module ?? []),
  ]);
  for (const path of references) {
    assert.match(path, /^dist\/.+\.js$/, `${path} is a file of dist/`);
    assert.ok(exported.includes(path), `${path} is an export of package.json`);
    const source = path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
    assert.ok(existsSync(join(root, source)), `${path} is built from ${source}`);
  }
  assert.ok(!JSON.stringify(manifest).includes('"src/'), 'no reference into src/ (not shipped)');
  assert.ok(!JSON.stringify(manifest).includes('"/src/'), 'no reference into src/ (not shipped)');
});

test('every event is a visit-* domain event with its class in src/core/events', () => {
  for (const { declaration } of declarations) {
    for (const event of declaration.events ?? []) {
      assert.match(event.name ?? '', /^visit-[a-z-]+$/, `${declaration.name} fires ${event.name}`);
      assert.ok(existsSync(join(root, 'src/core/events', `${event.name}.ts`)), event.name);
      assert.ok(event.description, `${declaration.name}'s ${event.name} is described`);
    }
  }
  const fired = new Set(elements.flatMap(({ declaration }) => (declaration.events ?? []).map((e) => e.name)));
  for (const expected of ['visit-booked', 'visit-joined', 'visit-staff-action', 'visit-device-check'])
    assert.ok(fired.has(expected), `${expected} is listed`);
});

/** `@internal` members per source file (JSDoc block ending right before the member's name). */
function internalMembers(file: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8');
  const names = new Set<string>();
  for (const [, name] of text.matchAll(
    /@internal[^/]*\*\/\s*(?:@\w+\([^)]*\)\s*)*(?:(?:public|protected|private|static|readonly|override|async|get|set)\s+)*#?(\w+)/g,
  ))
    names.add(name!);
  return names;
}

test('no private, protected, static or @internal member is listed', () => {
  const internal = new Set<string>();
  for (const file of readdirSync(join(root, 'src/elements'), { recursive: true }).map(String)) {
    if (file.endsWith('.ts')) for (const name of internalMembers(`src/elements/${file}`)) internal.add(name);
  }
  for (const name of internalMembers('src/core/visit-element.ts')) internal.add(name);
  assert.ok(internal.has('locale') && internal.has('announce'), 'the @internal scan finds members');
  // Names that are @internal somewhere but public API on an element (documented there) are allowed.
  const publicOnPurpose = new Set(['activeClient', 'join', 'refresh', 'reload']);
  for (const { declaration } of declarations) {
    for (const member of declaration.members ?? []) {
      const where = `${declaration.name}.${member.name}`;
      assert.ok(!member.privacy, `${where} is ${member.privacy}`);
      assert.ok(!member.static, `${where} is static`);
      assert.ok(!member.name.startsWith('#'), `${where} is private`);
      assert.ok(!internal.has(member.name) || publicOnPurpose.has(member.name), `${where} is @internal`);
    }
  }
});

test('every attribute, property, slot, part, CSS property and state is described', () => {
  const gaps: string[] = [];
  for (const { declaration } of elements) {
    const lists: [string, Named[] | undefined][] = [
      ['attribute', declaration.attributes],
      ['member', declaration.members],
      ['slot', declaration.slots],
      ['part', declaration.cssParts],
      ['CSS property', declaration.cssProperties],
      ['state', declaration.cssStates],
    ];
    for (const [kind, list] of lists) {
      for (const item of list ?? []) {
        const where = `<${declaration.tagName}> ${kind} ${item.name || '(default)'}`;
        if (!item.description?.trim()) gaps.push(`${where} has no description`);
        if ((kind === 'attribute' || (kind === 'member' && item.kind === 'field')) && !item.type?.text)
          gaps.push(`${where} has no type`);
      }
    }
  }
  assert.deepEqual(gaps, []);
  const provider = elements.find(({ declaration }) => declaration.tagName === 'visit-provider')!;
  assert.ok(provider.declaration.attributes?.some((attribute) => attribute.name === 'lang'));
});

// --- parts rendered in each public element's shadow root -------------------------------------------------

/** Class names registered as custom elements anywhere: each renders in a shadow root of its own. */
const registeredClasses = new Set(
  readdirSync(join(root, 'src/elements'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) =>
      [
        ...readFileSync(join(root, 'src/elements', file), 'utf8').matchAll(
          /defineElement\(\s*'[a-z0-9-]+'\s*,\s*(\w+)\s*\)/g,
        ),
      ].map((match) => match[1]!),
    ),
);

/** Relative modules imported for their values (static, side-effect or dynamic imports; not `import type`). */
function imports(file: string, text: string): string[] {
  const found = [
    ...text.matchAll(/^import\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'/gm),
    ...text.matchAll(/^export\s+(?!type\s)[^'";]*?\sfrom\s+'(\.[^']+)'/gm),
    ...text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g),
  ].map((match) => relative(root, resolve(dirname(join(root, file)), match[1]!.replace(/\.js$/, '.ts'))));
  return found.filter((path) => existsSync(join(root, path)));
}

/** `part="a b"` and the outer names of `exportparts="x, y:z"` in the modules rendering into `file`'s root. */
function renderedParts(classFile: string, className: string): Set<string> {
  const parts = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !file.startsWith('src/')) return;
    seen.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    const declared = [...text.matchAll(/export class (\w+)/g)].map((match) => match[1]!);
    if (file !== classFile && declared.some((name) => registeredClasses.has(name) && name !== className))
      return; // another element: its parts live in its own shadow root
    assert.doesNotMatch(text, /(?<![\w-])part=\$\{/, `${file}: a computed part name cannot be checked`);
    for (const [, names] of text.matchAll(/(?<![\w-])part="([^"$]+)"/g))
      for (const name of names!.split(/\s+/)) if (name) parts.add(name);
    for (const [, list] of text.matchAll(/(?<![\w-])exportparts="([^"$]+)"/g))
      for (const entry of list!.split(',')) parts.add(entry.split(':').pop()!.trim());
    for (const imported of imports(file, text)) visit(imported);
  };
  visit(classFile);
  return parts;
}

function classFileOf(className: string): string {
  for (const file of readdirSync(join(root, 'src/elements'), { recursive: true }).map(String)) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(join(root, 'src/elements', file), 'utf8');
    if (new RegExp(`export class ${className}\\b`).test(text)) return `src/elements/${file}`;
  }
  throw new Error(`no source for ${className}`);
}

test('the scan finds parts across helper modules and stops at other elements', () => {
  const call = renderedParts(classFileOf('VisitCall'), 'VisitCall');
  for (const name of ['camera', 'microphone', 'pip', 'end']) assert.ok(call.has(name), name);
  const booking = renderedParts(classFileOf('VisitBooking'), 'VisitBooking');
  assert.ok(booking.has('summary'), 'parts of the later steps (booking-steps.ts, a dynamic import)');
  assert.ok(booking.has('grid'), "the calendar's parts exported through exportparts");
  const console = renderedParts(classFileOf('VisitStaffConsole'), 'VisitStaffConsole');
  assert.ok(!console.has('table'), "a panel's parts stay in the panel's shadow root");
});

test('every part an element renders is documented with @csspart, and every documented part is rendered', () => {
  const undocumented: Record<string, string[]> = {};
  const unrendered: Record<string, string[]> = {};
  for (const { declaration } of elements) {
    const rendered = renderedParts(classFileOf(declaration.name), declaration.name);
    const documented = new Set((declaration.cssParts ?? []).map((part) => part.name));
    const missing = [...rendered].filter((name) => !documented.has(name)).sort();
    const stale = [...documented].filter((name) => !rendered.has(name)).sort();
    if (missing.length) undocumented[declaration.tagName!] = missing;
    if (stale.length) unrendered[declaration.tagName!] = stale;
  }
  assert.deepEqual(undocumented, {}, 'parts rendered without a @csspart');
  assert.deepEqual(unrendered, {}, 'parts documented but not rendered');
});
