import { lazy, Suspense, useCallback, useLayoutEffect, useMemo, useState } from 'react';
import type { Card, EventKind } from '../../lib/cards/schema';
import { recordEvent, removeEvent, setEventAmount } from '../../lib/store/card-actions';
import { cannotCompute, quickEventKind } from '../../lib/cards/countdown';
import { QUICK_LABEL } from '../../lib/cards/countdown-text';
import { t, tPlural, uiLanguage } from '../../lib/browser/i18n';
import { newId, withEvent } from '../../lib/cards/ops';
import { openOptionsPage } from '../../lib/browser/open-link';
import { closeIfPopup } from '../../lib/browser/close-popup';
import { afterNextPaint } from '../../lib/browser/after-paint';
import { useCardsSnapshot, useNow, useSettings } from '../../components/hooks';
import { PopupCard, PopupCardProblem } from '../../components/PopupCard';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { SyncNotice } from '../../components/SyncNotice';
import { Toast, type ToastMessage } from '../../components/Toast';
import { providerName } from '../../lib/providers/display-name';
import type { LinkChannel, LinkOpenDecision } from '../../lib/providers/link-decision';
import { popupFactsById } from '../../lib/providers/popup-catalog';
import { GearIcon } from '../../components/icons';
import { NewerDataError } from '../../lib/store/storage';
import { suggestedPrice, type Money, type SuggestedPrice } from '../../lib/money/price';
import { formatMoney } from '../../lib/money/format';
import { currenciesInUse } from '../../lib/money/amount-form';

// Loaded on the first click that needs them, not with the popup (scripts/check-size.mjs
// reports them apart): the link gate with punycode, its confirmation, the amount dialog
// (and, imported where clicked, snoozing).
const LinkConfirmation = lazy(() => import('../../components/LinkConfirmation').then((m) => ({ default: m.LinkConfirmation })));
// Only an empty popup says where the cards go: loaded then.
const WhereCardsStay = lazy(() => import('../../components/WhereCardsStay').then((m) => ({ default: m.WhereCardsStay })));
const AmountDialog = lazy(() => import('../../components/AmountDialog').then((m) => ({ default: m.AmountDialog })));

const PAID_KINDS: readonly EventKind[] = ['renewed', 'topped-up'];

/** A payment just recorded from the popup, whose amount the user chose to edit. */
interface AmountEdit {
  card: Card;
  eventId: string;
  money: Money | null;
  /** What was recorded: its button on the card is where focus returns if the dialog's opener is gone. */
  kind: EventKind;
  /** The control that opened the dialog (the toast's button), focused again when it closes. */
  opener: Element | null;
}

/** Gives focus back after the amount dialog: to its opener, or (the toast gone with it) to the card's quick action. */
function returnFocusFrom(edit: AmountEdit): void {
  if (edit.opener instanceof HTMLElement && edit.opener.isConnected) {
    edit.opener.focus();
    return;
  }
  const row = [...document.querySelectorAll<HTMLElement>('li[data-card-id]')].find((li) => li.dataset.cardId === edit.card.id);
  const label = t(QUICK_LABEL[edit.kind]);
  const buttons = [...(row?.querySelectorAll<HTMLButtonElement>('.card-actions button') ?? [])];
  buttons.find((button) => button.textContent?.trim().startsWith(label))?.focus();
}
import { createPopupRows, matchesSearch, SEARCH_FROM_CARDS, type PopupRow } from '../../lib/popup/rows';
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

  // What a one-tap payment records for each card: its last payment, or the catalog's price.
  // Kept per snapshot, so each card's price object (a PopupCard prop) stays the same while the clock ticks.
  const prices = useMemo(() => {
    const map = new Map<string, SuggestedPrice | null>();
    for (const card of snapshot?.cards ?? []) map.set(card.id, suggestedPrice(card, popupFactsById(card.providerId)));
    return map;
  }, [snapshot]);

  // A renewal or app link the gate asks about waits for the user's confirmation.
  const [confirming, setConfirming] = useState<{
    card: Card;
    channel: LinkChannel;
    decision: Extract<LinkOpenDecision, { action: 'ask' }>;
  } | null>(null);
  const [amountEdit, setAmountEdit] = useState<AmountEdit | null>(null);

  // Every Renew and App link goes through the gate: it opens, asks (the confirmation below), or refuses.
  const openThroughGate = useCallback(async (card: Card, channel: LinkChannel, confirmedUrl?: string) => {
    setConfirming(null);
    const { openRenewalPage } = await import('../../lib/providers/open-renewal');
    const decision = await openRenewalPage(card, confirmedUrl, channel);
    if (decision.action === 'refuse') {
      setToast({ id: Date.now(), tone: 'error', text: t(channel === 'app' ? 'popup_unsafeAppLink' : 'popup_unsafeLink') });
    } else if (decision.action === 'ask' && decision.url !== confirmedUrl) setConfirming({ card, channel, decision });
    else await closeIfPopup();
  }, []);
  const onRenew = useCallback((card: Card) => void openThroughGate(card, 'website'), [openThroughGate]);
  const onOpenApp = useCallback((card: Card) => void openThroughGate(card, 'app'), [openThroughGate]);

  const failed = useCallback((error: unknown) => {
    const text = error instanceof NewerDataError ? t('newer_refused') : t('editor_saveFailed', String(error));
    setToast({ id: Date.now(), tone: 'error', text });
  }, []);

  const onQuick = useCallback(
    async (card: Card, kind: EventKind) => {
      const eventId = newId();
      const at = new Date();
      const paid = PAID_KINDS.includes(kind);
      const price = paid ? (prices.get(card.id) ?? null) : null;
      const money = price && { amount: price.amount, currency: price.currency };
      const event = { kind, id: eventId, ...money };
      // The row moves at once; the stored write (under the lock, with validation) follows.
      setPending((current) => new Map(current).set(card.id, { card: withEvent(card, event, at), eventId }));
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
        if (!(await recordEvent(card.id, event, at))) {
          forget();
          setToast({ id: Date.now(), tone: 'error', text: t('popup_cardGone', card.label) });
          return;
        }
      } catch (error) {
        forget();
        failed(error);
        return;
      }
      // The stored cards now carry the event; the watch delivers them, and the pending copy is ignored from then on.
      setTimeout(forget, 2000);
      setToast({
        id: Date.now(),
        text: money
          ? t('popup_recordedAmount', [formatMoney(money.amount, money.currency, language), card.label])
          : t('popup_recorded', card.label),
        moreActions: paid
          ? [
              {
                label: t(money ? 'action_editAmount' : 'action_addAmount'),
                run: () => setAmountEdit({ card, eventId, money, kind, opener: document.activeElement }),
              },
            ]
          : [],
        action: {
          label: t('action_undo'),
          run: () => {
            forget();
            // The toast and its Undo go: focus goes back to the card's button that recorded the event.
            returnFocusFrom({ card, eventId, money, kind, opener: null });
            void removeEvent(card.id, eventId, new Date()).catch(failed);
          },
        },
      });
    },
    [prices, language, failed],
  );

  const onCopyHotline = useCallback(async (card: Card) => {
    const hotline = card.channels.hotline.trim();
    try {
      await navigator.clipboard.writeText(hotline);
      setToast({ id: Date.now(), text: t('popup_copied', hotline) });
    } catch {
      setToast({ id: Date.now(), tone: 'error', text: t('popup_copyFailed') });
    }
  }, []);

  const saveAmount = useCallback(
    async (edit: AmountEdit, money: Money | null) => {
      // Closing the dialog gives focus back (its returnFocus).
      setAmountEdit(null);
      try {
        await setEventAmount(edit.card.id, edit.eventId, money, new Date());
        setToast({ id: Date.now(), text: t('popup_amountSaved', edit.card.label) });
      } catch (error) {
        failed(error);
      }
    },
    [failed],
  );

  const currencies = useMemo(
    () => currenciesInUse(snapshot?.cards ?? [], settings.conversion ? [settings.conversion.homeCurrency] : []),
    [snapshot, settings.conversion],
  );

  const onSnooze = useCallback(
    async (card: Card) => {
      try {
        const { snoozeCard } = await import('../../lib/reminders/snooze');
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
          <GearIcon />
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
      <SyncNotice />
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
          <Suspense fallback={null}>
            <WhereCardsStay />
          </Suspense>
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
                quickKind={snapshot.newerVersion === undefined ? quickEventKind(card) : null}
                readOnly={snapshot.newerVersion !== undefined}
                userTimeZone={settings.timeZone}
                language={language}
                now={now}
                onRenew={onRenew}
                onQuick={onQuick}
                onEdit={onEdit}
                onSnooze={onSnooze}
                quickPrice={prices.get(card.id) ?? null}
                onOpenApp={onOpenApp}
                onCopyHotline={onCopyHotline}
              />
            </ErrorBoundary>
          )}
        />
      )}
      <Suspense fallback={null}>
        {confirming && (
          <LinkConfirmation
            decision={confirming.decision}
            providerName={providerName(confirming.decision.providerId, language)}
            onOpen={() => void openThroughGate(confirming.card, confirming.channel, confirming.decision.url)}
            onCancel={() => setConfirming(null)}
          />
        )}
        {amountEdit && (
          <AmountDialog
            cardLabel={amountEdit.card.label}
            initial={{
              amount: amountEdit.money ? String(amountEdit.money.amount) : '',
              currency: amountEdit.money?.currency ?? currencies[0] ?? '',
            }}
            currencies={currencies}
            onSave={(money) => void saveAmount(amountEdit, money)}
            onCancel={() => setAmountEdit(null)}
            returnFocus={() => returnFocusFrom(amountEdit)}
          />
        )}
      </Suspense>
      <Toast message={toast} onDone={clearToast} />
    </main>
  );
}
