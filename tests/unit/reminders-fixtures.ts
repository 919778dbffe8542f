import type { Card, Rule } from '../../lib/cards/schema';
import type { Settings } from '../../lib/store/settings-schema';

/** A valid card with `rule`; everything else plain unless `overrides` says so. */
export function makeCard(id: string, rule: Rule, overrides: Partial<Card> = {}): Card {
  return {
    id,
    label: id,
    providerId: null,
    phoneNumber: '',
    notes: '',
    timeZone: 'Asia/Shanghai',
    channels: { website: '', app: '', hotline: '' },
    rule,
    history: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function makeSettings(overrides: Partial<Settings> = {}): Settings {
  return { timeZone: 'Asia/Shanghai', reminderTime: '09:00', leadDays: [30, 7, 3, 1, 0], escalateHours: 8, ...overrides };
}

/** `YYYY-MM-DD HH:mm` of `instant` in `timeZone`, for readable assertions. */
export function localTime(instant: number | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
