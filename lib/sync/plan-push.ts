import { isAlive, type SyncEntry } from './entry';
import { cardItemOf, cardKey, idOfCardKey, isCardKey, settingsItemOf } from './items';
import type { SettingsEntry } from './settings-entry';
import { compactHistory } from './compact';
import { itemBytes, PLANNED_BYTES, PLANNED_ITEMS, SYNC_LIMITS, TOMBSTONE_MS } from './limits';
import { msOfClock } from './clock';
import { stableJson } from './stable-json';
import { SETTINGS_KEY } from './items';

/** A card that stays in this browser only, and why. */
export interface LocalOnlyCard {
  id: string;
  label: string;
  /** `too-big`: over 8 KB even with a compacted history; `no-room`: the 100 KB (or 512 items) are full. */
  reason: 'too-big' | 'no-room';
}

/**
 * A card that is in sync storage, but whose latest change here could not be written
 * there (it grew past 8 KB, or past the room left): the other browsers hold an older
 * copy of it, with perhaps an older deadline. Shown as "this card's latest renewal did
 * not sync", never as in sync.
 */
export type StaleCard = LocalOnlyCard;

/** What to write to `storage.sync` so that it holds the merged entries, within Chrome's limits. */
export interface PushPlan {
  /** Items to write, in one `set` call (one write operation), sent after `remove`. */
  set: Record<string, unknown>;
  /** Keys to remove, in one `remove` call: tombstones older than the keeping time. */
  remove: string[];
  localOnly: LocalOnlyCard[];
  stale: StaleCard[];
  /** Ids of deleted cards whose deletion waits for room (cards never in sync storage first). */
  deletionsLeftOut: string[];
  /** Cards synced with a shorter history, and how many events their synced copy leaves out. */
  compacted: { id: string; label: string; leftOut: number }[];
  /** Bytes and items in sync storage once the plan is written, as planned. */
  bytes: number;
  items: number;
}

/** Whether two items hold the same value; plain JSON first (the common case, and fast), then regardless of key order. */
function sameItem(a: unknown, b: unknown): boolean {
  if (b === undefined) return false;
  return JSON.stringify(a) === JSON.stringify(b) || stableJson(a) === stableJson(b);
}

/** Options of {@link planPush}. */
export interface PlanPushOptions {
  now: Date;
  /** Keys holding items this version must not touch (a later format). */
  untouchable?: ReadonlySet<string>;
  /** Ids of local cards that could not be read: their items in sync storage are never removed. */
  keptAsideIds?: ReadonlySet<string>;
}

/**
 * A tombstone's item within 8 KB: the clocks of its removed events (`x`, kept so that a
 * restored copy does not bring them back) are left out oldest first until it fits. The
 * local entry keeps them all; merging the shorter copy back changes nothing here.
 */
function fittedTombstone(key: string, entry: SyncEntry): Record<string, unknown> {
  const item = cardItemOf(entry);
  if (itemBytes(key, item) <= SYNC_LIMITS.QUOTA_BYTES_PER_ITEM || !entry.x) return item;
  const x = Object.entries(entry.x).sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0));
  let low = 0;
  let high = x.length;
  // The most removals (newest first) that fit, by halving.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const candidate = cardItemOf({ ...entry, x: Object.fromEntries(x.slice(0, mid)) });
    if (itemBytes(key, candidate) <= SYNC_LIMITS.QUOTA_BYTES_PER_ITEM) low = mid;
    else high = mid - 1;
  }
  const { x: _, ...rest } = entry;
  return cardItemOf(low > 0 ? { ...rest, x: Object.fromEntries(x.slice(0, low)) } : rest);
}

type Candidate =
  | { key: string; kind: 'settings' }
  | { key: string; kind: 'card'; entry: SyncEntry }
  | { key: string; kind: 'tombstone'; id: string };

/**
 * The writes that bring sync storage (`remote`, everything `storage.sync.get(null)` gave)
 * up to the merged `entries` and `settings`. Only items that differ are written, and
 * every byte written is planned: cards, settings and tombstones. A card whose item would
 * pass 8 KB syncs a compacted history. When the result would pass the planned quota
 * (bytes or items), what matters least waits first, one whole item at a time:
 *  1. deletions of cards never in sync storage (no other browser can hold them but by
 *     import), oldest first;
 *  2. cards not yet in sync storage, newest first (they stay local);
 *  3. changes that make a synced card's item larger, newest card first (it goes stale:
 *     the other browsers keep the copy they have, and the user is told);
 *  4. deletions and settings that make their item larger.
 * Each waiting item is planned again on the next round. What is left never adds an item
 * or a byte beyond what sync storage already holds unless it fits, so Chrome never
 * refuses the `set` for a quota (unless another browser writes between the read and it).
 */
export function planPush(
  entries: Readonly<Record<string, SyncEntry>>,
  settings: SettingsEntry | undefined,
  remote: Readonly<Record<string, unknown>>,
  options: PlanPushOptions,
): PushPlan {
  const untouchable = options.untouchable ?? new Set<string>();
  const keptAside = options.keptAsideIds ?? new Set<string>();
  const wanted = new Map<string, unknown>();
  const localOnly: LocalOnlyCard[] = [];
  const stale: StaleCard[] = [];
  const deletionsLeftOut: string[] = [];
  const compacted: PushPlan['compacted'] = [];
  const cutoff = options.now.getTime() - TOMBSTONE_MS;
  const tombstones: { key: string; id: string; d: string }[] = [];
  const alive: { key: string; entry: SyncEntry }[] = [];
  if (settings) {
    const item = settingsItemOf(settings);
    // Never more than 8 KB in one item; settings are far smaller, so this only guards.
    if (itemBytes(SETTINGS_KEY, item) <= SYNC_LIMITS.QUOTA_BYTES_PER_ITEM) wanted.set(SETTINGS_KEY, item);
  }
  for (const [id, entry] of Object.entries(entries)) {
    const key = cardKey(id);
    if (untouchable.has(key)) continue;
    if (!isAlive(entry)) {
      if (msOfClock(entry.d) >= cutoff) {
        wanted.set(key, fittedTombstone(key, entry));
        tombstones.push({ key, id, d: entry.d ?? '' });
      }
      continue;
    }
    const card = entry.card!;
    const itemWith = (c: typeof card) => {
      const kept = new Set(c.history.map((event) => event.id));
      const e = entry.e && Object.fromEntries(Object.entries(entry.e).filter(([eventId]) => kept.has(eventId)));
      const { e: _, ...rest } = entry;
      return cardItemOf({ ...rest, card: c, ...(e && Object.keys(e).length ? { e } : {}) });
    };
    const fitted = compactHistory(card, (c) => itemBytes(key, itemWith(c)) <= SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);
    if (!fitted) {
      // In sync storage already (an older, smaller copy): the other browsers hold that one.
      (remote[key] !== undefined ? stale : localOnly).push({ id, label: card.label, reason: 'too-big' });
      continue;
    }
    if (fitted.leftOut > 0) compacted.push({ id, label: card.label, leftOut: fitted.leftOut });
    wanted.set(key, itemWith(fitted.card));
    alive.push({ key, entry });
  }

  // The area as it would be: what is there, expired tombstones removed first, ours written over it.
  const final = new Map<string, unknown>(Object.entries(remote));
  const remove: string[] = [];
  for (const key of final.keys()) {
    if (isCardKey(key) && !untouchable.has(key) && !keptAside.has(idOfCardKey(key)) && !(idOfCardKey(key) in entries)) remove.push(key);
  }
  for (const key of remove) final.delete(key);
  const removed = new Set(remove);
  // Each item is sized once: ours as planned, theirs as stored.
  const oursBytes = new Map<string, number>();
  const theirsBytes = new Map<string, number>();
  for (const [key, value] of wanted) {
    oursBytes.set(key, itemBytes(key, value));
    final.set(key, value);
  }
  let bytes = 0;
  for (const [key, value] of final) {
    if (oursBytes.has(key)) bytes += oursBytes.get(key)!;
    else {
      theirsBytes.set(key, itemBytes(key, value));
      bytes += theirsBytes.get(key)!;
    }
  }
  const theirsOf = (key: string) => (removed.has(key) ? undefined : remote[key]);
  const theirSize = (key: string): number => {
    if (!theirsBytes.has(key)) theirsBytes.set(key, itemBytes(key, remote[key]));
    return theirsBytes.get(key)!;
  };
  /** Leaves our item for `key` out if that helps with a limit passed; whether it did. */
  const leaveOut = (key: string): boolean => {
    if (!wanted.has(key)) return false;
    const theirs = theirsOf(key);
    const ours = oursBytes.get(key)!;
    const grows = theirs === undefined || ours > theirSize(key);
    if (!((bytes > PLANNED_BYTES && grows) || (final.size > PLANNED_ITEMS && theirs === undefined))) return false;
    bytes -= ours;
    if (theirs === undefined) final.delete(key);
    else {
      final.set(key, theirs);
      bytes += theirSize(key);
    }
    wanted.delete(key);
    return true;
  };
  const over = () => bytes > PLANNED_BYTES || final.size > PLANNED_ITEMS;
  const byNewest = (a: { entry: SyncEntry }, b: { entry: SyncEntry }) =>
    a.entry.card!.createdAt < b.entry.card!.createdAt ? 1 : a.entry.card!.createdAt > b.entry.card!.createdAt ? -1 : 0;
  const inRemote = (key: string) => theirsOf(key) !== undefined;
  const order: Candidate[] = [
    ...tombstones
      .filter((t) => !inRemote(t.key))
      .sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : 0))
      .map((t) => ({ key: t.key, kind: 'tombstone' as const, id: t.id })),
    ...alive
      .filter((a) => !inRemote(a.key))
      .sort(byNewest)
      .map((a) => ({ key: a.key, kind: 'card' as const, entry: a.entry })),
    ...alive
      .filter((a) => inRemote(a.key))
      .sort(byNewest)
      .map((a) => ({ key: a.key, kind: 'card' as const, entry: a.entry })),
    ...tombstones.filter((t) => inRemote(t.key)).map((t) => ({ key: t.key, kind: 'tombstone' as const, id: t.id })),
    { key: SETTINGS_KEY, kind: 'settings' as const },
  ];
  for (const candidate of order) {
    if (!over()) break;
    if (!leaveOut(candidate.key)) continue;
    if (candidate.kind === 'tombstone') deletionsLeftOut.push(candidate.id);
    else if (candidate.kind === 'card') {
      const card = candidate.entry.card!;
      (inRemote(candidate.key) ? stale : localOnly).push({ id: card.id, label: card.label, reason: 'no-room' });
    }
  }

  const set: Record<string, unknown> = {};
  for (const [key, value] of wanted) if (!sameItem(value, remote[key])) set[key] = value;
  return {
    set,
    remove: remove.filter((key) => key in remote),
    localOnly,
    stale,
    deletionsLeftOut,
    compacted,
    bytes,
    items: final.size,
  };
}
