import { useState, type FormEvent } from 'react';
import { t, type MessageKey } from '../lib/browser/i18n';
import { moneyOfForm, type AmountForm } from '../lib/money/amount-form';
import type { Money } from '../lib/money/price';
import { Field } from './Field';

export interface AmountDialogProps {
  cardLabel: string;
  initial: AmountForm;
  /** Currencies to offer as the user types (those already paid in). */
  currencies: readonly string[];
  onSave: (money: Money | null) => void;
  onCancel: () => void;
}

/**
 * Corrects the amount a one-tap "Renewed" or "Topped up" recorded. The amount
 * takes focus with its text selected, so typing replaces it; Enter saves,
 * Escape cancels. An empty amount keeps the payment without one.
 */
export function AmountDialog({ cardLabel, initial, currencies, onSave, onCancel }: AmountDialogProps) {
  const [form, setForm] = useState<AmountForm>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof AmountForm, MessageKey>>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = moneyOfForm(form);
    if (!result.ok) setErrors(result.errors);
    else onSave(result.money);
  };
  return (
    <form
      className="confirm amount-dialog"
      role="dialog"
      aria-labelledby="amount-title"
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <p id="amount-title">
        <strong>{t('popup_amountTitle', cardLabel)}</strong>
      </p>
      <div className="row">
        <Field id="quick-amount" label={t('history_amount')} error={errors.amount}>
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              // biome-ignore lint/a11y/noAutofocus: the dialog opens for this one field; focus goes where the user is about to type
              autoFocus
              onFocus={(event) => event.currentTarget.select()}
              value={form.amount}
              onChange={(event) => setForm({ ...form, amount: event.target.value })}
            />
          )}
        </Field>
        <Field id="quick-currency" label={t('history_currency')} error={errors.currency}>
          {(props) => (
            <input
              {...props}
              list="quick-currencies"
              maxLength={3}
              autoCapitalize="characters"
              value={form.currency}
              onChange={(event) => setForm({ ...form, currency: event.target.value.toUpperCase() })}
            />
          )}
        </Field>
        <datalist id="quick-currencies">
          {currencies.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
      </div>
      <p className="muted">{t('popup_amountHint')}</p>
      <div className="row">
        <button type="submit" className="button primary">
          {t('action_saveAmount')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('action_cancel')}
        </button>
      </div>
    </form>
  );
}
