import type { MessageKey } from '../browser/i18n';
import type { Money } from './price';

/** What the amount field and currency field of a payment hold, as typed. */
export interface AmountForm {
  amount: string;
  currency: string;
}

/**
 * The money an amount form stands for: `null` when the amount is left empty
 * (the payment keeps no amount), or a message per field at fault. A comma
 * decimal ("3,50") is read as a point, as many users type it.
 *
 * @example
 * moneyOfForm({ amount: ' 3,50 ', currency: 'usd' }) //=> { ok: true, money: { amount: 3.5, currency: 'USD' } }
 */
export function moneyOfForm(
  form: AmountForm,
): { ok: true; money: Money | null } | { ok: false; errors: Partial<Record<keyof AmountForm, MessageKey>> } {
  const text = form.amount.trim().replace(',', '.');
  if (text === '') return { ok: true, money: null };
  const errors: Partial<Record<keyof AmountForm, MessageKey>> = {};
  const amount = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(amount)) errors.amount = 'form_errorAmount';
  const currency = form.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'form_errorCurrency';
  if (errors.amount || errors.currency) return { ok: false, errors };
  return { ok: true, money: { amount, currency } };
}

/** The currencies the user has paid in, most used first: what a currency field offers. */
export function currenciesInUse(cards: readonly { history: readonly { currency?: string }[] }[], extra: readonly string[] = []): string[] {
  const counts = new Map<string, number>();
  for (const code of extra) counts.set(code, (counts.get(code) ?? 0) + 1);
  for (const card of cards)
    for (const event of card.history) if (event.currency) counts.set(event.currency, (counts.get(event.currency) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code]) => code);
}
