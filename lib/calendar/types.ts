import type { PlainDate } from '../dates/plain-date';

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

/** Why a round failed, in a word the options page turns into a sentence and an action. */
export type CalendarErrorCode =
  | 'auth' // 401: wrong user name or password
  | 'forbidden' // 403
  | 'calendarGone' // 404/410 on the calendar: deleted on the server
  | 'notCalDav' // the server does not speak CalDAV (no calendar-home-set, 405 on REPORT, …)
  | 'noEvents' // the calendar does not accept VEVENT
  | 'conflict' // 412 that a re-read did not resolve
  | 'locked' // 423
  | 'server' // 5xx
  | 'quota' // 507, or a quota/size precondition
  | 'unreachable' // network error, DNS, refused
  | 'timeout' // no answer in time
  | 'certificate' // TLS failure (as far as fetch lets us tell)
  | 'redirect' // a redirect to another origin (refused)
  | 'tooLarge' // a response over the size limit
  | 'malformed' // a response that is not the XML/iCalendar expected
  | 'permission'; // the browser's host permission for the origin is missing

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
