import { describe, expect, it } from 'vitest';
import type { Activity, CardEvent, EventKind, Period, Rule } from '../../lib/cards/schema';
import { addPeriod, cardDeadlines, currentTerm, sortedHistory } from '../../lib/cards/deadlines';

let nextId = 0;
/** An event on `date`; ids only need to be unique. */
function event(date: string, kind: EventKind, extra: Partial<CardEvent> = {}): CardEvent {
  nextId += 1;
  return { id: `e${nextId}`, date, kind, ...extra };
}
const renewed = (date: string) => event(date, 'renewed');
const used = (date: string, activity?: Activity) => event(date, 'used', activity ? { activity } : {});
const toppedUp = (date: string) => event(date, 'topped-up');
const carrierDate = (date: string, endDate: string) => event(date, 'carrier-date', { endDate });

const days = (count: number): Period => ({ count, unit: 'days' });
const months = (count: number): Period => ({ count, unit: 'months' });

const cycle = (anchorDate: string, period: Period, graceDays?: number): Rule => ({ type: 'cycle', anchorDate, period, graceDays });
const keepAlive = (anchorDate: string, window: Period, extra: { graceDays?: number; activities?: Activity[] } = {}): Rule => ({
  type: 'keepAlive',
  anchorDate,
  window,
  ...extra,
});
const topUp = (anchorDate: string, validity: Period, mode: 'reset' | 'add' | 'max', capDays?: number): Rule => ({
  type: 'topUp',
  anchorDate,
  validity,
  mode,
  capDays,
});
const fixed = (endDate: string, graceDays?: number): Rule => ({ type: 'fixed', endDate, graceDays });
const pass = (daysLong: number, startDate: string | null): Rule => ({
  type: 'pass',
  days: daysLong,
  startTrigger: startDate === null ? 'first-connection' : 'manual',
  startDate,
});

const dueDate = (rule: Rule, history: CardEvent[] = []) => currentTerm(rule, history)?.dueDate;

describe('addPeriod', () => {
  it.each([
    ['2026-03-01', days(30), 1, '2026-03-31'],
    ['2026-03-01', days(30), 2, '2026-04-30'],
    ['2026-01-31', months(1), 1, '2026-02-28'],
    ['2026-01-31', months(1), 2, '2026-03-31'],
    ['2026-03-31', months(1), -1, '2026-02-28'],
  ])('%s + %j × %i = %s', (date, period, times, expected) => {
    expect(addPeriod(date, period, times)).toBe(expected);
  });
});

describe('sortedHistory', () => {
  it('orders by date and keeps the recorded order within a day', () => {
    const a = renewed('2026-03-10');
    const b = used('2026-03-01');
    const c = event('2026-03-10', 'topped-up');
    expect(sortedHistory([a, b, c]).map((e) => e.id)).toEqual([b.id, a.id, c.id]);
    expect(sortedHistory([c, b, a]).map((e) => e.id)).toEqual([b.id, c.id, a.id]);
  });
});

describe('cycle', () => {
  it('Ultra PayGo: a 30-day cycle with 30 days of grace', () => {
    expect(currentTerm(cycle('2026-03-01', days(30), 30), [])).toEqual({
      periodStart: '2026-03-01',
      dueDate: '2026-03-31',
      lostDate: '2026-04-30',
    });
  });

  it.each([
    ['no renewal', [], '2026-03-31'],
    ['renewed early', [renewed('2026-03-20')], '2026-04-30'],
    ['renewed on the due day', [renewed('2026-03-31')], '2026-04-30'],
    ['renewed twice ahead', [renewed('2026-03-05'), renewed('2026-03-06')], '2026-05-30'],
    ['renewed a day late: a new cycle from that day', [renewed('2026-04-01')], '2026-05-01'],
    ['late, then on time on the new chain', [renewed('2026-04-10'), renewed('2026-05-10')], '2026-06-09'],
    ['a used event does not renew', [used('2026-03-20')], '2026-03-31'],
    ['a top-up counts as a payment', [toppedUp('2026-03-20')], '2026-04-30'],
  ])('30 days from 1 March, %s', (_, history, expected) => {
    expect(dueDate(cycle('2026-03-01', days(30)), history)).toBe(expected);
  });

  it('the period starts on the day of the last payment', () => {
    expect(currentTerm(cycle('2026-03-01', days(30)), [renewed('2026-03-20')])?.periodStart).toBe('2026-03-20');
  });

  it('removing a mistaken renewal moves the due date back', () => {
    const mistaken = renewed('2026-03-20');
    expect(dueDate(cycle('2026-03-01', days(30)), [mistaken])).toBe('2026-04-30');
    expect(
      dueDate(
        cycle('2026-03-01', days(30)),
        [mistaken].filter((e) => e.id !== mistaken.id),
      ),
    ).toBe('2026-03-31');
  });

  it('history out of order gives the same date as in order', () => {
    const history = [renewed('2026-04-25'), renewed('2026-03-25')];
    expect(dueDate(cycle('2026-03-01', days(30)), history)).toBe('2026-05-30');
  });

  describe('carrier date', () => {
    it('wins over the computed date, and later renewals continue from it', () => {
      const rule = cycle('2026-01-31', months(1));
      const carrier = carrierDate('2026-02-10', '2026-03-15');
      expect(currentTerm(rule, [carrier])).toMatchObject({ dueDate: '2026-03-15', periodStart: '2026-02-15' });
      expect(dueDate(rule, [carrier, renewed('2026-03-10')])).toBe('2026-04-15');
      expect(dueDate(rule, [carrier, renewed('2026-03-10'), renewed('2026-04-01')])).toBe('2026-05-15');
      expect(dueDate(rule, [carrier, renewed('2026-03-20')])).toBe('2026-04-20');
    });

    it('wins even when earlier than the computed date', () => {
      expect(dueDate(cycle('2026-03-01', days(30)), [renewed('2026-03-05'), carrierDate('2026-03-06', '2026-03-20')])).toBe('2026-03-20');
    });

    it('on the same day as a renewal, the one recorded last counts last', () => {
      const rule = cycle('2026-03-01', days(30));
      expect(dueDate(rule, [renewed('2026-03-10'), carrierDate('2026-03-10', '2026-04-05')])).toBe('2026-04-05');
      expect(dueDate(rule, [carrierDate('2026-03-10', '2026-04-05'), renewed('2026-03-10')])).toBe('2026-05-05');
    });
  });
});

describe('keepAlive', () => {
  it.each([
    ['giffgaff: 6 months from the anchor', keepAlive('2026-01-15', months(6)), [], '2026-07-15'],
    ['giffgaff: 6 months from the last use', keepAlive('2026-01-15', months(6)), [used('2026-03-31')], '2026-09-30'],
    ['Three UK: 180 days', keepAlive('2026-01-01', days(180)), [], '2026-06-30'],
    ['Three UK: 180 days from a use', keepAlive('2026-01-01', days(180)), [used('2026-02-01')], '2026-07-31'],
    ['a top-up counts as use', keepAlive('2026-01-01', days(180)), [toppedUp('2026-02-01')], '2026-07-31'],
    ['a renewal counts as use', keepAlive('2026-01-01', days(180)), [renewed('2026-02-01')], '2026-07-31'],
    ['activation counts as use', keepAlive('2026-01-01', days(180)), [event('2026-02-01', 'activated')], '2026-07-31'],
  ])('%s', (_, rule, history, expected) => {
    expect(dueDate(rule, history)).toBe(expected);
  });

  it('counts from the day of the last activity', () => {
    expect(currentTerm(keepAlive('2026-01-15', months(6), { graceDays: 30 }), [used('2026-02-01'), used('2026-03-01')])).toEqual({
      periodStart: '2026-03-01',
      dueDate: '2026-09-01',
      lostDate: '2026-10-01',
    });
  });

  it.each([
    ['data does not count where only calls and texts do', used('2026-03-01', 'data'), '2026-07-15'],
    ['a call counts', used('2026-03-01', 'call'), '2026-09-01'],
    ['an event that names no activity counts', used('2026-03-01'), '2026-09-01'],
    ['a top-up marked as such does not count here', event('2026-03-01', 'topped-up', { activity: 'top-up' }), '2026-07-15'],
  ])('activities filter: %s', (_, activity, expected) => {
    expect(dueDate(keepAlive('2026-01-15', months(6), { activities: ['call', 'sms'] }), [activity])).toBe(expected);
  });

  it('every activity counts when the rule names none', () => {
    expect(dueDate(keepAlive('2026-01-15', months(6)), [used('2026-03-01', 'data')])).toBe('2026-09-01');
  });

  it('a carrier date wins, and a later use continues from the later of the two', () => {
    const rule = keepAlive('2026-01-15', months(6));
    const carrier = carrierDate('2026-02-01', '2026-12-31');
    expect(currentTerm(rule, [carrier])).toMatchObject({ periodStart: '2026-02-01', dueDate: '2026-12-31' });
    // A use never takes time away from what the carrier shows.
    expect(dueDate(rule, [carrier, used('2026-03-01')])).toBe('2026-12-31');
    expect(dueDate(rule, [carrier, used('2026-08-01')])).toBe('2027-02-01');
    expect(dueDate(rule, [carrierDate('2026-02-01', '2026-04-01'), used('2026-03-01')])).toBe('2026-09-01');
  });

  it('an activity dated before the anchor does not shorten the window', () => {
    expect(dueDate(keepAlive('2026-03-01', months(6)), [used('2026-01-10')])).toBe('2026-09-01');
  });
});

describe('topUp', () => {
  it('SoftBank: each top-up adds 60 days, capped at 360 days from the top-up', () => {
    const rule = topUp('2026-01-01', days(60), 'add', 360);
    expect(dueDate(rule)).toBe('2026-03-02');
    expect(dueDate(rule, [toppedUp('2026-01-10')])).toBe('2026-05-01');
    const sameDay = (n: number) => Array.from({ length: n }, () => toppedUp('2026-01-10'));
    expect(dueDate(rule, sameDay(5))).toBe('2026-12-27');
    // 2027-02-25 without the cap; 360 days from 10 January 2026 is 5 January 2027.
    expect(dueDate(rule, sameDay(6))).toBe('2027-01-05');
    expect(dueDate(rule, sameDay(9))).toBe('2027-01-05');
  });

  it('the cap also limits the first validity', () => {
    expect(dueDate(topUp('2026-01-01', days(400), 'reset', 360))).toBe('2026-12-27');
  });

  it.each([
    ['reset', '2026-02-09'],
    ['max', '2026-06-30'],
    ['add', '2026-07-30'],
  ] as const)('mode %s after a carrier date of 30 June', (mode, expected) => {
    const rule = topUp('2026-01-01', days(30), mode);
    expect(dueDate(rule, [carrierDate('2026-01-05', '2026-06-30'), toppedUp('2026-01-10')])).toBe(expected);
  });

  it.each([
    ['reset', '2026-02-09'],
    ['max', '2026-02-09'],
    ['add', '2026-03-02'],
  ] as const)('mode %s: a top-up on 10 January with 30 days of validity', (mode, expected) => {
    expect(dueDate(topUp('2026-01-01', days(30), mode), [toppedUp('2026-01-10')])).toBe(expected);
  });

  it('add mode after validity ran out counts from the top-up', () => {
    expect(dueDate(topUp('2026-01-01', days(30), 'add'), [toppedUp('2026-03-01')])).toBe('2026-03-31');
  });

  it('a use does not top up', () => {
    expect(currentTerm(topUp('2026-01-01', days(30), 'add'), [used('2026-01-10')])).toMatchObject({
      periodStart: '2026-01-01',
      dueDate: '2026-01-31',
    });
  });
});

describe('fixed', () => {
  it('ends on its date, with grace', () => {
    expect(currentTerm(fixed('2026-03-10', 5), [])).toEqual({ periodStart: null, dueDate: '2026-03-10', lostDate: '2026-03-15' });
  });

  it('an activation on or before the end starts the period; one after it does not', () => {
    expect(currentTerm(fixed('2026-03-10'), [event('2026-03-01', 'activated')])?.periodStart).toBe('2026-03-01');
    expect(currentTerm(fixed('2026-03-10'), [event('2026-03-11', 'activated')])?.periodStart).toBeNull();
  });

  it('a renewal does not move a fixed date; a carrier date does', () => {
    expect(dueDate(fixed('2026-03-10'), [renewed('2026-03-05')])).toBe('2026-03-10');
    expect(currentTerm(fixed('2026-03-10'), [carrierDate('2026-03-05', '2026-04-10')])).toMatchObject({
      periodStart: '2026-03-05',
      dueDate: '2026-04-10',
    });
  });
});

describe('pass', () => {
  it('a 7-day pass from 1 March is fine until 7 March', () => {
    expect(currentTerm(pass(7, '2026-03-01'), [])).toEqual({ periodStart: '2026-03-01', dueDate: '2026-03-07', lostDate: null });
  });

  it('a 1-day pass ends on its first day', () => {
    expect(dueDate(pass(1, '2026-03-01'))).toBe('2026-03-01');
  });

  it('has no term before it starts', () => {
    expect(currentTerm(pass(7, null), [])).toBeNull();
    expect(currentTerm(pass(7, null), [used('2026-03-01')])).toBeNull();
  });

  it('starts on the first activation', () => {
    const history = [event('2026-03-05', 'activated'), event('2026-03-03', 'activated')];
    expect(currentTerm(pass(7, null), history)).toMatchObject({ periodStart: '2026-03-03', dueDate: '2026-03-09' });
  });

  it('a start date wins over an activation', () => {
    expect(dueDate(pass(7, '2026-03-01'), [event('2026-03-03', 'activated')])).toBe('2026-03-07');
  });

  it('a carrier date wins, started or not', () => {
    expect(dueDate(pass(7, '2026-03-01'), [carrierDate('2026-03-02', '2026-03-10')])).toBe('2026-03-10');
    expect(currentTerm(pass(7, null), [carrierDate('2026-03-02', '2026-03-10')])).toMatchObject({
      periodStart: '2026-03-02',
      dueDate: '2026-03-10',
    });
  });
});

describe('graceDays', () => {
  it.each([
    [undefined, null],
    [0, '2026-03-31'],
    [30, '2026-04-30'],
    [1, '2026-04-01'],
  ])('grace %s gives lostDate %s', (graceDays, expected) => {
    expect(currentTerm(cycle('2026-03-01', days(30), graceDays), [])?.lostDate).toBe(expected);
  });
});

describe('cardDeadlines', () => {
  it('ends at midnight after the due date in the card zone', () => {
    const deadlines = cardDeadlines({ rule: cycle('2026-03-01', days(30), 30), history: [], timeZone: 'Asia/Shanghai' });
    expect(deadlines).toMatchObject({ dueDate: '2026-03-31', lostDate: '2026-04-30' });
    expect(deadlines?.endsAt.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(deadlines?.lostAt?.toISOString()).toBe('2026-04-30T16:00:00.000Z');
    expect(deadlines?.periodStartsAt?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('has no lostAt without a grace, no periodStartsAt without a period start', () => {
    const deadlines = cardDeadlines({ rule: fixed('2026-03-10'), history: [], timeZone: 'UTC' });
    expect(deadlines?.lostAt).toBeNull();
    expect(deadlines?.periodStartsAt).toBeNull();
    expect(deadlines?.endsAt.toISOString()).toBe('2026-03-11T00:00:00.000Z');
  });

  it('is null for a pass not started', () => {
    expect(cardDeadlines({ rule: pass(7, null), history: [], timeZone: 'UTC' })).toBeNull();
  });
});

describe('edge cases', () => {
  describe('month ends', () => {
    it('a monthly cycle from 31 January keeps its day: Feb 28, Mar 31, Apr 30', () => {
      const rule = cycle('2026-01-31', months(1));
      expect(dueDate(rule)).toBe('2026-02-28');
      expect(dueDate(rule, [renewed('2026-02-28')])).toBe('2026-03-31');
      expect(dueDate(rule, [renewed('2026-02-28'), renewed('2026-03-31')])).toBe('2026-04-30');
      expect(dueDate(rule, [renewed('2026-02-28'), renewed('2026-03-31'), renewed('2026-04-30')])).toBe('2026-05-31');
    });

    it('a late renewal on the 31st starts a new chain that keeps the 31st', () => {
      const rule = cycle('2026-01-15', months(1));
      expect(dueDate(rule, [renewed('2026-03-31')])).toBe('2026-04-30');
      expect(dueDate(rule, [renewed('2026-03-31'), renewed('2026-04-30')])).toBe('2026-05-31');
    });

    it('a 6-month window from 31 August ends on the last day of February', () => {
      expect(dueDate(keepAlive('2026-01-01', months(6)), [used('2026-08-31')])).toBe('2027-02-28');
    });

    it('a 3-month top-up from 30 November', () => {
      expect(dueDate(topUp('2026-11-30', months(3), 'reset'))).toBe('2027-02-28');
    });
  });

  describe('Feb 29', () => {
    it('a monthly cycle from 31 January 2028 goes through 29 February', () => {
      const rule = cycle('2028-01-31', months(1));
      expect(dueDate(rule)).toBe('2028-02-29');
      expect(dueDate(rule, [renewed('2028-02-29')])).toBe('2028-03-31');
    });

    it.each([
      ['2028-02-01', '2028-03-01'],
      ['2026-02-01', '2026-03-02'],
    ])('a 30-day pass from %s ends on %s', (start, expected) => {
      expect(dueDate(pass(30, start))).toBe(expected);
    });

    it('30 days of grace across 29 February', () => {
      expect(currentTerm(fixed('2028-02-15', 30), [])?.lostDate).toBe('2028-03-16');
      expect(currentTerm(fixed('2026-02-15', 30), [])?.lostDate).toBe('2026-03-17');
    });
  });

  describe('years', () => {
    it('a 12-month cycle from 29 February 2028 comes back to 29 February in 2032', () => {
      const rule = cycle('2028-02-29', months(12));
      expect(dueDate(rule)).toBe('2029-02-28');
      expect(dueDate(rule, [renewed('2029-02-28')])).toBe('2030-02-28');
      expect(dueDate(rule, [renewed('2029-02-28'), renewed('2030-02-20')])).toBe('2031-02-28');
      expect(dueDate(rule, [renewed('2029-02-28'), renewed('2030-02-20'), renewed('2031-02-01')])).toBe('2032-02-29');
    });

    it('a card that never ends (9999-12-31) still has deadlines, grace included', () => {
      const deadlines = cardDeadlines({ rule: fixed('9999-12-31', 30), history: [], timeZone: 'Asia/Shanghai' });
      expect(deadlines).toMatchObject({ dueDate: '9999-12-31', lostDate: '10000-01-30' });
      expect(deadlines?.endsAt.toISOString()).toBe('9999-12-31T16:00:00.000Z');
      expect(deadlines?.lostAt?.toISOString()).toBe('+010000-01-30T16:00:00.000Z');
      expect(dueDate(cycle('9999-12-01', months(1)), [renewed('9999-12-20')])).toBe('10000-02-01');
    });

    it('a late yearly renewal on 1 March starts a chain on 1 March', () => {
      expect(dueDate(cycle('2028-02-29', months(12)), [renewed('2029-03-01')])).toBe('2030-03-01');
    });

    it('365 days from 1 March 2027 ends in a leap year a day earlier than a calendar year', () => {
      expect(dueDate(cycle('2027-03-01', days(365)))).toBe('2028-02-29');
      expect(dueDate(cycle('2027-03-01', months(12)))).toBe('2028-03-01');
    });
  });

  describe('DST changes', () => {
    it.each([
      // Los Angeles: spring forward on 8 March 2026, fall back on 1 November.
      ['2026-03-07', 'America/Los_Angeles', '2026-03-08T08:00:00.000Z'],
      ['2026-03-08', 'America/Los_Angeles', '2026-03-09T07:00:00.000Z'],
      ['2026-10-31', 'America/Los_Angeles', '2026-11-01T07:00:00.000Z'],
      ['2026-11-01', 'America/Los_Angeles', '2026-11-02T08:00:00.000Z'],
      // London: spring forward on 29 March 2026.
      ['2026-03-28', 'Europe/London', '2026-03-29T00:00:00.000Z'],
      ['2026-03-29', 'Europe/London', '2026-03-29T23:00:00.000Z'],
    ])('a card due %s in %s still ends at local midnight (%s)', (due, timeZone, iso) => {
      expect(cardDeadlines({ rule: fixed(due), history: [], timeZone })?.endsAt.toISOString()).toBe(iso);
    });

    it('grace across a DST change ends at local midnight too', () => {
      const deadlines = cardDeadlines({ rule: fixed('2026-03-01', 7), history: [], timeZone: 'America/Los_Angeles' });
      expect(deadlines?.lostDate).toBe('2026-03-08');
      expect(deadlines?.lostAt?.toISOString()).toBe('2026-03-09T07:00:00.000Z');
    });

    it('a 1-day cycle over the spring-forward day is one calendar day, not 24 hours', () => {
      expect(dueDate(cycle('2026-03-07', days(1)))).toBe('2026-03-08');
      expect(dueDate(cycle('2026-03-07', days(2)))).toBe('2026-03-09');
    });
  });

  describe('deadline today / tomorrow / yesterday', () => {
    it.each([
      // A pass of N days from 10 March: the due date moves one day per day of length.
      [1, '2026-03-10'],
      [2, '2026-03-11'],
    ])('a %i-day pass from 10 March is due %s', (length, expected) => {
      expect(dueDate(pass(length, '2026-03-10'))).toBe(expected);
    });

    it('renewing the day after the due date is late; on the due date is on time', () => {
      const rule = cycle('2026-03-01', days(10));
      expect(dueDate(rule)).toBe('2026-03-11');
      expect(dueDate(rule, [renewed('2026-03-10')])).toBe('2026-03-21');
      expect(dueDate(rule, [renewed('2026-03-11')])).toBe('2026-03-21');
      expect(dueDate(rule, [renewed('2026-03-12')])).toBe('2026-03-22');
    });
  });

  describe('user zone differs from card zone', () => {
    it('the term does not depend on the machine zone or the user zone: only the card zone gives instants', () => {
      const card = { rule: fixed('2026-03-10'), history: [], timeZone: 'America/Los_Angeles' };
      expect(cardDeadlines(card)?.endsAt.toISOString()).toBe('2026-03-11T07:00:00.000Z');
      expect(cardDeadlines({ ...card, timeZone: 'Asia/Shanghai' })?.endsAt.toISOString()).toBe('2026-03-10T16:00:00.000Z');
    });
  });
});

describe('payments dated before the anchor', () => {
  it.each([
    ['cycle', { type: 'cycle', anchorDate: '2026-03-01', period: { count: 30, unit: 'days' } }, '2026-03-31'],
    ['topUp', { type: 'topUp', anchorDate: '2026-03-01', validity: { count: 60, unit: 'days' }, mode: 'add' }, '2026-04-30'],
  ] as const)('%s: are already counted in the anchor and add nothing', (_, rule, dueDate) => {
    const history = [{ id: 'old', date: '2026-01-15', kind: rule.type === 'cycle' ? 'renewed' : 'topped-up' } as const];
    expect(currentTerm(rule as never, history)?.dueDate).toBe(dueDate);
  });
});
