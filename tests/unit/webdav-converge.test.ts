import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../lib/cards/schema';
import { withEvent, withoutEvent } from '../../lib/cards/ops';
import { stableJson } from '../../lib/sync/stable-json';
import { makeCard } from './card-fixture';
import { runs } from './property-runs';
import { FolderBrowser, newMemoryFolder } from './webdav-sim';

/*
 * The promise of the WebDAV folder, tried on thousands of random histories: two or
 * three browsers share one folder (an in-memory server honouring ETags), each
 * editing, recording and undoing renewals, deleting and restoring cards, some cut
 * off for a while, their rounds running one after another or at the same time (so
 * writes meet 412s). In the end every browser holds the same cards and settings, no
 * renewal recorded anywhere is lost, no undone renewal and no deleted card comes back.
 */

const SEED = 20261207;

type Command =
  | { kind: 'add'; b: number }
  | { kind: 'edit'; b: number; card: number; value: string }
  | { kind: 'record'; b: number; card: number; date: string }
  | { kind: 'undoEvent'; b: number; card: number }
  | { kind: 'delete'; b: number; card: number }
  | { kind: 'undoDelete'; b: number }
  | { kind: 'settings'; b: number; time: string }
  | { kind: 'offline'; b: number }
  | { kind: 'online'; b: number }
  | { kind: 'sync'; b: number }
  | { kind: 'together'; a: number; b: number };

const b = fc.nat(2);
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('add' as const), b }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('edit' as const), b, card: fc.nat(9), value: fc.constantFrom('Purple', '紫卡', 'Work') }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      b,
      card: fc.nat(9),
      date: fc.constantFrom('2026-03-01', '2026-03-15', '2026-04-29'),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('undoEvent' as const), b, card: fc.nat(9) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), b, card: fc.nat(9) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('undoDelete' as const), b }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('settings' as const), b, time: fc.constantFrom('08:00', '21:30') }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('offline' as const), b }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('online' as const), b }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('sync' as const), b }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('together' as const), a: b, b }), weight: 3 },
);

interface Truth {
  recorded: Map<string, string>;
  removed: Set<string>;
  alive: Map<string, boolean>;
  everDeleted: Set<string>;
  deletedCopy: Map<number, Card[]>;
}

async function play(count: number, commands: Command[]) {
  const { folder, key } = await newMemoryFolder();
  let now = Date.UTC(2026, 2 /* Mar */, 1, 8);
  const browsers = Array.from({ length: count }, (_, i) => new FolderBrowser(`dev${i}`, folder, key, () => now));
  const truth: Truth = { recorded: new Map(), removed: new Set(), alive: new Map(), everDeleted: new Set(), deletedCopy: new Map() };
  let serial = 0;
  for (const command of commands) {
    now += 1_000;
    if (command.kind === 'together') {
      await Promise.all([browsers[command.a % count]!.sync(), browsers[command.b % count]!.sync()]);
      continue;
    }
    const browser = browsers[command.b % count]!;
    const index = command.b % count;
    const at = new Date(now);
    const pick = (n: number) => (browser.cards.length ? browser.cards[n % browser.cards.length]! : undefined);
    const replace = (card: Card) => {
      browser.cards = browser.cards.map((c) => (c.id === card.id ? card : c));
    };
    switch (command.kind) {
      case 'offline':
      case 'online':
        browser.online = command.kind === 'online';
        continue;
      case 'sync':
        await browser.sync();
        continue;
      case 'add': {
        const id = `card-${++serial}`;
        browser.cards = [...browser.cards, makeCard(id, { createdAt: at.toISOString(), updatedAt: at.toISOString() })];
        truth.alive.set(id, true);
        break;
      }
      case 'edit': {
        const card = pick(command.card);
        if (!card) continue;
        replace({ ...card, label: command.value, updatedAt: at.toISOString() });
        break;
      }
      case 'record': {
        const card = pick(command.card);
        if (!card) continue;
        const id = `ev-${++serial}`;
        replace(withEvent(card, { kind: 'renewed', id, date: command.date }, at));
        truth.recorded.set(id, card.id);
        break;
      }
      case 'undoEvent': {
        const card = pick(command.card);
        const event = card?.history.at(-1);
        if (!card || !event) continue;
        replace(withoutEvent(card, event.id, at));
        truth.removed.add(event.id);
        break;
      }
      case 'delete': {
        const card = pick(command.card);
        if (!card) continue;
        browser.cards = browser.cards.filter((c) => c.id !== card.id);
        truth.deletedCopy.set(index, [...(truth.deletedCopy.get(index) ?? []), card]);
        truth.alive.set(card.id, false);
        truth.everDeleted.add(card.id);
        break;
      }
      case 'undoDelete': {
        const card = (truth.deletedCopy.get(index) ?? []).pop();
        if (!card || browser.cards.some((c) => c.id === card.id)) continue;
        browser.cards = [...browser.cards, card];
        truth.alive.set(card.id, true);
        break;
      }
      case 'settings':
        browser.settings = { ...browser.settings, reminderTime: command.time };
        break;
    }
  }
  // Everyone back online; rounds one after another until no browser writes (a few passes at most).
  for (const browser of browsers) browser.online = true;
  for (let pass = 0; ; pass++) {
    let wrote = false;
    for (const browser of browsers) wrote = (await browser.sync()) || wrote;
    if (!wrote && pass > 0) break;
    if (pass > 5) throw new Error('the folder did not settle');
  }
  return { browsers, truth, folder };
}

const byId = (cards: Card[]) => Object.fromEntries(cards.map((card) => [card.id, card]));

function checkConverged(browsers: FolderBrowser[], truth: Truth) {
  const [first, ...others] = browsers;
  for (const other of others) {
    expect(stableJson(byId(other.cards))).toBe(stableJson(byId(first!.cards)));
    expect(stableJson(other.settings)).toBe(stableJson(first!.settings));
  }
  const final = byId(first!.cards);
  for (const [id, alive] of truth.alive) {
    if (!alive) expect(final[id], `card ${id} was deleted`).toBeUndefined();
    else expect(final[id], `card ${id} is alive`).toBeDefined();
  }
  for (const [eventId, cardId] of truth.recorded) {
    const card = final[cardId];
    const has = card?.history.some((e) => e.id === eventId) ?? false;
    if (truth.removed.has(eventId)) expect(has, `event ${eventId} was undone`).toBe(false);
    else if (card && !truth.everDeleted.has(cardId)) expect(has, `event ${eventId} was recorded`).toBe(true);
  }
}

describe('browsers sharing one WebDAV folder', () => {
  it('two browsers renewing the same card at the same time both keep both renewals (a 412, then a reread)', async () => {
    const { browsers, truth, folder } = await play(2, [
      { kind: 'add', b: 0 },
      { kind: 'sync', b: 0 },
      { kind: 'sync', b: 1 },
      { kind: 'record', b: 0, card: 0, date: '2026-03-01' },
      { kind: 'record', b: 1, card: 0, date: '2026-03-15' },
      { kind: 'together', a: 0, b: 1 },
    ]);
    checkConverged(browsers, truth);
    expect(browsers[0]!.cards[0]!.history).toHaveLength(2);
    expect(folder.refused).toBeGreaterThan(0);
  });

  it('a browser cut off mid-way loses nothing and catches up', async () => {
    const { browsers, truth } = await play(2, [
      { kind: 'add', b: 0 },
      { kind: 'offline', b: 0 },
      { kind: 'record', b: 0, card: 0, date: '2026-03-01' },
      { kind: 'sync', b: 0 },
      { kind: 'add', b: 1 },
      { kind: 'sync', b: 1 },
    ]);
    checkConverged(browsers, truth);
    expect(browsers[1]!.cards).toHaveLength(2);
  });

  it('a deleted card stays deleted, and its undo brings it back everywhere', async () => {
    const { browsers, truth } = await play(3, [
      { kind: 'add', b: 0 },
      { kind: 'add', b: 0 },
      { kind: 'sync', b: 0 },
      { kind: 'sync', b: 1 },
      { kind: 'sync', b: 2 },
      { kind: 'delete', b: 1, card: 0 },
      { kind: 'delete', b: 2, card: 1 },
      { kind: 'undoDelete', b: 2 },
      { kind: 'together', a: 1, b: 2 },
    ]);
    checkConverged(browsers, truth);
    expect(browsers[0]!.cards.map((c) => c.id)).toEqual(['card-2']);
  });

  it('random histories of two or three browsers converge to identical cards', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 3 }), fc.array(commandArb, { maxLength: 40 }), async (count, commands) => {
        const { browsers, truth } = await play(count, commands);
        checkConverged(browsers, truth);
      }),
      { seed: SEED, numRuns: runs(1_000) },
    );
  }, 120_000);
});
