import type { MessageKey } from '../browser/i18n';

/** What went wrong talking to `storage.sync`, in the terms the user is told. */
export type SyncErrorKind = 'quota-bytes' | 'quota-item' | 'max-items' | 'rate' | 'unavailable';

/**
 * The kind of a `storage.sync` error, from its message. Chrome has spelled the quota
 * errors two ways (`QUOTA_BYTES quota exceeded`, `Resource::kQuotaBytes quota exceeded`)
 * and the rate errors as `This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.`;
 * Firefox says `QuotaExceededError: storage.sync API call exceeded its quota limitations.`
 */
export function classifySyncError(error: unknown): SyncErrorKind {
  const message = error instanceof Error ? error.message : String(error);
  if (/QUOTA_BYTES_PER_ITEM|kQuotaBytesPerItem/i.test(message)) return 'quota-item';
  if (/MAX_WRITE_OPERATIONS|kMaxWriteOperations/i.test(message)) return 'rate';
  if (/MAX_ITEMS|kMaxItems/i.test(message)) return 'max-items';
  if (/QUOTA_BYTES|kQuotaBytes|QuotaExceeded|quota/i.test(message)) return 'quota-bytes';
  return 'unavailable';
}

/** The message shown for an error kind; each says the cards in this browser are safe. */
export const SYNC_ERROR_MESSAGES: Record<SyncErrorKind, MessageKey> = {
  'quota-bytes': 'sync_errorQuotaBytes',
  'quota-item': 'sync_errorQuotaItem',
  'max-items': 'sync_errorMaxItems',
  rate: 'sync_errorRate',
  unavailable: 'sync_errorUnavailable',
};
