import { describe, expect, it } from 'vitest';
import { timelineLane } from '../../lib/cards/timeline';
import { makeCard } from './card-fixture';

const marksOf = (lane: ReturnType<typeof timelineLane>) => lane.marks.map((mark) => `${mark.kind} ${mark.date}`);

describe('timelineLane', () => {
  it('draws a 30-day plan: payment, deadline, grace end, then a deadline every 30 days if renewed on time', () => {
    const card = makeCard('u', {
      timeZone: 'UTC',
      rule: { type: 'cycle', anchorDate: '2026-03-01', period: { count: 30, unit: 'days' }, graceDays: 30 },
      history: [{ id: 'p', date: '2026-03-01', kind: 'renewed', amount: 3, currency: 'USD' }],
    });
    const lane = timelineLane(card, '2026-03-01', '2026-07-01', 'UTC');
    expect(marksOf(lane)).toEqual(['paid 2026-03-01', 'due 2026-04-30', 'lost 2026-05-30', 'next-due 2026-05-30', 'next-due 2026-06-29']);
    expect(lane.marks[0]).toEqual({ id: 'p', kind: 'paid', date: '2026-03-01', amount: 3, currency: 'USD' });
    expect(lane.spans).toEqual([
      { kind: 'active', from: '2026-03-01', to: '2026-04-30' },
      { kind: 'grace', from: '2026-05-01', to: '2026-05-30' },
    ]);
  });

  it('gives a number already lost no deadline to come: it cannot be renewed on time any more', () => {
    // Due 31 January, grace until 2 March; seen on 10 March, the number is lost.
    const card = makeCard('gone', {
      timeZone: 'UTC',
      rule: { type: 'cycle', anchorDate: '2026-01-01', period: { count: 30, unit: 'days' }, graceDays: 30 },
    });
    expect(marksOf(timelineLane(card, '2026-03-01', '2027-03-31', 'UTC', '2026-03-10'))).toEqual(['lost 2026-03-02']);
    // On its last day of grace it can still be saved: the deadlines to come are drawn.
    const saved = marksOf(timelineLane(card, '2026-03-01', '2027-03-31', 'UTC', '2026-03-02'));
    expect(saved[0]).toBe('lost 2026-03-02');
    expect(saved.filter((mark) => mark.startsWith('next-due')).length).toBeGreaterThan(10);
  });

  it('keeps month ends on their day when projecting a monthly plan anchored on the 31st', () => {
    const card = makeCard('m', {
      timeZone: 'UTC',
      rule: { type: 'cycle', anchorDate: '2026-01-31', period: { count: 1, unit: 'months' } },
    });
    expect(marksOf(timelineLane(card, '2026-01-01', '2026-06-30', 'UTC'))).toEqual([
      'due 2026-02-28',
      'next-due 2026-03-31',
      'next-due 2026-04-30',
      'next-due 2026-05-31',
      'next-due 2026-06-30',
    ]);
  });

  it('shows a Los Angeles deadline on a Shanghai calendar, a day later, as the popup does', () => {
    const card = makeCard('la', { timeZone: 'America/Los_Angeles', rule: { type: 'fixed', endDate: '2026-03-10', graceDays: 5 } });
    expect(marksOf(timelineLane(card, '2026-03-01', '2026-04-01', 'Asia/Shanghai'))).toEqual(['due 2026-03-11', 'lost 2026-03-16']);
  });

  it('projects nothing for a fixed end date or a pass, and says when a pass has not started', () => {
    const pass = makeCard('p', { rule: { type: 'pass', days: 7, startTrigger: 'manual', startDate: null } });
    const lane = timelineLane(pass, '2026-03-01', '2027-03-01', 'UTC');
    expect(lane).toMatchObject({ notStarted: true, marks: [], spans: [] });
  });

  it('stops projecting a top-up card once its cap gives no more time', () => {
    const card = makeCard('cap', {
      timeZone: 'UTC',
      rule: { type: 'topUp', anchorDate: '2026-01-01', validity: { count: 60, unit: 'days' }, mode: 'add', capDays: 60 },
    });
    const marks = marksOf(timelineLane(card, '2026-01-01', '2026-12-31', 'UTC'));
    expect(marks[0]).toBe('due 2026-03-02');
    expect(marks.length).toBeGreaterThan(1);
    expect(marks.every((mark, i) => i === 0 || mark > marks[i - 1]!)).toBe(true);
  });

  it('draws at most 60 projected deadlines for a one-day plan', () => {
    const card = makeCard('d', { timeZone: 'UTC', rule: { type: 'cycle', anchorDate: '2026-01-01', period: { count: 1, unit: 'days' } } });
    expect(timelineLane(card, '2026-01-01', '2026-12-31', 'UTC').marks.filter((m) => m.kind === 'next-due')).toHaveLength(60);
  });

  it('draws an empty lane, marked, for a card whose dates cannot be counted, instead of throwing', () => {
    // Only reachable through data the schema would refuse; the timeline must survive it all the same.
    const card = makeCard('bad', {
      timeZone: 'UTC',
      rule: { type: 'cycle', anchorDate: '2026-02-30', period: { count: 1, unit: 'months' } },
    });
    expect(timelineLane(card, '2026-03-01', '2027-03-01', 'UTC')).toEqual({
      cardId: 'bad',
      label: 'Card bad',
      spans: [],
      marks: [],
      notStarted: false,
      cannotCompute: true,
    });
  });

  it('leaves out what falls outside the window and clips the spans to it', () => {
    const card = makeCard('o', { timeZone: 'UTC', rule: { type: 'fixed', endDate: '2027-06-01', graceDays: 10 } });
    const lane = timelineLane(card, '2026-03-01', '2027-03-01', 'UTC');
    expect(lane.marks).toEqual([]);
    expect(lane.spans).toEqual([]);
  });
});
