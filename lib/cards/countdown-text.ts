import type { Card, EventKind } from './schema';
import type { CardStatus, Countdown, CountdownProblem } from './countdown';
import { formatPlainDate, formatTimeInZone, isLocalMidnight } from '../dates/format';
import { t, type MessageKey } from '../browser/i18n';
import { readPlainDate, plainDateInZone } from '../dates/plain-date';

/** The countdown in words: "12 days", "tomorrow", "today", "3 days overdue", "number lost". */
export function countdownText(countdown: Countdown): string {
  switch (countdown.status) {
    case 'cannot-compute':
      // Nothing to count: the status badge and the reason (`dueText`) say what is wrong.
      return '';
    case 'not-started':
      return t('countdown_notStarted');
    case 'lost':
      return t('countdown_lost');
    case 'overdue': {
      const overdue = -countdown.daysLeft;
      if (overdue <= 0) return t('countdown_endedToday');
      return overdue === 1 ? t('countdown_overdueOne') : t('countdown_overdueMany', overdue);
    }
    default:
      if (countdown.daysLeft === 0) return t('countdown_today');
      if (countdown.daysLeft === 1) return t('countdown_tomorrow');
      return t('countdown_daysLeft', countdown.daysLeft);
  }
}

/**
 * The countdown to show beside the status badge, or `''` where it would only say the badge's word again
 * ("Not started · Not started", "Lost · Number lost"): a table cell that reads the same twice.
 */
export function countdownBesideStatus(countdown: Countdown): string {
  return countdown.status === 'not-started' || countdown.status === 'lost' ? '' : countdownText(countdown);
}

export const STATUS_LABEL: Record<CardStatus, MessageKey> = {
  ok: 'status_ok',
  soon: 'status_soon',
  urgent: 'status_urgent',
  overdue: 'status_overdue',
  lost: 'status_lost',
  'not-started': 'status_notStarted',
  'cannot-compute': 'status_cannotCompute',
};

/** The word on each quick action, in the popup (PopupCard, and its first screen). */
export const QUICK_LABEL: Record<EventKind, MessageKey> = {
  renewed: 'action_renewed',
  used: 'action_usedToday',
  'topped-up': 'action_toppedUp',
  activated: 'action_activated',
  'carrier-date': 'action_renewed',
};

/** Why a card cannot be computed, in words: "Cannot compute: its dates run past the year 99999. …". */
export function problemText(problem: CountdownProblem | undefined): string {
  const reason = problem?.kind === 'date-range' ? t('problem_dateRange') : t('problem_unexpected', problem?.detail ?? '?');
  return t('countdown_cannotCompute', reason);
}

/**
 * When the card must be dealt with, on the user's calendar: "Renew by Thu, 12 Mar",
 * with the user's local time when the card's day ends at another hour there.
 *
 * Passes and fixed end dates say plainly what the last usable moment is: the
 * card's last day as the carrier counts it, and when that day ends on the
 * user's clock ("Last day Fri, Nov 27 · ends Sat, Nov 28, 16:00 your time").
 */
export function dueText(card: Pick<Card, 'rule'>, countdown: Countdown, userTimeZone: string, language: string, now: Date): string {
  if (countdown.status === 'cannot-compute') return problemText(countdown.problem);
  if (!countdown.deadlines || !countdown.dueDay) return t('due_waitingForStart');
  const thisYear = readPlainDate(plainDateInZone(now, userTimeZone))?.year;
  const dayText = (date: string) => {
    const year = readPlainDate(date)?.year;
    return formatPlainDate(date, language, thisYear === year ? year : undefined);
  };
  const day = dayText(countdown.dueDay);
  const endsAt = countdown.deadlines.endsAt;
  const overdue = countdown.status === 'overdue' || countdown.status === 'lost';
  const endsAtMidnight = isLocalMidnight(endsAt, userTimeZone);
  if (!overdue && (card.rule.type === 'fixed' || card.rule.type === 'pass')) {
    // The carrier's last day, in the card's zone: the day the user bought or was told.
    const lastDay = t('due_lastDay', dayText(countdown.deadlines.dueDate));
    if (endsAtMidnight) return lastDay;
    const endsDay = dayText(plainDateInZone(endsAt, userTimeZone));
    return `${lastDay} · ${t('due_endsYourTime', [endsDay, formatTimeInZone(endsAt, userTimeZone, language)])}`;
  }
  const verb: MessageKey = overdue
    ? 'due_wasDue'
    : card.rule.type === 'keepAlive'
      ? 'due_useBy'
      : card.rule.type === 'topUp'
        ? 'due_topUpBy'
        : 'due_renewBy';
  if (endsAtMidnight) return t(verb, day);
  return t('due_beforeTime', [t(verb, day), formatTimeInZone(endsAt, userTimeZone, language)]);
}
