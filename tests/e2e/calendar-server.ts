import ICAL from 'ical.js';
import { objectHrefs } from '../servers/radicale.mjs';

export { collectionName, startRadicale, type RadicaleServer as Radicale } from '../servers/radicale.mjs';

/** One VEVENT as read back from the server by ical.js, independent of the extension's own writer. */
export interface ServerEvent {
  href: string;
  uid: string;
  summary: string;
  /** `YYYY-MM-DD` for an all-day event. */
  start: string;
  allDay: boolean;
  /** Each VALARM's trigger as written: an absolute UTC time (`…Z`), or a duration. */
  triggers: string[];
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Every event in the calendar at `calendarUrl`: PROPFIND for the objects, GET each, parse with ical.js (not the extension's code). */
export async function readEvents(calendarUrl: string, user: string, password: string): Promise<ServerEvent[]> {
  const hrefs = await objectHrefs(calendarUrl, user, password);
  const events: ServerEvent[] = [];
  for (const href of hrefs) {
    const response = await fetch(href, { headers: { Authorization: basic(user, password) } });
    // Removed by the background between the listing and this GET (a poll reads while it deletes): not there.
    if (response.status === 404) continue;
    if (!response.ok) throw new Error(`GET ${href}: ${response.status}`);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    for (const vevent of calendar.getAllSubcomponents('vevent')) {
      const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
      events.push({
        href,
        uid: String(vevent.getFirstPropertyValue('uid')),
        summary: String(vevent.getFirstPropertyValue('summary') ?? ''),
        start: start.toString().slice(0, 10),
        allDay: start.isDate,
        triggers: vevent.getAllSubcomponents('valarm').map((alarm) => {
          // ical.js gives a UTC time with its `Z`, a floating one without, a duration as `-PT15M`.
          return String(alarm.getFirstPropertyValue('trigger'));
        }),
      });
    }
  }
  return events.sort((a, b) => a.uid.localeCompare(b.uid));
}
