import { mergeCardCopies } from '../cards/merge';
import type { Card } from '../cards/schema';
import type { CardsSnapshot, InvalidEntry } from './storage';

/*
 * Restore points: the cards and settings as they were before each of the last imports
 * and restores, kept so a wrong file never makes older cards unrecoverable. Pure
 * helpers; the item and the writes under the cards lock are in ./storage.ts.
 */

/** What wrote over the state a restore point keeps. */
export type RestorePointKind = 'merge' | 'replace' | 'undo' | 'restore';

/** What the write changed, counted against the state the point keeps. */
export interface RestorePointSummary {
  /** Cards the write added. */
  added: number;
  /** Cards in both whose stored form changed. */
  changed: number;
  /** Cards the write removed (Replace all); they are in the point. */
  removed: number;
  /** Whether the write changed the settings. */
  settings: boolean;
}

/** One restore point, as stored in `local:restorePoints`. */
export interface RestorePointV1 {
  id: string;
  /** When it was taken, just before the write (ISO). */
  takenAt: string;
  kind: RestorePointKind;
  summary: RestorePointSummary;
  /** The raw value of `cards` before the write (valid cards and entries kept aside alike). */
  cards: unknown;
  /** The raw value of `settings` before the write. Nothing else is kept: never the calendar account. */
  settings: unknown;
}

/** At most this many points are kept, newest first. */
export const MAX_RESTORE_POINTS = 10;
/**
 * The points together stay under this many characters of JSON (the newest is always
 * kept), so ten copies of a very large card list cannot fill `storage.local` and make
 * the import itself fail.
 */
export const RESTORE_POINTS_BUDGET = 4_000_000;

const KINDS: ReadonlySet<string> = new Set(['merge', 'replace', 'undo', 'restore']);

function isPoint(value: unknown): value is RestorePointV1 {
  if (typeof value !== 'object' || value === null) return false;
  const point = value as Record<string, unknown>;
  const summary = point.summary as Record<string, unknown> | null;
  return (
    typeof point.id === 'string' &&
    typeof point.takenAt === 'string' &&
    typeof point.kind === 'string' &&
    KINDS.has(point.kind) &&
    typeof summary === 'object' &&
    summary !== null &&
    ['added', 'changed', 'removed'].every((key) => typeof summary[key] === 'number') &&
    'cards' in point
  );
}

/** The readable points of a stored value, newest first; anything else in it is left out (and left stored until the next write). */
export function parseRestorePoints(raw: unknown): RestorePointV1[] {
  return Array.isArray(raw) ? raw.filter(isPoint) : [];
}

/** What a write changes, from the cards and settings before it and the cards and settings it writes. */
export function summarizeWrite(
  before: CardsSnapshot,
  after: readonly Card[],
  settingsBefore: unknown,
  settingsAfter: unknown,
): RestorePointSummary {
  const old = new Map(before.cards.map((card) => [card.id, JSON.stringify(card)]));
  const afterIds = new Set(after.map((card) => card.id));
  let added = 0;
  let changed = 0;
  for (const card of after) {
    const previous = old.get(card.id);
    if (previous === undefined) added++;
    else if (previous !== JSON.stringify(card)) changed++;
  }
  const removed = before.cards.filter((card) => !afterIds.has(card.id)).length;
  return { added, changed, removed, settings: JSON.stringify(settingsBefore ?? {}) !== JSON.stringify(settingsAfter ?? {}) };
}

/** `point` in front of `points`, keeping at most {@link MAX_RESTORE_POINTS} within {@link RESTORE_POINTS_BUDGET} (the newest always). */
export function withRestorePoint(
  points: readonly RestorePointV1[],
  point: RestorePointV1,
  budget = RESTORE_POINTS_BUDGET,
): RestorePointV1[] {
  const kept: RestorePointV1[] = [point];
  let size = JSON.stringify(point).length;
  for (const older of points) {
    if (kept.length >= MAX_RESTORE_POINTS) break;
    size += JSON.stringify(older).length;
    if (size > budget) break;
    kept.push(older);
  }
  return kept;
}

/**
 * The cards after restoring a point over the current ones, as Undo of a delete puts a
 * card back: a card only in the point comes back, a card in both is merged by
 * lib/cards/merge.ts (history the union, fields from the copy changed later), and a
 * card added since stays. Entries kept aside in the point come back unless already there.
 */
export function restoredCards(current: CardsSnapshot, point: CardsSnapshot): { cards: Card[]; invalid: InvalidEntry[] } {
  const fromPoint = new Map(point.cards.map((card) => [card.id, card]));
  const cards = current.cards.map((card) => {
    const old = fromPoint.get(card.id);
    fromPoint.delete(card.id);
    return old ? mergeCardCopies(card, old) : card;
  });
  const present = new Set(current.invalid.map((entry) => JSON.stringify(entry.raw)));
  const invalid = [...current.invalid, ...point.invalid.filter((entry) => !present.has(JSON.stringify(entry.raw)))];
  return { cards: [...cards, ...fromPoint.values()], invalid };
}
