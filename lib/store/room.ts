import { browser } from 'wxt/browser';
import { itemBytes } from './bytes';

/*
 * Room in storage.local. Chrome gives an extension 10 MB there (QUOTA_BYTES) unless it
 * holds the unlimitedStorage permission, which SIM Keeper does not ask for (it cannot be
 * optional); Firefox sets no limit. A write that would pass the limit is refused here,
 * before any of its values is written, so an import never stops halfway.
 */

/** storage.local's limit in bytes, or `null` where the browser sets none (Firefox). */
export function localQuota(): number | null {
  const quota = (browser.storage.local as { QUOTA_BYTES?: unknown }).QUOTA_BYTES;
  return typeof quota === 'number' && quota > 0 ? quota : null;
}

/** The bytes `keys` (all: `null`) take in storage.local: the browser's count, or counted from the values where it has none. */
export async function bytesInUse(keys: string[] | null): Promise<number> {
  const local = browser.storage.local as { getBytesInUse?: (keys: string[] | null) => Promise<number> };
  try {
    if (typeof local.getBytesInUse === 'function') return await local.getBytesInUse(keys);
  } catch {
    // fakeBrowser in unit tests, or a browser without it: count below.
  }
  const values = await browser.storage.local.get(keys);
  return Object.entries(values).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
}

/** A write refused because storage.local would pass its limit: nothing of it was written. */
export class StorageFullError extends Error {
  constructor(
    /** The bytes storage.local would hold after the write. */
    readonly needed: number,
    readonly limit: number,
  ) {
    super(`storage.local would hold ${needed} bytes of its ${limit}`);
    this.name = 'StorageFullError';
  }
}

/**
 * Room for the small items a write also changes (the cards' revision, WXT's version keys),
 * and 512 KB left free after an import or a restore for everyday changes (renewals, edits,
 * Recently deleted), so a full import never leaves the next "Record renewal" without room.
 */
const SLACK = 1_024 + 512 * 1_024;
/** What a write leaves free at least, where the browser limits storage.local. */
export const KEPT_FREE = SLACK;
/** The undo snapshot's and the restore point's own fields beside the cards (times, kind, counts, settings). */
const COPY_OVERHEAD = 512;

/**
 * Which of `choices` for the item `key`, written together with `writes` (key → value), fits
 * in storage.local with {@link KEPT_FREE} to spare: the index of the first that does, each
 * value counted once. Throws {@link StorageFullError} (with what the last choice needs) when
 * none does; where the browser sets no limit, the first.
 */
export async function firstThatFits(writes: Record<string, unknown>, key: string, choices: readonly unknown[]): Promise<number> {
  const limit = localQuota();
  if (limit === null) return 0;
  const keys = [...Object.keys(writes), key];
  const [all, replaced] = await Promise.all([bytesInUse(null), bytesInUse(keys)]);
  const fixed = all - replaced + SLACK + Object.entries(writes).reduce((sum, [name, value]) => sum + itemBytes(name, value), 0);
  let needed = fixed;
  for (const [index, choice] of choices.entries()) {
    needed = fixed + itemBytes(key, choice);
    if (needed <= limit) return index;
  }
  throw new StorageFullError(needed, limit);
}

/** What an import would need in storage.local, by choice, against the limit. */
export interface ImportRoom {
  limit: number;
  /** In use now. */
  used: number;
  /** Needed after a Merge, and after Replace all. */
  merge: number;
  replace: number;
}

/**
 * The least an import would need (older restore points let go): what else is stored,
 * what it writes (`cardsBytes`, by choice: the cards after it and the ids it adds), and twice the cards as they are now
 * (the undo snapshot and the new restore point). `null` where there is no limit.
 */
export async function importRoom(cardsBytes: { merge: number; replace: number }): Promise<ImportRoom | null> {
  const limit = localQuota();
  if (limit === null) return null;
  const [used, copies, cards] = await Promise.all([
    bytesInUse(null),
    bytesInUse(['cards', 'importUndo', 'restorePoints']),
    bytesInUse(['cards']),
  ]);
  const need = (after: number) => used - copies + after + 2 * cards + SLACK + COPY_OVERHEAD;
  return { limit, used, merge: need(cardsBytes.merge), replace: need(cardsBytes.replace) };
}
