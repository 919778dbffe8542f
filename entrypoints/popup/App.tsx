import { useCallback, useMemo, useState } from 'react';
import type { Card, EventKind } from '../../lib/cards/schema';
import { recordEvent, removeEvent } from '../../lib/store/card-actions';
import { cannotCompute, cardsByDeadline, quickEventKind } from '../../lib/cards/countdown';
import { t, tPlural, uiLanguage } from '../../lib/browser/i18n';
import { newId } from '../../lib/cards/ops';
import { openOptionsPage, openSafeLink } from '../../lib/browser/open-link';
import { closeIfPopup } from '../../lib/browser/close-popup';
import { useCardsSnapshot, useNow, useSettings } from '../../components/hooks';
import { PopupCard, PopupCardProblem } from '../../components/PopupCard';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { Toast, type ToastMessage } from '../../components/Toast';
import { providerName } from '../../lib/providers/display-name';
import { linkOfficialStatus } from '../../lib/providers/official-host';
import { providerById } from '../../lib/providers/catalog';
import { snoozeCard } from '../../lib/reminders/snooze';

export function PopupApp() {
  const snapshot = useCardsSnapshot();
  const { settings } = useSettings();
  const now = useNow();
  const language = uiLanguage();
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const clearToast = useCallback(() => setToast(null), []);

  const rows = useMemo(() => cardsByDeadline(snapshot?.cards ?? [], now, settings.timeZone), [snapshot, now, settings.timeZone]);

  // A renewal link off the provider's official domains waits for the user's confirmation.
  const [confirming, setConfirming] = useState<{ card: Card; provider: string } | null>(null);

  const openRenewal = useCallback(async (card: Card) => {
    setConfirming(null);
    const opened = await openSafeLink(card.channels.website);
    if (!opened) setToast({ id: Date.now(), tone: 'error', text: t('popup_unsafeLink') });
    else await closeIfPopup();
  }, []);

  const onRenew = useCallback(
    (card: Card) => {
      const provider = card.providerId ? providerById(card.providerId) : undefined;
      if (provider && linkOfficialStatus(card.channels.website, provider) !== 'official') {
        setConfirming({ card, provider: providerName(provider.id, language) ?? provider.id });
      } else void openRenewal(card);
    },
    [language, openRenewal],
  );

  const onQuick = useCallback(async (card: Card, kind: EventKind) => {
    const eventId = newId();
    await recordEvent(card.id, { kind, id: eventId }, new Date());
    setToast({
      id: Date.now(),
      text: t('popup_recorded', card.label),
      action: { label: t('action_undo'), run: () => void removeEvent(card.id, eventId, new Date()) },
    });
  }, []);

  const onSnooze = useCallback(async (card: Card) => {
    await snoozeCard(card.id, new Date());
    setToast({ id: Date.now(), text: t('popup_snoozed', card.label) });
  }, []);

  const onEdit = useCallback((card: Card) => void openOptionsPage(card.id).then(closeIfPopup), []);

  if (!snapshot) return <main className="popup" aria-busy="true" />;

  return (
    <main className="popup">
      <header className="popup-header">
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>{t('extName')}</h1>
        <button
          type="button"
          className="icon-button"
          title={t('popup_openOptions')}
          aria-label={t('popup_openOptions')}
          onClick={() => void openOptionsPage().then(closeIfPopup)}
        >
          ⚙
        </button>
      </header>
      {snapshot.invalid.length > 0 && (
        <p className="banner banner-error" role="alert">
          {tPlural('popup_invalidStored', snapshot.invalid.length)}
        </p>
      )}
      {rows.length === 0 ? (
        <section className="empty">
          <h2>{t('popup_emptyTitle')}</h2>
          <p>{t('popup_emptyBody')}</p>
          <button type="button" className="button primary" onClick={() => void openOptionsPage('new').then(closeIfPopup)}>
            {t('popup_addFirst')}
          </button>
        </section>
      ) : (
        <ul className="card-list">
          {rows.map(({ card, countdown }) => (
            <ErrorBoundary
              key={card.id}
              where={`card ${card.id}`}
              fallback={(error) => <PopupCardProblem card={card} problem={cannotCompute(error).problem} onEdit={onEdit} />}
            >
              <PopupCard
                card={card}
                countdown={countdown}
                providerName={providerName(card.providerId, language)}
                quickKind={quickEventKind(card)}
                userTimeZone={settings.timeZone}
                language={language}
                now={now}
                onRenew={onRenew}
                onQuick={onQuick}
                onEdit={onEdit}
                onSnooze={onSnooze}
              />
            </ErrorBoundary>
          ))}
        </ul>
      )}
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">⚠ {t('provider_link_unofficial_confirm', confirming.provider)}</p>
          <p className="confirm-url">{confirming.card.channels.website}</p>
          <div className="row">
            <button type="button" className="button danger" onClick={() => void openRenewal(confirming.card)}>
              {t('popup_openAnyway')}
            </button>
            {/* biome-ignore lint/a11y/noAutofocus: the safe choice (Cancel) takes focus so Enter never opens an unofficial link */}
            <button type="button" className="button primary" autoFocus onClick={() => setConfirming(null)}>
              {t('action_cancel')}
            </button>
          </div>
        </div>
      )}
      <Toast message={toast} onDone={clearToast} />
    </main>
  );
}
