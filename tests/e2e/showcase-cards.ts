import { addDaysTo } from './fixtures';

/** A realistic set of cards around today: what a user with five numbers sees. */
export function showcaseCards(today: string) {
  const base = { notes: '', history: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  return [
    {
      ...base,
      id: 'ultra',
      label: '紫卡',
      providerId: 'ultra-paygo',
      phoneNumber: '+1 213 555 0142',
      timeZone: 'America/Los_Angeles',
      channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
      rule: { type: 'cycle', anchorDate: addDaysTo(today, -32), period: { count: 30, unit: 'days' }, graceDays: 30 },
    },
    {
      ...base,
      id: 'gg',
      label: 'giffgaff main',
      providerId: 'giffgaff',
      phoneNumber: '07700 900123',
      timeZone: 'Europe/London',
      channels: { website: 'https://www.giffgaff.com/', app: '', hotline: '' },
      rule: { type: 'keepAlive', anchorDate: addDaysTo(today, -170), window: { count: 6, unit: 'months' } },
    },
    {
      ...base,
      id: 'hk',
      label: '3HK 儲值卡',
      providerId: 'three-hk',
      phoneNumber: '+852 5555 0199',
      timeZone: 'Asia/Hong_Kong',
      channels: { website: 'https://web.three.com.hk/', app: '', hotline: '' },
      rule: { type: 'topUp', anchorDate: addDaysTo(today, -150), validity: { count: 6, unit: 'months' }, mode: 'add' },
    },
    {
      ...base,
      id: 'pass',
      label: '美國遠遊卡',
      providerId: null,
      phoneNumber: '',
      timeZone: 'America/New_York',
      channels: { website: '', app: '', hotline: '' },
      rule: { type: 'pass', days: 8, startTrigger: 'manual', startDate: addDaysTo(today, -6) },
    },
    {
      ...base,
      id: 'ur',
      label: 'UR卡',
      providerId: null,
      phoneNumber: '+1 646 555 0110',
      timeZone: 'America/New_York',
      channels: { website: '', app: '', hotline: '' },
      rule: { type: 'fixed', endDate: addDaysTo(today, 75) },
    },
  ];
}
