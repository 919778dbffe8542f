import type { Card } from '../cards/schema';
import { isAlive, mergeEntries, type SyncEntry } from './entry';
import { mergeCardsStep, type StepOptions } from './merge-step';
import { TOMBSTONE_MS } from './limits';
import type { SyncStatus } from './status';

/*
 * The review of a merge that would delete cards. Turning sync on (and the first round
 * after a browser was away longer than tombstones are kept) never deletes a card, here
 * or in another browser, and never brings one back, unless the user saw it named and
 * chose. The options page shows the review before sync is turned on; the background
 * checks the same review before its first round and holds that round (writes nothing)
 * while anything in it was not confirmed.
 */

/** A card named in the review. */
export interface ReviewCard {
  id: string;
  label: string;
}

/** What a merge would delete or bring back, card by card. */
export interface SyncReview {
  /** Cards of this browser that the merge would delete here (they were deleted in another browser). */
  deleteHere: ReviewCard[];
  /** Cards in sync storage that the merge would delete in the other browsers (deleted here while sync was off, or before). */
  deleteElsewhere: ReviewCard[];
  /**
   * Cards this browser synced before that sync storage no longer holds, after this
   * browser was away longer than deletions are remembered: perhaps deleted in another
   * browser. Without a choice they would come back everywhere.
   */
  returning: ReviewCard[];
}

/** The user's choice per card named in a review: ids to keep, ids to let go. */
export interface SyncConfirmation {
  keep: string[];
  remove: string[];
}

export const EMPTY_REVIEW: SyncReview = { deleteHere: [], deleteElsewhere: [], returning: [] };

/** Everything the review of one merge reads. */
export interface ReviewInput extends StepOptions {
  local: readonly Card[];
  keptAsideIds: ReadonlySet<string>;
  base: Readonly<Record<string, SyncEntry>>;
  remote: Readonly<Record<string, SyncEntry>>;
  /** Whether to list `returning` cards: only when this browser was away longer than tombstones are kept. */
  withReturning: boolean;
}

const byLabel = (a: ReviewCard, b: ReviewCard) => a.label.localeCompare(b.label) || (a.id < b.id ? -1 : 1);

/** What the merge of `local` (with its `base`) and `remote` would delete or bring back. Pure; nothing written. */
export function reviewMerge(input: ReviewInput): SyncReview {
  const { local, base, remote } = input;
  const step = mergeCardsStep(local, input.keptAsideIds, base, remote, input);
  const kept = new Set(step.cards.map((card) => card.id));
  const localIds = new Set(local.map((card) => card.id));
  const review: SyncReview = { deleteHere: [], deleteElsewhere: [], returning: [] };
  for (const card of local) if (!kept.has(card.id)) review.deleteHere.push({ id: card.id, label: card.label });
  for (const [id, entry] of Object.entries(remote)) {
    if (localIds.has(id) || input.keptAsideIds.has(id) || !isAlive(entry)) continue;
    const merged = step.entries[id];
    if (!merged || !isAlive(merged)) review.deleteElsewhere.push({ id, label: entry.card!.label });
  }
  if (input.withReturning)
    for (const card of local) {
      const known = base[card.id];
      if (known && isAlive(known) && !remote[card.id] && kept.has(card.id)) review.returning.push({ id: card.id, label: card.label });
    }
  review.deleteHere.sort(byLabel);
  review.deleteElsewhere.sort(byLabel);
  review.returning.sort(byLabel);
  return review;
}

/** Ids named anywhere in a review. */
export const reviewIds = (review: SyncReview): string[] =>
  [...review.deleteHere, ...review.deleteElsewhere, ...review.returning].map((card) => card.id);

/** Whether a review names no card. */
export const isEmptyReview = (review: SyncReview): boolean => reviewIds(review).length === 0;

/** Choices made earlier with newer ones over them: a card decided again takes the newer choice. */
export function addConfirmation(previous: SyncConfirmation | undefined, next: SyncConfirmation): SyncConfirmation {
  const before = previous ?? { keep: [], remove: [] };
  const keep = new Set([...before.keep.filter((id) => !next.remove.includes(id)), ...next.keep]);
  const remove = new Set([...before.remove.filter((id) => !next.keep.includes(id)), ...next.remove]);
  return { keep: [...keep], remove: [...remove] };
}

/** The cards of a review the user has not decided about. */
export function unconfirmed(review: SyncReview, confirmation: SyncConfirmation | undefined): SyncReview {
  const decided = new Set([...(confirmation?.keep ?? []), ...(confirmation?.remove ?? [])]);
  const open = (cards: ReviewCard[]) => cards.filter((card) => !decided.has(card.id));
  return { deleteHere: open(review.deleteHere), deleteElsewhere: open(review.deleteElsewhere), returning: open(review.returning) };
}

/**
 * The local cards and base with the user's choices applied, before the merge:
 * - keep a card deleted in another browser: this browser's copy comes back as a new
 *   life (its base becomes the deletion, so the local card counts as restored), with
 *   every event it holds;
 * - keep a card deleted here: the copy in sync storage comes back here, unchanged;
 * - let a returning card go: it is deleted here (and the deletion is shared).
 * Choices for cards that are not in question any more change nothing.
 */
export function applyConfirmation(
  local: readonly Card[],
  base: Readonly<Record<string, SyncEntry>>,
  remote: Readonly<Record<string, SyncEntry>>,
  confirmation: SyncConfirmation | undefined,
): { local: readonly Card[]; base: Readonly<Record<string, SyncEntry>> } {
  if (!confirmation) return { local, base };
  const cards = [...local];
  const nextBase: Record<string, SyncEntry> = { ...base };
  const localIds = new Set(local.map((card) => card.id));
  for (const id of new Set(confirmation.keep)) {
    const theirs = remote[id];
    if (!theirs) continue;
    if (localIds.has(id)) {
      if (!isAlive(theirs)) nextBase[id] = base[id] ? mergeEntries(base[id]!, theirs) : theirs;
    } else if (isAlive(theirs)) {
      cards.push(theirs.card!);
      nextBase[id] = theirs;
    }
  }
  const remove = new Set(confirmation.remove);
  const returningGone = cards.filter((card) => remove.has(card.id) && base[card.id] && isAlive(base[card.id]!) && !remote[card.id]);
  const gone = new Set(returningGone.map((card) => card.id));
  // The same list when nothing changed, so the round knows the local cards need no write.
  const same = cards.length === local.length && gone.size === 0;
  return { local: same ? local : cards.filter((card) => !gone.has(card.id)), base: nextBase };
}

/** Whether this browser was away from sync longer than deletions are remembered, so its next round is reviewed. */
export const awayTooLong = (status: SyncStatus, now: Date): boolean =>
  typeof status.lastRoundAt === 'number' && now.getTime() - status.lastRoundAt > TOMBSTONE_MS;
