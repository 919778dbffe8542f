import { t } from '../lib/browser/i18n';
import type { Period } from '../lib/cards/schema';
import { formatMoney } from '../lib/money/format';
import type { CardCost } from '../lib/money/cost';

/** "$3.00 every 30 days", "HK$50.00 every month": what one payment buys. */
export function everyPeriodText(amount: string, period: Period): string {
  if (period.unit === 'days') return period.count === 1 ? t('cost_everyDay', amount) : t('cost_everyDays', [amount, period.count]);
  return period.count === 1 ? t('cost_everyMonth', amount) : t('cost_everyMonths', [amount, period.count]);
}

/** One card's cost to keep, per year first (the figure a 保号 user weighs), then per month and per payment. */
export function CostCell({ cost, language }: { cost: CardCost; language: string }) {
  if (cost.kind !== 'recurring') {
    const text =
      cost.kind === 'one-off'
        ? cost.paid
          ? t('cost_oneOff', formatMoney(cost.paid.amount, cost.paid.currency, language))
          : t('cost_oneOffUnknown')
        : t(cost.kind === 'use-only' ? 'cost_useOnly' : 'cost_noPrice');
    return <span className="muted">{text}</span>;
  }
  const money = (amount: number) => formatMoney(amount, cost.price.currency, language);
  return (
    <div className="cost-cell">
      <strong>{t('cost_perYear', money(cost.perYear))}</strong>
      <div className="muted">{t('cost_perMonth', money(cost.perMonth))}</div>
      <div className="muted">
        {everyPeriodText(money(cost.price.amount), cost.period)}
        {cost.price.source === 'catalog' && ` ${t('cost_fromCatalog')}`}
      </div>
    </div>
  );
}
