import { storage } from 'wxt/utils/storage';
import { cardSchema, type Card } from '../cards/schema';
import { settingsSchema, type SettingsV1 } from './settings-schema';
import { CARDS_VERSION, cardsMigrations, SETTINGS_VERSION, settingsMigrations } from './migrations';

/*
 * Every storage item of SIM Keeper is declared here and nowhere else.
 * docs/storage.md documents the keys and shapes for repair by hand.
 *
 * Items are stored as `unknown` and validated on every read: data that fails
 * validation is reported and kept as it is, never replaced by a default.
 */

/**
 * `local:cards`: the user's cards, an array of CardV1 objects.
 * Version 1. Migration steps go in `migrations`, one per version, each taking
 * the previous version's whole array; a failed step leaves the old data in
 * place (WXT logs a MigrationError), and the reader below copes with either.
 */
export const cardsItem = storage.defineItem<unknown>('local:cards', {
  fallback: [],
  // The steps live in ./migrations.ts, shared with backups (lib/transfer/).
  version: CARDS_VERSION,
  migrations: cardsMigrations,
});

/**
 * `local:cardsRevision`: a random string that changes with every write of the
 * cards (written in the same `storage.local.set` as them), so a reader can tell
 * in one small read whether what it computed from the cards still holds. The
 * background gives a new one when the cards change without it (edited by hand).
 * Version 1.
 */
export const cardsRevisionItem = storage.defineItem<string | null>('local:cardsRevision', {
  fallback: null,
  version: 1,
  migrations: {},
});

/**
 * `local:popupView`: the popup's first screen, worded and ready to paint
 * (FirstScreenView in lib/popup/first-screen-check.ts), written by the background
 * after every change and at midnight. A cache: it holds the revision, settings,
 * zone, language and validity window it was computed for, and the popup paints it
 * only when all still match. Deleting it is always safe. Version 1.
 */
export const popupViewItem = storage.defineItem<unknown>('local:popupView', {
  fallback: null,
  version: 1,
  migrations: {},
});

/** Writes the cards and a new revision together, in one `storage.local.set`. */
async function writeCards(raw: unknown): Promise<void> {
  await storage.setItems([
    { item: cardsItem, value: raw },
    { item: cardsRevisionItem, value: crypto.randomUUID() },
  ]);
}

/**
 * The stored cards, their revision and the settings as they are (not validated),
 * read in one `storage.local.get`: together they are one consistent moment.
 */
export async function loadRawCardsAndSettings(): Promise<{ cards: unknown; revision: unknown; settings: unknown }> {
  const [cards, revision, settings] = await storage.getItems([cardsItem, cardsRevisionItem, settingsItem]);
  return { cards: cards?.value, revision: revision?.value, settings: settings?.value };
}

/** `local:settings`: the user's settings (SettingsV1). Version 1. */
export const settingsItem = storage.defineItem<unknown>('local:settings', {
  fallback: {},
  version: SETTINGS_VERSION,
  migrations: settingsMigrations,
});

/** A stored entry that is not a valid card: shown to the user, never dropped silently. */
export interface InvalidEntry {
  raw: unknown;
  /** Human-readable reasons, such as `rule.anchorDate: not a calendar date`. */
  problems: string[];
}

export interface CardsSnapshot {
  cards: Card[];
  invalid: InvalidEntry[];
}

// The stored form of each valid card, so a write puts back untouched cards exactly as they were.
const rawOfCard = new WeakMap<Card, unknown>();

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message));
}

/** Splits what is stored under `cards` into valid cards and entries kept aside. */
export function parseStoredCards(raw: unknown): CardsSnapshot {
  if (raw === null || raw === undefined) return { cards: [], invalid: [] };
  if (!Array.isArray(raw)) return { cards: [], invalid: [{ raw, problems: ['the stored value is not a list of cards'] }] };
  const cards: Card[] = [];
  const invalid: InvalidEntry[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    const result = cardSchema.safeParse(entry);
    if (!result.success) {
      invalid.push({ raw: entry, problems: describeIssues(result.error.issues) });
    } else if (seen.has(result.data.id)) {
      invalid.push({ raw: entry, problems: [`id: another card already has the id ${result.data.id}`] });
    } else {
      seen.add(result.data.id);
      rawOfCard.set(result.data, entry);
      cards.push(result.data);
    }
  }
  return { cards, invalid };
}

/** What to write for a snapshot: untouched cards as they were read, then every entry kept aside. */
function toStored(cards: readonly Card[], invalid: readonly InvalidEntry[]): unknown[] {
  return [...cards.map((card) => (rawOfCard.has(card) ? rawOfCard.get(card) : card)), ...invalid.map((entry) => entry.raw)];
}

let localQueue: Promise<unknown> = Promise.resolve();

/**
 * Runs `task` while no other page or the background is changing the cards.
 * Extension pages and the service worker share one origin, so the Web Locks
 * API serialises them all; where it is missing (unit tests), a queue in this
 * module does the same for one process.
 */
function withCardsLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request('sim-keeper:cards', task) as Promise<T>;
  const run = localQueue.then(task, task);
  localQueue = run.catch(() => undefined);
  return run;
}

/** Reads and validates the stored cards. */
export async function loadCards(): Promise<CardsSnapshot> {
  return parseStoredCards(await cardsItem.getValue());
}

/**
 * Changes the cards by a function of the freshest stored list, inside a lock,
 * so two pages editing at once lose neither change. Entries kept aside stay.
 * `mutate` may return the same card objects for cards it leaves alone.
 */
export async function updateCards(mutate: (cards: Card[]) => Card[]): Promise<CardsSnapshot> {
  return withCardsLock(async () => {
    const current = parseStoredCards(await cardsItem.getValue());
    const cards = mutate([...current.cards]);
    const ids = new Set<string>();
    for (const card of cards) {
      // A second card with the same id would be read back as an entry kept aside, not as a card.
      if (ids.has(card.id)) throw new Error(`Refusing to save two cards with the id ${card.id}`);
      ids.add(card.id);
      if (!rawOfCard.has(card)) {
        // Refuse to store what could not be read back: better an error now than a card lost later.
        const check = cardSchema.safeParse(card);
        if (!check.success) throw new Error(`Refusing to save an invalid card: ${describeIssues(check.error.issues).join('; ')}`);
      }
    }
    await writeCards(toStored(cards, current.invalid));
    return parseStoredCards(await cardsItem.getValue());
  });
}

/** Removes one entry kept aside, on the user's explicit request. `rawJson` names it by content. */
export async function discardInvalidEntry(rawJson: string): Promise<void> {
  await withCardsLock(async () => {
    const current = parseStoredCards(await cardsItem.getValue());
    const index = current.invalid.findIndex((entry) => JSON.stringify(entry.raw) === rawJson);
    if (index < 0) return;
    const invalid = current.invalid.filter((_, i) => i !== index);
    await writeCards(toStored(current.cards, invalid));
  });
}

/** Calls `onChange` with a fresh snapshot whenever the stored cards change anywhere. */
export function watchCards(onChange: (snapshot: CardsSnapshot) => void): () => void {
  return cardsItem.watch((raw) => onChange(parseStoredCards(raw)));
}

export interface SettingsSnapshot {
  settings: SettingsV1;
  /** Set when what is stored is not valid; the stored value is left as it is. */
  problems: string[] | null;
}

export function parseStoredSettings(raw: unknown): SettingsSnapshot {
  const result = settingsSchema.safeParse(raw ?? {});
  return result.success ? { settings: result.data, problems: null } : { settings: {}, problems: describeIssues(result.error.issues) };
}

export async function loadSettings(): Promise<SettingsSnapshot> {
  return parseStoredSettings(await settingsItem.getValue());
}

export async function saveSettings(settings: SettingsV1): Promise<void> {
  await settingsItem.setValue(settingsSchema.parse(settings));
}

export function watchSettings(onChange: (snapshot: SettingsSnapshot) => void): () => void {
  return settingsItem.watch((raw) => onChange(parseStoredSettings(raw)));
}

/**
 * `local:reminderLog`: the background's memory of reminders (ReminderLogV1 in
 * lib/reminders/reminder-log.ts), written only by the background:
 * - `fired`: reminder key (`r|<cardId>|<due|lost>|<deadline date>|<stage>`, the
 *   alarm name) → ms when it was shown or passed over, so each fires at most once;
 * - `seen`: deadline key (`r|<cardId>|<due|lost>|<deadline date>`) → ms when that
 *   deadline was first planned; reminders due before it were never "missed".
 * Version 1. An unreadable log is treated as empty: every deadline counts as
 * new, so nothing is caught up (no burst), and nothing else is lost.
 */
export const reminderLogItem = storage.defineItem<unknown>('local:reminderLog', {
  fallback: {},
  version: 1,
  migrations: {},
});

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
}

/** The undo snapshot, or `null` when there is none or it cannot be read. */
export async function loadImportUndo(): Promise<ImportUndoV1 | null> {
  return parseImportUndo(await importUndoItem.getValue());
}

export function parseImportUndo(raw: unknown): ImportUndoV1 | null {
  if (typeof raw !== 'object' || raw === null || !('takenAt' in raw) || !('cards' in raw)) return null;
  const { takenAt, cards, settings } = raw as Record<string, unknown>;
  return typeof takenAt === 'string' ? { takenAt, cards, settings } : null;
}

export function watchImportUndo(onChange: (undo: ImportUndoV1 | null) => void): () => void {
  return importUndoItem.watch((raw) => onChange(parseImportUndo(raw)));
}

/** What an import writes: the whole list of cards, the entries kept aside, and settings if they change. */
export interface ImportedState {
  cards: Card[];
  invalid: InvalidEntry[];
  /** New settings, or absent to leave them as they are. */
  settings?: SettingsV1;
}

/**
 * Writes the result of an import, computed by `build` from the freshest stored
 * cards inside the cards lock, after saving the state before it as the undo
 * snapshot. Every card is checked as {@link updateCards} does; if one fails,
 * nothing is written at all.
 */
export async function writeImport(build: (current: CardsSnapshot) => ImportedState, now: Date): Promise<CardsSnapshot> {
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
    const settings = next.settings === undefined ? undefined : settingsSchema.parse(next.settings);
    const undo: ImportUndoV1 = { takenAt: now.toISOString(), cards: rawCards, settings: rawSettings };
    await importUndoItem.setValue(undo);
    await writeCards(toStored(next.cards, next.invalid));
    if (settings !== undefined) await settingsItem.setValue(settings);
    return parseStoredCards(await cardsItem.getValue());
  });
}

/**
 * Puts back the state saved before the last import, and keeps the state it
 * replaces as the new undo snapshot (so the restore can be undone too).
 * Returns `false` when there is nothing to restore.
 */
export async function restoreImportUndo(now: Date): Promise<boolean> {
  return withCardsLock(async () => {
    const undo = parseImportUndo(await importUndoItem.getValue());
    if (!undo) return false;
    const current: ImportUndoV1 = {
      takenAt: now.toISOString(),
      cards: await cardsItem.getValue(),
      settings: await settingsItem.getValue(),
    };
    await writeCards(undo.cards ?? []);
    await settingsItem.setValue(undo.settings ?? {});
    await importUndoItem.setValue(current);
    return true;
  });
}

/** The raw stored values a backup is made of: cards exactly as stored (entries kept aside included) and settings. */
export async function loadStoredForBackup(): Promise<{ cards: unknown; settings: unknown }> {
  return withCardsLock(async () => ({ cards: await cardsItem.getValue(), settings: await settingsItem.getValue() }));
}
