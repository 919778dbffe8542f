import { browser } from 'wxt/browser';
import type { Card } from '../cards/schema';
import { updateCard } from '../cards/ops';
import { cardDeadlines } from '../cards/deadlines';
import { addPlainDays, browserTimeZone, instantAtLocalTime, plainDateInZone } from '../dates/plain-date';
import { resolveSettings, type Settings } from '../store/settings-schema';
import { loadSettings, updateCards } from '../store/storage';
import { notificationIdOf } from './notification';
import { parseReminderTime } from './plan';

/*
 * Snoozing moves a card's reminders to the next day at the reminder time. The
 * snooze belongs to the deadline it was set for: once the user records an
 * event that moves the deadline, the background drops it (see
 * `cardIdsWithStaleSnooze`), so a renewed card is not reminded "tomorrow".
 */

/**
 * The next day at the reminder time, on the user's calendar.
 *
 * @example
 * // 22:30 on 11 March in Shanghai, reminders at 09:00:
 * snoozeUntil(new Date('2026-03-11T14:30:00Z'), { timeZone: 'Asia/Shanghai', reminderTime: '09:00' })
 * //=> 2026-03-12T01:00:00.000Z (09:00 on 12 March in Shanghai)
 */
export function snoozeUntil(now: Date, settings: Pick<Settings, 'timeZone' | 'reminderTime'>): Date {
  const { hour, minute } = parseReminderTime(settings.reminderTime);
  const tomorrow = addPlainDays(plainDateInZone(now, settings.timeZone), 1);
  return instantAtLocalTime(tomorrow, hour, minute, settings.timeZone);
}

/** The card with its reminders snoozed until `until`. */
export function withSnooze(card: Card, until: Date, now: Date): Card {
  return {
    ...card,
    reminders: { ...(card.reminders ?? { enabled: true }), snoozedUntil: until.toISOString() },
    updatedAt: now.toISOString(),
  };
}

/** The card without a snooze (unchanged object when it has none). */
export function withoutSnooze(card: Card): Card {
  if (card.reminders?.snoozedUntil === undefined) return card;
  const { snoozedUntil: _dropped, ...reminders } = card.reminders;
  return { ...card, reminders };
}

/**
 * Snoozes a card's reminders until the next day at the reminder time and
 * clears its notification. Called by the notification's Snooze button, and by
 * the popup where notifications have no buttons (Firefox).
 */
export async function snoozeCard(cardId: string, now: Date, browserZone: string = browserTimeZone()): Promise<Date> {
  const settings = resolveSettings((await loadSettings()).settings, browserZone);
  const until = snoozeUntil(now, settings);
  await updateCards((cards) => updateCard(cards, cardId, (card) => withSnooze(card, until, now)));
  try {
    await browser.notifications.clear(notificationIdOf(cardId));
  } catch {
    // No notification to clear, or no notifications API in this page.
  }
  return until;
}

/**
 * Cards whose snooze was set for a deadline they no longer have: the user
 * recorded an event (or changed the rule) after snoozing.
 */
export function cardIdsWithStaleSnooze(before: readonly Card[], after: readonly Card[]): string[] {
  const previous = new Map(before.map((card) => [card.id, card]));
  const stale: string[] = [];
  for (const card of after) {
    if (card.reminders?.snoozedUntil === undefined) continue;
    const old = previous.get(card.id);
    if (!old) continue;
    const was = cardDeadlines(old);
    const is = cardDeadlines(card);
    if (was?.dueDate !== is?.dueDate || was?.lostDate !== is?.lostDate) stale.push(card.id);
  }
  return stale;
}
