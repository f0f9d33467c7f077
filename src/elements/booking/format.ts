// Dates and times for families: Intl.DateTimeFormat in the prison's time zone, and the family's when different.

function intlLocale(locale: string): string {
  return locale === 'cy' ? 'cy-GB' : 'en-GB';
}

/** "Wednesday 2 December 2026" for an instant (in `timeZone`) or a calendar date (YYYY-MM-DD). */
export function formatDay(locale: string, value: string, timeZone: string, withYear = true): string {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
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
  return new Intl.DateTimeFormat(intlLocale(locale), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** Monday-first weekday names: `long` for screen readers, `short` for the grid header. */
export function weekdayNames(locale: string, width: 'long' | 'short'): string[] {
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
