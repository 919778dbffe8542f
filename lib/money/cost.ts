import type { Card, Period } from '../cards/schema';
import type { Provider } from '../providers/schema';
import { lastPricedPayment, suggestedPrice, type Money, type SuggestedPrice } from './price';

/*
 * What keeping a number costs, normalised to a month and a year.
 *
 * A card's price per period is its last payment (or the catalog's price for its
 * validity); the period is what its rule says one payment buys: a plan's cycle,
 * a top-up's validity, a keep-alive window. A year is that price times the
 * periods in a year: 12 ÷ N for N calendar months (so a plan renewed on the 31st
 * costs exactly 12 payments a year however short February is), and
 * 365.2425 ÷ N for N days (the Gregorian year, leap days included: a 30-day plan
 * comes round 12.17 times a year). A month is a twelfth of the year.
 */

/** Days in the average Gregorian year. */
export const DAYS_PER_YEAR = 365.2425;

/** How many times `period` comes round in a year. */
export function periodsPerYear(period: Period): number {
  return period.unit === 'months' ? 12 / period.count : DAYS_PER_YEAR / period.count;
}

/** A price that comes back every period. */
export interface RecurringCost {
  kind: 'recurring';
  /** The price of one period, and where it comes from. */
  price: SuggestedPrice;
  /** What one payment buys. */
  period: Period;
  perYear: number;
  perMonth: number;
}

/**
 * No recurring cost can be worked out:
 * - `one-off`: a fixed end date or a travel pass, paid once (`paid`: its last priced payment, if any);
 * - `use-only`: a keep-alive card with no payment recorded, kept alive by use alone;
 * - `no-price`: a plan or top-up card with no amount recorded and none in the catalog.
 */
export interface NoRecurringCost {
  kind: 'one-off' | 'use-only' | 'no-price';
  paid: Money | null;
}

export type CardCost = RecurringCost | NoRecurringCost;

/** The period one payment buys under the card's rule, or `null` for a card paid once. */
export function paidPeriod(rule: Card['rule']): Period | null {
  switch (rule.type) {
    case 'cycle':
      return rule.period;
    case 'topUp':
      return rule.validity;
    case 'keepAlive':
      return rule.window;
    case 'fixed':
    case 'pass':
      return null;
  }
}

/**
 * What the card costs to keep, per month and per year, in the currency of its price.
 *
 * @example
 * // Ultra PayGo, USD 3 every 30 days.
 * cardCost({ rule: { type: 'cycle', period: { count: 30, unit: 'days' }, … }, history: [{ kind: 'renewed', amount: 3, currency: 'USD', … }] }, undefined)
 * //=> { kind: 'recurring', perYear: 36.5243, perMonth: 3.0437, … }
 */
export function cardCost(card: Pick<Card, 'rule' | 'history'>, provider: Provider | undefined): CardCost {
  const period = paidPeriod(card.rule);
  if (period === null) {
    const last = lastPricedPayment(card.history);
    return { kind: 'one-off', paid: last && { amount: last.amount, currency: last.currency } };
  }
  const price = suggestedPrice(card, provider);
  if (!price) return { kind: card.rule.type === 'keepAlive' ? 'use-only' : 'no-price', paid: null };
  const perYear = price.amount * periodsPerYear(period);
  return { kind: 'recurring', price, period, perYear, perMonth: perYear / 12 };
}

/** What all recurring cards in one currency cost. */
export interface CurrencyTotal {
  currency: string;
  perYear: number;
  perMonth: number;
  /** How many cards are in this total. */
  cards: number;
}

/** The recurring costs added up per currency, largest yearly total first (then by code). */
export function totalsByCurrency(costs: readonly CardCost[]): CurrencyTotal[] {
  const totals = new Map<string, CurrencyTotal>();
  for (const cost of costs) {
    if (cost.kind !== 'recurring') continue;
    const currency = cost.price.currency;
    const total = totals.get(currency) ?? { currency, perYear: 0, perMonth: 0, cards: 0 };
    total.perYear += cost.perYear;
    total.perMonth += cost.perMonth;
    total.cards += 1;
    totals.set(currency, total);
  }
  return [...totals.values()].sort((a, b) => b.perYear - a.perYear || a.currency.localeCompare(b.currency));
}
