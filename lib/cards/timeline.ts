import type { Card, CardEvent, EventKind } from './schema';
import { currentTerm } from './deadlines';
import { lastDayBefore } from './countdown';
import { addPlainDays, comparePlainDates, startOfPlainDateInZone, type PlainDate } from '../dates/plain-date';

/*
 * What the options page's timeline draws for one card: its deadline, the end of
 * its grace, the deadlines that follow if it is renewed on time, and the
 * payments recorded. Deadlines are shown on the user's calendar (a Los Angeles
 * card that ends with 10 March there ends on 11 March in Shanghai), as in the
 * popup; payments stay on the day they were recorded for.
 */

export type TimelineMarkKind = 'due' | 'next-due' | 'lost' | 'paid';

export interface TimelineMark {
  /** Unique within its lane (a payment's event id, or the kind and its place). */
  id: string;
  kind: TimelineMarkKind;
  date: PlainDate;
  /** For `paid`: the amount, where one was recorded. */
  amount?: number;
  currency?: string;
}

export interface TimelineLane {
  cardId: string;
  label: string;
  /** The current period (`active`) and its grace (`grace`), clipped to the window. */
  spans: { kind: 'active' | 'grace'; from: PlainDate; to: PlainDate }[];
  /** Marks inside the window, in date order. */
  marks: TimelineMark[];
  /** A travel pass that has not started: nothing to draw yet. */
  notStarted: boolean;
  /** The card's dates could not be worked out (as in its countdown): drawn empty, named in words. */
  cannotCompute: boolean;
}

/** The event a card renewed on time would get, by rule; `null` for cards that end once. */
function renewalKind(rule: Card['rule']): EventKind | null {
  switch (rule.type) {
    case 'cycle':
      return 'renewed';
    case 'topUp':
      return 'topped-up';
    case 'keepAlive':
      return 'used';
    case 'fixed':
    case 'pass':
      return null;
  }
}

/** At most this many projected deadlines per lane: a 1-day plan would otherwise draw 365. */
const MAX_PROJECTED = 60;

function within(date: PlainDate, from: PlainDate, to: PlainDate): boolean {
  return comparePlainDates(date, from) >= 0 && comparePlainDates(date, to) <= 0;
}

function clip(date: PlainDate, from: PlainDate, to: PlainDate): PlainDate {
  if (comparePlainDates(date, from) < 0) return from;
  if (comparePlainDates(date, to) > 0) return to;
  return date;
}

/** The timeline draws at most this many lanes (the first cards of the table's order); a line says how many it leaves out. */
export const TIMELINE_LANES = 50;

/**
 * One card's lane between `from` and `to` (inclusive, the user's calendar).
 * Later deadlines are worked out by the card's own rule, as if the card were
 * renewed (topped up, used) on each deadline day: the rule engine, not a guess.
 *
 * @example
 * // A 30-day plan paid 1 March: due 31 March, then 30 April, 30 May… if renewed on time.
 * timelineLane(card, '2026-03-01', '2027-03-01', 'UTC').marks.map((m) => `${m.kind} ${m.date}`)
 * //=> ['paid 2026-03-01', 'due 2026-03-31', 'next-due 2026-04-30', …]
 */
export function timelineLane(
  card: Pick<Card, 'id' | 'label' | 'rule' | 'history' | 'timeZone'>,
  from: PlainDate,
  to: PlainDate,
  userTimeZone: string,
  /** Today on the user's calendar: a number lost before it has no deadline to come. Absent: `from`. */
  today: PlainDate = from,
): TimelineLane {
  // One card whose dates cannot be counted (far past the supported range) must not take the timeline with it.
  try {
    return computeLane(card, from, to, userTimeZone, today);
  } catch {
    return { cardId: card.id, label: card.label, spans: [], marks: [], notStarted: false, cannotCompute: true };
  }
}

function computeLane(
  card: Pick<Card, 'id' | 'label' | 'rule' | 'history' | 'timeZone'>,
  from: PlainDate,
  to: PlainDate,
  userTimeZone: string,
  today: PlainDate,
): TimelineLane {
  const onUserCalendar = (cardDay: PlainDate) =>
    lastDayBefore(startOfPlainDateInZone(addPlainDays(cardDay, 1), card.timeZone), userTimeZone);
  const marks: TimelineMark[] = [];
  const spans: TimelineLane['spans'] = [];

  for (const event of card.history) {
    if ((event.kind === 'renewed' || event.kind === 'topped-up') && within(event.date, from, to)) {
      marks.push({
        id: event.id,
        kind: 'paid',
        date: event.date,
        ...(event.amount !== undefined ? { amount: event.amount } : {}),
        ...(event.currency !== undefined ? { currency: event.currency } : {}),
      });
    }
  }

  const term = currentTerm(card.rule, card.history);
  if (term) {
    const due = onUserCalendar(term.dueDate);
    const lost = term.lostDate === null ? null : onUserCalendar(term.lostDate);
    const start = term.periodStart === null ? null : onUserCalendar(addPlainDays(term.periodStart, -1));
    if (start !== null && comparePlainDates(start, to) <= 0 && comparePlainDates(due, from) >= 0) {
      spans.push({ kind: 'active', from: clip(addPlainDays(start, 1), from, to), to: clip(due, from, to) });
    }
    if (lost !== null && comparePlainDates(lost, due) > 0 && comparePlainDates(due, to) < 0 && comparePlainDates(lost, from) >= 0) {
      spans.push({ kind: 'grace', from: clip(addPlainDays(due, 1), from, to), to: clip(lost, from, to) });
    }
    if (within(due, from, to)) marks.push({ id: 'due', kind: 'due', date: due });
    if (lost !== null && within(lost, from, to)) marks.push({ id: 'lost', kind: 'lost', date: lost });

    // A number already lost cannot be renewed on time: no deadline follows (its lane ends with the cross).
    const kind = lost !== null && comparePlainDates(lost, today) < 0 ? null : renewalKind(card.rule);
    let history: CardEvent[] = [...card.history];
    let previous = term.dueDate;
    for (let i = 0; kind && i < MAX_PROJECTED; i++) {
      history = [...history, { id: `projected-${i}`, date: previous, kind }];
      const next = currentTerm(card.rule, history)?.dueDate;
      // A rule that gives no more time (a cap already reached) ends the projection.
      if (!next || comparePlainDates(next, previous) <= 0) break;
      const day = onUserCalendar(next);
      if (comparePlainDates(day, to) > 0) break;
      if (comparePlainDates(day, from) >= 0) marks.push({ id: `next-${i}`, kind: 'next-due', date: day });
      previous = next;
    }
  }
  marks.sort((a, b) => comparePlainDates(a.date, b.date));
  return { cardId: card.id, label: card.label, spans, marks, notStarted: term === null, cannotCompute: false };
}
