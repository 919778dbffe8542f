import type { Card } from '../cards/schema';
import { comparePlainDates, type PlainDate } from '../dates/plain-date';
import type { Settings } from '../store/settings-schema';
import { memoCardDeadlines, memoDailyTimes, memoPlainDateInZone } from './zone-memo';

/*
 * The reminder planner: from cards, settings and `now`, every reminder that
 * should exist for each card's current deadlines. Pure, so it is tested
 * without a browser and can run on every start and every change.
 *
 * A reminder is named by card + deadline + stage, and that name is both the
 * alarm's name and the key of the fired record, so the same reminder is the
 * same alarm and fires at most once, however often the plan is made.
 */

/** Every alarm this module owns starts with this; others are never touched. */
export const REMINDER_ALARM_PREFIX = 'r|';

/** `due`: the card's last fine day; `lost`: the last day of grace before the number is lost. */
export type DeadlineKind = 'due' | 'lost';

/** Hours before the end in which keep-alive cards escalate. */
export const ESCALATION_WINDOW_HOURS = 48;

const HOUR = 3_600_000;

export interface PlannedReminder {
  /** `r|<cardId>|<due|lost>|<deadlineDate>|<stage>`: the alarm name and the fired-record key. */
  alarmName: string;
  /** `r|<cardId>|<due|lost>|<deadlineDate>`: names the deadline, whatever the stage. */
  deadlineKey: string;
  cardId: string;
  deadlineKind: DeadlineKind;
  /** The deadline's last day in the card's zone (`dueDate` or `lostDate`). */
  deadlineDate: PlainDate;
  /** The first instant past the deadline (`endsAt` or `lostAt`), ms since the epoch. */
  deadlineAt: number;
  /**
   * `d<N>`: N calendar days before the deadline's last day, at the reminder time;
   * `h<N>`: N hours before the end (escalation); `s<ms>`: a snoozed reminder.
   */
  stage: string;
  /** When the reminder is due, ms since the epoch. */
  when: number;
}

/** The deadline key of a card's deadline. Card ids are URI-encoded so a `|` in one cannot split the name. */
export function deadlineKeyOf(cardId: string, kind: DeadlineKind, deadlineDate: PlainDate): string {
  return `${REMINDER_ALARM_PREFIX}${encodeURIComponent(cardId)}|${kind}|${deadlineDate}`;
}

/** Reads the parts back out of a reminder alarm name, or `null` for any other alarm. */
export function parseReminderName(
  name: string,
): { cardId: string; deadlineKind: DeadlineKind; deadlineDate: PlainDate; stage: string; deadlineKey: string } | null {
  if (!name.startsWith(REMINDER_ALARM_PREFIX)) return null;
  const parts = name.slice(REMINDER_ALARM_PREFIX.length).split('|');
  if (parts.length !== 4) return null;
  const [rawId, kind, deadlineDate, stage] = parts as [string, string, string, string];
  if (kind !== 'due' && kind !== 'lost') return null;
  let cardId: string;
  try {
    cardId = decodeURIComponent(rawId);
  } catch {
    return null;
  }
  return { cardId, deadlineKind: kind, deadlineDate, stage, deadlineKey: deadlineKeyOf(cardId, kind, deadlineDate) };
}

/** The `HH:mm` reminder time as numbers. */
export function parseReminderTime(value: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : { hour: 9, minute: 0 };
}

/** Whether the card escalates: on for keep-alive cards unless the user says otherwise. */
export function escalates(card: Pick<Card, 'rule' | 'reminders'>): boolean {
  return card.reminders?.escalate ?? card.rule.type === 'keepAlive';
}

/** The snooze instant in ms, or `null` when none is set (or it cannot be read). */
export function snoozedUntilOf(card: Pick<Card, 'reminders'>): number | null {
  const value = card.reminders?.snoozedUntil;
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Whether the popup offers Snooze: reminders on, not snoozed now, and the deadline within a week or passed. */
export function canSnoozeAt(card: Pick<Card, 'reminders'>, status: string, now: Date): boolean {
  const snoozedMs = snoozedUntilOf(card);
  const snoozed = snoozedMs !== null && snoozedMs > now.getTime();
  return card.reminders?.enabled !== false && !snoozed && ['soon', 'urgent', 'overdue'].includes(status);
}

interface Deadline {
  kind: DeadlineKind;
  date: PlainDate;
  at: number;
  key: string;
}

function deadlineOf(cardId: string, kind: DeadlineKind, date: PlainDate, at: Date): Deadline {
  return { kind, date, at: at.getTime(), key: deadlineKeyOf(cardId, kind, date) };
}

function plan(cardId: string, deadline: Deadline, stage: string, when: number): PlannedReminder {
  return {
    alarmName: `${deadline.key}|${stage}`,
    deadlineKey: deadline.key,
    cardId,
    deadlineKind: deadline.kind,
    deadlineDate: deadline.date,
    deadlineAt: deadline.at,
    stage,
    when,
  };
}

const byTime = (a: PlannedReminder, b: PlannedReminder) => a.when - b.when;
const largestFirst = (a: number, b: number) => b - a;

/**
 * Every reminder of one card for its current deadlines, past ones included
 * (the caller decides what is still to come and what was missed), by time.
 */
export function planCardReminders(card: Card, settings: Settings): PlannedReminder[] {
  if (card.reminders?.enabled === false) return [];
  const deadlines = memoCardDeadlines(card);
  if (!deadlines) return [];
  const zone = settings.timeZone;
  const { hour, minute } = parseReminderTime(settings.reminderTime);
  const leadDays = [...new Set(card.reminders?.leadDays ?? settings.leadDays)].sort(largestFirst);
  // The deadline's last day on the user's calendar: the day its last millisecond falls on there.
  const userDay = (at: number) => memoPlainDateInZone(at - 1, zone);

  const due = deadlineOf(card.id, 'due', deadlines.dueDate, deadlines.endsAt);
  const dueDay = userDay(due.at);
  const reminders: PlannedReminder[] = [];

  const dailyDue = memoDailyTimes(dueDay, leadDays, hour, minute, zone);
  for (const { days, when } of dailyDue) {
    // A reminder time after the end (a card whose day ends early in the user's zone) would only say "ended".
    if (when < due.at) reminders.push(plan(card.id, due, `d${days}`, when));
  }

  if (escalates(card)) {
    const every = settings.escalateHours;
    for (let hours = every; hours <= ESCALATION_WINDOW_HOURS; hours += every) {
      const when = due.at - hours * HOUR;
      // An escalation within half a step of a daily reminder would only repeat it.
      if (dailyDue.some((daily) => Math.abs(daily.when - when) < (every * HOUR) / 2)) continue;
      reminders.push(plan(card.id, due, `h${hours}`, when));
    }
  }

  let lost: Deadline | null = null;
  if (deadlines.lostDate !== null && deadlines.lostAt !== null && deadlines.lostDate !== deadlines.dueDate) {
    lost = deadlineOf(card.id, 'lost', deadlines.lostDate, deadlines.lostAt);
    for (const { days, day, when } of memoDailyTimes(userDay(lost.at), leadDays, hour, minute, zone)) {
      // Until the service ends, the due reminders speak for the card; the grace ones start after.
      if (comparePlainDates(day, dueDay) <= 0) continue;
      if (when < lost.at) reminders.push(plan(card.id, lost, `d${days}`, when));
    }
  }

  const snoozedUntil = snoozedUntilOf(card);
  if (snoozedUntil === null) return reminders.sort(byTime);
  // Snoozed: nothing before the snooze, and one reminder at it, for the deadline still ahead then.
  const kept = reminders.filter((reminder) => reminder.when >= snoozedUntil);
  const target = snoozedUntil < due.at || !lost || snoozedUntil >= lost.at ? due : lost;
  kept.push(plan(card.id, target, `s${snoozedUntil}`, snoozedUntil));
  return kept.sort(byTime);
}

/**
 * Every reminder that should exist for `cards`, card by card, each card's by time.
 *
 * Lead day N is N calendar days before the deadline's last day on the user's
 * own calendar, at the reminder time in the user's zone (so 09:00 stays 09:00
 * across a DST change). Reminders in the past are included: `now` only decides
 * which of them is "missed", which is `collectDueReminders`' job, and which
 * still need an alarm, which is the reconciler's. A card whose dates cannot be
 * computed is skipped with a console warning; every other card is planned.
 *
 * @example
 * planReminders([card], { timeZone: 'Asia/Shanghai', reminderTime: '09:00', leadDays: [1], escalateHours: 8 })
 * //=> [{ alarmName: 'r|card-1|due|2026-03-12|d1', stage: 'd1', when: <11 Mar 09:00 Shanghai>, … }]
 */
export function planReminders(cards: readonly Card[], settings: Settings): PlannedReminder[] {
  return cards.flatMap((card) => {
    // One card whose dates cannot be computed loses its own reminders, never the others'.
    try {
      return planCardReminders(card, settings);
    } catch (error) {
      console.warn('SIM Keeper: cannot plan reminders for card', card.id, error);
      return [];
    }
  });
}
