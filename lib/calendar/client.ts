import type { CalendarErrorCode } from './types';

/*
 * PLACEHOLDER from branch `calui` so the options page compiles and can be tried
 * against a real server before `calcore` lands: the exports are the agreed ones;
 * on merge take calcore's version of this file. Plain fetch and DOMParser, no tsdav.
 */

export interface CalendarCredentials {
  serverUrl: string;
  username: string;
  password: string;
}
export interface FoundCalendar {
  url: string;
  displayName: string;
  supportsEvents: boolean;
}
export interface CalendarClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A failed CalDAV request, named by what the user can do about it. */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  readonly detail: string;
  constructor(code: CalendarErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'CalendarError';
    this.code = code;
    this.detail = detail;
  }
}

const DAV = 'DAV:';
const CALDAV = 'urn:ietf:params:xml:ns:caldav';

function codeOfStatus(status: number): CalendarErrorCode {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 405 || status === 501) return 'notCalDav';
  if (status === 423) return 'locked';
  if (status === 507) return 'quota';
  if (status >= 500) return 'server';
  return 'notCalDav';
}

async function request(
  credentials: CalendarCredentials,
  url: string,
  method: string,
  body: string,
  headers: Record<string, string>,
  options: CalendarClientOptions,
): Promise<{ status: number; text: string }> {
  const doFetch = options.fetch ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 20_000);
  try {
    const response = await doFetch(url, {
      method,
      body,
      redirect: 'manual',
      credentials: 'omit',
      signal: controller.signal,
      headers: {
        Authorization: `Basic ${btoa(unescape(encodeURIComponent(`${credentials.username}:${credentials.password}`)))}`,
        'Content-Type': 'application/xml; charset=utf-8',
        ...headers,
      },
    });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new CalendarError('redirect', `${method} ${url}: ${response.status}`);
    }
    const text = await response.text();
    if (!response.ok) throw new CalendarError(codeOfStatus(response.status), `${method} ${url}: ${response.status}`);
    return { status: response.status, text };
  } catch (error) {
    if (error instanceof CalendarError) throw error;
    if (controller.signal.aborted) throw new CalendarError('timeout', `${method} ${url}`);
    throw new CalendarError('unreachable', `${method} ${url}: ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) throw new CalendarError('malformed', 'not XML');
  return doc;
}

function hrefIn(doc: Document, property: string, namespace: string, base: string): string | null {
  const element = doc.getElementsByTagNameNS(namespace, property)[0];
  const href = element?.getElementsByTagNameNS(DAV, 'href')[0]?.textContent?.trim();
  return href ? new URL(href, base).href : null;
}

const propfind = (props: string) =>
  `<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:c="${CALDAV}"><d:prop>${props}</d:prop></d:propfind>`;

async function calendarHome(credentials: CalendarCredentials, options: CalendarClientOptions): Promise<string> {
  const body = propfind('<d:current-user-principal/><c:calendar-home-set/>');
  const first = parseXml((await request(credentials, credentials.serverUrl, 'PROPFIND', body, { Depth: '0' }, options)).text);
  const home = hrefIn(first, 'calendar-home-set', CALDAV, credentials.serverUrl);
  if (home) return home;
  const principal = hrefIn(first, 'current-user-principal', DAV, credentials.serverUrl);
  if (!principal) throw new CalendarError('notCalDav', 'no current-user-principal');
  const second = parseXml((await request(credentials, principal, 'PROPFIND', body, { Depth: '0' }, options)).text);
  const found = hrefIn(second, 'calendar-home-set', CALDAV, principal);
  if (!found) throw new CalendarError('notCalDav', 'no calendar-home-set');
  return found;
}

/** The calendars in the user's calendar home, each with whether it takes events (VEVENT). */
export async function discoverCalendars(credentials: CalendarCredentials, options: CalendarClientOptions = {}): Promise<FoundCalendar[]> {
  const home = await calendarHome(credentials, options);
  const body = propfind('<d:resourcetype/><d:displayname/><c:supported-calendar-component-set/>');
  const doc = parseXml((await request(credentials, home, 'PROPFIND', body, { Depth: '1' }, options)).text);
  const calendars: FoundCalendar[] = [];
  for (const response of Array.from(doc.getElementsByTagNameNS(DAV, 'response'))) {
    const href = response.getElementsByTagNameNS(DAV, 'href')[0]?.textContent?.trim();
    if (!href || response.getElementsByTagNameNS(CALDAV, 'calendar').length === 0) continue;
    const url = new URL(href, home).href;
    const components = Array.from(response.getElementsByTagNameNS(CALDAV, 'comp')).map((c) => c.getAttribute('name'));
    calendars.push({
      url,
      displayName:
        response.getElementsByTagNameNS(DAV, 'displayname')[0]?.textContent?.trim() || decodeURIComponent(url.split('/').at(-2) ?? url),
      supportsEvents: components.length === 0 || components.includes('VEVENT'),
    });
  }
  return calendars;
}

/** Makes a new calendar for events in the user's calendar home (MKCALENDAR). */
export async function createCalendar(
  credentials: CalendarCredentials,
  displayName: string,
  options: CalendarClientOptions = {},
): Promise<FoundCalendar> {
  const home = await calendarHome(credentials, options);
  const url = new URL(`${crypto.randomUUID()}/`, home.endsWith('/') ? home : `${home}/`).href;
  const escaped = displayName.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = `<?xml version="1.0" encoding="utf-8"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="${CALDAV}"><d:set><d:prop><d:displayname>${escaped}</d:displayname><c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>`;
  await request(credentials, url, 'MKCALENDAR', body, {}, options);
  return { url, displayName, supportsEvents: true };
}
