import type { SyncErrorKind } from './errors';
import type { LocalOnlyCard, PushPlan, StaleCard } from './plan-push';
import type { SyncBase } from './merge-step';
import type { SyncEntry } from './entry';
import type { WriteBudget } from './write-budget';
import type { SyncConfirmation, SyncReview } from './review';

/** Whether sync is on, and this browser's device id (made the first time sync is turned on). */
export interface SyncPrefs {
  enabled: boolean;
  deviceId?: string;
  /**
   * Set when sync is turned on: the next round is reviewed (it deletes or brings back
   * no card that is not named here), and this is the user's choice per card. Removed
   * once a round has merged.
   */
  confirmed?: SyncConfirmation;
}

/** What the options page shows about sync, written by the background after each round. */
export interface SyncStatus {
  /** ms when a change from another browser last reached this one. */
  lastReceivedAt?: number;
  /** ms when this browser last wrote to sync storage. */
  lastSentAt?: number;
  /** Bytes (`getBytesInUse`) and items in sync storage as read after the last round: what is stored, not what was planned. */
  bytes?: number;
  items?: number;
  /** Cards of this browser among the stored items. */
  storedCards?: number;
  localOnly?: LocalOnlyCard[];
  /** Synced cards whose latest change here is not in sync storage: the other browsers show an older copy. */
  stale?: StaleCard[];
  /** Cards whose latest change in another browser did not reach sync storage: the copy here may be older. */
  staleElsewhere?: Pick<StaleCard, 'id' | 'label'>[];
  /** Ids of deleted cards whose deletion waits for room in sync storage. */
  deletionsLeftOut?: string[];
  compacted?: PushPlan['compacted'];
  /** The last round's failure, if it failed; cleared by the next round that succeeds. */
  error?: { kind: SyncErrorKind; at: number };
  /** ms when writes held back by the write budget will be sent. */
  retryAt?: number;
  budget?: WriteBudget;
  /** ms of the last round that merged (kept to the hour): a browser away longer than tombstones are kept reviews its next round. */
  lastRoundAt?: number;
  /** A reviewed round held until the user decides about these cards (the options page asks). */
  review?: SyncReview;
}

const ids = (raw: unknown): string[] => (Array.isArray(raw) ? raw.filter((id): id is string => typeof id === 'string') : []);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stored prefs; anything unreadable counts as off (sync never starts by accident). */
export function parseSyncPrefs(raw: unknown): SyncPrefs {
  if (!isObject(raw)) return { enabled: false };
  const deviceId = typeof raw.deviceId === 'string' && /^[a-z0-9]{1,16}$/.test(raw.deviceId) ? raw.deviceId : undefined;
  const confirmed = isObject(raw.confirmed) ? { keep: ids(raw.confirmed.keep), remove: ids(raw.confirmed.remove) } : undefined;
  return { enabled: raw.enabled === true, ...(deviceId ? { deviceId } : {}), ...(confirmed ? { confirmed } : {}) };
}

/** The stored status; it is only shown, so an unreadable one is simply empty. */
export function parseSyncStatus(raw: unknown): SyncStatus {
  return isObject(raw) ? (raw as SyncStatus) : {};
}

/**
 * The stored base. It was written by this code, but is checked loosely all the same: an
 * unreadable base is treated as empty, which makes every local card count as new and
 * merges it again (nothing is lost, at worst a field changed elsewhere meanwhile loses
 * to this browser's copy).
 */
export function parseSyncBase(raw: unknown): SyncBase {
  if (!isObject(raw) || !isObject(raw.cards)) return { cards: {} };
  const cards: Record<string, SyncEntry> = {};
  for (const [id, entry] of Object.entries(raw.cards))
    if (isObject(entry) && typeof entry.b === 'string') cards[id] = entry as unknown as SyncEntry;
  const settings = isObject(raw.settings) && isObject(raw.settings.s) ? (raw.settings as unknown as SyncBase['settings']) : undefined;
  return settings ? { cards, settings } : { cards };
}
