import { memo } from 'react';
import type { Card, EventKind } from '../lib/cards/schema';
import type { Countdown, CountdownProblem } from '../lib/cards/countdown';
import { countdownText, dueText, problemText, QUICK_LABEL } from '../lib/cards/countdown-text';
import { t, tPlural } from '../lib/browser/i18n';
import { maskPhoneNumber } from '../lib/cards/ops';
import { StatusBadge } from './StatusBadge';
import { CheckIcon, ExternalIcon, PauseIcon } from './icons';
import { formatWhenInZone } from '../lib/dates/format';
import { canSnoozeAt, snoozedUntilOf } from '../lib/reminders/plan';
import { telHref } from '../lib/cards/hotline';
import { offersRenewalSite } from '../lib/cards/renewal-site';
import { formatMoney } from '../lib/money/format';
import type { SuggestedPrice } from '../lib/money/price';

export interface PopupCardProps {
  card: Card;
  countdown: Countdown;
  providerName: string | null;
  quickKind: EventKind | null;
  /** The stored cards are from a newer release: nothing that writes is offered. */
  readOnly?: boolean;
  userTimeZone: string;
  language: string;
  now: Date;
  onRenew: (card: Card) => void;
  onQuick: (card: Card, kind: EventKind) => void;
  onEdit: (card: Card) => void;
  onSnooze: (card: Card) => void;
  /** The amount a one-tap payment records, shown on its button; absent or `null`: none known. */
  quickPrice?: SuggestedPrice | null;
  /** Opens the card's app link through the same guard as Renew; absent: no App button. */
  onOpenApp?: (card: Card) => void;
  /** Copies the card's hotline; absent: the hotline shows without a Copy button. */
  onCopyHotline?: (card: Card) => void;
}

/**
 * A card whose dates cannot be worked out: its name, why, and Edit (to fix the
 * date) and Renew (the carrier's page still works). The other cards are not affected.
 */
export function PopupCardProblem(props: { card: Card; problem: CountdownProblem | undefined; onEdit: (card: Card) => void }) {
  const { card } = props;
  return (
    <li className="card card-cannot-compute" data-card-id={card.id} aria-label={card.label}>
      <div className="card-main">
        <div className="card-title">
          <span className="card-label">{card.label}</span>
        </div>
        <StatusBadge status="cannot-compute" />
      </div>
      <p className="card-problem" data-testid="card-problem">
        {problemText(props.problem)}
      </p>
      <div className="card-actions">
        <button
          type="button"
          className="button"
          onClick={() => props.onEdit(card)}
          aria-label={t('action_forCardLabel', [t('action_edit'), card.label])}
        >
          {t('action_edit')}
        </button>
      </div>
    </li>
  );
}

/** One card in the popup: what it is, how long it has, and the one or two things to do about it. */
export const PopupCard = memo(function PopupCard(props: PopupCardProps) {
  const { card, countdown, providerName, quickKind, userTimeZone, language, now } = props;
  if (countdown.status === 'cannot-compute') return <PopupCardProblem card={card} problem={countdown.problem} onEdit={props.onEdit} />;
  const masked = maskPhoneNumber(card.phoneNumber);
  const progress = countdown.progress;
  const snoozedMs = snoozedUntilOf(card);
  const snoozedUntil = snoozedMs === null ? null : new Date(snoozedMs);
  const snoozed = snoozedUntil !== null && snoozedUntil.getTime() > now.getTime();
  const canSnooze = !props.readOnly && canSnoozeAt(card, countdown.status, now);
  const { quickPrice, onOpenApp, onCopyHotline } = props;
  const price = quickPrice ? formatMoney(quickPrice.amount, quickPrice.currency, language) : null;
  const quickWords = quickKind ? t(QUICK_LABEL[quickKind]) : '';
  const hotline = card.channels.hotline.trim();
  const dial = hotline ? telHref(hotline) : null;
  // Each action in order, keyed; only those this card offers.
  const actions = [
    offersRenewalSite(card) && (
      <button
        key="renew"
        type="button"
        className="button primary"
        onClick={() => props.onRenew(card)}
        aria-label={t('action_forCardNewTabLabel', [t('action_renew'), card.label])}
      >
        {t('action_renew')} <ExternalIcon />
      </button>
    ),
    card.channels.app && onOpenApp && (
      <button
        key="app"
        type="button"
        className="button"
        onClick={() => onOpenApp(card)}
        aria-label={t('action_openAppLabel', card.label)}
        title={card.channels.app}
      >
        {t('action_openApp')} <ExternalIcon />
      </button>
    ),
    quickKind && (
      <button
        key="quick"
        type="button"
        className="button"
        onClick={() => props.onQuick(card, quickKind)}
        title={quickPrice && price ? t(quickPrice.source === 'payment' ? 'popup_priceLast' : 'popup_priceCatalog', price) : undefined}
        // The words as shown (with the price), then the card: "Record renewal · $3.00 “紫卡”".
        aria-label={t('action_forCardLabel', [price ? `${quickWords} · ${price}` : quickWords, card.label])}
      >
        <CheckIcon /> {quickWords}
        {price && <span className="quick-price"> · {price}</span>}
      </button>
    ),
    canSnooze && (
      <button
        key="snooze"
        type="button"
        className="button subtle"
        onClick={() => props.onSnooze(card)}
        title={t('popup_snoozeHint')}
        aria-label={t('action_forCardLabel', [t('action_snooze'), card.label])}
      >
        <PauseIcon /> {t('action_snooze')}
      </button>
    ),
    <button
      key="edit"
      type="button"
      className="button subtle"
      onClick={() => props.onEdit(card)}
      aria-label={t('action_forCardLabel', [t('action_edit'), card.label])}
    >
      {t('action_edit')}
    </button>,
  ].filter(Boolean);
  return (
    <li className={`card card-${countdown.status}`} data-card-id={card.id} aria-label={card.label}>
      <div className="card-main">
        <div className="card-title">
          <span className="card-label">{card.label}</span>
          <span className="card-meta">
            {providerName && <span className="nowrap">{providerName}</span>}
            {/* The separator travels with the number, so a line never ends on a lone "·". */}
            {providerName && masked && ' '}
            {masked && <span className="nowrap">{providerName ? `· ${masked}` : masked}</span>}
          </span>
        </div>
        <div className="card-countdown" data-testid="countdown">
          {countdownText(countdown)}
        </div>
      </div>
      <div className="card-sub">
        <StatusBadge status={countdown.status} />
        <span className="card-due">{dueText(card, countdown, userTimeZone, language, now)}</span>
      </div>
      {countdown.status === 'overdue' && countdown.daysToLost !== null && (
        <div className="card-warning">
          {countdown.daysToLost <= 0 ? t('countdown_lostToday') : tPlural('countdown_lostIn', countdown.daysToLost)}
        </div>
      )}
      {progress !== null && (
        <div
          className="progress"
          role="progressbar"
          aria-label={t('popup_periodUsed')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress * 100)}
          title={t('popup_periodUsedPercent', Math.round(progress * 100))}
        >
          <div className="progress-fill" style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
      )}
      {snoozed && (
        <div className="card-snoozed muted">
          <PauseIcon /> {t('popup_snoozedUntil', formatWhenInZone(snoozedUntil, userTimeZone, language, now))}
        </div>
      )}
      {hotline && (
        <div className="card-channels">
          <span className="muted">{t('popup_hotline')}</span>{' '}
          {dial ? (
            <a href={dial} aria-label={t('action_callLabel', [hotline, card.label])}>
              {hotline}
            </a>
          ) : (
            <span>{hotline}</span>
          )}
          {onCopyHotline && (
            <button
              type="button"
              className="link-button"
              onClick={() => onCopyHotline(card)}
              aria-label={t('action_copyHotlineLabel', card.label)}
            >
              {t('action_copy')}
            </button>
          )}
        </div>
      )}
      <div className="card-actions">
        {/* The last two actions wrap together, so Edit never sits alone on a line (first-paint.ts does the same). */}
        {actions.slice(0, -2)}
        <span className="card-actions-end">{actions.slice(-2)}</span>
      </div>
    </li>
  );
});
