import fc from 'fast-check';
import { runs } from './property-runs';
import { describe, expect, it } from 'vitest';
import { CARD_SORTS, matchesQuery, searchAndSortRows, type RowKeys } from '../../lib/cards/card-list';
import { cardsByDeadline } from '../../lib/cards/countdown';
import { popupRows } from '../../lib/popup/rows';
import { cardListArbitrary } from './arbitraries';
import { makeCard } from './card-fixture';

interface Row {
  card: { label: string; phoneNumber: string };
  keys: RowKeys;
}
const row = (label: string, phoneNumber: string, providerName: string | null, cost: RowKeys['cost']): Row => ({
  card: { label, phoneNumber },
  keys: { providerName, cost },
});
const keysOf = (r: Row) => r.keys;
const labels = (rows: Row[]) => rows.map((r) => r.card.label);

// In deadline order, as cardsByDeadline gives them.
const rows = [
  row('紫卡', '+1 555 010 1234', 'Ultra Mobile PayGo', { perYear: 36.5, currency: 'USD' }),
  row('giffgaff', '+44 7700 900123', 'giffgaff', null),
  row('HK card', '', 'SmarTone ValueGB Prepaid', { perYear: 50, currency: 'HKD' }),
  row('Backup', '+1 555 010 9999', null, { perYear: 120, currency: 'USD' }),
];

describe('matchesQuery', () => {
  it.each([
    ['', true],
    ['紫', true],
    ['ULTRA', true],
    ['paygo', true],
    ['1234', true],
    ['010 1234', true],
    ['0101234', true],
    ['5550', false],
    ['giff', false],
  ])('紫卡 (Ultra, +1 555 010 1234) and %j: %s', (query, expected) => {
    expect(matchesQuery({ label: '紫卡', phoneNumber: '+1 555 010 1234' }, 'Ultra Mobile PayGo', query)).toBe(expected);
  });

  it('finds no number in a card without one', () => {
    expect(matchesQuery({ label: 'x', phoneNumber: '' }, null, '1')).toBe(false);
  });
});

describe('searchAndSortRows', { timeout: 30_000 }, () => {
  it.each([
    ['deadline', ['紫卡', 'giffgaff', 'HK card', 'Backup']],
    ['name', ['Backup', 'giffgaff', 'HK card', '紫卡']],
    ['provider', ['giffgaff', 'HK card', '紫卡', 'Backup']],
    ['cost', ['HK card', 'Backup', '紫卡', 'giffgaff']],
  ] as const)('sorts by %s', (sort, expected) => {
    expect(labels(searchAndSortRows(rows, keysOf, '', sort, 'en'))).toEqual(expected);
  });

  it('filters and sorts together', () => {
    expect(labels(searchAndSortRows(rows, keysOf, '555', 'cost', 'en'))).toEqual([]);
    expect(labels(searchAndSortRows(rows, keysOf, '9999', 'name', 'en'))).toEqual(['Backup']);
  });

  it('never drops or duplicates a card, and keeps deadline order among ties (seeded)', () => {
    const rowArb = fc.record({
      card: fc.record({ label: fc.string({ minLength: 1, maxLength: 6 }), phoneNumber: fc.stringMatching(/^[0-9 +]{0,12}$/) }),
      keys: fc.record({
        providerName: fc.option(fc.constantFrom('giffgaff', 'Ultra', 'SmarTone')),
        cost: fc.option(fc.record({ perYear: fc.integer({ min: 0, max: 5 }), currency: fc.constantFrom('USD', 'GBP') })),
      }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.constantFrom(...CARD_SORTS), (input, sort) => {
        const sorted = searchAndSortRows(input, keysOf, '', sort, 'en');
        expect(sorted).toHaveLength(input.length);
        expect(new Set(sorted)).toEqual(new Set(input));
        const again = searchAndSortRows(sorted, keysOf, '', sort, 'en');
        expect(again).toEqual(sorted);
      }),
      { seed: 11, numRuns: runs(1000) },
    );
  });
});

describe('one order of cards on both pages', () => {
  // 10:00 on 22 November 2026 in Shanghai.
  const NOW = new Date('2026-11-22T02:00:00Z');
  const SH = 'Asia/Shanghai';

  it('the options page under "Deadline" lists a lost number last, as the popup does', () => {
    const cards = [
      makeCard('lost', {
        label: 'Old card',
        rule: { type: 'cycle', anchorDate: '2026-09-01', period: { count: 30, unit: 'days' }, graceDays: 30 },
      }),
      makeCard('soon', { label: 'Soon', rule: { type: 'fixed', endDate: '2026-11-25' } }),
      makeCard('later', { label: 'Later', rule: { type: 'fixed', endDate: '2027-02-01' } }),
    ];
    const options = searchAndSortRows(cardsByDeadline(cards, NOW, SH), () => ({ providerName: null, cost: null }), '', 'deadline', 'en');
    expect(options.map((r) => r.card.id)).toEqual(['soon', 'later', 'lost']);
    expect(popupRows(cards, NOW, SH).rows.map((r) => r.card.id)).toEqual(['soon', 'later', 'lost']);
  });

  it('any cards: the options page and the popup give the same order, the lost numbers last (seeded)', () => {
    fc.assert(
      fc.property(cardListArbitrary(12), fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), (cards, ms) => {
        const now = new Date(ms);
        const options = cardsByDeadline(cards, now, SH);
        const { rows, lostFrom } = popupRows(cards, now, SH);
        expect(options.map((r) => r.card)).toEqual(rows.map((r) => r.card));
        expect(rows.slice(0, lostFrom).every((r) => r.countdown.status !== 'lost')).toBe(true);
        expect(rows.slice(lostFrom).every((r) => r.countdown.status === 'lost')).toBe(true);
      }),
      { seed: 19, numRuns: runs(2000) },
    );
  });
});
