import type { Card, CardEvent, EventKind, Period } from '../cards/schema';
import { sortedHistory } from '../cards/deadlines';
import type { AmountTier } from '../providers/schema';
import type { PlainDate } from '../dates/plain-date';

/** An amount of money in one currency (a 3-letter ISO 4217 code). */
export interface Money {
  amount: number;
  currency: string;
}

/** A price to prefill, and where it comes from, so the page can say so. */
export interface SuggestedPrice extends Money {
  /** `payment`: the card's own last payment; `catalog`: the provider's published price for the card's validity. */
  source: 'payment' | 'catalog';
  /** The day of that payment, for `payment`. */
  paidOn: PlainDate | null;
}

const PAYMENT_KINDS: ReadonlySet<EventKind> = new Set(['renewed', 'topped-up']);

/** Whether the event is a payment with both an amount and a currency, so it can be added up. */
export function isPricedPayment(event: CardEvent): event is CardEvent & Money {
  return PAYMENT_KINDS.has(event.kind) && event.amount !== undefined && event.currency !== undefined;
}

/** The card's latest payment that has an amount and a currency, or `null`. Same-day payments: the one recorded last. */
export function lastPricedPayment(history: readonly CardEvent[]): (CardEvent & Money) | null {
  const events = sortedHistory(history);
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (isPricedPayment(event)) return event;
  }
  return null;
}

function samePeriod(a: Period, b: Period): boolean {
  return a.count === b.count && a.unit === b.unit;
}

/**
 * What pricing reads of a provider: a catalog entry (`Provider`), or the popup's
 * copy of its facts (lib/providers/popup-facts.ts), which keeps only published prices.
 */
export interface PricedProvider {
  readonly ruleTemplate?: { readonly type: string; readonly amountTiers?: readonly AmountTier[] } | null;
}

/**
 * The catalog's price for what this card's rule buys, or `null`. Only a
 * published amount tier whose validity is exactly the card's counts (SmarTone:
 * HKD 50 buys 365 days); nothing is guessed from other tiers or other carriers.
 */
export function catalogPrice(card: Pick<Card, 'rule'>, provider: PricedProvider | undefined): Money | null {
  const template = provider?.ruleTemplate;
  if (card.rule.type !== 'topUp' || template?.type !== 'topUp' || !template.amountTiers) return null;
  const validity = card.rule.validity;
  const tier = template.amountTiers.find((candidate) => samePeriod(candidate.validity, validity));
  return tier ? { amount: tier.minAmount, currency: tier.currency } : null;
}

/**
 * What a payment for this card most likely costs: its own last payment, else the
 * catalog's price for its validity, else `null` (the user enters it).
 *
 * @example
 * suggestedPrice({ rule, history: [{ kind: 'renewed', date: '2026-11-20', amount: 3, currency: 'USD', id: 'e1' }] }, undefined)
 * //=> { amount: 3, currency: 'USD', source: 'payment', paidOn: '2026-11-20' }
 */
export function suggestedPrice(card: Pick<Card, 'rule' | 'history'>, provider: PricedProvider | undefined): SuggestedPrice | null {
  const last = lastPricedPayment(card.history);
  if (last) return { amount: last.amount, currency: last.currency, source: 'payment', paidOn: last.date };
  const catalog = catalogPrice(card, provider);
  return catalog ? { ...catalog, source: 'catalog', paidOn: null } : null;
}
