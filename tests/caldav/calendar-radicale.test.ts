import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { calendarObjects, createCalendar, discoverCalendars, type CalendarCredentials } from '../../lib/calendar/client';
import { createCalendarService } from '../../lib/calendar/service';
import type { CalendarAccount, CalendarState } from '../../lib/calendar/types';
import { cardCountdown } from '../../lib/cards/countdown';
import type { Card } from '../../lib/cards/schema';
import { addPlainDays, plainDateInZone } from '../../lib/dates/plain-date';
import { planCardReminders } from '../../lib/reminders/plan';
import { resolveSettings } from '../../lib/store/settings-schema';
import { calendarAccountItem, loadCards, saveSettings, updateCards } from '../../lib/store/storage';
import { startRadicale, type RadicaleServer } from '../servers/radicale.mjs';
import { makeCard } from '../unit/reminders-fixtures';

/*
 * The calendar link against a real CalDAV server (Radicale 3): discovery, a new
 * calendar, full rounds through the background service, and the ways a server
 * fails. Every request goes through a counting fetch, so "a second round sends
 * no PUT" is counted, not assumed.
 */

const USER_ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-03-01T04:00:00.000Z');

const ultra: Card = makeCard(
  'ultra',
  { type: 'cycle', anchorDate: '2026-02-05', period: { count: 30, unit: 'days' }, graceDays: 30 },
  {
    label: '紫卡',
    providerId: 'ultra-paygo',
    phoneNumber: '+1 213 555 0142',
    timeZone: 'America/Los_Angeles',
    channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
  },
);
const giffgaff: Card = makeCard(
  'gg',
  { type: 'keepAlive', anchorDate: '2025-09-20', window: { count: 6, unit: 'months' } },
  { label: 'giffgaff main', providerId: 'giffgaff', phoneNumber: '07700 900123', timeZone: 'Europe/London' },
);
const farEasTone: Card = makeCard(
  'fet-pass',
  { type: 'pass', days: 8, startTrigger: 'manual', startDate: '2026-02-26' },
  { label: '美國遠遊卡', providerId: 'fareastone-travel', timeZone: 'America/New_York' },
);

let radicale: RadicaleServer;
const requests: { method: string; url: string; status: number | null }[] = [];
/** Runs before a request is sent (a test stops the server here). */
let beforeRequest: ((method: string, url: string) => Promise<void>) | null = null;

const countingFetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
  const method = (init.method ?? 'GET').toUpperCase();
  const url = String(input instanceof Request ? input.url : input);
  await beforeRequest?.(method, url);
  const entry = { method, url, status: null as number | null };
  requests.push(entry);
  const response = await fetch(input, init);
  entry.status = response.status;
  return response;
}) as typeof fetch;

const count = (method: string) => requests.filter((r) => r.method === method).length;

beforeAll(async () => {
  radicale = await startRadicale({ users: { alice: 'alice-app-password', bob: 'bob-app-password' } });
});

afterAll(async () => {
  await radicale?.stop();
});

const alice = (): CalendarCredentials => ({ serverUrl: radicale.url, username: 'alice', password: 'alice-app-password' });

/** The events SIM Keeper made in `calendarUrl`, read back with ical.js, by UID. */
async function eventsIn(calendarUrl: string, credentials = alice()) {
  const objects = calendarObjects(credentials, calendarUrl);
  const listed = await objects.list();
  const read = await objects.read(listed.map((entry) => entry.href));
  const byUid = new Map<string, { date: string; alarms: number[]; summary: string; href: string; etag: string | null; data: string }>();
  for (const object of read) {
    const vevent = new ICAL.Component(ICAL.parse(object.data)).getFirstSubcomponent('vevent')!;
    byUid.set(vevent.getFirstPropertyValue('uid') as string, {
      date: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toString(),
      alarms: vevent
        .getAllSubcomponents('valarm')
        .map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Time).toJSDate().getTime()),
      summary: vevent.getFirstPropertyValue('summary') as string,
      href: object.href,
      etag: object.etag,
      data: object.data,
    });
  }
  return byUid;
}

/** What the popup shows for a card: its due day and lost day on the user's calendar. */
function popupDays(card: Card) {
  const countdown = cardCountdown(card, NOW, USER_ZONE);
  const today = plainDateInZone(NOW, USER_ZONE);
  return {
    due: addPlainDays(today, countdown.daysLeft),
    lost: countdown.daysToLost === null ? null : addPlainDays(today, countdown.daysToLost),
  };
}

function service() {
  return createCalendarService({
    browser: fakeBrowser as unknown as Parameters<typeof createCalendarService>[0]['browser'],
    now: () => NOW,
    fetch: countingFetch,
    language: () => 'en',
    browserZone: () => USER_ZONE,
  });
}

async function putForeignEvent(calendarUrl: string): Promise<{ href: string; body: string }> {
  const body = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Alice by hand//EN',
    'BEGIN:VEVENT',
    'UID:dentist-2026@alice.example',
    'DTSTAMP:20260101T000000Z',
    'DTSTART;VALUE=DATE:20260310',
    'SUMMARY:Dentist',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const href = new URL('dentist.ics', calendarUrl).href;
  const response = await fetch(href, {
    method: 'PUT',
    body,
    headers: { 'content-type': 'text/calendar', authorization: `Basic ${btoa('alice:alice-app-password')}` },
  });
  expect(response.status).toBe(201);
  // The server keeps its own serialisation of it: that is what must stay as it is.
  const stored = await fetch(href, { headers: { authorization: `Basic ${btoa('alice:alice-app-password')}` } });
  return { href, body: await stored.text() };
}

describe('SIM Keeper and a real Radicale', () => {
  let calendarUrl: string;
  let account: CalendarAccount;

  beforeEach(async () => {
    requests.length = 0;
    beforeRequest = null;
    fakeBrowser.permissions.contains = vi.fn(async () => true) as never;
    await saveSettings({ timeZone: USER_ZONE, leadDays: [7, 1], reminderTime: '09:00' });
    await updateCards(() => [ultra, giffgaff, farEasTone]);
    if (calendarUrl) await calendarAccountItem.setValue(account);
  });

  it('discovers the calendars and makes one for events only', async () => {
    const made = await createCalendar(alice(), 'SIM Keeper', { fetch: countingFetch });
    expect(made).toMatchObject({ displayName: 'SIM Keeper', supportsEvents: true });
    expect(made.url.startsWith(radicale.url)).toBe(true);
    const found = await discoverCalendars(alice(), { fetch: countingFetch });
    expect(found).toContainEqual(made);
    expect(requests.some((r) => r.method === 'MKCALENDAR' && r.status === 201)).toBe(true);
    calendarUrl = made.url;
    account = { ...alice(), calendarUrl, calendarName: made.displayName, connectedAt: NOW.toISOString() };
  });

  it('a wrong password is "auth" when discovering', async () => {
    await expect(discoverCalendars({ ...alice(), password: 'wrong' }, { fetch: countingFetch })).rejects.toMatchObject({ code: 'auth' });
  });

  let foreign: { href: string; body: string };

  it("a full round puts every deadline, on the popup's day, ringing when the extension rings; a second round puts nothing", async () => {
    await calendarAccountItem.setValue(account);
    foreign = await putForeignEvent(calendarUrl);
    requests.length = 0;
    const state = await service().run();
    expect(state?.last).toMatchObject({ ok: true, deleted: 0 });
    const events = await eventsIn(calendarUrl);
    const settings = resolveSettings({ timeZone: USER_ZONE, leadDays: [7, 1], reminderTime: '09:00' }, USER_ZONE);
    for (const card of [ultra, giffgaff, farEasTone]) {
      const days = popupDays(card);
      const reminders = planCardReminders(card, settings);
      const due = events.get(`${card.id}-due@sim-keeper`);
      expect(due?.date, card.id).toBe(days.due);
      expect(due?.alarms, card.id).toEqual(reminders.filter((r) => r.deadlineKind === 'due').map((r) => r.when));
      if (days.lost !== null && days.lost !== days.due) expect(events.get(`${card.id}-lost@sim-keeper`)?.date).toBe(days.lost);
    }
    // Ultra: a 30-day cycle from 5 Feb ends when 7 March ends in Los Angeles: at 16:00 on 8 March in Shanghai.
    expect(events.get('ultra-due@sim-keeper')).toMatchObject({ date: '2026-03-08', summary: '紫卡 (…0142): renew by Sun, Mar 8, 2026' });
    expect(events.get('ultra-lost@sim-keeper')?.date).toBe('2026-04-07');
    expect(events.get('dentist-2026@alice.example')).toBeDefined();
    expect(state!.last).toMatchObject({ put: events.size - 1 });
    expect(count('PUT')).toBe(events.size - 1);

    requests.length = 0;
    const second = await service().run();
    expect(second?.last).toEqual({ at: NOW.toISOString(), ok: true, put: 0, deleted: 0 });
    expect(count('PUT') + count('DELETE')).toBe(0);
    expect(requests.map((r) => r.method)).toEqual(['REPORT']);
  });

  it("Renewed: the due event moves to the new day; a deleted card's events go; the user's own event stays untouched", async () => {
    const renewed = { ...ultra, history: [{ id: 'r1', date: '2026-03-01', kind: 'renewed' as const }] };
    await updateCards(() => [renewed, giffgaff]);
    const state = await service().run();
    expect(state?.last).toMatchObject({ ok: true });
    const events = await eventsIn(calendarUrl);
    expect(events.get('ultra-due@sim-keeper')?.date).toBe(popupDays(renewed).due);
    expect(events.get('ultra-due@sim-keeper')?.date).not.toBe('2026-03-07');
    expect([...events.keys()].filter((uid) => uid.startsWith('fet-pass'))).toEqual([]);
    expect(count('DELETE')).toBeGreaterThanOrEqual(1);
    const dentist = await fetch(foreign.href, { headers: { authorization: `Basic ${btoa('alice:alice-app-password')}` } });
    expect(await dentist.text()).toBe(foreign.body);
    expect(requests.filter((r) => r.url.includes('dentist'))).toEqual([]);
  });

  it("a copy edited by hand on the server stays until SIM Keeper's own text changes; an edit racing a write (412) is read again and overwritten once", async () => {
    const renewed = { ...ultra, history: [{ id: 'r1', date: '2026-03-01', kind: 'renewed' as const }] };
    await updateCards(() => [renewed, giffgaff]);
    // Storage starts empty in each test: a first round adopts the events and records what SIM Keeper wrote.
    expect((await service().run())?.last).toMatchObject({ ok: true, put: 0, deleted: 0 });
    const before = (await eventsIn(calendarUrl)).get('gg-due@sim-keeper')!;
    // The user renames the event in a phone app that drops properties it does not know.
    const edited = before.data
      .replace(/SUMMARY:[^\r\n]*/, 'SUMMARY:Text Mum from the giffgaff SIM')
      .replace(/X-SIM-KEEPER-HASH:[^\r\n]*\r?\n/, '');
    const auth = { authorization: `Basic ${btoa('alice:alice-app-password')}` };
    const put = await fetch(before.href, {
      method: 'PUT',
      body: edited,
      headers: { ...auth, 'content-type': 'text/calendar', 'if-match': before.etag! },
    });
    expect(put.status).toBe(201);
    requests.length = 0;
    expect((await service().run())?.last).toMatchObject({ ok: true, put: 0 });
    expect((await eventsIn(calendarUrl)).get('gg-due@sim-keeper')?.summary).toBe('Text Mum from the giffgaff SIM');

    // The lead days change: SIM Keeper's text changes, and it wins, even over an edit made while the round runs.
    await saveSettings({ timeZone: USER_ZONE, leadDays: [3], reminderTime: '09:00' });
    let raced = false;
    beforeRequest = async (method, url) => {
      if (raced || method !== 'PUT' || url !== before.href) return;
      raced = true;
      const now = (await eventsIn(calendarUrl)).get('gg-due@sim-keeper')!;
      await fetch(url, {
        method: 'PUT',
        body: now.data.replace('Text Mum', 'Call Mum'),
        headers: { ...auth, 'content-type': 'text/calendar' },
      });
    };
    requests.length = 0;
    const state = await service().run();
    beforeRequest = null;
    expect(state?.last).toMatchObject({ ok: true });
    expect(raced).toBe(true);
    expect(
      requests.filter((r) => r.method === 'PUT' && r.url === before.href).map((r) => (r.status! < 300 ? 'written' : r.status)),
    ).toEqual([412, 'written']);
    const after = (await eventsIn(calendarUrl)).get('gg-due@sim-keeper')!;
    expect(after.summary).toMatch(/^giffgaff main \(…0123\): renew by /);
    const threeDays = resolveSettings({ timeZone: USER_ZONE, leadDays: [3], reminderTime: '09:00' }, USER_ZONE);
    expect(after.alarms).toEqual(planCardReminders(giffgaff, threeDays).map((r) => r.when));
    await saveSettings({ timeZone: USER_ZONE, leadDays: [7, 1], reminderTime: '09:00' });
    expect((await service().run())?.last).toMatchObject({ ok: true });
  });

  it('a wrong password: the round says "auth", and nothing on the server or in storage is lost', async () => {
    const before = await eventsIn(calendarUrl);
    await calendarAccountItem.setValue({ ...account, password: 'revoked' });
    const state = await service().run();
    expect(state?.last).toMatchObject({ ok: false, code: 'auth' });
    expect(state?.failures).toBe(1);
    expect((await fakeBrowser.alarms.get('calendar|round'))?.scheduledTime).toBe(NOW.getTime() + 60_000);
    expect([...(await eventsIn(calendarUrl)).keys()].sort()).toEqual([...before.keys()].sort());
    expect((await loadCards()).cards.map((c) => c.id)).toEqual(['ultra', 'gg', 'fet-pass']);
    expect(await calendarAccountItem.getValue()).toMatchObject({ username: 'alice' });
  });

  it('the server goes away in the middle of a round: "unreachable"; back again, the next round converges, and the one after puts nothing', async () => {
    // A fresh calendar record (as after a reinstall): every event is written again.
    const other = await createCalendar(alice(), 'SIM Keeper 2');
    await calendarAccountItem.setValue({ ...account, calendarUrl: other.url });
    let puts = 0;
    beforeRequest = async (method) => {
      if (method === 'PUT' && ++puts === 3) await radicale.pause();
    };
    const failed = await service().run();
    expect(failed?.last).toMatchObject({ ok: false, code: 'unreachable' });
    beforeRequest = null;
    await radicale.resume();
    const written = (await eventsIn(other.url)).size;
    expect(written).toBe(2);
    requests.length = 0;
    const repaired = (await service().run()) as CalendarState;
    expect(repaired.last).toMatchObject({ ok: true, deleted: 0 });
    const events = await eventsIn(other.url);
    expect(repaired.last).toMatchObject({ put: events.size - written });
    for (const card of [ultra, giffgaff, farEasTone]) expect(events.get(`${card.id}-due@sim-keeper`)?.date).toBe(popupDays(card).due);
    requests.length = 0;
    expect((await service().run())?.last).toMatchObject({ ok: true, put: 0, deleted: 0 });
    expect(count('PUT')).toBe(0);
  });

  it('another user cannot be written to: a calendar of alice\'s with bob\'s password is "forbidden" or "auth"', async () => {
    await calendarAccountItem.setValue({ ...account, username: 'bob', password: 'bob-app-password' });
    const state = await service().run();
    expect(state?.last).toMatchObject({ ok: false });
    expect(['forbidden', 'auth']).toContain(state?.last?.ok === false ? state.last.code : null);
    expect((await eventsIn(calendarUrl)).get('dentist-2026@alice.example')).toBeDefined();
  });

  it("disconnect with removeEvents removes SIM Keeper's events and only them", async () => {
    await calendarAccountItem.setValue(account);
    const reply = await service().handleMessage({ type: 'calendar:disconnect', removeEvents: true });
    expect(reply).toEqual({ ok: true });
    expect([...(await eventsIn(calendarUrl)).keys()]).toEqual(['dentist-2026@alice.example']);
    expect(await calendarAccountItem.getValue()).toBeNull();
  });
});
