import fc from 'fast-check';
import { runs } from './property-runs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { currentTerm } from '../../lib/cards/deadlines';
import { cardsToCsv, csvToCandidates, type CsvImportOptions, parsePeriod } from '../../lib/transfer/csv';
import { applyImport, previewImport } from '../../lib/transfer/preview';
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
      { seed: SEED, numRuns: runs(300) },
    );
  }, 30_000);

  it('into an empty store, gives back deep-equal cards, with the same countdowns and no notes', () => {
    fc.assert(
      fc.property(cardListArb, (cards) => {
        const candidates = read(cardsToCsv(cards));
        expect(candidates.invalid).toEqual([]);
        expect(candidates.notes).toEqual([]);
        expect(candidates.cards).toEqual(cards);
        expect(candidates.cards.map((c) => currentTerm(c.rule, c.history))).toEqual(cards.map((c) => currentTerm(c.rule, c.history)));
      }),
      // About 2 ms a run on an idle machine; the timeout leaves room for a busy one.
      { seed: SEED, numRuns: runs(1000) },
    );
  }, 30_000);

  it('merging the same import twice changes nothing more than merging it once', () => {
    fc.assert(
      fc.property(cardListArb, cardListArb, (stored, exported) => {
        const candidates = read(cardsToCsv(exported), stored);
        const once = applyImport({ cards: stored, invalid: [] }, candidates, { mode: 'merge', keepInvalid: false });
        const twice = applyImport({ cards: once.cards, invalid: once.invalid }, candidates, { mode: 'merge', keepInvalid: false });
        expect(twice.cards).toEqual(once.cards);
      }),
      { seed: SEED, numRuns: runs(300) },
    );
  }, 30_000);

  it('a long history with notes in every script comes back event by event (example)', () => {
    const history = Array.from({ length: 42 }, (_, i) => ({
      id: `e${i}`,
      // The carrier's date is the last event: it sets the deadline, whatever the renewals before it gave.
      date: i === 41 ? '2026-12-10' : `2026-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1}`,
      kind: i === 41 ? ('carrier-date' as const) : ('renewed' as const),
      ...(i === 41 ? { endDate: '2027-01-05' } : { amount: i, currency: 'USD' }),
      note: ['紫卡 "續費", ok', 'שלום\nمرحبا', '👩‍👩‍👧 =1+1', ''][i % 4]!,
    }));
    const card = makeCard('long', {
      history,
      reminders: { enabled: true, leadDays: [5], snoozedUntil: '2026-11-01T00:00:00.000Z' },
      overrides: ['channels.website'],
      channels: { website: '', app: 'https://example.com/app', hotline: '' },
    });
    const back = read(cardsToCsv([card])).cards[0]!;
    expect(back).toEqual(card);
    expect(currentTerm(back.rule, back.history)?.dueDate).toBe('2027-01-05');
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
    // A sheet from elsewhere: what it could not bring is named, with the deadline worked out without it.
    expect(notes).toEqual([
      { cardId: cards[0]!.id, message: 'import_noteCsvMissing', params: ['History, Card settings, App link, Created', '2026-12-31'] },
    ]);
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
    expect(notes.filter((note) => note.message === 'import_noteNoProvider')).toEqual([
      { cardId: cards[2]!.id, message: 'import_noteNoProvider', params: ['My corner shop'] },
    ]);
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

  it('refuses a quote left open, naming its line, instead of swallowing the rows after it', () => {
    const csv = 'Label,Rule,End date,Notes\nA,fixed,2026-12-01,"fine\nB,fixed,2026-12-02,x\nC,fixed,2026-12-03,y';
    expect(csvToCandidates(csv, opts())).toEqual({ ok: false, error: 'import_errorCsvQuotes', params: ['2'] });
    const closedMidCell = 'Label,Rule,End date\nA,fixed,2026-12-01\nB,fixed,"2026-12-02"x\nC,fixed,2026-12-03';
    expect(csvToCandidates(closedMidCell, opts())).toMatchObject({ ok: false, error: 'import_errorCsvQuotes', params: ['3'] });
    // Quotes that are closed, with line breaks inside, are fine.
    expect(read('Label,Rule,End date,Notes\nA,fixed,2026-12-01,"two\nlines ""quoted"""').cards[0]!.notes).toBe('two\nlines "quoted"');
  });

  it("compares the file's Next deadline with the one worked out, and says when they differ", () => {
    const card = makeCard('d', { history: [{ id: 'c', date: '2026-03-05', kind: 'carrier-date', endDate: '2026-03-17' }] });
    const csv = cardsToCsv([card]);
    expect(csv).toContain('2026-03-17');
    expect(read(csv).notes).toEqual([]);
    // The History cell emptied by hand: the carrier's date is gone, and the deadline moves later.
    const rows = Papa.parse<string[]>(csv).data;
    rows[1]![rows[0]!.indexOf('History')] = '';
    expect(read(Papa.unparse(rows)).notes).toEqual([
      { cardId: 'd', message: 'import_noteDueDiffers', params: ['2026-03-17', '2026-03-31'] },
    ]);
  });

  it("keeps a stored card's history when the sheet has no History column, and says so", () => {
    const mine = makeCard('k', { history: [{ id: 'e', date: '2026-03-20', kind: 'renewed', note: '續費' }] });
    const sheet = 'ID,Label,Rule,Start date,Period,Updated\nk,Card k,cycle,2026-03-01,30 days,2026-03-01T00:00:00.000Z';
    const { cards, notes } = read(sheet, [mine]);
    expect(cards).toEqual([mine]);
    expect(notes).toEqual([{ cardId: 'k', message: 'import_noteCsvKept', params: ['History, Card settings, App link, Created'] }]);
  });

  it('keeps a row whose History cell is not JSON aside, with the reason', () => {
    const csv = cardsToCsv([makeCard('h', { history: [{ id: 'e', date: '2026-03-20', kind: 'renewed' }] })]).replace('[{""id""', '[{""id');
    const { cards, invalid } = read(csv);
    expect(cards).toEqual([]);
    expect(invalid[0]!.problems.join()).toContain('History: not JSON');
  });

  it('keeps a row whose History cell nests 20,000 lists deep aside, without parsing it', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const { cards, invalid } = read(`Label,Rule,End date,History\nA,fixed,2026-12-01,${deep}`);
    expect(cards).toEqual([]);
    expect(invalid[0]!.problems).toEqual(['History: nested more than 64 levels deep']);
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
