import { itemBytes, PLANNED_BYTES, PLANNED_ITEMS, SYNC_LIMITS, TOMBSTONE_MS } from './limits';
import type { PushPlan } from './plan-push';
import { stableJson } from './stable-json';

/*
 * A card is stale when its latest change here could not be written to sync storage (it
 * grew past 8 KB, or past the room left): the other browsers hold an older copy. So that
 * they do not present its old deadline as current, each browser keeps one small item,
 * `stale.<device id>` = `{ v: 1, ids: [card ids], at: ms }`, naming its stale cards; the
 * others read it and say "this card's latest change did not sync". The item is planned
 * with the rest (its bytes are reserved before the cards are fitted), removed when no
 * card is stale, and ignored by readers once older than the tombstones (a browser that
 * stopped syncing). Releases before this one ignore keys they do not know.
 */

export const STALE_KEY_PREFIX = 'stale.';
export const staleKey = (device: string): string => `${STALE_KEY_PREFIX}${device}`;

interface StaleMarker {
  v: 1;
  ids: string[];
  at: number;
}

const isMarker = (value: unknown): value is StaleMarker =>
  typeof value === 'object' &&
  value !== null &&
  (value as StaleMarker).v === 1 &&
  Array.isArray((value as StaleMarker).ids) &&
  typeof (value as StaleMarker).at === 'number';

/** The marker naming `ids` (as many as fit in one item, in order). */
function markerOf(key: string, ids: readonly string[], now: Date): StaleMarker {
  const sorted = [...ids].sort();
  const marker: StaleMarker = { v: 1, ids: sorted, at: now.getTime() };
  while (marker.ids.length && itemBytes(key, marker) > SYNC_LIMITS.QUOTA_BYTES_PER_ITEM) marker.ids = marker.ids.slice(0, -1);
  return marker;
}

/** Ids of cards that other browsers say are stale (their latest change there did not reach sync storage). */
export function staleElsewhere(remote: Readonly<Record<string, unknown>>, device: string, now: Date): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(remote)) {
    if (!key.startsWith(STALE_KEY_PREFIX) || key === staleKey(device) || !isMarker(value)) continue;
    if (now.getTime() - value.at > TOMBSTONE_MS) continue;
    for (const id of value.ids) if (typeof id === 'string') out.add(id);
  }
  return out;
}

/**
 * The plan with this browser's stale marker in it, within the quotas: the plan is made
 * again with the marker's room reserved (as if already stored) until the cards it names
 * are the ones the plan leaves stale, at most a few times; the marker then written names
 * no more than the room reserved for it. No write when it is already stored as it is.
 */
export function withStaleMarker(
  planFor: (remote: Readonly<Record<string, unknown>>) => PushPlan,
  remote: Readonly<Record<string, unknown>>,
  device: string,
  now: Date,
): PushPlan {
  const key = staleKey(device);
  const stored = remote[key];
  const { [key]: _, ...others } = remote;
  let plan = planFor(remote);
  if (plan.stale.length === 0) {
    // Nothing stale: the marker goes (its room was counted as taken, so the plan stays within the quotas).
    return stored === undefined ? plan : { ...plan, remove: [...plan.remove, key] };
  }
  let reserved: StaleMarker | undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    const wanted = markerOf(
      key,
      plan.stale.map((card) => card.id),
      now,
    );
    if (reserved && itemBytes(key, wanted) <= itemBytes(key, reserved)) {
      reserved = wanted;
      break;
    }
    reserved = wanted;
    plan = planFor({ ...others, [key]: reserved });
  }
  const marker = reserved!;
  // The marker as reserved (or smaller) fits: the plan counted it as stored.
  if (plan.bytes > PLANNED_BYTES || plan.items > PLANNED_ITEMS) return planFor(remote);
  const same = isMarker(stored) && stableJson(stored.ids) === stableJson(marker.ids) && now.getTime() - stored.at < TOMBSTONE_MS / 2;
  return same ? plan : { ...plan, set: { ...plan.set, [key]: marker } };
}
