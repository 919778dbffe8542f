import { describe, expect, it } from 'vitest';
import { offersRenewalSite } from '../../lib/cards/renewal-site';
import type { Card } from '../../lib/cards/schema';
import { makeCard } from './card-fixture';

const SITE = { website: 'https://example.com/renew', app: '', hotline: '' };
const withRule = (rule: Card['rule'], channels = SITE) => makeCard('c', { rule, channels });
const months = (count: number) => ({ count, unit: 'months' as const });

describe('offersRenewalSite: "Open renewal site" only where paying there moves the deadline', () => {
  it.each<[string, Card['rule'], boolean]>([
    ['a plan cycle', { type: 'cycle', anchorDate: '2026-03-01', period: months(1) }, true],
    ['a top-up card', { type: 'topUp', anchorDate: '2026-03-01', validity: months(6), mode: 'reset' }, true],
    ['a fixed end date', { type: 'fixed', endDate: '2026-09-01' }, true],
    ['a started pass', { type: 'pass', days: 8, startTrigger: 'purchase', startDate: '2026-03-01' }, true],
    ['a pass not started yet', { type: 'pass', days: 8, startTrigger: 'first-connection', startDate: null }, false],
    ['a manual pass not started yet', { type: 'pass', days: 8, startTrigger: 'manual', startDate: null }, false],
    ['keep-alive, any activity counts', { type: 'keepAlive', anchorDate: '2026-03-01', window: months(6) }, false],
    [
      'keep-alive where a call or a top-up counts (giffgaff)',
      { type: 'keepAlive', anchorDate: '2026-03-01', window: months(6), activities: ['call', 'sms', 'data', 'top-up'] },
      false,
    ],
    ['keep-alive kept only by a top-up', { type: 'keepAlive', anchorDate: '2026-03-01', window: months(3), activities: ['top-up'] }, true],
    ['keep-alive kept only by a call', { type: 'keepAlive', anchorDate: '2026-03-01', window: months(3), activities: ['call'] }, false],
  ])('%s → %s', (_, rule, expected) => {
    expect(offersRenewalSite(withRule(rule))).toBe(expected);
  });

  it('never without a page to open', () => {
    expect(offersRenewalSite(withRule({ type: 'cycle', anchorDate: '2026-03-01', period: months(1) }, { ...SITE, website: '' }))).toBe(
      false,
    );
  });
});
