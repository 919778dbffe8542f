import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../lib/cards/schema';
import { previewSync, needsPreview } from '../../lib/sync/enable';
import { isAlive } from '../../lib/sync/entry';
import { readItems } from '../../lib/sync/items';
import { EMPTY_BASE, type SyncBase } from '../../lib/sync/merge-step';
import type { SyncConfirmation } from '../../lib/sync/review';
import { syncRound, type RoundResult } from '../../lib/sync/round';
import { TOMBSTONE_MS } from '../../lib/sync/limits';
import { makeCard } from './card-fixture';
import { runs } from './property-runs';

/*
 * Turning sync on (and the first round after a long absence) never deletes a card, here
 * or in another browser, nor brings one back, unless the user saw it named and chose.
 */

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 2 /* Mar */, 10, 8);

/** A browser as the background runs it: local cards, the base, one shared sync storage. */
class Browser {
  cards: Card[] = [];
  base: SyncBase = EMPTY_BASE;
  constructor(
    readonly device: string,
    readonly storage: Record<string, unknown>,
  ) {}

  round(at: number, review?: { confirmation: SyncConfirmation | undefined; withReturning?: boolean }): RoundResult {
    const result = syncRound({
      local: this.cards,
      keptAsideIds: new Set(),
      settings: {},
      base: this.base,
      remote: { ...this.storage },
      device: this.device,
      now: new Date(at),
      ...(review ? { review: { confirmation: review.confirmation, withReturning: review.withReturning ?? false } } : {}),
    });
    if (result.held) return result;
    this.cards = result.cards;
    this.base = result.base;
    for (const key of result.plan.remove) delete this.storage[key];
    Object.assign(this.storage, result.plan.set);
    return result;
  }

  preview(at: number, withReturning = false) {
    return previewSync(this.cards, this.storage, this.base.cards, new Date(at), { withReturning });
  }
}

const aliveIn = (storage: Record<string, unknown>) =>
  Object.entries(readItems(storage).cards)
    .filter(([, entry]) => isAlive(entry))
    .map(([id]) => id)
    .sort();

const six = () => ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => makeCard(id, { label: `SIM ${id.toUpperCase()}` }));

/** A and B share six cards through sync; then B turns sync off. */
function twoBrowsersInSync() {
  const storage: Record<string, unknown> = {};
  const a = new Browser('aaaa', storage);
  const b = new Browser('bbbb', storage);
  a.cards = six();
  a.round(START);
  b.round(START + 1000, { confirmation: { keep: [], remove: [] } });
  expect(b.cards.map((card) => card.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  return { storage, a, b };
}

describe('turning sync on after deleting cards while it was off', () => {
  it('names each card the merge would delete in the other browsers; nothing is deleted until the user chooses', () => {
    const { storage, b } = twoBrowsersInSync();
    b.cards = []; // sync off: B deletes its 6 cards
    const preview = b.preview(START + DAY);
    expect(needsPreview(preview)).toBe(true);
    expect(preview.review.deleteElsewhere.map((card) => card.label)).toEqual(['SIM A', 'SIM B', 'SIM C', 'SIM D', 'SIM E', 'SIM F']);
    expect(preview.review.deleteHere).toEqual([]);
    // Turned on without a choice for them: the round is held, sync storage untouched.
    const held = b.round(START + DAY, { confirmation: { keep: [], remove: [] } });
    expect(held.held?.deleteElsewhere).toHaveLength(6);
    expect(aliveIn(storage)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('with 5 of 6 deleted, the preview names the 5 (not only "1 are the same")', () => {
    const { b } = twoBrowsersInSync();
    b.cards = b.cards.filter((card) => card.id === 'c');
    const preview = b.preview(START + DAY);
    expect(preview.same).toBe(1);
    expect(preview.review.deleteElsewhere.map((card) => card.id)).toEqual(['a', 'b', 'd', 'e', 'f']);
  });

  it('deletes in the other browsers only the cards the user let go, and brings back here the ones kept', () => {
    const { storage, a, b } = twoBrowsersInSync();
    b.cards = [];
    b.round(START + DAY, { confirmation: { keep: ['a', 'b'], remove: ['c', 'd', 'e', 'f'] } });
    expect(b.cards.map((card) => card.id).sort()).toEqual(['a', 'b']);
    expect(aliveIn(storage)).toEqual(['a', 'b']);
    a.round(START + DAY + 1000);
    expect(a.cards.map((card) => card.id).sort()).toEqual(['a', 'b']);
  });
});

describe('entries kept aside as unreadable', () => {
  it('are never named as deleted here (the preview, like the background, leaves them to the browser that can read them)', () => {
    const { storage, b } = twoBrowsersInSync();
    // "a" is stored here, but unreadable by this version: kept aside, not in the cards.
    b.cards = b.cards.filter((card) => card.id !== 'a');
    const at = new Date(START + DAY);
    expect(previewSync(b.cards, storage, b.base.cards, at).review.deleteElsewhere.map((card) => card.id)).toEqual(['a']);
    expect(previewSync(b.cards, storage, b.base.cards, at, { keptAsideIds: new Set(['a']) }).review.deleteElsewhere).toEqual([]);
  });
});

describe('turning sync on in a browser holding cards that sync storage has deletions for', () => {
  function deletedElsewhere() {
    const storage: Record<string, unknown> = {};
    const a = new Browser('aaaa', storage);
    // Both browsers imported the same backup: the same ids, the same creation time.
    const four = ['p', 'q', 'r', 's'].map((id) => makeCard(id, { label: `Card ${id}` }));
    a.cards = four;
    a.round(START);
    a.cards = [];
    a.round(START + DAY);
    expect(aliveIn(storage)).toEqual([]);
    const c = new Browser('cccc', storage);
    c.cards = four.map((card) => ({ ...card, history: [{ id: `e-${card.id}`, kind: 'renewed' as const, date: '2026-03-20' }] }));
    return { storage, a, c };
  }

  it('names the 4 cards "will be deleted here" and holds the round without a choice', () => {
    const { c } = deletedElsewhere();
    const preview = c.preview(START + 2 * DAY);
    expect(needsPreview(preview)).toBe(true);
    expect(preview.review.deleteHere.map((card) => card.id)).toEqual(['p', 'q', 'r', 's']);
    expect(c.round(START + 2 * DAY, { confirmation: { keep: [], remove: [] } }).held?.deleteHere).toHaveLength(4);
    expect(c.cards).toHaveLength(4);
  });

  it('a card kept comes back everywhere with every event it holds; the others go', () => {
    const { storage, a, c } = deletedElsewhere();
    c.round(START + 2 * DAY, { confirmation: { keep: ['q'], remove: ['p', 'r', 's'] } });
    expect(c.cards.map((card) => card.id)).toEqual(['q']);
    expect(c.cards[0]!.history.map((event) => event.id)).toEqual(['e-q']);
    expect(aliveIn(storage)).toEqual(['q']);
    a.round(START + 2 * DAY + 1000);
    expect(a.cards.map((card) => [card.id, card.history.length])).toEqual([['q', 1]]);
  });
});

describe('a browser away longer than deletions are remembered', () => {
  it('shows the cards that would come back, and brings back only those kept', () => {
    const { storage, a, b } = twoBrowsersInSync();
    a.cards = a.cards.filter((card) => card.id !== 'e' && card.id !== 'f');
    a.round(START + DAY);
    // 61 days on, A's next round drops the expired tombstones; B was away all along.
    a.round(START + DAY + TOMBSTONE_MS + DAY);
    expect(
      Object.keys(storage)
        .filter((key) => key.startsWith('c.'))
        .sort(),
    ).toEqual(['c.a', 'c.b', 'c.c', 'c.d']);
    const later = START + DAY + TOMBSTONE_MS + 2 * DAY;
    // Without the review, B would put them back silently:
    const blind = syncRound({
      local: b.cards,
      keptAsideIds: new Set(),
      settings: {},
      base: b.base,
      remote: storage,
      device: 'bbbb',
      now: new Date(later),
    });
    expect(blind.plan.set).toHaveProperty('c.e');
    expect(b.preview(later, true).review.returning.map((card) => card.id)).toEqual(['e', 'f']);
    expect(b.round(later, { confirmation: undefined, withReturning: true }).held?.returning.map((card) => card.id)).toEqual(['e', 'f']);
    b.round(later, { confirmation: { keep: ['f'], remove: ['e'] }, withReturning: true });
    expect(b.cards.map((card) => card.id)).toEqual(['a', 'b', 'c', 'd', 'f']);
    expect(aliveIn(storage)).toEqual(['a', 'b', 'c', 'd', 'f']);
  });
});

describe('property: no card is deleted by turning sync on without a recorded confirmation', () => {
  type Side = 'none' | 'alive' | 'edited' | 'deleted';
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const stateArb = fc.record({
    // What each browser did with each card, before B turns sync on.
    a: fc.array(fc.constantFrom<Side>('none', 'alive', 'edited', 'deleted'), { minLength: 5, maxLength: 5 }),
    b: fc.array(fc.constantFrom<Side>('none', 'alive', 'edited', 'deleted'), { minLength: 5, maxLength: 5 }),
    bSyncedBefore: fc.boolean(),
    choices: fc.array(fc.constantFrom('keep', 'remove', 'none'), { minLength: 5, maxLength: 5 }),
  });

  it('every card deleted (here or in sync storage) was named and let go by the user; every card kept stays', () => {
    fc.assert(
      fc.property(stateArb, ({ a: aDoes, b: bDoes, bSyncedBefore, choices }) => {
        const storage: Record<string, unknown> = {};
        const a = new Browser('aaaa', storage);
        const b = new Browser('bbbb', storage);
        const all = ids.map((id) => makeCard(id));
        a.cards = ids.flatMap((_id, i) => (aDoes[i] === 'none' ? [] : [all[i]!]));
        a.round(START);
        if (bSyncedBefore) b.round(START + 1, { confirmation: { keep: [], remove: [] } });
        else b.cards = ids.flatMap((_id, i) => (bDoes[i] === 'none' ? [] : [all[i]!]));
        // Meanwhile, with B's sync off: each browser edits or deletes.
        const apply = (browser: Browser, does: Side[]) => {
          browser.cards = browser.cards.flatMap((card) => {
            const what = does[ids.indexOf(card.id)];
            if (what === 'deleted') return [];
            if (what === 'edited') return [{ ...card, notes: `${browser.device} note`, updatedAt: new Date(START + DAY).toISOString() }];
            return [card];
          });
        };
        apply(a, aDoes);
        a.round(START + DAY);
        apply(b, bDoes);
        const localBefore = b.cards.map((card) => card.id);
        const storedBefore = aliveIn(storage);
        const confirmation: SyncConfirmation = {
          keep: ids.filter((_, i) => choices[i] === 'keep'),
          remove: ids.filter((_, i) => choices[i] === 'remove'),
        };
        const result = b.round(START + 2 * DAY, { confirmation });
        if (result.held) {
          // Held: nothing changed anywhere.
          expect(b.cards.map((card) => card.id)).toEqual(localBefore);
          expect(aliveIn(storage)).toEqual(storedBefore);
          return;
        }
        const localAfter = new Set(b.cards.map((card) => card.id));
        const storedAfter = new Set(aliveIn(storage));
        for (const id of localBefore) if (!localAfter.has(id)) expect(confirmation.remove).toContain(id);
        for (const id of storedBefore) if (!storedAfter.has(id)) expect(confirmation.remove).toContain(id);
        for (const id of confirmation.keep) {
          if (localBefore.includes(id) || storedBefore.includes(id)) {
            expect(localAfter.has(id)).toBe(true);
            expect(storedAfter.has(id)).toBe(true);
          }
        }
      }),
      { seed: 1717, numRuns: runs(600) },
    );
  });

  it('letting every named card go always lets the round through (the review cannot block sync for good)', () => {
    fc.assert(
      fc.property(stateArb, ({ a: aDoes, b: bDoes }) => {
        const storage: Record<string, unknown> = {};
        const a = new Browser('aaaa', storage);
        const b = new Browser('bbbb', storage);
        const all = ids.map((id) => makeCard(id));
        a.cards = ids.flatMap((_id, i) => (aDoes[i] === 'none' ? [] : [all[i]!]));
        a.round(START);
        b.round(START + 1, { confirmation: { keep: [], remove: [] } });
        a.cards = a.cards.filter((card) => aDoes[ids.indexOf(card.id)] !== 'deleted');
        a.round(START + DAY);
        b.cards = b.cards.filter((card) => bDoes[ids.indexOf(card.id)] !== 'deleted');
        const preview = b.preview(START + 2 * DAY);
        const named = [...preview.review.deleteHere, ...preview.review.deleteElsewhere].map((card) => card.id);
        expect(b.round(START + 2 * DAY, { confirmation: { keep: [], remove: named } }).held).toBeUndefined();
      }),
      { seed: 1718, numRuns: runs(400) },
    );
  });
});
