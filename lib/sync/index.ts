/*
 * Sync: the same cards in every browser the user signs into, through the browser's own
 * `storage.sync`, opt-in (docs/sync.md). Pure merge and planning; `service.ts` is the edge
 * the background wires; `enable.ts` is what the options page uses to turn it on.
 */
export { createSyncService, SYNC_RETRY_ALARM, type SyncArea, type SyncService } from './service';
export { syncRound, type RoundInput, type RoundResult } from './round';
