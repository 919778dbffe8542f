import fc from 'fast-check';
import { expect } from 'vitest';
import { withEvent, withoutEvent } from '../../lib/cards/ops';
import type { Card } from '../../lib/cards/schema';
import type { SettingsV1 } from '../../lib/store/settings-schema';
import { stableJson } from '../../lib/sync/stable-json';
import { makeCard } from './card-fixture';

/*
 * What the convergence properties of browser sync (sync-converge.test.ts) and of the
 * WebDAV folder (webdav-converge.test.ts) share: the things a person does in one
 * browser (add, edit, renew, undo, delete, restore, change a setting, go offline),
 * their arbitraries, the record of what must hold in the end, and the check that it does.
 * Each test adds its own transport commands (deliver, wait; sync, together).
 */

type EditedField = 'label' | 'notes' | 'phoneNumber';

/** Something done in one browser (`b`, taken modulo the number of browsers). */
export type LocalCommand =
  | { kind: 'add'; b: number }
  /** `field` is the label when not given. */
  | { kind: 'edit'; b: number; card: number; field?: EditedField; value: string }
  | { kind: 'record'; b: number; card: number; date: string }
  | { kind: 'editEvent'; b: number; card: number; note: string }
  | { kind: 'undoEvent'; b: number; card: number }
  | { kind: 'delete'; b: number; card: number }
  | { kind: 'undoDelete'; b: number }
  | { kind: 'settings'; b: number; time: string }
  | { kind: 'offline'; b: number }
  | { kind: 'online'; b: number };

export interface LocalCommandChoices {
  /** Which browser a command runs in. */
  browser: fc.Arbitrary<number>;
  /** The fields an edit changes (none: always the label, and no `field` drawn). */
  fields?: EditedField[];
  values: string[];
  editWeight: number;
  dates: string[];
  /** Whether to edit recorded events' notes too. */
  editEvents: boolean;
  times: string[];
}

type Weighted = { arbitrary: fc.Arbitrary<LocalCommand>; weight: number };

/** The weighted arbitraries of the local commands, for `fc.oneof` beside a test's own. */
export function localCommandArbs(choices: LocalCommandChoices): Weighted[] {
  const b = choices.browser;
  const { fields } = choices;
  const edit = fields
    ? fc.record({
        kind: fc.constant('edit' as const),
        b,
        card: fc.nat(9),
        field: fc.constantFrom(...fields),
        value: fc.constantFrom(...choices.values),
      })
    : fc.record({ kind: fc.constant('edit' as const), b, card: fc.nat(9), value: fc.constantFrom(...choices.values) });
  const editEvent: Weighted = {
    arbitrary: fc.record({ kind: fc.constant('editEvent' as const), b, card: fc.nat(9), note: fc.constantFrom('paid', 'app', '') }),
    weight: 1,
  };
  return [
    { arbitrary: fc.record({ kind: fc.constant('add' as const), b }), weight: 2 },
    { arbitrary: edit, weight: choices.editWeight },
    {
      arbitrary: fc.record({ kind: fc.constant('record' as const), b, card: fc.nat(9), date: fc.constantFrom(...choices.dates) }),
      weight: 4,
    },
    ...(choices.editEvents ? [editEvent] : []),
    { arbitrary: fc.record({ kind: fc.constant('undoEvent' as const), b, card: fc.nat(9) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('delete' as const), b, card: fc.nat(9) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('undoDelete' as const), b }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('settings' as const), b, time: fc.constantFrom(...choices.times) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('offline' as const), b }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('online' as const), b }), weight: 1 },
  ];
}

/** What a simulated browser shows the commands: its cards, its settings, whether it is online. */
export interface LocalBrowser {
  cards: Card[];
  /** The last copy of each card deleted here, as Recently deleted keeps it (a restore takes it off). */
  deletedHere: Map<string, Card>;
  settings: SettingsV1;
  online: boolean;
}

/** What a browser's round is about to record: each card it deleted or put back since its last recorded round. */
export interface RoundNote {
  index: number;
  changes: [id: string, alive: boolean][];
}

/**
 * What was done, everywhere: what the browsers must agree on in the end.
 *
 * Whether a card ends alive follows from the deletions and restores as sync records
 * them (docs/sync.md, "Deleted cards"): a browser's round compares its cards with what
 * it last recorded, so a delete and its Undo between two rounds cancel out (the copy is
 * the card's earlier life, which another browser's deletion beats: events are facts,
 * lib/sync/carry.ts, and a deletion wins over what was not seen), while an Undo after a
 * round recorded the delete starts a new life. Each change is dated by the round that
 * records it, ties (rounds at the same millisecond) going to the later device id, as
 * the clocks do; the last one decides. The tests tell the history about every round
 * (`beforeRound`, `afterRound`).
 */
export class History {
  /** Event id → card id, for every event recorded anywhere. */
  readonly recorded = new Map<string, string>();
  readonly removed = new Set<string>();
  /**
   * Events removed from a restored card before a round recorded the restore: the product
   * cannot yet tell such a removal from a copy that never had the event, so another
   * browser's copy of the card's earlier life may bring it back (docs/sync.md, "Deleted
   * cards"). Either outcome is accepted for these; the browsers must still agree.
   */
  readonly removedUnrecorded = new Set<string>();
  /** Card id → whether the last deletion or restore recorded by a round left it alive (a card no round recorded: not alive). */
  readonly alive = new Map<string, boolean>();
  readonly everDeleted = new Set<string>();
  /** Browser index → the copies it deleted, for its undo. */
  private readonly deletedCopy = new Map<number, Card[]>();
  /** Card id → when the change that decided `alive` was recorded: [ms, browser index]. */
  private readonly decidedAt = new Map<string, [number, number]>();
  /** Browser index → the ids of its cards before its first change since its last recorded round. */
  private readonly unrecorded = new Map<number, Set<string>>();
  private serial = 0;

  /** Before a round of browser `index`: the cards it deleted or put back since its last recorded round. */
  beforeRound(browser: LocalBrowser, index: number): RoundNote {
    const before = this.unrecorded.get(index);
    if (!before) return { index, changes: [] };
    const now = new Set(browser.cards.map((card) => card.id));
    const changes: [string, boolean][] = [];
    for (const id of new Set([...before, ...now])) if (before.has(id) !== now.has(id)) changes.push([id, now.has(id)]);
    return { index, changes };
  }

  /** After that round: `recorded` when it saved what it merged (its base), at `at` (ms); otherwise the changes stay pending. */
  afterRound(note: RoundNote, at: number, recorded: boolean): void {
    if (!recorded) return;
    this.unrecorded.delete(note.index);
    for (const [id, alive] of note.changes) {
      const decided = this.decidedAt.get(id);
      if (decided && (decided[0] > at || (decided[0] === at && decided[1] > note.index))) continue;
      this.decidedAt.set(id, [at, note.index]);
      this.alive.set(id, alive);
    }
  }

  /**
   * Does `command` in `browser` (number `index`) at `at`, and notes it. False when it
   * changed no card or setting there (offline, online, or no card to pick), so the
   * browser has nothing to sync.
   */
  apply(browser: LocalBrowser, index: number, command: LocalCommand, at: Date): boolean {
    // The cards as the last recorded round left them, kept from the first change after it.
    const first = !this.unrecorded.has(index);
    if (first) this.unrecorded.set(index, new Set(browser.cards.map((card) => card.id)));
    const changed = this.change(browser, index, command, at);
    if (first && !changed) this.unrecorded.delete(index);
    return changed;
  }

  private change(browser: LocalBrowser, index: number, command: LocalCommand, at: Date): boolean {
    const pick = (n: number) => (browser.cards.length ? browser.cards[n % browser.cards.length]! : undefined);
    const replace = (card: Card) => {
      browser.cards = browser.cards.map((c) => (c.id === card.id ? card : c));
    };
    switch (command.kind) {
      case 'offline':
      case 'online':
        browser.online = command.kind === 'online';
        return false;
      case 'add': {
        const id = `card-${++this.serial}`;
        browser.cards = [...browser.cards, makeCard(id, { createdAt: at.toISOString(), updatedAt: at.toISOString() })];
        this.alive.set(id, false);
        return true;
      }
      case 'edit': {
        const card = pick(command.card);
        if (!card) return false;
        replace({ ...card, [command.field ?? 'label']: command.value, updatedAt: at.toISOString() });
        return true;
      }
      case 'record': {
        const card = pick(command.card);
        if (!card) return false;
        const id = `ev-${++this.serial}`;
        replace(withEvent(card, { kind: 'renewed', id, date: command.date }, at));
        this.recorded.set(id, card.id);
        return true;
      }
      case 'editEvent': {
        const card = pick(command.card);
        const event = card?.history[0];
        if (!card || !event) return false;
        const edited = { ...event, ...(command.note ? { note: command.note } : {}) };
        if (!command.note) delete edited.note;
        replace({ ...card, history: card.history.map((e) => (e.id === event.id ? edited : e)), updatedAt: at.toISOString() });
        return true;
      }
      case 'undoEvent': {
        const card = pick(command.card);
        const event = card?.history.at(-1);
        if (!card || !event) return false;
        replace(withoutEvent(card, event.id, at));
        const restoredUnrecorded = this.everDeleted.has(card.id) && !this.unrecorded.get(index)?.has(card.id);
        (restoredUnrecorded ? this.removedUnrecorded : this.removed).add(event.id);
        return true;
      }
      case 'delete': {
        const card = pick(command.card);
        if (!card) return false;
        browser.cards = browser.cards.filter((c) => c.id !== card.id);
        this.deletedCopy.set(index, [...(this.deletedCopy.get(index) ?? []), card]);
        browser.deletedHere.set(card.id, card);
        this.everDeleted.add(card.id);
        return true;
      }
      case 'undoDelete': {
        // The undo of the last delete made in this browser (its toast's Undo button).
        const card = (this.deletedCopy.get(index) ?? []).pop();
        if (!card || browser.cards.some((c) => c.id === card.id)) return false;
        browser.cards = [...browser.cards, card];
        browser.deletedHere.delete(card.id);
        return true;
      }
      case 'settings':
        browser.settings = { ...browser.settings, reminderTime: command.time };
        return true;
    }
  }

  /** How many cards should be alive everywhere. */
  get aliveCount(): number {
    return [...this.alive.values()].filter(Boolean).length;
  }
}

const byId = (cards: Card[]) => Object.fromEntries(cards.map((card) => [card.id, card]));

/**
 * Every browser holds the same cards and settings; no deleted card comes back and a card
 * whose last delete was undone is everywhere; no undone event comes back and any other
 * event of a card never deleted is everywhere.
 */
export function expectConverged(browsers: LocalBrowser[], history: History): void {
  const [first, ...others] = browsers;
  for (const other of others) {
    expect(stableJson(byId(other.cards))).toBe(stableJson(byId(first!.cards)));
    expect(stableJson(other.settings)).toBe(stableJson(first!.settings));
  }
  const final = byId(first!.cards);
  for (const [id, alive] of history.alive) {
    if (!alive) expect(final[id], `card ${id} was deleted`).toBeUndefined();
    else expect(final[id], `card ${id} is alive`).toBeDefined();
  }
  for (const [eventId, cardId] of history.recorded) {
    const card = final[cardId];
    const has = card?.history.some((e) => e.id === eventId) ?? false;
    if (history.removedUnrecorded.has(eventId) && !history.removed.has(eventId)) continue;
    if (history.removed.has(eventId)) expect(has, `event ${eventId} was undone`).toBe(false);
    else if (card && !history.everDeleted.has(cardId)) expect(has, `event ${eventId} was recorded`).toBe(true);
  }
}
