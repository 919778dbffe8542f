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
 * The bytes storage.local would hold after writing `writes` (key → value) over what is
 * stored, or `null` where there is no limit (nothing to count).
 */
export async function bytesAfter(writes: Record<string, unknown>): Promise<{ needed: number; limit: number } | null> {
  const limit = localQuota();
  if (limit === null) return null;
  const keys = Object.keys(writes);
  const [all, replaced] = await Promise.all([bytesInUse(null), bytesInUse(keys)]);
  const written = keys.reduce((sum, key) => sum + itemBytes(key, writes[key]), 0);
  return { needed: all - replaced + written + SLACK, limit };
}

/** Whether `writes` fit; `false` with the counts when they do not. */
export async function roomFor(writes: Record<string, unknown>): Promise<{ fits: boolean; needed: number; limit: number }> {
  const after = await bytesAfter(writes);
  return after === null ? { fits: true, needed: 0, limit: Number.POSITIVE_INFINITY } : { fits: after.needed <= after.limit, ...after };
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
