// The calendar link with 500 cards against a local Radicale: one full first round, and a round with nothing changed.
import { bench, describe } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { calendarObjects, createCalendar, type CalendarCredentials } from '../../lib/calendar/client';
import { planCalendarEvents } from '../../lib/calendar/events';
import { reconcileCalendar } from '../../lib/calendar/reconcile';
import en from '../../public/_locales/en/messages.json';
import { startRadicale, type RadicaleServer } from '../servers/radicale.mjs';
import { getMessageFrom } from '../unit/setup';
import { sampleCards } from './sample-cards';

fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(en as never, key, subs)) as never;

const CARDS = 500;
const now = new Date('2026-11-22T02:00:00Z');
const settings = { timeZone: 'Asia/Shanghai', reminderTime: '09:00', leadDays: [30, 7, 3, 1, 0], escalateHours: 8 };
const desired = planCalendarEvents(sampleCards(CARDS), settings, { language: 'en', now });

// vitest bench runs no beforeAll/afterAll: the server starts here, and goes when the worker exits.
const radicale: RadicaleServer = await startRadicale({ users: { bench: 'bench-password' } });
process.once('exit', () => radicale.stopNow());
const credentials: CalendarCredentials = { serverUrl: radicale.url, username: 'bench', password: 'bench-password' };
const methods: string[] = [];
const countingFetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
  methods.push((init.method ?? 'GET').toUpperCase());
  return fetch(input, init);
}) as typeof fetch;

// A calendar already holding every event, for the round with nothing to do.
const filledCalendar = await createCalendar(credentials, 'Filled');
const filled = {
  url: filledCalendar.url,
  state: (await reconcileCalendar(calendarObjects(credentials, filledCalendar.url), filledCalendar.url, desired, null)).state,
};

describe(`calendar with ${CARDS} cards (${desired.length} events) on a local Radicale`, () => {
  bench(
    'first round: every event PUT into a new calendar',
    async () => {
      const calendar = await createCalendar(credentials, 'Bench');
      const { counts } = await reconcileCalendar(calendarObjects(credentials, calendar.url), calendar.url, desired, null);
      if (counts.put !== desired.length) throw new Error(`expected ${desired.length} PUTs, made ${counts.put}`);
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );

  bench(
    'round with nothing changed (one listing, no PUT)',
    async () => {
      methods.length = 0;
      const { counts } = await reconcileCalendar(
        calendarObjects(credentials, filled.url, { fetch: countingFetch }),
        filled.url,
        desired,
        filled.state,
      );
      if (counts.put !== 0 || methods.includes('PUT') || methods.includes('DELETE')) {
        throw new Error(`a round with nothing changed sent ${methods.join(', ')}`);
      }
    },
    { iterations: 10, warmupIterations: 1, time: 0, warmupTime: 0 },
  );
});
