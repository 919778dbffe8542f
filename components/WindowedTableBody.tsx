import { Fragment, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';

/** From this many rows on, the options table renders only the rows in view (2,000 rows were 4,000 tab stops). */
export const WINDOW_ROWS_FROM = 150;

// A first guess at a row's height, before it is measured.
const ROW_ESTIMATE = 64;

export interface WindowedTableBodyProps<R> {
  rows: readonly R[];
  keyOf: (row: R) => string;
  /** Renders one row as a `<tr>`. */
  renderRow: (row: R) => ReactNode;
  /** The number of columns, for the spacer rows. */
  columns: number;
  /** A row to bring into view (then its button can take focus): the row saved, or the next one after a delete. */
  scrollToKey?: string | null;
}

/**
 * The options table's body for many cards: only the rows in view and a few either side are rendered (as the
 * popup's CardList does), between two spacer rows, in the page's own scroll. Rows stay in the normal flow, so
 * Tab still moves row to row (the browser scrolls the focused button into view and the next rows render),
 * and each row says its place in the whole table (`aria-rowindex`, with the table's `aria-rowcount`).
 */
export function WindowedTableBody<R>({ rows, keyOf, renderRow, columns, scrollToKey }: WindowedTableBodyProps<R>) {
  const body = useRef<HTMLTableSectionElement>(null);
  // Where the table starts in the page: the virtualizer counts rows from there.
  const [margin, setMargin] = useState(0);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    scrollMargin: margin,
    getItemKey: (index) => (rows[index] ? keyOf(rows[index]) : index),
    initialRect: { width: 1280, height: 900 },
  });
  const items = virtualizer.getVirtualItems();

  useLayoutEffect(() => {
    const node = body.current;
    if (!node) return;
    const top = Math.round(node.getBoundingClientRect().top + window.scrollY);
    if (top !== margin) setMargin(top);
    // Each rendered row: its index for the virtualizer and for screen readers, then measured.
    const rendered = [...node.children].filter((tr) => !tr.hasAttribute('data-spacer'));
    items.forEach((item, i) => {
      const tr = rendered[i];
      if (!tr) return;
      tr.setAttribute('data-index', String(item.index));
      // Row 1 is the header row.
      tr.setAttribute('aria-rowindex', String(item.index + 2));
      virtualizer.measureElement(tr);
    });
  });

  useLayoutEffect(() => {
    if (!scrollToKey) return;
    const index = rows.findIndex((row) => keyOf(row) === scrollToKey);
    if (index >= 0 && !items.some((item) => item.index === index)) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [scrollToKey, rows, keyOf, items, virtualizer]);

  const before = items[0] ? items[0].start - virtualizer.options.scrollMargin : 0;
  const after = Math.max(
    0,
    virtualizer.getTotalSize() - (items.at(-1)?.end ?? virtualizer.options.scrollMargin) + virtualizer.options.scrollMargin,
  );
  const spacer = (height: number, key: string) =>
    height > 0 && (
      // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row (nothing in it takes focus), hidden so screen readers count only card rows
      <tr key={key} data-spacer="" aria-hidden="true">
        <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
      </tr>
    );
  return (
    <tbody ref={body}>
      {spacer(before, 'before')}
      {items.map((item) => {
        const row = rows[item.index];
        return row === undefined ? null : <Fragment key={item.key}>{renderRow(row)}</Fragment>;
      })}
      {spacer(after, 'after')}
    </tbody>
  );
}
