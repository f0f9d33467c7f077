// Notification texts: the tables live in server/i18n (en.ts, cy.ts); this keeps the helpers' old home.
import { whenInWords, type Lang } from './i18n/index.js';

export { t, type MessageKey } from './i18n/index.js';

/** A visit's start in words in the prison's time zone: "7:25pm on Tuesday 1 December 2026". */
export function when(instant: string, timeZone: string, lang: Lang): string {
  return whenInWords(lang, instant, timeZone);
}
