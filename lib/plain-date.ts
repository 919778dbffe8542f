import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, differenceInCalendarDays } from 'date-fns';

/**
 * A calendar date with no time and no zone, written `YYYY-MM-DD`.
 *
 * Card rules are stated in calendar days ("30 days after you paid", "ends on
 * 12 March"), and a calendar day only becomes an instant once a zone is named.
 * Keeping dates as plain strings until that moment means no arithmetic ever
 * happens in the machine's own zone by accident.
 */
export type PlainDate = string;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` into its parts, or returns `null` for anything that is not a real date. */
export function parsePlainDate(value: string): { year: number; month: number; day: number } | null {
  const match = PLAIN_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one (Date.UTC takes a 0-based month).
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return { year, month, day };
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (so `2026-02-29` is not). */
export function isPlainDate(value: string): boolean {
  return parsePlainDate(value) !== null;
}

function utcDate(date: PlainDate): TZDate {
  const parts = parsePlainDate(date);
  if (!parts) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  return new TZDate(parts.year, parts.month - 1, parts.day, 'UTC');
}

function formatUtc(date: Date): PlainDate {
  const y = date.getUTCFullYear().toString().padStart(4, '0');
  const m = (date.getUTCMonth() + 1).toString().padStart(2, '0');
  const d = date.getUTCDate().toString().padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Adds whole calendar days.
 *
 * @example
 * addPlainDays('2028-02-28', 1) //=> '2028-02-29'
 */
export function addPlainDays(date: PlainDate, amount: number): PlainDate {
  return formatUtc(addDays(utcDate(date), amount));
}

/**
 * Adds calendar months, clamping to the month's last day, like date-fns `addMonths`.
 * Callers that chain periods add `k` months to the original anchor (not one month
 * `k` times), so a 31st anchor comes back to the 31st whenever the month allows.
 *
 * @example
 * addPlainMonths('2026-01-31', 1) //=> '2026-02-28'
 * addPlainMonths('2026-01-31', 2) //=> '2026-03-31'
 */
export function addPlainMonths(date: PlainDate, amount: number): PlainDate {
  return formatUtc(addMonths(utcDate(date), amount));
}

/**
 * Whole calendar days from `earlierDate` to `laterDate` (negative when reversed).
 *
 * @example
 * differenceInPlainDays('2026-03-01', '2026-02-28') //=> 1
 */
export function differenceInPlainDays(laterDate: PlainDate, earlierDate: PlainDate): number {
  return differenceInCalendarDays(utcDate(laterDate), utcDate(earlierDate));
}

/** Orders two plain dates; `YYYY-MM-DD` strings sort like the dates they name. */
export function comparePlainDates(a: PlainDate, b: PlainDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two plain dates. */
export function laterPlainDate(a: PlainDate, b: PlainDate): PlainDate {
  return a >= b ? a : b;
}

/** The earlier of two plain dates. */
export function earlierPlainDate(a: PlainDate, b: PlainDate): PlainDate {
  return a <= b ? a : b;
}

/**
 * The calendar date that `instant` falls on in `timeZone`.
 *
 * @example
 * // 01:30 on 1 March in Shanghai is still 28 February in Los Angeles.
 * plainDateInZone(new Date('2026-02-28T17:30:00Z'), 'America/Los_Angeles') //=> '2026-02-28'
 */
export function plainDateInZone(instant: Date | number, timeZone: string): PlainDate {
  const zoned = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  const y = zoned.getFullYear().toString().padStart(4, '0');
  const m = (zoned.getMonth() + 1).toString().padStart(2, '0');
  const d = zoned.getDate().toString().padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * The first instant of `date` in `timeZone` (local midnight, or the first
 * existing minute where a DST change skips midnight).
 */
export function startOfPlainDateInZone(date: PlainDate, timeZone: string): Date {
  const parts = parsePlainDate(date);
  if (!parts) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  return new Date(new TZDate(parts.year, parts.month - 1, parts.day, timeZone).getTime());
}

/**
 * The instant at `hour:minute` local time on `date` in `timeZone`.
 * A time skipped by a DST change moves forward to the first valid one.
 */
export function instantAtLocalTime(date: PlainDate, hour: number, minute: number, timeZone: string): Date {
  const parts = parsePlainDate(date);
  if (!parts) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  return new Date(new TZDate(parts.year, parts.month - 1, parts.day, hour, minute, timeZone).getTime());
}

/** Whether the runtime knows `timeZone` as an IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone the browser runs in, which is the user's own by default. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
