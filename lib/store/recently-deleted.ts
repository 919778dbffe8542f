import { type Card, cardSchema } from '../cards/schema';

/*
 * Recently deleted: the cards deleted in this browser (by the user, or by sync because
 * another browser deleted them) in the last 30 days, each as it was when deleted, so
 * any of them can come back (merged as Undo merges). Local only, never synced. Pure
 * helpers; the item is in ./storage.ts.
 */

/** How long a deleted card stays in the list. */
export const RECENTLY_DELETED_DAYS = 30;
const KEEP_MS = RECENTLY_DELETED_DAYS * 24 * 60 * 60 * 1000;
/** At most this many are kept (newest first), so the list cannot grow without bound. */
export const MAX_RECENTLY_DELETED = 200;

/** One deleted card, as stored in `local:recentlyDeleted`. */
export interface DeletedCardV1 {
  card: Card;
  /** When it was deleted here (ISO). */
  deletedAt: string;
  /** `here`: deleted in this browser; `sync`: deleted in another browser, and removed here by sync. */
  by: 'here' | 'sync';
}

/** The readable entries of a stored value, newest first; an entry whose card does not validate is left out. */
export function parseRecentlyDeleted(raw: unknown): DeletedCardV1[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { card, deletedAt, by } = entry as Record<string, unknown>;
    const parsed = cardSchema.safeParse(card);
    if (!parsed.success || typeof deletedAt !== 'string' || Number.isNaN(Date.parse(deletedAt))) return [];
    return [{ card: parsed.data, deletedAt, by: by === 'sync' ? 'sync' : 'here' }];
  });
}

/** The list with `cards` added (deleted at `now`), entries older than 30 days dropped, one entry per card id (the newest). */
export function withDeleted(list: readonly DeletedCardV1[], cards: readonly Card[], by: DeletedCardV1['by'], now: Date): DeletedCardV1[] {
  const added = cards.map((card) => ({ card, deletedAt: now.toISOString(), by }));
  const ids = new Set(cards.map((card) => card.id));
  return prunedDeleted([...added, ...list.filter((entry) => !ids.has(entry.card.id))], now);
}

/** The list without entries deleted more than 30 days before `now`, at most {@link MAX_RECENTLY_DELETED}. */
export function prunedDeleted(list: readonly DeletedCardV1[], now: Date): DeletedCardV1[] {
  const cutoff = now.getTime() - KEEP_MS;
  return list.filter((entry) => Date.parse(entry.deletedAt) >= cutoff).slice(0, MAX_RECENTLY_DELETED);
}

/** The last copy of each card deleted in this browser (not by sync), by id: a sync round records what was done to it before. */
export function deletedHereById(list: readonly DeletedCardV1[]): Map<string, Card> {
  return new Map(list.filter((entry) => entry.by === 'here').map((entry) => [entry.card.id, entry.card]));
}
