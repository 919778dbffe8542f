import { tzOffset } from '@date-fns/tz';

/*
 * VTIMEZONE blocks for the .ics export, worked out from the runtime's own zone
 * data (Intl), so events carry `TZID=<IANA zone>` that any calendar can read
 * without a zone library. Each offset change in the years asked for is written
 * as its own STANDARD/DAYLIGHT entry with an explicit DTSTART (RFC 5545 §3.6.5),
 * never as a guessed RRULE.
 */

const DAY_MS = 86_400_000;

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** Wall-clock time `YYYYMMDDTHHMMSS` of `utcMs` at `offsetMinutes`. */
function wallTime(utcMs: number, offsetMinutes: number): string {
  const wall = new Date(utcMs + offsetMinutes * 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(wall.getUTCFullYear(), 4)}${pad(wall.getUTCMonth() + 1)}${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}${pad(wall.getUTCMinutes())}${pad(wall.getUTCSeconds())}`;
}

const offsetAt = (zone: string, ms: number) => Math.round(tzOffset(zone, new Date(ms)));

/** Offset changes in `[fromMs, toMs)`: the first instant of each new offset, to the minute. */
function transitions(zone: string, fromMs: number, toMs: number): { at: number; from: number; to: number }[] {
  const found: { at: number; from: number; to: number }[] = [];
  let previous = offsetAt(zone, fromMs);
  for (let t = fromMs + DAY_MS; t <= toMs; t += DAY_MS) {
    const offset = offsetAt(zone, t);
    if (offset === previous) continue;
    let low = t - DAY_MS;
    let high = t;
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetAt(zone, mid) === previous) low = mid;
      else high = mid;
    }
    found.push({ at: high, from: previous, to: offset });
    previous = offset;
  }
  return found;
}

function entry(kind: 'STANDARD' | 'DAYLIGHT', startUtc: number, from: number, to: number): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${wallTime(startUtc, from)}`,
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    `END:${kind}`,
  ];
}

/**
 * The VTIMEZONE for `zone` covering the given years (each with the year after,
 * for repeating events), as iCalendar lines joined by CRLF. Runs of consecutive
 * years start with the offset in force on 1 January, so gaps between far-apart
 * years are still right at the years asked for.
 *
 * @example
 * vtimezone('Asia/Shanghai', [2026]) // one STANDARD entry, +0800
 */
export function vtimezone(zone: string, years: Iterable<number>): string {
  const wanted = [...new Set([...years].flatMap((year) => [year, year + 1]))].filter((y) => y >= 1900 && y <= 9999).sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const year of wanted) {
    const last = runs.at(-1);
    if (last && year === last[1] + 1) last[1] = year;
    else runs.push([year, year]);
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  for (const [first, last] of runs) {
    const fromMs = Date.UTC(first, 0, 1) - 14 * 3_600_000;
    const toMs = Date.UTC(last + 1, 0, 1) + 14 * 3_600_000;
    const base = offsetAt(zone, fromMs);
    lines.push(...entry('STANDARD', fromMs, base, base));
    for (const change of transitions(zone, fromMs, toMs)) {
      // The larger offset of a pair is summer time; for a permanent change either name is valid.
      lines.push(...entry(change.to > change.from ? 'DAYLIGHT' : 'STANDARD', change.at, change.from, change.to));
    }
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
