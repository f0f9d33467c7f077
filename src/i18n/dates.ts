// Dates and times for every element: Intl.DateTimeFormat in the prison's time zone (and the family's when
// different), with Welsh names of our own where the browser's ICU has no Welsh.

function intlLocale(locale: string): string {
  return locale === 'cy' ? 'cy-GB' : 'en-GB';
}

// Some browser builds ship ICU without Welsh (it then falls back to English silently), so Welsh names are
// kept here and used when Intl does not know `cy`.
const CY_WEEKDAYS = [
  'dydd Llun',
  'dydd Mawrth',
  'dydd Mercher',
  'dydd Iau',
  'dydd Gwener',
  'dydd Sadwrn',
  'dydd Sul',
];
const CY_WEEKDAYS_SHORT = ['Llun', 'Maw', 'Mer', 'Iau', 'Gwe', 'Sad', 'Sul'];
const CY_MONTHS = [
  'Ionawr',
  'Chwefror',
  'Mawrth',
  'Ebrill',
  'Mai',
  'Mehefin',
  'Gorffennaf',
  'Awst',
  'Medi',
  'Hydref',
  'Tachwedd',
  'Rhagfyr',
];

let welshSupported: boolean | undefined;

function ownWelsh(locale: string): boolean {
  if (locale !== 'cy') return false;
  welshSupported ??= Intl.DateTimeFormat.supportedLocalesOf(['cy']).length > 0;
  return !welshSupported;
}

/** Year, month (1–12), day and weekday (0 = Monday) of an instant in `timeZone`. */
function zonedParts(
  date: Date,
  timeZone: string,
): { year: number; month: number; day: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
  }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), weekday };
}

/** "Wednesday 2 December 2026" for an instant (in `timeZone`) or a calendar date (YYYY-MM-DD). */
export function formatDay(locale: string, value: string, timeZone: string, withYear = true): string {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (ownWelsh(locale)) {
    const { year, month, day, weekday } = zonedParts(
      new Date(isDate ? `${value}T12:00:00Z` : value),
      isDate ? 'UTC' : timeZone,
    );
    return `${CY_WEEKDAYS[weekday]}, ${day} ${CY_MONTHS[month - 1]}${withYear ? ` ${year}` : ''}`;
  }
  return new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: isDate ? 'UTC' : timeZone,
  }).format(new Date(isDate ? `${value}T12:00:00Z` : value));
}

/** "14:00" in `timeZone`. */
export function formatTime(locale: string, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}

/** "December 2026" for a calendar date. */
export function formatMonth(locale: string, date: string): string {
  if (ownWelsh(locale)) return `${CY_MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** Monday-first weekday names: `long` for screen readers, `short` for the grid header. */
export function weekdayNames(locale: string, width: 'long' | 'short'): string[] {
  if (ownWelsh(locale)) return width === 'long' ? [...CY_WEEKDAYS] : [...CY_WEEKDAYS_SHORT];
  const format = new Intl.DateTimeFormat(intlLocale(locale), { weekday: width, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(2024, 0, 1 + day, 12))));
}

/** True when the two zones show different wall-clock times at `iso`. */
export function zonesDiffer(iso: string, zoneA: string, zoneB: string): boolean {
  if (zoneA === zoneB) return false;
  const format = (timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(iso),
    );
  return format(zoneA) !== format(zoneB);
}

/** A readable name for an IANA zone, e.g. "Europe/Paris" → "Paris". */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/**
 * Any Intl date/time format, Welsh-safe: where the browser has no Welsh data, dates and times are composed
 * from `formatDay`/`formatTime` (long day names) instead of silently falling back to English.
 */
export function formatDateTime(
  locale: string,
  value: string | Date,
  options: Intl.DateTimeFormatOptions,
): string {
  const date = new Date(value);
  if (!ownWelsh(locale)) return new Intl.DateTimeFormat(intlLocale(locale), options).format(date);
  const timeZone = options.timeZone ?? 'UTC';
  const wantsDate = Boolean(options.dateStyle || options.month || options.day || options.weekday);
  const wantsTime = Boolean(options.timeStyle || options.hour || options.minute);
  const withYear = Boolean(options.year || options.dateStyle);
  return [
    wantsDate ? formatDay(locale, date.toISOString(), timeZone, withYear) : '',
    wantsTime ? formatTime(locale, date.toISOString(), timeZone) : '',
  ]
    .filter(Boolean)
    .join(', ');
}
