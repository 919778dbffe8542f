import { zoneOffsetMs } from '../dates/zone-offset';

/*
 * VTIMEZONE blocks for the .ics export, worked out from the runtime's own zone
 * data (Intl), so events carry `TZID=<IANA zone>` that any calendar can read
 * without a zone library. Each offset change in the years asked for is written
 * as its own STANDARD/DAYLIGHT entry with an explicit DTSTART (RFC 5545 §3.6.5),
 * never as a guessed RRULE.
 */

const DAY_MS = 86_400_000;

/** `+HHMM`, or `+HHMMSS` for the old offsets that have seconds (Africa/Monrovia's −0:44:30 until 1972). */
function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const seconds = Math.round(Math.abs(ms) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hhmm = `${sign}${pad(Math.floor(seconds / 3600))}${pad(Math.floor(seconds / 60) % 60)}`;
  return seconds % 60 === 0 ? hhmm : `${hhmm}${pad(seconds % 60)}`;
}

/** Wall-clock time `YYYYMMDDTHHMMSS` of `utcMs` at `offsetMs`. */
function wallTime(utcMs: number, offsetMs: number): string {
  const wall = new Date(utcMs + offsetMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(wall.getUTCFullYear(), 4)}${pad(wall.getUTCMonth() + 1)}${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}${pad(wall.getUTCMinutes())}${pad(wall.getUTCSeconds())}`;
}

// To the second, and with the right sign: @date-fns/tz 1.5.0's tzOffset flips offsets between −01:00 and 00:00.
const offsetAt = (zone: string, ms: number) => zoneOffsetMs(zone, ms);

/** Offset changes in `[fromMs, toMs)`: the first instant of each new offset, to the second. */
function transitions(zone: string, fromMs: number, toMs: number): { at: number; from: number; to: number }[] {
  const found: { at: number; from: number; to: number }[] = [];
  let previous = offsetAt(zone, fromMs);
  for (let t = fromMs + DAY_MS; t <= toMs; t += DAY_MS) {
    const offset = offsetAt(zone, t);
    if (offset === previous) continue;
    let low = t - DAY_MS;
    let high = t;
    while (high - low > 1000) {
      const mid = low + Math.floor((high - low) / 2000) * 1000;
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
