import type { Card, CardEvent } from './schema';

/*
 * The one merge of SIM Keeper: by field and by event, never by whole list, so that
 * an edit or an event recorded in one copy is never lost to a newer copy of the
 * list. Undo, import and sync all call it, so a card merged by any of them
 * follows the same rules:
 * - history is the union of events by event id (an event recorded anywhere is kept),
 *   minus the ids the caller says were removed on purpose;
 * - every other field comes from the copy changed later (`updatedAt`);
 * - ties are broken by content, so merging a with b gives what merging b with a gives.
 */

/** Options of {@link mergeCardCopies} and {@link mergeCardLists}. */
export interface MergeOptions {
  /**
   * Ids of events deleted on purpose (an undone "Renewed"): left out of the union
   * even though a copy still holds them. Absent: every event is kept.
   */
  removedEventIds?: ReadonlySet<string>;
}

/** Milliseconds of an ISO time, or -Infinity for a value that is not one (it loses). */
function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/**
 * Whether `a` is the copy whose fields win over `b`'s: the one changed later; between
 * copies changed at the same instant, the one whose fields (then events, in date
 * order) sort last as JSON. The comparison is total and symmetric, so two browsers
 * merging the same copies in either order pick the same winner, and a merged card
 * compared again with either copy picks the same fields again.
 */
export function isLaterCopy(a: Card, b: Card): boolean {
  const ta = timeOf(a.updatedAt);
  const tb = timeOf(b.updatedAt);
  if (ta !== tb) return ta > tb;
  const [fa, fb] = [fieldsKey(a), fieldsKey(b)];
  if (fa !== fb) return fa > fb;
  return historyKey(a) >= historyKey(b);
}

function fieldsKey({ history: _, ...fields }: Card): string {
  return JSON.stringify(fields);
}

function historyKey(card: Card): string {
  return JSON.stringify([...card.history].sort(byDateThenId));
}

function byDateThenId(x: CardEvent, y: CardEvent): number {
  if (x.date !== y.date) return x.date < y.date ? -1 : 1;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/**
 * Two copies of the same card (same id) merged into one: every field from the copy
 * changed later ({@link isLaterCopy}), history the union of both by event id. Of an
 * event both hold in different versions, the later copy's version is kept (at the same
 * instant, the version whose JSON sorts last). When the later copy already holds the
 * result, it is returned as it is (same object), so an unchanged card stays exactly
 * as stored; otherwise the merged history is in date order.
 *
 * @example
 * mergeCardCopies(renewedInPopup, editedInOptions)
 * //=> the edit's fields, with the renewal recorded in the popup
 */
export function mergeCardCopies(a: Card, b: Card, options: MergeOptions = {}): Card {
  const [later, earlier] = isLaterCopy(a, b) ? [a, b] : [b, a];
  const sameInstant = timeOf(later.updatedAt) === timeOf(earlier.updatedAt);
  const removed = options.removedEventIds;
  const fromEarlier = new Map(earlier.history.map((event) => [event.id, event]));
  let changed = false;
  const history: CardEvent[] = [];
  for (const event of later.history) {
    const other = fromEarlier.get(event.id);
    fromEarlier.delete(event.id);
    if (removed?.has(event.id)) {
      changed = true;
      continue;
    }
    const pick = other && sameInstant && JSON.stringify(other) > JSON.stringify(event) ? other : event;
    if (pick !== event) changed = true;
    history.push(pick);
  }
  for (const event of fromEarlier.values()) {
    if (removed?.has(event.id)) continue;
    changed = true;
    history.push(event);
  }
  return changed ? { ...later, history: history.sort(byDateThenId) } : later;
}

/**
 * Two lists of cards (each with unique ids, as stored lists are) merged by card id: cards only in `base` stay where they are,
 * cards in both are merged ({@link mergeCardCopies}), and cards only in `incoming`
 * follow in their own order. No card of either list is dropped.
 */
export function mergeCardLists(base: readonly Card[], incoming: readonly Card[], options: MergeOptions = {}): Card[] {
  const incomingById = new Map(incoming.map((card) => [card.id, card]));
  const merged = base.map((card) => {
    const other = incomingById.get(card.id);
    return other ? mergeCardCopies(card, other, options) : card;
  });
  const baseIds = new Set(base.map((card) => card.id));
  return [...merged, ...incoming.filter((card) => !baseIds.has(card.id))];
}
