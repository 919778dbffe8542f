import { useMemo } from 'react';
import { t } from '../lib/browser/i18n';
import type { TimelineLane, TimelineMark } from '../lib/cards/timeline';
import { formatPlainDate } from '../lib/dates/format';
import { addPlainMonths, differenceInPlainDays, parsePlainDate, type PlainDate } from '../lib/dates/plain-date';
import { formatMoney } from '../lib/money/format';

export interface TimelineProps {
  lanes: readonly TimelineLane[];
  /** How many cards the lanes were taken from (the table's rows); more than the lanes: a line says so. */
  of?: number;
  /** First and last day drawn, and today, on the user's calendar. */
  from: PlainDate;
  to: PlainDate;
  today: PlainDate;
  language: string;
}

// Drawing units of the viewBox; the SVG scales to the page's width.
const WIDTH = 860;
const LABEL_WIDTH = 160;
const RIGHT = WIDTH - 12;
// Two rows above the lanes (years, then months) and one below ("Today"), so no label overlaps another.
const HEAD = 40;
const FOOT = 18;
const LANE = 30;

/** The first day of each month from `from` to `to`. */
function monthStarts(from: PlainDate, to: PlainDate): PlainDate[] {
  const first = `${from.slice(0, 7)}-01`;
  const starts: PlainDate[] = [];
  for (let i = 0; i < 40; i++) {
    const month = addPlainMonths(first, i);
    if (month > to) break;
    if (month >= from) starts.push(month);
  }
  return starts;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** The words for one mark, as read out in the list that stands for the picture. */
function markText(mark: TimelineMark, language: string, year: number): string {
  const day = formatPlainDate(mark.date, language, year);
  switch (mark.kind) {
    case 'due':
      return t('timeline_due', day);
    case 'next-due':
      return t('timeline_nextDue', day);
    case 'lost':
      return t('timeline_lost', day);
    case 'paid':
      return mark.amount !== undefined && mark.currency
        ? t('timeline_paid', [formatMoney(mark.amount, mark.currency, language), day])
        : t('timeline_paidNoAmount', day);
  }
}

function MarkGlyph({ kind, x, y }: { kind: TimelineMark['kind']; x: number; y: number }) {
  switch (kind) {
    case 'due':
      return <path className="tl-due" d={`M${x} ${y - 7} L${x + 7} ${y} L${x} ${y + 7} L${x - 7} ${y} Z`} />;
    case 'next-due':
      return <path className="tl-next" d={`M${x} ${y - 5} L${x + 5} ${y} L${x} ${y + 5} L${x - 5} ${y} Z`} />;
    case 'lost':
      return <path className="tl-lost" d={`M${x - 5} ${y - 5} L${x + 5} ${y + 5} M${x + 5} ${y - 5} L${x - 5} ${y + 5}`} />;
    case 'paid':
      return <circle className="tl-paid" cx={x} cy={y} r={5} />;
  }
}

/** A small legend glyph, drawn the same way as on the chart. */
function LegendGlyph({ kind }: { kind: TimelineMark['kind'] | 'grace' }) {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" className="timeline-glyph">
      {kind === 'grace' ? <rect className="tl-grace" x="1" y="5" width="16" height="8" /> : <MarkGlyph kind={kind} x={9} y={9} />}
    </svg>
  );
}

/**
 * The coming months, one lane per card: the current period and its grace as
 * bars, deadlines as diamonds (hollow: the next ones if renewed on time), the
 * end of grace as a cross, payments as dots. Shapes, not colours alone, tell
 * them apart; the list under it says the same in words for screen readers.
 */
export function Timeline({ lanes, of = lanes.length, from, to, today, language }: TimelineProps) {
  const days = differenceInPlainDays(to, from) + 1;
  const x = (date: PlainDate) => LABEL_WIDTH + ((differenceInPlainDays(date, from) + 0.5) / days) * (RIGHT - LABEL_WIDTH);
  const months = useMemo(() => monthStarts(from, to), [from, to]);
  const monthName = useMemo(() => new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' }), [language]);
  const yearName = useMemo(() => new Intl.DateTimeFormat(language, { year: 'numeric', timeZone: 'UTC' }), [language]);
  const year = parsePlainDate(today)?.year;
  const lanesEnd = HEAD + lanes.length * LANE + 4;
  const height = lanesEnd + FOOT;
  const instantOf = (month: PlainDate) => {
    const parts = parsePlainDate(month)!;
    return Date.UTC(parts.year, parts.month - 1, 1);
  };

  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline_title', months.length - 1)}</h2>
      <ul className="timeline-legend" aria-hidden="true">
        <li>
          <LegendGlyph kind="due" /> {t('timeline_legendDue')}
        </li>
        <li>
          <LegendGlyph kind="next-due" /> {t('timeline_legendNext')}
        </li>
        <li>
          <LegendGlyph kind="grace" />
          <LegendGlyph kind="lost" /> {t('timeline_legendGrace')}
        </li>
        <li>
          <LegendGlyph kind="paid" /> {t('timeline_legendPaid')}
        </li>
      </ul>
      {/* Focusable, so a keyboard user can scroll it sideways where it is wider than the page (axe scrollable-region-focusable). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus for the arrow keys to scroll it */}
      <section className="timeline-scroll" tabIndex={0} aria-label={t('timeline_scrollLabel')}>
        <svg
          className="timeline-chart"
          viewBox={`0 0 ${WIDTH} ${height}`}
          width="100%"
          preserveAspectRatio="xMinYMin meet"
          aria-hidden="true"
          data-testid="timeline-chart"
        >
          {months.map((month) => (
            <g key={month}>
              <line className="tl-grid" x1={x(month)} x2={x(month)} y1={month.endsWith('-01-01') ? 2 : HEAD - 22} y2={lanesEnd} />
              {(month === months[0] || month.endsWith('-01-01')) && (
                <text className="tl-year" x={x(month) + 3} y={13}>
                  {yearName.format(instantOf(month))}
                </text>
              )}
              <text className="tl-month" x={x(month) + 3} y={HEAD - 10}>
                {monthName.format(instantOf(month))}
              </text>
            </g>
          ))}
          {lanes.map((lane, index) => {
            const y = HEAD + index * LANE + LANE / 2;
            return (
              <g key={lane.cardId} className="tl-lane" data-lane={lane.cardId}>
                {index % 2 === 0 && <rect className="tl-band" x={0} y={y - LANE / 2} width={WIDTH} height={LANE} />}
                <text className="tl-label" x={8} y={y + 4}>
                  {truncate(lane.label, 18)}
                </text>
                {lane.spans.map((span) => (
                  <rect
                    key={span.kind}
                    className={span.kind === 'grace' ? 'tl-grace' : 'tl-active'}
                    x={x(span.from) - 0.5}
                    y={y - 4}
                    width={Math.max(1, x(span.to) - x(span.from) + 1)}
                    height={8}
                    rx={span.kind === 'active' ? 4 : 0}
                  />
                ))}
                {lane.marks.map((mark) => (
                  <g key={mark.id} data-mark={mark.kind}>
                    <MarkGlyph kind={mark.kind} x={x(mark.date)} y={y} />
                  </g>
                ))}
              </g>
            );
          })}
          {today >= from && today <= to && (
            <g>
              <line className="tl-today" x1={x(today)} x2={x(today)} y1={HEAD - 6} y2={lanesEnd} />
              <text className="tl-today-label" x={x(today)} y={height - 4} textAnchor="middle">
                {t('timeline_today')}
              </text>
            </g>
          )}
        </svg>
      </section>
      {of > lanes.length && <p className="timeline-first">{t('timeline_firstOf', [String(lanes.length), String(of)])}</p>}
      <ul className="visually-hidden" data-testid="timeline-text">
        {lanes.map((lane) => (
          <li key={lane.cardId}>
            {lane.label}:{' '}
            {lane.cannotCompute
              ? t('status_cannotCompute')
              : lane.notStarted
                ? t('timeline_notStarted')
                : lane.marks.length === 0
                  ? t('timeline_nothing')
                  : lane.marks.map((mark) => markText(mark, language, year ?? 0)).join('; ')}
          </li>
        ))}
      </ul>
    </section>
  );
}
