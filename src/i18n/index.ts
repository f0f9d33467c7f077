import { cy } from './cy.js';
import { en, type MessageKey } from './en.js';
import type { Message, MessageTable } from './types.js';

export type { Message, MessageTable, PluralMessage } from './types.js';
export type { MessageKey } from './en.js';

/** Strings an integrator overrides: any subset of keys. */
export type StringOverrides = Partial<Record<MessageKey, Message>>;
export type Variables = Record<string, string | number>;

const tables = new Map<string, Partial<Record<MessageKey, Message>>>([
  ['en', en],
  ['cy', cy],
]);

/** The locales shipped with visit-kit. */
export const SHIPPED_LOCALES = ['en', 'cy'] as const;

/** Adds (or extends) a language at run time; missing keys fall back to English. */
export function registerLocale(locale: string, strings: Partial<Record<MessageKey, Message>>): void {
  tables.set(locale, { ...tables.get(locale), ...strings });
}

/** The best table for a BCP 47 tag: exact (`cy-GB`), then language (`cy`), else English. */
export function resolveLocale(tag: string | undefined): string {
  if (!tag) return 'en';
  const lower = tag.toLowerCase();
  if (tables.has(lower)) return lower;
  const language = lower.split('-')[0] ?? 'en';
  return tables.has(language) ? language : 'en';
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** Looks a key up (overrides → locale → English), picks the plural form, and fills `{placeholders}`. */
export function translate(
  locale: string,
  key: MessageKey,
  variables: Variables = {},
  overrides?: StringOverrides,
): string {
  const message = overrides?.[key] ?? tables.get(resolveLocale(locale))?.[key] ?? en[key];
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

/** Every key of English, for completeness checks of other locales. */
export function missingKeys(table: MessageTable): MessageKey[] {
  return (Object.keys(en) as MessageKey[]).filter((key) => !(key in table));
}

export { en, cy };
