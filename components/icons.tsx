import { createElement } from 'react';
import type { CardStatus } from '../lib/cards/countdown';
import {
  ARROW_RIGHT,
  BELL,
  CALENDAR,
  CHECK,
  EXTERNAL,
  GEAR,
  KEYBOARD,
  LOCK,
  PAUSE,
  PLUS,
  STATUS_SHAPES,
  svgAttributes,
  WARNING,
  type IconShape,
} from './icon-shapes';

/*
 * Icons drawn as SVG, so they look the same everywhere: an emoji or symbol
 * glyph shows as an empty box where no font has it. Every icon is decoration
 * beside a text label (or inside a labelled button), hence aria-hidden; each
 * takes the text colour (`currentColor`) and the text size (1em). The drawings
 * are data (icon-shapes.ts), shared with the popup's first paint.
 */

interface IconProps {
  /** Extra class names, for spacing. */
  className?: string;
}

/** React's names for the SVG attributes icon-shapes.ts spells as SVG does. */
const REACT_NAMES: Record<string, string> = {
  class: 'className',
  'stroke-width': 'strokeWidth',
  'stroke-linecap': 'strokeLinecap',
  'stroke-linejoin': 'strokeLinejoin',
};

function Svg({ shape, className }: IconProps & { shape: IconShape }) {
  const attributes = Object.fromEntries(
    Object.entries(svgAttributes(shape, className)).map(([name, value]) => [REACT_NAMES[name] ?? name, value]),
  );
  return createElement(
    'svg',
    attributes,
    ...shape.parts.map(([tag, partAttributes], key) => createElement(tag, { key, ...partAttributes })),
  );
}

/** Two bars: a reminder paused (snoozed). */
export function PauseIcon(props: IconProps) {
  return <Svg shape={PAUSE} {...props} />;
}
/** A tick: something done (renewed, topped up, used). */
export function CheckIcon(props: IconProps) {
  return <Svg shape={CHECK} {...props} />;
}
/** An arrow leaving a box: the link opens a page outside the extension. */
export function ExternalIcon(props: IconProps) {
  return <Svg shape={EXTERNAL} {...props} />;
}
/** A triangle with an exclamation mark: a warning. */
export function WarningIcon(props: IconProps) {
  return <Svg shape={WARNING} {...props} />;
}
/** A cog: settings. */
export function GearIcon(props: IconProps) {
  return <Svg shape={GEAR} {...props} />;
}
/** A plus: add something new. */
export function PlusIcon(props: IconProps) {
  return <Svg shape={PLUS} {...props} />;
}
/** An arrow to the right: "becomes", as in an event that sets a new end date. */
export function ArrowRightIcon(props: IconProps) {
  return <Svg shape={ARROW_RIGHT} {...props} />;
}
/** A bell: a reminder. */
export function BellIcon(props: IconProps) {
  return <Svg shape={BELL} {...props} />;
}
/** A calendar page: deadlines. */
export function CalendarIcon(props: IconProps) {
  return <Svg shape={CALENDAR} {...props} />;
}
/** A padlock: private, kept on this computer. */
export function LockIcon(props: IconProps) {
  return <Svg shape={LOCK} {...props} />;
}
/** A keyboard: a keyboard shortcut. */
export function KeyboardIcon(props: IconProps) {
  return <Svg shape={KEYBOARD} {...props} />;
}

/** The status's shape (STATUS_SHAPES), so the status never depends on colour alone. */
export function StatusShape({ status, className }: IconProps & { status: CardStatus }) {
  return <Svg shape={STATUS_SHAPES[status]} className={className} />;
}
