import { useCallback, useMemo, useState } from 'react';
import type { Card, EventKind } from '../../lib/cards/schema';
import { recordEvent, removeEvent } from '../../lib/store/card-actions';
import { cannotCompute, cardsByDeadline, quickEventKind } from '../../lib/cards/countdown';
import { t, tPlural, uiLanguage } from '../../lib/browser/i18n';
import { newId } from '../../lib/cards/ops';
import { openOptionsPage } from '../../lib/browser/open-link';
import { closeIfPopup } from '../../lib/browser/close-popup';
import { useCardsSnapshot, useNow, useSettings } from '../../components/hooks';
import { PopupCard, PopupCardProblem } from '../../components/PopupCard';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { Toast, type ToastMessage } from '../../components/Toast';
import { providerName } from '../../lib/providers/display-name';
import type { LinkOpenDecision } from '../../lib/providers/link-decision';
import { openRenewalPage } from '../../lib/providers/open-renewal';
import { snoozeCard } from '../../lib/reminders/snooze';
import { NewerDataError } from '../../lib/store/storage';
import { LinkConfirmation } from '../../components/LinkConfirmation';

export function PopupApp() {
  const snapshot = useCardsSnapshot();
  const { settings } = useSettings();
  const now = useNow();
  const language = uiLanguage();
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const clearToast = useCallback(() => setToast(null), []);

  const rows = useMemo(() => cardsByDeadline(snapshot?.cards ?? [], now, settings.timeZone), [snapshot, now, settings.timeZone]);

  // A renewal link the gate asks about waits for the user's confirmation.
  const [confirming, setConfirming] = useState<{ card: Card; decision: Extract<LinkOpenDecision, { action: 'ask' }> } | null>(null);

  // Every Renew goes through the gate: it opens, asks (the confirmation below), or refuses.
  const onRenew = useCallback(async (card: Card, confirmedUrl?: string) => {
    setConfirming(null);
    const decision = await openRenewalPage(card, confirmedUrl);
    if (decision.action === 'refuse') setToast({ id: Date.now(), tone: 'error', text: t('popup_unsafeLink') });
    else if (decision.action === 'ask' && decision.url !== confirmedUrl) setConfirming({ card, decision });
    else await closeIfPopup();
  }, []);

  const failed = useCallback((error: unknown) => {
    const text = error instanceof NewerDataError ? t('newer_refused') : t('editor_saveFailed', String(error));
    setToast({ id: Date.now(), tone: 'error', text });
  }, []);

  const onQuick = useCallback(
    async (card: Card, kind: EventKind) => {
      const eventId = newId();
      try {
        if (!(await recordEvent(card.id, { kind, id: eventId }, new Date()))) {
          setToast({ id: Date.now(), tone: 'error', text: t('popup_cardGone', card.label) });
          return;
        }
      } catch (error) {
        failed(error);
        return;
      }
      setToast({
        id: Date.now(),
        text: t('popup_recorded', card.label),
        action: { label: t('action_undo'), run: () => void removeEvent(card.id, eventId, new Date()).catch(failed) },
      });
    },
    [failed],
  );

  const onSnooze = useCallback(
    async (card: Card) => {
      try {
        await snoozeCard(card.id, new Date());
        setToast({ id: Date.now(), text: t('popup_snoozed', card.label) });
      } catch (error) {
        failed(error);
      }
    },
    [failed],
  );

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
      {snapshot.newerVersion !== undefined && (
        <p className="banner banner-error" role="alert">
          {t('newer_cardsReadOnly', snapshot.newerVersion)}
        </p>
      )}
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
                quickKind={snapshot.newerVersion === undefined ? quickEventKind(card) : null}
                readOnly={snapshot.newerVersion !== undefined}
                userTimeZone={settings.timeZone}
                language={language}
                now={now}
                onRenew={(c) => void onRenew(c)}
                onQuick={onQuick}
                onEdit={onEdit}
                onSnooze={onSnooze}
              />
            </ErrorBoundary>
          ))}
        </ul>
      )}
      {confirming && (
        <LinkConfirmation
          decision={confirming.decision}
          providerName={providerName(confirming.decision.providerId, language)}
          onOpen={() => void onRenew(confirming.card, confirming.decision.url)}
          onCancel={() => setConfirming(null)}
        />
      )}
      <Toast message={toast} onDone={clearToast} />
    </main>
  );
}
