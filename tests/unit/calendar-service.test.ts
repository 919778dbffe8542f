import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CalendarError } from '../../lib/calendar/errors';
import { CALENDAR_ROUND_ALARM, backoffMs, createCalendarService } from '../../lib/calendar/service';
import type { CalendarAccount, CalendarState } from '../../lib/calendar/types';
import { calendarAccountItem, calendarStateItem, saveSettings, updateCards } from '../../lib/store/storage';
import { FakeCalendar, foreignEvent } from './calendar-fake-server';
import { makeCard } from './reminders-fixtures';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const server = () => new FakeCalendar('https://dav.example.org/dav/me/sk/');
const account: CalendarAccount = {
  serverUrl: 'https://dav.example.org/dav/',
  username: 'me',
  password: 'app-password-123',
  calendarUrl: 'https://dav.example.org/dav/me/sk/',
  calendarName: 'SIM Keeper',
  connectedAt: '2026-03-01T00:00:00.000Z',
};
const ultra = makeCard('ultra', { type: 'fixed', endDate: '2026-03-10', graceDays: 30 }, { timeZone: 'America/Los_Angeles' });
const gg = makeCard('gg', { type: 'fixed', endDate: '2026-05-10' }, { timeZone: 'Europe/London' });

let calendar: FakeCalendar;
let granted: boolean;

function service(clock = () => NOW) {
  return createCalendarService({
    browser: fakeBrowser as unknown as Parameters<typeof createCalendarService>[0]['browser'],
    now: clock,
    objects: () => calendar,
    language: () => 'en',
    browserZone: () => 'Asia/Shanghai',
  });
}

beforeEach(async () => {
  calendar = server();
  granted = true;
  fakeBrowser.permissions.contains = vi.fn(async () => granted) as never;
  await saveSettings({ timeZone: 'Asia/Shanghai' });
  await updateCards(() => [ultra, gg]);
});

describe('createCalendarService', () => {
  it('does nothing without an account, and a change to the cards schedules nothing', async () => {
    const calendarService = service();
    const stop = calendarService.watchStorage();
    expect(await calendarService.run()).toBeNull();
    await updateCards((cards) => cards.slice(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await fakeBrowser.alarms.get(CALENDAR_ROUND_ALARM)).toBeUndefined();
    expect(calendar.log).toEqual([]);
    stop();
  });

  it('a change to the cards (or the account) schedules a round a few seconds later; the alarm runs it', async () => {
    await calendarAccountItem.setValue(account);
    const calendarService = service();
    const stop = calendarService.watchStorage();
    await updateCards((cards) => cards.slice(1));
    await vi.waitFor(async () =>
      expect(await fakeBrowser.alarms.get(CALENDAR_ROUND_ALARM)).toMatchObject({ scheduledTime: NOW.getTime() + 5_000 }),
    );
    await calendarService.handleAlarm({ name: CALENDAR_ROUND_ALARM });
    const state = (await calendarStateItem.getValue()) as CalendarState;
    expect(state.last).toEqual({ at: NOW.toISOString(), ok: true, put: 1, deleted: 0 });
    expect(Object.keys(state.written)).toEqual(['gg-due@sim-keeper']);
    await calendarService.handleAlarm({ name: 'r|other' });
    expect(calendar.count('REPORT')).toBe(1);
    stop();
  });

  it('"Update now" answers with the new state; a second round writes nothing', async () => {
    await calendarAccountItem.setValue(account);
    const calendarService = service();
    const first = (await calendarService.handleMessage({ type: 'calendar:updateNow' })) as CalendarState;
    expect(first.last).toMatchObject({ ok: true, put: 3 });
    const second = (await calendarService.handleMessage({ type: 'calendar:updateNow' })) as CalendarState;
    expect(second.last).toMatchObject({ ok: true, put: 0, deleted: 0 });
    expect(calendar.count('PUT')).toBe(3);
    expect(calendarService.handleMessage({ type: 'test-notification' })).toBeUndefined();
    expect(calendarService.handleMessage({ type: 'calendar:disconnect' })).toBeUndefined();
  });

  it('a round touches an extension API as it goes, so Chrome does not stop the worker during a long round', async () => {
    await calendarAccountItem.setValue(account);
    const ping = vi.fn(async () => ({ os: 'linux', arch: 'x86-64' }));
    fakeBrowser.runtime.getPlatformInfo = ping as never;
    await service().run();
    await vi.waitFor(() => expect(ping).toHaveBeenCalled());
  });

  it('a failure is recorded with its code and retried later each time: 1, 2, 4 … minutes, at most 60', async () => {
    await calendarAccountItem.setValue(account);
    calendar.list = async () => {
      throw new CalendarError('server', 'REPORT /dav/me/sk/ answered 503');
    };
    let clock = NOW.getTime();
    const calendarService = service(() => new Date(clock));
    for (const minutes of [1, 2, 4, 8]) {
      const state = await calendarService.run();
      expect(state?.last).toEqual({
        at: new Date(clock).toISOString(),
        ok: false,
        code: 'server',
        detail: 'REPORT /dav/me/sk/ answered 503',
      });
      expect((await fakeBrowser.alarms.get(CALENDAR_ROUND_ALARM))?.scheduledTime).toBe(clock + minutes * 60_000);
      clock += minutes * 60_000;
    }
    expect([1, 5, 6, 7, 20].map(backoffMs)).toEqual([60_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
    // Back: the next round succeeds and the count starts again.
    calendar.list = FakeCalendar.prototype.list.bind(calendar);
    expect(await calendarService.run()).toMatchObject({ failures: 0, last: { ok: true, put: 3 } });
  });

  it('without the host permission nothing is sent and the round says "permission"', async () => {
    await calendarAccountItem.setValue(account);
    granted = false;
    const state = await service().run();
    expect(state?.last).toMatchObject({ ok: false, code: 'permission' });
    expect(fakeBrowser.permissions.contains).toHaveBeenCalledWith({ origins: ['https://dav.example.org/*'] });
    expect(calendar.log).toEqual([]);
  });

  it('a calendar on another origin than the server is refused before any request', async () => {
    await calendarAccountItem.setValue({ ...account, calendarUrl: 'https://elsewhere.example.com/cal/' });
    const state = await service().run();
    expect(state?.last).toMatchObject({ ok: false, code: 'redirect' });
    expect(calendar.log).toEqual([]);
  });

  it('disconnect with removeEvents removes its own events, then the account with its password and the state', async () => {
    await calendarAccountItem.setValue(account);
    const dentist = calendar.store('dentist.ics', foreignEvent('dentist@example.org'));
    const calendarService = service();
    await calendarService.run();
    expect(calendar.objects.size).toBe(4);
    expect(await calendarService.handleMessage({ type: 'calendar:disconnect', removeEvents: true })).toEqual({ ok: true });
    expect([...calendar.objects.values()].map((o) => o.etag)).toEqual([dentist]);
    expect(await calendarAccountItem.getValue()).toBeNull();
    expect(await calendarStateItem.getValue()).toBeNull();
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(account.password);
  });

  it('disconnect keeping the events leaves the calendar as it is; a failed removal keeps the account to try again', async () => {
    await calendarAccountItem.setValue(account);
    const calendarService = service();
    await calendarService.run();
    calendar.remove = async () => {
      throw new CalendarError('unreachable', 'fetch failed');
    };
    expect(await calendarService.handleMessage({ type: 'calendar:disconnect', removeEvents: true })).toEqual({
      ok: false,
      code: 'unreachable',
    });
    expect(await calendarAccountItem.getValue()).toEqual(account);
    expect(await calendarService.handleMessage({ type: 'calendar:disconnect', removeEvents: false })).toEqual({ ok: true });
    expect(calendar.objects.size).toBe(3);
    expect(await calendarAccountItem.getValue()).toBeNull();
  });

  it('a card kept aside (stored but unreadable) keeps its events', async () => {
    await calendarAccountItem.setValue(account);
    const calendarService = service();
    await calendarService.run();
    await fakeBrowser.storage.local.set({ cards: [gg, { ...ultra, rule: { type: 'nonsense' } }] });
    const state = await calendarService.run();
    expect(state?.last).toMatchObject({ ok: true, put: 0, deleted: 0 });
    expect(calendar.objects.size).toBe(3);
  });
});
