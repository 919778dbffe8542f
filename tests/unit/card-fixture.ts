import type { Card } from '../../lib/cards/schema';

/** A valid card for tests: a 30-day plan cycle from 1 March 2026, counted in Shanghai; `overrides` win. */
export function makeCard(id: string, overrides: Partial<Card> = {}): Card {
  return {
    id,
    label: `Card ${id}`,
    providerId: null,
    phoneNumber: '',
    notes: '',
    timeZone: 'Asia/Shanghai',
    channels: { website: '', app: '', hotline: '' },
    rule: { type: 'cycle', anchorDate: '2026-03-01', period: { count: 30, unit: 'days' } },
    history: [],
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...overrides,
  };
}
