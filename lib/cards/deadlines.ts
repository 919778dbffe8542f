import type { Card, CardEvent, EventKind, Period, Rule } from './schema';
import {
  addPlainDays,
  addPlainMonths,
  comparePlainDates,
  earlierPlainDate,
  laterPlainDate,
  startOfPlainDateInZone,
  type PlainDate,
} from '../dates/plain-date';

/**
 * Where a card stands, in calendar days of the card's own zone.
 *
 * `dueDate` is the last day the card is fine: renew, top up or use it on or
 * before that day. Service ends when that day ends in the card's zone. Where a
 * grace is known, `lostDate` is the last day before the number is lost.
 */
export interface CardTerm {
  /** First day of the current period, for "how much is used"; `null` when unknown. */
  periodStart: PlainDate | null;
  dueDate: PlainDate;
  lostDate: PlainDate | null;
}

/** The term as instants: what reminders and countdowns work from. */
export interface CardDeadlines extends CardTerm {
  /** The first instant the card is no longer fine (midnight after `dueDate`, card zone). */
  endsAt: Date;
  /** The first instant the number counts as lost, where a grace is known. */
  lostAt: Date | null;
  /** Midnight starting `periodStart` in the card zone. */
  periodStartsAt: Date | null;
}

/** Adds a period `times` times to `date`, from the date itself so month ends keep their day. */
export function addPeriod(date: PlainDate, period: Period, times = 1): PlainDate {
  return period.unit === 'days' ? addPlainDays(date, period.count * times) : addPlainMonths(date, period.count * times);
}

/** Events in the order they happened; same-day events keep the order they were recorded in. */
export function sortedHistory(history: readonly CardEvent[]): CardEvent[] {
  return history
    .map((event, index) => ({ event, index }))
    .sort((a, b) => comparePlainDates(a.event.date, b.event.date) || a.index - b.index)
    .map(({ event }) => event);
}

const PAYMENT_KINDS: ReadonlySet<EventKind> = new Set(['renewed', 'topped-up']);
const ACTIVITY_KINDS: ReadonlySet<EventKind> = new Set(['renewed', 'topped-up', 'used', 'activated']);

function withGrace(term: Omit<CardTerm, 'lostDate'>, graceDays: number | undefined): CardTerm {
  return { ...term, lostDate: graceDays === undefined ? null : addPlainDays(term.dueDate, graceDays) };
}

function cycleTerm(rule: Extract<Rule, { type: 'cycle' }>, events: CardEvent[]): Omit<CardTerm, 'lostDate'> {
  // Periods are counted from one chain anchor so that month-end anchors keep their day.
  // The anchor is the last payment the user told us about: payments before it are already counted in it.
  events = events.filter((event) => comparePlainDates(event.date, rule.anchorDate) >= 0);
  let chainAnchor = rule.anchorDate;
  let paidPeriods = 1;
  let periodStart = rule.anchorDate;
  let dueDate = addPeriod(chainAnchor, rule.period, paidPeriods);
  for (const event of events) {
    if (event.kind === 'carrier-date' && event.endDate) {
      chainAnchor = event.endDate;
      paidPeriods = 0;
      dueDate = event.endDate;
      periodStart = laterPlainDate(event.date, addPeriod(dueDate, rule.period, -1));
    } else if (PAYMENT_KINDS.has(event.kind)) {
      if (comparePlainDates(event.date, dueDate) <= 0) {
        // Paid on time or early: one more period on the same chain.
        paidPeriods += 1;
      } else {
        // Paid after the plan lapsed: the carrier starts a new cycle that day.
        chainAnchor = event.date;
        paidPeriods = 1;
      }
      periodStart = event.date;
      dueDate = addPeriod(chainAnchor, rule.period, paidPeriods);
    }
  }
  return { periodStart, dueDate };
}

function keepAliveTerm(rule: Extract<Rule, { type: 'keepAlive' }>, events: CardEvent[]): Omit<CardTerm, 'lostDate'> {
  let periodStart = rule.anchorDate;
  let dueDate = addPeriod(periodStart, rule.window);
  for (const event of events) {
    if (event.kind === 'carrier-date' && event.endDate) {
      periodStart = event.date;
      dueDate = event.endDate;
    } else if (ACTIVITY_KINDS.has(event.kind)) {
      // An activity the carrier does not count (say, data on a card where only calls count) does not help.
      if (event.activity && rule.activities && !rule.activities.includes(event.activity)) continue;
      // Use never takes time away: an activity dated before the anchor, or one that gives less
      // than a carrier's date already shows, leaves the later deadline in place.
      const fromActivity = addPeriod(event.date, rule.window);
      if (comparePlainDates(fromActivity, dueDate) > 0) {
        periodStart = event.date;
        dueDate = fromActivity;
      }
    }
  }
  return { periodStart, dueDate };
}

function topUpTerm(rule: Extract<Rule, { type: 'topUp' }>, events: CardEvent[]): Omit<CardTerm, 'lostDate'> {
  const capped = (from: PlainDate, end: PlainDate) =>
    rule.capDays === undefined ? end : earlierPlainDate(end, addPlainDays(from, rule.capDays));
  // As for a cycle, top-ups dated before the last known top-up are already counted in it.
  events = events.filter((event) => comparePlainDates(event.date, rule.anchorDate) >= 0);
  let periodStart = rule.anchorDate;
  let dueDate = capped(rule.anchorDate, addPeriod(rule.anchorDate, rule.validity));
  for (const event of events) {
    if (event.kind === 'carrier-date' && event.endDate) {
      periodStart = event.date;
      dueDate = event.endDate;
    } else if (PAYMENT_KINDS.has(event.kind)) {
      const fromTopUp = addPeriod(event.date, rule.validity);
      let next: PlainDate;
      if (rule.mode === 'reset') next = fromTopUp;
      else if (rule.mode === 'max') next = laterPlainDate(dueDate, fromTopUp);
      // `add`: on top of what is left, or from the top-up if nothing is left.
      else next = addPeriod(laterPlainDate(dueDate, event.date), rule.validity);
      dueDate = capped(event.date, next);
      periodStart = event.date;
    }
  }
  return { periodStart, dueDate };
}

function fixedTerm(rule: Extract<Rule, { type: 'fixed' }>, events: CardEvent[]): Omit<CardTerm, 'lostDate'> {
  let periodStart: PlainDate | null = null;
  let dueDate = rule.endDate;
  for (const event of events) {
    if (event.kind === 'carrier-date' && event.endDate) {
      dueDate = event.endDate;
      periodStart = event.date;
    } else if (event.kind === 'activated' || PAYMENT_KINDS.has(event.kind)) {
      if (comparePlainDates(event.date, dueDate) <= 0) periodStart = event.date;
    }
  }
  return { periodStart, dueDate };
}

function passTerm(rule: Extract<Rule, { type: 'pass' }>, events: CardEvent[]): Omit<CardTerm, 'lostDate'> | null {
  const start = rule.startDate ?? events.find((event) => event.kind === 'activated')?.date ?? null;
  let term = start === null ? null : { periodStart: start, dueDate: addPlainDays(start, rule.days - 1) };
  for (const event of events) {
    if (event.kind === 'carrier-date' && event.endDate) {
      term = { periodStart: term?.periodStart ?? event.date, dueDate: event.endDate };
    }
  }
  return term;
}

/**
 * The card's current term from its rule and history, or `null` for a travel
 * pass that has not started yet. Pure: the same rule and history always give
 * the same dates, whatever the clock or the machine's zone says.
 *
 * @example
 * // Ultra PayGo: 30-day cycle, paid 1 March, 30 days of grace.
 * currentTerm({ type: 'cycle', anchorDate: '2026-03-01', period: { count: 30, unit: 'days' }, graceDays: 30 }, [])
 * //=> { periodStart: '2026-03-01', dueDate: '2026-03-31', lostDate: '2026-04-30' }
 */
export function currentTerm(rule: Rule, history: readonly CardEvent[]): CardTerm | null {
  const events = sortedHistory(history);
  switch (rule.type) {
    case 'cycle':
      return withGrace(cycleTerm(rule, events), rule.graceDays);
    case 'keepAlive':
      return withGrace(keepAliveTerm(rule, events), rule.graceDays);
    case 'topUp':
      return withGrace(topUpTerm(rule, events), rule.graceDays);
    case 'fixed':
      return withGrace(fixedTerm(rule, events), rule.graceDays);
    case 'pass': {
      const term = passTerm(rule, events);
      return term && withGrace(term, rule.graceDays);
    }
  }
}

/** The card's deadlines as instants, counted in the card's own zone. */
export function cardDeadlines(card: Pick<Card, 'rule' | 'history' | 'timeZone'>): CardDeadlines | null {
  const term = currentTerm(card.rule, card.history);
  if (!term) return null;
  const endOfDay = (date: PlainDate) => startOfPlainDateInZone(addPlainDays(date, 1), card.timeZone);
  return {
    ...term,
    endsAt: endOfDay(term.dueDate),
    lostAt: term.lostDate === null ? null : endOfDay(term.lostDate),
    periodStartsAt: term.periodStart === null ? null : startOfPlainDateInZone(term.periodStart, card.timeZone),
  };
}
