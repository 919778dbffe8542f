import type { CardStatus } from '../lib/cards/countdown';
import type { ReactNode } from 'react';

/*
 * Icons drawn as SVG, so they look the same everywhere: an emoji or symbol
 * glyph shows as an empty box where no font has it. Every icon is decoration
 * beside a text label (or inside a labelled button), hence aria-hidden; each
 * takes the text colour (`currentColor`) and the text size (1em).
 */

interface IconProps {
  /** Extra class names, for spacing. */
  className?: string;
}

function Svg({ className, children, filled = false }: IconProps & { children: ReactNode; filled?: boolean }) {
  return (
    <svg
      className={`icon${className ? ` ${className}` : ''}`}
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      fill={filled ? 'currentColor' : 'none'}
      stroke={filled ? 'none' : 'currentColor'}
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

/** Two bars: a reminder paused (snoozed). */
export function PauseIcon(props: IconProps) {
  return (
    <Svg {...props} filled>
      <rect x="3.5" y="2.5" width="3" height="11" rx="1" />
      <rect x="9.5" y="2.5" width="3" height="11" rx="1" />
    </Svg>
  );
}

/** A tick: something done (renewed, topped up, used). */
export function CheckIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2.5 8.5l3.5 3.5 7.5-8" />
    </Svg>
  );
}

/** An arrow leaving a box: the link opens a page outside the extension. */
export function ExternalIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M9.5 2.5h4v4M13.5 2.5L7 9M12 10v3.5H2.5V4H6" />
    </Svg>
  );
}

/** A triangle with an exclamation mark: a warning. */
export function WarningIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 1.75L15 14H1z" />
      <path d="M8 6.5v3.25M8 12h0" />
    </Svg>
  );
}

/** A cog: settings. */
export function GearIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="2.25" />
      <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
      <circle cx="8" cy="8" r="4.5" />
    </Svg>
  );
}

/** A plus: add something new. */
export function PlusIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 2.5v11M2.5 8h11" />
    </Svg>
  );
}

/** An arrow to the right: "becomes", as in an event that sets a new end date. */
export function ArrowRightIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2.5 8h11M9.5 4l4 4-4 4" />
    </Svg>
  );
}

/** A bell: a reminder. */
export function BellIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 11.5V7a4 4 0 0 1 8 0v4.5l1.25 1.25H2.75z" />
      <path d="M6.5 14.25a1.5 1.5 0 0 0 3 0" />
    </Svg>
  );
}

/** A calendar page: deadlines. */
export function CalendarIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="2" y="3" width="12" height="11" rx="1.5" />
      <path d="M2 6.5h12M5 1.75v2.5M11 1.75v2.5" />
    </Svg>
  );
}

/** A padlock: private, kept on this computer. */
export function LockIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" />
      <path d="M5.25 7V5a2.75 2.75 0 0 1 5.5 0v2" />
    </Svg>
  );
}

/** A keyboard: a keyboard shortcut. */
export function KeyboardIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="1.5" y="4" width="13" height="8.5" rx="1.5" />
      <path d="M4 7h0M6.5 7h0M9 7h0M11.5 7h0M5 10h6" />
    </Svg>
  );
}

/**
 * A shape for each status (circle, diamond, triangle, square, cross, ring,
 * question mark), so
 * the status never depends on colour alone.
 */
export function StatusShape({ status, className }: IconProps & { status: CardStatus }) {
  switch (status) {
    case 'ok':
      return (
        <Svg className={className} filled>
          <circle cx="8" cy="8" r="5" />
        </Svg>
      );
    case 'soon':
      return (
        <Svg className={className} filled>
          <path d="M8 2.5L13.5 8 8 13.5 2.5 8z" />
        </Svg>
      );
    case 'urgent':
      return (
        <Svg className={className} filled>
          <path d="M8 2.5L14 13.5H2z" />
        </Svg>
      );
    case 'overdue':
      return (
        <Svg className={className} filled>
          <rect x="3" y="3" width="10" height="10" rx="1" />
        </Svg>
      );
    case 'lost':
      return (
        <Svg className={className}>
          <path d="M4 4l8 8M12 4l-8 8" />
        </Svg>
      );
    case 'not-started':
      return (
        <Svg className={className}>
          <circle cx="8" cy="8" r="4.5" />
        </Svg>
      );
    case 'cannot-compute':
      return (
        <Svg className={className}>
          <path d="M5.5 5.75a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.45v.5M8 13h0" />
        </Svg>
      );
  }
}
