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
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of wallFormatter(timeZone).formatToParts(ms)) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  // Before year 1 the era is BC: 1 BC is year 0.
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - yearOfEra : yearOfEra;
  const wall = new Date(0);
  // setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999.
  wall.setUTCFullYear(year, Number(fields.month) - 1, Number(fields.day));
  // Some engines write midnight as 24 even with h23.
  wall.setUTCHours(Number(fields.hour) % 24, Number(fields.minute), Number(fields.second), 0);
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
