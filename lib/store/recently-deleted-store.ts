import { storage } from 'wxt/utils/storage';
import type { Card } from '../cards/schema';
import { deleteCard, restoreCard } from './card-actions';
import { type DeletedCardV1, parseRecentlyDeleted, prunedDeleted, withDeleted } from './recently-deleted';

/*
 * The Recently deleted item and the deletes that fill it. Declared here rather than in
 * ./storage.ts because the popup (which never deletes) shares ./storage.ts's chunk and
 * its size budget is nearly spent; only the options page and the background import this.
 */

/**
 * `local:recentlyDeleted`: the cards deleted here in the last 30 days (DeletedCardV1 in
 * ./recently-deleted.ts), newest first, each as it was when deleted, for the options
 * page's Recently deleted list. Local only, never synced. Version 1. Deleting it loses
 * only the list.
 */
export const recentlyDeletedItem = storage.defineItem<unknown>('local:recentlyDeleted', {
  fallback: [],
  version: 1,
  migrations: {},
});

/** The recently deleted cards, newest first, pruned to the last 30 days as of `now`. */
export async function loadRecentlyDeleted(now: Date): Promise<DeletedCardV1[]> {
  return prunedDeleted(parseRecentlyDeleted(await recentlyDeletedItem.getValue()), now);
}

export function watchRecentlyDeleted(onChange: (list: DeletedCardV1[]) => void): () => void {
  return recentlyDeletedItem.watch((raw) => onChange(parseRecentlyDeleted(raw)));
}

let deletedQueue: Promise<unknown> = Promise.resolve();

/** Changes the list one write at a time (pages and the background may both add to it). */
function updateRecentlyDeleted(change: (list: DeletedCardV1[]) => DeletedCardV1[]): Promise<void> {
  const run = deletedQueue.then(async () => {
    await recentlyDeletedItem.setValue(change(parseRecentlyDeleted(await recentlyDeletedItem.getValue())));
  });
  deletedQueue = run.catch(() => undefined);
  return run;
}

/** Adds deleted cards to the list (and prunes it). */
export function rememberDeleted(cards: readonly Card[], by: DeletedCardV1['by'], now: Date): Promise<void> {
  if (cards.length === 0) return Promise.resolve();
  return updateRecentlyDeleted((list) => withDeleted(list, cards, by, now));
}

/** Takes a card off the list (it was put back). */
export function forgetDeleted(id: string): Promise<void> {
  return updateRecentlyDeleted((list) => list.filter((entry) => entry.card.id !== id));
}

/** Deletes the card `id` (see deleteCard) and keeps it 30 days in Recently deleted. */
export async function deleteCardKept(id: string, now: Date): Promise<Card | null> {
  const deleted = await deleteCard(id);
  // The deletion itself is already saved; a failure here loses only the list entry.
  if (deleted)
    await rememberDeleted([deleted], 'here', now).catch((error: unknown) => console.error('SIM Keeper: recently deleted', error));
  return deleted;
}

/** Puts a deleted card back (see restoreCard: merged with any copy there is) and takes it off Recently deleted. */
export async function restoreDeletedCard(card: Card): Promise<void> {
  await restoreCard(card);
  await forgetDeleted(card.id).catch((error: unknown) => console.error('SIM Keeper: recently deleted', error));
}
