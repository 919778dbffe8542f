import { bench, describe } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Card, Rule } from '../../lib/cards/schema';
import { addPlainDays } from '../../lib/dates/plain-date';
import { planReminders } from '../../lib/reminders/plan';
import { reconcileAlarms, wantedAlarms } from '../../lib/reminders/reconcile';
import { clearZoneMemos } from '../../lib/reminders/zone-memo';
import type { Settings } from '../../lib/store/settings-schema';

/*
 * `npm run bench`: time to plan every reminder and reconcile the alarms.
 * Goal: under 50 ms for 1,000 cards. Not a test: no assertion on time.
 */

const settings: Settings = { timeZone: 'Asia/Shanghai', reminderTime: '09:00', leadDays: [30, 7, 3, 1, 0], escalateHours: 8 };
const now = new Date('2026-03-01T04:00:00Z');
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Tokyo'];

function makeCards(count: number): Card[] {
  return Array.from({ length: count }, (_, i) => {
    const anchorDate = addPlainDays('2026-01-01', (i * 7) % 365);
    const rules: Rule[] = [
      { type: 'cycle', anchorDate, period: { count: 1, unit: 'months' }, graceDays: 30 },
      { type: 'keepAlive', anchorDate, window: { count: 90, unit: 'days' } },
      { type: 'topUp', anchorDate, validity: { count: 30, unit: 'days' }, mode: 'add' },
      { type: 'fixed', endDate: addPlainDays(anchorDate, 200), graceDays: 10 },
      { type: 'pass', days: 30, startTrigger: 'manual', startDate: anchorDate },
    ];
    return {
      id: `card-${i}`,
      label: `Card ${i}`,
      providerId: null,
      phoneNumber: '',
      notes: '',
      timeZone: ZONES[i % ZONES.length]!,
      channels: { website: '', app: '', hotline: '' },
      rule: rules[i % rules.length]!,
      history: [{ id: `e-${i}`, date: addPlainDays(anchorDate, 3), kind: 'used' }],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
  });
}

for (const count of [1000, 5000]) {
  describe(`${count} cards`, () => {
    const cards = makeCards(count);

    bench('plan (zone memos warm)', () => {
      planReminders(cards, settings);
    });

    bench('plan (cold start of the service worker)', () => {
      clearZoneMemos();
      planReminders(cards, settings);
    });

    bench(
      'plan + reconcile, alarms already in place',
      async () => {
        const plan = planReminders(cards, settings);
        await reconcileAlarms(wantedAlarms(plan, now, settings.timeZone), fakeBrowser.alarms, now);
      },
      {
        setup: async () => {
          fakeBrowser.reset();
          await reconcileAlarms(wantedAlarms(planReminders(cards, settings), now, settings.timeZone), fakeBrowser.alarms, now);
        },
      },
    );

    bench(
      'plan + reconcile from no alarms',
      async () => {
        await fakeBrowser.alarms.clearAll();
        const plan = planReminders(cards, settings);
        await reconcileAlarms(wantedAlarms(plan, now, settings.timeZone), fakeBrowser.alarms, now);
      },
      { setup: () => fakeBrowser.reset() },
    );
  });
}
