import type { Card } from '../cards/schema';
import { RemoteError } from '../remote/errors';
import type { SettingsV1 } from '../store/settings-schema';
import { msOfClock } from '../sync/clock';
import { isAlive } from '../sync/entry';
import { cardItemOf, cardKey, isCardKey, idOfCardKey, readItems, SETTINGS_KEY, settingsItemOf } from '../sync/items';
import { TOMBSTONE_MS } from '../sync/limits';
import { mergeCardsStep, mergeSettingsStep, type SyncBase } from '../sync/merge-step';
import {
  applyConfirmation,
  awayTooLong,
  isEmptyReview,
  reviewMerge,
  unconfirmed,
  type SyncConfirmation,
  type SyncReview,
} from '../sync/review';
import { stableJson } from '../sync/stable-json';
import { openWithKey, sealWithKey, type SharedKey } from '../transfer/crypto';
import { cardFileName, isDataFile, keyFits, MANIFEST_NAME, parseManifest, SETTINGS_FILE } from './folder-key';
import type { FolderFiles } from './files';

/*
 * One sync round with a WebDAV folder. The folder holds, besides the manifest, one
 * file per card and one for the settings, each an encrypted backup file whose plain
 * JSON is `{ "<item key>": <item> }`: exactly the items browser sync keeps in
 * `storage.sync` (`c.<id>` → a SyncEntry with its clocks, `settings`), merged with
 * the same functions (lib/sync/merge-step.ts). A round:
 *
 *   1. lists the folder (PROPFIND, ETags) and reads only the files whose ETag
 *      changed since the last round (the rest come from `cache`);
 *   2. merges this browser's changes since `base` with them, writes the local cards
 *      when they change (under the cards lock, as a function of the freshest cards),
 *      and records the new base;
 *   3. writes only the files whose merged item differs from the folder's, each with
 *      `If-Match` (or `If-None-Match: *` for a new file). A write refused with 412
 *      means another browser wrote first: the round starts again from 1 with what
 *      it wrote, a few times at most.
 *
 * Files it cannot read (another passphrase, damaged, a later format) are left as they
 * are and never overwritten. A deleted card is a tombstone file, as in browser sync;
 * once the tombstone is older than browser sync keeps one (TOMBSTONE_MS, 60 days)
 * its file is deleted, with `If-Match` (a file changed meanwhile stays). A browser
 * away longer than that may no longer see the deletion: its first round back is
 * reviewed (`review`, lib/sync/review.ts, as browser sync does) and held, writing
 * nothing, until the user has chosen for every card it would delete or bring back.
 * So is a browser joining the folder (its base knows no card: a first connect, a
 * record lost): a tombstone file for a card it holds deletes nothing unconfirmed.
 */

/** What the round remembers of each data file: its ETag and the item it held, so unchanged files are not read again. */
export type FolderCache = Record<string, { etag: string | null; key: string; item: unknown }>;

/** The local side of a round: the cards and settings, and where the base goes. */
export interface LocalSide {
  read(): Promise<{
    cards: readonly Card[];
    keptAsideIds: ReadonlySet<string>;
    settings: SettingsV1 | null;
    /** The last copy of each card deleted here (Recently deleted): what was done to it before the deletion counts. */
    deletedHere?: ReadonlyMap<string, Card>;
  }>;
  /** Replaces the cards with `mutate(freshest cards)`, under the cards lock. */
  updateCards(mutate: (cards: Card[]) => Card[]): Promise<void>;
  saveSettings(settings: SettingsV1): Promise<void>;
  /** Records the base right after the local cards are written, so the two always agree. */
  saveBase(base: SyncBase): Promise<void>;
}

export interface FolderRoundInput {
  files: FolderFiles;
  key: SharedKey;
  local: LocalSide;
  base: SyncBase;
  cache: FolderCache;
  /** The manifest's ETag when the key was last checked against it; the manifest is read again when it changes. */
  manifestEtag: string | null;
  device: string;
  now: Date;
  /** How many times a round starts again after writes refused with 412. */
  maxAttempts?: number;
  randomBytes?: (length: number) => Uint8Array;
  /**
   * Present for a round that must not delete or bring back a card the user did not
   * confirm: the first after this browser was away longer than tombstones are kept
   * (`withReturning`), and any round while the user's choices (`confirmation`) wait to be applied.
   */
  review?: { confirmation: SyncConfirmation | undefined; withReturning: boolean };
}

export interface FolderRoundResult {
  base: SyncBase;
  cache: FolderCache;
  manifestEtag: string | null;
  /** Files read, written and deleted (expired tombstones) in this round. */
  read: number;
  written: number;
  removed: number;
  /** Whether another browser changed something here. */
  received: boolean;
  /** Data files left alone: written with another passphrase, damaged, or of a later format. */
  unreadable: string[];
  /** How many cards the folder holds (alive), after the round. */
  cards: number;
  /**
   * A reviewed round that found cards the user has not decided about: the round was
   * held (nothing more written here or in the folder; `base` as last saved) until the user confirms these.
   */
  held?: SyncReview;
}

/** Why a round is reviewed: this browser joins the folder (its record knows no card), or was away too long. */
export type ReviewReason = 'joining' | 'away';

/** What {@link reviewOfRound} reads from the stored state and record. */
export interface RoundStanding {
  /** This browser's last good round with the folder (ms), `null` when it never had one. */
  lastSuccessAt: number | null;
  /** The user's choices for a held round, waiting to be applied. */
  confirmed: SyncConfirmation | undefined;
  /** The merge base of the last round (`webdavRecord.base`). */
  base: SyncBase;
}

/**
 * Whether this browser joins the folder: its merge base knows no card (a first connect,
 * or a record reset or lost). Such a round merges this browser's cards with the folder's
 * as turning browser sync on does, so it is reviewed the same way.
 */
export const joinsFolder = (base: SyncBase): boolean => Object.keys(base.cards).length === 0;

/**
 * The review a round needs (see `FolderRoundInput.review`) and why: when this browser joins
 * the folder (as turning browser sync on, lib/sync/enable.ts), when its last good round is
 * older than tombstones are kept, or when choices wait to be applied; otherwise none.
 */
export function reviewOfRound(
  standing: RoundStanding,
  now: Date,
): (NonNullable<FolderRoundInput['review']> & { reason: ReviewReason }) | undefined {
  const { lastSuccessAt, confirmed } = standing;
  const away = lastSuccessAt !== null && Number.isFinite(lastSuccessAt) && awayTooLong({ lastRoundAt: lastSuccessAt }, now);
  const joining = joinsFolder(standing.base);
  if (!away && !joining && !confirmed) return undefined;
  return { confirmation: confirmed, withReturning: away, reason: joining ? 'joining' : 'away' };
}

const READ_AT_ONCE = 4;
const WRITE_AT_ONCE = 4;

/** Runs `task` over `items`, at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The one item in a data file's plain JSON, or `null` when it is not one. */
function itemOf(json: string, name: string): { key: string; item: unknown } | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  if (entries.length !== 1) return null;
  const [key, item] = entries[0]!;
  const expected = name === SETTINGS_FILE ? key === SETTINGS_KEY : isCardKey(key);
  return expected ? { key, item } : null;
}

async function checkManifest(files: FolderFiles, key: SharedKey, listed: Map<string, string | null>, known: string | null) {
  if (!listed.has(MANIFEST_NAME))
    throw new RemoteError('calendarGone', `the folder has no ${MANIFEST_NAME}: it was emptied or is another folder`);
  const etag = listed.get(MANIFEST_NAME) ?? null;
  if (etag !== null && etag === known) return etag;
  const file = await files.get(MANIFEST_NAME);
  if (!file) throw new RemoteError('calendarGone', `${MANIFEST_NAME} is gone`);
  if (!(await keyFits(parseManifest(file.text), key)))
    throw new RemoteError('passphrase', `${MANIFEST_NAME} now names another key: the folder was made again with another passphrase`);
  return file.etag ?? etag;
}

/** One round (see above). Throws a RemoteError when the folder cannot be read or written; what was written stays written. */
export async function folderRound(input: FolderRoundInput): Promise<FolderRoundResult> {
  const { files, key, local, device, now } = input;
  const maxAttempts = input.maxAttempts ?? 5;
  let base = input.base;
  const cache: FolderCache = { ...input.cache };
  let manifestEtag = input.manifestEtag;
  let read = 0;
  let written = 0;
  let removed = 0;
  let received = false;
  let unreadable: string[] = [];
  let aliveCards = 0;
  const nameOfKey = new Map<string, string>();
  const nameOf = async (itemKey: string) => {
    let name = nameOfKey.get(itemKey);
    if (!name) {
      name = itemKey === SETTINGS_KEY ? SETTINGS_FILE : await cardFileName(idOfCardKey(itemKey));
      nameOfKey.set(itemKey, name);
    }
    return name;
  };

  for (let attempt = 1; ; attempt++) {
    // 1. What the folder holds now.
    const listed = await files.list();
    manifestEtag = await checkManifest(files, key, listed, manifestEtag);
    for (const name of Object.keys(cache)) if (!listed.has(name)) delete cache[name];
    const bad = new Set<string>();
    const stale = [...listed].filter(([name, etag]) => isDataFile(name) && (etag === null || cache[name]?.etag !== etag));
    await inPool(stale, READ_AT_ONCE, async ([name, listedEtag]) => {
      const file = await files.get(name);
      read++;
      if (!file) {
        delete cache[name];
        return;
      }
      let sealed: unknown;
      try {
        sealed = JSON.parse(file.text);
      } catch {
        sealed = null;
      }
      const opened = await openWithKey(sealed, key);
      const item = opened.ok ? itemOf(opened.json, name) : null;
      if (!item) {
        bad.add(name);
        delete cache[name];
        return;
      }
      cache[name] = { etag: file.etag ?? listedEtag, ...item };
    });
    for (const name of listed.keys()) if (isDataFile(name) && !cache[name] && !bad.has(name)) bad.add(name);
    unreadable = [...bad].sort();

    const remoteItems = Object.fromEntries(Object.values(cache).map(({ key: itemKey, item }) => [itemKey, item]));
    const remote = readItems(remoteItems);
    const untouchable = new Set(remote.untouchable);
    // Tombstones older than browser sync keeps them count as gone already (their files go in
    // step 3), as browser sync removes them before it merges: a browser away that long, still
    // holding the card, sees it "no longer in the folder" in its review, not silently kept.
    const cutoff = now.getTime() - TOMBSTONE_MS;
    const expiredIds = new Set(
      Object.entries(remote.cards)
        .filter(([, entry]) => !isAlive(entry) && msOfClock(entry.d) < cutoff)
        .map(([id]) => id),
    );
    const remoteCards = Object.fromEntries(Object.entries(remote.cards).filter(([id]) => !expiredIds.has(id)));

    // 2. The merge, and the local cards written under their lock.
    const snapshot = await local.read();
    // The base as last saved (a first attempt may have merged before a 412), so it still matches the local cards.
    const held = (open: SyncReview): FolderRoundResult => ({
      base,
      cache,
      manifestEtag,
      read,
      written,
      removed,
      received,
      unreadable,
      cards: Object.values(remoteCards).filter(isAlive).length,
      held: open,
    });
    // With a review: the user's choices applied first; cards still undecided hold the round.
    const prepare = (cards: readonly Card[]): { local: readonly Card[]; base: SyncBase['cards']; open?: SyncReview } => {
      if (!input.review) return { local: cards, base: base.cards };
      const confirmed = applyConfirmation(cards, base.cards, remoteCards, input.review.confirmation);
      const review = reviewMerge({
        ...confirmed,
        keptAsideIds: snapshot.keptAsideIds,
        remote: remoteCards,
        device,
        now,
        deletedHere: snapshot.deletedHere,
        withReturning: input.review.withReturning,
      });
      const open = unconfirmed(review, input.review.confirmation);
      return isEmptyReview(open) ? confirmed : { ...confirmed, open };
    };
    const step = (cards: readonly Card[]) => {
      const prepared = prepare(cards);
      if (prepared.open) return { open: prepared.open, cards: [...cards], entries: base.cards, changed: false, received: false };
      const merged = mergeCardsStep(prepared.local, snapshot.keptAsideIds, prepared.base, remoteCards, {
        device,
        now,
        deletedHere: snapshot.deletedHere,
      });
      // A confirmation that put a card back or let one go changes the local cards too.
      return { ...merged, open: undefined, changed: merged.changed || prepared.local !== cards };
    };
    let cardStep = step(snapshot.cards);
    if (cardStep.open) return held(cardStep.open);
    if (cardStep.changed) {
      let heldMeanwhile: SyncReview | undefined;
      await local.updateCards((cards) => {
        cardStep = step(cards);
        heldMeanwhile = cardStep.open;
        // The cards changed meanwhile into something to review: left as they are.
        return heldMeanwhile ? cards : cardStep.cards;
      });
      if (heldMeanwhile) return held(heldMeanwhile);
    }
    received ||= cardStep.received;
    const settingsStep = snapshot.settings ? mergeSettingsStep(snapshot.settings, base.settings, remote.settings, { device, now }) : null;
    if (settingsStep?.settings) {
      await local.saveSettings(settingsStep.settings);
      received = true;
    }
    const nextBase: SyncBase = {
      cards: cardStep.entries,
      ...(settingsStep ? { settings: settingsStep.entry } : base.settings ? { settings: base.settings } : {}),
    };
    await local.saveBase(nextBase);
    base = nextBase;

    // 3. The files whose item differs from the folder's.
    const writes: { itemKey: string; item: unknown }[] = [];
    for (const [id, entry] of Object.entries(base.cards)) {
      const itemKey = cardKey(id);
      if (snapshot.keptAsideIds.has(id) || untouchable.has(itemKey)) continue;
      const item = cardItemOf(entry);
      if (stableJson(item) !== stableJson(remoteItems[itemKey] ?? null)) writes.push({ itemKey, item });
    }
    if (base.settings && !untouchable.has(SETTINGS_KEY)) {
      const item = settingsItemOf(base.settings);
      if (stableJson(item) !== stableJson(remoteItems[SETTINGS_KEY] ?? null)) writes.push({ itemKey: SETTINGS_KEY, item });
    }
    // Expired tombstones (above) that no new life has replaced: their files go, each only as read.
    const expired = Object.entries(cache).filter(([name, file]) => {
      if (!isCardKey(file.key) || file.etag === null || bad.has(name) || untouchable.has(file.key)) return false;
      const id = idOfCardKey(file.key);
      return expiredIds.has(id) && !snapshot.keptAsideIds.has(id) && !(id in base.cards);
    });
    let refused = 0;
    await inPool(expired, WRITE_AT_ONCE, async ([name, file]) => {
      const result = await files.remove(name, { etag: file.etag! });
      if (!result.ok) {
        refused++;
        return;
      }
      removed++;
      delete cache[name];
    });
    // A few at a time, like the reads: a first round of hundreds of cards on a distant server.
    await inPool(writes, WRITE_AT_ONCE, async ({ itemKey, item }) => {
      const name = await nameOf(itemKey);
      if (bad.has(name)) return;
      const text = JSON.stringify(await sealWithKey(JSON.stringify({ [itemKey]: item }), key, { randomBytes: input.randomBytes }));
      const known = cache[name];
      const precondition = known ? { etag: known.etag ?? '*' } : ('new' as const);
      const result = await files.put(name, text, precondition);
      if (!result.ok) {
        refused++;
        return;
      }
      written++;
      // Without an ETag in the answer, the next listing's ETag differs and the file is read once more: safe, if slower.
      cache[name] = { etag: result.etag, key: itemKey, item };
    });
    aliveCards = Object.values(base.cards).filter(isAlive).length;
    if (refused === 0) break;
    if (attempt >= maxAttempts)
      throw new RemoteError('conflict', `${refused} file(s) were changed by another browser during each of ${maxAttempts} attempts`);
  }
  return { base, cache, manifestEtag, read, written, removed, received, unreadable, cards: aliveCards };
}
