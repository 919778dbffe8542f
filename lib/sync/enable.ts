import type { Card } from '../cards/schema';
import { loadCards, syncBaseItem, syncPrefsItem, syncStatusItem } from '../store/storage';
import { isAlive } from './entry';
import { readItems } from './items';
import { mergeCardsStep } from './merge-step';
import { parseSyncBase, parseSyncPrefs, parseSyncStatus } from './status';
import {
  addConfirmation,
  applyConfirmation,
  awayTooLong,
  isEmptyReview,
  reviewMerge,
  type SyncConfirmation,
  type SyncReview,
} from './review';
import type { SyncArea } from './service';
import { stableJson } from './stable-json';

/*
 * Turning sync on, from the options page. When both this browser and sync storage hold
 * cards, the page shows what the merge will do before it is done: the same merge the
 * background then runs (mergeCardsStep), so the preview cannot promise something else.
 */

/** What turning sync on will do to this browser's cards, in counts. */
export interface SyncPreview {
  /** Cards in sync storage (alive) and in this browser. */
  remoteCards: number;
  localCards: number;
  /** Cards only in sync storage, which this browser gains. */
  added: number;
  /** Cards in both whose merge differs from this browser's copy. */
  changed: number;
  /** Cards in both that the merge leaves as this browser has them. */
  same: number;
  /** Cards only in this browser, which sync storage gains. */
  shared: number;
  /** Cards of this browser deleted in another browser after this copy last changed. */
  removed: number;
  /** Each card the merge would delete here or in the other browsers, or bring back: the user chooses per card. */
  review: SyncReview;
}

/** The preview, pure: the merge applied to copies, nothing written. */
export function previewSync(
  local: readonly Card[],
  remote: Readonly<Record<string, unknown>>,
  base: Parameters<typeof mergeCardsStep>[2],
  now: Date,
  options: { withReturning?: boolean; confirmation?: SyncConfirmation; keptAsideIds?: ReadonlySet<string> } = {},
): SyncPreview {
  const items = readItems(remote);
  // As the background does: entries kept aside as unreadable are never taken for deleted cards.
  const keptAsideIds = options.keptAsideIds ?? new Set<string>();
  const review = reviewMerge({
    local,
    keptAsideIds,
    base,
    remote: items.cards,
    device: 'preview',
    now,
    withReturning: options.withReturning ?? false,
  });
  // The counts are of the merge with the user's choices applied (all deletions let go when none was made).
  ({ local, base } = applyConfirmation(local, base, items.cards, options.confirmation));
  const remoteAlive = new Set(Object.entries(items.cards).flatMap(([id, entry]) => (isAlive(entry) ? [id] : [])));
  const { cards } = mergeCardsStep(local, keptAsideIds, base, items.cards, { device: 'preview', now });
  const localById = new Map(local.map((card) => [card.id, card]));
  const merged = new Set(cards.map((card) => card.id));
  const preview: SyncPreview = {
    remoteCards: remoteAlive.size,
    localCards: local.length,
    added: 0,
    changed: 0,
    same: 0,
    shared: 0,
    removed: 0,
    review,
  };
  for (const card of cards) {
    const mine = localById.get(card.id);
    if (!mine) preview.added += 1;
    else if (!remoteAlive.has(card.id)) preview.shared += 1;
    else if (stableJson(mine) === stableJson(card)) preview.same += 1;
    else preview.changed += 1;
  }
  preview.removed = local.filter((card) => !merged.has(card.id)).length;
  return preview;
}

/** Reads both sides and previews the merge. */
export async function loadSyncPreview(area: SyncArea, now: Date): Promise<SyncPreview> {
  const [remote, snapshot, base, status] = await Promise.all([
    area.get(null),
    loadCards(),
    syncBaseItem.getValue(),
    syncStatusItem.getValue(),
  ]);
  const keptAsideIds = new Set(
    snapshot.invalid.flatMap(({ raw }) => {
      const id = (raw as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? [id] : [];
    }),
  );
  return previewSync(snapshot.cards, remote, parseSyncBase(base).cards, now, {
    withReturning: awayTooLong(parseSyncStatus(status), now),
    keptAsideIds,
  });
}

/** Whether the merge needs the user's look first: both sides hold cards, or it would delete or bring back a card. */
export const needsPreview = (preview: SyncPreview): boolean =>
  (preview.remoteCards > 0 && preview.localCards > 0) || !isEmptyReview(preview.review);

/**
 * Turns sync on or off. On: the background merges at once (it watches this switch),
 * in a reviewed round that deletes or brings back only the cards of `confirmation`
 * (the user's choices in the preview; none when the preview named no card). Off: sync
 * storage is left as it is, for the other browsers.
 */
export async function setSyncEnabled(enabled: boolean, confirmation: SyncConfirmation = { keep: [], remove: [] }): Promise<void> {
  const { confirmed: _, ...prefs } = parseSyncPrefs(await syncPrefsItem.getValue());
  await syncPrefsItem.setValue(enabled ? { ...prefs, enabled, confirmed: confirmation } : { ...prefs, enabled });
}

/** Records the user's choices for a held round (the options page's review): the background runs it again with them. */
export async function confirmSyncReview(confirmation: SyncConfirmation): Promise<void> {
  const prefs = parseSyncPrefs(await syncPrefsItem.getValue());
  await syncPrefsItem.setValue({ ...prefs, confirmed: addConfirmation(prefs.confirmed, confirmation) });
}
