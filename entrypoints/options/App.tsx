import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Card } from '../../lib/cards/schema';
import { addCard, saveEditedCard } from '../../lib/store/card-actions';
import { deleteCardKept, restoreDeletedCard } from '../../lib/store/recently-deleted-store';
import { cardToForm, emptyCardForm } from '../../lib/cards/form';
import { newId } from '../../lib/cards/ops';
import { cannotCompute, cardsByDeadline } from '../../lib/cards/countdown';
import { countdownBesideStatus, dueText, problemText } from '../../lib/cards/countdown-text';
import { t, tPlural, uiLanguage } from '../../lib/browser/i18n';
import { plainDateInZone } from '../../lib/dates/plain-date';
import { providerName } from '../../lib/providers/display-name';
import { CardEditor } from '../../components/CardEditor';
import { LeaveEditorDialog } from '../../components/LeaveEditorDialog';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { InvalidEntries } from '../../components/InvalidEntries';
import { SettingsPanel } from '../../components/SettingsPanel';
import { SyncPanel } from '../../components/SyncPanel';
import { RecentlyDeleted } from '../../components/RecentlyDeleted';
import { CalendarPanel } from '../../components/CalendarPanel';
import { WebDavPanel } from '../../components/WebDavPanel';
import { TransferPanel } from '../../components/TransferPanel';
import { ShortcutInfo } from '../../components/ShortcutInfo';
import { StatusBadge } from '../../components/StatusBadge';
import { WindowedTableBody, WINDOW_ROWS_FROM } from '../../components/WindowedTableBody';
import { PlusIcon } from '../../components/icons';
import { Toast, type ToastEnd, type ToastMessage } from '../../components/Toast';
import { isDialogShown, useMessageAfterDialogs } from '../../components/dialog-shown';
import { useCardsSnapshot, useNow, useSettings } from '../../components/hooks';
import { NewerDataError } from '../../lib/store/storage';
import { CostCell } from '../../components/CostCell';
import { CostSummary } from '../../components/CostSummary';
import { Timeline } from '../../components/Timeline';
import { CARD_SORTS, searchAndSortRows, type CardSort, type RowKeys } from '../../lib/cards/card-list';
import { TIMELINE_LANES, timelineLane } from '../../lib/cards/timeline';
import { addPlainDays, addPlainMonths } from '../../lib/dates/plain-date';
import { providerById } from '../../lib/providers/catalog';
import { cardCost, totalsByCurrency, type CardCost } from '../../lib/money/cost';
import { convertAmount } from '../../lib/money/convert';
import type { MessageKey } from '../../lib/browser/i18n';

const SORT_LABEL: Record<CardSort, MessageKey> = {
  deadline: 'list_sortDeadline',
  name: 'list_sortName',
  provider: 'list_sortProvider',
  cost: 'list_sortCost',
};

const keyOfShownRow = (row: { card: Card }) => row.card.id;

type Route = { view: 'list' } | { view: 'new' } | { view: 'edit'; id: string };

/** A row's button to focus once the list shows it (after a save, a delete or an undo), given up after `until`. */
interface FocusTarget {
  cardId: string;
  action: 'edit' | 'delete';
  until: number;
  /** A deleted card whose row must be gone first: focused while it is still shown, the button would lose focus with it. */
  gone?: string;
}
const FOCUS_WAIT_MS = 2000;

function readRoute(): Route {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash === 'new' || hash === 'card=new') return { view: 'new' };
  if (hash.startsWith('card=')) return { view: 'edit', id: hash.slice('card='.length) };
  return { view: 'list' };
}

const sameRoute = (a: Route, b: Route) => a.view === b.view && (a.view !== 'edit' || (b.view === 'edit' && a.id === b.id));

/**
 * The page's route, from the address's hash. While `mayLeave` says no (the editor has changes), a hash
 * the user brings in (Back, the popup's Edit of another card) waits: the address goes back to the editor's,
 * and `ask` gets the move to make if the user chooses to leave.
 */
function useRoute(mayLeave: () => boolean, ask: (leave: () => void) => void): [Route, (hash: string) => void] {
  const [route, setRoute] = useState(readRoute);
  const current = useRef({ route, hash: location.hash });
  const guard = useRef({ mayLeave, ask });
  guard.current = { mayLeave, ask };
  const show = useCallback((next: Route) => {
    current.current = { route: next, hash: location.hash };
    setRoute(next);
  }, []);
  useEffect(() => {
    const onHash = () => {
      const next = readRoute();
      if (sameRoute(next, current.current.route)) {
        current.current.hash = location.hash;
        return;
      }
      if (guard.current.mayLeave()) return show(next);
      const wanted = location.hash;
      history.replaceState(history.state, '', current.current.hash || location.pathname + location.search);
      guard.current.ask(() => {
        history.replaceState(history.state, '', wanted);
        show(next);
      });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [show]);
  const go = useCallback(
    (hash: string) => {
      location.hash = hash;
      show(readRoute());
    },
    [show],
  );
  return [route, go];
}

export function OptionsApp() {
  const snapshot = useCardsSnapshot();
  const settingsState = useSettings();
  const { settings } = settingsState;
  const now = useNow();
  const language = uiLanguage();
  // Whether the open editor holds changes: leaving it (Cancel, Escape, another card, closing the tab) asks first.
  const editorChanged = useRef(false);
  const onEditorChanged = useCallback((changed: boolean) => {
    editorChanged.current = changed;
  }, []);
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  const leaveEditor = useCallback((leave: () => void) => {
    if (editorChanged.current) setLeaving(() => leave);
    else leave();
  }, []);
  const [route, go] = useRoute(
    () => !editorChanged.current,
    (leave) => setLeaving(() => leave),
  );
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!editorChanged.current) return;
      event.preventDefault();
      // Older Chromium and Firefox ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  // While a dialog asks something (the sync preview, an import preview), the message waits, then shows.
  const shownToast = useMessageAfterDialogs(toast);
  // Cards deleted while the toast offers Undo, oldest first: each Undo brings back the most recent one.
  const undoable = useRef<Card[]>([]);
  const clearToast = useCallback((end: ToastEnd) => {
    setToast(null);
    if (end === 'timeout') undoable.current = [];
  }, []);
  /** Shows a message that is not about deletes: the deletes before it can no longer be undone. */
  const showToast = useCallback((message: ToastMessage) => {
    undoable.current = [];
    setToast(message);
  }, []);
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  const focusRow = useCallback(
    (cardId: string, action: FocusTarget['action'], gone?: string) =>
      setFocusTarget({ cardId, action, until: Date.now() + FOCUS_WAIT_MS, ...(gone !== undefined && { gone }) }),
    [],
  );
  // Runs after every render: the row may appear only once the stored cards come back from storage.
  useEffect(() => {
    if (!focusTarget) return;
    const rows = [...document.querySelectorAll<HTMLElement>('tr[data-card-id]')];
    if (focusTarget.gone !== undefined && rows.some((tr) => tr.dataset.cardId === focusTarget.gone) && Date.now() <= focusTarget.until)
      return;
    const row = rows.find((tr) => tr.dataset.cardId === focusTarget.cardId);
    const button = row?.querySelector<HTMLButtonElement>(`button[data-action="${focusTarget.action}"]`);
    if (button) button.focus();
    if (button || Date.now() > focusTarget.until) setFocusTarget(null);
  });
  const today = plainDateInZone(now, settings.timeZone);

  const rows = useMemo(() => cardsByDeadline(snapshot?.cards ?? [], now, settings.timeZone), [snapshot, now, settings.timeZone]);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<CardSort>('deadline');

  // What each card costs, and the totals: from the cards' own payments and rules (lib/money).
  const costs = useMemo(
    () => new Map((snapshot?.cards ?? []).map((card) => [card.id, cardCost(card, providerById(card.providerId))])),
    [snapshot],
  );
  const totals = useMemo(() => totalsByCurrency([...costs.values()]), [costs]);
  const conversion = settings.conversion ?? null;

  const shown = useMemo(() => {
    const keysOf = ({ card }: (typeof rows)[number]): RowKeys => {
      const cost: CardCost | undefined = costs.get(card.id);
      let key: RowKeys['cost'] = null;
      if (cost?.kind === 'recurring') {
        // At the user's rates every cost is ranked in one currency; without a rate, in its own.
        const converted = conversion ? convertAmount(cost.perYear, cost.price.currency, conversion) : null;
        key =
          converted === null || !conversion
            ? { perYear: cost.perYear, currency: cost.price.currency }
            : { perYear: converted, currency: conversion.homeCurrency };
      }
      return { providerName: providerName(card.providerId, language), cost: key };
    };
    return searchAndSortRows(rows, keysOf, query, sort, language);
  }, [rows, costs, conversion, query, sort, language]);

  // The timeline: this month and the next 12 (its title says so), from the first of this month.
  const windowStart = `${today.slice(0, 7)}-01`;
  const windowEnd = addPlainDays(addPlainMonths(windowStart, 13), -1);
  // At most TIMELINE_LANES lanes, the first of the table's order: thousands of lanes would be neither readable nor quick.
  const lanes = useMemo(
    () => shown.slice(0, TIMELINE_LANES).map(({ card }) => timelineLane(card, windowStart, windowEnd, settings.timeZone, today)),
    [shown, windowStart, windowEnd, settings.timeZone, today],
  );

  useEffect(() => {
    document.title = `${t('options_title')} · ${t('extName')}`;
  }, []);

  const failed = (error: unknown) => {
    const text = error instanceof NewerDataError ? t('newer_refused') : t('editor_saveFailed', String(error));
    setToast({ id: Date.now(), tone: 'error', text });
  };

  const undoLast = () => {
    const card = undoable.current.at(-1);
    if (!card) return;
    undoable.current = undoable.current.slice(0, -1);
    const left = undoable.current.length;
    restoreDeletedCard(card).then(
      () => {
        if (left > 0) {
          setToast({
            id: Date.now(),
            text: tPlural('options_restoredUndoable', left, card.label),
            action: { label: t('action_undo'), run: undoLast },
            focusAction: true,
          });
        } else {
          setToast({ id: Date.now(), text: t('options_restored', card.label) });
          focusRow(card.id, 'delete');
        }
      },
      (error: unknown) => {
        undoable.current = [...undoable.current, card];
        failed(error);
      },
    );
  };

  const remove = async (card: Card) => {
    // Where focus goes once the row is gone: the next row's Edit (the row before, after the last), else the
    // toast's Undo. Never the next row's Delete: a second Enter would delete that card too.
    const index = shown.findIndex((row) => row.card.id === card.id);
    const neighbour = shown[index + 1] ?? shown[index - 1];
    let deleted: Card | null;
    try {
      deleted = await deleteCardKept(card.id, new Date());
    } catch (error) {
      failed(error);
      return;
    }
    if (!deleted) return;
    // Undo restores the card as it was stored when deleted (with a "Renewed" recorded a moment before),
    // merged with any copy that exists again by then. Every delete stays undoable while the toast is up.
    undoable.current = [...undoable.current, deleted];
    setToast({
      id: Date.now(),
      text: tPlural('options_deletedUndoable', undoable.current.length, card.label),
      action: { label: t('action_undo'), run: undoLast },
      focusAction: !neighbour,
    });
    if (neighbour) focusRow(neighbour.card.id, 'edit', card.id);
    // The only card: its toast waits while a dialog is shown (the sync preview), so the list's heading holds
    // focus meanwhile rather than the page; the Undo takes it when it comes back, if nothing has taken it since.
    else if (isDialogShown()) document.getElementById('cards-title')?.focus();
  };

  // The card the open editor started from, kept when another page deletes it, so the form is not lost.
  const found = route.view === 'edit' ? (snapshot?.cards.find((card) => card.id === route.id) ?? null) : null;
  const [opened, setOpened] = useState<Card | null>(null);
  useEffect(() => {
    if (route.view !== 'edit') setOpened(null);
    else if (found && opened?.id !== found.id) setOpened(found);
  }, [route, found, opened]);

  // Every row has one, also a row whose card cannot be worked out.
  const editButton = (card: Card) => (
    <button
      type="button"
      className="button subtle"
      data-action="edit"
      onClick={() => go(`card=${card.id}`)}
      aria-label={t('action_editLabel', card.label)}
    >
      {t('action_edit')}
    </button>
  );

  const renderRow = ({ card, countdown }: (typeof shown)[number]) => (
    <ErrorBoundary
      key={card.id}
      where={`card ${card.id}`}
      fallback={(error) => (
        <tr data-card-id={card.id}>
          <th scope="row">
            <strong>{card.label}</strong>
          </th>
          <td>
            <StatusBadge status="cannot-compute" />
          </td>
          <td>{problemText(cannotCompute(error).problem)}</td>
          <td />
          <td className="actions">{editButton(card)}</td>
        </tr>
      )}
    >
      <tr data-card-id={card.id}>
        <th scope="row">
          <strong>{card.label}</strong>
          <div className="muted">{[providerName(card.providerId, language), card.phoneNumber].filter(Boolean).join(' · ')}</div>
        </th>
        <td>
          <StatusBadge status={countdown.status} />
          {countdownBesideStatus(countdown) && <div>{countdownBesideStatus(countdown)}</div>}
        </td>
        <td>{dueText(card, countdown, settings.timeZone, language, now)}</td>
        <td data-testid="card-cost">
          <CostCell cost={costs.get(card.id) ?? { kind: 'no-price', paid: null }} language={language} />
        </td>
        <td className="actions">
          {editButton(card)}
          <button
            type="button"
            className="button subtle danger"
            data-action="delete"
            disabled={readOnly}
            onClick={() => void remove(card)}
            aria-label={t('action_deleteLabel', card.label)}
          >
            {t('action_delete')}
          </button>
        </td>
      </tr>
    </ErrorBoundary>
  );

  if (!snapshot) return <main className="options" aria-busy="true" />;

  const editing = found ?? (route.view === 'edit' && opened?.id === route.id ? opened : null);
  const deletedElsewhere = editing !== null && found === null;
  const readOnly = snapshot.newerVersion !== undefined;

  return (
    <main className="options">
      {route.view === 'list' && (
        // Past every card's row to the settings: a button, as it moves focus and leaves the address (the route) alone.
        <button
          type="button"
          className="skip-link"
          onClick={() => {
            const heading = document.getElementById('settings-title');
            heading?.setAttribute('tabindex', '-1');
            heading?.focus();
            heading?.scrollIntoView({ block: 'start' });
          }}
        >
          {t('options_skipToSettings')}
        </button>
      )}
      <header className="options-header">
        <img src="/icon/48.png" alt="" width={32} height={32} />
        <div>
          <h1>{t('extName')}</h1>
          <p className="muted">{t('options_tagline')}</p>
        </div>
      </header>

      {readOnly && (
        <p className="banner banner-error" role="alert">
          {t('newer_cardsReadOnly', snapshot.newerVersion ?? '')}
        </p>
      )}
      <InvalidEntries entries={snapshot.invalid} readOnly={readOnly} />

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
            showToast({ id: Date.now(), text: t('options_saved', card.label) });
            go('');
            focusRow(card.id, 'edit');
          }}
          deletedElsewhere={deletedElsewhere}
          onSaveAsNew={async (card) => {
            await addCard(card);
            showToast({ id: Date.now(), text: t('options_saved', card.label) });
            go('');
            focusRow(card.id, 'edit');
          }}
          readOnly={readOnly}
          onChangedChange={onEditorChanged}
          onCancel={() =>
            leaveEditor(() => {
              go('');
              if (editing) focusRow(editing.id, 'edit');
            })
          }
          onDiscard={() => {
            editorChanged.current = false;
            go('');
          }}
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
              <h2 id="cards-title" tabIndex={-1}>
                {t('options_cardsTitle', rows.length)}
              </h2>
              <button type="button" className="button primary" disabled={readOnly} onClick={() => go('new')}>
                <PlusIcon /> {t('options_addCard')}
              </button>
            </div>
            {rows.length > 0 && (
              <div className="list-controls">
                <div className="field">
                  <label htmlFor="card-search">{t('list_search')}</label>
                  <input
                    id="card-search"
                    type="search"
                    placeholder={t('list_searchPlaceholder')}
                    value={query}
                    onChange={(event) => setQuery(event.target.value)}
                    aria-describedby="card-search-count"
                  />
                </div>
                <div className="field">
                  <label htmlFor="card-sort">{t('list_sort')}</label>
                  <select id="card-sort" value={sort} onChange={(event) => setSort(event.target.value as CardSort)}>
                    {CARD_SORTS.map((option) => (
                      <option key={option} value={option}>
                        {t(SORT_LABEL[option])}
                      </option>
                    ))}
                  </select>
                </div>
                <span id="card-search-count" className="muted" aria-live="polite">
                  {query.trim() ? t('list_matches', [shown.length, rows.length]) : ''}
                </span>
              </div>
            )}
            {rows.length === 0 ? (
              <p className="empty">{t('options_empty')}</p>
            ) : shown.length === 0 ? (
              <p className="empty">{t('list_noMatch', query.trim())}</p>
            ) : (
              <table className="card-table cards-table" aria-rowcount={shown.length >= WINDOW_ROWS_FROM ? shown.length + 1 : undefined}>
                <thead>
                  <tr aria-rowindex={shown.length >= WINDOW_ROWS_FROM ? 1 : undefined}>
                    <th scope="col">{t('options_colCard')}</th>
                    <th scope="col">{t('options_colStatus')}</th>
                    <th scope="col">{t('options_colDue')}</th>
                    <th scope="col">{t('options_colCost')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('options_colActions')}</span>
                    </th>
                  </tr>
                </thead>
                {shown.length >= WINDOW_ROWS_FROM ? (
                  <WindowedTableBody
                    rows={shown}
                    keyOf={keyOfShownRow}
                    renderRow={renderRow}
                    columns={5}
                    scrollToKey={focusTarget?.cardId ?? null}
                  />
                ) : (
                  <tbody>{shown.map(renderRow)}</tbody>
                )}
              </table>
            )}
          </section>
          {rows.length > 0 && <CostSummary costs={[...costs.values()]} totals={totals} conversion={conversion} language={language} />}
          {rows.length > 0 && (
            <Timeline lanes={lanes} of={shown.length} from={windowStart} to={windowEnd} today={today} language={language} />
          )}
          <RecentlyDeleted
            userTimeZone={settings.timeZone}
            onRestored={(card) => setToast({ id: Date.now(), text: t('deleted_restored', card.label) })}
            onFailed={failed}
          />
          <SettingsPanel state={settingsState} />
          <SyncPanel userTimeZone={settings.timeZone} />
          <WebDavPanel />
          <CalendarPanel userTimeZone={settings.timeZone} />
          <TransferPanel snapshot={snapshot} settings={settings} />
          <ShortcutInfo />
        </>
      )}
      {leaving && (
        <LeaveEditorDialog
          cardLabel={editing?.label ?? null}
          onKeepEditing={() => setLeaving(null)}
          onDiscard={() => {
            editorChanged.current = false;
            setLeaving(null);
            leaving();
          }}
        />
      )}
      <Toast message={shownToast} onDone={clearToast} />
    </main>
  );
}
