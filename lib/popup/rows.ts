import type { Card } from '../cards/schema';
import { cardCountdown, compareByDeadline, type Countdown } from '../cards/countdown';

/** A card with its countdown, as the popup lists it. */
/** From this many cards on, the popup offers a search box (its first screen too: lib/popup/first-screen.ts). */
export const SEARCH_FROM_CARDS = 8;

export interface PopupRow<C extends Card = Card> {
  card: C;
  countdown: Countdown;
}

/**
 * The popup's order: every number that can still be kept, nearest deadline first
 * then by label (passes not started yet after them), then the numbers already lost, grouped at
 * the bottom so they never push a card due tomorrow down the list.
 * `lostFrom` is the index of the first lost row (`rows.length` when none is lost).
 */
export function popupRows(cards: readonly Card[], now: Date, userTimeZone: string): { rows: PopupRow[]; lostFrom: number } {
  return createPopupRows()(cards, now, userTimeZone);
}

/** Folds width and case so "ＧＩＦＦ" finds "giffgaff" and full-width digits find a number. */
function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

/**
 * Whether a card matches what the user typed in the popup's search box: part of its
 * label or provider name, or the last digits of its number ("1234" finds
 * +1 555 010 1234; spaces and dashes in the query are ignored). An empty query
 * matches every card.
 */
export function matchesSearch(
  card: Pick<Card, 'label' | 'phoneNumber'>,
  providerNames: readonly (string | null)[],
  query: string,
): boolean {
  const q = fold(query).trim();
  if (q === '') return true;
  if (fold(card.label).includes(q)) return true;
  if (providerNames.some((name) => name !== null && fold(name).includes(q))) return true;
  const digits = q.replace(/[\s\-().+]/g, '');
  if (/^\d+$/.test(digits)) return fold(card.phoneNumber).replace(/\D/g, '').endsWith(digits);
  return false;
}

/**
 * `popupRows` for a page that recomputes often: a card object keeps its
 * countdown while `now` and the zone stay the same, so one changed card (a
 * quick action) costs one countdown, not one per card.
 */
export function createPopupRows(): (cards: readonly Card[], now: Date, userTimeZone: string) => { rows: PopupRow[]; lostFrom: number } {
  let cache = new WeakMap<Card, Countdown>();
  let cacheKey = '';
  return (cards, now, userTimeZone) => {
    const key = `${now.getTime()}|${userTimeZone}`;
    if (key !== cacheKey) {
      cache = new WeakMap();
      cacheKey = key;
    }
    const ordered = cards.map((card) => {
      let countdown = cache.get(card);
      if (!countdown) {
        countdown = cardCountdown(card, now, userTimeZone);
        cache.set(card, countdown);
      }
      return { card, countdown };
    });
    ordered.sort(compareByDeadline);
    const lostFrom = ordered.findIndex((row) => row.countdown.status === 'lost');
    return { rows: ordered, lostFrom: lostFrom === -1 ? ordered.length : lostFrom };
  };
}
