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

/** What to write to `storage.sync` so that it holds the merged entries, within Chrome's limits. */
export interface PushPlan {
  /** Items to write, in one `set` call (one write operation). */
  set: Record<string, unknown>;
  /** Keys to remove, in one `remove` call: tombstones older than the keeping time. */
  remove: string[];
  localOnly: LocalOnlyCard[];
  /** Cards synced with a shorter history, and how many events their synced copy leaves out. */
  compacted: { id: string; label: string; leftOut: number }[];
  /** Bytes and items in sync storage once the plan is written. */
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
}

/**
 * The writes that bring sync storage (`remote`, everything `storage.sync.get(null)` gave)
 * up to the merged `entries` and `settings`. Only items that differ are written. A card
 * whose item would pass 8 KB syncs a compacted history; when the total would pass the
 * quota, the newest cards not yet in sync storage stay local first (the settings and
 * deletions always go, being small and what keeps browsers from undoing each other).
 */
export function planPush(
  entries: Readonly<Record<string, SyncEntry>>,
  settings: SettingsEntry | undefined,
  remote: Readonly<Record<string, unknown>>,
  options: PlanPushOptions,
): PushPlan {
  const untouchable = options.untouchable ?? new Set<string>();
  const wanted = new Map<string, unknown>();
  const localOnly: LocalOnlyCard[] = [];
  const compacted: PushPlan['compacted'] = [];
  const cutoff = options.now.getTime() - TOMBSTONE_MS;
  if (settings) wanted.set(SETTINGS_KEY, settingsItemOf(settings));
  const alive: SyncEntry[] = [];
  for (const [id, entry] of Object.entries(entries)) {
    const key = cardKey(id);
    if (untouchable.has(key)) continue;
    if (!isAlive(entry)) {
      if (msOfClock(entry.d) >= cutoff) wanted.set(key, cardItemOf(entry));
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
      localOnly.push({ id, label: card.label, reason: 'too-big' });
      continue;
    }
    if (fitted.leftOut > 0) compacted.push({ id, label: card.label, leftOut: fitted.leftOut });
    wanted.set(key, itemWith(fitted.card));
    alive.push(entry);
  }

  // The area as it would be: what is there, with ours written over it, expired tombstones gone.
  const final = new Map<string, unknown>(Object.entries(remote));
  const remove: string[] = [];
  for (const key of final.keys()) {
    if (isCardKey(key) && !untouchable.has(key) && !(idOfCardKey(key) in entries)) remove.push(key);
  }
  for (const key of remove) final.delete(key);
  for (const [key, value] of wanted) final.set(key, value);
  const size = (key: string, value: unknown) => itemBytes(key, value);
  let bytes = 0;
  for (const [key, value] of final) bytes += size(key, value);

  // Over the quota: the newest cards give way first, as whole cards, never half a card.
  const newestFirst = [...alive].sort((a, b) =>
    a.card!.createdAt < b.card!.createdAt ? 1 : a.card!.createdAt > b.card!.createdAt ? -1 : 0,
  );
  for (const entry of newestFirst) {
    if (bytes <= PLANNED_BYTES && final.size <= PLANNED_ITEMS) break;
    const key = cardKey(entry.card!.id);
    const ours = wanted.get(key);
    const theirs = remote[key];
    if (theirs === undefined) {
      bytes -= size(key, ours);
      final.delete(key);
    } else {
      const delta = size(key, ours) - size(key, theirs);
      if (delta <= 0) continue;
      bytes -= delta;
      final.set(key, theirs);
    }
    wanted.delete(key);
    localOnly.push({ id: entry.card!.id, label: entry.card!.label, reason: 'no-room' });
  }

  const set: Record<string, unknown> = {};
  for (const [key, value] of wanted) if (!sameItem(value, remote[key])) set[key] = value;
  return { set, remove: remove.filter((key) => key in remote), localOnly, compacted, bytes, items: final.size };
}
