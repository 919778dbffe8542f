import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';

export interface CardListProps<R> {
  rows: readonly R[];
  keyOf: (row: R) => string;
  /** Index of the first row of the lost group, and its heading; `rows.length` when there is none. */
  lostFrom: number;
  lostHeading: string;
  /** Renders one row as an `<li>` (PopupCard). */
  renderRow: (row: R) => ReactNode;
}

type Entry<R> = { kind: 'row'; row: R; key: string } | { kind: 'lost'; rows: readonly R[]; key: string };

// A first guess at a row's height, before it is measured; the 600-pixel popup shows about five.
const ROW_ESTIMATE = 116;
const HEADING_ESTIMATE = 30;
// The popup's size: planned for before the list has one of its own, so the first render already has rows.
const POPUP_RECT = { width: 380, height: 600 };

/**
 * The popup's list of cards, rendering only the rows in view and a few either
 * side (windowing), so 2,000 cards cost what 15 do. Rows stay in the normal flow
 * between two spacers, so the browser still scrolls a focused button into view
 * and the next rows render as Tab moves down; each row says its place in the
 * whole list (`aria-posinset` of `aria-setsize`). The numbers already lost are
 * the last item: their heading and a list of their own.
 */
export function CardList<R>({ rows, keyOf, lostFrom, lostHeading, renderRow }: CardListProps<R>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // The numbers already lost are one entry: a list of their own under their heading (few, so not windowed).
  const entries = useMemo(() => {
    const list: Entry<R>[] = rows.slice(0, lostFrom).map((row) => ({ kind: 'row', row, key: keyOf(row) }));
    if (lostFrom < rows.length) list.push({ kind: 'lost', rows: rows.slice(lostFrom), key: '\u0000lost' });
    return list;
  }, [rows, keyOf, lostFrom]);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => {
      const entry = entries[index];
      return entry?.kind === 'lost' ? HEADING_ESTIMATE + entry.rows.length * (ROW_ESTIMATE + 8) : ROW_ESTIMATE;
    },
    getItemKey: (index) => entries[index]?.key ?? index,
    overscan: 6,
    gap: 8,
    initialRect: POPUP_RECT,
    // A list without a height yet (hidden, or in a test page without layout) still renders a popupful of rows.
    observeElementRect: (instance, onRect) => observeElementRect(instance, (rect) => onRect(rect.height > 0 ? rect : POPUP_RECT)),
  });
  const items = virtualizer.getVirtualItems();
  // A row that moves (Renewed re-sorts it) or loses the focused button (Snooze, once snoozed) must not drop
  // focus to <body>: give it back to the button, or if that is gone, to the row's last action (Edit). The
  // browser may drop focus during the commit (a removal) or at its next frame (a move): both are caught.
  const focusedBefore = document.activeElement;
  const focusedRow = focusedBefore?.closest<HTMLElement>('li[data-card-id]')?.dataset.cardId;
  useLayoutEffect(() => {
    if (focusedRow && focusedBefore instanceof HTMLElement) restoreFocus(listRef.current, focusedBefore, focusedRow);
  });
  useEffect(() => {
    const list = listRef.current;
    const onFocusOut = (event: FocusEvent) => {
      const left = event.target as HTMLElement;
      const row = left.closest<HTMLElement>('li[data-card-id]')?.dataset.cardId;
      if (!event.relatedTarget && row) requestAnimationFrame(() => restoreFocus(list, left, row));
    };
    list?.addEventListener('focusout', onFocusOut);
    return () => list?.removeEventListener('focusout', onFocusOut);
  }, []);

  // PopupCard renders its own <li>; the list tells the virtualizer which entry each is and measures it.
  useLayoutEffect(() => {
    const nodes = listRef.current?.children;
    if (!nodes) return;
    items.forEach((item, i) => {
      const node = nodes[i];
      if (!node) return;
      node.setAttribute('data-index', String(item.index));
      // Each item says its place in the whole list (the lost group is its last item, a list of its own).
      node.setAttribute('aria-posinset', String(item.index + 1));
      node.setAttribute('aria-setsize', String(entries.length));
      virtualizer.measureElement(node);
    });
  });

  const before = items[0]?.start ?? 0;
  const after = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));
  return (
    <div className="card-scroll" ref={scrollRef}>
      <ul className="card-list" ref={listRef} style={{ paddingTop: before, paddingBottom: after }}>
        {items.map((item) => {
          const entry = entries[item.index];
          if (!entry) return null;
          return entry.kind === 'lost' ? (
            <li key={entry.key} className="card-group">
              <h2>{lostHeading}</h2>
              <ul className="card-list">{entry.rows.map(renderRow)}</ul>
            </li>
          ) : (
            <Fragment key={entry.key}>{renderRow(entry.row)}</Fragment>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * Focus back on `button` of row `cardId` when it was dropped to <body>: the button itself, or the row's
 * button that replaced it (the same words, redrawn elsewhere in the row), or else the row's last action (Edit).
 */
function restoreFocus(list: HTMLElement | null, button: HTMLElement, cardId: string): void {
  const active = document.activeElement;
  if (!list || (active && active !== document.body)) return;
  const row = [...list.querySelectorAll<HTMLElement>('li[data-card-id]')].find((li) => li.dataset.cardId === cardId);
  const buttons = [...(row?.querySelectorAll<HTMLElement>('.card-actions button') ?? [])];
  const target = list.contains(button) ? button : (buttons.find((other) => other.textContent === button.textContent) ?? buttons.at(-1));
  target?.focus();
}
