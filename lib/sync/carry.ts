import { mergeCardCopies } from '../cards/merge';
import type { Card } from '../cards/schema';
import { isAlive, type SyncEntry } from './entry';
import { laterClock } from './clock';

/*
 * Events are facts. A card deleted and put back (Undo, Recently deleted, a restore point)
 * starts a new life in sync, and of two lives the later wins whole: a browser still
 * holding the card's earlier life would lose what it recorded meanwhile (renewals made
 * offline, a note). So before two browsers' entries are merged, a living copy of an
 * earlier life is carried into the later living one: its fields and events then merge
 * by their clocks, as two copies of one life do. Events removed on purpose (`x`) stay
 * removed. A card whose later life is a deletion is not carried: the deletion wins.
 */

/** `older` as a copy of `newer`'s life, when both are alive and `newer` was born later; otherwise `older` unchanged. */
export function carriedInto(older: SyncEntry, newer: SyncEntry): SyncEntry {
  if (!isAlive(older) || !isAlive(newer) || !(newer.b > older.b)) return older;
  const d = laterClock(older.d, newer.d);
  return { ...older, b: newer.b, ...(d !== undefined ? { d } : {}) };
}

/** `mine` with each living card of an earlier life than its living copy in `theirs` carried into that life, and the same the other way. */
export function carryLives(
  mine: Readonly<Record<string, SyncEntry>>,
  theirs: Readonly<Record<string, SyncEntry>>,
): { mine: Record<string, SyncEntry>; theirs: Record<string, SyncEntry> } {
  const outMine: Record<string, SyncEntry> = { ...mine };
  const outTheirs: Record<string, SyncEntry> = { ...theirs };
  for (const [id, entry] of Object.entries(theirs)) {
    const own = mine[id];
    if (!own) continue;
    outMine[id] = carriedInto(own, entry);
    outTheirs[id] = carriedInto(entry, own);
  }
  return { mine: outMine, theirs: outTheirs };
}

/**
 * The other order: this browser received the deletion first, so its copy (with what it
 * recorded offline) went to Recently deleted, and then the card came back from another
 * browser (an Undo there, a restore). The saved copy is merged into the card that came
 * back (lib/cards/merge.ts: events united, fields from the copy changed later), so the
 * next round shares what only this browser had. `before`: the local cards before the
 * round; `after`: after it; `saved`: the copies sync removed here. Gives the cards and
 * the ids whose saved copy was used.
 */
export function withSavedCopies(
  before: readonly Card[],
  after: readonly Card[],
  saved: readonly { card: Card; by: 'here' | 'sync' }[],
): { cards: Card[]; used: string[] } {
  const had = new Set(before.map((card) => card.id));
  const copies = new Map(saved.filter((entry) => entry.by === 'sync').map((entry) => [entry.card.id, entry.card]));
  const used: string[] = [];
  const cards = after.map((card) => {
    const copy = had.has(card.id) ? undefined : copies.get(card.id);
    if (!copy) return card;
    used.push(card.id);
    return mergeCardCopies(card, copy);
  });
  return { cards: used.length ? cards : [...after], used };
}
