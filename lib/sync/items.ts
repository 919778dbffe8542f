import * as z from 'zod/mini';
import { cardSchema } from '../cards/schema';
import { settingsSchema } from '../store/settings-schema';
import type { SyncEntry } from './entry';
import type { SettingsEntry } from './settings-entry';

/*
 * The items SIM Keeper keeps in `storage.sync` (docs/sync.md): one per card, so that a
 * change to one card writes only that card, and one for the settings.
 *   `c.<card id>` → { v: 1, card?, f?, e?, x?, b, d? }   (a SyncEntry; a tombstone has no card)
 *   `settings`    → { v: 1, s, f? }                      (a SettingsEntry)
 * `v` is the item format. An item of a later format, written by a newer SIM Keeper in
 * another browser, is left as it is: read as unknown, never overwritten.
 */

/** The format of the items this version writes. */
export const ITEM_FORMAT = 1;
export const CARD_KEY_PREFIX = 'c.';
export const SETTINGS_KEY = 'settings';

export const cardKey = (id: string): string => `${CARD_KEY_PREFIX}${id}`;
export const isCardKey = (key: string): boolean => key.startsWith(CARD_KEY_PREFIX);
export const idOfCardKey = (key: string): string => key.slice(CARD_KEY_PREFIX.length);

const clockSchema = z.string().check(z.regex(/^\d{13}~[a-z0-9]{0,16}$/));
const clocksSchema = z.optional(z.record(z.string(), clockSchema));

const cardItemSchema = z.object({
  v: z.literal(ITEM_FORMAT),
  card: z.optional(cardSchema),
  f: clocksSchema,
  e: clocksSchema,
  x: clocksSchema,
  b: clockSchema,
  d: z.optional(clockSchema),
});

const settingsItemSchema = z.object({ v: z.literal(ITEM_FORMAT), s: settingsSchema, f: clocksSchema });

/** What was read from sync storage: entries to merge, and keys this version must not touch. */
export interface ReadItems {
  cards: Record<string, SyncEntry>;
  settings: SettingsEntry | undefined;
  /** Keys holding an item of a later format or one that does not validate: never written by this version. */
  untouchable: string[];
}

const hasLaterFormat = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { v?: unknown }).v === 'number' &&
  (value as { v: number }).v > ITEM_FORMAT;

// Items read before, by key and JSON: the background re-reads the same items on every round, and validating a card is the costly part.
const readBefore = new Map<string, SyncEntry | null>();

function readCardItem(key: string, value: unknown): SyncEntry | null {
  const memo = `${key}\n${JSON.stringify(value)}`;
  const known = readBefore.get(memo);
  // Entries are never changed in place (every merge builds new objects), so one read serves every round.
  if (known !== undefined) return known;
  const parsed = cardItemSchema.safeParse(value);
  let entry: SyncEntry | null = null;
  if (parsed.success && (!parsed.data.card || parsed.data.card.id === idOfCardKey(key))) {
    const { v: _, ...rest } = parsed.data;
    entry = withoutUndefined(rest) as SyncEntry;
  }
  if (readBefore.size > 2_000) readBefore.clear();
  readBefore.set(memo, entry);
  return entry;
}

/** Reads every item of `storage.sync.get(null)`; anything unreadable is listed, not dropped. */
export function readItems(all: Readonly<Record<string, unknown>>): ReadItems {
  const out: ReadItems = { cards: {}, settings: undefined, untouchable: [] };
  for (const [key, value] of Object.entries(all)) {
    if (key === SETTINGS_KEY) {
      const parsed = settingsItemSchema.safeParse(value);
      if (parsed.success)
        out.settings = parsed.data.f && Object.keys(parsed.data.f).length ? { s: parsed.data.s, f: parsed.data.f } : { s: parsed.data.s };
      else out.untouchable.push(key);
    } else if (isCardKey(key)) {
      const entry = readCardItem(key, value);
      if (entry) out.cards[idOfCardKey(key)] = entry;
      else out.untouchable.push(key);
    } else if (hasLaterFormat(value)) out.untouchable.push(key);
  }
  return out;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The stored value of a card's entry. */
export function cardItemOf(entry: SyncEntry): Record<string, unknown> {
  return { v: ITEM_FORMAT, ...entry };
}

/** The stored value of the settings entry. */
export function settingsItemOf(entry: SettingsEntry): Record<string, unknown> {
  return { v: ITEM_FORMAT, ...entry };
}
