import type { Card } from '../cards/schema';
import { cardDeadlines, type CardDeadlines } from '../cards/deadlines';
import { addPlainDays, instantAtLocalTime, plainDateInZone, type PlainDate } from '../dates/plain-date';

/*
 * Zone arithmetic is the slow part of planning (every conversion goes through
 * Intl), and thousands of cards share a few hundred days. These memos only
 * remember answers of pure functions, so they can be dropped at any moment;
 * they are no state. Each is emptied when it grows past a bound.
 */

const MAX_ENTRIES = 20_000;

const clearers: (() => void)[] = [];

function memo<T>(): (key: string, compute: () => T) => T {
  const cache = new Map<string, T>();
  clearers.push(() => cache.clear());
  return (key, compute) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    if (cache.size >= MAX_ENTRIES) cache.clear();
    const value = compute();
    cache.set(key, value);
    return value;
  };
}

const instants = memo<number>();
const days = memo<PlainDate>();
const deadlines = memo<CardDeadlines | null>();
const dailyTimes = memo<readonly DailyTime[]>();

/** A lead day counted back from a last day, and its reminder instant. */
export interface DailyTime {
  days: number;
  day: PlainDate;
  when: number;
}

/**
 * For each of `leadDays` (largest first), the day that many days before
 * `lastDay` and the instant of `hour:minute` on it in `timeZone`, remembered:
 * cards that share a last day share the answer.
 */
export function memoDailyTimes(
  lastDay: PlainDate,
  leadDays: readonly number[],
  hour: number,
  minute: number,
  timeZone: string,
): readonly DailyTime[] {
  return dailyTimes(`${timeZone}|${lastDay}|${hour}|${minute}|${leadDays.join(',')}`, () =>
    leadDays.map((days) => {
      const day = addPlainDays(lastDay, -days);
      return { days, day, when: memoInstantAtLocalTime(day, hour, minute, timeZone) };
    }),
  );
}

/** `instantAtLocalTime(date, hour, minute, timeZone)` in ms, remembered. */
export function memoInstantAtLocalTime(date: PlainDate, hour: number, minute: number, timeZone: string): number {
  return instants(`${timeZone}|${date}|${hour}|${minute}`, () => instantAtLocalTime(date, hour, minute, timeZone).getTime());
}

/** `plainDateInZone(ms, timeZone)`, remembered. */
export function memoPlainDateInZone(ms: number, timeZone: string): PlainDate {
  return days(`${timeZone}|${ms}`, () => plainDateInZone(ms, timeZone));
}

/** `cardDeadlines(card)`, remembered by what it depends on (rule, history, zone). Treat the result as read-only. */
export function memoCardDeadlines(card: Pick<Card, 'rule' | 'history' | 'timeZone'>): CardDeadlines | null {
  return deadlines(`${card.timeZone}|${JSON.stringify(card.rule)}|${JSON.stringify(card.history)}`, () => cardDeadlines(card));
}

/** Forgets everything remembered (for benchmarks of a cold start). */
export function clearZoneMemos(): void {
  for (const clear of clearers) clear();
}
