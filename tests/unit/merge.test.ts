import fc from 'fast-check';
import { runs } from './property-runs';
import { describe, expect, it } from 'vitest';
import { isLaterCopy, mergeCardCopies, mergeCardLists } from '../../lib/cards/merge';
import type { Card, CardEvent } from '../../lib/cards/schema';
import { makeCard } from './card-fixture';

const SEED = 20261127;

const eventArb: fc.Arbitrary<CardEvent> = fc.record({
  id: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6'),
  date: fc.constantFrom('2026-03-01', '2026-03-31', '2026-04-15', '2026-02-28'),
  kind: fc.constantFrom('renewed', 'topped-up', 'used'),
});

const historyArb = fc.uniqueArray(eventArb, { selector: (event) => event.id, maxLength: 6 });

/** Copies of card "a": the same id, differing in label, notes, history and when they changed. */
const copyArb: fc.Arbitrary<Card> = fc
  .record({
    label: fc.constantFrom('Purple', 'giffgaff', 'Work'),
    notes: fc.string({ maxLength: 5 }),
    history: historyArb,
    updatedAt: fc.constantFrom('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-02T08:00:00.000Z', 'not a time'),
  })
  .map((fields) => makeCard('a', fields));

const ids = (card: Card) => new Set(card.history.map((event) => event.id));

describe('mergeCardCopies', () => {
  it('keeps every event of both copies', () => {
    fc.assert(
      fc.property(copyArb, copyArb, (a, b) => {
        const merged = ids(mergeCardCopies(a, b));
        for (const id of [...ids(a), ...ids(b)]) expect(merged.has(id)).toBe(true);
        expect(merged.size).toBe(new Set([...ids(a), ...ids(b)]).size);
      }),
      { seed: SEED, numRuns: runs(3000) },
    );
  });

  it('gives the same card whichever copy comes first', () => {
    fc.assert(
      fc.property(copyArb, copyArb, (a, b) => {
        expect(mergeCardCopies(a, b)).toEqual(mergeCardCopies(b, a));
      }),
      { seed: SEED, numRuns: runs(3000) },
    );
  });

  it('is idempotent: merging again changes nothing', () => {
    fc.assert(
      fc.property(copyArb, copyArb, (a, b) => {
        const once = mergeCardCopies(a, b);
        expect(mergeCardCopies(once, b)).toEqual(once);
        expect(mergeCardCopies(a, a)).toBe(a);
      }),
      { seed: SEED, numRuns: runs(3000) },
    );
  });

  it('takes every field other than history from the copy changed later', () => {
    fc.assert(
      fc.property(copyArb, copyArb, (a, b) => {
        const later = isLaterCopy(a, b) ? a : b;
        const { history: _merged, ...fields } = mergeCardCopies(a, b);
        const { history: _later, ...laterFields } = later;
        expect(fields).toEqual(laterFields);
      }),
      { seed: SEED, numRuns: runs(2000) },
    );
  });

  it('leaves out events removed on purpose, from either copy', () => {
    fc.assert(
      fc.property(copyArb, copyArb, fc.subarray(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']), (a, b, removed) => {
        const merged = ids(mergeCardCopies(a, b, { removedEventIds: new Set(removed) }));
        for (const id of removed) expect(merged.has(id)).toBe(false);
        for (const id of [...ids(a), ...ids(b)]) if (!removed.includes(id)) expect(merged.has(id)).toBe(true);
      }),
      { seed: SEED, numRuns: runs(2000) },
    );
  });

  describe('edge cases', () => {
    const renewal: CardEvent = { id: 'r1', date: '2026-03-31', kind: 'renewed' };

    it('returns the later copy itself when it holds every event already', () => {
      const older = makeCard('a', { updatedAt: '2026-03-01T00:00:00.000Z' });
      const newer = makeCard('a', { label: 'New', history: [renewal], updatedAt: '2026-03-02T00:00:00.000Z' });
      expect(mergeCardCopies(older, newer)).toBe(newer);
    });

    it('keeps a renewal recorded in the popup when an older edit is merged in', () => {
      const renewed = makeCard('a', { history: [renewal], updatedAt: '2026-03-31T10:00:00.000Z' });
      const edited = makeCard('a', { notes: 'new SIM', updatedAt: '2026-03-31T10:00:05.000Z' });
      expect(mergeCardCopies(renewed, edited)).toEqual({ ...edited, history: [renewal] });
    });

    it('lets a copy with an unreadable updatedAt lose to any readable one', () => {
      const broken = makeCard('a', { label: 'Broken', updatedAt: 'yesterday' });
      const fine = makeCard('a', { label: 'Fine', updatedAt: '1970-01-01T00:00:00.000Z' });
      expect(mergeCardCopies(broken, fine).label).toBe('Fine');
    });
  });
});

describe('mergeCardLists', () => {
  const listArb = (prefix: string) =>
    fc
      .uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 5 })
      .chain((cardIds) => fc.tuple(...cardIds.map((id) => copyArb.map((copy) => ({ ...copy, id, label: `${prefix}${id}` })))));

  it('drops no card of either list and keeps the base order first', () => {
    fc.assert(
      fc.property(listArb('x'), listArb('y'), (base, incoming) => {
        const merged = mergeCardLists(base, incoming);
        const mergedIds = merged.map((card) => card.id);
        expect(new Set(mergedIds).size).toBe(mergedIds.length);
        expect(new Set(mergedIds)).toEqual(new Set([...base, ...incoming].map((card) => card.id)));
        expect(mergedIds.slice(0, base.length)).toEqual(base.map((card) => card.id));
        for (const card of [...base, ...incoming]) {
          const result = merged.find((m) => m.id === card.id)!;
          for (const id of ids(card)) expect(ids(result).has(id)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: runs(2000) },
    );
  });
});
