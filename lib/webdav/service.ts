import type { browser as wxtBrowser } from 'wxt/browser';
import type { Card } from '../cards/schema';
import { assertOriginAccess } from '../remote/access';
import { keepingAwake } from '../remote/keep-awake';
import { checkServerAddress } from '../remote/address';
import { RemoteError, toRemoteError } from '../remote/errors';
import { cardsItem, loadCards, loadSettings, saveSettings, settingsItem, updateCards } from '../store/storage';
import { webdavAccountItem, webdavKeyItem, webdavRecordItem, webdavStateItem } from '../store/webdav-storage';
import { forgetDeleted, loadRecentlyDeleted, rememberDeleted } from '../store/recently-deleted-store';
import { deletedHereById } from '../store/recently-deleted';
import { withSavedCopies } from '../sync/carry';
import { sameBase } from '../sync/service';
import { newDeviceId } from '../sync/clock';
import { EMPTY_BASE } from '../sync/merge-step';
import { addConfirmation, type SyncConfirmation } from '../sync/review';
import type { DeriveBits, SharedKey } from '../transfer/crypto';
import { type FolderFiles, folderFiles } from './files';
import { keyOfStored, MANIFEST_NAME, parseManifest, storedKeyOf, unlockFolder } from './folder-key';
import { folderRound, reviewOfRound } from './round';
import {
  isWebDavRequest,
  parseWebDavAccount,
  parseWebDavRecord,
  parseWebDavState,
  type WebDavAccount,
  type WebDavRecord,
  type WebDavState,
} from './stored';
import type { FolderCache } from './round';
import { withNamedLock } from '../browser/named-lock';
import { keptAsideIdsOf } from '../store/parse-stored';

/*
 * The background edge of the WebDAV folder, built like the calendar's
 * (lib/calendar/service.ts): every event (a start, a change to the cards or
 * settings, the round alarm, "Sync now") leads to the same idempotent round;
 * a failed round is retried by an alarm, later each time (1, 2, 4 … 60 minutes);
 * a good one is followed by another in 15 minutes, to pick up other browsers'
 * changes. The local cards stay the working copy: a failure never blocks or undoes
 * a local change. The key is derived from the passphrase once and kept in
 * `storage.session` (and memory); the passphrase itself never leaves storage.local.
 */

type Browser = typeof wxtBrowser;

export const WEBDAV_ROUND_ALARM = 'webdav|round';
/** How soon after a change the folder follows (Chrome rounds alarms up to 30 s). */
export const CHANGE_DELAY_MS = 5_000;
const MINUTE = 60_000;
/** Between good rounds: other browsers' changes arrive within this. */
export const PERIOD_MS = 15 * MINUTE;
export const MAX_BACKOFF_MS = 60 * MINUTE;

export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, MINUTE * 2 ** Math.max(0, Math.min(failures - 1, 10)));
}

export interface WebDavServiceOptions {
  browser: Browser;
  now?: () => Date;
  fetch?: typeof fetch;
  /** The folder's files (tests pass an in-memory folder); over the guarded fetch by default. */
  files?: (account: WebDavAccount) => FolderFiles;
  /** PBKDF2 by default; tests pass a cheap stand-in. */
  deriveBits?: DeriveBits;
}

export interface WebDavService {
  /** One round now (after any round running); `null` when no folder is connected. Never rejects. */
  run(): Promise<WebDavState | null>;
  handleAlarm(alarm: { name: string }): Promise<void>;
  handleMessage(message: unknown): Promise<unknown> | undefined;
  watchStorage(): () => void;
}

/** One round at a time across the background and the options page. */
const withWebDavLock = <T>(task: () => Promise<T>): Promise<T> => withNamedLock('sim-keeper:webdav', task);

/** Whether two caches name the same files at the same ETags (an item follows from its file's ETag). */
function sameCache(a: FolderCache, b: FolderCache): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] !== undefined && b[name].etag === a[name]!.etag);
}

export function createWebDavService(options: WebDavServiceOptions): WebDavService {
  const { browser } = options;
  const now = options.now ?? (() => new Date());
  const makeFiles =
    options.files ??
    ((account: WebDavAccount) =>
      folderFiles({ serverUrl: account.folderUrl, username: account.username, password: account.password }, { fetch: options.fetch }));
  // Each request keeps the service worker awake: a first round of hundreds of files can pass Chrome's 30 s idle limit.
  const filesOf = (account: WebDavAccount): FolderFiles => {
    const files = makeFiles(account);
    const touched = keepingAwake(() => browser.runtime.getPlatformInfo());
    return {
      list: () => touched(() => files.list()),
      get: (name) => touched(() => files.get(name)),
      put: (name, text, precondition) => touched(() => files.put(name, text, precondition)),
      remove: (name, precondition) => touched(() => files.remove(name, precondition)),
    };
  };
  let memoryKey: { folderUrl: string; key: SharedKey } | null = null;

  async function checkAccess(account: WebDavAccount): Promise<void> {
    const address = checkServerAddress(account.folderUrl);
    if (!address.ok) throw new RemoteError('redirect', `the folder address is refused (${address.reason})`);
    await assertOriginAccess(browser.permissions, address.permissionPattern);
  }

  /** The folder's key: from memory, from `storage.session`, or derived again from the passphrase (and kept). */
  async function keyFor(account: WebDavAccount, files: FolderFiles): Promise<SharedKey> {
    if (memoryKey?.folderUrl === account.folderUrl) return memoryKey.key;
    const stored = (await webdavKeyItem.getValue()) as { folderUrl?: unknown } | null;
    let key = stored?.folderUrl === account.folderUrl ? keyOfStored(stored) : null;
    if (!key) {
      const manifest = await files.get(MANIFEST_NAME);
      if (!manifest) throw new RemoteError('calendarGone', `the folder has no ${MANIFEST_NAME}`);
      key = await unlockFolder(parseManifest(manifest.text), account.passphrase, { deriveBits: options.deriveBits });
      await webdavKeyItem.setValue({ folderUrl: account.folderUrl, ...storedKeyOf(key) });
    }
    memoryKey = { folderUrl: account.folderUrl, key };
    return key;
  }

  async function round(): Promise<WebDavState | null> {
    const account = parseWebDavAccount(await webdavAccountItem.getValue());
    if (!account) return null;
    const stored = parseWebDavState(await webdavStateItem.getValue());
    // A record of another folder is no base for this one: start afresh (a merge with the folder loses nothing).
    let state: WebDavState =
      stored && stored.folderUrl === account.folderUrl
        ? stored
        : {
            folderUrl: account.folderUrl,
            device: stored?.device ?? newDeviceId(),
            manifestEtag: null,
            last: null,
            lastSuccessAt: null,
            failures: 0,
          };
    const storedRecord = parseWebDavRecord(await webdavRecordItem.getValue());
    let record: WebDavRecord =
      storedRecord && storedRecord.folderUrl === account.folderUrl && state.folderUrl === account.folderUrl
        ? storedRecord
        : { folderUrl: account.folderUrl, base: EMPTY_BASE, cache: {} };
    const at = now();
    // The account may have been removed while the round ran: then nothing of it is written back.
    const connected = async () => parseWebDavAccount(await webdavAccountItem.getValue()) !== null;
    const save = async (next: WebDavState) => {
      if (!(await connected())) return false;
      await webdavStateItem.setValue(next);
      state = next;
      return true;
    };
    // The record (about 5 KB a card) is written only when the base or a file's ETag changed.
    const saveRecord = async (next: WebDavRecord) => {
      if (sameBase(record.base, next.base) && sameCache(record.cache, next.cache)) return;
      if (!(await connected())) return;
      await webdavRecordItem.setValue(next);
      record = next;
    };
    // Away from the folder longer than tombstones are kept (a deletion may have been missed), or
    // with the user's choices still to apply: the round deletes and brings back only confirmed cards.
    // Joining the folder (the record knows no card: a first connect, a record reset) is reviewed too.
    const review = reviewOfRound(
      {
        lastSuccessAt: state.lastSuccessAt === null ? null : Date.parse(state.lastSuccessAt),
        confirmed: state.confirmed,
        base: record.base,
      },
      at,
    );
    try {
      await checkAccess(account);
      const files = filesOf(account);
      const key = await keyFor(account, files);
      const result = await folderRound({
        review,
        files,
        key,
        base: record.base,
        cache: record.cache,
        manifestEtag: state.manifestEtag,
        device: state.device,
        now: at,
        local: {
          async read() {
            const snapshot = await loadCards();
            const settings = await loadSettings();
            return {
              cards: snapshot.cards,
              keptAsideIds: keptAsideIdsOf(snapshot),
              // What was done to a card before it was deleted here (an undone renewal) is recorded with the deletion.
              deletedHere: deletedHereById(await loadRecentlyDeleted(at)),
              settings: settings.problems ? null : settings.settings,
            };
          },
          async updateCards(mutate) {
            // As browser sync does (lib/sync/service.ts): a card another browser deleted stays 30 days in
            // Recently deleted here, and when it comes back (an Undo there) what this browser recorded on it
            // meanwhile is merged in, so the next round shares it. Events are facts.
            const saved = await loadRecentlyDeleted(at);
            let removedHere: Card[] = [];
            let used: string[] = [];
            await updateCards((cards) => {
              const next = mutate(cards);
              const kept = new Set(next.map((card) => card.id));
              removedHere = cards.filter((card) => !kept.has(card.id));
              const merged = withSavedCopies(cards, next, saved);
              used = merged.used;
              return merged.cards;
            });
            if (removedHere.length) await rememberDeleted(removedHere, 'sync', at);
            for (const id of used) await forgetDeleted(id);
          },
          saveSettings,
          async saveBase(base) {
            // With the cache as it was: it may name older ETags, which only makes the next round read those files again.
            await saveRecord({ ...record, base });
          },
        },
      });
      await saveRecord({ folderUrl: account.folderUrl, base: result.base, cache: result.cache });
      if (result.held) {
        // Nothing merged or written until the user decides; the options page names the cards. Asked
        // again later, in case another browser changed them meanwhile.
        const heldFor = review?.reason ?? 'away';
        if (!(await save({ ...state, manifestEtag: result.manifestEtag, review: result.held, heldFor, failures: 0 }))) return null;
        await browser.alarms.create(WEBDAV_ROUND_ALARM, { when: at.getTime() + PERIOD_MS });
        return state;
      }
      const { review: _held, heldFor: _why, confirmed: _applied, ...settled } = state;
      const next: WebDavState = {
        ...settled,
        manifestEtag: result.manifestEtag,
        last: {
          at: at.toISOString(),
          ok: true,
          read: result.read,
          written: result.written,
          cards: result.cards,
          unreadable: result.unreadable.length,
        },
        lastSuccessAt: at.toISOString(),
        failures: 0,
      };
      if (!(await save(next))) return null;
      await browser.alarms.create(WEBDAV_ROUND_ALARM, { when: at.getTime() + PERIOD_MS });
    } catch (error) {
      const failure = toRemoteError(error);
      // A key that no longer opens the folder (made again with another passphrase) is forgotten.
      if (failure.code === 'passphrase') {
        memoryKey = null;
        await webdavKeyItem.removeValue();
      }
      const failures = state.failures + 1;
      console.warn('SIM Keeper: WebDAV round failed', failure.code, failure.detail);
      if (!(await save({ ...state, last: { at: at.toISOString(), ok: false, code: failure.code, detail: failure.detail }, failures })))
        return null;
      await browser.alarms.create(WEBDAV_ROUND_ALARM, { when: at.getTime() + backoffMs(failures) });
    }
    return state;
  }

  const run = (): Promise<WebDavState | null> =>
    withWebDavLock(round).catch((error: unknown) => {
      console.error('SIM Keeper: WebDAV', error);
      return null;
    });

  async function disconnect(): Promise<{ ok: true }> {
    await webdavAccountItem.removeValue();
    await webdavStateItem.removeValue();
    await webdavRecordItem.removeValue();
    await webdavKeyItem.removeValue();
    memoryKey = null;
    await browser.alarms.clear(WEBDAV_ROUND_ALARM);
    return { ok: true };
  }

  /**
   * Records the user's choices for a held round (with any made before), then runs the round.
   * The review is cleared with it: the choices answer it, and should the round fail (the
   * server unreachable), the panel shows that failure, not the cards again with their
   * default ticks. A round that still finds undecided cards names only those.
   */
  async function confirm(confirmation: SyncConfirmation): Promise<WebDavState | null> {
    await withWebDavLock(async () => {
      const state = parseWebDavState(await webdavStateItem.getValue());
      const account = parseWebDavAccount(await webdavAccountItem.getValue());
      if (!state || !account || state.folderUrl !== account.folderUrl) return;
      const { review: _answered, heldFor: _why, ...rest } = state;
      await webdavStateItem.setValue({ ...rest, confirmed: addConfirmation(state.confirmed, confirmation) });
    });
    return run();
  }

  async function schedule(): Promise<void> {
    if (!parseWebDavAccount(await webdavAccountItem.getValue())) return;
    await browser.alarms.create(WEBDAV_ROUND_ALARM, { when: now().getTime() + CHANGE_DELAY_MS });
  }

  return {
    run,
    async handleAlarm(alarm) {
      if (alarm.name === WEBDAV_ROUND_ALARM) await run();
    },
    handleMessage(message) {
      if (!isWebDavRequest(message)) return undefined;
      if (message.type === 'webdav:syncNow') return run();
      if (message.type === 'webdav:confirm') return confirm(message.confirmation);
      return withWebDavLock(disconnect);
    },
    watchStorage() {
      const stops = [cardsItem, settingsItem].map((item) =>
        item.watch(() => void schedule().catch((error: unknown) => console.error('SIM Keeper: WebDAV', error))),
      );
      // A new account: a round at once (the options page also asks for one).
      stops.push(webdavAccountItem.watch(() => void schedule().catch(() => undefined)));
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}
