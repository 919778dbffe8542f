import { wallClockAsUtc, zoneOffsetMs } from './zone-offset';

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

const DAY_MS = 86_400_000;

/** Midnight UTC starting the date, in ms: the date's day number times a day. */
function utcMidnight(parts: { year: number; month: number; day: number }): number {
  const ms = new Date(0);
  // setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999.
  ms.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return ms.getTime();
}

/**
 * Days since 1970-01-01 of a date. All day arithmetic runs on these numbers
 * (UTC has no DST and skips no day), never on a Date in the machine's zone: a
 * machine in Pacific/Apia has no 30 December 2011, and date-fns on local Dates
 * counted it away.
 */
function dayNumberOf(date: PlainDate): number {
  const parts = readPlainDate(date);
  if (!parts) throw new PlainDateRangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  return utcMidnight(parts) / DAY_MS;
}

function plainDateOfParts(year: number, month: number, day: number): PlainDate {
  // Past year 99999 (or before year 1) a date can no longer be read back: say so instead of writing one.
  if (!(year >= MIN_COMPUTED_YEAR && year <= 99999)) {
    throw new PlainDateRangeError(`A computed date falls outside years ${MIN_COMPUTED_YEAR}–99999`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function plainDateOfDayNumber(dayNumber: number): PlainDate {
  const date = new Date(dayNumber * DAY_MS);
  // NaN for a sum far past what a Date can hold (±273 790 years): the same error as any date out of range.
  if (Number.isNaN(date.getTime())) throw new PlainDateRangeError(`A computed date falls outside years ${MIN_COMPUTED_YEAR}–99999`);
  return plainDateOfParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function daysInMonth(year: number, month: number): number {
  const lastOfMonth = new Date(0);
  lastOfMonth.setUTCFullYear(year, month, 0);
  return lastOfMonth.getUTCDate();
}

/**
 * Adds whole calendar days (a fraction is cut off), whatever the machine's zone.
 *
 * @example
 * addPlainDays('2028-02-28', 1) //=> '2028-02-29'
 * addPlainDays('2011-12-29', 1) //=> '2011-12-30' (even on a machine in Pacific/Apia, which skipped that day)
 */
export function addPlainDays(date: PlainDate, amount: number): PlainDate {
  return plainDateOfDayNumber(dayNumberOf(date) + Math.trunc(amount));
}

/**
 * Adds calendar months (a fraction is cut off), clamping to the month's last day, like date-fns `addMonths`.
 * Callers that chain periods add `k` months to the original anchor (not one month
 * `k` times), so a 31st anchor comes back to the 31st whenever the month allows.
 *
 * @example
 * addPlainMonths('2026-01-31', 1) //=> '2026-02-28'
 * addPlainMonths('2026-01-31', 2) //=> '2026-03-31'
 */
export function addPlainMonths(date: PlainDate, amount: number): PlainDate {
  const parts = readPlainDate(date);
  if (!parts) throw new PlainDateRangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  const months = parts.year * 12 + (parts.month - 1) + Math.trunc(amount);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  if (!Number.isFinite(year)) throw new PlainDateRangeError(`A computed date falls outside years ${MIN_COMPUTED_YEAR}–99999`);
  return plainDateOfParts(year, month, year >= MIN_COMPUTED_YEAR && year <= 99999 ? Math.min(parts.day, daysInMonth(year, month)) : 1);
}

/**
 * Whole calendar days from `earlierDate` to `laterDate` (negative when reversed).
 *
 * @example
 * differenceInPlainDays('2026-03-01', '2026-02-28') //=> 1
 */
export function differenceInPlainDays(laterDate: PlainDate, earlierDate: PlainDate): number {
  return dayNumberOf(laterDate) - dayNumberOf(earlierDate);
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
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  // Thousands of cards ask for the same instant in a few zones: the last answer per zone is kept.
  const last = lastDayInZone.get(timeZone);
  if (last?.ms === ms) return last.date;
  const parts = dayFormatter(timeZone).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
  lastDayInZone.set(timeZone, { ms, date });
  return date;
}

const lastDayInZone = new Map<string, { ms: number; date: PlainDate }>();

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

/**
 * Every instant whose wall clock in `timeZone` reads `wall` (a wall time written
 * as if it were UTC), earliest first: one, two where a change repeats the hour,
 * none where a change skips it. The offsets tried are those a day either side,
 * as Temporal does; no zone changes offset twice within two days.
 */
function instantsAtWallTime(wall: number, timeZone: string): WallTimeInstants {
  const key = `${timeZone}|${wall}`;
  let found = wallTimeInstants.get(key);
  if (!found) {
    // Zone arithmetic is slow (every reading goes through Intl) and cards share their days and times.
    if (wallTimeInstants.size > 20_000) wallTimeInstants.clear();
    found = computeInstantsAtWallTime(wall, timeZone);
    wallTimeInstants.set(key, found);
  }
  return found;
}

interface WallTimeInstants {
  readonly instants: readonly number[];
  readonly offsetBefore: number;
  readonly offsetAfter: number;
}
const wallTimeInstants = new Map<string, WallTimeInstants>();

function computeInstantsAtWallTime(wall: number, timeZone: string): WallTimeInstants {
  const offsetBefore = zoneOffsetMs(timeZone, wall - DAY_MS);
  const offsetAfter = zoneOffsetMs(timeZone, wall + DAY_MS);
  const instants = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wall - offset)
    .filter((instant) => wallClockAsUtc(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  return { instants, offsetBefore, offsetAfter };
}

/** Wall time `hour:minute` on the date, written as if it were UTC. */
function wallTimeOf(date: PlainDate, hour: number, minute: number): number {
  const parts = readPlainDate(date);
  if (!parts) throw new PlainDateRangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  return utcMidnight(parts) + hour * 3_600_000 + minute * 60_000;
}

/**
 * The instant of wall-clock `hour:minute` on the date in `timeZone`, worked out
 * from the zone's own offsets and never through the machine's zone. A time
 * skipped by a change is read with the offset before the change, so it moves
 * forward by the length of the gap (02:30 on a 02:00→03:00 night is 03:30); a
 * time that happens twice is the earlier. That is Temporal's `compatible`
 * reading and RFC 5545's (§3.3.5), so a calendar reading the .ics agrees.
 */
function zonedInstant(wall: number, timeZone: string): number {
  const { instants, offsetBefore } = instantsAtWallTime(wall, timeZone);
  return instants[0] ?? wall - offsetBefore;
}

const dayStarts = new Map<string, number>();

/**
 * The first instant of `date` in `timeZone`: local midnight; where a change
 * skips midnight, the first instant after the gap (00:30 on 31 March 1919 in
 * America/Toronto, 01:00 on 4 November 2018 in America/Sao_Paulo); where a
 * change repeats midnight, the first of the two. A day a zone skipped whole
 * (30 December 2011 in Pacific/Apia) starts, and ends, where the next day starts.
 */
export function startOfPlainDateInZone(date: PlainDate, timeZone: string): Date {
  const key = `${date}|${timeZone}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    const midnight = wallTimeOf(date, 0, 0);
    // The popup asks for the same few days over and over.
    if (dayStarts.size > 20_000) dayStarts.clear();
    const { instants, offsetBefore, offsetAfter } = instantsAtWallTime(midnight, timeZone);
    start = instants[0] ?? endOfGap(midnight, offsetBefore, offsetAfter, timeZone);
    dayStarts.set(key, start);
  }
  return new Date(start);
}

/** The first instant whose wall clock reads `wall` or later, when a change skips `wall`. */
function endOfGap(wall: number, offsetBefore: number, offsetAfter: number, timeZone: string): number {
  // The change lies between these two: before it the wall clock is short of `wall`, after it past.
  let low = wall - offsetAfter;
  let high = wall - offsetBefore;
  while (high - low > 1) {
    const mid = low + Math.floor((high - low) / 2);
    if (wallClockAsUtc(mid, timeZone) >= wall) high = mid;
    else low = mid;
  }
  return high;
}

/**
 * The instant at `hour:minute` local time on `date` in `timeZone`. A time
 * skipped by a DST change moves forward by the length of the gap (the offset
 * before the change applies); a time that happens twice is the earlier one.
 *
 * @example
 * instantAtLocalTime('2026-03-08', 2, 30, 'America/Los_Angeles') //=> 2026-03-08T10:30:00Z (03:30 PDT)
 * instantAtLocalTime('2026-11-01', 1, 30, 'America/Los_Angeles') //=> 2026-11-01T08:30:00Z (01:30 PDT, the first)
 */
export function instantAtLocalTime(date: PlainDate, hour: number, minute: number, timeZone: string): Date {
  return new Date(zonedInstant(wallTimeOf(date, hour, minute), timeZone));
}

/**
 * Every instant at `hour:minute` on `date` in `timeZone`, earliest first: one
 * on most days, none when a change skips that time, two when it repeats it.
 * For callers that must know the time is unambiguous (the calendar export).
 */
export function possibleInstantsAtLocalTime(date: PlainDate, hour: number, minute: number, timeZone: string): Date[] {
  return instantsAtWallTime(wallTimeOf(date, hour, minute), timeZone).instants.map((ms) => new Date(ms));
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
