import {
  calendarMultiGet,
  calendarQuery,
  createAccount,
  createCalendarObject,
  deleteCalendarObject,
  fetchCalendars,
  makeCalendar,
  updateCalendarObject,
  type DAVAccount,
} from 'tsdav';
import { guardedFetch, type RemoteClientOptions, type RemoteCredentials } from '../remote/fetch';
import { CalendarError, codeOfStatus, toCalendarError } from './errors';

/*
 * The edge over tsdav: every request to the user's CalDAV server goes through
 * `guardedFetch` (lib/remote/fetch.ts, shared with the WebDAV folder), which gives
 * it a timeout, sends the password (Basic auth) only to the account's own origin,
 * refuses any request or redirect to another origin, caps what it reads, and turns
 * a failed WebDAV status into a CalendarError. tsdav writes and reads all the XML;
 * nothing here builds WebDAV XML by hand.
 */

export { CalendarError } from './errors';
export { DEFAULT_TIMEOUT_MS, guardedFetch, MAX_RESPONSE_BYTES } from '../remote/fetch';
export type CalendarCredentials = RemoteCredentials;
export type CalendarClientOptions = RemoteClientOptions;

export interface FoundCalendar {
  /** The collection's absolute URL, ending with `/`. */
  url: string;
  displayName: string;
  /** Whether the calendar takes events (VEVENT); a tasks-only list does not. */
  supportsEvents: boolean;
}

/** The account as tsdav wants it; the password stays in guardedFetch's header, never in tsdav's hands. */
async function discoverAccount(credentials: CalendarCredentials, fetch: typeof globalThis.fetch): Promise<DAVAccount> {
  const account = await createAccount({
    account: { serverUrl: credentials.serverUrl, accountType: 'caldav', credentials: {} },
    fetch,
  });
  if (!account.homeUrl) throw new CalendarError('notCalDav', 'the server names no calendar home (calendar-home-set)');
  return account;
}

function displayNameOf(value: unknown, url: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url);
}

/**
 * The calendars the account can see, each with whether it takes events.
 * Throws a CalendarError (`auth`, `notCalDav`, `unreachable`, …).
 */
export async function discoverCalendars(credentials: CalendarCredentials, options: CalendarClientOptions = {}): Promise<FoundCalendar[]> {
  const fetch = guardedFetch(credentials, options);
  try {
    const account = await discoverAccount(credentials, fetch);
    const calendars = await fetchCalendars({ account, fetch });
    return calendars.map((calendar) => ({
      url: calendar.url.endsWith('/') ? calendar.url : `${calendar.url}/`,
      displayName: displayNameOf(calendar.displayName, calendar.url),
      supportsEvents: (calendar.components ?? []).length === 0 || (calendar.components ?? []).includes('VEVENT'),
    }));
  } catch (error) {
    throw toCalendarError(error);
  }
}

/** A URL-safe, unique last segment for a new calendar. */
function newCollectionName(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `sim-keeper-${random}`;
}

/**
 * Makes a calendar for events only (MKCALENDAR in the account's calendar home),
 * named `displayName`. Throws a CalendarError (`forbidden` where the server lets
 * no one make calendars, `notCalDav`, …).
 */
export async function createCalendar(
  credentials: CalendarCredentials,
  displayName: string,
  options: CalendarClientOptions = {},
): Promise<FoundCalendar> {
  const fetch = guardedFetch(credentials, options);
  try {
    const account = await discoverAccount(credentials, fetch);
    const home = account.homeUrl!.endsWith('/') ? account.homeUrl! : `${account.homeUrl}/`;
    const url = new URL(`${newCollectionName()}/`, home).href;
    await makeCalendar({
      url,
      props: {
        'd:displayname': displayName,
        'c:supported-calendar-component-set': { 'c:comp': { _attributes: { name: 'VEVENT' } } },
      },
      fetch,
    });
    return { url, displayName, supportsEvents: true };
  } catch (error) {
    throw toCalendarError(error);
  }
}

/** An object in the calendar as listed: where it is and its version. */
export interface RemoteEntry {
  /** Absolute URL. */
  href: string;
  etag: string | null;
}

/** An object with its text. */
export interface RemoteObject extends RemoteEntry {
  data: string;
}

/** The result of a conditional write: done (with the new ETag, if the server gave one), or refused by its precondition. */
export type WriteResult = { ok: true; etag: string | null } | { ok: false; status: 404 | 412 };

/** What the reconciler needs of a calendar: list, read, write and remove objects, nothing else. */
export interface CalendarObjects {
  /** Every event object in the calendar, with its ETag (no text). */
  list(): Promise<RemoteEntry[]>;
  /** The text of these objects (those gone are absent). */
  read(hrefs: readonly string[]): Promise<RemoteObject[]>;
  /** PUT: `new` sends `If-None-Match: *`; an ETag sends `If-Match`. */
  put(href: string, ics: string, precondition: 'new' | { etag: string }): Promise<WriteResult>;
  /** DELETE with `If-Match` when the ETag is known. A 404 counts as done. */
  remove(href: string, etag: string | null): Promise<WriteResult>;
}

const READ_BATCH = 50;

function etagOf(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  return String(value);
}

/**
 * The error of a refused write. A CalDAV server names the precondition that failed
 * in the body (RFC 4791 §5.3.2.1): a calendar that takes no events, or one that is full.
 */
function failedWrite(method: string, href: string, response: Response, body: string): CalendarError {
  const detail = `${method} ${new URL(href).pathname} answered ${response.status} ${response.statusText}`.trim();
  if (/supported-calendar-component|supported-calendar-data/i.test(body)) return new CalendarError('noEvents', detail);
  if (/quota-not-exceeded|max-resource-size|insufficient-storage/i.test(body)) return new CalendarError('quota', detail);
  return new CalendarError(codeOfStatus(response.status) ?? 'malformed', detail);
}

/** The body of a refused write, for its precondition; empty when it cannot be read. */
async function bodyOf(response: Response): Promise<string> {
  try {
    return (await response.text()).slice(0, 4096);
  } catch {
    return '';
  }
}

/** The objects of one calendar on the account's server, through guardedFetch and tsdav. */
export function calendarObjects(
  credentials: CalendarCredentials,
  calendarUrl: string,
  options: CalendarClientOptions = {},
): CalendarObjects {
  const fetch = guardedFetch(credentials, options);
  const collection = new URL(calendarUrl).href;
  const absolute = (href: string) => new URL(href, collection).href;
  const eventsOnly = [{ 'comp-filter': { _attributes: { name: 'VCALENDAR' }, 'comp-filter': { _attributes: { name: 'VEVENT' } } } }];

  return {
    async list() {
      try {
        const responses = await calendarQuery({ url: collection, props: { 'd:getetag': {} }, filters: eventsOnly, depth: '1', fetch });
        return responses
          .filter((response) => response.ok && typeof response.href === 'string' && absolute(response.href) !== collection)
          .map((response) => ({ href: absolute(response.href!), etag: etagOf(response.props?.getetag) }));
      } catch (error) {
        throw toCalendarError(error);
      }
    },

    async read(hrefs) {
      const objects: RemoteObject[] = [];
      try {
        for (let i = 0; i < hrefs.length; i += READ_BATCH) {
          const batch = hrefs.slice(i, i + READ_BATCH).map((href) => new URL(href).pathname);
          const responses = await calendarMultiGet({
            url: collection,
            props: { 'd:getetag': {}, 'c:calendar-data': {} },
            objectUrls: batch,
            depth: '1',
            fetch,
          });
          for (const response of responses) {
            const raw = response.props?.calendarData;
            const data =
              typeof raw === 'string'
                ? raw
                : ((raw as { _cdata?: unknown; _text?: unknown } | undefined)?._cdata ?? (raw as { _text?: unknown } | undefined)?._text);
            if (!response.ok || typeof response.href !== 'string' || typeof data !== 'string') continue;
            objects.push({ href: absolute(response.href), etag: etagOf(response.props?.getetag), data });
          }
        }
        return objects;
      } catch (error) {
        throw toCalendarError(error);
      }
    },

    async put(href, ics, precondition) {
      let response: Response;
      try {
        if (precondition === 'new') {
          const filename = decodeURIComponent(new URL(href).pathname.split('/').pop() ?? '');
          if (absolute(filename) !== href) throw new CalendarError('malformed', `${href} is not directly in ${collection}`);
          response = await createCalendarObject({ calendar: { url: collection }, filename, iCalString: ics, fetch });
        } else {
          response = await updateCalendarObject({ calendarObject: { url: href, data: ics, etag: precondition.etag }, fetch });
        }
      } catch (error) {
        throw toCalendarError(error);
      }
      if (response.ok || response.status === 412 || response.status === 404) await response.body?.cancel().catch(() => undefined);
      if (response.ok) return { ok: true, etag: etagOf(response.headers.get('etag')) };
      if (response.status === 412 || response.status === 404) return { ok: false, status: response.status };
      throw failedWrite('PUT', href, response, await bodyOf(response));
    },

    async remove(href, etag) {
      let response: Response;
      try {
        response = await deleteCalendarObject({ calendarObject: { url: href, etag: etag ?? undefined }, fetch });
      } catch (error) {
        throw toCalendarError(error);
      }
      if (response.ok || response.status === 404 || response.status === 410) return { ok: true, etag: null };
      if (response.status === 412) return { ok: false, status: 412 };
      throw failedWrite('DELETE', href, response, await bodyOf(response));
    },
  };
}
