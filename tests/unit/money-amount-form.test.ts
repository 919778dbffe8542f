import { describe, expect, it } from 'vitest';
import { currenciesInUse, moneyOfForm } from '../../lib/money/amount-form';

describe('moneyOfForm', () => {
  it.each([
    [
      { amount: '3', currency: 'USD' },
      { amount: 3, currency: 'USD' },
    ],
    [
      { amount: ' 3.50 ', currency: ' gbp ' },
      { amount: 3.5, currency: 'GBP' },
    ],
    [
      { amount: '3,50', currency: 'EUR' },
      { amount: 3.5, currency: 'EUR' },
    ],
    [
      { amount: '0', currency: 'CNY' },
      { amount: 0, currency: 'CNY' },
    ],
    [
      { amount: '.5', currency: 'HKD' },
      { amount: 0.5, currency: 'HKD' },
    ],
  ])('reads %o', (form, money) => {
    expect(moneyOfForm(form)).toEqual({ ok: true, money });
  });

  it('reads an empty amount as no amount, whatever the currency says', () => {
    expect(moneyOfForm({ amount: '  ', currency: 'x' })).toEqual({ ok: true, money: null });
  });

  it.each([
    [{ amount: '-3', currency: 'USD' }, { amount: 'form_errorAmount' }],
    [{ amount: '3e2', currency: 'USD' }, { amount: 'form_errorAmount' }],
    [
      { amount: 'three', currency: 'US' },
      { amount: 'form_errorAmount', currency: 'form_errorCurrency' },
    ],
    [{ amount: '3', currency: '' }, { currency: 'form_errorCurrency' }],
    [{ amount: '3', currency: 'US$' }, { currency: 'form_errorCurrency' }],
  ])('names the field at fault in %o', (form, errors) => {
    expect(moneyOfForm(form)).toEqual({ ok: false, errors });
  });
});

describe('currenciesInUse', () => {
  it('lists the currencies paid in, most used first, then by code', () => {
    const cards = [{ history: [{ currency: 'USD' }, { currency: 'USD' }, {}] }, { history: [{ currency: 'GBP' }, { currency: 'HKD' }] }];
    expect(currenciesInUse(cards)).toEqual(['USD', 'GBP', 'HKD']);
    expect(currenciesInUse(cards, ['CNY', 'CNY', 'CNY'])).toEqual(['CNY', 'USD', 'GBP', 'HKD']);
  });
});
