import { tzOffset } from '@date-fns/tz';
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

/** The first date SIM Keeper accepts from a user or from storage. */
export const MIN_PLAIN_DATE: PlainDate = '1900-01-01';
/** The last date SIM Keeper accepts from a user or from storage (people enter it for "never"). */
export const MAX_PLAIN_DATE: PlainDate = '9999-12-31';

/**
 * A date computed outside the range the arithmetic can represent (years 1 to
 * 99999). Only absurd histories get there (a thousand renewals of ten years
 * each); a card that needs one is shown as "cannot compute", never as a crash.
 */
export class PlainDateRangeError extends RangeError {
  override name = 'PlainDateRangeError';
}

// Dates entered or stored are four-digit years from 1900 (see MIN/MAX above). Dates
// computed from them may run past 9999 (a 30-day grace after 9999-12-31, the user's
// calendar a zone ahead), so the arithmetic reads and writes years 1 to 99999:
// headroom for every sum a stored card can ask for, short of absurd histories.
const COMPUTED_DATE = /^(\d{4}|[1-9]\d{4})-(\d{2})-(\d{2})$/;
const MIN_COMPUTED_YEAR = 1;

/**
 * Reads any date the arithmetic can produce (years 1 to 99999), or `null`: for
 * showing and counting computed dates, which may run past 9999. Input from a
 * user or from storage is checked with `isPlainDate` instead.
 */
export function readPlainDate(value: string): { year: number; month: number; day: number } | null {
  const match = COMPUTED_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_COMPUTED_YEAR || month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one (the month is 0-based here).
  // setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999.
  const lastOfMonth = new Date(0);
  lastOfMonth.setUTCFullYear(year, month, 0);
  const daysInMonth = lastOfMonth.getUTCDate();
  if (day > daysInMonth) return null;
  return { year, month, day };
}

/**
 * Parses `YYYY-MM-DD` into its parts, or returns `null` for anything that is not
 * a real date within the supported range (`MIN_PLAIN_DATE` to `MAX_PLAIN_DATE`).
 */
export function parsePlainDate(value: string): { year: number; month: number; day: number } | null {
  const parts = readPlainDate(value);
  if (!parts || parts.year < 1900 || parts.year > 9999) return null;
  return parts;
}

/**
 * Whether `value` is a real calendar date written `YYYY-MM-DD` from 1900-01-01
 * to 9999-12-31 (so `2026-02-29` and `99999-12-31` are not). The card schema
 * uses this, so every stored date can be computed with.
 */
export function isPlainDate(value: string): boolean {
  return parsePlainDate(value) !== null;
}

/** Why `value` is not a supported date: `shape` (not a real `YYYY-MM-DD` date) or `range` (a real date outside 1900–9999). */
export function plainDateProblem(value: string): 'shape' | 'range' | null {
  if (isPlainDate(value)) return null;
  return /^\d{4,}-\d{2}-\d{2}$/.test(value) && realDateOfAnyYear(value) ? 'range' : 'shape';
}

function realDateOfAnyYear(value: string): boolean {
  const match = /^(\d+)-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const lastOfMonth = new Date(0);
  // A leap year repeats every 400 years, so the year modulo 400 tells whether 29 Feb exists.
  lastOfMonth.setUTCFullYear(2000 + (Number((match[1] ?? '').slice(-6)) % 400), month, 0);
  return day <= lastOfMonth.getUTCDate();
}

/**
 * The instant of wall-clock `hour:minute` on the date in `timeZone`, worked out
 * from the zone's own offsets. (TZDate's constructor goes through the machine's
 * zone and is an hour off when that zone skips the same wall time: a machine in
 * Asia/Beirut put the start of 29 March in London at 01:00 UTC.) A time skipped
 * by a DST change moves forward by the gap; a time that happens twice is the first.
 */
function zonedInstant(parts: { year: number; month: number; day: number }, hour: number, minute: number, timeZone: string): number {
  const wall = new Date(0);
  // setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999.
  wall.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  wall.setUTCHours(hour, minute, 0, 0);
  const wallAsUtc = wall.getTime();
  const DAY_MS = 86_400_000;
  const offsetBefore = tzOffset(timeZone, new Date(wallAsUtc - DAY_MS));
  const offsetAfter = tzOffset(timeZone, new Date(wallAsUtc + DAY_MS));
  const withBefore = Math.round(wallAsUtc - offsetBefore * 60_000);
  const withAfter = Math.round(wallAsUtc - offsetAfter * 60_000);
  const beforeHolds = tzOffset(timeZone, new Date(withBefore)) === offsetBefore;
  const afterHolds = tzOffset(timeZone, new Date(withAfter)) === offsetAfter;
  if (beforeHolds && afterHolds) return Math.min(withBefore, withAfter);
  if (afterHolds) return withAfter;
  // Valid with the earlier offset, or skipped: read with the offset in force before the change.
  return withBefore;
}

/**
 * The plain date as a native Date at local midnight of the machine's zone.
 * date-fns adds days and months on the calendar fields of such a Date and
 * counts calendar days between two of them with DST corrected, so the result
 * does not depend on the machine's zone, and native Dates are far faster than
 * zoned ones (the popup computes thousands of these for 500 cards).
 */
function calendarDate(date: PlainDate): Date {
  const parts = readPlainDate(date);
  if (!parts) throw new PlainDateRangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  const local = new Date(parts.year, parts.month - 1, parts.day);
  // The Date constructor reads years 0–99 as 1900–1999.
  if (parts.year < 100) local.setFullYear(parts.year);
  return local;
}

function formatCalendarDate(date: Date): PlainDate {
  const year = date.getFullYear();
  // Past year 99999 (or before year 1) a date can no longer be read back: say so instead of writing one.
  if (!(year >= MIN_COMPUTED_YEAR && year <= 99999)) {
    throw new PlainDateRangeError(`A computed date falls outside years ${MIN_COMPUTED_YEAR}–99999`);
  }
  const y = date.getFullYear().toString().padStart(4, '0');
  const m = (date.getMonth() + 1).toString().padStart(2, '0');
  const d = date.getDate().toString().padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Adds whole calendar days.
 *
 * @example
 * addPlainDays('2028-02-28', 1) //=> '2028-02-29'
 */
export function addPlainDays(date: PlainDate, amount: number): PlainDate {
  return formatCalendarDate(addDays(calendarDate(date), amount));
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
  return formatCalendarDate(addMonths(calendarDate(date), amount));
}

/**
 * Whole calendar days from `earlierDate` to `laterDate` (negative when reversed).
 *
 * @example
 * differenceInPlainDays('2026-03-01', '2026-02-28') //=> 1
 */
export function differenceInPlainDays(laterDate: PlainDate, earlierDate: PlainDate): number {
  return differenceInCalendarDays(calendarDate(laterDate), calendarDate(earlierDate));
}

/**
 * Orders two plain dates. `YYYY-MM-DD` strings of one length sort like the dates
 * they name; a five-digit year (a date computed past 9999) is later than any four-digit one.
 */
export function comparePlainDates(a: PlainDate, b: PlainDate): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two plain dates. */
export function laterPlainDate(a: PlainDate, b: PlainDate): PlainDate {
  return comparePlainDates(a, b) >= 0 ? a : b;
}

/** The earlier of two plain dates. */
export function earlierPlainDate(a: PlainDate, b: PlainDate): PlainDate {
  return comparePlainDates(a, b) <= 0 ? a : b;
}

/**
 * The calendar date that `instant` falls on in `timeZone`.
 *
 * @example
 * // 01:30 on 1 March in Shanghai is still 28 February in Los Angeles.
 * plainDateInZone(new Date('2026-02-28T17:30:00Z'), 'America/Los_Angeles') //=> '2026-02-28'
 */
export function plainDateInZone(instant: Date | number, timeZone: string): PlainDate {
  const parts = dayFormatter(timeZone).formatToParts(typeof instant === 'number' ? instant : instant.getTime());
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

const dayStarts = new Map<string, number>();

/**
 * The first instant of `date` in `timeZone` (local midnight, or the first
 * existing minute where a DST change skips midnight).
 */
export function startOfPlainDateInZone(date: PlainDate, timeZone: string): Date {
  const parts = readPlainDate(date);
  if (!parts) throw new PlainDateRangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  const key = `${date}|${timeZone}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    // Zoned arithmetic is slow and the popup asks for the same few days over and over.
    if (dayStarts.size > 20_000) dayStarts.clear();
    start = zonedInstant(parts, 0, 0, timeZone);
    dayStarts.set(key, start);
  }
  return new Date(start);
}

/**
 * The instant at `hour:minute` local time on `date` in `timeZone`.
 * A time skipped by a DST change moves forward to the first valid one.
 */
export function instantAtLocalTime(date: PlainDate, hour: number, minute: number, timeZone: string): Date {
  const parts = readPlainDate(date);
  if (!parts) throw new PlainDateRangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  return new Date(zonedInstant(parts, hour, minute, timeZone));
}

/** Whether the runtime knows `timeZone` as an IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  const known = knownZones.get(timeZone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    dayFormatter(timeZone);
    valid = true;
  } catch {
    valid = false;
  }
  knownZones.set(timeZone, valid);
  return valid;
}
const knownZones = new Map<string, boolean>();

export { browserTimeZone } from './browser-zone';
