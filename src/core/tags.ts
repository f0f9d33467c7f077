import { unsafeStatic, type StaticValue } from 'lit/static-html.js';
import { tagName } from './define.js';

const cache = new Map<string, StaticValue>();

/**
 * An element's tag for a `lit/static-html.js` template, under the page's prefix (see `useTagPrefix`):
 * elements that render other visit-kit elements use this so the prefix reaches them too.
 */
export function tag(canonical: `visit-${string}`): StaticValue {
  const name = tagName(canonical);
  let value = cache.get(name);
  if (!value) cache.set(name, (value = unsafeStatic(name)));
  return value;
}
