import type { MessageArea } from './areas.js';
import type { MessageKey } from './en.js';
import type { Message } from './types.js';

export type { Message, MessageTable, PluralMessage } from './types.js';
export type { MessageKey } from './en.js';

/** Strings an integrator overrides: any subset of keys. */
export type StringOverrides = Partial<Record<MessageKey, Message>>;
export type Variables = Record<string, string | number>;

type Table = Partial<Record<MessageKey, Message>>;
// Built-in strings, filled by the areas elements use (registerArea); integrators' strings (registerLocale)
// are kept apart so they win whatever order the two arrive in.
const builtIn = new Map<string, Table>([
  ['en', {}],
  ['cy', {}],
]);
const custom = new Map<string, Table>();
const registeredAreas = new WeakSet<MessageArea>();
/** Per area, the languages besides English already loaded, and those being loaded. */
const loadedLanguages = new WeakMap<MessageArea, Set<string>>();
const loadingLanguages = new WeakMap<MessageArea, Map<string, Promise<void>>>();

function merge(locale: string, strings: Table): void {
  builtIn.set(locale, { ...builtIn.get(locale), ...strings });
}

/** Makes an area's English strings available (once; elements do this for the areas they name). */
export function registerArea(area: MessageArea): void {
  if (registeredAreas.has(area)) return;
  registeredAreas.add(area);
  if (typeof area.en !== 'function') merge('en', area.en as Table);
}

/**
 * Loads the areas' strings in `locale` when it is a shipped language not loaded yet. Returns undefined when
 * there is nothing to wait for, so elements render at once in English and in languages already loaded.
 */
export function loadAreas(areas: readonly MessageArea[], locale: string): Promise<void> | undefined {
  const pending: Promise<void>[] = [];
  for (const area of areas) {
    registerArea(area);
    // English is the fallback of every language: an area whose English is fetched loads it too.
    const locales = typeof area.en === 'function' && locale !== 'en' ? ['en', locale] : [locale];
    for (const wanted of locales) loadArea(area, wanted, pending);
  }
  return pending.length ? Promise.all(pending).then(() => undefined) : undefined;
}

function loadArea(area: MessageArea, locale: string, pending: Promise<void>[]): void {
  const load = locale === 'en' ? (typeof area.en === 'function' ? area.en : undefined) : area.others[locale];
  if (!load || loadedLanguages.get(area)?.has(locale)) return;
  let loading = loadingLanguages.get(area);
  if (!loading) loadingLanguages.set(area, (loading = new Map()));
  let flight = loading.get(locale);
  if (!flight) {
    const inFlight = loading;
    flight = load()
      .then(
        (strings) => {
          merge(locale, strings as Table);
          if (!loadedLanguages.has(area)) loadedLanguages.set(area, new Set());
          loadedLanguages.get(area)!.add(locale);
        },
        // Offline or blocked: render in English now; the next update tries again.
        () => undefined,
      )
      .finally(() => inFlight.delete(locale));
    loading.set(locale, flight);
  }
  pending.push(flight);
}

/** The locales shipped with visit-kit. */
export const SHIPPED_LOCALES = ['en', 'cy'] as const;

/** Adds (or extends) a language at run time; missing keys fall back to English. */
export function registerLocale(locale: string, strings: Table): void {
  custom.set(locale, { ...custom.get(locale), ...strings });
}

function lookup(locale: string, key: MessageKey): Message | undefined {
  return custom.get(locale)?.[key] ?? builtIn.get(locale)?.[key];
}

/** The best table for a BCP 47 tag: exact (`cy-GB`), then language (`cy`), else English. */
export function resolveLocale(tag: string | undefined): string {
  if (!tag) return 'en';
  const lower = tag.toLowerCase();
  const known = (code: string) => builtIn.has(code) || custom.has(code);
  if (known(lower)) return lower;
  const language = lower.split('-')[0] ?? 'en';
  return known(language) ? language : 'en';
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** Looks a key up (overrides → locale → English), picks the plural form, and fills `{placeholders}`. */
export function translate(
  locale: string,
  key: MessageKey,
  variables: Variables = {},
  overrides?: StringOverrides,
): string {
  const message = overrides?.[key] ?? lookup(resolveLocale(locale), key) ?? lookup('en', key) ?? key;
  const text = typeof message === 'string' ? message : pluralForm(locale, message, variables.count);
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in variables ? String(variables[name]) : placeholder,
  );
}

function pluralForm(
  locale: string,
  message: Exclude<Message, string>,
  count: string | number | undefined,
): string {
  if (typeof count !== 'number') return message.other;
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return message[rules.select(count)] ?? message.other;
}
