import fc from 'fast-check';
import { runs } from './property-runs';
import { describe, expect, it } from 'vitest';
import type { Card, CardEvent, Period, Rule } from '../../lib/cards/schema';
import { providerById } from '../../lib/providers/catalog';
import {
  DAYS_PER_YEAR,
  cardCost,
  catalogPrice,
  convertTotals,
  formatMoney,
  periodsPerYear,
  suggestedPrice,
  totalsByCurrency,
  type CardCost,
} from '../../lib/money';

const days = (count: number) => ({ count, unit: 'days' as const });
const months = (count: number) => ({ count, unit: 'months' as const });

let nextId = 0;
const paid = (date: string, amount: number, currency: string, kind: CardEvent['kind'] = 'renewed'): CardEvent => ({
  id: `e${nextId++}`,
  date,
  kind,
  amount,
  currency,
});

const card = (rule: Rule, history: CardEvent[] = []): Pick<Card, 'rule' | 'history'> => ({ rule, history });
const cycle = (period: Period): Rule => ({
  type: 'cycle',
  anchorDate: '2026-01-31',
  period,
});

function recurring(cost: CardCost) {
  if (cost.kind !== 'recurring') throw new Error(`expected a recurring cost, got ${cost.kind}`);
  return cost;
}

describe('periodsPerYear', () => {
  it.each([
    [months(1), 12],
    [months(3), 4],
    [months(6), 2],
    [months(12), 1],
    [days(365), DAYS_PER_YEAR / 365],
    [days(30), DAYS_PER_YEAR / 30],
  ])('%o comes round %d times a year', (period, expected) => {
    expect(periodsPerYear(period)).toBeCloseTo(expected, 12);
  });
});

describe('cardCost', () => {
  it('prices a 30-day plan from its last payment: USD 3 is USD 36.52 a year', () => {
    const cost = recurring(cardCost(card(cycle(days(30)), [paid('2026-02-10', 3, 'USD')]), undefined));
    expect(cost.price).toEqual({ amount: 3, currency: 'USD', source: 'payment', paidOn: '2026-02-10' });
    expect(cost.perYear).toBeCloseTo(36.52425, 8);
    expect(cost.perMonth).toBeCloseTo(3.0437, 4);
  });

  it('prices a plan of calendar months at exactly 12 ÷ N payments a year', () => {
    expect(recurring(cardCost(card(cycle(months(1)), [paid('2026-02-28', 10, 'GBP')]), undefined)).perYear).toBe(120);
    expect(recurring(cardCost(card(cycle(months(3)), [paid('2026-02-28', 15, 'GBP')]), undefined)).perMonth).toBe(5);
  });

  it('uses the latest payment by date, not by the order it was recorded in', () => {
    const history = [paid('2026-05-01', 5, 'USD'), paid('2026-03-01', 3, 'USD')];
    expect(recurring(cardCost(card(cycle(days(30)), history), undefined)).price.amount).toBe(5);
  });

  it('takes the one recorded last of two payments on the same day', () => {
    const history = [paid('2026-05-01', 5, 'USD'), paid('2026-05-01', 4, 'USD')];
    expect(recurring(cardCost(card(cycle(days(30)), history), undefined)).price.amount).toBe(4);
  });

  it('ignores amounts without a currency and events that are not payments', () => {
    const history: CardEvent[] = [
      paid('2026-03-01', 3, 'USD'),
      { id: 'x', date: '2026-04-01', kind: 'renewed', amount: 9 },
      { id: 'y', date: '2026-04-02', kind: 'used', amount: 1, currency: 'USD' },
    ];
    expect(recurring(cardCost(card(cycle(days(30)), history), undefined)).price.amount).toBe(3);
  });

  it('prices a top-up card by its validity: HKD 50 for 365 days', () => {
    const rule: Rule = { type: 'topUp', anchorDate: '2026-01-01', validity: days(365), mode: 'reset' };
    const cost = recurring(cardCost(card(rule, [paid('2026-01-01', 50, 'HKD', 'topped-up')]), undefined));
    expect(cost.perYear).toBeCloseTo(50 * (DAYS_PER_YEAR / 365), 10);
    expect(cost.period).toEqual(days(365));
  });

  it('falls back to the catalog price where the card has no payment and the catalog has a tier for its validity', () => {
    const smartone = providerById('smartone');
    const rule: Rule = { type: 'topUp', anchorDate: '2026-01-01', validity: days(365), mode: 'reset' };
    const cost = recurring(cardCost(card(rule), smartone));
    expect(cost.price).toEqual({ amount: 50, currency: 'HKD', source: 'catalog', paidOn: null });
  });

  it('picks the AT&T tier for the card’s own validity and never another', () => {
    const att = providerById('att-prepaid');
    const topUp = (validity: Period): Rule => ({
      type: 'topUp',
      anchorDate: '2026-01-01',
      validity,
      mode: 'reset',
    });
    expect(catalogPrice(card(topUp(days(90))), att)).toEqual({ amount: 25, currency: 'USD' });
    expect(catalogPrice(card(topUp(months(12))), att)).toEqual({ amount: 100, currency: 'USD' });
    expect(catalogPrice(card(topUp(days(60))), att)).toBeNull();
    expect(cardCost(card(topUp(days(60))), att).kind).toBe('no-price');
  });

  it('gives a catalog price only to a top-up card, and a payment beats the catalog', () => {
    const smartone = providerById('smartone');
    expect(catalogPrice(card(cycle(days(365))), smartone)).toBeNull();
    const rule: Rule = { type: 'topUp', anchorDate: '2026-01-01', validity: days(365), mode: 'reset' };
    expect(suggestedPrice(card(rule, [paid('2026-02-01', 60, 'HKD', 'topped-up')]), smartone)?.amount).toBe(60);
  });

  it('says a keep-alive card with no payment is kept alive by use alone', () => {
    const rule: Rule = { type: 'keepAlive', anchorDate: '2026-01-01', window: months(6) };
    expect(cardCost(card(rule, [{ id: 'u', date: '2026-02-01', kind: 'used' }]), undefined)).toEqual({ kind: 'use-only', paid: null });
  });

  it('prices a keep-alive card that is kept with a payment per window', () => {
    const rule: Rule = { type: 'keepAlive', anchorDate: '2026-01-01', window: months(6) };
    expect(recurring(cardCost(card(rule, [paid('2026-02-01', 10, 'GBP', 'topped-up')]), undefined)).perYear).toBe(20);
  });

  it('says a plan with no amount anywhere has no price, rather than a made-up one', () => {
    expect(cardCost(card(cycle(days(30))), undefined)).toEqual({ kind: 'no-price', paid: null });
  });

  it('counts fixed-date cards and passes as paid once', () => {
    expect(cardCost(card({ type: 'fixed', endDate: '2026-12-31' }, [paid('2026-01-01', 20, 'EUR')]), undefined)).toEqual({
      kind: 'one-off',
      paid: { amount: 20, currency: 'EUR' },
    });
    expect(cardCost(card({ type: 'pass', days: 7, startTrigger: 'manual', startDate: null }), undefined)).toEqual({
      kind: 'one-off',
      paid: null,
    });
  });

  it('keeps a free renewal (amount 0) as a price of 0', () => {
    expect(recurring(cardCost(card(cycle(months(1)), [paid('2026-02-01', 0, 'USD')]), undefined)).perYear).toBe(0);
  });

  describe('edge cases', () => {
    it('does not let a short February change what a plan renewed on the 31st costs', () => {
      const jan31 = card({ type: 'cycle', anchorDate: '2026-01-31', period: months(1) }, [paid('2026-02-28', 7, 'USD')]);
      const feb29 = card({ type: 'cycle', anchorDate: '2028-02-29', period: months(1) }, [paid('2028-02-29', 7, 'USD')]);
      expect(recurring(cardCost(jan31, undefined)).perYear).toBe(84);
      expect(recurring(cardCost(feb29, undefined)).perYear).toBe(84);
    });

    it('counts a one-day cycle 365.2425 times a year, leap days included', () => {
      expect(recurring(cardCost(card(cycle(days(1)), [paid('2028-02-29', 1, 'CNY')]), undefined)).perYear).toBeCloseTo(365.2425, 10);
    });
  });
});

describe('totalsByCurrency and convertTotals', () => {
  const costs = [
    cardCost(card(cycle(months(1)), [paid('2026-02-01', 10, 'USD')]), undefined),
    cardCost(card(cycle(months(6)), [paid('2026-02-01', 30, 'USD')]), undefined),
    cardCost(card(cycle(months(12)), [paid('2026-02-01', 10, 'GBP')]), undefined),
    cardCost(card(cycle(days(30))), undefined),
  ];

  it('adds up each currency apart, and leaves out cards with no price', () => {
    expect(totalsByCurrency(costs)).toEqual([
      { currency: 'USD', perYear: 180, perMonth: 15, cards: 2 },
      { currency: 'GBP', perYear: 10, perMonth: 10 / 12, cards: 1 },
    ]);
  });

  it('gives one total at the user’s rates, naming a currency with no rate instead of guessing', () => {
    const totals = totalsByCurrency(costs);
    expect(convertTotals(totals, { homeCurrency: 'CNY', rates: { USD: 7, GBP: 9 } })).toEqual({
      currency: 'CNY',
      perYear: 180 * 7 + 10 * 9,
      perMonth: 15 * 7 + (10 / 12) * 9,
      missing: [],
    });
    expect(convertTotals(totals, { homeCurrency: 'USD', rates: {} })).toEqual({
      currency: 'USD',
      perYear: 180,
      perMonth: 15,
      missing: ['GBP'],
    });
  });

  it('ignores a rate that is zero, negative or not a number', () => {
    const totals = totalsByCurrency(costs);
    expect(convertTotals(totals, { homeCurrency: 'CNY', rates: { USD: 0, GBP: Number.NaN } }).missing).toEqual(['USD', 'GBP']);
  });
});

// Thousands of cases: given room on a shared, loaded machine.
describe('properties (seeded)', { timeout: 60_000 }, () => {
  const currencyArb = fc.constantFrom('USD', 'GBP', 'HKD', 'CNY', 'JPY', 'TWD');
  const periodArb = fc.oneof(fc.integer({ min: 1, max: 3650 }).map(days), fc.integer({ min: 1, max: 120 }).map(months));
  const dateArb = fc
    .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const paymentArb = fc.record({
    date: dateArb,
    amount: fc.double({ min: 0, max: 10_000, noNaN: true, noDefaultInfinity: true }),
    currency: currencyArb,
    kind: fc.constantFrom<CardEvent['kind']>('renewed', 'topped-up'),
  });
  const cardArb = fc.record({
    rule: fc.oneof(
      periodArb.map((period): Rule => ({ type: 'cycle', anchorDate: '2026-01-01', period })),
      periodArb.map((validity): Rule => ({ type: 'topUp', anchorDate: '2026-01-01', validity, mode: 'reset' })),
      periodArb.map((window): Rule => ({ type: 'keepAlive', anchorDate: '2026-01-01', window })),
      fc.constant<Rule>({ type: 'fixed', endDate: '2026-12-31' }),
    ),
    history: fc.array(paymentArb, { maxLength: 5 }).map((events) => events.map((event, i) => ({ ...event, id: `p${i}` }))),
  });

  it('totals per currency are the sums of the cards’ own costs', () => {
    fc.assert(
      fc.property(fc.array(cardArb, { maxLength: 20 }), (cards) => {
        const costs = cards.map((c) => cardCost(c, undefined));
        const totals = totalsByCurrency(costs);
        for (const total of totals) {
          const mine = costs.filter((cost) => cost.kind === 'recurring' && cost.price.currency === total.currency);
          const sum = mine.reduce((acc, cost) => acc + (cost.kind === 'recurring' ? cost.perYear : 0), 0);
          expect(total.cards).toBe(mine.length);
          expect(total.perYear).toBeCloseTo(sum, 6);
          expect(total.perMonth * 12).toBeCloseTo(total.perYear, 6);
        }
        expect(totals.reduce((n, total) => n + total.cards, 0)).toBe(costs.filter((cost) => cost.kind === 'recurring').length);
      }),
      { seed: 20261127, numRuns: runs(2000) },
    );
  });

  it('a recurring cost is its price times the periods in a year, and is never negative', () => {
    fc.assert(
      fc.property(cardArb, (c) => {
        const cost = cardCost(c, undefined);
        if (cost.kind !== 'recurring') return;
        expect(cost.perYear).toBeGreaterThanOrEqual(0);
        expect(cost.perYear).toBeCloseTo(cost.price.amount * periodsPerYear(cost.period), 6);
      }),
      { seed: 20261128, numRuns: runs(2000) },
    );
  });

  it('converting at rate 1 for every currency gives the plain sum; scaling one rate scales only its share', () => {
    fc.assert(
      fc.property(fc.array(cardArb, { maxLength: 20 }), fc.double({ min: 0.001, max: 1000, noNaN: true }), (cards, factor) => {
        const totals = totalsByCurrency(cards.map((c) => cardCost(c, undefined)));
        const ones = Object.fromEntries(totals.map((total) => [total.currency, 1]));
        const identity = convertTotals(totals, { homeCurrency: 'EUR', rates: ones });
        const sum = totals.reduce((acc, total) => acc + total.perYear, 0);
        expect(identity.missing).toEqual([]);
        expect(identity.perYear).toBeCloseTo(sum, 6);
        const usd = totals.find((total) => total.currency === 'USD')?.perYear ?? 0;
        const scaled = convertTotals(totals, { homeCurrency: 'EUR', rates: { ...ones, USD: factor } });
        expect(scaled.perYear).toBeCloseTo(sum - usd + usd * factor, 4);
      }),
      { seed: 20261129, numRuns: runs(2000) },
    );
  });
});

describe('formatMoney', () => {
  it('writes money the way the user’s language does', () => {
    expect(formatMoney(3.0437, 'USD', 'en-US')).toBe('$3.04');
    expect(formatMoney(36.5, 'CNY', 'zh-CN')).toBe('¥36.50');
    expect(formatMoney(1000, 'JPY', 'en-US')).toBe('¥1,000');
  });
});
