import { readPlainDate, plainDateInZone, type PlainDate } from './plain-date';

// Building an Intl.DateTimeFormat costs far more than using one; the popup formats
// a date or two per card, so formatters are kept by their options.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(language, options);
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * A calendar date the way the user reads it, such as "Thu, 12 Mar" or "3月12日周四".
 * The year is shown only when it is not `currentYear`.
 */
export function formatPlainDate(date: PlainDate, language: string, currentYear?: number): string {
  const parts = readPlainDate(date);
  if (!parts) return date;
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(currentYear === parts.year ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  };
  const instant = new Date(0);
  instant.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return formatter(language, options).format(instant);
}

/** The wall-clock time of `instant` in `timeZone`, 24-hour, such as "15:00". */
export function formatTimeInZone(instant: Date, timeZone: string, language: string): string {
  return formatter(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(instant);
}

/**
 * The day and time of `instant` on the user's clock, in the popup's one date style:
 * "Thu, Mar 12 09:00", with the year only when it is not this year (at `now`, in
 * `timeZone`), as every other date in the popup.
 */
export function formatWhenInZone(instant: Date, timeZone: string, language: string, now: Date): string {
  const thisYear = readPlainDate(plainDateInZone(now, timeZone))?.year;
  return `${formatPlainDate(plainDateInZone(instant, timeZone), language, thisYear)} ${formatTimeInZone(instant, timeZone, language)}`;
}

/** Day, month and 24-hour time of `instant` in `timeZone`, such as "12 Mar, 08:59". */
export function formatDayTimeInZone(instant: Date, timeZone: string, language: string): string {
  return formatter(language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
    instant,
  );
}

/** Whether `instant` is exactly a local midnight in `timeZone`. */
export function isLocalMidnight(instant: Date, timeZone: string): boolean {
  return (
    plainDateInZone(instant.getTime() - 1, timeZone) !== plainDateInZone(instant, timeZone) &&
    formatTimeInZone(instant, timeZone, 'en') === '00:00'
  );
}
