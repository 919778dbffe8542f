import Papa from 'papaparse';
import { isSafeLink } from '../browser/links';
import { addPeriod } from '../cards/deadlines';
import { type Card, cardSchema, type CardEvent, type Period } from '../cards/schema';
import { isPlainDate } from '../dates/plain-date';
import { foldForSearch } from '../providers/search';
import type { InvalidEntry } from '../store/storage';
import { type CurrencyQuestion, contentHash, type ImportCandidates, type ImportNote, uniqueId } from './candidates';
import { fail, isRecord, type TransferResult } from './errors';
import { matchProvider } from './provider-match';

/*
 * Wallos (a self-hosted subscription tracker) saves subscriptions three ways, all
 * from its endpoint endpoints/subscriptions/export.php:
 * - the endpoint's own response, `{ "success": true, "subscriptions": [...] }`;
 * - "Export as JSON" on its profile page: the `subscriptions` list alone (a bare array);
 * - "Export as CSV": the keys of the first subscription as the header, then each
 *   subscription's values joined with commas, unquoted (Wallos swaps commas in
 *   names and notes for spaces; a comma in a link or a line break in a note still
 *   splits a row, and such a row is kept aside with the reason).
 * Each subscription has `Name`, `Next Payment`, `Price` (the currency's symbol then
 * the number, e.g. `$10`), `Notes`, `URL`, `State`, and more that is not mapped.
 * A subscription with a payment cycle (`Payment Cycle` such as `Monthly` or
 * `Every 3 Months`, or Wallos's `cycle` 1–4 and `frequency`) becomes a plan cycle
 * that is due on its next payment; one without becomes a fixed end date. The price
 * goes into the notes (a card has no price of its own, and an invented payment in the
 * history would move deadlines), in the currency the file names, or the one the user
 * picks for a symbol several currencies share (`$`, `¥`, `kr`).
 */

/** Whether a parsed JSON value looks like the Wallos endpoint's response. */
export function isWallosExport(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && 'subscriptions' in value && ('success' in value || Array.isArray(value.subscriptions));
}

/** Whether a parsed JSON value looks like the file of Wallos's "Export as JSON" button: a list of subscriptions. */
export function isWallosList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0 && isRecord(value[0]) && 'Name' in value[0] && 'Next Payment' in value[0];
}

/** Whether a text is the file of Wallos's "Export as CSV" button (by its header line). */
export function isWallosCsv(text: string): boolean {
  const header = (text.split(/\r?\n/, 1)[0] ?? '').split(',').map((cell) => cell.trim());
  return header.includes('Name') && header.includes('Next Payment') && header.includes('Price');
}

const MAPPED = new Set([
  'Name',
  'Next Payment',
  'Price',
  'Currency',
  'Notes',
  'URL',
  'State',
  'Active',
  'Payment Cycle',
  'Cycle',
  'cycle',
  'Frequency',
  'frequency',
]);

// Longest first, so "HK$" is read before "$". Symbols several currencies write alike are asked about instead.
const SYMBOLS: readonly [string, string][] = [
  ['HK$', 'HKD'],
  ['NT$', 'TWD'],
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['NZ$', 'NZD'],
  ['A$', 'AUD'],
  ['C$', 'CAD'],
  ['S$', 'SGD'],
  ['R$', 'BRL'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₩', 'KRW'],
  ['₹', 'INR'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['₫', 'VND'],
  ['₱', 'PHP'],
  ['฿', 'THB'],
  ['₪', 'ILS'],
  ['zł', 'PLN'],
  ['円', 'JPY'],
  ['元', 'CNY'],
];

/** Symbols Wallos writes for more than one currency, with the currencies each may mean (most used first). */
export const AMBIGUOUS_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  $: ['USD', 'AUD', 'CAD', 'NZD', 'SGD', 'HKD', 'TWD', 'MXN', 'ARS', 'CLP', 'COP'],
  '¥': ['CNY', 'JPY'],
  kr: ['SEK', 'NOK', 'DKK', 'ISK'],
};

/** A price read from Wallos: with its currency, or with a symbol that needs the user's answer. */
export type WallosPrice = { amount: number; currency: string } | { amount: number; currency: null; symbol: string };

/**
 * A Wallos price such as `$9.99`, `9,99 €` or `HK$ 78` as an amount and a currency
 * code; a symbol several currencies share gives the currency the user picked for it
 * in `answers`, or none (and the symbol, to ask about). `null`: not a price.
 *
 * @example
 * parseWallosPrice('HK$78') //=> { amount: 78, currency: 'HKD' }
 * parseWallosPrice('$10') //=> { amount: 10, currency: null, symbol: '$' }
 * parseWallosPrice('$10', { $: 'AUD' }) //=> { amount: 10, currency: 'AUD' }
 */
export function parseWallosPrice(price: unknown, answers: Readonly<Record<string, string>> = {}): WallosPrice | null {
  if (typeof price !== 'string' && typeof price !== 'number') return null;
  const text = String(price).trim();
  const number = /(\d+(?:[.,]\d{1,2})?)/.exec(text);
  if (!number) return null;
  const amount = Number(number[1]!.replace(',', '.'));
  if (!Number.isFinite(amount)) return null;
  const rest = text.replace(number[1]!, '').trim();
  const code = /^[A-Z]{3}$/.exec(rest)?.[0] ?? SYMBOLS.find(([symbol]) => rest === symbol)?.[1];
  if (code) return { amount, currency: code };
  if (rest in AMBIGUOUS_SYMBOLS) {
    const answer = answers[rest];
    return answer ? { amount, currency: answer } : { amount, currency: null, symbol: rest };
  }
  return null;
}

/** The symbol of a price when it is one several currencies share (`$10` → `$`), else `null`. */
function ambiguousSymbolOf(price: unknown): string | null {
  const rest = String(price)
    .replace(/\d+(?:[.,]\d{1,2})?/, '')
    .trim();
  return rest in AMBIGUOUS_SYMBOLS ? rest : null;
}

const UNIT_WORDS: Record<string, 'days' | 'weeks' | 'months' | 'years'> = {
  day: 'days',
  days: 'days',
  week: 'weeks',
  weeks: 'weeks',
  month: 'months',
  months: 'months',
  year: 'years',
  years: 'years',
};
const NAMED_CYCLES: Record<string, Period> = {
  daily: { count: 1, unit: 'days' },
  weekly: { count: 7, unit: 'days' },
  biweekly: { count: 14, unit: 'days' },
  fortnightly: { count: 14, unit: 'days' },
  monthly: { count: 1, unit: 'months' },
  quarterly: { count: 3, unit: 'months' },
  yearly: { count: 12, unit: 'months' },
  annually: { count: 12, unit: 'months' },
  annual: { count: 12, unit: 'months' },
};
// Wallos's own cycle ids (its `cycles` table): 1 days, 2 weeks, 3 months, 4 years.
const CYCLE_IDS: Record<number, 'days' | 'weeks' | 'months' | 'years'> = { 1: 'days', 2: 'weeks', 3: 'months', 4: 'years' };

function periodOf(count: number, unit: 'days' | 'weeks' | 'months' | 'years'): Period | null {
  if (!Number.isInteger(count) || count < 1) return null;
  const period: Period =
    unit === 'days'
      ? { count, unit: 'days' }
      : unit === 'weeks'
        ? { count: count * 7, unit: 'days' }
        : unit === 'months'
          ? { count, unit: 'months' }
          : { count: count * 12, unit: 'months' };
  return period.count <= 3650 ? period : null;
}

/**
 * A subscription's payment cycle as a period: from `Payment Cycle` (`Monthly`,
 * `Every 3 Months`, `2 weeks`), or from Wallos's `cycle` id and `frequency`.
 * `null` when the subscription names none, or one that cannot be read.
 */
export function parseWallosCycle(entry: Record<string, unknown>): Period | null {
  const named = entry['Payment Cycle'] ?? entry.Cycle;
  if (typeof named === 'string' && named.trim()) {
    const text = named.trim().toLowerCase();
    if (text in NAMED_CYCLES) return NAMED_CYCLES[text]!;
    const match = /^(?:every\s+)?(\d{1,4})?\s*(days?|weeks?|months?|years?)$/.exec(text);
    if (match) return periodOf(Number(match[1] ?? '1'), UNIT_WORDS[match[2]!]!);
    return null;
  }
  const id = Number(entry.cycle ?? entry.Cycle);
  const unit = CYCLE_IDS[id];
  if (!unit) return null;
  const frequency = entry.frequency ?? entry.Frequency;
  return periodOf(frequency === undefined || frequency === '' ? 1 : Number(frequency), unit);
}

export interface WallosImportOptions {
  userTimeZone: string;
  now: Date;
  /** The currency the user picked for each symbol several currencies share (`{ "$": "AUD" }`). */
  currencyAnswers?: Readonly<Record<string, string>>;
}

/** The rule and history of a subscription due on `nextPayment`: a plan cycle when it has one, else that fixed date. */
function ruleFor(
  nextPayment: string,
  period: Period | null,
): { rule: Card['rule'] | { type: 'fixed'; endDate: string }; history: CardEvent[] } {
  if (!period || !isPlainDate(nextPayment)) return { rule: { type: 'fixed', endDate: nextPayment }, history: [] };
  // Anchored on the payment before the next one, so the first deadline is the next payment.
  const anchorDate = addPeriod(nextPayment, period, -1);
  const rule = { type: 'cycle' as const, anchorDate, period };
  if (addPeriod(anchorDate, period) === nextPayment) return { rule, history: [] };
  // A month end that one month back cannot reach again (31 March → 28 February → 28 March):
  // the carrier's date keeps the deadline on the next payment, and later periods count from it.
  return { rule, history: [{ id: 'wallos-next-payment', date: anchorDate, kind: 'carrier-date', endDate: nextPayment }] };
}

function periodText(period: Period): string {
  return `${period.count} ${period.unit}`;
}

/** The cards in a list of Wallos subscriptions, each valid or kept as an invalid entry with its reasons. */
function entriesToCandidates(
  entries: readonly unknown[],
  options: WallosImportOptions,
  extraInvalid: InvalidEntry[] = [],
): ImportCandidates {
  const cards: Card[] = [];
  const invalid: InvalidEntry[] = [...extraInvalid];
  const notes: ImportNote[] = [];
  const questions = new Map<string, CurrencyQuestion>();
  const taken = new Set<string>();
  const answers = options.currencyAnswers ?? {};
  for (const entry of entries) {
    if (!isRecord(entry)) {
      invalid.push({ raw: entry, problems: ['not a Wallos subscription'] });
      continue;
    }
    const name = typeof entry.Name === 'string' ? entry.Name.trim() : '';
    const id = uniqueId(`wallos-${contentHash(foldForSearch(name) || JSON.stringify(entry))}`, taken);
    const cardNotes: ImportNote[] = [];
    const provider = name ? matchProvider(name) : null;
    if (name && !provider) cardNotes.push({ cardId: id, message: 'import_noteNoProvider', params: [name] });
    const lines: string[] = [];
    if (typeof entry.Notes === 'string' && entry.Notes.trim()) lines.push(entry.Notes.trim());
    if (entry.Price !== undefined && entry.Price !== null && entry.Price !== '') {
      const fileCode = typeof entry.Currency === 'string' && /^[A-Z]{3}$/.test(entry.Currency) ? entry.Currency : null;
      const price = parseWallosPrice(entry.Price, answers);
      const currency = fileCode ?? price?.currency ?? null;
      const shown = price && currency ? `${price.amount} ${currency}` : String(entry.Price);
      // A symbol several currencies share is asked about, and stays asked (with the answer) so it can be changed.
      const symbol = fileCode ? null : ambiguousSymbolOf(entry.Price);
      if (symbol) {
        const question = questions.get(symbol) ?? {
          symbol,
          choices: [...AMBIGUOUS_SYMBOLS[symbol]!],
          count: 0,
          answer: answers[symbol] ?? null,
        };
        question.count++;
        questions.set(symbol, question);
      }
      lines.push(`Wallos: ${shown}`);
      cardNotes.push({ cardId: id, message: 'import_noteWallosPrice', params: [shown] });
    }
    if ((entry.State !== undefined && entry.State !== 'Enabled') || entry.Active === 'No')
      cardNotes.push({ cardId: id, message: 'import_noteWallosInactive', params: [] });
    const url = typeof entry.URL === 'string' ? entry.URL.trim() : '';
    const website = url && isSafeLink(url) ? url : '';
    if (url && !website) cardNotes.push({ cardId: id, message: 'import_noteWallosUrl', params: [url] });
    // Own keys only, and never more than a line's worth: a hostile file may hold thousands.
    const unmapped = Object.keys(entry).filter((key) => !MAPPED.has(key));
    if (unmapped.length > 0) {
      const shown = unmapped.slice(0, 12).join(', ') + (unmapped.length > 12 ? ', …' : '');
      cardNotes.push({ cardId: id, message: 'import_noteWallosUnmapped', params: [shown] });
    }
    const nextPayment = typeof entry['Next Payment'] === 'string' ? entry['Next Payment'].trim().slice(0, 10) : '';
    const period = parseWallosCycle(entry);
    const cycleCell = entry['Payment Cycle'] ?? entry.Cycle ?? entry.cycle;
    if (period) cardNotes.push({ cardId: id, message: 'import_noteWallosCycle', params: [periodText(period)] });
    else if (cycleCell !== undefined && cycleCell !== '')
      cardNotes.push({ cardId: id, message: 'import_noteWallosCycleUnread', params: [String(cycleCell).slice(0, 40), nextPayment] });
    else cardNotes.push({ cardId: id, message: 'import_noteWallosNoCycle', params: [nextPayment] });
    const { rule, history } = ruleFor(nextPayment, period);
    const candidate = {
      id,
      label: name,
      providerId: provider?.id ?? null,
      phoneNumber: '',
      notes: lines.join('\n'),
      timeZone: provider?.timeZone ?? options.userTimeZone,
      channels: { website, app: '', hotline: '' },
      rule,
      history,
      createdAt: options.now.toISOString(),
      updatedAt: options.now.toISOString(),
    };
    const check = cardSchema.safeParse(candidate);
    if (check.success) {
      cards.push(check.data);
      notes.push(...cardNotes);
    } else {
      invalid.push({ raw: entry, problems: check.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`) });
    }
  }
  return { source: 'wallos', cards, invalid, notes, settings: null, questions: [...questions.values()] };
}

/** The cards in the Wallos endpoint's response (`{ "success": true, "subscriptions": [...] }`). */
export function wallosToCandidates(
  value: Record<string, unknown>,
  options: WallosImportOptions,
): TransferResult<{ candidates: ImportCandidates }> {
  const { subscriptions } = value;
  if (!Array.isArray(subscriptions)) return fail('import_errorWallos');
  return { ok: true, candidates: entriesToCandidates(subscriptions, options) };
}

/** The cards in the file of Wallos's "Export as JSON" button (the subscriptions list alone). */
export function wallosListToCandidates(
  list: readonly unknown[],
  options: WallosImportOptions,
): TransferResult<{ candidates: ImportCandidates }> {
  return { ok: true, candidates: entriesToCandidates(list, options) };
}

/**
 * The cards in the file of Wallos's "Export as CSV" button. Wallos writes cells
 * unquoted, so quotes are read as text; a row whose cell count differs from the
 * header's (a comma in a link, a line break in a note) is kept aside with the reason.
 */
export function wallosCsvToCandidates(text: string, options: WallosImportOptions): TransferResult<{ candidates: ImportCandidates }> {
  // No quote character: Wallos never quotes, so a " in a note is just a character.
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    header: false,
    skipEmptyLines: 'greedy',
    delimiter: ',',
    quoteChar: '\u0000',
  });
  const [header, ...rows] = parsed.data;
  if (!header) return fail('import_errorEmpty');
  const entries: Record<string, string>[] = [];
  const invalid: InvalidEntry[] = [];
  rows.forEach((cells, index) => {
    const entry = Object.fromEntries(cells.map((cell, i) => [header[i] ?? `column ${i + 1}`, cell]));
    if (cells.length !== header.length) {
      invalid.push({
        raw: entry,
        problems: [
          `line ${index + 2}: ${cells.length} cells where the header has ${header.length} (Wallos does not quote cells, so a comma or line break in one splits it; Wallos's "Export as JSON" file keeps it whole)`,
        ],
      });
    } else {
      entries.push(entry);
    }
  });
  return { ok: true, candidates: entriesToCandidates(entries, options, invalid) };
}
