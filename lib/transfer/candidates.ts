import type { MessageKey } from '../browser/i18n';
import type { Card } from '../cards/schema';
import type { SettingsV1 } from '../store/settings-schema';
import type { InvalidEntry } from '../store/storage';

/** Something the preview must tell the user about one imported card (a provider not found, a field not mapped). */
export interface ImportNote {
  /** The id of the card it is about. */
  cardId: string;
  message: MessageKey;
  params: string[];
}

/** Where imported cards came from. */
export type ImportSource = 'backup' | 'encrypted-backup' | 'csv' | 'wallos';

/** What a file holds, read and validated, before anything is compared or written. */
export interface ImportCandidates {
  source: ImportSource;
  /** Valid cards, with unique ids. */
  cards: Card[];
  /** Entries that are not valid cards, with reasons; they can be kept aside. */
  invalid: InvalidEntry[];
  notes: ImportNote[];
  /** Settings from a backup, when they validate; `null` for other sources. */
  settings: SettingsV1 | null;
  /** What the file leaves open and the preview asks (which currency `$` means); absent or empty: nothing. */
  questions?: CurrencyQuestion[];
}

/** A currency symbol the file uses for prices that several currencies share (Wallos writes `$` for USD, AUD, CAD, …). */
export interface CurrencyQuestion {
  symbol: string;
  /** The currency codes it may mean, most used first. */
  choices: string[];
  /** How many prices use it. */
  count: number;
  /** The code the user picked (the file is read again with it), or `null`: the prices stay as written. */
  answer: string | null;
}

/** A short stable hash (FNV-1a, 32 bits, hex) for ids derived from imported content, so importing the same file twice finds the same cards. */
export function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Ids unique within one import: a second row with the same derived id gets `-2`, and so on. */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
