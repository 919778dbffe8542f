import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarDeadlinesOf, planCalendarEvents, planCardEvents, withoutStamp } from '../../lib/calendar/events';
import { cardCountdown } from '../../lib/cards/countdown';
import type { Card } from '../../lib/cards/schema';
import { addPlainDays, plainDateInZone } from '../../lib/dates/plain-date';
import { planCardReminders } from '../../lib/reminders/plan';
import { eventUid } from '../../lib/transfer/ics';
import { cardArbitrary, timeZoneArbitrary } from './arbitraries';
import { makeCard, makeSettings } from './reminders-fixtures';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const OPTIONS = { language: 'en', now: NOW };

/** The events of one VCALENDAR text, read by ical.js (a parser independent of the generator). */
function parseEvents(ics: string) {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
}

/** The alarm instants of an event, ms since the epoch, in the order written. */
function alarmInstants(vevent: ICAL.Component): number[] {
  return vevent.getAllSubcomponents('valarm').map((alarm) => {
    const trigger = alarm.getFirstProperty('trigger')!;
    expect(trigger.type).toBe('date-time');
    return (trigger.getFirstValue() as ICAL.Time).toJSDate().getTime();
  });
}

/** `YYYY-MM-DD` of an all-day DTSTART. */
function startDate(vevent: ICAL.Component): string {
  const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
  expect(start.isDate).toBe(true);
  return start.toString();
}

const ultra = makeCard(
  'ultra',
  { type: 'fixed', endDate: '2026-03-10', graceDays: 30 },
  {
    label: '紫卡',
    providerId: 'ultra-paygo',
    phoneNumber: '+1 555 010 1234',
    timeZone: 'America/Los_Angeles',
    channels: { website: 'https://my.ultra.me/', app: '', hotline: '611' },
  },
);

describe('planCalendarEvents: an Ultra card counted in Los Angeles, seen from Shanghai', () => {
  const settings = makeSettings({ timeZone: 'Asia/Shanghai', leadDays: [1, 0], reminderTime: '09:00' });

  it('puts the due day where the popup shows it: 10 March ends in Los Angeles at 15:00 on 11 March in Shanghai', () => {
    const [due, lost] = planCalendarEvents([ultra], settings, OPTIONS);
    expect(due).toMatchObject({ uid: 'ultra-due@sim-keeper', cardId: 'ultra', kind: 'due', date: '2026-03-11' });
    expect(due!.ics).toContain('DTSTART;VALUE=DATE:20260311\r\nDTEND;VALUE=DATE:20260312\r\n');
    expect(lost).toMatchObject({ uid: 'ultra-lost@sim-keeper', kind: 'lost', date: '2026-04-10' });
  });

  it('rings at 09:00 Shanghai a day before and on the day, written as UTC instants', () => {
    const [due] = planCalendarEvents([ultra], settings, OPTIONS);
    const triggers = [...due!.ics.matchAll(/TRIGGER;VALUE=DATE-TIME:(\w+)/g)].map((m) => m[1]);
    expect(triggers).toEqual(['20260310T010000Z', '20260311T010000Z']);
    expect(due!.ics.match(/ACTION:DISPLAY/g)).toHaveLength(2);
  });

  it('says what and when in the summary, the link and hotline in the description', () => {
    const [due, lost] = planCalendarEvents([ultra], settings, OPTIONS);
    expect(due!.ics).toContain('SUMMARY:紫卡 (…1234): renew by Wed\\, Mar 11\\, 2026\r\n');
    expect(lost!.ics).toContain('SUMMARY:紫卡 (…1234): number lost after Fri\\, Apr 10\\, 2026\r\n');
    const description = parseEvents(due!.ics)[0]!.getFirstPropertyValue('description') as string;
    expect(description).toContain('Renew, top up or use this number on or before Wed, Mar 11, 2026');
    expect(description).toContain('Hotline: 611');
    expect(description).toContain('Renew at: https://my.ultra.me/');
    expect(due!.ics).toContain('URL;VALUE=URI:https://my.ultra.me/\r\n');
  });

  it('carries no URL for a link the link gate would ask about, and no such link in the text', () => {
    const phishy = { ...ultra, channels: { ...ultra.channels, website: 'https://ultra-renew.example.com/' } };
    const [due] = planCalendarEvents([phishy], settings, OPTIONS);
    expect(due!.ics).not.toContain('ultra-renew.example.com');
    // The provider's own official page takes its place.
    expect(due!.ics).toMatch(/URL;VALUE=URI:https:\/\/[^\r\n]*ultra/);
  });

  it('a label or hotline holding line breaks cannot add properties or components', () => {
    const sneaky = {
      ...ultra,
      label: '紫卡\r\nBEGIN:VALARM\r\nX-INJECTED:1',
      channels: { ...ultra.channels, hotline: '611\nURL:https://evil.example.com/' },
    };
    for (const event of planCalendarEvents([sneaky], settings, OPTIONS)) {
      const [vevent] = parseEvents(event.ics);
      expect(vevent!.getFirstProperty('x-injected')).toBeNull();
      expect(vevent!.getAllProperties('url').map((p) => p.getFirstValue())).toEqual(['https://my.ultra.me/']);
      const rings = planCardReminders(sneaky, settings).filter((r) => r.deadlineKind === event.kind);
      expect(vevent!.getAllSubcomponents('valarm')).toHaveLength(rings.length);
      expect(rings.length).toBeGreaterThan(0);
    }
  });

  it('ends every line with CRLF, the file too', () => {
    for (const event of planCalendarEvents([ultra], settings, OPTIONS)) {
      expect(event.ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(event.ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it('gives the same hash later (only DTSTAMP moves), and another when the card changes', () => {
    const first = planCalendarEvents([ultra], settings, OPTIONS);
    const later = planCalendarEvents([ultra], settings, { language: 'en', now: new Date('2027-01-01T00:00:00Z') });
    expect(later.map((e) => e.hash)).toEqual(first.map((e) => e.hash));
    expect(later[0]!.ics).not.toBe(first[0]!.ics);
    expect(withoutStamp(later[0]!.ics)).toBe(withoutStamp(first[0]!.ics));
    const renewed = { ...ultra, rule: { ...ultra.rule, endDate: '2026-04-10' } } as Card;
    expect(planCalendarEvents([renewed], settings, OPTIONS)[0]!.hash).not.toBe(first[0]!.hash);
  });

  it('one card that cannot be computed loses its own events, never the others', () => {
    // A zone Intl does not know (a stored card from a browser that knew it) cannot be counted.
    const broken = makeCard('broken', { type: 'fixed', endDate: '2026-03-10' }, { timeZone: 'Mars/Olympus_Mons' });
    const events = planCalendarEvents([broken, ultra], settings, OPTIONS);
    expect(events.map((e) => e.uid)).toEqual(['ultra-due@sim-keeper', 'ultra-lost@sim-keeper']);
  });

  it('a pass not started yet has no event; no grace means no lost event', () => {
    const pass = makeCard('pass', { type: 'pass', days: 8, startTrigger: 'manual', startDate: null });
    const plain = makeCard('plain', { type: 'fixed', endDate: '2026-03-10' });
    expect(planCalendarEvents([pass, plain], settings, OPTIONS).map((e) => e.uid)).toEqual(['plain-due@sim-keeper']);
  });

  it('reminders off: the events stay, without alarms', () => {
    const quiet = { ...ultra, reminders: { enabled: false } };
    const events = planCalendarEvents([quiet], settings, OPTIONS);
    expect(events).toHaveLength(2);
    for (const event of events) expect(event.ics).not.toContain('BEGIN:VALARM');
  });
});

describe('edge cases: month ends, leap days, DST, the date line', () => {
  it.each([
    // [card zone, end date, user zone, day the user sees]
    ['Asia/Shanghai', '2028-02-29', 'Asia/Shanghai', '2028-02-29'],
    ['America/Los_Angeles', '2028-02-28', 'Asia/Tokyo', '2028-02-29'],
    ['Asia/Tokyo', '2028-03-01', 'America/Los_Angeles', '2028-03-01'],
    ['Asia/Tokyo', '2026-12-31', 'America/Los_Angeles', '2026-12-31'],
    ['Europe/London', '2026-03-28', 'Europe/London', '2026-03-28'],
    ['America/Los_Angeles', '2026-03-07', 'Asia/Shanghai', '2026-03-08'],
    ['America/Los_Angeles', '2026-10-31', 'Europe/London', '2026-11-01'],
    ['Pacific/Kiritimati', '2026-06-30', 'Pacific/Pago_Pago', '2026-06-29'],
    // 1 July 00:00 in Pago Pago (UTC−11) is 2 July 01:00 in Kiritimati (UTC+14): two days on.
    ['Pacific/Pago_Pago', '2026-06-30', 'Pacific/Kiritimati', '2026-07-02'],
  ])('%s card ending %s, user in %s: %s', (cardZone, endDate, userZone, expected) => {
    const card = makeCard('c', { type: 'fixed', endDate }, { timeZone: cardZone });
    const [due] = planCalendarEvents([card], makeSettings({ timeZone: userZone }), OPTIONS);
    expect(due!.date).toBe(expected);
    expect(startDate(parseEvents(due!.ics)[0]!)).toBe(expected);
  });

  it('09:00 stays 09:00 across the spring change in London', () => {
    const card = makeCard('c', { type: 'fixed', endDate: '2026-03-30' }, { timeZone: 'Europe/London' });
    const [due] = planCalendarEvents([card], makeSettings({ timeZone: 'Europe/London', leadDays: [2, 1] }), OPTIONS);
    // 28 March is GMT, 29 March is BST.
    expect(alarmInstants(parseEvents(due!.ics)[0]!)).toEqual([Date.parse('2026-03-28T09:00:00Z'), Date.parse('2026-03-29T08:00:00Z')]);
  });
});

describe('planCalendarEvents: properties (seeded)', () => {
  const settingsArbitrary = fc.record({
    timeZone: timeZoneArbitrary,
    reminderTime: fc.constantFrom('00:00', '09:00', '23:59', '12:30'),
    leadDays: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
    escalateHours: fc.integer({ min: 1, max: 24 }),
  });
  const nowArbitrary = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms));

  it("one event per deadline the popup shows, on the popup's day, alarms as the extension rings, in any user zone", {
    timeout: 20_000,
  }, () => {
    fc.assert(
      fc.property(cardArbitrary, settingsArbitrary, nowArbitrary, (card, settings, now) => {
        const countdown = cardCountdown(card, now, settings.timeZone);
        let deadlines: ReturnType<typeof calendarDeadlinesOf>;
        try {
          deadlines = calendarDeadlinesOf(card, settings);
        } catch {
          // Cards the date code cannot count: planCalendarEvents drops them; the popup shows "cannot compute".
          expect(countdown.status).toBe('cannot-compute');
          return;
        }
        if (countdown.status === 'not-started' || countdown.status === 'cannot-compute') {
          expect(deadlines).toEqual([]);
          return;
        }
        const today = plainDateInZone(now, settings.timeZone);
        const d = countdown.deadlines!;
        const showsLost = d.lostDate !== null && d.lostDate !== d.dueDate;
        expect(deadlines.map((x) => x.kind)).toEqual(showsLost ? ['due', 'lost'] : ['due']);
        expect(deadlines[0]!.date).toBe(addPlainDays(today, countdown.daysLeft));
        if (showsLost) expect(deadlines[1]!.date).toBe(addPlainDays(today, countdown.daysToLost!));
        const rings = planCardReminders(card, settings);
        expect([...deadlines.flatMap((x) => x.alarms)].sort((a, b) => a.when - b.when)).toEqual(rings);
      }),
      { seed: 1616, numRuns: 3000 },
    );
  });

  it('each event parses with ical.js: its day, and alarms exactly when the extension rings', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(cardArbitrary, settingsArbitrary, nowArbitrary, (card, settings, now) => {
        let events: ReturnType<typeof planCardEvents>;
        let reminders: ReturnType<typeof planCardReminders>;
        try {
          events = planCardEvents(card, settings, { language: 'en', now });
          reminders = planCardReminders(card, settings);
        } catch {
          return;
        }
        for (const event of events) {
          expect(event.ics.endsWith('\r\n')).toBe(true);
          const [vevent, ...rest] = parseEvents(event.ics);
          expect(rest).toEqual([]);
          expect(event.uid).toBe(eventUid(card, event.kind));
          expect(vevent!.getFirstPropertyValue('uid')).toBe(event.uid);
          expect(startDate(vevent!)).toBe(event.date);
          const wanted = reminders.filter((r) => r.deadlineKind === event.kind).map((r) => Math.floor(r.when / 1000) * 1000);
          expect(alarmInstants(vevent!)).toEqual(wanted);
        }
      }),
      { seed: 20261202, numRuns: 250 },
    );
  });

  it('the same cards later give the same hashes and UIDs (a round with nothing changed writes nothing)', { timeout: 20_000 }, () => {
    fc.assert(
      fc.property(cardArbitrary, settingsArbitrary, nowArbitrary, nowArbitrary, (card, settings, now, later) => {
        const a = planCalendarEvents([card], settings, { language: 'en', now });
        const b = planCalendarEvents([card], settings, { language: 'en', now: later });
        expect(b.map((e) => [e.uid, e.hash, e.date])).toEqual(a.map((e) => [e.uid, e.hash, e.date]));
      }),
      { seed: 77, numRuns: 150 },
    );
  });
});
