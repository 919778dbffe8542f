import type { Card, CardEvent } from '../cards/schema';
import { mergeCardCopies } from '../cards/merge';
import { isAfter, laterClock, laterClocks, tick, clockAt, msOfClock, type Clock } from './clock';
import { stableJson } from './stable-json';

/*
 * One card as sync knows it: the card, plus the clocks that let two browsers merge
 * their copies field by field and event by event (never whole cards), the same in
 * every order. The events are united by lib/cards/merge.ts, the one merge shared
 * with undo and import; what sync adds is below.
 *
 * - `f`: per field, when it last changed. The later change wins, ties broken by
 *   the device id inside the clock.
 * - `e`: per event id, when that event was last edited; `x`: per event id, when it
 *   was removed (an undone "Renewed"). A removal is final: a removed event never
 *   comes back from a browser that still holds it, even one that edited it meanwhile.
 * - `b`: when this card was created or last restored; `d`: when it was deleted.
 *   The card is alive while `b` is later than `d`. Content belongs to one life:
 *   of two copies, the one born later wins whole, so a restored card does not
 *   pick up edits made to it before it was deleted.
 */
export interface SyncEntry {
  /** The card, while it is alive. A deleted card keeps only its clocks (a tombstone). */
  card?: Card;
  f?: Record<string, Clock>;
  e?: Record<string, Clock>;
  x?: Record<string, Clock>;
  b: Clock;
  d?: Clock;
}

/** Fields that belong to the card's identity or bookkeeping, not merged as fields. */
const NOT_FIELDS = new Set(['id', 'history', 'createdAt', 'updatedAt']);

/** Whether the entry's card is alive (created or restored after its last deletion). */
export function isAlive(entry: SyncEntry): boolean {
  return entry.card !== undefined && livesAfter(entry);
}

/** Whether the card's last creation or restore is later than its last deletion. */
function livesAfter(entry: SyncEntry): boolean {
  return entry.d === undefined || entry.b > entry.d;
}

function fieldNames(...cards: (Card | undefined)[]): string[] {
  const names = new Set<string>();
  for (const card of cards) for (const key of Object.keys(card ?? {})) if (!NOT_FIELDS.has(key)) names.add(key);
  return [...names].sort();
}

const fieldOf = (card: Card | undefined, name: string): unknown => (card as Record<string, unknown> | undefined)?.[name];

/**
 * The order of events in a synced card, the same in every browser: by date, and on one
 * day a "Carrier shows end date" after the others (the date the carrier shows on a day
 * of renewal already counts that renewal), then by id.
 */
export function canonicalHistory(history: readonly CardEvent[]): CardEvent[] {
  const rank = (event: CardEvent) => (event.kind === 'carrier-date' ? 1 : 0);
  return [...history].sort((a, b) => {
    if (a.date !== b.date) return a.date < b.date ? -1 : 1;
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

function timeOf(iso: string | undefined, fallback: number): number {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? fallback : ms;
}

/** Ids of events removed on purpose: a removal is final, whatever another browser did to the event meanwhile. */
function removedIds(x: Record<string, Clock> | undefined): Set<string> {
  return new Set(Object.keys(x ?? {}));
}

/** Of two versions of one event, the one edited later (at the same clock, the larger JSON: any fixed rule will do). */
function laterEvent(a: CardEvent, b: CardEvent, clockA: Clock | undefined, clockB: Clock | undefined): CardEvent {
  if (isAfter(clockA, clockB)) return a;
  if (isAfter(clockB, clockA)) return b;
  return stableJson(a) >= stableJson(b) ? a : b;
}

/**
 * Two entries of one card merged. Commutative, associative and idempotent, so browsers
 * that receive the same copies in any order, any number of times, end with the same card.
 */
export function mergeEntries(p: SyncEntry, q: SyncEntry): SyncEntry {
  const b = laterClock(p.b, q.b)!;
  const d = laterClock(p.d, q.d);
  // Removals are final and outlive the card's lives: a card restored from a copy that
  // still held an event undone elsewhere does not bring that event back.
  const x = laterClocks(p.x, q.x);
  // Only copies of the latest life count; a copy of an earlier life is superseded whole.
  const sides = [p, q].filter((side) => side.b === b);
  const [one, two] = sides as [SyncEntry, SyncEntry | undefined];
  let merged: SyncEntry;
  if (!two || !one.card || !two.card) {
    const source = two?.card && !one.card ? two : one;
    merged = { ...source, e: two ? laterClocks(one.e, two.e) : source.e };
  } else {
    merged = { b, card: mergeCards(one, two, x), f: laterClocks(one.f, two.f), e: laterClocks(one.e, two.e) };
  }
  merged.b = b;
  merged.x = x;
  if (d !== undefined) merged.d = d;
  else delete merged.d;
  return tidy(merged);
}

/** Keeps the entry's shape canonical: no empty maps, events removed on purpose filtered out, a tombstone without content. */
function tidy(entry: SyncEntry): SyncEntry {
  const out: SyncEntry = { b: entry.b };
  if (entry.d !== undefined) out.d = entry.d;
  if (entry.x && Object.keys(entry.x).length) out.x = entry.x;
  if (entry.card && livesAfter(entry)) {
    const removed = removedIds(entry.x);
    const history = canonicalHistory(entry.card.history.filter((event) => !removed.has(event.id)));
    out.card = { ...entry.card, history };
    if (entry.f && Object.keys(entry.f).length) out.f = entry.f;
    if (entry.e && Object.keys(entry.e).length) out.e = entry.e;
  }
  return out;
}

/** The card of two entries of the same life: each field from the side that changed it later, events united. */
function mergeCards(p: SyncEntry, q: SyncEntry, x: Record<string, Clock> | undefined): Card {
  const a = p.card!;
  const b = q.card!;
  const card: Record<string, unknown> = { id: a.id };
  for (const name of fieldNames(a, b)) {
    const [ca, cb] = [p.f?.[name], q.f?.[name]];
    const [va, vb] = [fieldOf(a, name), fieldOf(b, name)];
    const fromA = isAfter(ca, cb) || (ca === cb && stableJson(va ?? null) >= stableJson(vb ?? null));
    const value = fromA ? va : vb;
    if (value !== undefined) card[name] = value;
  }
  // Versions of one event edited on both sides are settled first, by their edit clocks;
  // then lib/cards/merge.ts unites the histories by event id, leaving out removed events.
  const fromB = new Map(b.history.map((event) => [event.id, event]));
  const settled = new Map<string, CardEvent>();
  for (const event of a.history) {
    const other = fromB.get(event.id);
    if (other) settled.set(event.id, laterEvent(event, other, p.e?.[event.id], q.e?.[event.id]));
  }
  const pick = (event: CardEvent) => settled.get(event.id) ?? event;
  const history = mergeCardCopies(
    { ...a, history: a.history.map(pick) },
    { ...b, history: b.history.map(pick) },
    { removedEventIds: removedIds(x) },
  ).history;
  const createdAt = timeOf(a.createdAt, Infinity) <= timeOf(b.createdAt, Infinity) ? a.createdAt : b.createdAt;
  const updatedAt = timeOf(a.updatedAt, -Infinity) >= timeOf(b.updatedAt, -Infinity) ? a.updatedAt : b.updatedAt;
  return { ...(card as unknown as Card), history: canonicalHistory(history), createdAt, updatedAt };
}

/** Options of {@link entriesFromLocal}. */
export interface LocalChangeOptions {
  /** This browser's device id, inside every clock it makes. */
  device: string;
  now: Date;
  /** Ids of stored entries that could not be read: never taken for deleted cards. */
  keptAsideIds?: ReadonlySet<string>;
  /**
   * The last copy of each card deleted in this browser (its Recently deleted): what was
   * done to a card before it was deleted, an undone renewal say, is recorded with the
   * deletion, so a restored copy of it does not get the event back from another browser.
   */
  deletedHere?: ReadonlyMap<string, Card>;
}

/**
 * What this browser changed since the last sync, as entries: the local cards compared
 * with `base` (the entries as they were when sync last wrote the local cards). A
 * changed field, an edited, added or removed event, a deleted or restored card gets a
 * clock later than any it had, dated when the card says it changed (`updatedAt`).
 */
export function entriesFromLocal(
  cards: readonly Card[],
  base: Readonly<Record<string, SyncEntry>>,
  options: LocalChangeOptions,
): Record<string, SyncEntry> {
  const { device } = options;
  const nowMs = options.now.getTime();
  const out: Record<string, SyncEntry> = { ...base };
  const present = new Set<string>();
  for (const card of cards) {
    present.add(card.id);
    const prev = base[card.id];
    const at = timeOf(card.updatedAt, nowMs);
    if (!prev || !isAlive(prev)) {
      // New here, or put back after a deletion: a new life. A card never synced is born
      // at its creation, the same clock in every browser that imported it, so two
      // browsers holding the same card merge it instead of one replacing the other.
      const created = timeOf(card.createdAt, at);
      const b = prev ? tick(nowMs, device, prev.b, prev.d) : clockAt(created, '');
      const f: Record<string, Clock> = {};
      for (const name of fieldNames(card)) f[name] = tick(at, device, prev?.f?.[name]);
      out[card.id] = tidy({ card, f, b, ...(prev?.d ? { d: prev.d } : {}), ...(prev?.x ? { x: prev.x } : {}) });
      continue;
    }
    if (card === prev.card || stableJson(card) === stableJson(prev.card)) continue;
    const f: Record<string, Clock> = { ...prev.f };
    for (const name of fieldNames(card, prev.card)) {
      if (stableJson(fieldOf(card, name) ?? null) !== stableJson(fieldOf(prev.card, name) ?? null))
        f[name] = tick(at, device, prev.f?.[name]);
    }
    const e: Record<string, Clock> = { ...prev.e };
    const x: Record<string, Clock> = { ...prev.x };
    const before = new Map(prev.card!.history.map((event) => [event.id, event]));
    for (const event of card.history) {
      const old = before.get(event.id);
      before.delete(event.id);
      // Edited here: this version wins over the versions other browsers hold.
      if (old && stableJson(old) !== stableJson(event)) e[event.id] = tick(at, device, e[event.id]);
    }
    for (const id of before.keys()) x[id] = tick(at, device, x[id]);
    out[card.id] = tidy({ ...prev, card, f, e, x });
  }
  for (const [id, prev] of Object.entries(base)) {
    if (present.has(id) || !isAlive(prev) || options.keptAsideIds?.has(id)) continue;
    const x = removedBeforeDeletion(prev, options.deletedHere?.get(id), device, nowMs);
    out[id] = tidy({ b: prev.b, d: tick(nowMs, device, prev.b, prev.d), ...(x ? { x } : {}) });
  }
  return out;
}

/** The entry's removed events, with those its deleted copy no longer held (removed here before the deletion). */
function removedBeforeDeletion(prev: SyncEntry, copy: Card | undefined, device: string, nowMs: number): Record<string, Clock> | undefined {
  if (!copy || !prev.card) return prev.x;
  const kept = new Set(copy.history.map((event) => event.id));
  const gone = prev.card.history.filter((event) => !kept.has(event.id));
  if (gone.length === 0) return prev.x;
  const at = timeOf(copy.updatedAt, nowMs);
  const x: Record<string, Clock> = { ...prev.x };
  for (const event of gone) x[event.id] = tick(at, device, x[event.id]);
  return x;
}

/** Two sets of entries joined card by card. */
export function mergeEntrySets(a: Readonly<Record<string, SyncEntry>>, b: Readonly<Record<string, SyncEntry>>): Record<string, SyncEntry> {
  const out: Record<string, SyncEntry> = { ...a };
  for (const [id, entry] of Object.entries(b)) out[id] = out[id] ? mergeEntries(out[id], entry) : tidy(entry);
  return out;
}

/**
 * The local cards after a merge: cards the browser had stay in their place (the same
 * object when nothing changed, so storage keeps them byte for byte), deleted ones go,
 * and cards new to this browser follow, oldest first.
 */
export function cardsFromEntries(local: readonly Card[], entries: Readonly<Record<string, SyncEntry>>): Card[] {
  const out: Card[] = [];
  const placed = new Set<string>();
  for (const card of local) {
    const entry = entries[card.id];
    placed.add(card.id);
    if (!entry) out.push(card);
    else if (isAlive(entry)) out.push(stableJson(entry.card) === stableJson(card) ? card : entry.card!);
  }
  const added = Object.entries(entries)
    .filter(([id, entry]) => !placed.has(id) && isAlive(entry))
    .map(([, entry]) => entry.card!)
    .sort((a, b) => timeOf(a.createdAt, 0) - timeOf(b.createdAt, 0) || (a.id < b.id ? -1 : 1));
  return [...out, ...added];
}

/** Drops what has been kept long enough: tombstones of cards and removed events older than `keepMs`. */
export function pruneEntries(entries: Readonly<Record<string, SyncEntry>>, now: Date, keepMs: number): Record<string, SyncEntry> {
  const cutoff = now.getTime() - keepMs;
  const out: Record<string, SyncEntry> = {};
  for (const [id, entry] of Object.entries(entries)) {
    if (!isAlive(entry) && msOfClock(entry.d) < cutoff) continue;
    if (!entry.x) {
      out[id] = entry;
      continue;
    }
    const x = Object.fromEntries(Object.entries(entry.x).filter(([, clock]) => msOfClock(clock) >= cutoff));
    out[id] = tidy({ ...entry, x });
  }
  return out;
}
