import { cardSchema, type Card } from '../cards/schema';
import { keepStoredForm } from '../cards/stored-form';
import { settingsSchema, type SettingsV1 } from './settings-schema';

/*
 * Reading what is stored under `cards` and `settings` (or what a backup holds) into valid
 * cards, entries kept aside and valid settings. Pure, with no browser API, so the import
 * worker (entrypoints/options/import.worker.ts) validates a backup with the very code that
 * reads the store; lib/store/storage.ts re-exports all of it.
 */

/** A stored entry that is not a valid card: shown to the user, never dropped silently. */
export interface InvalidEntry {
  raw: unknown;
  /** Human-readable reasons, such as `rule.anchorDate: not a calendar date`. */
  problems: string[];
}

export interface CardsSnapshot {
  cards: Card[];
  invalid: InvalidEntry[];
  /** Set when the cards were saved by a newer release: shown, but read-only (see NewerDataError). */
  newerVersion?: number;
}

// The stored form of each valid card, so a write puts back untouched cards exactly as they were.
export const rawOfCard = new WeakMap<Card, unknown>();

export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string[] {
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

/**
 * What to write for a snapshot: untouched cards as they were read, changed cards
 * with whatever of their stored form the change left alone (fields a newer version
 * or a person wrote, see keepStoredForm), then every entry kept aside.
 */
export function toStored(cards: readonly Card[], invalid: readonly InvalidEntry[], before: readonly Card[] = []): unknown[] {
  const previous = new Map(before.map((card) => [card.id, card]));
  const storedForm = (card: Card): unknown => {
    if (rawOfCard.has(card)) return rawOfCard.get(card);
    const old = previous.get(card.id);
    return old && rawOfCard.has(old) ? keepStoredForm(rawOfCard.get(old), old, card) : card;
  };
  return [...cards.map(storedForm), ...invalid.map((entry) => entry.raw)];
}

/** The ids of the entries kept aside (those that have a string id). */
export const keptAsideIdsOf = (snapshot: Pick<CardsSnapshot, 'invalid'>): Set<string> =>
  new Set(
    snapshot.invalid.flatMap(({ raw }) => {
      const id = (raw as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? [id] : [];
    }),
  );

export interface SettingsSnapshot {
  /** Every stored setting that is valid; an invalid one is left out here (its default applies) but stays stored. */
  settings: SettingsV1;
  /** Set when something stored is not valid, one line per field (`reminderTime: …`); the stored value is left as it is. */
  problems: string[] | null;
  /** The invalid stored settings, by field, with the value as stored, for the settings panel to show beside each. */
  invalidFields?: Partial<Record<keyof SettingsV1, { stored: unknown; problem: string }>>;
  /** Set when the settings were saved by a newer release: shown, but read-only. */
  newerVersion?: number;
}

const SETTINGS_FIELDS = Object.keys(settingsSchema.shape) as (keyof SettingsV1)[];

/**
 * Reads stored settings field by field: a valid field is used even when another
 * is not (`{"timeZone":"Asia/Tokyo","reminderTime":"nine"}` keeps Tokyo), and an
 * invalid one is reported by name, never replaced in storage.
 */
export function parseStoredSettings(raw: unknown): SettingsSnapshot {
  const whole = settingsSchema.safeParse(raw ?? {});
  if (whole.success) return { settings: whole.data, problems: null };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: {}, problems: describeIssues(whole.error.issues) };
  }
  const stored = raw as Record<string, unknown>;
  const settings: Record<string, unknown> = {};
  const problems: string[] = [];
  const invalidFields: NonNullable<SettingsSnapshot['invalidFields']> = {};
  for (const field of SETTINGS_FIELDS) {
    if (!(field in stored)) continue;
    const result = settingsSchema.safeParse({ [field]: stored[field] });
    if (result.success) settings[field] = result.data[field];
    else {
      const problem = describeIssues(result.error.issues).join('; ');
      problems.push(problem);
      invalidFields[field] = { stored: stored[field], problem };
    }
  }
  return { settings: settings as SettingsV1, problems, invalidFields };
}
