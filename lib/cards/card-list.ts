import type { Card } from './schema';

/*
 * Search and sort for the options page's list of cards. The rows come in
 * deadline order (cardsByDeadline); every sort here is stable on it, so cards
 * that tie stay nearest deadline first, and no card is ever dropped by a sort.
 */

export type CardSort = 'deadline' | 'name' | 'provider' | 'cost';
export const CARD_SORTS: readonly CardSort[] = ['deadline', 'name', 'provider', 'cost'];

/** What a row is found and sorted by, worked out by the page (names are in the user's language). */
export interface RowKeys {
  /** The provider's display name, or `null` for a card without one. */
  providerName: string | null;
  /** The yearly cost, in `currency`; `null` where no cost is known. */
  cost: { perYear: number; currency: string } | null;
}

/**
 * Whether the card matches what the user typed: part of its name or its
 * provider's name (any case), or the last digits of its number ("1234" finds
 * "+1 555 010 1234"). An empty query matches every card.
 */
export function matchesQuery(card: Pick<Card, 'label' | 'phoneNumber'>, providerName: string | null, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (q === '') return true;
  if (card.label.toLocaleLowerCase().includes(q)) return true;
  if (providerName?.toLocaleLowerCase().includes(q)) return true;
  const digits = q.replace(/[\s\-().+]/g, '');
  return /^\d+$/.test(digits) && card.phoneNumber.replace(/\D/g, '').endsWith(digits);
}

/**
 * The rows that match `query`, sorted by `sort`. `name` and `provider` follow
 * the user's language (cards without a provider last); `cost` puts the
 * dearest first, costs in the same currency side by side (a yearly cost in
 * another currency cannot be ranked without a rate: give the page rates and it
 * passes costs converted to one currency), and cards with no cost last.
 */
export function searchAndSortRows<R extends { card: Pick<Card, 'label' | 'phoneNumber'> }>(
  rows: readonly R[],
  keysOf: (row: R) => RowKeys,
  query: string,
  sort: CardSort,
  language: string,
): R[] {
  const keyed = rows
    .map((row, index) => ({ row, index, keys: keysOf(row) }))
    .filter(({ row, keys }) => matchesQuery(row.card, keys.providerName, query));
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  type Keyed = (typeof keyed)[number];
  const compare: Record<CardSort, (a: Keyed, b: Keyed) => number> = {
    deadline: () => 0,
    name: (a, b) => collator.compare(a.row.card.label, b.row.card.label),
    provider: (a, b) => {
      if (a.keys.providerName === null || b.keys.providerName === null)
        return Number(a.keys.providerName === null) - Number(b.keys.providerName === null);
      return collator.compare(a.keys.providerName, b.keys.providerName);
    },
    cost: (a, b) => {
      const x = a.keys.cost;
      const y = b.keys.cost;
      if (x === null || y === null) return Number(x === null) - Number(y === null);
      return x.currency === y.currency ? y.perYear - x.perYear : x.currency.localeCompare(y.currency);
    },
  };
  return keyed.sort((a, b) => compare[sort](a, b) || a.index - b.index).map(({ row }) => row);
}
