/*
 * Chrome's limits on `storage.sync` (chrome.storage.sync.QUOTA_BYTES and friends);
 * Firefox's are the same sizes without the write rates. An item's size is its key's
 * length plus the length of its value as JSON, in UTF-8 bytes, as Chrome counts it.
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

/** The length of a string in UTF-8 bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The bytes Chrome counts for one item: key plus JSON value, in UTF-8. */
export function itemBytes(key: string, value: unknown): number {
  return utf8Length(key) + utf8Length(JSON.stringify(value));
}
