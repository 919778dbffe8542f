import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentTerm } from '../../lib/cards/deadlines';
import type { ImportCandidates } from '../../lib/transfer/candidates';
import { readImportFile, type ReadImportOptions } from '../../lib/transfer/read-file';
import { parseWallosCycle, parseWallosPrice, wallosToCandidates } from '../../lib/transfer/wallos';

const NOW = new Date('2026-11-27T00:00:00.000Z');
const FIXTURES = join(__dirname, 'fixtures/wallos');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

async function importFixture(name: string, extra: Partial<ReadImportOptions> = {}): Promise<ImportCandidates> {
  const read = await readImportFile(fixture(name), { userTimeZone: 'Asia/Shanghai', now: NOW, existing: [], ...extra });
  if (!read.ok) throw new Error(`refused: ${read.error}`);
  return read.candidates;
}

const about = (candidates: ImportCandidates, label: string) => {
  const id = candidates.cards.find((card) => card.label === label)!.id;
  return candidates.notes.filter((note) => note.cardId === id).map((note) => [note.message, ...note.params]);
};

// The three files Wallos writes (fixtures built from endpoints/subscriptions/export.php and its profile page's
// exportAsJson / exportAsCsv): each gives the same cards.
describe.each(['endpoint.json', 'export-as-json.json', 'export-as-csv.csv'])('Wallos file %s', (name) => {
  it('imports every subscription, fixed on its next payment (the file has no cycle), with the price in the notes', async () => {
    const candidates = await importFixture(name);
    expect(candidates.source).toBe('wallos');
    expect(candidates.invalid).toEqual([]);
    expect(candidates.cards.map((card) => [card.label, card.rule, card.channels.website])).toEqual([
      ['amaysim', { type: 'fixed', endDate: '2026-12-20' }, 'https://www.amaysim.com.au/my-account'],
      ['giffgaff', { type: 'fixed', endDate: '2026-12-15' }, 'https://www.giffgaff.com/'],
      ['Fido', { type: 'fixed', endDate: '2026-12-31' }, ''],
      ['Old line', { type: 'fixed', endDate: '2026-12-01' }, ''],
    ]);
    expect(candidates.cards.map((card) => card.notes)).toEqual([
      'UNLIMITED 28 day plan\nWallos: $10',
      'goodybag\nWallos: 10 GBP',
      'Wallos: $15',
      'keep the number\nWallos: ¥30',
    ]);
    expect(about(candidates, 'Old line')).toContainEqual(['import_noteWallosInactive']);
    expect(about(candidates, 'Old line')).toContainEqual(['import_noteWallosUrl', 'http://insecure.example']);
    expect(about(candidates, 'giffgaff')).toContainEqual(['import_noteWallosNoCycle', '2026-12-15']);
  });

  it('never reads $ as US dollars: it asks, and the answer names the currency', async () => {
    const asked = await importFixture(name);
    expect(asked.questions).toEqual([
      { symbol: '$', choices: expect.arrayContaining(['USD', 'AUD', 'CAD']), count: 2, answer: null },
      { symbol: '¥', choices: ['CNY', 'JPY'], count: 1, answer: null },
    ]);
    const answered = await importFixture(name, { currencyAnswers: { $: 'AUD', '¥': 'CNY' } });
    expect(answered.cards.map((card) => card.notes.split('\n').at(-1))).toEqual([
      'Wallos: 10 AUD',
      'Wallos: 10 GBP',
      'Wallos: 15 AUD',
      'Wallos: 30 CNY',
    ]);
    expect(answered.questions?.map((q) => [q.symbol, q.answer])).toEqual([
      ['$', 'AUD'],
      ['¥', 'CNY'],
    ]);
  });
});

describe('Wallos payment cycles', () => {
  it('maps each cycle to a plan cycle due on the next payment, month ends included', async () => {
    const candidates = await importFixture('with-payment-cycle.json');
    const byLabel = new Map(candidates.cards.map((card) => [card.label, card]));
    const rules = [...byLabel.values()].map((card) => [card.label, card.rule]);
    expect(rules).toEqual([
      ['giffgaff', { type: 'cycle', anchorDate: '2026-11-15', period: { count: 1, unit: 'months' } }],
      ['Lebara', { type: 'cycle', anchorDate: '2026-11-12', period: { count: 28, unit: 'days' } }],
      ['Yearly plan', { type: 'cycle', anchorDate: '2026-01-05', period: { count: 12, unit: 'months' } }],
      ['Month end', { type: 'cycle', anchorDate: '2027-02-28', period: { count: 1, unit: 'months' } }],
      ['Raw ids', { type: 'cycle', anchorDate: '2026-12-01', period: { count: 2, unit: 'months' } }],
      ['Odd cycle', { type: 'fixed', endDate: '2027-02-01' }],
    ]);
    // Every card is due on the next payment Wallos shows, and a renewal then moves it one period on.
    const next = {
      giffgaff: '2026-12-15',
      Lebara: '2026-12-10',
      'Yearly plan': '2027-01-05',
      'Month end': '2027-03-31',
      'Raw ids': '2027-02-01',
    };
    for (const [label, due] of Object.entries(next))
      expect(currentTerm(byLabel.get(label)!.rule, byLabel.get(label)!.history)?.dueDate).toBe(due);
    const monthEnd = byLabel.get('Month end')!;
    const renewed = [...monthEnd.history, { id: 'r', date: '2027-03-30', kind: 'renewed' as const }];
    expect(currentTerm(monthEnd.rule, renewed)?.dueDate).toBe('2027-04-30');
    expect(about(candidates, 'Lebara')).toContainEqual(['import_noteWallosCycle', '28 days']);
    expect(about(candidates, 'Odd cycle')).toContainEqual(['import_noteWallosCycleUnread', 'When I remember', '2027-02-01']);
    // A currency the file names (a code, or a symbol only one currency uses) is never asked about.
    expect(candidates.questions).toEqual([{ symbol: '$', choices: expect.any(Array), count: 2, answer: null }]);
  });

  it.each([
    ['Daily', { count: 1, unit: 'days' }],
    ['weekly', { count: 7, unit: 'days' }],
    ['Every 2 Weeks', { count: 14, unit: 'days' }],
    ['Every 3 Months', { count: 3, unit: 'months' }],
    ['6 months', { count: 6, unit: 'months' }],
    ['Yearly', { count: 12, unit: 'months' }],
    ['Every 2 Years', { count: 24, unit: 'months' }],
    ['Every 0 Months', null],
    ['Every 999 Years', null],
    ['sometimes', null],
  ])('cycle %s', (cycle, expected) => expect(parseWallosCycle({ 'Payment Cycle': cycle })).toEqual(expected));

  it.each([
    [
      { cycle: 1, frequency: 10 },
      { count: 10, unit: 'days' },
    ],
    [
      { cycle: 2, frequency: 2 },
      { count: 14, unit: 'days' },
    ],
    [{ cycle: 4 }, { count: 12, unit: 'months' }],
    [{ cycle: 5, frequency: 1 }, null],
    [{}, null],
  ])('Wallos cycle id %j', (entry, expected) => expect(parseWallosCycle(entry)).toEqual(expected));
});

describe('Wallos files that are not quite right', () => {
  it('keeps a CSV row split by a comma Wallos did not quote aside, with the reason and the line', async () => {
    const csv =
      'Name,Next Payment,Price,URL,State\nGood,2026-12-01,£5,https://a.example/,Enabled\nSplit,2026-12-02,£5,https://b.example/?a=1,2,Enabled';
    const read = await readImportFile(new TextEncoder().encode(csv), { userTimeZone: 'UTC', now: NOW, existing: [] });
    if (!read.ok) throw new Error(read.error);
    expect(read.candidates.cards.map((card) => card.label)).toEqual(['Good']);
    expect(read.candidates.invalid[0]!.problems[0]).toMatch(/^line 3: 6 cells where the header has 5/);
  });

  it('keeps entries that are not subscriptions, or have no date, aside', () => {
    const result = wallosToCandidates(
      { success: true, subscriptions: [{ Name: 'No date', Price: '£5' }, 'text'] },
      { userTimeZone: 'UTC', now: NOW },
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.candidates.cards).toEqual([]);
    expect(result.candidates.invalid.map((entry) => entry.problems.join())).toEqual([
      expect.stringContaining('rule.endDate'),
      'not a Wallos subscription',
    ]);
  });

  it.each([
    ['$9.99', {}, { amount: 9.99, currency: null, symbol: '$' }],
    ['$9.99', { $: 'CAD' }, { amount: 9.99, currency: 'CAD' }],
    ['HK$78', {}, { amount: 78, currency: 'HKD' }],
    ['A$10', {}, { amount: 10, currency: 'AUD' }],
    ['9,99 €', {}, { amount: 9.99, currency: 'EUR' }],
    ['12 CHF', {}, { amount: 12, currency: 'CHF' }],
    ['¥100', {}, { amount: 100, currency: null, symbol: '¥' }],
    ['100 kr', {}, { amount: 100, currency: null, symbol: 'kr' }],
    ['§5', {}, null],
    [5, {}, null],
  ])('price %s with answers %j', (price, answers, expected) => expect(parseWallosPrice(price, answers)).toEqual(expected));
});
