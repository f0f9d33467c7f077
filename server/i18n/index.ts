// The server's languages: which one a person gets, and their texts with dates and times in words.
import * as cy from './cy.js';
import * as en from './en.js';
import type { MessageKey, ProblemText } from './en.js';

export type { MessageKey, ProblemCode, ProblemText } from './en.js';
export type Lang = 'en' | 'cy';
export const LANGS: readonly Lang[] = ['en', 'cy'];

/** An instant to be written in words in a time zone: `time` "7:25pm", `day` "Tuesday 1 December". */
export interface When {
  at: string | Date;
  timeZone: string;
  as: 'time' | 'day';
}
/** A calendar date (YYYY-MM-DD) to be written in words: "1 December 2026" / "1 Rhagfyr 2026". */
export interface CalendarDate {
  date: string;
}
export type Value = string | number | When | CalendarDate;
export type Vars = Record<string, Value>;

/** A problem detail: one of the catalogue's texts, with the values for its `{placeholders}`. */
export type Detail = ProblemText | { text: ProblemText; vars: Vars };

const tables = {
  en: { problems: null, titles: en.problemTitles, messages: en.messages },
  cy: { problems: cy.problemTexts, titles: cy.problemTitles, messages: cy.messages },
} as const;

/**
 * The best supported language in an `Accept-Language` header (RFC 9110 §12.5.4): by q-value, then by order;
 * `cy-GB` counts as `cy`, `*` names none, `q=0` means "not this". None supported → undefined.
 */
export function negotiate(header: string | null | undefined): Lang | undefined {
  if (!header) return undefined;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',').slice(0, 50)) {
    const [range = '', ...params] = part.trim().split(';');
    let q = 1;
    for (const param of params) {
      const [name, value] = param.trim().split('=');
      if (name?.trim().toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0;
      }
    }
    const primary = range.trim().toLowerCase().split('-')[0];
    // `*` ("any language", which Node's fetch sends by default) names none: the stored preference decides
    const lang: Lang | undefined = primary === 'cy' ? 'cy' : primary === 'en' ? 'en' : undefined;
    if (lang && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang;
}

// Building an Intl.DateTimeFormat costs far more than using one: keep each one made.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: Lang, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(options)}`;
  let made = formats.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { timeZone, ...options });
    formats.set(key, made);
  }
  return made;
}

function parts(lang: Lang, at: Date, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const out: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of format(lang, timeZone, options).formatToParts(at)) out[p.type] = p.value;
  return out;
}

/** "7:25pm" / "7:25yh" (GOV.UK style: 12-hour, no space; Welsh y bore / yr hwyr). */
export function timeInWords(lang: Lang, at: Date, timeZone: string): string {
  const p = parts(lang, at, timeZone, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
  const hour = Number(p.hour) % 24;
  const clock = `${hour % 12 === 0 ? 12 : hour % 12}:${p.minute}`;
  if (lang === 'cy') return `${clock}${hour < 12 ? 'yb' : 'yh'}`;
  return `${clock}${hour < 12 ? 'am' : 'pm'}`;
}

/**
 * "Tuesday 1 December" / "ddydd Mawrth 1 Rhagfyr" (Welsh in the adverbial form "on Tuesday": the mutated
 * "ddydd" stands for English "on"), with the year when `year` is set.
 */
export function dayInWords(lang: Lang, at: Date, timeZone: string, year = false): string {
  const p = parts(lang, at, timeZone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(year ? { year: 'numeric' } : {}),
  });
  const tail = `${p.day} ${p.month}${year ? ` ${p.year}` : ''}`;
  if (lang === 'cy') return `ddydd ${(p.weekday ?? '').replace(/^dydd\s+/i, '')} ${tail}`;
  return `${p.weekday} ${tail}`;
}

/** "7:25pm on Tuesday 1 December 2026" / "7:25yh ddydd Mawrth 1 Rhagfyr 2026": a visit's start in messages. */
export function whenInWords(lang: Lang, at: string | Date, timeZone: string): string {
  const instant = new Date(at);
  const joiner = lang === 'cy' ? ' ' : ' on ';
  return `${timeInWords(lang, instant, timeZone)}${joiner}${dayInWords(lang, instant, timeZone, true)}`;
}

function value(lang: Lang, v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if ('date' in v) {
    // A calendar date has no time zone: read it at noon UTC so no zone moves it to another day. No weekday,
    // so no Welsh mutation depends on the word before it.
    const p = parts(lang, new Date(`${v.date}T12:00:00Z`), 'UTC', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    return `${p.day} ${p.month} ${p.year}`;
  }
  const at = new Date(v.at);
  return v.as === 'time' ? timeInWords(lang, at, v.timeZone) : dayInWords(lang, at, v.timeZone);
}

function fill(template: string, lang: Lang, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    return v === undefined ? '' : value(lang, v);
  });
}

/** A problem detail in `lang`. */
export function problemDetail(lang: Lang, detail: Detail): string {
  const { text, vars } = typeof detail === 'string' ? { text: detail, vars: {} } : detail;
  const template = lang === 'cy' ? tables.cy.problems[text] : text;
  return fill(template, lang, vars);
}

/** A field message (`errors[].message`) in `lang`: English as written; Welsh from the table, else a general one. */
export function fieldMessage(lang: Lang, message: string): string {
  return lang === 'cy' ? (cy.fields[message] ?? cy.fieldFallback) : message;
}

/** A problem code's title in `lang` (an unknown code is its own title). */
export function problemTitle(lang: Lang, code: string): string {
  const titles: Record<string, string> = tables[lang].titles;
  return titles[code] ?? code;
}

/** An email, SMS or calendar text in `lang`. */
export function t(lang: Lang, key: MessageKey, vars: Vars = {}): string {
  return fill(tables[lang].messages[key], lang, vars);
}
