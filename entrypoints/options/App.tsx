import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Card } from '../../lib/cards/schema';
import { addCard, deleteCard, restoreCard, saveEditedCard } from '../../lib/store/card-actions';
import { cardToForm, emptyCardForm } from '../../lib/cards/form';
import { newId } from '../../lib/cards/ops';
import { cannotCompute, cardsByDeadline } from '../../lib/cards/countdown';
import { countdownText, dueText, problemText } from '../../lib/cards/countdown-text';
import { t, uiLanguage } from '../../lib/browser/i18n';
import { plainDateInZone } from '../../lib/dates/plain-date';
import { providerName } from '../../lib/providers/display-name';
import { CardEditor } from '../../components/CardEditor';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { InvalidEntries } from '../../components/InvalidEntries';
import { SettingsPanel } from '../../components/SettingsPanel';
import { TransferPanel } from '../../components/TransferPanel';
import { StatusBadge } from '../../components/StatusBadge';
import { Toast, type ToastMessage } from '../../components/Toast';
import { useCardsSnapshot, useNow, useSettings } from '../../components/hooks';

type Route = { view: 'list' } | { view: 'new' } | { view: 'edit'; id: string };

function readRoute(): Route {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash === 'new' || hash === 'card=new') return { view: 'new' };
  if (hash.startsWith('card=')) return { view: 'edit', id: hash.slice('card='.length) };
  return { view: 'list' };
}

function useRoute(): [Route, (hash: string) => void] {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((hash: string) => {
    location.hash = hash;
    setRoute(readRoute());
  }, []);
  return [route, go];
}

export function OptionsApp() {
  const snapshot = useCardsSnapshot();
  const settingsState = useSettings();
  const { settings } = settingsState;
  const now = useNow();
  const language = uiLanguage();
  const [route, go] = useRoute();
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const clearToast = useCallback(() => setToast(null), []);
  const today = plainDateInZone(now, settings.timeZone);

  const rows = useMemo(() => cardsByDeadline(snapshot?.cards ?? [], now, settings.timeZone), [snapshot, now, settings.timeZone]);

  useEffect(() => {
    document.title = `${t('options_title')} · ${t('extName')}`;
  }, []);

  const remove = async (card: Card) => {
    await deleteCard(card.id);
    setToast({
      id: Date.now(),
      text: t('options_deleted', card.label),
      action: { label: t('action_undo'), run: () => void restoreCard(card) },
    });
  };

  if (!snapshot) return <main className="options" aria-busy="true" />;

  const editing = route.view === 'edit' ? (snapshot.cards.find((card) => card.id === route.id) ?? null) : null;

  return (
    <main className="options">
      <header className="options-header">
        <img src="/icon/48.png" alt="" width={32} height={32} />
        <div>
          <h1>{t('extName')}</h1>
          <p className="muted">{t('options_tagline')}</p>
        </div>
      </header>

      <InvalidEntries entries={snapshot.invalid} />

      {route.view === 'new' || editing ? (
        <CardEditor
          key={editing?.id ?? 'new'}
          initial={editing ? cardToForm(editing, today) : emptyCardForm(settings.timeZone, today)}
          original={editing}
          cardId={editing?.id ?? newId()}
          today={today}
          now={now}
          userTimeZone={settings.timeZone}
          language={language}
          onSave={async (card, original) => {
            if (original) await saveEditedCard(original, card);
            else await addCard(card);
            setToast({ id: Date.now(), text: t('options_saved', card.label) });
            go('');
          }}
          onCancel={() => go('')}
        />
      ) : (
        <>
          {route.view === 'edit' && (
            <p className="banner banner-error" role="alert">
              {t('options_cardMissing')}
            </p>
          )}
          <section aria-labelledby="cards-title">
            <div className="section-head">
              <h2 id="cards-title">{t('options_cardsTitle', rows.length)}</h2>
              <button type="button" className="button primary" onClick={() => go('new')}>
                + {t('options_addCard')}
              </button>
            </div>
            {rows.length === 0 ? (
              <p className="empty">{t('options_empty')}</p>
            ) : (
              <table className="card-table">
                <thead>
                  <tr>
                    <th>{t('options_colCard')}</th>
                    <th>{t('options_colStatus')}</th>
                    <th>{t('options_colDue')}</th>
                    <th>
                      <span className="visually-hidden">{t('options_colActions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ card, countdown }) => (
                    <ErrorBoundary
                      key={card.id}
                      where={`card ${card.id}`}
                      fallback={(error) => (
                        <tr data-card-id={card.id}>
                          <td>
                            <strong>{card.label}</strong>
                          </td>
                          <td>
                            <StatusBadge status="cannot-compute" />
                          </td>
                          <td>{problemText(cannotCompute(error).problem)}</td>
                          <td className="actions">
                            <button
                              type="button"
                              className="button subtle"
                              onClick={() => go(`card=${card.id}`)}
                              aria-label={t('action_editLabel', card.label)}
                            >
                              {t('action_edit')}
                            </button>
                          </td>
                        </tr>
                      )}
                    >
                      <tr data-card-id={card.id}>
                        <td>
                          <strong>{card.label}</strong>
                          <div className="muted">
                            {[providerName(card.providerId, language), card.phoneNumber].filter(Boolean).join(' · ')}
                          </div>
                        </td>
                        <td>
                          <StatusBadge status={countdown.status} />
                          <div>{countdownText(countdown)}</div>
                        </td>
                        <td>{dueText(card, countdown, settings.timeZone, language, now)}</td>
                        <td className="actions">
                          <button
                            type="button"
                            className="button subtle"
                            onClick={() => go(`card=${card.id}`)}
                            aria-label={t('action_editLabel', card.label)}
                          >
                            {t('action_edit')}
                          </button>
                          <button
                            type="button"
                            className="button subtle danger"
                            onClick={() => void remove(card)}
                            aria-label={t('action_deleteLabel', card.label)}
                          >
                            {t('action_delete')}
                          </button>
                        </td>
                      </tr>
                    </ErrorBoundary>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <SettingsPanel state={settingsState} />
          <TransferPanel snapshot={snapshot} settings={settings} />
        </>
      )}
      <Toast message={toast} onDone={clearToast} />
    </main>
  );
}
