import type { Card } from '../cards/schema';
import { cardCountdown, type CardStatus } from '../cards/countdown';
import { t } from '../browser/i18n';
import type { Settings } from '../store/settings-schema';
import { memoCardDeadlines } from './zone-memo';
import type { CardDeadlines } from '../cards/deadlines';

/*
 * The toolbar badge: how many cards need action within a week, coloured by
 * the most urgent. Counted: `soon`, `urgent` and `overdue` cards, whether or
 * not their reminders are on (the badge is a quiet glance, not a
 * notification). Not counted: `lost` cards (there is nothing left to renew in
 * time) and passes that have not started.
 */

/** Badge colours, most urgent first; the order decides the colour. */
export const BADGE_COLORS = {
  overdue: '#B3261E',
  urgent: '#D93025',
  soon: '#E37400',
} as const satisfies Partial<Record<CardStatus, string>>;

type CountedStatus = keyof typeof BADGE_COLORS;
const COUNTED: readonly CountedStatus[] = ['overdue', 'urgent', 'soon'];

export interface BadgeState {
  /** The number of cards needing action, or `''` for none. */
  text: string;
  /** The colour of the most urgent counted card; `null` when the badge is empty. */
  color: string | null;
  /** The toolbar button's title, naming the next deadline. */
  title: string;
}

/**
 * The badge for `cards` at `now`, on the user's calendar.
 *
 * @example
 * badgeState([purpleCardDueIn3Days], settings, now)
 * //=> { text: '1', color: '#E37400', title: 'SIM Keeper — next: 紫卡 in 3 days' }
 */
export function badgeState(cards: readonly Card[], settings: Pick<Settings, 'timeZone'>, now: Date): BadgeState {
  let count = 0;
  let worst: CountedStatus | null = null;
  let next: { card: Card; endsAt: number } | null = null;
  // A card that ends more than nine days from now is `ok` on any calendar: skip the full countdown for it.
  const horizon = now.getTime() + 9 * 24 * 3_600_000;
  for (const card of cards) {
    let deadlines: CardDeadlines | null;
    try {
      deadlines = memoCardDeadlines(card);
    } catch (error) {
      // The popup shows this card as "cannot compute"; the badge counts the cards it can.
      console.warn('SIM Keeper: cannot compute the badge for card', card.id, error);
      continue;
    }
    if (!deadlines) continue;
    const endsAt = deadlines.endsAt.getTime();
    if (endsAt > now.getTime() && (next === null || endsAt < next.endsAt)) next = { card, endsAt };
    if (endsAt > horizon) continue;
    const status = cardCountdown(card, now, settings.timeZone).status;
    if ((COUNTED as readonly string[]).includes(status)) {
      count += 1;
      const counted = status as CountedStatus;
      if (worst === null || COUNTED.indexOf(counted) < COUNTED.indexOf(worst)) worst = counted;
    }
  }
  const name = t('extName');
  let title = name;
  if (next) {
    const label = next.card.label;
    const daysLeft = cardCountdown(next.card, now, settings.timeZone).daysLeft;
    title =
      daysLeft <= 0
        ? t('badge_titleNextToday', [name, label])
        : daysLeft === 1
          ? t('badge_titleNextTomorrow', [name, label])
          : t('badge_titleNextDays', [name, label, daysLeft]);
  }
  return { text: count === 0 ? '' : String(count), color: worst && BADGE_COLORS[worst], title };
}

/** The part of `browser.action` the badge uses; `setTitle` may be missing in some fakes. */
export interface ActionApi {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setTitle?(details: { title: string }): Promise<void> | void;
}

/** Shows `state` on the toolbar button. */
export async function applyBadge(state: BadgeState, action: ActionApi): Promise<void> {
  await action.setBadgeText({ text: state.text });
  if (state.color) await action.setBadgeBackgroundColor({ color: state.color });
  try {
    await action.setTitle?.({ title: state.title });
  } catch {
    // A title is a nicety: a browser or test double without it still gets the badge.
  }
}
