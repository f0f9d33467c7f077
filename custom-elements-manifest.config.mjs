// custom-elements.json is generated from the elements' JSDoc (attributes, properties, events, slots, parts,
// CSS properties, custom states) and checked for drift by `node scripts/generate.mjs --check`. Docs, React
// wrappers, editor data and JSX types are generated from it.
//
// The analyzer reads the TypeScript sources; the `visit-kit-public-api` plugin below turns what it found into
// the package's public contract:
// - only the public elements are declared as custom elements. Their tag names come from the registration
//   files (`defineElement('visit-booking', VisitBooking)` in src/elements/booking/visit-booking.ts), which
//   the analyzer does not follow. The staff console's panels and tiles, and `<visit-session-calendar>` (a
//   part of `<visit-booking>` and `<visit-my-visits>`, registered by them when a date is to be chosen, its
//   parts exported through theirs) are internal and are left out;
// - events are the `visit-*` domain events of `@fires` (the analyzer also reports `new XEvent(arg)` and
//   `dispatchEvent()` calls, with constructor arguments as names);
// - private, protected, static and `@internal` members are dropped;
// - module paths are the shipped files: each element's module is its registration entry
//   (`dist/elements/booking/visit-booking.js`, which defines the tag), and `dist/index.js` (package `.`)
//   exports the classes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = import.meta.dirname;

/** The public elements, by tag name: everything else the analyzer finds is internal. */
export const publicElements = [
  'visit-booking',
  'visit-call',
  'visit-my-visits',
  'visit-provider',
  'visit-staff-console',
  'visit-waiting-room',
];
const INDEX = 'dist/index.js';
const pascal = (name) => name.replace(/(^|-)([a-z])/g, (_, __, letter) => letter.toUpperCase());

/** `visit-booking` → { className: 'VisitBooking', entry: 'dist/elements/booking/visit-booking.js' } */
function registrations() {
  const found = new Map();
  const elements = join(root, 'src/elements');
  for (const file of readdirSync(elements, { recursive: true }).map(String)) {
    if (!/(^|\/)visit-[^/]+\.ts$/.test(file)) continue;
    const text = readFileSync(join(elements, file), 'utf8');
    for (const [, tagName, className] of text.matchAll(
      /defineElement\(\s*'([a-z0-9-]+)'\s*,\s*(\w+)\s*\)/g,
    )) {
      // A tag can be registered from several entries (the calendar by booking and my-visits): the element's
      // own entry is the one named after the tag.
      if (found.has(tagName) && !file.endsWith(`/${tagName}.ts`)) continue;
      found.set(tagName, { className, entry: `dist/elements/${file.replace(/\.ts$/, '.js')}` });
    }
  }
  return found;
}

/** Names of the members whose JSDoc says `@internal` (the analyzer keeps inherited ones). */
function internalNames(sourceFile) {
  const names = new Set();
  const text = readFileSync(join(root, sourceFile), 'utf8');
  const pattern =
    /\/\*\*(?:(?!\*\/)[\s\S])*?@internal(?:(?!\*\/)[\s\S])*?\*\/\s*(?:@\w+\([^)]*\)\s*)*(?:(?:public|protected|private|static|readonly|override|async|get|set|declare)\s+)*#?([A-Za-z_$][\w$]*)/g;
  for (const [, name] of text.matchAll(pattern)) names.add(name);
  return names;
}

/** `/src/core/visit-element.js` or `src/core/visit-element.ts` → `src/core/visit-element.ts` */
const sourceOf = (path) => path.replace(/^\//, '').replace(/\.js$/, '.ts');

function publicApiPlugin() {
  return {
    name: 'visit-kit-public-api',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const tags = registrations();
      const byClass = new Map(
        publicElements.map((tagName) => {
          const registration = tags.get(tagName);
          if (!registration) throw new Error(`custom-elements manifest: no registration for <${tagName}>`);
          return [registration.className, { tagName, ...registration }];
        }),
      );
      const internal = new Map();
      const internalIn = (path) => {
        const source = sourceOf(path);
        if (!internal.has(source)) internal.set(source, internalNames(source));
        return internal.get(source);
      };
      const clean = (declaration, path) => {
        const members = (declaration.members ?? []).filter(
          (member) =>
            !member.privacy &&
            !member.static &&
            !member.name.startsWith('#') &&
            !internalIn(member.inheritedFrom?.module ?? path).has(member.name),
        );
        const kept = new Set(members.map((member) => member.name));
        const shipped = (reference) =>
          reference?.module && !reference.package ? { name: reference.name, module: INDEX } : reference;
        for (const member of members)
          if (member.inheritedFrom) member.inheritedFrom = shipped(member.inheritedFrom);
        // Each domain event is its own class (`visit-booked` → VisitBookedEvent, exported by the package).
        const events = [];
        for (const event of declaration.events ?? []) {
          if (event.name?.startsWith('visit-') && !events.some((seen) => seen.name === event.name))
            events.push({
              ...event,
              type: { text: `${pascal(event.name)}Event` },
              inheritedFrom: shipped(event.inheritedFrom),
            });
        }
        const result = {
          ...declaration,
          members,
          attributes: (declaration.attributes ?? [])
            .filter((attribute) => !attribute.fieldName || kept.has(attribute.fieldName))
            .map((attribute) => ({
              ...attribute,
              // `lang` is observed, not a decorated property: its property is HTMLElement's own `lang`.
              ...(attribute.name === 'lang' && !attribute.fieldName ? { fieldName: 'lang' } : {}),
              inheritedFrom: shipped(attribute.inheritedFrom),
            })),
          events,
          superclass: shipped(declaration.superclass),
        };
        for (const key of ['members', 'attributes', 'events']) if (!result[key].length) delete result[key];
        for (const key of ['superclass', 'inheritedFrom']) if (!result[key]) delete result[key];
        for (const list of [result.attributes, result.events]) {
          for (const item of list ?? []) if (!item.inheritedFrom) delete item.inheritedFrom;
        }
        return result;
      };

      const modules = [];
      const index = { kind: 'javascript-module', path: INDEX, declarations: [], exports: [] };
      for (const module of manifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          const element = byClass.get(declaration.name);
          if (element) {
            modules.push({
              kind: 'javascript-module',
              path: element.entry,
              declarations: [
                { ...clean(declaration, module.path), tagName: element.tagName, customElement: true },
              ],
              exports: [
                {
                  kind: 'custom-element-definition',
                  name: element.tagName,
                  declaration: { name: declaration.name, module: element.entry },
                },
              ],
            });
            index.exports.push({
              kind: 'js',
              name: declaration.name,
              declaration: { name: declaration.name, module: element.entry },
            });
          } else if (declaration.name === 'VisitElement') {
            // The public base class of every element but the provider.
            const base = clean(declaration, module.path);
            delete base.customElement;
            index.declarations.push(base);
            index.exports.push({
              kind: 'js',
              name: base.name,
              declaration: { name: base.name, module: INDEX },
            });
          }
        }
      }
      modules.sort((a, b) => a.path.localeCompare(b.path));
      index.exports.sort((a, b) => a.name.localeCompare(b.name));
      manifest.modules = [index, ...modules];
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/core/visit-element.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [publicApiPlugin()],
};
