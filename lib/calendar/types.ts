import type { PlainDate } from '../dates/plain-date';
import type { RemoteErrorCode } from '../remote/errors';

/*
 * The calendar (CalDAV) link: the shapes shared by the pure planner, the
 * reconciler, the background service and the options page. Stored in
 * `storage.local` only (see lib/store/storage.ts): never in `storage.sync`,
 * never in a plain backup.
 */

/** What the user connected: one calendar on one CalDAV server. `local:calendarAccount`. */
export interface CalendarAccount {
  /** The address the user typed, normalised (`https:`, or `http:` on localhost only). */
  serverUrl: string;
  username: string;
  /** An app password. Stored in `storage.local` only. */
  password: string;
  /** The calendar collection's absolute URL (ends with `/`), on the same origin as `serverUrl`. */
  calendarUrl: string;
  /** Its display name as the server gave it (for the status line). */
  calendarName: string;
  /** ISO time the user connected. */
  connectedAt: string;
}

/** Why a round failed, in a word the options page turns into a sentence and an action (lib/remote/errors.ts). */
export type CalendarErrorCode = RemoteErrorCode;

/** A deadline as one calendar event: what the planner wants on the server. */
export interface DesiredEvent {
  /** Stable: made from the card id and the deadline kind (`…-due@sim-keeper`, `…-lost@sim-keeper`). */
  uid: string;
  cardId: string;
  kind: 'due' | 'lost';
  /** The day the event covers: the deadline's day on the user's calendar (as the popup shows it). */
  date: PlainDate;
  /** The whole VCALENDAR object (CRLF line ends, ending with CRLF) to PUT. */
  ics: string;
  /**
   * A digest of `ics` without DTSTAMP (and without the `X-SIM-KEEPER-HASH` line that
   * carries this very digest in the event), to tell whether the server's copy must change.
   */
  hash: string;
}

/** What the background remembers of the server: `local:calendarState`. */
export interface CalendarState {
  /** The calendar these records belong to; records for another URL are ignored. */
  calendarUrl: string | null;
  /** UID → what SIM Keeper last wrote there. */
  written: Record<string, { href: string; etag: string | null; hash: string }>;
  /** The last round: when it ended and how. */
  last: { at: string; ok: true; put: number; deleted: number } | { at: string; ok: false; code: CalendarErrorCode; detail: string } | null;
  /** The last round that succeeded. */
  lastSuccessAt: string | null;
  /** Consecutive failed rounds, for the backoff. */
  failures: number;
}

/** Messages the options page sends the background (`runtime.sendMessage`). */
export type CalendarRequest = { type: 'calendar:updateNow' } | { type: 'calendar:disconnect'; removeEvents: boolean };
