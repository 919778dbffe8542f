import type { browser as wxtBrowser } from 'wxt/browser';
import { uiLanguage } from '../browser/i18n';
import { browserTimeZone } from '../dates/plain-date';
import { resolveSettings } from '../store/settings-schema';
import { calendarAccountItem, calendarStateItem, cardsItem, loadCards, loadSettings, settingsItem } from '../store/storage';
import { eventUid } from '../transfer/ics';
import { assertOriginAccess } from '../remote/access';
import { keepingAwake } from '../remote/keep-awake';
import { calendarObjects, type CalendarObjects } from './client';
import { CalendarError, toCalendarError } from './errors';
import { planCalendarEvents } from './events';
import { emptyCalendarState, reconcileCalendar } from './reconcile';
import { accountOrigin, isCalendarRequest, parseCalendarAccount, parseCalendarState } from './stored';
import type { CalendarAccount, CalendarErrorCode, CalendarState } from './types';

/*
 * The background edge of the calendar link. Every event (a start, a change to
 * the cards, the settings or the account, the round alarm, "Update now") leads
 * to the same idempotent round: plan the events, reconcile the calendar, record
 * how it went. A failed round is retried by an alarm, later each time (1, 2, 4 …
 * 60 minutes); the cards are never touched. The password is read from
 * storage.local for the round and goes nowhere but the Authorization header of
 * requests to the account's own origin; it is never logged.
 */

type Browser = typeof wxtBrowser;

/** The one alarm of the calendar: the next round, soon after a change or later after a failure. */
export const CALENDAR_ROUND_ALARM = 'calendar|round';
/** How soon after a change the calendar follows (Chrome rounds alarms up to 30 s). */
export const CHANGE_DELAY_MS = 5_000;
const MINUTE = 60_000;
/** The longest wait between failed rounds. */
export const MAX_BACKOFF_MS = 60 * MINUTE;

/** The wait after the `failures`-th failure in a row: 1, 2, 4, … minutes, at most an hour. */
export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, MINUTE * 2 ** Math.max(0, Math.min(failures - 1, 10)));
}

export interface CalendarServiceOptions {
  browser: Browser;
  now?: () => Date;
  /** The fetch requests go through (tests count them); the global one by default. */
  fetch?: typeof fetch;
  /** The browser's zone, for users who chose none. */
  browserZone?: () => string;
  /** The language of the event text. */
  language?: () => string;
  /** The calendar's objects (tests pass an in-memory calendar); over tsdav with `fetch` by default. */
  objects?: (account: CalendarAccount) => CalendarObjects;
}

export type DisconnectReply = { ok: boolean; code?: CalendarErrorCode };

export interface CalendarService {
  /** One round now (after any round running); `null` when no calendar is connected. Never rejects. */
  run(): Promise<CalendarState | null>;
  handleStartup(): Promise<void>;
  handleAlarm(alarm: { name: string }): Promise<void>;
  /** Answers a CalendarRequest with a promise; anything else with `undefined`, for another listener. */
  handleMessage(message: unknown): Promise<unknown> | undefined;
  /** Watches the cards, the settings and the account; returns a function that stops. */
  watchStorage(): () => void;
}

let localQueue: Promise<unknown> = Promise.resolve();

/** One round at a time across the background and any page (Web Locks), or in this module where they are missing. */
function withCalendarLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request('sim-keeper:calendar', task) as Promise<T>;
  const run = localQueue.then(task, task);
  localQueue = run.catch(() => undefined);
  return run;
}

/** `objects` with each request keeping the service worker awake (lib/remote/keep-awake.ts). */
function keptAwake(objects: CalendarObjects, browser: Browser): CalendarObjects {
  const touched = keepingAwake(() => browser.runtime.getPlatformInfo());
  return {
    list: () => touched(() => objects.list()),
    read: (hrefs) => touched(() => objects.read(hrefs)),
    put: (href, ics, precondition) => touched(() => objects.put(href, ics, precondition)),
    remove: (href, etag) => touched(() => objects.remove(href, etag)),
  };
}

export function createCalendarService(options: CalendarServiceOptions): CalendarService {
  const { browser } = options;
  const now = options.now ?? (() => new Date());
  const browserZone = options.browserZone ?? browserTimeZone;
  const language = options.language ?? uiLanguage;

  async function checkAccess(account: CalendarAccount): Promise<void> {
    const where = accountOrigin(account);
    if (!where.ok) throw new CalendarError('redirect', where.detail);
    await assertOriginAccess(browser.permissions, where.permissionPattern);
  }

  const makeObjects =
    options.objects ?? ((account: CalendarAccount) => calendarObjects(account, account.calendarUrl, { fetch: options.fetch }));
  const objectsOf = (account: CalendarAccount) => keptAwake(makeObjects(account), browser);

  /** UIDs of cards kept aside (stored but not readable): their events stay until the card is readable again. */
  function keptAsideUids(invalid: readonly { raw: unknown }[]): Set<string> {
    const uids = new Set<string>();
    for (const { raw } of invalid) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id !== '') for (const kind of ['due', 'lost'] as const) uids.add(eventUid({ id }, kind));
    }
    return uids;
  }

  async function round(): Promise<CalendarState | null> {
    const account = parseCalendarAccount(await calendarAccountItem.getValue());
    if (!account) return null;
    const previous = parseCalendarState(await calendarStateItem.getValue()) ?? emptyCalendarState(account.calendarUrl);
    const at = now();
    let next: CalendarState;
    try {
      await checkAccess(account);
      const snapshot = await loadCards();
      const settings = resolveSettings((await loadSettings()).settings, browserZone());
      const desired = planCalendarEvents(snapshot.cards, settings, { language: language(), now: at });
      const { state, counts } = await reconcileCalendar(objectsOf(account), account.calendarUrl, desired, previous, {
        keep: keptAsideUids(snapshot.invalid),
      });
      next = {
        ...state,
        last: { at: at.toISOString(), ok: true, put: counts.put, deleted: counts.deleted },
        lastSuccessAt: at.toISOString(),
        failures: 0,
      };
    } catch (error) {
      const failure = toCalendarError(error);
      const failures = previous.failures + 1;
      next = { ...previous, last: { at: at.toISOString(), ok: false, code: failure.code, detail: failure.detail }, failures };
      console.warn('SIM Keeper: calendar round failed', failure.code, failure.detail);
      await browser.alarms.create(CALENDAR_ROUND_ALARM, { when: at.getTime() + backoffMs(failures) });
    }
    // The account may have been removed while the round ran: then its state goes too.
    if (!parseCalendarAccount(await calendarAccountItem.getValue())) return null;
    await calendarStateItem.setValue(next);
    return next;
  }

  const run = (): Promise<CalendarState | null> =>
    withCalendarLock(round).catch((error: unknown) => {
      console.error('SIM Keeper: calendar', error);
      return null;
    });

  async function disconnect(removeEvents: boolean): Promise<DisconnectReply> {
    const account = parseCalendarAccount(await calendarAccountItem.getValue());
    if (account && removeEvents) {
      try {
        await checkAccess(account);
        const previous = parseCalendarState(await calendarStateItem.getValue());
        // Nothing desired: every event SIM Keeper made in that calendar goes, and nothing else.
        await reconcileCalendar(objectsOf(account), account.calendarUrl, [], previous);
      } catch (error) {
        // The account stays, so the user can try again or disconnect without removing.
        const failure = toCalendarError(error);
        console.warn('SIM Keeper: could not remove the calendar events', failure.code, failure.detail);
        return { ok: false, code: failure.code };
      }
    }
    await calendarAccountItem.removeValue();
    await calendarStateItem.removeValue();
    await browser.alarms.clear(CALENDAR_ROUND_ALARM);
    return { ok: true };
  }

  /** A round soon, when a calendar is connected (without one, a change to the cards wakes nothing). */
  async function schedule(): Promise<void> {
    if (!parseCalendarAccount(await calendarAccountItem.getValue())) return;
    await browser.alarms.create(CALENDAR_ROUND_ALARM, { when: now().getTime() + CHANGE_DELAY_MS });
  }

  return {
    run,
    async handleStartup() {
      await run();
    },
    async handleAlarm(alarm) {
      if (alarm.name === CALENDAR_ROUND_ALARM) await run();
    },
    handleMessage(message) {
      if (!isCalendarRequest(message)) return undefined;
      if (message.type === 'calendar:updateNow') return run();
      return withCalendarLock(() => disconnect(message.removeEvents)).catch((error: unknown) => ({
        ok: false,
        code: toCalendarError(error).code,
      }));
    },
    watchStorage() {
      const stops = [cardsItem, settingsItem, calendarAccountItem].map((item) =>
        item.watch(() => void schedule().catch((error: unknown) => console.error('SIM Keeper: calendar', error))),
      );
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}
