import type { CalendarObjects, RemoteEntry, RemoteObject, WriteResult } from '../../lib/calendar/client';

/**
 * An in-memory calendar collection speaking the reconciler's interface the way a
 * CalDAV server does: ETags change with every write, `If-None-Match: *` and
 * `If-Match` are enforced (412), a missing object answers 404. `beforeWrite` lets
 * a test change the calendar between the reconciler's read and its write.
 */
export class FakeCalendar implements CalendarObjects {
  readonly objects = new Map<string, { data: string; etag: string }>();
  readonly log: string[] = [];
  private version = 0;
  /** Runs before each PUT or DELETE reaches the store (once per call). */
  beforeWrite: ((method: 'PUT' | 'DELETE', href: string) => void) | null = null;

  constructor(readonly url = 'https://dav.example.org/cal/sk/') {}

  /** Puts an object directly, as another client would; returns its ETag. */
  store(name: string, data: string): string {
    const etag = `"v${++this.version}"`;
    this.objects.set(new URL(name, this.url).href, { data, etag });
    return etag;
  }

  count(method: string): number {
    return this.log.filter((line) => line.startsWith(`${method} `)).length;
  }

  async list(): Promise<RemoteEntry[]> {
    this.log.push(`REPORT ${this.url}`);
    return [...this.objects].map(([href, { etag }]) => ({ href, etag }));
  }

  async read(hrefs: readonly string[]): Promise<RemoteObject[]> {
    this.log.push(`MULTIGET ${hrefs.length}`);
    return hrefs.flatMap((href) => {
      const found = this.objects.get(href);
      return found ? [{ href, etag: found.etag, data: found.data }] : [];
    });
  }

  async put(href: string, ics: string, precondition: 'new' | { etag: string }): Promise<WriteResult> {
    this.log.push(`PUT ${href}`);
    this.beforeWrite?.('PUT', href);
    const found = this.objects.get(href);
    if (precondition === 'new' && found) return { ok: false, status: 412 };
    if (precondition !== 'new' && !found) return { ok: false, status: 404 };
    if (precondition !== 'new' && found && found.etag !== precondition.etag) return { ok: false, status: 412 };
    const etag = `"v${++this.version}"`;
    this.objects.set(href, { data: ics, etag });
    return { ok: true, etag };
  }

  async remove(href: string, etag: string | null): Promise<WriteResult> {
    this.log.push(`DELETE ${href}`);
    this.beforeWrite?.('DELETE', href);
    const found = this.objects.get(href);
    if (!found) return { ok: true, etag: null };
    if (etag !== null && found.etag !== etag) return { ok: false, status: 412 };
    this.objects.delete(href);
    return { ok: true, etag: null };
  }
}

/** A VEVENT someone else made, with a UID that is not SIM Keeper's. */
export function foreignEvent(uid: string, summary = 'Dentist'): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Someone//Else//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T000000Z',
    'DTSTART;VALUE=DATE:20260315',
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
