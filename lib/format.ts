import { parsePlainDate, plainDateInZone, type PlainDate } from './plain-date';

/**
 * A calendar date the way the user reads it, such as "Thu, 12 Mar" or "3月12日周四".
 * The year is shown only when it is not `currentYear`.
 */
export function formatPlainDate(date: PlainDate, language: string, currentYear?: number): string {
  const parts = parsePlainDate(date);
  if (!parts) return date;
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(currentYear === parts.year ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(parts.year, parts.month - 1, parts.day)));
}

/** The wall-clock time of `instant` in `timeZone`, 24-hour, such as "15:00". */
export function formatTimeInZone(instant: Date, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(instant);
}

/** Whether `instant` is exactly a local midnight in `timeZone`. */
export function isLocalMidnight(instant: Date, timeZone: string): boolean {
  return plainDateInZone(instant.getTime() - 1, timeZone) !== plainDateInZone(instant, timeZone) &&
    formatTimeInZone(instant, timeZone, 'en') === '00:00';
}
