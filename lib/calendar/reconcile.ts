import type { CalendarObjects } from './client';
import { CalendarError } from './errors';
import { digestOf, hashOfCopy } from './events';
import type { CalendarState, DesiredEvent } from './types';

/*
 * One round of making the calendar hold what SIM Keeper wants, and nothing of
 * the user's touched:
 *
 * - only objects named `sim-keeper-<digest>.ics` whose UID ends in `@sim-keeper`
 *   are SIM Keeper's; everything else is never read, written or removed;
 * - a new event is PUT with `If-None-Match: *`, a change with `If-Match: <etag>`,
 *   so an edit made meanwhile on the server is never overwritten unseen (412 →
 *   read again, try once more);
 * - an event the user edited by hand is left as it is until SIM Keeper's own
 *   text for it changes (the recorded hash says what SIM Keeper last wrote);
 * - nothing is remembered until the round ends: a round that stops halfway
 *   leaves objects the next round finds by their names and adopts or repairs.
 *
 * Two rounds in a row: the second reads one ETag listing and writes nothing.
 */

/** The suffix of every UID SIM Keeper makes (see eventUid in lib/transfer/ics.ts). */
export const OWN_UID_SUFFIX = '@sim-keeper';

const OWN_NAME = /^sim-keeper-[0-9a-f]{16}\.ics$/;

/** The object name of a UID: stable, URL-safe and the same in every browser. */
export function objectNameOf(uid: string): string {
  return `sim-keeper-${digestOf(uid).slice(0, 16)}.ics`;
}

/** Whether an object URL has a name SIM Keeper gives its objects. */
export function isOwnObjectName(href: string): boolean {
  const name = new URL(href).pathname.split('/').pop() ?? '';
  return OWN_NAME.test(name);
}

/** The UID of an iCalendar text (lines unfolded), or `null`. */
export function uidOf(ics: string): string | null {
  const match = /^UID(?:;[^:\r\n]*)?:([^\r\n]*)$/m.exec(ics.replace(/\r?\n[ \t]/g, ''));
  return match ? match[1]!.trim() : null;
}

/** An empty record for `calendarUrl`. */
export function emptyCalendarState(calendarUrl: string | null): CalendarState {
  return { calendarUrl, written: {}, last: null, lastSuccessAt: null, failures: 0 };
}

export interface ReconcileCounts {
  put: number;
  deleted: number;
  unchanged: number;
}

export interface ReconcileResult {
  /** The state to store: `written` as the server now holds it; `last` and the rest as they were (the caller sets them). */
  state: CalendarState;
  counts: ReconcileCounts;
}

export interface ReconcileOptions {
  /** UIDs never deleted though not desired (events of cards kept aside because they cannot be read now). */
  keep?: ReadonlySet<string>;
}

interface OwnRemote {
  href: string;
  etag: string | null;
  /** The hash of the server's text without DTSTAMP, where it was read. */
  serverHash: string | null;
}

/** A key that is the same for two spellings of one object URL (relative or absolute, %-encoded or not). */
function hrefKey(href: string, base?: string): string {
  const url = new URL(href, base);
  try {
    return `${url.origin}${decodeURIComponent(url.pathname)}`;
  } catch {
    return `${url.origin}${url.pathname}`;
  }
}

/**
 * Makes the calendar at `calendarUrl` hold exactly `desired` among SIM Keeper's
 * own events, from the record `state` of what it wrote before. Throws a
 * CalendarError on the first failure (nothing is recorded then; the next round
 * repairs from what the server holds).
 */
export async function reconcileCalendar(
  objects: CalendarObjects,
  calendarUrl: string,
  desired: readonly DesiredEvent[],
  state: CalendarState | null,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const collection = new URL(calendarUrl).href;
  const written = state && state.calendarUrl === collection ? state.written : {};
  const listed = await objects.list();
  // Keyed once: a calendar of thousands of events is matched in linear time.
  const listedByKey = new Map(listed.map((entry) => [hrefKey(entry.href), entry]));
  const recordByKey = new Map(Object.entries(written).map(([uid, record]) => [hrefKey(record.href, collection), { uid, ...record }]));
  const own = listed.filter((entry) => isOwnObjectName(entry.href));

  // The objects to read: SIM Keeper's by name whose ETag is not the one it recorded.
  const toRead = own.filter((entry) => {
    const record = recordByKey.get(hrefKey(entry.href));
    return !record || record.etag === null || entry.etag === null || record.etag !== entry.etag;
  });
  const read = toRead.length > 0 ? await objects.read(toRead.map((entry) => entry.href)) : [];
  const readByKey = new Map(read.map((object) => [hrefKey(object.href), object]));

  // What the server holds of SIM Keeper's, by UID.
  const remote = new Map<string, OwnRemote>();
  for (const entry of own) {
    const key = hrefKey(entry.href);
    const text = readByKey.get(key);
    if (text) {
      const uid = uidOf(text.data);
      // Our name but not our UID: something else lives there; leave it alone.
      if (!uid?.endsWith(OWN_UID_SUFFIX)) continue;
      remote.set(uid, { href: entry.href, etag: text.etag ?? entry.etag, serverHash: hashOfCopy(text.data) });
      continue;
    }
    const record = recordByKey.get(key);
    if (record) remote.set(record.uid, { href: entry.href, etag: entry.etag, serverHash: record.hash });
  }

  const nextWritten: CalendarState['written'] = {};
  const counts: ReconcileCounts = { put: 0, deleted: 0, unchanged: 0 };

  for (const event of desired) {
    const found = remote.get(event.uid);
    const record = written[event.uid];
    if (found) {
      const serverHasOurs = found.serverHash === event.hash;
      // Edited by hand on the server, while SIM Keeper's own text is what it last wrote: keep the user's copy.
      const keptByHand = record !== undefined && record.hash === event.hash && hrefKey(record.href, collection) === hrefKey(found.href);
      if (serverHasOurs || keptByHand) {
        nextWritten[event.uid] = { href: found.href, etag: found.etag, hash: event.hash };
        counts.unchanged += 1;
        continue;
      }
      nextWritten[event.uid] = await write(objects, found.href, event, found.etag);
      counts.put += 1;
      continue;
    }
    const href = new URL(objectNameOf(event.uid), collection).href;
    if (listedByKey.has(hrefKey(href))) {
      // Our name, but not an event of ours (another UID, or one the server would not give back): never overwrite it.
      console.warn('SIM Keeper: calendar object in the way, event not written', href);
      continue;
    }
    nextWritten[event.uid] = await write(objects, href, event, null);
    counts.put += 1;
  }

  const wanted = new Set(desired.map((event) => event.uid));
  for (const [uid, found] of remote) {
    if (wanted.has(uid)) continue;
    if (options.keep?.has(uid)) {
      const record = written[uid];
      if (record) nextWritten[uid] = { ...record, href: found.href, etag: found.etag };
      continue;
    }
    await removeOwn(objects, found);
    counts.deleted += 1;
  }

  return { state: { ...(state ?? emptyCalendarState(collection)), calendarUrl: collection, written: nextWritten }, counts };
}

/** PUT one event, conditionally; on 412 (or 404 for an update) read it again and try once more. */
async function write(
  objects: CalendarObjects,
  href: string,
  event: DesiredEvent,
  etag: string | null,
): Promise<CalendarState['written'][string]> {
  const first = await objects.put(href, event.ics, etag === null ? 'new' : { etag });
  if (first.ok) return { href, etag: first.etag, hash: event.hash };
  const [again] = await objects.read([href]);
  if (again && !uidOf(again.data)?.endsWith(OWN_UID_SUFFIX)) {
    throw new CalendarError('conflict', `${new URL(href).pathname} holds an event SIM Keeper did not make`);
  }
  const retry = await objects.put(href, event.ics, again?.etag ? { etag: again.etag } : 'new');
  if (retry.ok) return { href, etag: retry.etag, hash: event.hash };
  throw new CalendarError('conflict', `${new URL(href).pathname} kept changing (${retry.status} twice)`);
}

/** DELETE one of SIM Keeper's own events; on 412 read it again and try once more. */
async function removeOwn(objects: CalendarObjects, found: OwnRemote): Promise<void> {
  const first = await objects.remove(found.href, found.etag);
  if (first.ok) return;
  const [again] = await objects.read([found.href]);
  if (!again) return;
  if (!uidOf(again.data)?.endsWith(OWN_UID_SUFFIX)) return;
  const retry = await objects.remove(found.href, again.etag);
  if (!retry.ok) throw new CalendarError('conflict', `${new URL(found.href).pathname} kept changing (${retry.status} twice)`);
}
