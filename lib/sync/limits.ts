/*
 * Chrome's limits on `storage.sync` (chrome.storage.sync.QUOTA_BYTES and friends);
 * Firefox's are the same sizes without the write rates. An item's size: itemBytes below.
 */
export const SYNC_LIMITS = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
} as const;

/** What sync plans to fill at most: a margin under the quota for another version's items and for rounding. */
export const PLANNED_BYTES = SYNC_LIMITS.QUOTA_BYTES - 2_048;
export const PLANNED_ITEMS = SYNC_LIMITS.MAX_ITEMS - 12;

/** How long a deleted card or a removed event is remembered: a browser offline for less than this never brings it back. */
export const TOMBSTONE_DAYS = 60;
export const TOMBSTONE_MS = TOMBSTONE_DAYS * 24 * 60 * 60 * 1000;

export { itemBytes, jsonBytes, utf8Length } from '../store/bytes';
