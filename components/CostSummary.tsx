import { useEffect, useState, type FormEvent } from 'react';
import { t } from '../lib/browser/i18n';
import { convertTotals } from '../lib/money/convert';
import type { CardCost, CurrencyTotal } from '../lib/money/cost';
import { formatMoney } from '../lib/money/format';
import type { ConversionSettings } from '../lib/store/settings-schema';
import { updateSettings } from '../lib/store/storage';

export interface CostSummaryProps {
  costs: readonly CardCost[];
  totals: readonly CurrencyTotal[];
  conversion: ConversionSettings | null;
  language: string;
}

/** What keeping every number costs: a total per currency, and one total at the user's own rates. */
export function CostSummary({ costs, totals, conversion, language }: CostSummaryProps) {
  const unpriced = costs.filter((cost) => cost.kind === 'no-price').length;
  const converted = conversion && totals.length > 0 ? convertTotals(totals, conversion) : null;
  return (
    <section className="cost-summary" aria-labelledby="cost-title">
      <h2 id="cost-title">{t('cost_title')}</h2>
      {totals.length === 0 ? (
        <p className="muted">{t('cost_none')}</p>
      ) : (
        <table className="card-table cost-table">
          <thead>
            <tr>
              <th scope="col">{t('cost_colCurrency')}</th>
              <th scope="col" className="num">
                {t('cost_colYear')}
              </th>
              <th scope="col" className="num">
                {t('cost_colMonth')}
              </th>
              <th scope="col" className="num">
                {t('cost_colCards')}
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.map((total) => (
              <tr key={total.currency} data-currency={total.currency}>
                <th scope="row">{total.currency}</th>
                <td className="num" data-testid={`total-year-${total.currency}`}>
                  <strong>{formatMoney(total.perYear, total.currency, language)}</strong>
                </td>
                <td className="num">{formatMoney(total.perMonth, total.currency, language)}</td>
                <td className="num">{total.cards}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {converted && (
        <p className="cost-total" data-testid="converted-total">
          {t('cost_total', [
            formatMoney(converted.perYear, converted.currency, language),
            formatMoney(converted.perMonth, converted.currency, language),
          ])}
          {converted.missing.length > 0 && <span className="muted"> · {t('cost_missingRates', converted.missing.join(', '))}</span>}
        </p>
      )}
      {unpriced > 0 && <p className="muted">{t('cost_unpriced', unpriced)}</p>}
      <RatesEditor conversion={conversion} currencies={totals.map((total) => total.currency)} />
    </section>
  );
}

interface RatesDraft {
  homeCurrency: string;
  rates: Record<string, string>;
}

const CODE = /^[A-Z]{3}$/;

/**
 * Rates typed in by hand: the user's currency and, for each currency their
 * cards cost money in, what one unit is worth in it. Rates for currencies no
 * card uses today are kept, so they are there when such a card comes back.
 */
function RatesEditor({ conversion, currencies }: { conversion: ConversionSettings | null; currencies: readonly string[] }) {
  const draftOf = (): RatesDraft => ({
    homeCurrency: conversion?.homeCurrency ?? '',
    rates: Object.fromEntries(Object.entries(conversion?.rates ?? {}).map(([code, rate]) => [code, String(rate)])),
  });
  const [draft, setDraft] = useState<RatesDraft>(draftOf);
  const [errors, setErrors] = useState<Record<string, boolean>>({});
  const [saved, setSaved] = useState(false);
  // Refill only when the stored rates change in value (another page saved them). The settings object is
  // made anew on every read of storage, so a dependency on its identity wiped what the user was typing
  // whenever the settings were read again (a late first load on a busy machine, any other setting saved).
  const storedKey = JSON.stringify(conversion ?? null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: storedKey stands for `conversion` by value
  useEffect(() => setDraft(draftOf()), [storedKey]);

  const home = draft.homeCurrency.trim().toUpperCase();
  const shown = [...new Set([...currencies, ...Object.keys(draft.rates)])].filter((code) => code !== home).sort();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const problems: Record<string, boolean> = {};
    if (!CODE.test(home)) problems.home = true;
    const rates: Record<string, number> = {};
    for (const code of shown) {
      const text = (draft.rates[code] ?? '').trim().replace(',', '.');
      if (text === '') continue;
      const rate = Number(text);
      if (!/^\d*\.?\d+$/.test(text) || !(rate > 0)) problems[code] = true;
      else rates[code] = rate;
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    await updateSettings((stored) => ({ ...stored, conversion: { homeCurrency: home, rates } }));
    setSaved(true);
  };

  const clear = async () => {
    await updateSettings(({ conversion: _gone, ...rest }) => rest);
    setSaved(false);
  };

  return (
    <details className="rates" open={conversion !== null || undefined}>
      <summary>{t('rates_title')}</summary>
      <p className="muted">{t('rates_note')}</p>
      <form onSubmit={submit} noValidate>
        <div className="row">
          <div className={`field${errors.home ? ' field-invalid' : ''}`}>
            <label htmlFor="rates-home">{t('rates_home')}</label>
            <input
              id="rates-home"
              maxLength={3}
              placeholder="CNY"
              value={draft.homeCurrency}
              aria-invalid={errors.home ?? false}
              aria-describedby={errors.home ? 'rates-home-error' : undefined}
              onChange={(event) => setDraft({ ...draft, homeCurrency: event.target.value.toUpperCase() })}
            />
            {errors.home && (
              <div className="field-error" id="rates-home-error" role="alert">
                {t('form_errorCurrency')}
              </div>
            )}
          </div>
          {CODE.test(home) &&
            shown.map((code) => (
              <div key={code} className={`field${errors[code] ? ' field-invalid' : ''}`}>
                <label htmlFor={`rate-${code}`}>{t('rates_rate', [code, home])}</label>
                <input
                  id={`rate-${code}`}
                  inputMode="decimal"
                  value={draft.rates[code] ?? ''}
                  aria-invalid={errors[code] ?? false}
                  aria-describedby={errors[code] ? `rate-${code}-error` : undefined}
                  onChange={(event) => setDraft({ ...draft, rates: { ...draft.rates, [code]: event.target.value } })}
                />
                {errors[code] && (
                  <div className="field-error" id={`rate-${code}-error`} role="alert">
                    {t('rates_errorRate')}
                  </div>
                )}
              </div>
            ))}
        </div>
        <div className="row rates-actions">
          <button type="submit" className="button primary">
            {t('rates_save')}
          </button>
          {conversion && (
            <button type="button" className="button subtle" onClick={() => void clear()}>
              {t('rates_clear')}
            </button>
          )}
          {saved && (
            <span role="status" className="muted">
              {t('rates_saved')}
            </span>
          )}
        </div>
      </form>
    </details>
  );
}
