import { describe, expect, it } from 'vitest';
import { addPlainDays } from '../../lib/dates/plain-date';
import { parseReminderName, planCardReminders, planReminders } from '../../lib/reminders/plan';
import { localTime, makeCard, makeSettings } from './reminders-fixtures';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const LA = 'America/Los_Angeles';

// Paid 12 Feb for one month: the last fine day is 12 March.
const cycle = makeCard('purple', {
  type: 'cycle',
  anchorDate: '2026-02-12',
  period: { count: 1, unit: 'months' },
});

function schedule(reminders: { stage: string; when: number; deadlineKind: string }[], zone: string) {
  return reminders.map((r) => `${r.deadlineKind} ${r.stage} ${localTime(r.when, zone)}`);
}

describe('planCardReminders', () => {
  it('reminds at each lead day, at the reminder time on the user calendar', () => {
    expect(schedule(planCardReminders(cycle, makeSettings()), SH)).toEqual([
      'due d30 2026-02-10 09:00',
      'due d7 2026-03-05 09:00',
      'due d3 2026-03-09 09:00',
      'due d1 2026-03-11 09:00',
      'due d0 2026-03-12 09:00',
    ]);
  });

  it('names each reminder by card, deadline and stage', () => {
    const [first] = planCardReminders(cycle, makeSettings());
    expect(first?.alarmName).toBe('r|purple|due|2026-03-12|d30');
    expect(first?.deadlineKey).toBe('r|purple|due|2026-03-12');
  });

  it.each([
    ['the user reminder time', makeSettings({ reminderTime: '18:30', leadDays: [1] }), ['due d1 2026-03-11 18:30']],
    ['the user lead days', makeSettings({ leadDays: [2, 2, 14] }), ['due d14 2026-02-26 09:00', 'due d2 2026-03-10 09:00']],
  ])('follows %s', (_, settings, expected) => {
    expect(schedule(planCardReminders(cycle, settings), SH)).toEqual(expected);
  });

  it('lets a card override the lead days', () => {
    const card = { ...cycle, reminders: { enabled: true, leadDays: [5] } };
    expect(schedule(planCardReminders(card, makeSettings()), SH)).toEqual(['due d5 2026-03-07 09:00']);
  });

  it('plans nothing for a card with reminders off', () => {
    expect(planCardReminders({ ...cycle, reminders: { enabled: false } }, makeSettings())).toEqual([]);
  });

  it('plans nothing for a pass that has not started', () => {
    const pass = makeCard('pass', { type: 'pass', days: 7, startTrigger: 'first-connection', startDate: null });
    expect(planCardReminders(pass, makeSettings())).toEqual([]);
  });

  it('reminds before the number is lost, starting after the service ends', () => {
    const card = makeCard('grace', { type: 'fixed', endDate: '2026-03-12', graceDays: 10 });
    expect(schedule(planCardReminders(card, makeSettings({ leadDays: [30, 7, 3, 0] })), SH)).toEqual([
      'due d30 2026-02-10 09:00',
      'due d7 2026-03-05 09:00',
      'due d3 2026-03-09 09:00',
      'due d0 2026-03-12 09:00',
      // d30 before the lost date falls on or before 12 March: the due reminders cover it.
      'lost d7 2026-03-15 09:00',
      'lost d3 2026-03-19 09:00',
      'lost d0 2026-03-22 09:00',
    ]);
  });

  it('plans no separate lost reminders when there is no grace', () => {
    const card = makeCard('nograce', { type: 'fixed', endDate: '2026-03-12', graceDays: 0 });
    expect(planCardReminders(card, makeSettings()).every((r) => r.deadlineKind === 'due')).toBe(true);
  });

  describe('escalation', () => {
    const keepAlive = makeCard('ka', { type: 'keepAlive', anchorDate: '2026-01-12', window: { count: 2, unit: 'months' } });

    it('reminds keep-alive cards every few hours in the last 48 hours, skipping hours next to a daily reminder', () => {
      expect(schedule(planCardReminders(keepAlive, makeSettings({ leadDays: [1, 0] })), SH)).toEqual([
        'due h48 2026-03-11 00:00',
        // h40 (08:00 on the 11th) is an hour from the daily 09:00 reminder.
        'due d1 2026-03-11 09:00',
        'due h32 2026-03-11 16:00',
        'due h24 2026-03-12 00:00',
        'due d0 2026-03-12 09:00',
        'due h8 2026-03-12 16:00',
      ]);
    });

    it('follows the escalation step', () => {
      const stages = planCardReminders(keepAlive, makeSettings({ leadDays: [], escalateHours: 24 })).map((r) => r.stage);
      expect(stages).toEqual(['h48', 'h24']);
    });

    it('can be turned off for a keep-alive card and on for any other', () => {
      const off = planCardReminders({ ...keepAlive, reminders: { enabled: true, escalate: false } }, makeSettings());
      const on = planCardReminders({ ...cycle, reminders: { enabled: true, escalate: true } }, makeSettings());
      expect(off.some((r) => r.stage.startsWith('h'))).toBe(false);
      expect(on.some((r) => r.stage.startsWith('h'))).toBe(true);
    });
  });

  describe('snooze', () => {
    it('drops reminders before the snooze and puts one at it', () => {
      const snoozed = { ...cycle, reminders: { enabled: true, snoozedUntil: '2026-03-10T01:00:00.000Z' } };
      expect(schedule(planCardReminders(snoozed, makeSettings()), SH)).toEqual([
        `due s${Date.parse('2026-03-10T01:00:00.000Z')} 2026-03-10 09:00`,
        'due d1 2026-03-11 09:00',
        'due d0 2026-03-12 09:00',
      ]);
    });

    it('puts a snooze past the end on the lost deadline where grace is known', () => {
      const card = makeCard(
        'g',
        { type: 'fixed', endDate: '2026-03-12', graceDays: 10 },
        {
          reminders: { enabled: true, snoozedUntil: '2026-03-13T01:00:00.000Z' },
        },
      );
      const snooze = planCardReminders(card, makeSettings()).find((r) => r.stage.startsWith('s'));
      expect(snooze?.deadlineKind).toBe('lost');
    });

    it('ignores a snooze it cannot read', () => {
      const card = { ...cycle, reminders: { enabled: true, snoozedUntil: 'tomorrow' } };
      expect(planCardReminders(card, makeSettings())).toEqual(planCardReminders(cycle, makeSettings()));
    });
  });
});

describe('planReminders', () => {
  it('plans every card, each card by time', () => {
    const other = makeCard('other', { type: 'fixed', endDate: '2026-03-06' });
    const plan = planReminders([cycle, other], makeSettings());
    expect(plan).toEqual([...planCardReminders(cycle, makeSettings()), ...planCardReminders(other, makeSettings())]);
    expect(plan).toHaveLength(10);
  });
});

describe('parseReminderName', () => {
  it('reads back a name, even for a card id with a bar in it', () => {
    const [reminder] = planCardReminders({ ...cycle, id: 'a|b' }, makeSettings({ leadDays: [1] }));
    expect(parseReminderName(reminder!.alarmName)).toEqual({
      cardId: 'a|b',
      deadlineKind: 'due',
      deadlineDate: '2026-03-12',
      stage: 'd1',
      deadlineKey: reminder!.deadlineKey,
    });
  });

  it.each(['other-alarm', 'r|midnight', 'r|x|late|2026-03-12|d1'])('refuses %s', (name) => {
    expect(parseReminderName(name)).toBeNull();
  });
});

describe('edge cases', () => {
  it('keeps 09:00 local on both sides of a DST change', () => {
    // New York springs forward on 8 March 2026.
    const card = makeCard('ny', { type: 'fixed', endDate: '2026-03-10' }, { timeZone: NY });
    expect(schedule(planCardReminders(card, makeSettings({ timeZone: NY, leadDays: [7, 3, 0] })), NY)).toEqual([
      'due d7 2026-03-03 09:00',
      'due d3 2026-03-07 09:00',
      'due d0 2026-03-10 09:00',
    ]);
  });

  it('counts days on the user calendar when the card is in another zone', () => {
    // A Los Angeles card whose 10 March ends at 15:00 on 11 March in Shanghai.
    const card = makeCard('la', { type: 'fixed', endDate: '2026-03-10' }, { timeZone: LA });
    expect(schedule(planCardReminders(card, makeSettings({ leadDays: [1, 0] })), SH)).toEqual([
      'due d1 2026-03-10 09:00',
      'due d0 2026-03-11 09:00',
    ]);
  });

  it('drops a reminder that would come after the card has already ended in the user zone', () => {
    // A Shanghai card's 12 March ends at 09:00 on 12 March in Los Angeles (PDT): a 09:00 reminder that day would be too late.
    const card = makeCard('sh', { type: 'fixed', endDate: '2026-03-12' });
    expect(schedule(planCardReminders(card, makeSettings({ timeZone: LA, leadDays: [1, 0] })), LA)).toEqual(['due d1 2026-03-11 09:00']);
  });

  it.each([
    ['a leap day', '2028-02-29', 'due d1 2028-02-28 09:00'],
    ['a month end', '2026-03-31', 'due d1 2026-03-30 09:00'],
    ['a year end', '2027-01-01', 'due d1 2026-12-31 09:00'],
  ])('counts back across %s', (_, endDate, expected) => {
    const card = makeCard('edge', { type: 'fixed', endDate });
    expect(schedule(planCardReminders(card, makeSettings({ leadDays: [1] })), SH)).toEqual([expected]);
  });

  it('reminds on 1 March for a 30-day lead before 31 March in a non-leap year', () => {
    const card = makeCard('feb', { type: 'fixed', endDate: '2026-03-31' });
    expect(schedule(planCardReminders(card, makeSettings({ leadDays: [30] })), SH)).toEqual(['due d30 2026-03-01 09:00']);
  });
});

describe('lead days counted back with addPlainDays', () => {
  it.each([
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-12', -30, '2026-02-10'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('%s %+d', (date, days, expected) => {
    expect(addPlainDays(date, days)).toBe(expected);
  });
});
