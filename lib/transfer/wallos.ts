import { cardSchema, type Card } from '../cards/schema';
import { isSafeLink } from '../browser/links';
import type { InvalidEntry } from '../store/storage';
import { foldForSearch } from '../providers/search';
import { contentHash, type ImportCandidates, type ImportNote, uniqueId } from './candidates';
import { fail, isRecord, type TransferResult } from './errors';
import { matchProvider } from './provider-match';

/*
 * Wallos (a self-hosted subscription tracker) exports
 * `{ "success": true, "subscriptions": [{ "Name", "Next Payment", "Price", "Notes", "URL", "State", … }] }`.
 * Each subscription becomes a card with a fixed end date (its next payment);
 * its price goes into the notes (a card has no price of its own, and an
 * invented payment date in the history would move deadlines). Whatever else it
 * holds is named in the preview as not mapped.
 */

/** Whether a parsed JSON value looks like a Wallos export. */
export function isWallosExport(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && 'subscriptions' in value && ('success' in value || Array.isArray(value.subscriptions));
}

const MAPPED = new Set(['Name', 'Next Payment', 'Price', 'Notes', 'URL', 'State']);

// Longest first, so "HK$" is read before "$". ¥ is left out on purpose: it is both yuan and yen.
const SYMBOLS: readonly [string, string][] = [
  ['HK$', 'HKD'],
  ['NT$', 'TWD'],
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['A$', 'AUD'],
  ['C$', 'CAD'],
  ['S$', 'SGD'],
  ['R$', 'BRL'],
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₩', 'KRW'],
  ['₹', 'INR'],
  ['円', 'JPY'],
];

/**
 * A Wallos price such as `$9.99`, `9,99 €` or `HK$ 78` as an amount and a
 * currency code, or `null` when either cannot be told for sure.
 *
 * @example
 * parseWallosPrice('HK$78') //=> { amount: 78, currency: 'HKD' }
 * parseWallosPrice('¥100') //=> null (yuan or yen?)
 */
export function parseWallosPrice(price: unknown): { amount: number; currency: string } | null {
  if (typeof price !== 'string') return null;
  const text = price.trim();
  const number = /(\d+(?:[.,]\d{1,2})?)/.exec(text);
  if (!number) return null;
  const amount = Number(number[1]!.replace(',', '.'));
  const rest = text.replace(number[1]!, '').trim();
  const code = /^[A-Z]{3}$/.exec(rest)?.[0];
  const currency = code ?? SYMBOLS.find(([symbol]) => rest === symbol)?.[1];
  return currency && Number.isFinite(amount) ? { amount, currency } : null;
}

export interface WallosImportOptions {
  userTimeZone: string;
  now: Date;
}

/** The cards in a Wallos export, each valid or kept as an invalid entry with its reasons. */
export function wallosToCandidates(
  value: Record<string, unknown>,
  options: WallosImportOptions,
): TransferResult<{ candidates: ImportCandidates }> {
  const { subscriptions } = value;
  if (!Array.isArray(subscriptions)) return fail('import_errorWallos');
  const cards: Card[] = [];
  const invalid: InvalidEntry[] = [];
  const notes: ImportNote[] = [];
  const taken = new Set<string>();
  for (const entry of subscriptions) {
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
      const price = parseWallosPrice(entry.Price);
      const shown = price ? `${price.amount} ${price.currency}` : String(entry.Price);
      lines.push(`Wallos: ${shown}`);
      cardNotes.push({ cardId: id, message: 'import_noteWallosPrice', params: [shown] });
    }
    if (entry.State !== undefined && entry.State !== 'Enabled')
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
    const candidate = {
      id,
      label: name,
      providerId: provider?.id ?? null,
      phoneNumber: '',
      notes: lines.join('\n'),
      timeZone: provider?.timeZone ?? options.userTimeZone,
      channels: { website, app: '', hotline: '' },
      rule: { type: 'fixed', endDate: nextPayment },
      history: [],
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
  return { ok: true, candidates: { source: 'wallos', cards, invalid, notes, settings: null } };
}
