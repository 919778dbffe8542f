// Imports and their undo: the state before the last import, the restore points, and the
// writes that keep them. Apart from storage.ts so the popup, which never imports, does not
// load them (scripts/check-size.mjs).
import { storage } from 'wxt/utils/storage';
import { type Card, cardSchema } from '../cards/schema';
import { type SettingsV1, settingsSchema } from './settings-schema';
import {
  parseRestorePoints,
  type RestorePointKind,
  type RestorePointV1,
  restoredCards,
  summarizeWrite,
  withRestorePoint,
} from './restore-points';
import { type CardsSnapshot, describeIssues, type InvalidEntry, parseStoredCards, rawOfCard } from './parse-stored';
import { firstThatFits } from './room';
import { cardsItem, refuseNewerCards, settingsItem, toStored, withCardsLock, writeCards } from './storage';

/**
 * `local:importUndo`: the state just before the last import (ImportUndoV1), so the
 * user can put it back from the options page. `null` or absent: nothing to undo.
 * Version 1. Each import replaces it; restoring swaps it with the current state,
 * so a restore can itself be undone.
 */
export const importUndoItem = storage.defineItem<unknown>('local:importUndo', {
  fallback: null,
  version: 1,
  migrations: {},
});

/** What {@link importUndoItem} holds: the stored values exactly as they were, unparsed. */
export interface ImportUndoV1 {
  /** When the snapshot was taken (ISO). */
  takenAt: string;
  /** The raw value of `cards` (valid cards and entries kept aside alike). */
  cards: unknown;
  /** The raw value of `settings`. */
  settings: unknown;
  /**
   * Ids of the cards the import (or the restore) added. Restoring removes them unless
   * changed since; cards added later always stay. Absent in snapshots of earlier
   * releases: then no card is removed by the restore.
   */
  addedIds?: string[];
}

/** The undo snapshot, or `null` when there is none or it cannot be read. */
export async function loadImportUndo(): Promise<ImportUndoV1 | null> {
  return parseImportUndo(await importUndoItem.getValue());
}

export function parseImportUndo(raw: unknown): ImportUndoV1 | null {
  if (typeof raw !== 'object' || raw === null || !('takenAt' in raw) || !('cards' in raw)) return null;
  const { takenAt, cards, settings, addedIds } = raw as Record<string, unknown>;
  if (typeof takenAt !== 'string') return null;
  const ids = Array.isArray(addedIds) ? addedIds.filter((id): id is string => typeof id === 'string') : undefined;
  return ids ? { takenAt, cards, settings, addedIds: ids } : { takenAt, cards, settings };
}

export function watchImportUndo(onChange: (undo: ImportUndoV1 | null) => void): () => void {
  return importUndoItem.watch((raw) => onChange(parseImportUndo(raw)));
}

/** Settings to write over the stored ones, field by field: a value sets the field, `undefined` clears it (its default applies). */
export type SettingsPatch = { [K in keyof SettingsV1]?: SettingsV1[K] | undefined };

/** What an import writes: the whole list of cards, the entries kept aside, and the settings it changes. */
export interface ImportedState {
  cards: Card[];
  invalid: InvalidEntry[];
  /** Settings to change, field by field; fields not named (or no patch at all) stay exactly as stored. */
  settings?: SettingsPatch;
}

/** `patch` applied over the raw stored settings: fields it does not name, even invalid or unknown ones, stay as stored. */
function patchSettings(raw: unknown, patch: SettingsPatch): Record<string, unknown> {
  settingsSchema.parse(Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)));
  const stored = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const next: Record<string, unknown> = { ...stored };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) delete next[field];
    else next[field] = value;
  }
  return next;
}

/**
 * `local:restorePoints`: the cards and settings as they were before each of the last
 * imports and restores (RestorePointV1 in ./restore-points.ts), newest first, at most
 * ten and about 4 MB together. Only `cards` and `settings` are kept: never the calendar
 * account (its password) or any other item. Version 1. Deleting it loses only the points.
 */
export const restorePointsItem = storage.defineItem<unknown>('local:restorePoints', {
  fallback: [],
  version: 1,
  migrations: {},
});

/** The readable restore points, newest first. */
export async function loadRestorePoints(): Promise<RestorePointV1[]> {
  return parseRestorePoints(await restorePointsItem.getValue());
}

export function watchRestorePoints(onChange: (points: RestorePointV1[]) => void): () => void {
  return restorePointsItem.watch((raw) => onChange(parseRestorePoints(raw)));
}

/** A restore point of the state before a write (`before`), with what the write changes (`after`). */
function restorePointOf(
  kind: RestorePointKind,
  now: Date,
  before: { cards: unknown; settings: unknown },
  after: { cards: readonly Card[]; settings: unknown },
): RestorePointV1 {
  return {
    id: crypto.randomUUID(),
    takenAt: now.toISOString(),
    kind,
    summary: summarizeWrite(parseStoredCards(before.cards), after.cards, before.settings, after.settings),
    cards: before.cards ?? [],
    settings: before.settings ?? {},
  };
}

/** What a write with its copies did beyond the write itself. */
export interface CopiesKept {
  /** Older restore points were let go to make room in the browser's storage (the new one is kept). */
  olderPointsDropped?: true;
}

/**
 * Writes the cards (and settings) of an import or a restore with the copies that undo it:
 * the new restore point first, then the undo snapshot, then the cards. Called inside the
 * cards lock. Where the browser limits storage (Chrome: 10 MB) and it would not all fit,
 * older restore points give way; if it still does not fit, nothing at all is written
 * (StorageFullError, ./room.ts), so a write never stops halfway or goes without its undo.
 */
async function writeWithCopies(parts: {
  point: RestorePointV1;
  cards: unknown[];
  undo?: ImportUndoV1;
  settings?: unknown;
}): Promise<CopiesKept> {
  const writes = {
    cards: parts.cards,
    ...(parts.undo ? { importUndo: parts.undo } : {}),
    ...(parts.settings !== undefined ? { settings: parts.settings } : {}),
  };
  const all = withRestorePoint(await loadRestorePoints(), parts.point);
  const choices = all.length > 1 ? [all, [parts.point]] : [all];
  const chosen = await firstThatFits(writes, 'restorePoints', choices);
  const points = choices[chosen]!;
  await restorePointsItem.setValue(points);
  if (parts.undo) await importUndoItem.setValue(parts.undo);
  await writeCards(parts.cards);
  if (parts.settings !== undefined) await settingsItem.setValue(parts.settings);
  return chosen > 0 ? { olderPointsDropped: true } : {};
}

/**
 * Writes the result of an import, computed by `build` from the freshest stored
 * cards inside the cards lock, after saving the state before it as the undo
 * snapshot and as a restore point (`kind`: a merge or a Replace all). Every card is
 * checked as {@link updateCards} does; if one fails, nothing is written at all.
 */
export async function writeImport(
  build: (current: CardsSnapshot) => ImportedState,
  now: Date,
  kind: RestorePointKind = 'merge',
): Promise<CardsSnapshot & CopiesKept> {
  return withCardsLock(async () => {
    const rawCards = await cardsItem.getValue();
    const rawSettings = await settingsItem.getValue();
    const next = build(parseStoredCards(rawCards));
    const ids = new Set<string>();
    for (const card of next.cards) {
      if (ids.has(card.id)) throw new Error(`Refusing to save two cards with the id ${card.id}`);
      ids.add(card.id);
      if (!rawOfCard.has(card)) {
        const check = cardSchema.safeParse(card);
        if (!check.success) throw new Error(`Refusing to save an invalid card: ${describeIssues(check.error.issues).join('; ')}`);
      }
    }
    const settings = next.settings === undefined ? undefined : patchSettings(rawSettings, next.settings);
    const had = new Set(parseStoredCards(rawCards).cards.map((card) => card.id));
    const undo: ImportUndoV1 = {
      takenAt: now.toISOString(),
      cards: rawCards,
      settings: rawSettings,
      addedIds: next.cards.filter((card) => !had.has(card.id)).map((card) => card.id),
    };
    const point = restorePointOf(kind, now, undo, { cards: next.cards, settings: settings ?? rawSettings });
    const kept = await writeWithCopies({
      point,
      cards: toStored(next.cards, next.invalid),
      undo,
      ...(settings !== undefined ? { settings } : {}),
    });
    // What was just written, each card checked above: not read and checked again (20,000 cards take seconds).
    return { cards: next.cards, invalid: next.invalid, ...kept };
  });
}

/**
 * Puts back the state saved before the last import, merged with what happened since,
 * as a restore point is restored (restoredCards): cards the import removed come back,
 * cards in both keep every event of both (a renewal recorded after the import stays),
 * cards the import added go unless changed since, and cards added after the import stay.
 * The state it replaces is kept as the new undo snapshot (so the restore can be undone
 * too) and as a restore point. Returns `false` when there is nothing to restore.
 */
export async function restoreImportUndo(now: Date): Promise<boolean> {
  return withCardsLock(async () => {
    await refuseNewerCards();
    const undo = parseImportUndo(await importUndoItem.getValue());
    if (!undo) return false;
    const rawCards = await cardsItem.getValue();
    const rawSettings = await settingsItem.getValue();
    const current = parseStoredCards(rawCards);
    const takenAt = Date.parse(undo.takenAt);
    const added = new Set(undo.addedIds ?? []);
    const changedSince = (card: Card) => Date.parse(card.updatedAt) > takenAt;
    const kept = { ...current, cards: current.cards.filter((card) => !added.has(card.id) || changedSince(card)) };
    const next = restoredCards(kept, parseStoredCards(undo.cards));
    const settings = undo.settings ?? {};
    const had = new Set(current.cards.map((card) => card.id));
    const swapped: ImportUndoV1 = {
      takenAt: now.toISOString(),
      cards: rawCards,
      settings: rawSettings,
      addedIds: next.cards.filter((card) => !had.has(card.id)).map((card) => card.id),
    };
    const point = restorePointOf('undo', now, swapped, { cards: next.cards, settings });
    await writeWithCopies({ point, cards: toStored(next.cards, next.invalid, current.cards), undo: swapped, settings });
    return true;
  });
}

/**
 * Restores the restore point `id` over the current cards, as Undo of a delete does
 * (restoredCards: every card and event of the point comes back, cards added since
 * stay), and its settings when the write it was taken before changed them. The
 * state before is kept as a new restore point, so this can be undone in turn.
 * Resolves to the cards after, or `null` when there is no such point.
 */
export async function restoreRestorePoint(id: string, now: Date): Promise<(CardsSnapshot & CopiesKept) | null> {
  return withCardsLock(async () => {
    await refuseNewerCards();
    const point = (await loadRestorePoints()).find((candidate) => candidate.id === id);
    if (!point) return null;
    const rawCards = await cardsItem.getValue();
    const rawSettings = await settingsItem.getValue();
    const current = parseStoredCards(rawCards);
    const next = restoredCards(current, parseStoredCards(point.cards));
    const settings = point.summary.settings ? (point.settings ?? {}) : rawSettings;
    const before = restorePointOf('restore', now, { cards: rawCards, settings: rawSettings }, { cards: next.cards, settings });
    const kept = await writeWithCopies({
      point: before,
      cards: toStored(next.cards, next.invalid, current.cards),
      ...(point.summary.settings ? { settings } : {}),
    });
    return { ...parseStoredCards(await cardsItem.getValue()), ...kept };
  });
}
