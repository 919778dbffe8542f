import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addPlainDays,
  addPlainMonths,
  differenceInPlainDays,
  instantAtLocalTime,
  plainDateInZone,
  possibleInstantsAtLocalTime,
  startOfPlainDateInZone,
} from '../../lib/dates/plain-date';

/*
 * Every zone the schema allows, years 1900–2030 and the 9999 edge, against an
 * oracle that shares no code with lib/dates: it reads only what Intl shows of
 * an instant in a zone, and finds days and times by scanning and bisecting.
 * Each property runs on a machine in several zones (Node follows process.env.TZ
 * as it changes), because the old code counted days on the machine's calendar.
 */

const ZONES = [
  'Pacific/Apia', // skipped 30 Dec 2011
  'Pacific/Kiritimati', // skipped 31 Dec 1994
  'Pacific/Kwajalein', // skipped 21 Aug 1993
  'Africa/Monrovia', // −0:44:30 until 1972
  'Europe/Dublin', // −0:25:21 until 1916
  'Europe/London', // −0:01:15 until 1847
  'Africa/Casablanca', // −0:30:20 until 1913
  'America/Toronto', // 31 Mar 1919: 23:30 → 00:30
  'America/Sao_Paulo', // 4 Nov 2018: midnight skipped
  'Australia/Lord_Howe', // 30-minute DST
  'Asia/Kathmandu', // +5:45
  'America/Los_Angeles',
  'Asia/Shanghai',
  'UTC',
] as const;

const MACHINE_ZONES = ['Pacific/Apia', 'Pacific/Kiritimati', 'America/Sao_Paulo', 'UTC'];
// Zoned arithmetic is the expensive check (the oracle scans 80 hours per case): two machine zones, the CI runs add the rest.
const ZONED_MACHINE_ZONES = ['Pacific/Apia', 'UTC'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// --- The oracle: Intl only -------------------------------------------------

const oracleFormatters = new Map<string, Intl.DateTimeFormat>();
/** The wall clock of `ms` in `zone` as `YYYY-MM-DDTHH:MM:SS` (sorts like the times it names, years 1000–9999). */
function wallOf(ms: number, zone: string): string {
  let formatter = oracleFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    oracleFormatters.set(zone, formatter);
  }
  const p = Object.fromEntries(formatter.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${String(p.year).padStart(4, '0')}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** A wall time `YYYY-MM-DDTHH:MM:SS` read as UTC, in ms: ISO parsing (years past 9999 in ISO's six-digit form), no Date field setters. */
function utcOfWall(wall: string): number {
  const year = wall.slice(0, wall.indexOf('-', 1));
  return Date.parse(`${year.length > 4 ? `+${year.padStart(6, '0')}` : year}${wall.slice(year.length)}Z`);
}

function oracleUtcMidnight(date: string): number {
  return utcOfWall(`${date}T00:00:00`);
}

/** The first instant with `wallOf(t) >= wall`, scanning a day and a half either side in 15-minute steps, then bisecting to the ms. */
function oracleFirstInstantAtOrAfter(wall: string, around: number, zone: string): number {
  const STEP = 15 * 60_000;
  let previous = around - 40 * HOUR;
  for (let t = previous + STEP; t <= around + 40 * HOUR; t += STEP) {
    if (wallOf(t, zone) >= wall) {
      let low = previous;
      let high = t;
      while (high - low > 1) {
        const mid = low + Math.floor((high - low) / 2);
        if (wallOf(mid, zone) >= wall) high = mid;
        else low = mid;
      }
      return high;
    }
    previous = t;
  }
  throw new Error(`oracle: no instant reaches ${wall} in ${zone}`);
}

function oracleStartOfDay(date: string, zone: string): number {
  return oracleFirstInstantAtOrAfter(`${date}T00:00:00`, oracleUtcMidnight(date), zone);
}

/** Every instant whose wall clock reads `date hh:mm:00`, found by trying every offset seen within 40 hours. */
function oracleInstantsAt(date: string, hour: number, minute: number, zone: string): number[] {
  const wallUtc = oracleUtcMidnight(date) + hour * HOUR + minute * 60_000;
  const wall = `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;
  const offsets = new Set<number>();
  for (let t = wallUtc - 40 * HOUR; t <= wallUtc + 40 * HOUR; t += 30 * 60_000) {
    offsets.add(utcOfWall(wallOf(t, zone)) - Math.floor(t / 1000) * 1000);
  }
  return [...offsets]
    .map((offset) => wallUtc - offset)
    .filter((t) => wallOf(t, zone) === wall)
    .sort((a, b) => a - b);
}

/** Temporal's `compatible` reading: the earlier of two; in a gap, the wall time pushed forward by the gap. */
function oracleInstantAt(date: string, hour: number, minute: number, zone: string): number {
  const found = oracleInstantsAt(date, hour, minute, zone);
  if (found.length > 0) return found[0]!;
  const wallUtc = oracleUtcMidnight(date) + hour * HOUR + minute * 60_000;
  const wall = `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;
  const gapEnd = oracleFirstInstantAtOrAfter(wall, wallUtc, zone);
  const offsetBefore = utcOfWall(wallOf(gapEnd - 1000, zone)) - (gapEnd - 1000);
  return wallUtc - offsetBefore;
}

// --- Inputs ----------------------------------------------------------------

const MIN_DAY = Date.UTC(1900, 0, 1) / DAY;
const MAX_DAY = Date.UTC(2030, 11, 31) / DAY;
/** Days where a zone above skips, repeats or shifts a day or midnight, and the 9999 edge. */
const ODD_DAYS = [
  '2011-12-29',
  '2011-12-30',
  '2011-12-31',
  '1994-12-30',
  '1994-12-31',
  '1995-01-01',
  '1993-08-20',
  '1993-08-21',
  '1993-08-22',
  '1919-03-30',
  '1919-03-31',
  '2018-11-03',
  '2018-11-04',
  '1971-06-30',
  '1972-01-07',
  '1916-05-21',
  '1916-10-01',
  '1913-10-26',
  '2026-04-05',
  '2026-10-04',
  '1900-01-01',
  '9999-12-30',
  '9999-12-31',
];

const isoOfDay = (dayNumber: number) => new Date(dayNumber * DAY).toISOString().slice(0, 10);
const anyDate = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: MIN_DAY, max: MAX_DAY }).map(isoOfDay) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_DAYS) },
);
const anyZone = fc.constantFrom(...ZONES);

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

// Intl is slow on a busy machine: each property has its own run count, and the file a generous timeout.
const TIMEOUT = 20_000;

describe('day arithmetic does not depend on the machine zone', () => {
  it.each(MACHINE_ZONES)(
    'on a machine in %s, addPlainDays / differenceInPlainDays / addPlainMonths match the oracle (seeded)',
    (machine) => {
      process.env.TZ = machine;
      fc.assert(
        fc.property(anyDate, fc.integer({ min: -800, max: 800 }), (date, amount) => {
          const expected = isoOfDayFromUtcIntl(oracleUtcMidnight(date) + amount * DAY);
          expect(addPlainDays(date, amount)).toBe(expected);
          if (expected.length === 10) expect(differenceInPlainDays(expected, date)).toBe(amount);
          // Months: the same day of the month k months on, or the month's last day.
          const months = amount % 40;
          const [y, m, d] = date.split('-').map(Number) as [number, number, number];
          const total = y * 12 + (m - 1) + months;
          const year = Math.floor(total / 12);
          const month = total - year * 12 + 1;
          if (year > 9999 || (year === 9999 && month === 12)) return;
          // The last day of the month: the day before the 1st of the next, read by Intl.
          const firstOfNext = oracleUtcMidnight(
            `${String(month === 12 ? year + 1 : year).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}-01`,
          );
          const lastDay = Number(wallOf(firstOfNext - DAY, 'UTC').slice(8, 10));
          const expectedMonth = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
          expect(addPlainMonths(date, months)).toBe(expectedMonth);
        }),
        { seed: 20_2611, numRuns: 400 },
      );
    },
    TIMEOUT,
  );
});

/** `YYYY-MM-DD` of a UTC instant, read by Intl (years past 9999 written in full). */
function isoOfDayFromUtcIntl(ms: number): string {
  return wallOf(ms, 'UTC').slice(0, -9);
}

describe('days and times in zones match the Intl oracle', () => {
  it.each(ZONED_MACHINE_ZONES)(
    'startOfPlainDateInZone on a machine in %s (seeded)',
    (machine) => {
      process.env.TZ = machine;
      fc.assert(
        fc.property(anyDate, anyZone, (date, zone) => {
          expect(startOfPlainDateInZone(date, zone).getTime()).toBe(oracleStartOfDay(date, zone));
        }),
        { seed: 20_2612, numRuns: 120 },
      );
    },
    TIMEOUT,
  );

  it.each(ZONED_MACHINE_ZONES)(
    'instantAtLocalTime on a machine in %s (seeded)',
    (machine) => {
      process.env.TZ = machine;
      fc.assert(
        fc.property(anyDate, anyZone, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (date, zone, hour, minute) => {
          expect(instantAtLocalTime(date, hour, minute, zone).getTime()).toBe(oracleInstantAt(date, hour, minute, zone));
          expect(possibleInstantsAtLocalTime(date, hour, minute, zone).map((d) => d.getTime())).toEqual(
            oracleInstantsAt(date, hour, minute, zone),
          );
        }),
        { seed: 20_2613, numRuns: 100 },
      );
    },
    TIMEOUT,
  );

  it(
    'every day of 1900–2030 starts where the day before ends, in every zone (seeded)',
    () => {
      fc.assert(
        fc.property(anyDate, anyZone, (date, zone) => {
          const start = startOfPlainDateInZone(date, zone).getTime();
          const next = startOfPlainDateInZone(addPlainDays(date, 1), zone).getTime();
          // A skipped day (Apia, 30 Dec 2011) has no instant of its own: it starts where the next day starts.
          if (next === start) expect(plainDateInZone(start, zone) > date).toBe(true);
          else {
            expect(plainDateInZone(start, zone)).toBe(date);
            expect(plainDateInZone(next - 1, zone)).toBe(date);
          }
        }),
        { seed: 20_2614, numRuns: 300 },
      );
    },
    TIMEOUT,
  );
});

describe('edge cases', () => {
  it.each(MACHINE_ZONES)('on a machine in %s, the day after a day some zone skipped is the next day', (machine) => {
    process.env.TZ = machine;
    expect(addPlainDays('2011-12-29', 1)).toBe('2011-12-30');
    expect(addPlainDays('2011-12-30', 1)).toBe('2011-12-31');
    expect(addPlainDays('1994-12-30', 1)).toBe('1994-12-31');
    expect(addPlainDays('1993-08-20', 1)).toBe('1993-08-21');
    expect(differenceInPlainDays('2012-01-01', '2011-12-29')).toBe(3);
    expect(addPlainMonths('2011-11-30', 1)).toBe('2011-12-30');
    expect(addPlainDays('9999-12-31', 1)).toBe('10000-01-01');
  });

  it.each([
    // −0:44:30: the day starts 44 minutes 30 seconds after midnight UTC.
    ['1971-06-30', 'Africa/Monrovia', '1971-06-30T00:44:30.000Z'],
    ['1910-06-01', 'Europe/Dublin', '1910-06-01T00:25:21.000Z'],
    ['1912-06-01', 'Africa/Casablanca', '1912-06-01T00:30:20.000Z'],
    // Toronto went from 23:30 to 00:30 on 31 March 1919: the day starts at 00:30 EDT.
    ['1919-03-31', 'America/Toronto', '1919-03-31T04:30:00.000Z'],
    // São Paulo skipped midnight on 4 November 2018: the day starts at 01:00 −02.
    ['2018-11-04', 'America/Sao_Paulo', '2018-11-04T03:00:00.000Z'],
    // Apia skipped 30 December 2011 whole: it "starts" where 31 December does.
    ['2011-12-30', 'Pacific/Apia', '2011-12-30T10:00:00.000Z'],
    ['2011-12-31', 'Pacific/Apia', '2011-12-30T10:00:00.000Z'],
    ['1994-12-31', 'Pacific/Kiritimati', '1994-12-31T10:00:00.000Z'],
    ['9999-12-31', 'Pacific/Kiritimati', '9999-12-30T10:00:00.000Z'],
  ])('%s starts in %s at %s', (date, zone, iso) => {
    expect(startOfPlainDateInZone(date, zone).toISOString()).toBe(iso);
    expect(oracleStartOfDay(date, zone)).toBe(Date.parse(iso));
  });

  it('a time in a gap moves forward by the gap; a time that happens twice is the earlier', () => {
    // Lord Howe springs forward 30 minutes at 02:00 on 5 October 2025, back at 02:00 on 6 April 2025.
    expect(instantAtLocalTime('2025-10-05', 2, 15, 'Australia/Lord_Howe').toISOString()).toBe('2025-10-04T15:45:00.000Z');
    expect(possibleInstantsAtLocalTime('2025-10-05', 2, 15, 'Australia/Lord_Howe')).toEqual([]);
    expect(possibleInstantsAtLocalTime('2025-04-06', 1, 45, 'Australia/Lord_Howe').map((d) => d.toISOString())).toEqual([
      '2025-04-05T14:45:00.000Z',
      '2025-04-05T15:15:00.000Z',
    ]);
    expect(instantAtLocalTime('2025-04-06', 1, 45, 'Australia/Lord_Howe').toISOString()).toBe('2025-04-05T14:45:00.000Z');
    // 09:00 on the day Apia skipped is 09:00 with the old offset (−10), which is 09:00 on 31 December.
    expect(instantAtLocalTime('2011-12-30', 9, 0, 'Pacific/Apia').toISOString()).toBe('2011-12-30T19:00:00.000Z');
  });
});
