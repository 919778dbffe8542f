/*
 * A zone's UTC offset at an instant, read from the runtime's own zone data (Intl).
 *
 * Why not `tzOffset` from @date-fns/tz: version 1.5.0 gets the sign wrong for
 * offsets between −01:00 and 00:00 (Africa/Monrovia until 1972 at −0:44:30,
 * Europe/Dublin until 1916, Europe/London until 1847, Africa/Casablanca until
 * 1913) and rounds away the seconds. `tests/unit/zone-offset.test.ts` fails
 * once upstream fixes it, so this file can go back to the library then.
 */

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone.
const wallFormatters = new Map<string, Intl.DateTimeFormat>();
function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    wallFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The wall clock of `ms` (whole seconds of it) in `timeZone`, written as if it
 * were UTC: the same fields, read as a UTC time, in ms since the epoch.
 */
export function wallClockAsUtc(ms: number, timeZone: string): number {
  const formatter = wallFormatter(timeZone);
  // format() is several times faster than formatToParts(), and the export reads thousands of
  // offsets; its en-US shape is checked, and anything else is read part by part.
  const match = EN_US_WALL.exec(formatter.format(ms));
  if (match) {
    const [, month, day, yearOfEra, era, hour, minute, second] = match;
    return utcOfFields(Number(yearOfEra), era === 'BC', Number(month), Number(day), Number(hour), Number(minute), Number(second));
  }
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter.formatToParts(ms)) fields[part.type] = part.value;
  const bc = fields.era === 'BC' || fields.era === 'B';
  return utcOfFields(
    Number(fields.year),
    bc,
    Number(fields.month),
    Number(fields.day),
    Number(fields.hour),
    Number(fields.minute),
    Number(fields.second),
  );
}

// en-US with era and h23: "11/14/2023 AD, 22:13:20".
const EN_US_WALL = /^(\d{1,2})\/(\d{1,2})\/(\d{1,6}) (AD|BC), (\d{2}):(\d{2}):(\d{2})$/;

function utcOfFields(yearOfEra: number, bc: boolean, month: number, day: number, hour: number, minute: number, second: number): number {
  const wall = new Date(0);
  // Before year 1 the era is BC: 1 BC is year 0. setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999.
  wall.setUTCFullYear(bc ? 1 - yearOfEra : yearOfEra, month - 1, day);
  // Some engines write midnight as 24 even with h23.
  wall.setUTCHours(hour % 24, minute, second, 0);
  return wall.getTime();
}

/**
 * The offset of `timeZone` from UTC at `instant`, in milliseconds (east of
 * Greenwich is positive), to the second: Africa/Monrovia in 1971 is −2 670 000 (−0:44:30).
 *
 * @example
 * zoneOffsetMs('Asia/Kathmandu', new Date('2026-01-01T00:00:00Z')) //=> 20_700_000 (+5:45)
 * zoneOffsetMs('Africa/Monrovia', new Date('1971-06-30T00:44:30Z')) //=> -2_670_000 (−0:44:30)
 */
export function zoneOffsetMs(timeZone: string, instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  // Intl shows whole seconds: compare with the instant cut down to its second.
  return wallClockAsUtc(ms, timeZone) - Math.floor(ms / 1000) * 1000;
}
