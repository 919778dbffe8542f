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

/** 1 January of `year`, 00:00 UTC, in ms (setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999). */
function utcNewYear(year: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, 0, 1);
  return date.getTime();
}

// Every zone's wall clock on 1 January is within 14 hours of UTC's.
const MAX_OFFSET_MS = 14 * 3_600_000;

// Finding a year's changes reads the zone 365 times; an export asks for the same zone-years over and over.
const changesByYear = new Map<string, { at: number; from: number; to: number }[]>();
function changesInYear(zone: string, year: number): { at: number; from: number; to: number }[] {
  const key = `${zone}|${year}`;
  let changes = changesByYear.get(key);
  if (!changes) {
    if (changesByYear.size > 2000) changesByYear.clear();
    changes = transitions(zone, utcNewYear(year) - MAX_OFFSET_MS, utcNewYear(year + 1) - MAX_OFFSET_MS);
    changesByYear.set(key, changes);
  }
  return changes;
}

/**
 * The VTIMEZONE for `zone` covering exactly the given years (each from the
 * first instant of 1 January to the last of 31 December in the zone), as
 * iCalendar lines joined by CRLF. The caller passes every year an event, a
 * repeat or an alarm falls in. Runs of consecutive years start with the offset
 * in force on 1 January, so gaps between far-apart years are still right at
 * the years asked for. Years outside 1–9999 cannot be written and are skipped.
 *
 * @example
 * vtimezone('Asia/Shanghai', [2026]) // one STANDARD entry, +0800
 */
export function vtimezone(zone: string, years: Iterable<number>): string {
  const wanted = [...new Set(years)].filter((y) => Number.isInteger(y) && y >= 1 && y <= 9999).sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const year of wanted) {
    const last = runs.at(-1);
    if (last && year === last[1] + 1) last[1] = year;
    else runs.push([year, year]);
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  for (const [first, last] of runs) {
    const fromMs = utcNewYear(first) - MAX_OFFSET_MS;
    const base = offsetAt(zone, fromMs);
    lines.push(...entry('STANDARD', fromMs, base, base));
    const changes = [];
    for (let year = first; year <= last; year++) changes.push(...changesInYear(zone, year));
    // 31 December of the last year runs until 14 hours into 1 January UTC.
    changes.push(...transitions(zone, utcNewYear(last + 1) - MAX_OFFSET_MS, utcNewYear(last + 1) + MAX_OFFSET_MS));
    for (const change of changes) {
      // The larger offset of a pair is summer time; for a permanent change either name is valid.
      lines.push(...entry(change.to > change.from ? 'DAYLIGHT' : 'STANDARD', change.at, change.from, change.to));
    }
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
