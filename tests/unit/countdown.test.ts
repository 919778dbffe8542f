import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import type { CardEvent, Rule } from '../../lib/cards/schema';
import { cardCountdown, compareCountdowns, quickEventKind, SOON_DAYS, URGENT_DAYS } from '../../lib/cards/countdown';

const SHANGHAI = 'Asia/Shanghai';
const LOS_ANGELES = 'America/Los_Angeles';
const LONDON = 'Europe/London';

const fixed = (endDate: string, graceDays?: number): Rule => ({ type: 'fixed', endDate, graceDays });
const card = (rule: Rule, timeZone: string, history: CardEvent[] = []) => ({ rule, history, timeZone });

describe('cardCountdown', () => {
  it.each([
    // A UTC card due 20 March, seen from UTC at noon.
    ['2026-03-01', 19, 'ok'],
    ['2026-03-12', 8, 'ok'],
    ['2026-03-13', 7, 'soon'],
    ['2026-03-17', 3, 'soon'],
    ['2026-03-18', 2, 'urgent'],
    ['2026-03-19', 1, 'urgent'],
    ['2026-03-20', 0, 'urgent'],
    ['2026-03-21', -1, 'overdue'],
    ['2026-04-20', -31, 'overdue'],
  ])('on %s: %i days left, %s', (today, daysLeft, status) => {
    const countdown = cardCountdown(card(fixed('2026-03-20'), 'UTC'), new Date(`${today}T12:00:00Z`), 'UTC');
    expect(countdown).toMatchObject({ daysLeft, status, dueDay: '2026-03-20' });
  });

  it('the thresholds are the documented ones', () => {
    expect([URGENT_DAYS, SOON_DAYS]).toEqual([2, 7]);
  });

  it('is lost from the first instant after grace, overdue before', () => {
    const c = card(fixed('2026-03-10', 5), 'UTC');
    expect(cardCountdown(c, new Date('2026-03-15T23:59:59.999Z'), 'UTC')).toMatchObject({ status: 'overdue', daysLeft: -5, daysToLost: 0 });
    expect(cardCountdown(c, new Date('2026-03-16T00:00:00.000Z'), 'UTC')).toMatchObject({ status: 'lost', daysLeft: -6, daysToLost: -1 });
  });

  it('counts days to the number being lost', () => {
    const c = card({ type: 'cycle', anchorDate: '2026-03-01', period: { count: 30, unit: 'days' }, graceDays: 30 }, 'UTC');
    expect(cardCountdown(c, new Date('2026-03-21T08:00:00Z'), 'UTC')).toMatchObject({ daysLeft: 10, daysToLost: 40, status: 'ok' });
    expect(cardCountdown(card(fixed('2026-03-10'), 'UTC'), new Date('2026-03-01T00:00:00Z'), 'UTC').daysToLost).toBeNull();
  });

  it('a pass not started yet has no deadline', () => {
    const countdown = cardCountdown(
      card({ type: 'pass', days: 7, startTrigger: 'first-connection', startDate: null }, 'UTC'),
      new Date('2026-03-01T00:00:00Z'),
      'UTC',
    );
    expect(countdown).toEqual({
      status: 'not-started',
      daysLeft: Infinity,
      dueDay: null,
      daysToLost: null,
      progress: null,
      deadlines: null,
    });
  });

  describe('progress', () => {
    // 30 days from 1 March: fine until 31 March, so the period is 31 whole days.
    const c = card({ type: 'cycle', anchorDate: '2026-03-01', period: { count: 30, unit: 'days' } }, 'UTC');
    it.each([
      ['2026-02-20T00:00:00Z', 0],
      ['2026-03-01T00:00:00Z', 0],
      ['2026-03-16T12:00:00Z', 0.5],
      ['2026-04-01T00:00:00Z', 1],
      ['2026-05-01T00:00:00Z', 1],
    ])('at %s is %d', (iso, expected) => {
      expect(cardCountdown(c, new Date(iso), 'UTC').progress).toBeCloseTo(expected, 10);
    });

    it('follows the last renewal', () => {
      const renewedCard = card(c.rule, 'UTC', [{ id: 'r', date: '2026-03-31', kind: 'renewed' }]);
      // Period 31 March … 30 April (31 days); 1 April at noon is 1.5 days in.
      expect(cardCountdown(renewedCard, new Date('2026-04-01T12:00:00Z'), 'UTC').progress).toBeCloseTo(1.5 / 31, 10);
    });

    it('is unknown for a fixed date with no start', () => {
      expect(cardCountdown(card(fixed('2026-03-10'), 'UTC'), new Date('2026-03-01T00:00:00Z'), 'UTC').progress).toBeNull();
    });
  });
});

describe('compareCountdowns', () => {
  it('sorts nearest deadline first, passes not started last', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const later = cardCountdown(card(fixed('2026-04-01'), 'UTC'), now, 'UTC');
    const sooner = cardCountdown(card(fixed('2026-03-05'), 'UTC'), now, 'UTC');
    const overdue = cardCountdown(card(fixed('2026-02-01'), 'UTC'), now, 'UTC');
    const notStarted = cardCountdown(card({ type: 'pass', days: 7, startTrigger: 'purchase', startDate: null }, 'UTC'), now, 'UTC');
    expect([notStarted, later, sooner, overdue].sort(compareCountdowns)).toEqual([overdue, sooner, later, notStarted]);
    expect(compareCountdowns(sooner, sooner)).toBe(0);
  });

  it('compares instants, not the due dates of different zones', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    // Due the same day, but Shanghai's day ends 15 hours before Los Angeles'.
    const la = cardCountdown(card(fixed('2026-03-10'), LOS_ANGELES), now, SHANGHAI);
    const sh = cardCountdown(card(fixed('2026-03-10'), SHANGHAI), now, SHANGHAI);
    expect([la, sh].sort(compareCountdowns)).toEqual([sh, la]);
  });
});

describe('quickEventKind', () => {
  it.each([
    [{ type: 'cycle', anchorDate: '2026-03-01', period: { count: 1, unit: 'months' } }, 'renewed'],
    [{ type: 'keepAlive', anchorDate: '2026-03-01', window: { count: 6, unit: 'months' } }, 'used'],
    [{ type: 'topUp', anchorDate: '2026-03-01', validity: { count: 60, unit: 'days' }, mode: 'add' }, 'topped-up'],
    [{ type: 'fixed', endDate: '2026-03-01' }, null],
    [{ type: 'pass', days: 7, startTrigger: 'first-connection', startDate: null }, 'activated'],
    [{ type: 'pass', days: 7, startTrigger: 'manual', startDate: '2026-03-01' }, null],
  ] as [Rule, string | null][])('%j → %s', (rule, expected) => {
    expect(quickEventKind({ rule, history: [] })).toBe(expected);
  });

  it('a pass already activated needs no second activation', () => {
    const rule: Rule = { type: 'pass', days: 7, startTrigger: 'first-connection', startDate: null };
    expect(quickEventKind({ rule, history: [{ id: 'a', date: '2026-03-01', kind: 'activated' }] })).toBeNull();
  });
});

describe('edge cases', () => {
  describe('user in Shanghai, card counted in Los Angeles', () => {
    // Due 10 March in Los Angeles: ends at midnight PDT, 07:00 UTC on 11 March, 15:00 in Shanghai.
    const c = card(fixed('2026-03-10'), LOS_ANGELES);

    it('shows the due day on the user own calendar', () => {
      const countdown = cardCountdown(c, new Date('2026-03-01T00:00:00Z'), SHANGHAI);
      expect(countdown.dueDay).toBe('2026-03-11');
      expect(countdown.deadlines?.endsAt.toISOString()).toBe('2026-03-11T07:00:00.000Z');
      expect(new TZDate(countdown.deadlines!.endsAt.getTime(), SHANGHAI).getHours()).toBe(15);
      // The same card seen from Los Angeles is due on 10 March.
      expect(cardCountdown(c, new Date('2026-03-01T00:00:00Z'), LOS_ANGELES).dueDay).toBe('2026-03-10');
    });

    it.each([
      // Both sides of Shanghai's midnight between 10 and 11 March.
      [new TZDate(2026, 2, 10, 23, 59, 59, 999, SHANGHAI), 1, 'urgent'],
      [new TZDate(2026, 2, 11, 0, 0, 0, 0, SHANGHAI), 0, 'urgent'],
      [new TZDate(2026, 2, 11, 14, 59, 59, 999, SHANGHAI), 0, 'urgent'],
      [new TZDate(2026, 2, 11, 15, 0, 0, 0, SHANGHAI), 0, 'overdue'],
      [new TZDate(2026, 2, 11, 23, 59, 59, 999, SHANGHAI), 0, 'overdue'],
      [new TZDate(2026, 2, 12, 0, 0, 0, 0, SHANGHAI), -1, 'overdue'],
      // Both sides of Shanghai's midnight a week out.
      [new TZDate(2026, 2, 3, 23, 59, 59, 999, SHANGHAI), 8, 'ok'],
      [new TZDate(2026, 2, 4, 0, 0, 0, 0, SHANGHAI), 7, 'soon'],
    ])('at %s (Shanghai): %i days left, %s', (now, daysLeft, status) => {
      expect(cardCountdown(c, now, SHANGHAI)).toMatchObject({ daysLeft, status });
    });

    it.each([
      // Before Los Angeles moves its clocks (PST, UTC−8), the day ends at 16:00 in Shanghai; after (PDT), at 15:00.
      ['2026-03-07', '2026-03-08T08:00:00.000Z', 16],
      ['2026-03-10', '2026-03-11T07:00:00.000Z', 15],
      ['2026-11-01', '2026-11-02T08:00:00.000Z', 16],
    ])('a card due %s ends at %s, %i:00 in Shanghai', (due, iso, hour) => {
      const countdown = cardCountdown(card(fixed(due), LOS_ANGELES), new Date('2026-01-01T00:00:00Z'), SHANGHAI);
      expect(countdown.deadlines?.endsAt.toISOString()).toBe(iso);
      expect(new TZDate(Date.parse(iso), SHANGHAI).getHours()).toBe(hour);
    });

    it('a user in Los Angeles with a Shanghai card sees the Shanghai day end on the morning of the same day', () => {
      const shanghaiCard = card(fixed('2026-03-10'), SHANGHAI);
      // Midnight in Shanghai is 09:00 PDT on 10 March in Los Angeles.
      expect(cardCountdown(shanghaiCard, new Date('2026-03-10T15:59:59.999Z'), LOS_ANGELES)).toMatchObject({
        dueDay: '2026-03-10',
        daysLeft: 0,
        status: 'urgent',
      });
      expect(cardCountdown(shanghaiCard, new Date('2026-03-10T16:00:00.000Z'), LOS_ANGELES)).toMatchObject({
        daysLeft: 0,
        status: 'overdue',
      });
    });
  });

  describe('deadline today / tomorrow / yesterday', () => {
    const c = card(fixed('2026-03-10'), SHANGHAI);
    it.each([
      [new TZDate(2026, 2, 9, 0, 0, SHANGHAI), 1, 'urgent'],
      [new TZDate(2026, 2, 9, 23, 59, 59, 999, SHANGHAI), 1, 'urgent'],
      [new TZDate(2026, 2, 10, 0, 0, SHANGHAI), 0, 'urgent'],
      [new TZDate(2026, 2, 10, 23, 59, 59, 999, SHANGHAI), 0, 'urgent'],
      [new TZDate(2026, 2, 11, 0, 0, SHANGHAI), -1, 'overdue'],
      [new TZDate(2026, 2, 11, 23, 59, SHANGHAI), -1, 'overdue'],
    ])('at %s: %i', (now, daysLeft, status) => {
      expect(cardCountdown(c, now, SHANGHAI)).toMatchObject({ daysLeft, status });
    });
  });

  describe('DST changes', () => {
    it.each([
      // Los Angeles card due 10 March, counted in Los Angeles, across the spring-forward night of 8 March.
      [new TZDate(2026, 2, 7, 23, 59, 59, 999, LOS_ANGELES), 3, 'soon'],
      [new TZDate(2026, 2, 8, 0, 0, LOS_ANGELES), 2, 'urgent'],
      [new TZDate(2026, 2, 8, 23, 30, LOS_ANGELES), 2, 'urgent'],
      [new TZDate(2026, 2, 9, 0, 0, LOS_ANGELES), 1, 'urgent'],
      [new TZDate(2026, 2, 10, 23, 59, 59, 999, LOS_ANGELES), 0, 'urgent'],
      [new TZDate(2026, 2, 11, 0, 0, LOS_ANGELES), -1, 'overdue'],
    ])('spring forward: at %s, %i days left', (now, daysLeft, status) => {
      expect(cardCountdown(card(fixed('2026-03-10'), LOS_ANGELES), now, LOS_ANGELES)).toMatchObject({ daysLeft, status });
    });

    it('a card due on the fall-back day ends at local midnight after its 25 hours', () => {
      const c = card(fixed('2026-11-01'), LOS_ANGELES);
      // 07:30 UTC is 00:30 PDT on 1 November, and 23:30 PST the same day one day later.
      expect(cardCountdown(c, new Date('2026-11-01T07:30:00Z'), LOS_ANGELES)).toMatchObject({ daysLeft: 0, status: 'urgent' });
      expect(cardCountdown(c, new Date('2026-11-02T07:30:00Z'), LOS_ANGELES)).toMatchObject({ daysLeft: 0, status: 'urgent' });
      expect(cardCountdown(c, new Date('2026-11-02T07:59:59.999Z'), LOS_ANGELES)).toMatchObject({ daysLeft: 0, status: 'urgent' });
      expect(cardCountdown(c, new Date('2026-11-02T08:00:00.000Z'), LOS_ANGELES)).toMatchObject({ daysLeft: -1, status: 'overdue' });
    });

    it('a card due on the spring-forward day ends at local midnight after its 23 hours', () => {
      const c = card(fixed('2026-03-08'), LOS_ANGELES);
      expect(cardCountdown(c, new Date('2026-03-09T06:59:59.999Z'), LOS_ANGELES)).toMatchObject({ daysLeft: 0, status: 'urgent' });
      expect(cardCountdown(c, new Date('2026-03-09T07:00:00.000Z'), LOS_ANGELES)).toMatchObject({ daysLeft: -1, status: 'overdue' });
    });

    it.each([
      ['2026-03-29T22:59:59.999Z', 0, 'urgent'],
      ['2026-03-29T23:00:00.000Z', -1, 'overdue'],
      ['2026-03-28T23:59:59.999Z', 1, 'urgent'],
      ['2026-03-29T00:00:00.000Z', 0, 'urgent'],
    ])('London card due on 29 March (clocks forward): at %s, %i', (iso, daysLeft, status) => {
      expect(cardCountdown(card(fixed('2026-03-29'), LONDON), new Date(iso), LONDON)).toMatchObject({ daysLeft, status });
    });

    it('progress over a period containing the spring-forward day uses real instants', () => {
      // 1–10 March in Los Angeles is 10 days minus the hour skipped on 8 March.
      const c = card({ type: 'cycle', anchorDate: '2026-03-01', period: { count: 9, unit: 'days' } }, LOS_ANGELES);
      const countdown = cardCountdown(c, new Date('2026-03-11T07:00:00Z'), LOS_ANGELES);
      expect(countdown.progress).toBe(1);
      const half = cardCountdown(c, new Date(Date.parse('2026-03-01T08:00:00Z') + (239 / 2) * 3_600_000), LOS_ANGELES);
      expect(half.progress).toBeCloseTo(0.5, 10);
    });
  });

  describe('month ends and Feb 29', () => {
    it.each([
      ['2028-02-28T12:00:00Z', 1],
      ['2028-02-29T12:00:00Z', 0],
      ['2028-03-01T12:00:00Z', -1],
    ])('a card due 29 February 2028: at %s, %i', (iso, daysLeft) => {
      expect(cardCountdown(card(fixed('2028-02-29'), 'UTC'), new Date(iso), 'UTC').daysLeft).toBe(daysLeft);
    });

    it('counts across a month end and a year end on the calendar', () => {
      expect(cardCountdown(card(fixed('2026-03-01'), 'UTC'), new Date('2026-02-28T23:59:59Z'), 'UTC').daysLeft).toBe(1);
      expect(cardCountdown(card(fixed('2027-01-01'), 'UTC'), new Date('2026-12-31T00:00:00Z'), 'UTC').daysLeft).toBe(1);
      expect(cardCountdown(card(fixed('2029-03-01'), 'UTC'), new Date('2028-03-01T00:00:00Z'), 'UTC').daysLeft).toBe(365);
    });
  });

  describe('years', () => {
    it('a 12-month cycle from 29 February 2028 is due 28 February 2029', () => {
      const c = card({ type: 'cycle', anchorDate: '2028-02-29', period: { count: 12, unit: 'months' } }, SHANGHAI);
      const countdown = cardCountdown(c, new TZDate(2028, 1, 29, 12, 0, SHANGHAI), SHANGHAI);
      expect(countdown).toMatchObject({ dueDay: '2029-02-28', daysLeft: 365, status: 'ok' });
      expect(countdown.progress).toBeCloseTo(0.5 / 366, 10);
    });
  });
});
