// What the popup paints before its scripts load, and the check that it may be painted.
// This file imports nothing: the popup's first script bundles it and must stay tiny.

/** A button of a row, as PopupCard draws it: its words, tone, icon and price. */
export interface FirstScreenAction {
  text: string;
  tone: 'primary' | 'plain' | 'subtle';
  /** An icon of icon-shapes.ts: `external` after the words, the others before them. */
  icon: 'check' | 'pause' | 'external' | null;
  /** What a quick action records, after the words (" · US$3.00"). */
  price: string | null;
}

/** One row of the first screen, worded in the user's language, in the shape of PopupCard. */
export interface FirstScreenRow {
  id: string;
  label: string;
  /** A CardStatus: `ok`, `soon`, `urgent`, `overdue`, `lost` or `not-started` (its shape is drawn from it). */
  status: string;
  statusText: string;
  provider: string | null;
  maskedNumber: string;
  countdown: string;
  due: string;
  warning: string | null;
  /** The current period, so the bar is drawn for the instant the popup opens. */
  progress: { startsAt: number; endsAt: number; label: string } | null;
  /** "Snoozed until …", drawn after the pause icon. */
  snoozed: string | null;
  /** The hotline line: its heading, the number, its `tel:` link when it can be dialled, and the Copy button's word. */
  hotline: { heading: string; number: string; dial: string | null; copy: string } | null;
  actions: FirstScreenAction[];
}

/** The popup's first screen, kept ready by the background in `local:popupView`. */
export interface FirstScreenView {
  /** 2 since the rows carry icons, hotlines and prices; a view of another version is never painted. */
  v: 2;
  /** The `local:cardsRevision` it was computed from: any later write of the cards changes it. */
  revision: string;
  /** `JSON.stringify` of the stored `local:settings` it was computed from (`{}` when none is stored). */
  settingsJson: string;
  /** The browser's zone and language it was computed with (the user's zone may follow the browser's). */
  browserZone: string;
  language: string;
  /** The user's zone the countdowns were counted in. */
  timeZone: string;
  /** When it was computed, and the first instant it may be wrong (the user's next midnight, or a card's next change of status). */
  computedAt: number;
  validUntil: number;
  texts: {
    /** The search box's label, when the popup shows one. */
    search: string | null;
    invalid: string | null;
    empty: { title: string; body: string; add: string } | null;
    lostHeading: string | null;
  };
  /** The first rows, in the popup's order; `lostFrom` is the index of the first lost one. */
  rows: FirstScreenRow[];
  lostFrom: number;
  total: number;
}

/** What the popup reads at once, cheaply, to decide whether the stored first screen is still true. */
export interface FirstScreenInputs {
  revision: unknown;
  settings: unknown;
  browserZone: string;
  language: string;
  now: number;
}

/**
 * The stored first screen when it is still exactly what the popup would show at
 * `now`, or `null`. It must be computed from the cards and settings as they are
 * (same revision, same settings, same browser zone and language), and `now` must
 * fall in `[computedAt, validUntil)`: past the user's midnight, or past any card's
 * deadline, grace end or snooze, the words would be stale.
 */
export function usableFirstScreen(view: unknown, inputs: FirstScreenInputs): FirstScreenView | null {
  if (typeof view !== 'object' || view === null) return null;
  const v = view as Partial<FirstScreenView>;
  if (v.v !== 2 || !Array.isArray(v.rows) || typeof v.texts !== 'object' || v.texts === null) return null;
  if (typeof inputs.revision !== 'string' || v.revision !== inputs.revision) return null;
  // Absent settings read as `{}`, as the settings item's fallback gives them to the background.
  if (v.settingsJson !== JSON.stringify(inputs.settings ?? {})) return null;
  if (v.browserZone !== inputs.browserZone || v.language !== inputs.language) return null;
  if (typeof v.computedAt !== 'number' || typeof v.validUntil !== 'number') return null;
  if (!(inputs.now >= v.computedAt && inputs.now < v.validUntil)) return null;
  return v as FirstScreenView;
}

/** How much of the current period is gone at `now`, 0 to 100, as PopupCard shows it. */
export function progressPercent(progress: { startsAt: number; endsAt: number }, now: number): number {
  const span = progress.endsAt - progress.startsAt;
  const share = span > 0 ? Math.min(1, Math.max(0, (now - progress.startsAt) / span)) : 1;
  return Math.round(share * 100);
}
