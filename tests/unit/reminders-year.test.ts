import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Card, EventKind } from '../../lib/cards/schema';
import { recordEvent } from '../../lib/store/card-actions';
import { addPlainDays, plainDateInZone } from '../../lib/dates/plain-date';
import { planReminders, type PlannedReminder } from '../../lib/reminders/plan';
import { createReminderService, type Browser, type ReminderService } from '../../lib/reminders/service';
import { resolveSettings } from '../../lib/store/settings-schema';
import { loadCards, saveSettings, updateCards } from '../../lib/store/storage';
import en from '../../public/_locales/en/messages.json';
import { getMessageFrom } from './setup';
import { localTime, makeCard } from './reminders-fixtures';

/*
 * A simulated year: the clock jumps from alarm to alarm, each alarm goes to
 * the service as the browser would deliver it, and a user acts on some
 * reminders the way people do. Then every reminder is checked: shown once,
 * at the right local time, and none for a card with reminders off.
 */

let clock = new Date(0);

function startService(zone: string): ReminderService {
  return createReminderService({ browser: fakeBrowser as unknown as Browser, now: () => clock, browserZone: () => zone });
}

interface Shown extends PlannedReminder {
  shownAt: number;
}

/** Which reminder makes the user act, and what they record. */
const POLICY: Record<string, { acts: (stage: string) => boolean; kind: EventKind }> = {
  cycle: { acts: (stage) => stage === 'd1', kind: 'renewed' },
  // The keep-alive user waits for an escalation in the last 16 hours.
  keep: { acts: (stage) => /^h\d+$/.test(stage) && Number(stage.slice(1)) <= 16, kind: 'used' },
  topup: { acts: (stage) => stage === 'd3', kind: 'topped-up' },
};

function yearCards(zone: string): Card[] {
  return [
    makeCard('cycle', { type: 'cycle', anchorDate: '2026-01-05', period: { count: 1, unit: 'months' } }, { timeZone: zone }),
    // A keep-alive card counted in another zone than the user's.
    makeCard('keep', { type: 'keepAlive', anchorDate: '2026-01-01', window: { count: 60, unit: 'days' } }, { timeZone: 'Europe/London' }),
    makeCard('topup', { type: 'topUp', anchorDate: '2026-01-10', validity: { count: 30, unit: 'days' }, mode: 'add' }, { timeZone: zone }),
    makeCard('fixed', { type: 'fixed', endDate: '2026-06-15', graceDays: 20 }, { timeZone: zone }),
    makeCard('pass', { type: 'pass', days: 10, startTrigger: 'manual', startDate: '2026-08-01' }, { timeZone: zone }),
    makeCard(
      'off',
      { type: 'cycle', anchorDate: '2026-01-03', period: { count: 1, unit: 'months' } },
      {
        timeZone: zone,
        reminders: { enabled: false },
      },
    ),
  ];
}

async function simulateYear(zone: string) {
  // Runs once per zone, before the per-test reset of setup.ts: start from a clean browser here.
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(en, key, subs)) as never;
  fakeBrowser.i18n.getUILanguage = () => 'en';
  clock = new Date('2026-01-01T12:00:00Z');
  const end = Date.parse('2027-01-01T00:00:00Z');
  await saveSettings({ timeZone: zone });
  await updateCards(() => yearCards(zone));
  let service = startService(zone);
  await service.handleInstalled({ reason: 'update' });

  const shown: Shown[] = [];
  /** Deadline key → [became current, stopped being current]. */
  const current = new Map<string, [number, number]>();
  const noteCurrent = async () => {
    const plan = planReminders((await loadCards()).cards, resolveSettings({ timeZone: zone }, zone));
    const keys = new Set(plan.map((r) => r.deadlineKey));
    for (const key of keys) if (!current.has(key)) current.set(key, [clock.getTime(), end]);
    for (const [key, span] of current) if (!keys.has(key) && span[1] === end) span[1] = clock.getTime();
  };
  await noteCurrent();

  let restarted = false;
  for (;;) {
    const alarms = [...(await fakeBrowser.alarms.getAll())];
    const next = alarms.sort((a, b) => a.scheduledTime - b.scheduledTime)[0];
    if (!next || next.scheduledTime >= end) break;
    clock = new Date(next.scheduledTime);
    // Midway, the browser restarts: a new service over the same storage finds nothing missed.
    if (!restarted && clock.getTime() > Date.parse('2026-07-15T00:00:00Z')) {
      restarted = true;
      service = startService(zone);
      expect((await service.handleStartup())?.shown).toEqual([]);
    }
    await fakeBrowser.alarms.clear(next.name); // a one-shot alarm is gone once it fires
    const result = await service.handleAlarm(next);
    for (const reminder of result?.shown ?? []) {
      shown.push({ ...reminder, shownAt: clock.getTime() });
      const policy = POLICY[reminder.cardId];
      if (policy && reminder.deadlineKind === 'due' && policy.acts(reminder.stage)) {
        await recordEvent(reminder.cardId, { kind: policy.kind }, clock);
        await service.refresh(); // what the storage watch does
        await noteCurrent();
      }
    }
  }
  return { shown, current, cards: (await loadCards()).cards };
}

describe.each(['Asia/Shanghai', 'America/New_York'])('a simulated year for a user in %s', (zone) => {
  let shown: Shown[];
  let current: Map<string, [number, number]>;
  let cards: Card[];

  beforeAll(async () => {
    ({ shown, current, cards } = await simulateYear(zone));
  }, 120_000);

  it('shows every reminder at most once', () => {
    const names = shown.map((r) => r.alarmName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('shows each reminder at its time, daily ones at 09:00 on the right day of the user calendar', () => {
    for (const reminder of shown) {
      expect(reminder.shownAt).toBe(reminder.when);
      if (reminder.stage.startsWith('d')) {
        const days = Number(reminder.stage.slice(1));
        const lastDay = plainDateInZone(reminder.deadlineAt - 1, zone);
        expect(localTime(reminder.shownAt, zone)).toBe(`${addPlainDays(lastDay, -days)} 09:00`);
      } else {
        expect(reminder.stage).toMatch(/^h\d+$/);
        expect(reminder.deadlineAt - reminder.shownAt).toBe(Number(reminder.stage.slice(1)) * 3_600_000);
      }
    }
  });

  it('shows every planned reminder of every deadline while it was current', () => {
    const settings = resolveSettings({ timeZone: zone }, zone);
    // Every card as it ended up, and every deadline it had on the way: re-plan each from the history.
    const expected = new Set<string>();
    for (const card of cards) {
      for (let events = 0; events <= card.history.length; events += 1) {
        const past = { ...card, history: card.history.slice(0, events) };
        for (const reminder of planReminders([past], settings)) {
          const span = current.get(reminder.deadlineKey);
          if (span && reminder.when >= span[0] && reminder.when <= span[1]) expected.add(reminder.alarmName);
        }
      }
    }
    expect(shown.map((r) => r.alarmName).sort()).toEqual([...expected].sort());
    expect(expected.size).toBeGreaterThan(60);
  });

  it('shows nothing for a card whose reminders are off', () => {
    expect(shown.filter((r) => r.cardId === 'off')).toEqual([]);
  });

  it('lets the user renew, top up and use cards all year', () => {
    const counts = Object.fromEntries(cards.map((card) => [card.id, card.history.length]));
    // Due 5 February, renewed the day before, every month: 4 February to 4 December.
    expect(counts.cycle).toBe(11);
    expect(counts.topup).toBeGreaterThanOrEqual(11);
    expect(counts.keep).toBeGreaterThanOrEqual(6);
    // Escalations came for the keep-alive card, and the user acted on one each time.
    expect(shown.filter((r) => r.cardId === 'keep' && POLICY.keep!.acts(r.stage))).toHaveLength(counts.keep!);
    expect(shown.filter((r) => r.cardId === 'keep' && r.stage.startsWith('h')).length).toBeGreaterThan(counts.keep!);
  });

  it('reminds a card left to lapse until its number is lost, then stops', () => {
    expect(shown.filter((r) => r.cardId === 'fixed').map((r) => `${r.deadlineKind} ${r.stage} ${localTime(r.shownAt, zone)}`)).toEqual([
      'due d30 2026-05-16 09:00',
      'due d7 2026-06-08 09:00',
      'due d3 2026-06-12 09:00',
      'due d1 2026-06-14 09:00',
      'due d0 2026-06-15 09:00',
      'lost d7 2026-06-28 09:00',
      'lost d3 2026-07-02 09:00',
      'lost d1 2026-07-04 09:00',
      'lost d0 2026-07-05 09:00',
    ]);
    expect(shown.filter((r) => r.cardId === 'pass').map((r) => r.stage)).toEqual(['d30', 'd7', 'd3', 'd1', 'd0']);
  });

  it('covers both sides of the DST changes', () => {
    const dailies = shown.filter((r) => r.stage.startsWith('d')).map((r) => r.shownAt);
    const springForward = Date.parse('2026-03-08T07:00:00Z');
    const fallBack = Date.parse('2026-11-01T06:00:00Z');
    expect(dailies.some((t) => t < springForward)).toBe(true);
    expect(dailies.some((t) => t > springForward && t < fallBack)).toBe(true);
    expect(dailies.some((t) => t > fallBack)).toBe(true);
  });
});
