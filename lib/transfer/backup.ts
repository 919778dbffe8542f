import { type CardsSnapshot, type InvalidEntry, parseStoredCards, parseStoredSettings, rawOfCard } from '../store/parse-stored';
import { CARDS_VERSION, migrateCards, migrateSettings, SETTINGS_VERSION } from '../store/migrations';
import type { SettingsV1 } from '../store/settings-schema';
import type { Card } from '../cards/schema';
import { fail, type TransferResult } from './errors';

/** The `format` of a plain backup file. */
export const BACKUP_FORMAT = 'sim-keeper-backup';

/**
 * A plain backup file (docs/backup.md). `version` is the storage version of
 * `cards` and `settingsVersion` that of `settings`: a backup is imported through
 * the same migration steps as stored data (lib/store/migrations.ts).
 */
export interface BackupV1 {
  format: typeof BACKUP_FORMAT;
  version: number;
  settingsVersion: number;
  exportedAt: string;
  extensionVersion: string;
  /** Exactly what `cards` held: valid cards and entries kept aside, untouched. */
  cards: unknown[];
  /** Exactly what `settings` held. The reminder log is not user data and is not exported. */
  settings: unknown;
}

/**
 * The backup of what is stored, as it is stored: nothing is re-validated or
 * dropped, so an entry kept aside as unreadable is in the backup too. A `cards`
 * value that is not a list is kept as the list's one entry, as the store does.
 */
export function buildBackup(stored: { cards: unknown; settings: unknown }, now: Date, extensionVersion: string): BackupV1 {
  const cards = Array.isArray(stored.cards) ? stored.cards : stored.cards === null || stored.cards === undefined ? [] : [stored.cards];
  return {
    format: BACKUP_FORMAT,
    version: CARDS_VERSION,
    settingsVersion: SETTINGS_VERSION,
    exportedAt: now.toISOString(),
    extensionVersion,
    cards,
    settings: stored.settings ?? {},
  };
}

/** What a backup gives: cards that validate, entries that do not (with reasons), and its settings if they validate. */
export interface BackupContents {
  cards: Card[];
  invalid: InvalidEntry[];
  settings: SettingsV1 | null;
  settingsProblems: string[] | null;
  exportedAt: string | null;
}

/**
 * Reads a parsed plain backup: checks the envelope, migrates `cards` and
 * `settings` from the versions it names, and validates every card exactly as a
 * stored one is read (so a backup entry fails for the same reasons a stored one does).
 */
/** Reports how many of a file's entries are checked so far: a progress bar's value and maximum. */
export type CheckProgress = (done: number, total: number) => void;

const CHECK_CHUNK = 500;

/**
 * {@link parseStoredCards}, {@link CHECK_CHUNK} entries at a time with progress between: the same
 * cards and the same invalid entries (a second card with an id already taken is kept aside
 * with the same reason), so a large backup shows how far it is.
 */
function parseCardsReporting(raw: unknown, onProgress: CheckProgress | undefined): CardsSnapshot {
  if (!onProgress || !Array.isArray(raw)) return parseStoredCards(raw);
  const cards: Card[] = [];
  const invalid: InvalidEntry[] = [];
  const seen = new Set<string>();
  for (let start = 0; start < raw.length; start += CHECK_CHUNK) {
    const part = parseStoredCards(raw.slice(start, start + CHECK_CHUNK));
    for (const card of part.cards) {
      if (seen.has(card.id)) invalid.push({ raw: rawOfCard.get(card), problems: [`id: another card already has the id ${card.id}`] });
      else {
        seen.add(card.id);
        cards.push(card);
      }
    }
    invalid.push(...part.invalid);
    onProgress(Math.min(start + CHECK_CHUNK, raw.length), raw.length);
  }
  return { cards, invalid };
}

export function readBackup(value: Record<string, unknown>, onProgress?: CheckProgress): TransferResult<{ contents: BackupContents }> {
  if (value.format !== BACKUP_FORMAT) return fail('import_errorUnknownFormat');
  const cardsResult = migrateCards(value.cards, value.version);
  if (!cardsResult.ok)
    return cardsResult.reason === 'newer' ? fail('import_errorNewerVersion', String(value.version)) : fail('import_errorDamaged');
  if (!Array.isArray(cardsResult.value)) return fail('import_errorDamaged');
  const settingsResult = migrateSettings(value.settings ?? {}, value.settingsVersion ?? value.version);
  if (!settingsResult.ok && settingsResult.reason === 'newer') return fail('import_errorNewerVersion', String(value.settingsVersion));
  const { cards, invalid } = parseCardsReporting(cardsResult.value, onProgress);
  const settings = settingsResult.ok ? parseStoredSettings(settingsResult.value) : null;
  return {
    ok: true,
    contents: {
      cards,
      invalid,
      settings: settings && !settings.problems ? settings.settings : null,
      settingsProblems: settings ? settings.problems : ['the settings could not be migrated'],
      exportedAt: typeof value.exportedAt === 'string' ? value.exportedAt : null,
    },
  };
}
