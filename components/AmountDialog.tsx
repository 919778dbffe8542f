import { useState, type FormEvent } from 'react';
import { t, type MessageKey } from '../lib/browser/i18n';
import { moneyOfForm, type AmountForm } from '../lib/money/amount-form';
import type { Money } from '../lib/money/price';
import { Field } from './Field';
import { useModalDialog } from './modal';

export interface AmountDialogProps {
  cardLabel: string;
  initial: AmountForm;
  /** Currencies to offer as the user types (those already paid in). */
  currencies: readonly string[];
  onSave: (money: Money | null) => void;
  onCancel: () => void;
  /** Where focus goes when the dialog closes and the control that opened it is gone (the toast's button). */
  returnFocus?: () => void;
}

/**
 * Corrects the amount a one-tap "Renewed" or "Topped up" recorded. The amount
 * takes focus with its text selected, so typing replaces it; Enter saves,
 * Escape cancels. An empty amount keeps the payment without one. A modal dialog:
 * Tab stays inside, and focus goes back to what opened it (or `returnFocus`).
 */
export function AmountDialog({ cardLabel, initial, currencies, onSave, onCancel, returnFocus }: AmountDialogProps) {
  const dialog = useModalDialog(onCancel, returnFocus);
  const [form, setForm] = useState<AmountForm>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof AmountForm, MessageKey>>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = moneyOfForm(form);
    if (!result.ok) setErrors(result.errors);
    else onSave(result.money);
  };
  return (
    <dialog ref={dialog} className="confirm amount-dialog" aria-labelledby="amount-title">
      <form onSubmit={submit}>
        <p id="amount-title">
          <strong>{t('popup_amountTitle', cardLabel)}</strong>
        </p>
        <div className="row">
          <Field id="quick-amount" label={t('history_amount')} error={errors.amount}>
            {(props) => (
              <input
                {...props}
                inputMode="decimal"
                // The dialog opens for this one field: focus goes where the user is about to type.
                data-autofocus
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
    </dialog>
  );
}
