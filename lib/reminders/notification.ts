import type { Card } from '../cards/schema';
import { cannotCompute, cardCountdown, lastDayBefore } from '../cards/countdown';
import { dueText, problemText } from '../cards/countdown-text';
import { formatDayTimeInZone } from '../dates/format';
import { t } from '../browser/i18n';
import { differenceInPlainDays, plainDateInZone } from '../dates/plain-date';
import { providerName } from '../providers/display-name';
import type { Settings } from '../store/settings-schema';
import type { PlannedReminder } from './plan';

/*
 * What a reminder says. The words are worked out when it is shown, from the
 * card as it is then, so a reminder caught up a day late says what is true
 * now ("2 days left"), not what was true when it was planned.
 */

/** One notification per card: a newer reminder replaces the card's older one instead of stacking. */
const NOTIFICATION_PREFIX = 'sim-keeper|';

export function notificationIdOf(cardId: string): string {
  return `${NOTIFICATION_PREFIX}${encodeURIComponent(cardId)}`;
}

/** The card id a notification of ours is about, or `null` for any other notification. */
export function cardIdOfNotification(notificationId: string): string | null {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return null;
  try {
    return decodeURIComponent(notificationId.slice(NOTIFICATION_PREFIX.length));
  } catch {
    return null;
  }
}

/** Index of each button, in the order they are shown. */
export const BUTTON_RENEW = 0;
export const BUTTON_SNOOZE = 1;

const HOUR = 3_600_000;

function timeLeftText(reminder: PlannedReminder, zone: string, now: Date): string {
  const lost = reminder.deadlineKind === 'lost';
  if (now.getTime() >= reminder.deadlineAt) return t(lost ? 'reminder_lostPassed' : 'reminder_ended');
  if (!lost && reminder.stage.startsWith('h')) {
    // Hours, not days, are the unit here, so a plain division is the right count.
    return t('reminder_leftHours', Math.max(1, Math.round((reminder.deadlineAt - now.getTime()) / HOUR)));
  }
  const lastDay = lastDayBefore(reminder.deadlineAt, zone);
  const days = differenceInPlainDays(lastDay, plainDateInZone(now, zone));
  if (days <= 0) return t(lost ? 'reminder_lostToday' : 'reminder_leftToday');
  if (days === 1) return t(lost ? 'reminder_lostOneDay' : 'reminder_leftOneDay');
  return t(lost ? 'reminder_lostDays' : 'reminder_leftDays', days);
}

function lostByText(reminder: PlannedReminder, zone: string, language: string): string {
  const lastMinute = new Date(reminder.deadlineAt - 60_000);
  const when = formatDayTimeInZone(lastMinute, zone, language);
  return t('reminder_lostMessage', when);
}

export interface ReminderText {
  title: string;
  message: string;
}

/**
 * The title and message of `reminder` for `card` at `now`, in the user's
 * language and zone.
 *
 * @example
 * reminderText(purpleCard, { stage: 'd3', deadlineKind: 'due', … }, settings, now, 'en')
 * //=> { title: '紫卡 · 3 days left', message: 'Renew by Thu, 12 Mar · giffgaff' }
 */
export function reminderText(
  card: Card,
  reminder: PlannedReminder,
  settings: Pick<Settings, 'timeZone'>,
  now: Date,
  language: string,
): ReminderText {
  const zone = settings.timeZone;
  let title: string;
  let what: string;
  try {
    title = t('reminder_title', [card.label, timeLeftText(reminder, zone, now)]);
    what =
      reminder.deadlineKind === 'lost'
        ? lostByText(reminder, zone, language)
        : dueText(card, cardCountdown(card, now, zone), zone, language, now);
  } catch (error) {
    // A reminder still says which card it is about, and why its dates are missing.
    title = card.label;
    what = problemText(cannotCompute(error).problem);
  }
  const provider = providerName(card.providerId, language);
  const message = provider ? t('reminder_provider', [what, provider]) : what;
  // With no renewal page to open, the hotline is the way to renew: name it.
  const hotline = card.channels.hotline.trim();
  return { title, message: !card.channels.website && hotline ? t('reminder_hotline', [message, hotline]) : message };
}

/** Options for `notifications.create`; buttons only where the browser has them (not Firefox). */
export function reminderNotificationOptions(
  text: ReminderText,
  iconUrl: string,
  withButtons: boolean,
  /** The card offers "Open renewal site" (`offersRenewalSite`); otherwise the first button opens the card. */
  offersRenewal = true,
): { type: 'basic'; iconUrl: string; title: string; message: string; buttons?: { title: string }[] } {
  const options = { type: 'basic' as const, iconUrl, title: text.title, message: text.message };
  if (!withButtons) return options;
  const first = t(offersRenewal ? 'reminder_buttonRenew' : 'reminder_buttonOpenCard');
  return { ...options, buttons: [{ title: first }, { title: t('reminder_buttonSnooze') }] };
}
