import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background/index';
import { recordEvent } from '../../lib/store/card-actions';
import { BADGE_COLORS } from '../../lib/reminders/badge';
import { calendarAccountItem, loadCards, saveSettings, updateCards } from '../../lib/store/storage';
import { localTime, makeCard } from './reminders-fixtures';
import { requestTestNotification, TEST_NOTIFICATION_ID } from '../../lib/reminders/test-notification';

/*
 * The background as the browser runs it: the real entrypoint registers its
 * listeners on fakeBrowser, and events are triggered the way the browser
 * would deliver them.
 */

const SH = 'Asia/Shanghai';
// Last fine day 12 March (Shanghai); it is 9 March, 10:00: three days left.
const purple = makeCard(
  'purple',
  { type: 'fixed', endDate: '2026-03-12' },
  {
    label: '紫卡',
    channels: { website: 'https://example.com/renew', app: '', hotline: '' },
  },
);
const hex = (color: string) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)).concat(255);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-09T02:00:00Z'));
  fakeBrowser.runtime.openOptionsPage = vi.fn(async () => undefined);
  await saveSettings({ timeZone: SH });
  await updateCards(() => [purple]);
  background.main();
});

afterEach(() => {
  vi.useRealTimers();
});

async function fireAlarm(name: string) {
  const alarm = await fakeBrowser.alarms.get(name);
  if (!alarm) throw new Error(`no alarm ${name}`);
  vi.setSystemTime(alarm.scheduledTime);
  await fakeBrowser.alarms.clear(name);
  await fakeBrowser.alarms.onAlarm.trigger(alarm);
}

describe('background', () => {
  it('opens the welcome page on first install, and plans the reminders', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await vi.waitFor(() => expect(create).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/^chrome-extension:\/\/[^/]+\/welcome\.html$/) });
    expect(fakeBrowser.runtime.openOptionsPage).not.toHaveBeenCalled();
    const alarms = (await fakeBrowser.alarms.getAll()).map((a) => `${a.name} @ ${localTime(a.scheduledTime, SH)}`).sort();
    expect(alarms).toEqual([
      'r|midnight @ 2026-03-10 00:00',
      'r|purple|due|2026-03-12|d0 @ 2026-03-12 09:00',
      'r|purple|due|2026-03-12|d1 @ 2026-03-11 09:00',
    ]);
  });

  it('does not open the welcome page on an update', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(create).not.toHaveBeenCalled();
    expect(fakeBrowser.runtime.openOptionsPage).not.toHaveBeenCalled();
  });

  describe('test notification', () => {
    it('shows one through the reminders code when the settings page asks, and says so', async () => {
      await saveSettings({ timeZone: SH, reminderTime: '08:30' });
      expect(await requestTestNotification()).toEqual({ ok: true });
      const all = await fakeBrowser.notifications.getAll();
      expect(Object.keys(all)).toEqual([TEST_NOTIFICATION_ID]);
      expect(all[TEST_NOTIFICATION_ID]).toEqual({
        type: 'basic',
        iconUrl: expect.stringMatching(/\/icon\/128\.png$/),
        title: 'SIM Keeper: test notification',
        message: 'Reminders will look like this. They come at 08:30, your time.',
      });
    });

    it('reports why when the browser cannot show it', async () => {
      vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValue(new Error('notifications are off'));
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      expect(await requestTestNotification()).toEqual({ ok: false, error: 'notifications are off' });
    });

    it('answers no other message', async () => {
      expect(await fakeBrowser.runtime.sendMessage({ type: 'something-else' })).toBeUndefined();
      expect(await fakeBrowser.runtime.sendMessage({ type: 'sim-keeper:test-notification', extra: 1 })).toEqual({ ok: true });
      expect(await fakeBrowser.runtime.sendMessage('sim-keeper:test-notification')).toBeUndefined();
    });

    it('a click on it only closes it: no card, no tab', async () => {
      const create = vi.spyOn(fakeBrowser.tabs, 'create');
      await requestTestNotification();
      await fakeBrowser.notifications.onClicked.trigger(TEST_NOTIFICATION_ID);
      await vi.waitFor(async () => expect(await fakeBrowser.notifications.getAll()).toEqual({}));
      expect(create).not.toHaveBeenCalled();
    });
  });

  it('shows a notification when an alarm fires, and opens the renewal page on a click', async () => {
    await fakeBrowser.runtime.onStartup.trigger();
    await fireAlarm('r|purple|due|2026-03-12|d1');
    const all = await fakeBrowser.notifications.getAll();
    expect(Object.keys(all)).toEqual(['sim-keeper|purple']);
    expect(all['sim-keeper|purple']).toMatchObject({ title: '紫卡 · 1 day left', iconUrl: expect.stringMatching(/\/icon\/128\.png$/) });

    await fakeBrowser.notifications.onClicked.trigger('sim-keeper|purple');
    expect((await fakeBrowser.tabs.query({})).map((tab) => tab.url)).toContain('https://example.com/renew');
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('shows a reminder whose alarm was made to fire early', async () => {
    await fakeBrowser.runtime.onStartup.trigger();
    const name = 'r|purple|due|2026-03-12|d0';
    await fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now() });
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual(['sim-keeper|purple']);
  });

  it('opens the card in the options page when it has no https renewal page', async () => {
    await updateCards(() => [{ ...purple, channels: { website: '', app: '', hotline: '' } }]);
    await fakeBrowser.notifications.onClicked.trigger('sim-keeper|purple');
    const urls = (await fakeBrowser.tabs.query({})).map((tab) => tab.url);
    expect(urls).toContain(fakeBrowser.runtime.getURL('/options.html#card=purple'));
  });

  it('opens the renewal page from the Open renewal site button', async () => {
    await fakeBrowser.notifications.onButtonClicked.trigger('sim-keeper|purple', 0);
    expect((await fakeBrowser.tabs.query({})).map((tab) => tab.url)).toContain('https://example.com/renew');
  });

  it('snoozes from the Snooze button until 09:00 the next day, and replans', async () => {
    await fakeBrowser.runtime.onStartup.trigger();
    await fireAlarm('r|purple|due|2026-03-12|d1'); // 11 March, 09:00
    await fakeBrowser.notifications.onButtonClicked.trigger('sim-keeper|purple', 1);
    const card = (await loadCards()).cards[0];
    expect(localTime(Date.parse(card!.reminders!.snoozedUntil!), SH)).toBe('2026-03-12 09:00');
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    const snoozeAlarm = `r|purple|due|2026-03-12|s${Date.parse(card!.reminders!.snoozedUntil!)}`;
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(snoozeAlarm)).toBeDefined());
    // The d0 reminder at the same instant is kept (not before the snooze); both land on one notification.
    await fireAlarm(snoozeAlarm);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual(['sim-keeper|purple']);
  });

  it('shows on the badge how many cards need action, coloured by the most urgent, and names the next deadline', async () => {
    const later = makeCard('later', { type: 'fixed', endDate: '2026-04-30' }, { label: 'Far' });
    await updateCards(() => [purple, later]);
    await fakeBrowser.runtime.onStartup.trigger();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual(hex(BADGE_COLORS.soon));
    expect(await fakeBrowser.action.getTitle({})).toBe('SIM Keeper — next: 紫卡 in 3 days');

    const overdue = makeCard('old', { type: 'fixed', endDate: '2026-03-01' }, { label: 'Old' });
    await updateCards((cards) => [...cards, overdue]);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('2'));
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual(hex(BADGE_COLORS.overdue));
  });

  it('updates the badge and alarms when the user records an event', async () => {
    const cycle = makeCard('cycle', { type: 'cycle', anchorDate: '2026-02-12', period: { count: 1, unit: 'months' } }, { label: 'Cycle' });
    await updateCards(() => [cycle]);
    await fakeBrowser.runtime.onStartup.trigger();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    await recordEvent('cycle', { kind: 'renewed' }, new Date());
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''));
    const names = (await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name);
    expect(names.some((name) => name.includes('2026-03-12'))).toBe(false);
    expect(names).toContain('r|cycle|due|2026-04-12|d7');
  });

  it('drops a snooze when the user renews the card', async () => {
    const cycle = makeCard('cycle', { type: 'cycle', anchorDate: '2026-02-12', period: { count: 1, unit: 'months' } });
    await updateCards(() => [cycle]);
    await fakeBrowser.notifications.onButtonClicked.trigger('sim-keeper|cycle', 1);
    await vi.waitFor(async () => expect((await loadCards()).cards[0]?.reminders?.snoozedUntil).toBeDefined());
    await recordEvent('cycle', { kind: 'renewed' }, new Date());
    await vi.waitFor(async () => expect((await loadCards()).cards[0]?.reminders?.snoozedUntil).toBeUndefined());
  });

  it('refreshes at local midnight', async () => {
    await fakeBrowser.runtime.onStartup.trigger();
    await fireAlarm('r|midnight');
    expect(localTime((await fakeBrowser.alarms.get('r|midnight'))!.scheduledTime, SH)).toBe('2026-03-11 00:00');
    expect(await fakeBrowser.action.getTitle({})).toBe('SIM Keeper — next: 紫卡 in 2 days');
  });

  it("answers the options page's calendar requests, and a change of the cards schedules a calendar round once connected", async () => {
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'calendar:updateNow' }, {})).toContain(null);
    fakeBrowser.permissions.contains = vi.fn(async () => false) as never;
    await calendarAccountItem.setValue({
      serverUrl: 'https://dav.example.org/',
      username: 'me',
      password: 'app-password',
      calendarUrl: 'https://dav.example.org/me/sk/',
      calendarName: 'SIM Keeper',
      connectedAt: '2026-03-09T00:00:00.000Z',
    });
    const replies = await fakeBrowser.runtime.onMessage.trigger({ type: 'calendar:updateNow' }, {});
    // No host permission: nothing is sent, and the state says why.
    expect(replies).toContainEqual(expect.objectContaining({ last: expect.objectContaining({ ok: false, code: 'permission' }) }));
    // Connecting scheduled a round; so does a change of the cards.
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('calendar|round')).toBeDefined());
    await fakeBrowser.alarms.clear('calendar|round');
    await updateCards(() => []);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('calendar|round')).toBeDefined());
  });
});
