import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { currentTerm } from '../../lib/cards/deadlines';
import { cardsToCsv, csvToCandidates, type CsvImportOptions, parsePeriod } from '../../lib/transfer/csv';
import { previewImport } from '../../lib/transfer/preview';
import { makeCard } from './card-fixture';
import { cardListArb, SEED } from './transfer-arbitraries';

const NOW = new Date('2026-11-27T00:00:00.000Z');
const opts = (existing: CsvImportOptions['existing'] = []): CsvImportOptions => ({ userTimeZone: 'Asia/Shanghai', now: NOW, existing });

function read(text: string, existing: CsvImportOptions['existing'] = []) {
  const result = csvToCandidates(text, opts(existing));
  if (!result.ok) throw new Error(result.error);
  return result.candidates;
}

describe('CSV round trip', () => {
  it('a sheet exported and imported back onto the same cards changes nothing (every card identical)', () => {
    fc.assert(
      fc.property(cardListArb, (cards) => {
        const candidates = read(cardsToCsv(cards), cards);
        expect(candidates.invalid).toEqual([]);
        const preview = previewImport({ cards, invalid: [] }, candidates);
        expect(preview.changed.map((c) => c.fields)).toEqual([]);
        expect(preview.identical).toEqual(cards);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('into an empty store, gives back every field a column carries, and the same deadline when at most one payment is recorded', () => {
    fc.assert(
      fc.property(cardListArb, (cards) => {
        const imported = read(cardsToCsv(cards)).cards;
        expect(imported.map((c) => c.id)).toEqual(cards.map((c) => c.id));
        imported.forEach((card, i) => {
          const original = cards[i]!;
          const carried = (c: typeof card) => ({
            label: c.label,
            providerId: c.providerId,
            phoneNumber: c.phoneNumber,
            notes: c.notes,
            timeZone: c.timeZone,
            website: c.channels.website,
            hotline: c.channels.hotline,
            updatedAt: c.updatedAt,
            rule: c.rule.type === 'keepAlive' ? { ...c.rule, activities: undefined } : c.rule,
          });
          expect(carried(card)).toEqual(carried(original));
          const payments = original.history.filter((e) => e.kind === 'renewed' || e.kind === 'topped-up');
          const uses = original.history.filter((e) => e.kind === 'used' || e.kind === 'activated');
          if (payments.length <= 1 && uses.length === 0)
            expect(currentTerm(card.rule, card.history)).toEqual(currentTerm(original.rule, original.history));
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('escapes cells a spreadsheet would run as formulas, and reads them back', () => {
    const card = makeCard('f', { label: '=HYPERLINK("x")', phoneNumber: '+1 555 0100', notes: '@note' });
    const csv = cardsToCsv([card]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain("'+1 555 0100");
    const back = read(csv).cards[0]!;
    expect([back.label, back.phoneNumber, back.notes]).toEqual(['=HYPERLINK("x")', '+1 555 0100', '@note']);
  });
});

describe('CSV headers', () => {
  it.each([
    ['English', 'Label,Provider,Phone,Time zone,Rule,Start date,Period,Grace days,Last renewal,Amount,Currency,Website,Hotline,Notes'],
    ['Simplified Chinese', '名称,运营商,号码,时区,规则,开始日期,周期,宽限期,上次续费,金额,货币,网站,客服电话,备注'],
    ['Traditional Chinese', '名稱,運營商,號碼,時區,規則,開始日期,週期,寬限期,上次續費,金額,貨幣,網站,客服電話,備註'],
    [
      'mixed case, other order',
      'NOTES,HOTLINE,website,Currency,amount,last renewal,Grace Days,period,start date,rule,TIME ZONE,phone,provider,LABEL',
    ],
  ])('reads %s headers', (_, header) => {
    const values: Record<string, string> = {
      label: '紫卡',
      provider: 'Ultra Mobile PayGo',
      phone: '+1 555 010 1234',
      zone: 'America/Los_Angeles',
      rule: 'cycle',
      start: '2026-11-01',
      period: '30 days',
      grace: '30',
      lastRenewal: '2026-11-20',
      amount: '3',
      currency: 'usd',
      website: 'https://my.ultra.me/',
      hotline: '611',
      notes: 'paid, on the app',
    };
    const order = [
      'label',
      'provider',
      'phone',
      'zone',
      'rule',
      'start',
      'period',
      'grace',
      'lastRenewal',
      'amount',
      'currency',
      'website',
      'hotline',
      'notes',
    ];
    const columns = header.startsWith('NOTES') ? [...order].reverse() : order;
    const csv = Papa.unparse({ fields: header.split(','), data: [columns.map((key) => values[key]!)] });
    const { cards, invalid, notes } = read(csv);
    expect(invalid).toEqual([]);
    expect(notes).toEqual([]);
    expect(cards[0]).toMatchObject({
      label: '紫卡',
      providerId: 'ultra-paygo',
      phoneNumber: '+1 555 010 1234',
      timeZone: 'America/Los_Angeles',
      rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' }, graceDays: 30 },
      history: [{ id: 'csv-2026-11-20', date: '2026-11-20', kind: 'renewed', amount: 3, currency: 'USD' }],
      channels: { website: 'https://my.ultra.me/', app: '', hotline: '611' },
      notes: 'paid, on the app',
    });
  });

  it('refuses a sheet without a label column', () => {
    expect(csvToCandidates('Phone,Notes\n1,2', opts())).toEqual({ ok: false, error: 'import_errorCsvHeader' });
  });
});

describe('CSV rows', () => {
  it('matches provider names as the picker does, and says when one is not in the catalog', () => {
    const csv =
      'Label,Provider,Rule,End date\nA,紫卡,fixed,2026-12-01\nB,遠遊卡,fixed,2026-12-01\nC,My corner shop,fixed,2026-12-01\nD,giffgaff,fixed,2026-12-01';
    const { cards, notes } = read(csv);
    expect(cards.map((c) => c.providerId)).toEqual(['ultra-paygo', 'fareastone-travel', null, 'giffgaff']);
    expect(notes).toEqual([{ cardId: cards[2]!.id, message: 'import_noteNoProvider', params: ['My corner shop'] }]);
  });

  it('keeps rows it cannot read as invalid entries, with reasons, never dropped', () => {
    const csv =
      'Label,Rule,Start date,Period,End date\nGood,cycle,2026-03-01,1 month,\nNo period,cycle,2026-03-01,,\nBad date,fixed,,,2026-02-30\n,fixed,,,2026-03-01\nOdd rule,weekly,,,';
    const { cards, invalid } = read(csv);
    expect(cards.map((c) => c.label)).toEqual(['Good']);
    expect(invalid.map((entry) => (entry.raw as Record<string, string>).Label)).toEqual(['No period', 'Bad date', '', 'Odd rule']);
    expect(invalid.every((entry) => entry.problems.length > 0)).toBe(true);
    expect(invalid[0]!.problems.join()).toContain('period');
    expect(invalid[1]!.problems.join()).toContain('rule.endDate');
  });

  it('gives rows without an ID the same id each time, so a second import finds the same cards', () => {
    const csv = 'Label,Phone,Rule,End date\nA,123,fixed,2026-12-01\nA,123,fixed,2026-12-02';
    const first = read(csv).cards.map((c) => c.id);
    expect(read(csv).cards.map((c) => c.id)).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });

  it('takes a row changed in the sheet (same Updated cell) as the later copy', () => {
    const mine = makeCard('a', { label: 'Old', updatedAt: '2026-03-01T00:00:00.000Z' });
    const csv = cardsToCsv([mine]).replace(',Old,', ',New,');
    const theirs = read(csv, [mine]).cards[0]!;
    expect(theirs.updatedAt).toBe(NOW.toISOString());
    expect(previewImport({ cards: [mine], invalid: [] }, read(csv, [mine])).changed[0]).toMatchObject({
      fields: [
        { field: 'label', mine: '"Old"', theirs: '"New"' },
        { field: 'updatedAt', mine: '"2026-03-01T00:00:00.000Z"', theirs: `"${NOW.toISOString()}"` },
      ],
      defaultSide: 'theirs',
    });
  });

  describe('edge cases', () => {
    it.each([
      ['30 days', { count: 30, unit: 'days' }],
      ['30天', { count: 30, unit: 'days' }],
      ['6 months', { count: 6, unit: 'months' }],
      ['6个月', { count: 6, unit: 'months' }],
      ['6個月', { count: 6, unit: 'months' }],
      ['1 month', { count: 1, unit: 'months' }],
      ['0 days', null],
      ['monthly', null],
    ])('period %s', (cell, expected) => expect(parsePeriod(cell)).toEqual(expected));

    it('reads dates written 2026/3/1 and a byte-order mark', () => {
      const { cards } = read('\uFEFFLabel,Rule,End date\nA,fixed,2026/3/1');
      expect(cards[0]!.rule).toEqual({ type: 'fixed', endDate: '2026-03-01' });
    });
  });
});
