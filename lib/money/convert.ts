import type { CurrencyTotal } from './cost';

/**
 * Conversion rates the user typed in: one unit of `currency` is worth
 * `rates[currency]` of `homeCurrency`. No rate service is ever asked.
 */
export interface ConversionRates {
  homeCurrency: string;
  rates: Readonly<Record<string, number>>;
}

/** The rate from `currency` to the home currency: 1 for the home currency itself, `null` when the user has not given one. */
export function rateOf(currency: string, conversion: ConversionRates): number | null {
  if (currency === conversion.homeCurrency) return 1;
  const rate = conversion.rates[currency];
  return rate !== undefined && Number.isFinite(rate) && rate > 0 ? rate : null;
}

/** `amount` of `currency` in the home currency, or `null` without a rate. */
export function convertAmount(amount: number, currency: string, conversion: ConversionRates): number | null {
  const rate = rateOf(currency, conversion);
  return rate === null ? null : amount * rate;
}

/** The per-currency totals as one total in the home currency. */
export interface ConvertedTotal {
  currency: string;
  perYear: number;
  perMonth: number;
  /** Currencies left out because no rate was given; the total is then incomplete. */
  missing: string[];
}

/**
 * One total in the user's currency. A currency without a rate is left out and
 * named in `missing`, never counted at a made-up rate.
 *
 * @example
 * convertTotals([{ currency: 'USD', perYear: 36, … }, { currency: 'GBP', perYear: 20, … }], { homeCurrency: 'CNY', rates: { USD: 7 } })
 * //=> { currency: 'CNY', perYear: 252, perMonth: 21, missing: ['GBP'] }
 */
export function convertTotals(totals: readonly CurrencyTotal[], conversion: ConversionRates): ConvertedTotal {
  const result: ConvertedTotal = { currency: conversion.homeCurrency, perYear: 0, perMonth: 0, missing: [] };
  for (const total of totals) {
    const rate = rateOf(total.currency, conversion);
    if (rate === null) {
      result.missing.push(total.currency);
      continue;
    }
    result.perYear += total.perYear * rate;
    result.perMonth += total.perMonth * rate;
  }
  return result;
}
