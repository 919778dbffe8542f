import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { planReminders } from '../../lib/reminders/plan';
import { MAX_REMINDER_ALARMS, MIDNIGHT_ALARM, nextLocalMidnight, reconcileAlarms, wantedAlarms } from '../../lib/reminders/reconcile';
import { withEvent } from '../../lib/cards/ops';
import { localTime, makeCard, makeSettings } from './reminders-fixtures';

const SH = 'Asia/Shanghai';
const settings = makeSettings();
const card = makeCard('purple', { type: 'cycle', anchorDate: '2026-02-12', period: { count: 1, unit: 'months' } });
// 1 March, 12:00 in Shanghai: d30 is past, d7 (5 March) onwards ahead.
const now = new Date('2026-03-01T04:00:00Z');

async function alarms() {
  return [...(await fakeBrowser.alarms.getAll())].map((alarm) => `${alarm.name} @ ${localTime(alarm.scheduledTime, SH)}`).sort();
}

async function reconcileAt(cards: Parameters<typeof planReminders>[0], at: Date) {
  return reconcileAlarms(wantedAlarms(planReminders(cards, settings), at, SH), fakeBrowser.alarms, at);
}

describe('reconcileAlarms', () => {
  beforeEach(() => {
    vi.spyOn(fakeBrowser.alarms, 'create');
    vi.spyOn(fakeBrowser.alarms, 'clear');
  });

  it('creates an alarm for each reminder still ahead, and the midnight refresh', async () => {
    await reconcileAt([card], now);
    expect(await alarms()).toEqual([
      'r|midnight @ 2026-03-02 00:00',
      'r|purple|due|2026-03-12|d0 @ 2026-03-12 09:00',
      'r|purple|due|2026-03-12|d1 @ 2026-03-11 09:00',
      'r|purple|due|2026-03-12|d3 @ 2026-03-09 09:00',
      'r|purple|due|2026-03-12|d7 @ 2026-03-05 09:00',
    ]);
  });

  it('changes nothing when run again, or later with the same cards', async () => {
    await reconcileAt([card], now);
    const before = await alarms();
    vi.mocked(fakeBrowser.alarms.create).mockClear();
    expect(await reconcileAt([card], now)).toEqual({ created: [], cleared: [] });
    expect(await reconcileAt([card], new Date(now.getTime() + 3_600_000))).toEqual({ created: [], cleared: [] });
    expect(fakeBrowser.alarms.create).not.toHaveBeenCalled();
    expect(fakeBrowser.alarms.clear).not.toHaveBeenCalled();
    expect(await alarms()).toEqual(before);
  });

  it('never moves an alarm later as time passes', async () => {
    await reconcileAt([card], now);
    const first = new Map((await fakeBrowser.alarms.getAll()).map((a) => [a.name, a.scheduledTime]));
    for (let hours = 1; hours <= 24 * 12; hours += 7) {
      await reconcileAt([card], new Date(now.getTime() + hours * 3_600_000));
      for (const alarm of await fakeBrowser.alarms.getAll()) {
        if (alarm.name === MIDNIGHT_ALARM) continue;
        expect(alarm.scheduledTime).toBe(first.get(alarm.name));
      }
    }
  });

  it('does not bring back an alarm that has fired', async () => {
    await reconcileAt([card], now);
    const d7 = 'r|purple|due|2026-03-12|d7';
    await fakeBrowser.alarms.clear(d7); // the browser removes a one-shot alarm when it fires
    await reconcileAt([card], new Date('2026-03-05T01:00:01Z'));
    expect(await fakeBrowser.alarms.get(d7)).toBeUndefined();
  });

  it('clears the old deadline and plans the new one after a renewal', async () => {
    await reconcileAt([card], now);
    const renewed = withEvent(card, { kind: 'renewed', date: '2026-03-01' }, now);
    const result = await reconcileAt([renewed], now);
    expect(result.cleared.sort()).toEqual([
      'r|purple|due|2026-03-12|d0',
      'r|purple|due|2026-03-12|d1',
      'r|purple|due|2026-03-12|d3',
      'r|purple|due|2026-03-12|d7',
    ]);
    expect(result.created).toContain('r|purple|due|2026-04-12|d30');
  });

  it('moves an alarm when the user picks another reminder time', async () => {
    await reconcileAt([card], now);
    const evening = makeSettings({ reminderTime: '18:00' });
    await reconcileAlarms(wantedAlarms(planReminders([card], evening), now, SH), fakeBrowser.alarms, now);
    expect(await alarms()).toContain('r|purple|due|2026-03-12|d7 @ 2026-03-05 18:00');
  });

  it('leaves an alarm whose time has come to fire', async () => {
    await fakeBrowser.alarms.create('r|gone|due|2026-02-01|d0', { when: now.getTime() - 60_000 });
    await reconcileAt([], now);
    expect(await fakeBrowser.alarms.get('r|gone|due|2026-02-01|d0')).toBeDefined();
  });

  it('clears future alarms of cards that no longer exist, and leaves other alarms alone', async () => {
    await reconcileAt([card], now);
    await fakeBrowser.alarms.create('someone-else', { when: now.getTime() + 1000 });
    await reconcileAt([], now);
    expect(await alarms()).toEqual(['r|midnight @ 2026-03-02 00:00', `someone-else @ ${localTime(now.getTime() + 1000, SH)}`]);
  });

  it('stays under the browser limit, keeping the soonest reminders', async () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      makeCard(`c${i}`, {
        type: 'fixed',
        endDate: `2026-${String(4 + (i % 6)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      }),
    );
    const wanted = wantedAlarms(planReminders(many, settings), now, SH);
    expect(wanted).toHaveLength(MAX_REMINDER_ALARMS + 1);
    await reconcileAlarms(wanted, fakeBrowser.alarms, now);
    const times = (await fakeBrowser.alarms.getAll()).filter((a) => a.name !== MIDNIGHT_ALARM).map((a) => a.scheduledTime);
    const latestAlarmed = Math.max(...times);
    const unalarmed = planReminders(many, settings).filter((r) => r.when > now.getTime() && !times.includes(r.when));
    expect(unalarmed.every((r) => r.when >= latestAlarmed)).toBe(true);
  });
});

describe('edge cases', () => {
  it.each([
    ['Shanghai', SH, '2026-03-01T04:00:00Z', '2026-03-02 00:00'],
    ['New York on the night clocks go forward', 'America/New_York', '2026-03-08T06:00:00Z', '2026-03-09 00:00'],
    ['New York on the night clocks go back', 'America/New_York', '2026-11-01T04:30:00Z', '2026-11-02 00:00'],
    ['Shanghai on the last day of February', SH, '2026-02-28T15:00:00Z', '2026-03-01 00:00'],
  ])('puts the midnight refresh at the next local midnight in %s', (_, zone, at, expected) => {
    expect(localTime(nextLocalMidnight(new Date(at), zone), zone)).toBe(expected);
  });
});
