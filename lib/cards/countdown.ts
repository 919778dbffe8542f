import type { Card, EventKind, Rule } from './schema';
import { cardDeadlines, type CardDeadlines } from './deadlines';
import { differenceInPlainDays, PlainDateRangeError, plainDateInZone, type PlainDate } from '../dates/plain-date';

/** `cannot-compute`: the card's dates could not be worked out (see `Countdown.problem`); the other cards are unaffected. */
export type CardStatus = 'ok' | 'soon' | 'urgent' | 'overdue' | 'lost' | 'not-started' | 'cannot-compute';

/** Why a card cannot be computed: `date-range`, its dates run past what the date code can count; `unexpected`, anything else. */
export interface CountdownProblem {
  kind: 'date-range' | 'unexpected';
  /** The error's own message, for the console and a bug report. */
  detail: string;
}

/** Days left at or below which a card is `urgent` (today, tomorrow, the day after). */
export const URGENT_DAYS = 2;
/** Days left at or below which a card is `soon`: the week the badge counts. */
export const SOON_DAYS = 7;

export interface Countdown {
  status: CardStatus;
  /**
   * Whole calendar days, in the user's zone, from today to the last day the
   * card is fine: 0 today, 1 tomorrow, negative once overdue.
   */
  daysLeft: number;
  /** The last day the card is fine, on the user's own calendar. */
  dueDay: PlainDate | null;
  /** Calendar days from today to the last day of grace, where known. */
  daysToLost: number | null;
  /** Share of the current period gone by, 0 to 1, where the period start is known. */
  progress: number | null;
  deadlines: CardDeadlines | null;
  /** Set only with status `cannot-compute`. */
  problem?: CountdownProblem;
}

/** The user's calendar day that an exclusive end instant belongs to (its last millisecond). */
export function lastDayBefore(endsAt: Date | number, userTimeZone: string): PlainDate {
  return plainDateInZone((typeof endsAt === 'number' ? endsAt : endsAt.getTime()) - 1, userTimeZone);
}

/**
 * Where a card stands at `now`, on the user's calendar.
 *
 * The card's days are counted in its own zone; the user sees them on their own
 * calendar. A Los Angeles card that ends when 10 March ends in Los Angeles ends
 * at 15:00 on 11 March in Shanghai, so a Shanghai user sees 11 March.
 */
export function cardCountdown(card: Pick<Card, 'rule' | 'history' | 'timeZone'>, now: Date, userTimeZone: string): Countdown {
  // One card that cannot be computed must not take the page, the badge or the other cards' reminders with it.
  try {
    return computeCountdown(card, now, userTimeZone);
  } catch (error) {
    return cannotCompute(error);
  }
}

/** The countdown of a card whose dates could not be worked out, from the error that stopped them. */
export function cannotCompute(error: unknown): Countdown {
  const problem: CountdownProblem = {
    kind: error instanceof PlainDateRangeError ? 'date-range' : 'unexpected',
    detail: error instanceof Error ? error.message : String(error),
  };
  return { status: 'cannot-compute', daysLeft: Infinity, dueDay: null, daysToLost: null, progress: null, deadlines: null, problem };
}

function computeCountdown(card: Pick<Card, 'rule' | 'history' | 'timeZone'>, now: Date, userTimeZone: string): Countdown {
  const deadlines = cardDeadlines(card);
  if (!deadlines) {
    return { status: 'not-started', daysLeft: Infinity, dueDay: null, daysToLost: null, progress: null, deadlines };
  }
  const today = plainDateInZone(now, userTimeZone);
  const dueDay = lastDayBefore(deadlines.endsAt, userTimeZone);
  const daysLeft = differenceInPlainDays(dueDay, today);
  const daysToLost = deadlines.lostAt ? differenceInPlainDays(lastDayBefore(deadlines.lostAt, userTimeZone), today) : null;

  let status: CardStatus;
  if (deadlines.lostAt && now.getTime() >= deadlines.lostAt.getTime()) status = 'lost';
  else if (now.getTime() >= deadlines.endsAt.getTime()) status = 'overdue';
  else if (daysLeft <= URGENT_DAYS) status = 'urgent';
  else if (daysLeft <= SOON_DAYS) status = 'soon';
  else status = 'ok';

  let progress: number | null = null;
  if (deadlines.periodStartsAt) {
    const span = deadlines.endsAt.getTime() - deadlines.periodStartsAt.getTime();
    const gone = now.getTime() - deadlines.periodStartsAt.getTime();
    progress = span > 0 ? Math.min(1, Math.max(0, gone / span)) : 1;
  }
  return { status, daysLeft, dueDay, daysToLost, progress, deadlines };
}

/** Orders countdowns nearest deadline first; passes not started yet go last; cards that cannot be computed go first, to be seen. */
export function compareCountdowns(a: Countdown, b: Countdown): number {
  const aBroken = a.status === 'cannot-compute';
  if (aBroken !== (b.status === 'cannot-compute')) return aBroken ? -1 : 1;
  const aEnd = a.deadlines?.endsAt.getTime() ?? Infinity;
  const bEnd = b.deadlines?.endsAt.getTime() ?? Infinity;
  return aEnd === bEnd ? 0 : aEnd < bEnd ? -1 : 1;
}

const labelCollator = new Intl.Collator();

/**
 * The one order both pages list cards in: every number that can still be kept,
 * nearest deadline first (passes not started after them), then by label; the
 * numbers already lost last, in the same order among themselves, so a lost number
 * never pushes a card due tomorrow down the list.
 */
export function compareByDeadline(
  a: { card: Pick<Card, 'label'>; countdown: Countdown },
  b: { card: Pick<Card, 'label'>; countdown: Countdown },
): number {
  const aLost = a.countdown.status === 'lost';
  if (aLost !== (b.countdown.status === 'lost')) return aLost ? 1 : -1;
  return compareCountdowns(a.countdown, b.countdown) || labelCollator.compare(a.card.label, b.card.label);
}

/** Each card with its countdown, in the one order of both pages (`compareByDeadline`). */
export function cardsByDeadline<C extends Pick<Card, 'rule' | 'history' | 'timeZone' | 'label'>>(
  cards: readonly C[],
  now: Date,
  userTimeZone: string,
): { card: C; countdown: Countdown }[] {
  return cards.map((card) => ({ card, countdown: cardCountdown(card, now, userTimeZone) })).sort(compareByDeadline);
}

/**
 * The one-tap event that keeps this kind of card alive, or `null` when the
 * card needs a new date from the user instead (a fixed end date).
 */
export function quickEventKind(card: Pick<Card, 'rule' | 'history'>): EventKind | null {
  const rule: Rule = card.rule;
  switch (rule.type) {
    case 'cycle':
      return 'renewed';
    case 'keepAlive':
      return 'used';
    case 'topUp':
      return 'topped-up';
    case 'pass':
      return rule.startDate === null && !card.history.some((event) => event.kind === 'activated') ? 'activated' : null;
    case 'fixed':
      return null;
  }
}
