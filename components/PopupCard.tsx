import { memo } from 'react';
import type { Card, EventKind } from '../lib/cards/schema';
import type { Countdown, CountdownProblem } from '../lib/cards/countdown';
import { countdownText, dueText, problemText } from '../lib/cards/countdown-text';
import { t, tPlural, type MessageKey } from '../lib/browser/i18n';
import { maskPhoneNumber } from '../lib/cards/ops';
import { StatusBadge } from './StatusBadge';
import { formatPlainDate, formatTimeInZone } from '../lib/dates/format';
import { plainDateInZone } from '../lib/dates/plain-date';
import { snoozedUntilOf } from '../lib/reminders/plan';

const QUICK_LABEL: Record<EventKind, MessageKey> = {
  renewed: 'action_renewed',
  used: 'action_usedToday',
  'topped-up': 'action_toppedUp',
  activated: 'action_activated',
  'carrier-date': 'action_renewed',
};

export interface PopupCardProps {
  card: Card;
  countdown: Countdown;
  providerName: string | null;
  quickKind: EventKind | null;
  userTimeZone: string;
  language: string;
  now: Date;
  onRenew: (card: Card) => void;
  onQuick: (card: Card, kind: EventKind) => void;
  onEdit: (card: Card) => void;
  onSnooze: (card: Card) => void;
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
        <button type="button" className="button" onClick={() => props.onEdit(card)}>
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
  // Snoozing is offered where reminders are coming: on, and the deadline within a week or passed.
  const canSnooze = card.reminders?.enabled !== false && !snoozed && ['soon', 'urgent', 'overdue'].includes(countdown.status);
  return (
    <li className={`card card-${countdown.status}`} data-card-id={card.id} aria-label={card.label}>
      <div className="card-main">
        <div className="card-title">
          <span className="card-label">{card.label}</span>
          <span className="card-meta">
            {providerName && <span className="nowrap">{providerName}</span>}
            {providerName && masked && ' · '}
            {masked && <span className="nowrap">{masked}</span>}
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
          ⏸{' '}
          {t(
            'popup_snoozedUntil',
            `${formatPlainDate(plainDateInZone(snoozedUntil, userTimeZone), language)} ${formatTimeInZone(snoozedUntil, userTimeZone, language)}`,
          )}
        </div>
      )}
      <div className="card-actions">
        {card.channels.website && (
          <button type="button" className="button primary" onClick={() => props.onRenew(card)}>
            {t('action_renew')} ↗
          </button>
        )}
        {quickKind && (
          <button type="button" className="button" onClick={() => props.onQuick(card, quickKind)}>
            ✓ {t(QUICK_LABEL[quickKind])}
          </button>
        )}
        {canSnooze && (
          <button type="button" className="button subtle" onClick={() => props.onSnooze(card)} title={t('popup_snoozeHint')}>
            ⏸ {t('action_snooze')}
          </button>
        )}
        <button type="button" className="button subtle" onClick={() => props.onEdit(card)}>
          {t('action_edit')}
        </button>
      </div>
    </li>
  );
});
