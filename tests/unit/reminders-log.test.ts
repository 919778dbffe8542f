import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { planReminders } from '../../lib/reminders/plan';
import { collectDueReminders, emptyReminderLog, FIRED_RETENTION_MS, parseReminderLog } from '../../lib/reminders/reminder-log';
import { makeCard, makeSettings } from './reminders-fixtures';

const settings = makeSettings();
const purple = makeCard('purple', { type: 'cycle', anchorDate: '2026-02-12', period: { count: 1, unit: 'months' } });
const blue = makeCard('blue', { type: 'fixed', endDate: '2026-03-20' });
const plan = planReminders([purple, blue], settings);
const at = (iso: string) => Date.parse(iso);
// Shanghai is UTC+8: 01:00Z is 09:00 there.
const FIRST_SEEN = at('2026-02-01T00:00:00Z');

function seenLog() {
  return collectDueReminders(plan, emptyReminderLog(), FIRST_SEEN).log;
}

describe('collectDueReminders', () => {
  it('records when each deadline was first planned, and shows nothing that was already past then', () => {
    const late = collectDueReminders(plan, emptyReminderLog(), at('2026-03-10T02:00:00Z'));
    expect(late.show).toEqual([]);
    expect(late.log.seen['r|purple|due|2026-03-12']).toBe(at('2026-03-10T02:00:00Z'));
  });

  it('shows a reminder once its time has come, and never again', () => {
    const now = at('2026-02-10T01:00:00Z'); // purple d30
    const first = collectDueReminders(plan, seenLog(), now);
    expect(first.show.map((r) => r.alarmName)).toEqual(['r|purple|due|2026-03-12|d30']);
    expect(collectDueReminders(plan, first.log, now).show).toEqual([]);
    expect(collectDueReminders(plan, first.log, now + 60_000).show).toEqual([]);
  });

  it('catches up with only the most recent missed reminder per card, and marks the older ones', () => {
    const now = at('2026-03-11T03:00:00Z'); // 11:00 on 11 March: purple d30, d7, d3, d1 and blue d30 missed
    const due = collectDueReminders(plan, seenLog(), now);
    expect(due.show.map((r) => r.alarmName)).toEqual(['r|blue|due|2026-03-20|d30', 'r|purple|due|2026-03-12|d1']);
    expect(Object.keys(due.log.fired).sort()).toEqual([
      'r|blue|due|2026-03-20|d30',
      'r|purple|due|2026-03-12|d1',
      'r|purple|due|2026-03-12|d3',
      'r|purple|due|2026-03-12|d30',
      'r|purple|due|2026-03-12|d7',
    ]);
    expect(collectDueReminders(plan, due.log, now).show).toEqual([]);
  });

  it('shows a reminder whose alarm fired early', () => {
    const early = collectDueReminders(plan, seenLog(), FIRST_SEEN + 1000, new Set(['r|purple|due|2026-03-12|d1']));
    expect(early.show.map((r) => r.stage)).toEqual(['d1']);
  });

  it('reports no change when there is nothing to record', () => {
    expect(collectDueReminders(plan, seenLog(), FIRST_SEEN + 1000).changed).toBe(false);
  });

  it('forgets deadlines that are gone: seen at once, fired after the retention', () => {
    const now = at('2026-02-10T01:00:00Z');
    const fired = collectDueReminders(plan, seenLog(), now).log;
    const withoutPurple = planReminders([blue], settings);
    const soon = collectDueReminders(withoutPurple, fired, now + 1000).log;
    expect(soon.seen['r|purple|due|2026-03-12']).toBeUndefined();
    expect(soon.fired['r|purple|due|2026-03-12|d30']).toBe(now);
    const later = collectDueReminders(withoutPurple, soon, now + FIRED_RETENTION_MS + 1000).log;
    expect(later.fired['r|purple|due|2026-03-12|d30']).toBeUndefined();
  });
});

describe('parseReminderLog', () => {
  it.each([undefined, null, {}, { fired: 'x' }, [1, 2]])('reads %j as an empty log', (raw) => {
    expect(parseReminderLog(raw)).toEqual(emptyReminderLog());
  });

  it('reads a stored log as it is', () => {
    const log = { fired: { a: 1 }, seen: { b: 2 } };
    expect(parseReminderLog(log)).toEqual(log);
  });
});

describe('a reminder log written by a newer release', () => {
  const now = at('2026-02-10T01:00:00Z'); // purple d30 is due
  const stored = async () => (await fakeBrowser.storage.local.get(['reminderLog', 'reminderLog$'])) as Record<string, unknown>;
  /** takeDueReminders as a background started with `values` already stored (its storage item reads them at start). */
  async function startedWith(values: Record<string, unknown>) {
    await fakeBrowser.storage.local.set(values);
    vi.resetModules();
    // A newer version makes WXT log "Version downgrade detected": expected here.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    return (await import('../../lib/reminders/reminder-log')).takeDueReminders;
  }

  it('keeps the fields this release does not know, and its version', async () => {
    const takeDueReminders = await startedWith({ reminderLog: { ...seenLog(), quietHours: { from: 22 } }, reminderLog$: { v: 2 } });
    const shown = await takeDueReminders(plan, now);
    expect(shown.map((r) => r.alarmName)).toEqual(['r|purple|due|2026-03-12|d30']);
    const { reminderLog, reminderLog$ } = await stored();
    expect(reminderLog).toMatchObject({ quietHours: { from: 22 }, fired: { 'r|purple|due|2026-03-12|d30': now } });
    expect(reminderLog$).toEqual({ v: 2 });
    // Taken once: the record holds it.
    expect(await takeDueReminders(plan, now)).toEqual([]);
  });

  it('is left as it is when this release cannot read it', async () => {
    const newer = { shown: [{ key: 'r|purple|due|2026-03-12|d30', at: 1 }] };
    const takeDueReminders = await startedWith({ reminderLog: newer, reminderLog$: { v: 2 } });
    await takeDueReminders(plan, now);
    expect((await stored()).reminderLog).toEqual(newer);
  });

  it('is replaced as before when it is this release’s own and unreadable', async () => {
    const takeDueReminders = await startedWith({ reminderLog: { shown: [] }, reminderLog$: { v: 1 } });
    await takeDueReminders(plan, now);
    expect((await stored()).reminderLog).toMatchObject({ seen: { 'r|purple|due|2026-03-12': now } });
  });
});
