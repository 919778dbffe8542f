import { isLaterCopy, mergeCardCopies } from '../cards/merge';
import type { Card, CardEvent } from '../cards/schema';
import { type SettingsV1, settingsSchema } from '../store/settings-schema';
import type { CardsSnapshot, InvalidEntry } from '../store/storage';
import type { ImportedState, SettingsPatch } from '../store/import-store';
import type { ImportCandidates, ImportNote } from './candidates';
import { canonicalJson } from './canonical-json';

/*
 * What an import would do, shown before anything is written, and the result
 * once the user confirms. Merging is lib/cards/merge.ts's, the one merge of undo,
 * import and sync: history is the union of events by id; other fields come from
 * the copy changed later, unless the user flips the card.
 */

/** Whose fields a card keeps in a merge; its history is the union either way. */
export type Side = 'mine' | 'theirs';

/** One field that differs between the stored card and the imported copy, as JSON text. */
export interface FieldChange {
  field: string;
  mine: string;
  theirs: string;
}

export interface CardChange {
  mine: Card;
  theirs: Card;
  fields: FieldChange[];
  /** Events only the imported copy has (they are added whichever side wins). */
  newEvents: CardEvent[];
  /** Events both have in different versions. */
  changedEvents: string[];
  /** The side the merge rule picks: the copy changed later. */
  defaultSide: Side;
}

export interface ImportPreview {
  source: ImportCandidates['source'];
  /** Cards not stored yet. */
  added: Card[];
  changed: CardChange[];
  identical: Card[];
  invalid: InvalidEntry[];
  notes: ImportNote[];
  /** Stored cards the file does not have: kept by a merge, removed by "replace all". */
  onlyMine: Card[];
  /** Stored entries kept aside: kept by a merge, removed by "replace all". */
  storedInvalid: number;
  settings: SettingsV1 | null;
  /** The settings the file holds that differ from the stored ones (none for a file without settings). */
  settingsChanges: SettingChange[];
  /** How many entries each list holds: the whole numbers, also in a preview cut to its first entries ({@link limitPreview}). */
  counts: Record<PreviewList, number>;
}

/** How many entries of each list the page shows (the import itself takes them all). */
export const PREVIEW_LIMIT = 200;

/** The lists of a preview. */
export type PreviewList = 'added' | 'changed' | 'identical' | 'invalid' | 'notes' | 'onlyMine';
const PREVIEW_LISTS: readonly PreviewList[] = ['added', 'changed', 'identical', 'invalid', 'notes', 'onlyMine'];

/**
 * The preview with each list cut to its first `limit` entries, and its counts whole: what the
 * page shows of a file of 20,000 cards (it renders 200 of each list), sent from the worker
 * without copying every card to the page.
 */
export function limitPreview(preview: ImportPreview, limit: number): ImportPreview {
  const cut = Object.fromEntries(PREVIEW_LISTS.map((list) => [list, preview[list].slice(0, limit)]));
  return { ...preview, ...cut };
}

/** A setting the file and the stored settings disagree on; `null` where one side does not set it (the default applies). */
export interface SettingChange {
  field: SettingField;
  mine: unknown;
  theirs: unknown;
}

export type SettingField = keyof SettingsV1;
export const SETTING_FIELDS = Object.keys(settingsSchema.shape) as SettingField[];

/** The settings that differ between the stored ones and a file's, in the schema's order. */
export function settingChanges(mine: SettingsV1, theirs: SettingsV1 | null): SettingChange[] {
  if (!theirs) return [];
  return SETTING_FIELDS.filter((field) => canonicalJson(mine[field] ?? null) !== canonicalJson(theirs[field] ?? null)).map((field) => ({
    field,
    mine: mine[field] ?? null,
    theirs: theirs[field] ?? null,
  }));
}

// Every field but history, as `path → JSON`, one level into objects (channels.website, rule.period).
function flatFields({ history: _, ...card }: Card): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(card)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) out.set(`${key}.${inner}`, JSON.stringify(innerValue));
    } else {
      out.set(key, JSON.stringify(value));
    }
  }
  return out;
}

/** The fields that differ between two copies of a card, in a stable order. */
export function fieldChanges(mine: Card, theirs: Card): FieldChange[] {
  const a = flatFields(mine);
  const b = flatFields(theirs);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  return names
    .filter((field) => a.get(field) !== b.get(field))
    .map((field) => ({ field, mine: a.get(field) ?? '—', theirs: b.get(field) ?? '—' }));
}

function sameEvents(a: readonly CardEvent[], b: readonly CardEvent[]): boolean {
  if (a.length !== b.length) return false;
  const byId = new Map(b.map((event) => [event.id, JSON.stringify(event)]));
  return a.every((event) => byId.get(event.id) === JSON.stringify(event));
}

/**
 * Compares the file's cards with the stored ones, by card id. Pure: nothing is
 * written, and the same inputs always give the same preview.
 */
export function previewImport(current: CardsSnapshot, candidates: ImportCandidates, currentSettings: SettingsV1 = {}): ImportPreview {
  const mineById = new Map(current.cards.map((card) => [card.id, card]));
  const theirIds = new Set(candidates.cards.map((card) => card.id));
  const added: Card[] = [];
  const changed: CardChange[] = [];
  const identical: Card[] = [];
  for (const theirs of candidates.cards) {
    const mine = mineById.get(theirs.id);
    if (!mine) {
      added.push(theirs);
      continue;
    }
    const fields = fieldChanges(mine, theirs);
    if (fields.length === 0 && sameEvents(mine.history, theirs.history)) {
      identical.push(mine);
      continue;
    }
    const mineEvents = new Map(mine.history.map((event) => [event.id, JSON.stringify(event)]));
    changed.push({
      mine,
      theirs,
      fields,
      newEvents: theirs.history.filter((event) => !mineEvents.has(event.id)),
      changedEvents: theirs.history
        .filter((event) => mineEvents.has(event.id) && mineEvents.get(event.id) !== JSON.stringify(event))
        .map((e) => e.id),
      defaultSide: isLaterCopy(theirs, mine) ? 'theirs' : 'mine',
    });
  }
  const onlyMine = current.cards.filter((card) => !theirIds.has(card.id));
  return {
    source: candidates.source,
    added,
    changed,
    identical,
    invalid: candidates.invalid,
    notes: candidates.notes,
    onlyMine,
    storedInvalid: current.invalid.length,
    settings: candidates.settings,
    settingsChanges: settingChanges(currentSettings, candidates.settings),
    counts: {
      added: added.length,
      changed: changed.length,
      identical: identical.length,
      invalid: candidates.invalid.length,
      notes: candidates.notes.length,
      onlyMine: onlyMine.length,
    },
  };
}

/** What the user decided in the preview. */
export interface ImportChoices {
  /** `merge`: by card id, nothing stored is lost; `replace`: the file's cards instead of the stored ones (the undo snapshot keeps them). */
  mode: 'merge' | 'replace';
  /** Cards the user flipped away from the merge rule's pick, by id. */
  sides?: ReadonlyMap<string, Side>;
  /** Keep the file's invalid entries aside in the store (shown like unreadable stored cards). */
  keepInvalid: boolean;
  /**
   * The settings to take from the file (a file without settings changes none). Absent:
   * every setting for `replace`, none for `merge`; the preview asks and always passes it.
   */
  settingsFromFile?: ReadonlySet<SettingField>;
}

/** The settings a confirmed import writes: each field taken from the file set to the file's value, or cleared where the file has none. */
function settingsPatchOf(candidates: ImportCandidates, choices: ImportChoices): SettingsPatch | undefined {
  const file = candidates.settings;
  if (!file) return undefined;
  const taken = choices.settingsFromFile ?? new Set(choices.mode === 'replace' ? SETTING_FIELDS : []);
  if (taken.size === 0) return undefined;
  return Object.fromEntries([...taken].map((field) => [field, file[field]])) as SettingsPatch;
}

/**
 * One card merged by the user's pick: history the union of both copies
 * (mergeCardCopies), fields from the side chosen, or the later copy's by default.
 */
export function resolveCard(mine: Card, theirs: Card, side: Side | undefined): Card {
  const merged = mergeCardCopies(mine, theirs);
  if (side === undefined) return merged;
  const chosen = side === 'mine' ? mine : theirs;
  const laterIsChosen = isLaterCopy(chosen, side === 'mine' ? theirs : mine);
  if (laterIsChosen) return merged;
  return merged.history === chosen.history ? chosen : { ...chosen, history: merged.history };
}

/**
 * The state to write for a confirmed import, from the freshest stored cards
 * (the preview may be a minute old: a renewal recorded meanwhile survives).
 * Merge keeps every stored card and every event; replace takes the file's cards
 * and leaves the stored ones to the undo snapshot. Invalid entries from the file
 * are kept aside when asked; stored ones stay in a merge. Settings change in either
 * mode only as the user chose, setting by setting.
 */
export function applyImport(current: CardsSnapshot, candidates: ImportCandidates, choices: ImportChoices): ImportedState {
  const kept = choices.keepInvalid ? candidates.invalid : [];
  const settings = settingsPatchOf(candidates, choices);
  const withSettings = settings ? { settings } : {};
  if (choices.mode === 'replace') {
    return { cards: [...candidates.cards], invalid: [...kept], ...withSettings };
  }
  const theirsById = new Map(candidates.cards.map((card) => [card.id, card]));
  const cards = current.cards.map((mine) => {
    const theirs = theirsById.get(mine.id);
    return theirs ? resolveCard(mine, theirs, choices.sides?.get(mine.id)) : mine;
  });
  const mineIds = new Set(current.cards.map((card) => card.id));
  for (const theirs of candidates.cards) if (!mineIds.has(theirs.id)) cards.push(theirs);
  return { cards, invalid: [...current.invalid, ...kept], ...withSettings };
}
