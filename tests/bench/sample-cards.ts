import type { Card } from '../../lib/cards/schema';
import { addPlainDays } from '../../lib/dates/plain-date';

const ZONES = ['America/Los_Angeles', 'Europe/London', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo'];

/** `count` cards of every rule type, each with some history, for benchmarks. */
export function sampleCards(count: number, today = '2026-11-22'): Card[] {
  return Array.from({ length: count }, (_, i): Card => {
    const anchorDate = addPlainDays(today, -(i % 90));
    const kind = i % 5;
    const rule: Card['rule'] =
      kind === 0
        ? { type: 'cycle', anchorDate, period: { count: 30, unit: 'days' }, graceDays: 30 }
        : kind === 1
          ? { type: 'keepAlive', anchorDate, window: { count: 6, unit: 'months' } }
          : kind === 2
            ? { type: 'topUp', anchorDate, validity: { count: 60, unit: 'days' }, mode: 'add', capDays: 360 }
            : kind === 3
              ? { type: 'fixed', endDate: addPlainDays(today, i % 40) }
              : { type: 'pass', days: 7, startTrigger: 'manual', startDate: addPlainDays(today, -(i % 10)) };
    return {
      id: `card-${i}`,
      label: `Card ${i}`,
      providerId: null,
      phoneNumber: `+1 555 010 ${String(1000 + i).slice(-4)}`,
      notes: '',
      timeZone: ZONES[i % ZONES.length]!,
      channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
      rule,
      history: Array.from({ length: i % 4 }, (_, j) => ({
        id: `e${i}-${j}`,
        date: addPlainDays(anchorDate, 5 * (j + 1)),
        kind: 'renewed' as const,
      })),
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
  });
}
