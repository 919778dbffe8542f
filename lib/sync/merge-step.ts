import type { Card } from '../cards/schema';
import type { SettingsV1 } from '../store/settings-schema';
import { cardsFromEntries, entriesFromLocal, mergeEntrySets, pruneEntries, type SyncEntry } from './entry';
import { mergeSettingsEntries, settingsEntryFromLocal, type SettingsEntry } from './settings-entry';
import { TOMBSTONE_MS } from './limits';
import { stableJson } from './stable-json';
import { carryLives } from './carry';

/** What sync remembers between runs: the entries as they were when it last wrote the local cards and settings. */
export interface SyncBase {
  cards: Record<string, SyncEntry>;
  settings?: SettingsEntry;
}

export const EMPTY_BASE: SyncBase = { cards: {} };

/** Options of {@link mergeCardsStep} and {@link mergeSettingsStep}. */
export interface StepOptions {
  device: string;
  now: Date;
  /** The last copy of each card deleted in this browser (Recently deleted), see `entriesFromLocal`. */
  deletedHere?: ReadonlyMap<string, Card>;
}

/**
 * One sync of the cards, pure: this browser's changes since `base`, merged with what
 * sync storage holds (`remote`). Gives the new local cards and the entries to remember
 * and to push. `changed`: the local cards must be written; `received`: because of
 * something another browser did (not only this browser's history put in sync order).
 */
export function mergeCardsStep(
  local: readonly Card[],
  keptAsideIds: ReadonlySet<string>,
  base: Readonly<Record<string, SyncEntry>>,
  remote: Readonly<Record<string, SyncEntry>>,
  options: StepOptions,
): { cards: Card[]; entries: Record<string, SyncEntry>; changed: boolean; received: boolean } {
  const own = entriesFromLocal(local, base, { ...options, keptAsideIds });
  // Cards whose stored entry could not be read here are left to the browser that can read them.
  const readable = Object.fromEntries(Object.entries(remote).filter(([id]) => !keptAsideIds.has(id)));
  // A card put back after a deletion keeps what any browser recorded on its earlier life (carry.ts).
  const { mine, theirs } = carryLives(own, readable);
  const entries = pruneEntries(mergeEntrySets(mine, theirs), options.now, TOMBSTONE_MS);
  const cards = cardsFromEntries(local, entries);
  // The entries hold the very card objects now local, so the next round sees "unchanged" at a glance.
  for (const card of cards)
    if (entries[card.id]?.card && entries[card.id]!.card !== card) entries[card.id] = { ...entries[card.id]!, card };
  const changed = cards.length !== local.length || cards.some((card, i) => card !== local[i]);
  // Received: the cards differ from what this browser's own changes alone would give.
  const received = changed && stableJson(cards) !== stableJson(cardsFromEntries(local, pruneEntries(mine, options.now, TOMBSTONE_MS)));
  return { cards, entries, changed, received };
}

/** One sync of the settings, pure; `settings` is `null` when the new local settings are the same. */
export function mergeSettingsStep(
  local: SettingsV1,
  base: SettingsEntry | undefined,
  remote: SettingsEntry | undefined,
  options: StepOptions,
): { settings: SettingsV1 | null; entry: SettingsEntry } {
  const entry = mergeSettingsEntries(settingsEntryFromLocal(local, base, options.device, options.now), remote)!;
  return { settings: stableJson(entry.s) === stableJson(local) ? null : entry.s, entry };
}
