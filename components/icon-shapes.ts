import type { CardStatus } from '../lib/cards/countdown';

/*
 * Every icon's drawing, as data: React draws it (icons.tsx), and so does the
 * popup's first paint before React loads (entrypoints/popup/first-paint.ts),
 * so the two are the same SVG. This file imports only a type: the first
 * paint's script bundles it and must stay tiny.
 */

/** One element of an icon: its tag and its attributes, as SVG names them. */
export type IconPart = readonly [tag: 'path' | 'circle' | 'rect', attributes: Readonly<Record<string, string>>];

/** An icon: drawn with the text colour as fill (`filled`) or as a 1.75 stroke. */
export interface IconShape {
  filled: boolean;
  parts: readonly IconPart[];
}

/** The attributes of every icon's <svg>, as React renders them (icons.tsx). */
export function svgAttributes(shape: IconShape, className?: string): Record<string, string> {
  return {
    class: `icon${className ? ` ${className}` : ''}`,
    viewBox: '0 0 16 16',
    width: '1em',
    height: '1em',
    'aria-hidden': 'true',
    focusable: 'false',
    fill: shape.filled ? 'currentColor' : 'none',
    stroke: shape.filled ? 'none' : 'currentColor',
    'stroke-width': '1.75',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  };
}

// One constant per icon, each a plain literal, so a bundle takes only the icons it draws.

/** Two bars: a reminder paused (snoozed). */
export const PAUSE: IconShape = {
  filled: true,
  parts: [
    ['rect', { x: '3.5', y: '2.5', width: '3', height: '11', rx: '1' }],
    ['rect', { x: '9.5', y: '2.5', width: '3', height: '11', rx: '1' }],
  ],
};
/** A tick: something done (renewed, topped up, used). */
export const CHECK: IconShape = { filled: false, parts: [['path', { d: 'M2.5 8.5l3.5 3.5 7.5-8' }]] };
/** An arrow leaving a box: the link opens a page outside the extension. */
export const EXTERNAL: IconShape = { filled: false, parts: [['path', { d: 'M9.5 2.5h4v4M13.5 2.5L7 9M12 10v3.5H2.5V4H6' }]] };
/** A triangle with an exclamation mark: a warning. */
export const WARNING: IconShape = {
  filled: false,
  parts: [
    ['path', { d: 'M8 1.75L15 14H1z' }],
    ['path', { d: 'M8 6.5v3.25M8 12h0' }],
  ],
};
/** A cog: settings. */
export const GEAR: IconShape = {
  filled: false,
  parts: [
    ['circle', { cx: '8', cy: '8', r: '2.25' }],
    ['path', { d: 'M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4' }],
    ['circle', { cx: '8', cy: '8', r: '4.5' }],
  ],
};
/** A plus: add something new. */
export const PLUS: IconShape = { filled: false, parts: [['path', { d: 'M8 2.5v11M2.5 8h11' }]] };
/** An arrow to the right: "becomes", as in an event that sets a new end date. */
export const ARROW_RIGHT: IconShape = { filled: false, parts: [['path', { d: 'M2.5 8h11M9.5 4l4 4-4 4' }]] };
/** A bell: a reminder. */
export const BELL: IconShape = {
  filled: false,
  parts: [
    ['path', { d: 'M4 11.5V7a4 4 0 0 1 8 0v4.5l1.25 1.25H2.75z' }],
    ['path', { d: 'M6.5 14.25a1.5 1.5 0 0 0 3 0' }],
  ],
};
/** A calendar page: deadlines. */
export const CALENDAR: IconShape = {
  filled: false,
  parts: [
    ['rect', { x: '2', y: '3', width: '12', height: '11', rx: '1.5' }],
    ['path', { d: 'M2 6.5h12M5 1.75v2.5M11 1.75v2.5' }],
  ],
};
/** A padlock: private, kept on this computer. */
export const LOCK: IconShape = {
  filled: false,
  parts: [
    ['rect', { x: '3', y: '7', width: '10', height: '7.5', rx: '1.5' }],
    ['path', { d: 'M5.25 7V5a2.75 2.75 0 0 1 5.5 0v2' }],
  ],
};
/** A keyboard: a keyboard shortcut. */
export const KEYBOARD: IconShape = {
  filled: false,
  parts: [
    ['rect', { x: '1.5', y: '4', width: '13', height: '8.5', rx: '1.5' }],
    ['path', { d: 'M4 7h0M6.5 7h0M9 7h0M11.5 7h0M5 10h6' }],
  ],
};

/**
 * A shape for each status (circle, diamond, triangle, square, cross, ring,
 * question mark), so the status never depends on colour alone.
 */
export const STATUS_SHAPES: Record<CardStatus, IconShape> = {
  ok: { filled: true, parts: [['circle', { cx: '8', cy: '8', r: '5' }]] },
  soon: { filled: true, parts: [['path', { d: 'M8 2.5L13.5 8 8 13.5 2.5 8z' }]] },
  urgent: { filled: true, parts: [['path', { d: 'M8 2.5L14 13.5H2z' }]] },
  overdue: { filled: true, parts: [['rect', { x: '3', y: '3', width: '10', height: '10', rx: '1' }]] },
  lost: { filled: false, parts: [['path', { d: 'M4 4l8 8M12 4l-8 8' }]] },
  'not-started': { filled: false, parts: [['circle', { cx: '8', cy: '8', r: '4.5' }]] },
  'cannot-compute': { filled: false, parts: [['path', { d: 'M5.5 5.75a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.45v.5M8 13h0' }]] },
};
