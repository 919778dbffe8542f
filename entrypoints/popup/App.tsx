import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import type { Card, EventKind } from '../../lib/cards/schema';
import { recordEvent, removeEvent } from '../../lib/store/card-actions';
import { cannotCompute, quickEventKind } from '../../lib/cards/countdown';
import { t, tPlural, uiLanguage } from '../../lib/browser/i18n';
import { newId, withEvent } from '../../lib/cards/ops';
import { openOptionsPage, openSafeLink } from '../../lib/browser/open-link';
import { closeIfPopup } from '../../lib/browser/close-popup';
import { afterNextPaint } from '../../lib/browser/after-paint';
import { useCardsSnapshot, useNow, useSettings } from '../../components/hooks';
import { PopupCard, PopupCardProblem } from '../../components/PopupCard';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { Toast, type ToastMessage } from '../../components/Toast';
import { providerName } from '../../lib/providers/display-name';
import { linkOfficialStatus } from '../../lib/providers/official-host';
import { providerById } from '../../lib/providers/catalog';
import { snoozeCard } from '../../lib/reminders/snooze';
import { createPopupRows, matchesSearch, type PopupRow } from '../../lib/popup/rows';
import { SEARCH_FROM_CARDS } from '../../lib/popup/first-screen';
import { CardList } from '../../components/CardList';

/** A quick action shown at once, until the stored cards carry its event (or the write fails). */
interface PendingEvent {
  card: Card;
  eventId: string;
}

const keyOfRow = (row: PopupRow) => row.card.id;

export interface PopupAppProps {
  /** Called once the cards are on screen, so the first paint (entrypoints/popup/first-paint.ts) can go. */
  onReady?: () => void;
}

export function PopupApp({ onReady }: PopupAppProps) {
  const snapshot = useCardsSnapshot();
  const { settings } = useSettings();
  const now = useNow();
  const language = uiLanguage();
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const clearToast = useCallback(() => setToast(null), []);

  const [pending, setPending] = useState<ReadonlyMap<string, PendingEvent>>(new Map());
  const [query, setQuery] = useState('');
  const [rowsOf] = useState(createPopupRows);

  // Stored cards, with a quick action just taken shown before its write comes back.
  const cards = useMemo(() => {
    const stored = snapshot?.cards ?? [];
    if (pending.size === 0) return stored;
    return stored.map((card) => {
      const shown = pending.get(card.id);
      return shown && !card.history.some((event) => event.id === shown.eventId) ? shown.card : card;
    });
  }, [snapshot, pending]);
  const { rows, lostFrom } = useMemo(() => rowsOf(cards, now, settings.timeZone), [rowsOf, cards, now, settings.timeZone]);
  const found = useMemo(() => {
    if (query.trim() === '') return { rows, lostFrom };
    const names = (id: string | null) => [providerName(id, language), providerName(id, 'en'), providerName(id, 'zh-CN')];
    const matching = rows.filter((row) => matchesSearch(row.card, names(row.card.providerId), query));
    return { rows: matching, lostFrom: matching.filter((row) => row.countdown.status !== 'lost').length };
  }, [rows, lostFrom, query, language]);

  useLayoutEffect(() => {
    if (snapshot) onReady?.();
  }, [snapshot, onReady]);

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
    const at = new Date();
    // The row moves at once; the stored write (under the lock, with validation) follows.
    setPending((current) => new Map(current).set(card.id, { card: withEvent(card, { kind, id: eventId }, at), eventId }));
    const forget = () =>
      setPending((current) => {
        if (current.get(card.id)?.eventId !== eventId) return current;
        const next = new Map(current);
        next.delete(card.id);
        return next;
      });
    try {
      // Let the row's new countdown reach the screen before the write (read, validate, store) takes the thread.
      await afterNextPaint();
      await recordEvent(card.id, { kind, id: eventId }, at);
    } catch (error) {
      forget();
      setToast({ id: Date.now(), tone: 'error', text: t('popup_recordFailed', error instanceof Error ? error.message : String(error)) });
      return;
    }
    // The stored cards now carry the event; the watch delivers them, and the pending copy is ignored from then on.
    setTimeout(forget, 2000);
    setToast({
      id: Date.now(),
      text: t('popup_recorded', card.label),
      action: {
        label: t('action_undo'),
        run: () => {
          forget();
          void removeEvent(card.id, eventId, new Date());
        },
      },
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
      {rows.length >= SEARCH_FROM_CARDS && (
        <input
          type="search"
          className="search-input"
          placeholder={t('popup_searchLabel')}
          aria-label={t('popup_searchLabel')}
          title={t('popup_search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      )}
      {query.trim() !== '' && (
        <p className="search-status muted" role="status">
          {found.rows.length === 0 ? t('popup_searchNone', query.trim()) : t('popup_searchCount', [found.rows.length, rows.length])}
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
        <CardList
          rows={found.rows}
          keyOf={keyOfRow}
          lostFrom={found.lostFrom}
          lostHeading={t('popup_lostGroup', found.rows.length - found.lostFrom)}
          renderRow={({ card, countdown }) => (
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
          )}
        />
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
