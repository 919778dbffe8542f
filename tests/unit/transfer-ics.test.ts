import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { currentTerm } from '../../lib/cards/deadlines';
import type { Card } from '../../lib/cards/schema';
import { addPlainDays, startOfPlainDateInZone } from '../../lib/dates/plain-date';
import { cardsToIcs, eventUid, repeatingRuleOf } from '../../lib/transfer/ics';
import { makeCard } from './card-fixture';

const NOW = new Date('2026-11-27T00:00:00.000Z');
const OPTIONS = { leadDays: [7, 1, 0], reminderTime: '09:00', language: 'en', now: NOW };

/** Parses the file with ical.js, registering its VTIMEZONEs so zoned times resolve to instants. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

const ultra = makeCard('ultra', {
  label: '紫卡',
  providerId: 'ultra-paygo',
  phoneNumber: '+1 555 010 1234',
  timeZone: 'America/Los_Angeles',
  channels: { website: 'https://my.ultra.me/', app: '', hotline: '611' },
  rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' }, graceDays: 30 },
  history: [{ id: 'e1', date: '2026-11-20', kind: 'renewed', amount: 3, currency: 'USD' }],
});

// Built inside each test: messages come from the fake browser, set up before each test.
function ultraEvents() {
  const events = parse(cardsToIcs([ultra], OPTIONS));
  return {
    events,
    due: events.find((e) => e.uid === eventUid(ultra, 'due'))!,
    lost: events.find((e) => e.uid === eventUid(ultra, 'lost'))!,
  };
}

describe('cardsToIcs', () => {
  const term = currentTerm(ultra.rule, ultra.history)!;

  it('puts the due day and the last day before the number is lost in the card zone, as whole days', () => {
    const { events, due, lost } = ultraEvents();
    expect(events).toHaveLength(2);
    expect(term).toMatchObject({ dueDate: '2026-12-31', lostDate: '2027-01-30' });
    expect(due.startDate.zone?.tzid).toBe('America/Los_Angeles');
    expect(due.startDate.toJSDate()).toEqual(startOfPlainDateInZone('2026-12-31', 'America/Los_Angeles'));
    expect(due.endDate.toJSDate()).toEqual(startOfPlainDateInZone('2027-01-01', 'America/Los_Angeles'));
    expect(lost.startDate.toJSDate()).toEqual(startOfPlainDateInZone('2027-01-30', 'America/Los_Angeles'));
    expect(due.summary).toBe('Last day for 紫卡: renew, top up or use it');
  });

  it('has the renewal link as URL, and provider and hotline in the description', () => {
    const { due } = ultraEvents();
    expect(due.component.getFirstPropertyValue('url')).toBe('https://my.ultra.me/');
    expect(due.description).toContain('Ultra Mobile PayGo');
    expect(due.description).toContain('Hotline: 611');
    expect(due.description).toContain('+1 555 010 1234');
  });

  it('has one alarm per lead day, at the reminder time', () => {
    const { due } = ultraEvents();
    const triggers = due.component.getAllSubcomponents('valarm').map((alarm) => alarm.getFirstPropertyValue('trigger')!.toString());
    // 7 days before at 09:00 is 6 days 15 hours before the day starts; on the day itself, 9 hours after.
    expect(triggers).toEqual(['-P6DT15H', '-PT15H', 'PT9H']);
  });

  it('repeats a 30-day plan every 30 days, and the repeats are the deadlines of paying on each due day', () => {
    const { due } = ultraEvents();
    const rrule = due.component.getFirstPropertyValue('rrule')!.toString();
    expect(rrule).toBe('FREQ=DAILY;INTERVAL=30');
    const iterator = due.iterator();
    const history = [...ultra.history];
    let next = iterator.next()!;
    for (let k = 0; k < 12; k++) {
      const expected = currentTerm(ultra.rule, history)!.dueDate;
      expect(next.toJSDate()).toEqual(startOfPlainDateInZone(expected, 'America/Los_Angeles'));
      history.push({ id: `p${k}`, date: expected, kind: 'renewed' });
      next = iterator.next()!;
    }
  });

  it('keeps the same UIDs when a card changes, with a higher SEQUENCE', () => {
    const { events, due } = ultraEvents();
    const renewed = {
      ...ultra,
      history: [...ultra.history, { id: 'e2', date: '2026-12-20', kind: 'renewed' as const }],
      updatedAt: '2026-12-20T00:00:00.000Z',
    };
    const again = parse(cardsToIcs([renewed], OPTIONS));
    expect(again.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
    expect(again[0]!.sequence).toBeGreaterThan(due.sequence);
  });

  it('writes no alarm for a card whose reminders are off, and no event for a pass not started', () => {
    const quiet = makeCard('quiet', { reminders: { enabled: false } });
    const pass = makeCard('pass', { rule: { type: 'pass', days: 7, startTrigger: 'first-connection', startDate: null } });
    const parsed = parse(cardsToIcs([quiet, pass], OPTIONS));
    expect(parsed.map((e) => e.uid)).toEqual([eventUid(quiet, 'due')]);
    expect(parsed[0]!.component.getAllSubcomponents('valarm')).toEqual([]);
  });

  describe('edge cases', () => {
    const cycle = (anchorDate: string, count: number, unit: 'days' | 'months', zone = 'Asia/Shanghai'): Card =>
      makeCard('c', { timeZone: zone, rule: { type: 'cycle', anchorDate, period: { count, unit } } });

    it.each([
      ['monthly on the 15th', cycle('2026-01-15', 1, 'months'), 'MONTHLY'],
      ['every 3 months on the 28th', cycle('2026-01-28', 3, 'months'), 'MONTHLY'],
      ['monthly on the 31st (would drift)', cycle('2026-01-31', 1, 'months'), null],
      ['monthly on the 29th (February)', cycle('2026-01-29', 1, 'months'), null],
      ['monthly on the 30th', cycle('2026-03-30', 1, 'months'), null],
      [
        'keep-alive (moves with each use)',
        makeCard('k', { rule: { type: 'keepAlive', anchorDate: '2026-01-15', window: { count: 6, unit: 'months' } } }),
        null,
      ],
      ['fixed date', makeCard('f', { rule: { type: 'fixed', endDate: '2026-12-01' } }), null],
    ])('%s', (_, card, freq) => {
      expect(repeatingRuleOf(card)?.freq ?? null).toBe(freq);
      const [event] = parse(cardsToIcs([card], OPTIONS));
      const rrule = event!.component.getFirstPropertyValue('rrule');
      expect(rrule ? String((rrule as ICAL.Recur).freq) : null).toBe(freq);
    });

    it('a monthly plan on the 28th repeats on the 28th, February included, in a leap year too', () => {
      const [event] = parse(cardsToIcs([cycle('2027-11-28', 1, 'months')], OPTIONS));
      const iterator = event!.iterator();
      const days = Array.from({ length: 5 }, () => iterator.next()!.toString().slice(0, 10));
      expect(days).toEqual(['2027-12-28', '2028-01-28', '2028-02-28', '2028-03-28', '2028-04-28']);
    });

    it.each([
      ['a DST change in the card zone (London, 29 March 2026)', 'Europe/London', '2026-03-29'],
      ['the autumn change (Los Angeles, 1 November 2026)', 'America/Los_Angeles', '2026-11-01'],
      ['a zone with a 45-minute offset (Chatham)', 'Pacific/Chatham', '2026-04-05'],
      ['a leap day', 'Asia/Shanghai', '2028-02-29'],
    ])('the day starts at the right instant on %s', (_, zone, day) => {
      const card = makeCard('z', { timeZone: zone, rule: { type: 'fixed', endDate: day } });
      const [event] = parse(cardsToIcs([card], OPTIONS));
      expect(event!.startDate.toJSDate()).toEqual(startOfPlainDateInZone(day, zone));
      expect(event!.endDate.toJSDate()).toEqual(startOfPlainDateInZone(addPlainDays(day, 1), zone));
    });
  });
});
