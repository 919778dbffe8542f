import fc from 'fast-check';
import { runs } from './property-runs';
import { describe, expect, it } from 'vitest';
import { mergeCardCopies } from '../../lib/cards/merge';
import type { Card } from '../../lib/cards/schema';
import type { ImportCandidates } from '../../lib/transfer/candidates';
import { applyImport, previewImport, resolveCard } from '../../lib/transfer/preview';
import { makeCard } from './card-fixture';
import { cardListArb, SEED } from './transfer-arbitraries';

const candidatesOf = (cards: Card[], extra: Partial<ImportCandidates> = {}): ImportCandidates => ({
  source: 'backup',
  cards,
  invalid: [],
  notes: [],
  settings: null,
  ...extra,
});
const eventIds = (card: Card) => card.history.map((e) => e.id).sort();

describe('previewImport', () => {
  const renewal = { id: 'r1', date: '2026-03-31', kind: 'renewed' as const };
  const mine = [
    makeCard('same'),
    makeCard('edited', { label: 'Mine', updatedAt: '2026-03-05T00:00:00.000Z' }),
    makeCard('renewed'),
    makeCard('only-mine'),
  ];
  const theirs = [
    makeCard('same'),
    makeCard('edited', { label: 'Theirs', notes: 'from the file', updatedAt: '2026-03-02T00:00:00.000Z' }),
    makeCard('renewed', { history: [renewal] }),
    makeCard('new'),
  ];
  const preview = previewImport(
    { cards: mine, invalid: [{ raw: 1, problems: ['x'] }] },
    candidatesOf(theirs, { invalid: [{ raw: 'bad', problems: ['no'] }] }),
  );

  it('sorts the file into new, changed (field by field), identical and invalid', () => {
    expect(preview.added.map((c) => c.id)).toEqual(['new']);
    expect(preview.identical.map((c) => c.id)).toEqual(['same']);
    expect(preview.invalid).toEqual([{ raw: 'bad', problems: ['no'] }]);
    expect(preview.onlyMine.map((c) => c.id)).toEqual(['only-mine']);
    expect(preview.storedInvalid).toBe(1);
    const [edited, renewed] = preview.changed;
    expect(edited).toMatchObject({
      fields: [
        { field: 'label', mine: '"Mine"', theirs: '"Theirs"' },
        { field: 'notes', mine: '""', theirs: '"from the file"' },
        { field: 'updatedAt', mine: '"2026-03-05T00:00:00.000Z"', theirs: '"2026-03-02T00:00:00.000Z"' },
      ],
      newEvents: [],
      defaultSide: 'mine',
    });
    expect(renewed).toMatchObject({ fields: [], newEvents: [renewal] });
  });

  it('merges by the rule unless the user flips a card; history is the union either way', () => {
    const result = applyImport({ cards: mine, invalid: [] }, candidatesOf(theirs), { mode: 'merge', keepInvalid: false });
    expect(result.cards.map((c) => c.id)).toEqual(['same', 'edited', 'renewed', 'only-mine', 'new']);
    expect(result.cards[1]!.label).toBe('Mine');
    expect(result.cards[2]!.history).toEqual([renewal]);
    const flipped = applyImport({ cards: mine, invalid: [] }, candidatesOf(theirs), {
      mode: 'merge',
      keepInvalid: false,
      sides: new Map([['edited', 'theirs']]),
    });
    expect(flipped.cards[1]).toMatchObject({ label: 'Theirs', notes: 'from the file' });
  });

  it("keeps the file's invalid entries aside when asked, after the stored ones", () => {
    const current = { cards: mine, invalid: [{ raw: 1, problems: ['x'] }] };
    const file = candidatesOf(theirs, { invalid: [{ raw: 'bad', problems: ['no'] }] });
    expect(applyImport(current, file, { mode: 'merge', keepInvalid: true }).invalid.map((e) => e.raw)).toEqual([1, 'bad']);
    expect(applyImport(current, file, { mode: 'merge', keepInvalid: false }).invalid.map((e) => e.raw)).toEqual([1]);
    expect(applyImport(current, file, { mode: 'replace', keepInvalid: true })).toEqual({
      cards: theirs,
      invalid: [{ raw: 'bad', problems: ['no'] }],
    });
  });

  it('a merge never loses a stored card or event, whatever the file and the flips (property)', () => {
    fc.assert(
      fc.property(
        cardListArb,
        cardListArb,
        fc.func(fc.constantFrom('mine' as const, 'theirs' as const, undefined)),
        (stored, incoming, pick) => {
          // Half the time the file holds copies of the stored cards.
          const file = incoming.map((card, i) => (stored[i] ? { ...card, id: stored[i]!.id } : card));
          const sides = new Map(
            file.flatMap((card) => {
              const side = pick(card.id);
              return side ? [[card.id, side] as const] : [];
            }),
          );
          const { cards } = applyImport({ cards: stored, invalid: [] }, candidatesOf(file), { mode: 'merge', keepInvalid: false, sides });
          expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
          for (const before of stored) {
            const after = cards.find((c) => c.id === before.id);
            expect(after).toBeDefined();
            for (const id of eventIds(before)) expect(eventIds(after!)).toContain(id);
          }
          for (const card of file) expect(cards.some((c) => c.id === card.id)).toBe(true);
        },
      ),
      { seed: SEED, numRuns: runs(300) },
    );
  }, 20_000);

  it("resolveCard with no flip is exactly the one merge; a flip takes that side's fields", () => {
    const a = makeCard('a', {
      label: 'A',
      updatedAt: '2026-03-02T00:00:00.000Z',
      history: [{ id: 'x', date: '2026-03-10', kind: 'used' }],
    });
    const b = makeCard('a', {
      label: 'B',
      updatedAt: '2026-03-01T00:00:00.000Z',
      history: [{ id: 'y', date: '2026-03-11', kind: 'used' }],
    });
    expect(resolveCard(a, b, undefined)).toEqual(mergeCardCopies(a, b));
    expect(resolveCard(a, b, 'mine')).toEqual(mergeCardCopies(a, b));
    const theirs = resolveCard(a, b, 'theirs');
    expect(theirs.label).toBe('B');
    expect(eventIds(theirs)).toEqual(['x', 'y']);
  });
});
