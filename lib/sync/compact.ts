import type { Card } from '../cards/schema';
import { currentTerm, sortedHistory } from '../cards/deadlines';
import { stableJson } from './stable-json';

/**
 * The card with as few of its oldest events left out as it takes to `fit`, never one that
 * changes the deadline: each event is left out only if lib/cards/deadlines.ts gives the
 * same term (period start, due date, lost date) without it, so the events that decide
 * the deadline and the most recent ones stay. `null` when even that does not fit.
 * The browser's own copy keeps every event; only the synced copy is shorter, and the
 * merge unites histories, so no browser loses an event it holds.
 */
export function compactHistory(card: Card, fits: (card: Card) => boolean): { card: Card; leftOut: number } | null {
  if (fits(card)) return { card, leftOut: 0 };
  const term = stableJson(currentTerm(card.rule, card.history));
  let kept = card.history;
  for (const event of sortedHistory(card.history)) {
    const without = kept.filter((e) => e !== event);
    if (stableJson(currentTerm(card.rule, without)) !== term) continue;
    kept = without;
    const candidate = { ...card, history: kept };
    if (fits(candidate)) return { card: candidate, leftOut: card.history.length - kept.length };
  }
  return null;
}
