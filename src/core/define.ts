// Registration of visit-kit's elements, under their own names (`visit-booking`) or, for portals that need it,
// under another prefix (`acme-booking`): every element, including those the others render inside them.

const DEFAULT_PREFIX = 'visit';
let prefix = DEFAULT_PREFIX;
let registered = false;

/**
 * Registers every visit-kit element under `prefix` instead of `visit` (e.g. `acme` → `<acme-booking>`), for a
 * page where `visit-*` names are taken, or that loads two versions of visit-kit. Call it once, before any
 * element is registered — that is, before importing `visit-kit/define` or an element's entry.
 */
export function useTagPrefix(value: string): void {
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(value)) {
    throw new Error(
      `visit-kit: "${value}" is not a valid custom-element prefix (lowercase letters, digits, hyphens)`,
    );
  }
  if (registered && value !== prefix) {
    throw new Error('visit-kit: useTagPrefix() must be called before any visit-kit element is registered');
  }
  prefix = value;
}

/** The registered name of an element known as `visit-…` (the same name unless a prefix is in use). */
export function tagName(canonical: string): string {
  return prefix === DEFAULT_PREFIX ? canonical : `${prefix}-${canonical.replace(/^visit-/, '')}`;
}

/**
 * Registers an element unless that name is already taken (two copies of visit-kit on one portal page,
 * or a page loading the CDN bundle and an npm build, must not throw).
 */
export function defineElement(canonical: string, constructor: CustomElementConstructor): void {
  registered = true;
  const name = tagName(canonical);
  if (typeof customElements === 'undefined' || customElements.get(name)) return;
  customElements.define(name, constructor);
}
