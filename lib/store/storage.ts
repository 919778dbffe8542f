import { storage } from 'wxt/utils/storage';
import { cardSchema, type Card } from '../cards/schema';
import { settingsSchema, type SettingsV1 } from './settings-schema';
import { CARDS_VERSION, cardsMigrations, SETTINGS_VERSION, settingsMigrations } from './migrations';
import {
  type CardsSnapshot,
  describeIssues,
  parseStoredCards,
  parseStoredSettings,
  rawOfCard,
  type SettingsSnapshot,
  toStored,
} from './parse-stored';
import { withNamedLock } from '../browser/named-lock';

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
export async function writeCards(raw: unknown): Promise<void> {
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

/**
 * A write refused because the stored data was written by a newer release of SIM
 * Keeper (its `KEY$` version is higher than this build knows). This build reads
 * that data as best it can, but writing it back in the old shape could undo what
 * the newer release stored, so it writes nothing until SIM Keeper is updated.
 */
export class NewerDataError extends Error {
  constructor(
    readonly key: string,
    readonly version: number,
  ) {
    super(`The stored ${key} were saved by a newer version of SIM Keeper (data version ${version}); this version only reads them.`);
    this.name = 'NewerDataError';
  }
}

/** The version a storage item's data was written in (WXT's `KEY$` meta; absent: 1). */
async function storedVersionOf(item: { getMeta(): Promise<{ v?: unknown }> }): Promise<number> {
  const { v } = await item.getMeta();
  return typeof v === 'number' && Number.isFinite(v) ? v : 1;
}

/** The data version of the stored cards when it is newer than this build knows, else `null`. */
export async function newerCardsVersion(): Promise<number | null> {
  const version = await storedVersionOf(cardsItem);
  return version > CARDS_VERSION ? version : null;
}

/** The data version of the stored settings when it is newer than this build knows, else `null`. */
export async function newerSettingsVersion(): Promise<number | null> {
  const version = await storedVersionOf(settingsItem);
  return version > SETTINGS_VERSION ? version : null;
}

export async function refuseNewerCards(): Promise<void> {
  const newer = await newerCardsVersion();
  if (newer !== null) throw new NewerDataError('cards', newer);
}

export {
  type CardsSnapshot,
  describeIssues,
  type InvalidEntry,
  parseStoredCards,
  parseStoredSettings,
  rawOfCard,
  type SettingsSnapshot,
  toStored,
} from './parse-stored';

/**
 * Runs `task` while no other page or the background is changing the cards (the Web
 * Lock `sim-keeper:cards`, shared by the popup, the options page and the service worker).
 */
export function withCardsLock<T>(task: () => Promise<T>): Promise<T> {
  return withNamedLock('sim-keeper:cards', task);
}

/** A snapshot of `raw`, marked read-only when the stored cards are newer than this build. */
async function snapshotOf(raw: unknown): Promise<CardsSnapshot> {
  const snapshot = parseStoredCards(raw);
  const newer = await newerCardsVersion();
  return newer === null ? snapshot : { ...snapshot, newerVersion: newer };
}

/** Reads and validates the stored cards. */
export async function loadCards(): Promise<CardsSnapshot> {
  return snapshotOf(await cardsItem.getValue());
}

/**
 * Changes the cards by a function of the freshest stored list, inside a lock,
 * so two pages editing at once lose neither change. Entries kept aside stay.
 * `mutate` may return the same card objects for cards it leaves alone.
 */
export async function updateCards(mutate: (cards: Card[]) => Card[]): Promise<CardsSnapshot> {
  return withCardsLock(async () => {
    await refuseNewerCards();
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
    await writeCards(toStored(cards, current.invalid, current.cards));
    return parseStoredCards(await cardsItem.getValue());
  });
}

/** Removes one entry kept aside, on the user's explicit request. `rawJson` names it by content. */
export async function discardInvalidEntry(rawJson: string): Promise<void> {
  await withCardsLock(async () => {
    await refuseNewerCards();
    const current = parseStoredCards(await cardsItem.getValue());
    const index = current.invalid.findIndex((entry) => JSON.stringify(entry.raw) === rawJson);
    if (index < 0) return;
    const invalid = current.invalid.filter((_, i) => i !== index);
    await writeCards(toStored(current.cards, invalid));
  });
}

/** Calls `onChange` with a fresh snapshot whenever the stored cards (or their version) change anywhere. */
export function watchCards(onChange: (snapshot: CardsSnapshot) => void): () => void {
  // The version is read on each change, so a slower read must not overwrite a newer snapshot.
  let latest = 0;
  const reload = (raw: Promise<unknown>) => {
    const call = ++latest;
    void raw.then(snapshotOf).then((snapshot) => call === latest && onChange(snapshot));
  };
  const stopValue = cardsItem.watch((raw) => reload(Promise.resolve(raw)));
  const stopMeta = storage.watch<unknown>('local:cards$', () => reload(cardsItem.getValue()));
  return () => {
    stopValue();
    stopMeta();
  };
}

async function settingsSnapshotOf(raw: unknown): Promise<SettingsSnapshot> {
  const snapshot = parseStoredSettings(raw);
  const newer = await newerSettingsVersion();
  return newer === null ? snapshot : { ...snapshot, newerVersion: newer };
}

export async function loadSettings(): Promise<SettingsSnapshot> {
  return settingsSnapshotOf(await settingsItem.getValue());
}

/**
 * Saves the settings in `changes`, one field at a time, over what is stored: a
 * field not in `changes` stays exactly as stored, valid or not (an invalid value
 * is replaced only when the user sets that field), and so do fields a newer
 * version wrote. Refuses anything invalid, and refuses to write settings saved by
 * a newer release (NewerDataError).
 */
export async function saveSettings(changes: SettingsV1): Promise<void> {
  const checked = settingsSchema.parse(changes);
  const newer = await newerSettingsVersion();
  if (newer !== null) throw new NewerDataError('settings', newer);
  const raw = await settingsItem.getValue();
  const stored = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const next: Record<string, unknown> = { ...stored };
  for (const field of Object.keys(changes) as (keyof SettingsV1)[]) {
    if (checked[field] === undefined) delete next[field];
    else next[field] = checked[field];
  }
  await settingsItem.setValue(next);
}

/**
 * Changes some settings and keeps the rest: `change` gets the freshest stored
 * settings (or `{}` when what is stored is not valid and so cannot be merged).
 * The settings form and the conversion rates each write only their own fields.
 */
export async function updateSettings(change: (settings: SettingsV1) => SettingsV1): Promise<void> {
  const { settings } = await loadSettings();
  await saveSettings(change(settings));
}

export function watchSettings(onChange: (snapshot: SettingsSnapshot) => void): () => void {
  let latest = 0;
  const reload = (raw: Promise<unknown>) => {
    const call = ++latest;
    void raw.then(settingsSnapshotOf).then((snapshot) => call === latest && onChange(snapshot));
  };
  const stopValue = settingsItem.watch((raw) => reload(Promise.resolve(raw)));
  const stopMeta = storage.watch<unknown>('local:settings$', () => reload(settingsItem.getValue()));
  return () => {
    stopValue();
    stopMeta();
  };
}

/** The reminder log's data version (`local:reminderLog$`). */
export const REMINDER_LOG_VERSION = 1;

/**
 * `local:reminderLog`: the background's memory of reminders (ReminderLogV1 in
 * lib/reminders/reminder-log.ts), written only by the background:
 * - `fired`: reminder key (`r|<cardId>|<due|lost>|<deadline date>|<stage>`, the
 *   alarm name) → ms when it was shown or passed over, so each fires at most once;
 * - `seen`: deadline key (`r|<cardId>|<due|lost>|<deadline date>`) → ms when that
 *   deadline was first planned; reminders due before it were never "missed".
 * Version 1. An unreadable log is treated as empty: every deadline counts as
 * new, so nothing is caught up (no burst), and nothing else is lost. A log
 * written by a newer release keeps what this one does not know (see
 * `takeDueReminders`).
 */
export const reminderLogItem = storage.defineItem<unknown>('local:reminderLog', {
  fallback: {},
  version: REMINDER_LOG_VERSION,
  migrations: {},
});

/** The data version of the stored reminder log when it is newer than this build knows, else `null`. */
export async function newerReminderLogVersion(): Promise<number | null> {
  const version = await storedVersionOf(reminderLogItem);
  return version > REMINDER_LOG_VERSION ? version : null;
}

/** The raw stored values a backup is made of: cards exactly as stored (entries kept aside included) and settings. */
export async function loadStoredForBackup(): Promise<{ cards: unknown; settings: unknown }> {
  return withCardsLock(async () => ({ cards: await cardsItem.getValue(), settings: await settingsItem.getValue() }));
}

/*
 * Sync (docs/sync.md): three local items the sync in lib/sync/ keeps beside the
 * cards. The cards stay the working copy; these only remember how they were synced.
 */

/** `local:syncPrefs`: `{ enabled: boolean, deviceId?: string }`; off until the user turns sync on. Version 1. */
export const syncPrefsItem = storage.defineItem<unknown>('local:syncPrefs', {
  fallback: {},
  version: 1,
  migrations: {},
});

/**
 * `local:syncBase`: the sync entries (card and settings with their clocks) as they were
 * when sync last wrote the local cards, so the next run sees what changed here since.
 * Deleting it is safe: the next run treats every local card as new and merges again.
 * Version 1.
 */
export const syncBaseItem = storage.defineItem<unknown>('local:syncBase', {
  fallback: {},
  version: 1,
  migrations: {},
});

/** `local:syncStatus`: what the options page shows (last change received, quota used, cards that stay local, last error). Version 1. */
export const syncStatusItem = storage.defineItem<unknown>('local:syncStatus', {
  fallback: {},
  version: 1,
  migrations: {},
});

/**
 * `local:calendarAccount`: the CalDAV calendar the user connected (CalendarAccount
 * in lib/calendar/types.ts), or `null`. Holds the app password, so it lives in
 * `storage.local` only: never synced, never in a plain backup. Version 1.
 */
export const calendarAccountItem = storage.defineItem<unknown>('local:calendarAccount', {
  fallback: null,
  version: 1,
  migrations: {},
});

/**
 * `local:calendarState`: what the background last wrote to that calendar and how
 * the last round ended (CalendarState in lib/calendar/types.ts). A record: deleting
 * it makes the next round read the calendar afresh and repair it. Version 1.
 */
export const calendarStateItem = storage.defineItem<unknown>('local:calendarState', {
  fallback: null,
  version: 1,
  migrations: {},
});
