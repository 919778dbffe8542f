import type { browser as wxtBrowser } from 'wxt/browser';
import type { CardsSnapshot } from '../store/storage';
import {
  cardsItem,
  loadCards,
  loadSettings,
  saveSettings,
  settingsItem,
  syncBaseItem,
  syncPrefsItem,
  syncStatusItem,
  updateCards,
} from '../store/storage';
import { newDeviceId } from './clock';
import { forgetDeleted, loadRecentlyDeleted, rememberDeleted } from '../store/recently-deleted-store';
import { deletedHereById } from '../store/recently-deleted';
import { withSavedCopies } from './carry';
import { isAlive } from './entry';
import { readItems } from './items';
import { itemBytes } from './limits';
import { classifySyncError } from './errors';
import { syncRound, type RoundResult } from './round';
import { awayTooLong } from './review';
import type { SyncBase } from './merge-step';
import { parseSyncBase, parseSyncPrefs, parseSyncStatus, type SyncStatus } from './status';
import { takeTokens } from './write-budget';
import { stableJson } from './stable-json';
import { withNamedLock } from '../browser/named-lock';
import { keptAsideIdsOf } from '../store/parse-stored';

/*
 * The edge of sync: reads local and sync storage, runs the pure round (round.ts),
 * writes the results. Local storage stays the working copy: a failure here is recorded
 * in the status and retried, and never blocks or undoes a local change. Every event
 * (a local change, a change arriving in sync storage, the retry alarm, a start) runs
 * the same idempotent `run`; nothing is kept in memory between events.
 */

type Browser = typeof wxtBrowser;

/** The part of `storage.sync` sync uses; tests pass a fake that enforces Chrome's limits. */
export interface SyncArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** Chrome's own count of the bytes stored; where missing (or failing), the bytes are counted from the items read. */
  getBytesInUse?(keys: null): Promise<number>;
}

/** The alarm that sends writes held back by the write budget or refused for the rate. */
export const SYNC_RETRY_ALARM = 'sync|retry';
/** After a refused write, wait this long before trying again (Chrome counts writes per minute). */
const RETRY_AFTER_ERROR_MS = 60_000;
/** `lastRoundAt` is kept to this precision, so a round with nothing new does not rewrite the status. */
const ROUND_TIME_STEP_MS = 60 * 60 * 1000;

export interface SyncServiceOptions {
  browser: Browser;
  /** Defaults to `browser.storage.sync`. */
  area?: SyncArea;
  now?: () => Date;
}

/** What a run did, for tests; `undefined` when sync is off. */
export interface SyncRunResult {
  round: RoundResult;
  wrote: boolean;
  status: SyncStatus;
}

export interface SyncService {
  run(): Promise<SyncRunResult | undefined>;
  handleAlarm(alarm: { name: string }): Promise<SyncRunResult | undefined>;
  /** Watches the cards, the settings, the sync switch and sync storage; returns a function that stops. */
  watchStorage(): () => void;
}

/** Whether two bases hold the same entries: card by card, plain JSON first (fast), then regardless of key order. */
export function sameBase(a: SyncBase, b: SyncBase): boolean {
  const same = (x: unknown, y: unknown) => x === y || JSON.stringify(x) === JSON.stringify(y) || stableJson(x) === stableJson(y);
  const ids = Object.keys(a.cards);
  if (ids.length !== Object.keys(b.cards).length) return false;
  for (const id of ids) if (!(id in b.cards) || !same(a.cards[id], b.cards[id])) return false;
  return same(a.settings ?? null, b.settings ?? null);
}

/** One round at a time across the background and the options page. */
const withSyncLock = <T>(task: () => Promise<T>): Promise<T> => withNamedLock('sim-keeper:sync', task);

export function createSyncService(options: SyncServiceOptions): SyncService {
  const { browser } = options;
  const area: SyncArea = options.area ?? (browser.storage.sync as unknown as SyncArea);
  const now = options.now ?? (() => new Date());

  async function saveStatus(previous: SyncStatus, next: SyncStatus): Promise<void> {
    if (stableJson(previous) !== stableJson(next)) await syncStatusItem.setValue(next);
  }

  async function storedSize(stored: Record<string, unknown>): Promise<Pick<SyncStatus, 'bytes' | 'items' | 'storedCards'>> {
    let bytes: number | undefined;
    try {
      bytes = area.getBytesInUse ? await area.getBytesInUse(null) : undefined;
    } catch {
      bytes = undefined;
    }
    if (bytes === undefined) bytes = Object.entries(stored).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
    const cards = Object.values(readItems(stored).cards).filter(isAlive).length;
    return { bytes, items: Object.keys(stored).length, storedCards: cards };
  }

  async function round(): Promise<SyncRunResult | undefined> {
    const prefs = parseSyncPrefs(await syncPrefsItem.getValue());
    if (!prefs.enabled) return undefined;
    let device = prefs.deviceId;
    if (!device) {
      device = newDeviceId();
      await syncPrefsItem.setValue({ ...prefs, deviceId: device });
    }
    const previous = parseSyncStatus(await syncStatusItem.getValue());
    const status: SyncStatus = { ...previous };
    const at = now();
    let remote: Record<string, unknown>;
    try {
      remote = await area.get(null);
    } catch (error) {
      await saveStatus(previous, { ...status, error: { kind: classifySyncError(error), at: at.getTime() } });
      throw error;
    }
    const base = parseSyncBase(await syncBaseItem.getValue());
    const settingsSnapshot = await loadSettings();
    const first = await loadCards();
    const keptAsideIds = keptAsideIdsOf(first);
    // What was done to a card before it was deleted here (an undone renewal) is recorded with the deletion.
    const deletedHere = deletedHereById(await loadRecentlyDeleted(at));
    // Turned on just now, or away longer than deletions are remembered: the round deletes
    // and brings back only cards the user confirmed, or waits for the user.
    const away = awayTooLong(previous, at);
    const review = prefs.confirmed || away ? { confirmation: prefs.confirmed, withReturning: away } : undefined;
    const input = (cards: CardsSnapshot['cards']) => ({
      review,
      local: cards,
      keptAsideIds,
      deletedHere,
      settings: settingsSnapshot.problems ? null : settingsSnapshot.settings,
      base,
      remote,
      device,
      now: at,
    });
    let result = syncRound(input(first.cards));
    if (result.held) {
      // Nothing is merged or written until the user decides; the options page shows the cards.
      await saveStatus(previous, { ...status, review: result.held });
      return { round: result, wrote: false, status: { ...status, review: result.held } };
    }
    let removedHere: CardsSnapshot['cards'] = [];
    let savedUsed: string[] = [];
    if (result.cardsChanged) {
      const saved = await loadRecentlyDeleted(at);
      // Written as a function of the freshest cards, under the cards lock: a change made
      // meanwhile in a page is part of this round, never overwritten by it.
      await updateCards((cards) => {
        result = syncRound(input(cards));
        const kept = new Set(result.cards.map((card) => card.id));
        removedHere = cards.filter((card) => !kept.has(card.id));
        // A card that comes back keeps what this browser recorded on it before sync removed it here.
        const merged = withSavedCopies(cards, result.cards, saved);
        savedUsed = merged.used;
        return merged.cards;
      });
    }
    // Cards deleted in another browser stay 30 days in this browser's Recently deleted.
    if (removedHere.length) await rememberDeleted(removedHere, 'sync', at);
    for (const id of savedUsed) await forgetDeleted(id);
    if (result.held) {
      // The cards changed under the lock into something to review: wait for the user.
      await saveStatus(previous, { ...status, review: result.held });
      return { round: result, wrote: false, status: { ...status, review: result.held } };
    }
    delete status.review;
    if (review) {
      const { confirmed: _, ...rest } = parseSyncPrefs(await syncPrefsItem.getValue());
      await syncPrefsItem.setValue({ ...rest, deviceId: device });
    }
    if (status.lastRoundAt === undefined || at.getTime() - status.lastRoundAt >= ROUND_TIME_STEP_MS) status.lastRoundAt = at.getTime();
    if (result.received) status.lastReceivedAt = at.getTime();
    if (result.settings) await saveSettings(result.settings);
    // The base is the largest local item (about 2.4 KB a card): written only when it changed.
    if (!sameBase(base, result.base)) await syncBaseItem.setValue(result.base);

    const { plan } = result;
    const operations = (Object.keys(plan.set).length ? 1 : 0) + (plan.remove.length ? 1 : 0);
    Object.assign(status, {
      localOnly: plan.localOnly,
      stale: plan.stale,
      staleElsewhere: result.staleElsewhere,
      deletionsLeftOut: plan.deletionsLeftOut,
      compacted: plan.compacted,
    });
    let wrote = false;
    // Whether a write was tried: then sync storage is read back (a refused one may have met another browser's write).
    let attempted = false;
    if (operations > 0) {
      const taken = takeTokens(status.budget, operations, at.getTime());
      if (!taken.ok) {
        status.retryAt = taken.retryAt;
        await browser.alarms.create(SYNC_RETRY_ALARM, { when: taken.retryAt });
      } else {
        status.budget = taken.budget;
        attempted = true;
        try {
          // Expired tombstones go first: the plan counts the room they leave for the `set`.
          if (plan.remove.length) await area.remove(plan.remove);
          if (Object.keys(plan.set).length) await area.set(plan.set);
          wrote = true;
          status.lastSentAt = at.getTime();
          delete status.retryAt;
          delete status.error;
        } catch (error) {
          // The local cards are already saved; sync storage catches up on the next round.
          const kind = classifySyncError(error);
          status.error = { kind, at: at.getTime() };
          status.retryAt = at.getTime() + RETRY_AFTER_ERROR_MS;
          await browser.alarms.create(SYNC_RETRY_ALARM, { when: status.retryAt });
        }
      }
    } else {
      delete status.retryAt;
      delete status.error;
    }
    // What sync storage holds, read back: the panel shows what is stored, never what was planned.
    try {
      Object.assign(status, await storedSize(attempted ? await area.get(null) : remote));
    } catch {
      // Read again on the next round; the error of this one, if any, is already recorded.
    }
    await saveStatus(previous, status);
    return { round: result, wrote, status };
  }

  const run = (): Promise<SyncRunResult | undefined> =>
    withSyncLock(round).catch((error: unknown) => {
      console.error('SIM Keeper: sync', error);
      return undefined;
    });

  return {
    run,
    handleAlarm(alarm) {
      return alarm.name === SYNC_RETRY_ALARM ? run() : Promise.resolve(undefined);
    },
    watchStorage() {
      const stops = [cardsItem, settingsItem, syncPrefsItem].map((item) => item.watch(() => void run()));
      const onSyncChanged = (_changes: unknown, areaName: string) => areaName === 'sync' && void run();
      browser.storage.onChanged.addListener(onSyncChanged);
      return () => {
        for (const stop of stops) stop();
        browser.storage.onChanged.removeListener(onSyncChanged);
      };
    },
  };
}
