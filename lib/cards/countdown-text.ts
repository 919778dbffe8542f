import type { Card } from './schema';
import type { CardStatus, Countdown } from './countdown';
import { formatPlainDate, formatTimeInZone, isLocalMidnight } from '../dates/format';
import { t, type MessageKey } from '../browser/i18n';
import { parsePlainDate, plainDateInZone } from '../dates/plain-date';

/** The countdown in words: "12 days", "tomorrow", "today", "3 days overdue", "number lost". */
export function countdownText(countdown: Countdown): string {
  switch (countdown.status) {
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

export const STATUS_LABEL: Record<CardStatus, MessageKey> = {
  ok: 'status_ok',
  soon: 'status_soon',
  urgent: 'status_urgent',
  overdue: 'status_overdue',
  lost: 'status_lost',
  'not-started': 'status_notStarted',
};

/**
 * When the card must be dealt with, on the user's calendar: "Renew by Thu, 12 Mar",
 * with the user's local time when the card's day ends at another hour there.
 */
export function dueText(card: Pick<Card, 'rule'>, countdown: Countdown, userTimeZone: string, language: string, now: Date): string {
  if (!countdown.deadlines || !countdown.dueDay) return t('due_waitingForStart');
  const year = parsePlainDate(countdown.dueDay)?.year;
  const thisYear = parsePlainDate(plainDateInZone(now, userTimeZone))?.year;
  const day = formatPlainDate(countdown.dueDay, language, thisYear === year ? year : undefined);
  const endsAt = countdown.deadlines.endsAt;
  const overdue = countdown.status === 'overdue' || countdown.status === 'lost';
  const verb: MessageKey = overdue
    ? 'due_wasDue'
    : card.rule.type === 'keepAlive'
      ? 'due_useBy'
      : card.rule.type === 'topUp'
        ? 'due_topUpBy'
        : card.rule.type === 'cycle'
          ? 'due_renewBy'
          : 'due_endsAfter';
  if (isLocalMidnight(endsAt, userTimeZone)) return t(verb, day);
  return t('due_beforeTime', [t(verb, day), formatTimeInZone(endsAt, userTimeZone, language)]);
}
