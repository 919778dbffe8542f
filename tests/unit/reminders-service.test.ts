import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { recordEvent } from '../../lib/store/card-actions';
import { createReminderService, type Browser } from '../../lib/reminders/service';
import { cardIdsWithStaleSnooze, snoozeCard, snoozeUntil, withSnooze } from '../../lib/reminders/snooze';
import { loadCards, saveSettings, updateCards } from '../../lib/store/storage';
import { localTime, makeCard, makeSettings } from './reminders-fixtures';

const SH = 'Asia/Shanghai';
let clock = new Date(0);
const startService = (supportsButtons = true) =>
  createReminderService({ browser: fakeBrowser as unknown as Browser, now: () => clock, browserZone: () => SH, supportsButtons });

// Last fine day 12 March; reminders 5, 9, 11 and 12 March at 09:00 (01:00Z).
const purple = makeCard('purple', { type: 'fixed', endDate: '2026-03-12' }, { label: '紫卡' });

beforeEach(async () => {
  clock = new Date('2026-03-02T04:00:00Z');
  await saveSettings({ timeZone: SH });
  await updateCards(() => [purple]);
});

async function notifications() {
  return Object.values(await fakeBrowser.notifications.getAll()) as { title: string; message: string; buttons?: unknown[] }[];
}

/** The browser fires every alarm whose time has passed (as Chrome does at startup), removing each. */
async function fireOverdueAlarms(service: ReturnType<typeof startService>) {
  const overdue = [...(await fakeBrowser.alarms.getAll())].filter((alarm) => alarm.scheduledTime <= clock.getTime());
  const shown = [];
  for (const alarm of overdue) {
    await fakeBrowser.alarms.clear(alarm.name);
    shown.push(...((await service.handleAlarm(alarm))?.shown ?? []));
  }
  return shown;
}

describe('catch-up after the browser was closed', () => {
  it('shows only the most recent missed reminder, once, and nothing after another restart', async () => {
    await startService().handleInstalled({ reason: 'update' });
    // Closed from 2 March until 11:00 on 11 March: d7, d3 and d1 were missed.
    clock = new Date('2026-03-11T03:00:00Z');
    const restarted = startService();
    const atStartup = await restarted.handleStartup();
    expect(atStartup?.shown.map((r) => r.stage)).toEqual(['d1']);
    // Chrome then fires the overdue alarms: nothing more.
    expect(await fireOverdueAlarms(restarted)).toEqual([]);
    expect(await notifications()).toHaveLength(1);
    await fakeBrowser.notifications.clear('sim-keeper|purple');
    // Another restart, the same day: nothing.
    expect((await startService().handleStartup())?.shown).toEqual([]);
    expect(await notifications()).toEqual([]);
  });

  it('shows one notification when the overdue alarms fire before the startup event', async () => {
    await startService().handleInstalled({ reason: 'update' });
    clock = new Date('2026-03-11T03:00:00Z');
    const restarted = startService();
    const fromAlarms = await fireOverdueAlarms(restarted);
    const fromStartup = (await restarted.handleStartup())?.shown ?? [];
    expect([...fromAlarms, ...fromStartup].map((r) => r.stage)).toEqual(['d1']);
  });

  it('shows one notification when the alarms and the startup run at the same moment', async () => {
    await startService().handleInstalled({ reason: 'update' });
    clock = new Date('2026-03-11T03:00:00Z');
    const first = startService();
    const second = startService();
    const overdue = [...(await fakeBrowser.alarms.getAll())].filter((alarm) => alarm.scheduledTime <= clock.getTime());
    const results = await Promise.all([first.handleStartup(), ...overdue.map((alarm) => second.handleAlarm(alarm))]);
    expect(results.flatMap((result) => result?.shown ?? []).map((r) => r.stage)).toEqual(['d1']);
  });

  it('does not catch up a deadline the user has dealt with', async () => {
    const cycle = makeCard('cycle', { type: 'cycle', anchorDate: '2026-02-12', period: { count: 1, unit: 'months' } });
    await updateCards(() => [cycle]);
    await startService().handleInstalled({ reason: 'update' });
    // Renewed in the popup while the background could not run, then the browser started late.
    await recordEvent('cycle', { kind: 'renewed', date: '2026-03-02' }, clock);
    clock = new Date('2026-03-11T03:00:00Z');
    expect((await startService().handleStartup())?.shown).toEqual([]);
  });

  it('does not remind about stages already past when a card is added', async () => {
    clock = new Date('2026-03-10T03:00:00Z');
    expect((await startService().handleInstalled({ reason: 'update' }))?.shown).toEqual([]);
  });
});

describe('notifications', () => {
  it('names the card, the time left, what to do, and offers buttons where supported', async () => {
    await updateCards(() => [
      { ...purple, providerId: 'giffgaff', channels: { website: 'https://www.giffgaff.com/', app: '', hotline: '' } },
    ]);
    await startService().handleInstalled({ reason: 'update' });
    clock = new Date('2026-03-09T01:00:00Z');
    await fireOverdueAlarms(startService());
    const [shown] = await notifications();
    expect(shown?.title).toBe('紫卡 · 3 days left');
    expect(shown?.message).toMatch(/^Last day Thu, Mar 12 · giffgaff$/i);
    expect(shown?.buttons).toEqual([{ title: 'Open renewal site' }, { title: 'Snooze until tomorrow' }]);
  });

  it('offers Open card instead of the renewal site for a keep-alive card, and its first button opens the card', async () => {
    const keep = makeCard(
      'keep',
      { type: 'keepAlive', anchorDate: '2026-02-10', window: { count: 30, unit: 'days' }, activities: ['call', 'top-up'] },
      { label: 'giffgaff', channels: { website: 'https://www.giffgaff.com/', app: '', hotline: '' } },
    );
    await updateCards(() => [keep]);
    const service = startService();
    await service.handleInstalled({ reason: 'update' });
    clock = new Date('2026-03-11T03:00:00Z');
    await fireOverdueAlarms(service);
    const [shown] = await notifications();
    expect(shown?.buttons).toEqual([{ title: 'Open card' }, { title: 'Snooze until tomorrow' }]);
    await service.handleNotificationButton('sim-keeper|keep', 0);
    const urls = (await fakeBrowser.tabs.query({})).map((tab) => tab.url);
    expect(urls).not.toContain('https://www.giffgaff.com/');
    expect(urls.some((url) => url?.endsWith('options.html#card=keep'))).toBe(true);
  });

  it('has no buttons where the browser has none (Firefox)', async () => {
    await startService(false).handleInstalled({ reason: 'update' });
    clock = new Date('2026-03-12T01:00:00Z');
    await fireOverdueAlarms(startService(false));
    const [shown] = await notifications();
    expect(shown?.title).toBe('紫卡 · last day today');
    expect(shown?.buttons).toBeUndefined();
  });
});

describe('snooze', () => {
  it('moves the reminders to 09:00 the next day', async () => {
    clock = new Date('2026-03-09T01:05:00Z');
    const until = await snoozeCard('purple', clock, SH);
    expect(localTime(until, SH)).toBe('2026-03-10 09:00');
    const [card] = (await loadCards()).cards;
    expect(card?.reminders?.snoozedUntil).toBe(until.toISOString());
    const result = await startService().refresh();
    expect(result.alarms.created).toContain(`r|purple|due|2026-03-12|s${until.getTime()}`);
  });

  it('shows the snoozed reminder at the snooze time', async () => {
    await startService().handleInstalled({ reason: 'update' });
    clock = new Date('2026-03-09T01:05:00Z');
    await snoozeCard('purple', clock, SH);
    await startService().refresh();
    clock = new Date('2026-03-10T01:00:00Z');
    const shown = await fireOverdueAlarms(startService());
    expect(shown.map((r) => r.stage)).toEqual([`s${clock.getTime()}`]);
  });

  it('is dropped once the deadline it was set for moves', () => {
    const snoozed = withSnooze(purple, new Date('2026-03-10T01:00:00Z'), clock);
    const moved = { ...snoozed, rule: { type: 'fixed' as const, endDate: '2026-04-12' } };
    expect(cardIdsWithStaleSnooze([snoozed], [moved])).toEqual(['purple']);
    expect(cardIdsWithStaleSnooze([snoozed], [{ ...snoozed, label: 'new name' }])).toEqual([]);
  });

  describe('edge cases', () => {
    it.each([
      ['late evening', '2026-03-09T15:30:00Z', SH, '2026-03-10 09:00'],
      ['just after midnight', '2026-03-09T16:30:00Z', SH, '2026-03-11 09:00'],
      ['the night clocks go forward in New York', '2026-03-08T05:00:00Z', 'America/New_York', '2026-03-09 09:00'],
      ['the last day of February', '2026-02-28T05:00:00Z', SH, '2026-03-01 09:00'],
    ])('snoozes to the next day at the reminder time: %s', (_, at, zone, expected) => {
      expect(localTime(snoozeUntil(new Date(at), makeSettings({ timeZone: zone })), zone)).toBe(expected);
    });
  });
});

describe('the toolbar badge in Manifest V2 (Firefox)', () => {
  it('is drawn on browserAction when the browser has no action API', async () => {
    // Firefox's MV2 build has `browserAction` only; `action` is undefined there. The fake's in-memory
    // action stands in for browserAction, which the fake does not implement.
    const mv2 = { ...fakeBrowser, action: undefined, browserAction: fakeBrowser.action } as unknown as Browser;
    clock = new Date('2026-03-09T04:00:00Z');
    const result = await createReminderService({ browser: mv2, now: () => clock, browserZone: () => SH, supportsButtons: false }).refresh();
    expect(result.alarms).toBeDefined();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });
});
