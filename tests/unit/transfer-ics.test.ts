import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { currentTerm } from '../../lib/cards/deadlines';
import type { Card, CardEvent } from '../../lib/cards/schema';
import { addPlainDays, plainDateInZone, startOfPlainDateInZone } from '../../lib/dates/plain-date';
import { planCardReminders } from '../../lib/reminders/plan';
import type { Settings } from '../../lib/store/settings-schema';
import { cardsToIcs, eventUid, type IcsOptions, repeatingRuleOf } from '../../lib/transfer/ics';
import { ruleArbitrary } from './arbitraries';
import { makeCard } from './card-fixture';

const NOW = new Date('2026-11-27T00:00:00.000Z');
const SHANGHAI = 'Asia/Shanghai';
const LOS_ANGELES = 'America/Los_Angeles';
const OPTIONS: IcsOptions = { leadDays: [7, 1, 0], reminderTime: '09:00', timeZone: SHANGHAI, language: 'en', now: NOW };

/** Parses the file with ical.js, registering its VTIMEZONEs so zoned times resolve to instants. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

interface Occurrence {
  start: number;
  end: number;
  /** Each alarm as ical.js computes it: the trigger added to the occurrence's start (wall clock), or the absolute time. */
  alarms: number[];
  /** The same alarms read as RFC 5545 §3.3.6 reads a duration: nominal days, then elapsed hours. */
  elapsedAlarms: number[];
}

/** Every occurrence of an event (RRULE expanded by ical.js, at most `limit`), with its alarm instants. */
function occurrencesOf(event: ICAL.Event, limit = 100): Occurrence[] {
  const valarms = event.component.getAllSubcomponents('valarm');
  const iterator = event.iterator();
  const found: Occurrence[] = [];
  for (let next = iterator.next(); next && found.length < limit; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    const start = details.startDate.toJSDate().getTime();
    const alarms: number[] = [];
    const elapsedAlarms: number[] = [];
    for (const valarm of valarms) {
      const trigger = valarm.getFirstPropertyValue('trigger');
      if (trigger instanceof ICAL.Time) {
        alarms.push(trigger.toJSDate().getTime());
        elapsedAlarms.push(trigger.toJSDate().getTime());
        continue;
      }
      const duration = trigger as ICAL.Duration;
      const related = valarm.getFirstProperty('trigger')!.getParameter('related');
      const base = related === 'END' ? details.endDate : details.startDate;
      const wall = base.clone();
      wall.addDuration(duration);
      alarms.push(wall.toJSDate().getTime());
      const sign = duration.isNegative ? -1 : 1;
      const nominal = base.clone();
      nominal.addDuration(ICAL.Duration.fromData({ days: duration.days + 7 * duration.weeks, isNegative: duration.isNegative }));
      const hoursMs = (duration.hours * 3600 + duration.minutes * 60 + duration.seconds) * 1000;
      elapsedAlarms.push(nominal.toJSDate().getTime() + sign * hoursMs);
    }
    found.push({
      start,
      end: details.endDate.toJSDate().getTime(),
      alarms: alarms.sort((a, b) => a - b),
      elapsedAlarms: elapsedAlarms.sort((a, b) => a - b),
    });
  }
  return found;
}

const settingsOf = (options: IcsOptions): Settings => ({
  timeZone: options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  reminderTime: options.reminderTime,
  leadDays: [...options.leadDays],
  escalateHours: 8,
});

/** The card as it stands after paying `k` more times, each on its due day: the k-th repeat of its deadline. */
function repeated(card: Card, k: number): Card {
  const history: CardEvent[] = [...card.history];
  for (let i = 0; i < k; i++) {
    const due = currentTerm(card.rule, history)!.dueDate;
    history.push({ id: `paid-${i}`, date: due, kind: 'renewed' });
  }
  return { ...card, history };
}

/** The daily reminders the extension's own planner gives for a card's deadline of `kind`. */
function plannedDaily(card: Card, kind: 'due' | 'lost', options: IcsOptions) {
  const planned = planCardReminders(card, settingsOf(options)).filter((r) => r.deadlineKind === kind && r.stage.startsWith('d'));
  return { when: planned.map((r) => r.when).sort((a, b) => a - b), deadlineAt: planned[0]?.deadlineAt };
}

/**
 * The whole contract, for every card: each occurrence of each event, after
 * RRULE expansion, lies on the deadline's last day on the user's calendar and
 * rings exactly when the extension's planner rings for that deadline (the k-th
 * occurrence of a repeating due event is the k-th repeat of the card's plan).
 */
function expectIcsMatchesPlanner(cards: readonly Card[], options: IcsOptions) {
  const text = cardsToIcs(cards, options);
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  const events = parse(text);
  const zone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const card of cards) {
    for (const kind of ['due', 'lost'] as const) {
      const event = events.find((e) => e.uid === eventUid(card, kind));
      const term = currentTerm(card.rule, card.history);
      const deadline = kind === 'due' ? term?.dueDate : term?.lostDate;
      if (!deadline) {
        expect(event).toBeUndefined();
        continue;
      }
      const endsAt = startOfPlainDateInZone(addPlainDays(deadline, 1), card.timeZone).getTime();
      const userDay = plainDateInZone(endsAt - 1, zone);
      // Days past 9999 cannot be written in iCalendar.
      if (addPlainDays(userDay, 1).length > 10) {
        expect(event).toBeUndefined();
        continue;
      }
      expect(event, `${kind} event of ${card.id}`).toBeDefined();
      const occurrences = occurrencesOf(event!, 40);
      if (kind === 'lost') expect(occurrences).toHaveLength(1);
      // The k-th occurrence is the deadline after paying k more times, each on its due day.
      const history: CardEvent[] = [...card.history];
      occurrences.forEach((occurrence, k) => {
        if (k > 0) history.push({ id: `paid-${k}`, date: currentTerm(card.rule, history)!.dueDate, kind: 'renewed' });
        const repeat = { ...card, history: [...history] };
        const repeatTerm = currentTerm(repeat.rule, repeat.history)!;
        const repeatDeadline = kind === 'due' ? repeatTerm.dueDate : repeatTerm.lostDate!;
        const repeatEnds = startOfPlainDateInZone(addPlainDays(repeatDeadline, 1), card.timeZone).getTime();
        const day = plainDateInZone(repeatEnds - 1, zone);
        const where = `${card.id} ${kind} #${k} (${repeatDeadline} in ${card.timeZone}, ${day} in ${zone})`;
        expect(occurrence.start, where).toBe(startOfPlainDateInZone(day, zone).getTime());
        expect(occurrence.end, where).toBe(startOfPlainDateInZone(addPlainDays(day, 1), zone).getTime());
        const planned = plannedDaily(repeat, kind, options);
        expect(occurrence.alarms, where).toEqual(planned.when);
        expect(occurrence.elapsedAlarms, where).toEqual(planned.when);
      });
    }
  }
  return events;
}

const ultra = makeCard('ultra', {
  label: '紫卡',
  providerId: 'ultra-paygo',
  phoneNumber: '+1 555 010 1234',
  timeZone: LOS_ANGELES,
  channels: { website: 'https://my.ultra.me/', app: '', hotline: '611' },
  rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' }, graceDays: 30 },
  history: [{ id: 'e1', date: '2026-11-20', kind: 'renewed', amount: 3, currency: 'USD' }],
});

// Built inside each test: messages come from the fake browser, set up before each test.
function ultraEvents(options = OPTIONS) {
  const events = parse(cardsToIcs([ultra], options));
  return {
    events,
    due: events.find((e) => e.uid === eventUid(ultra, 'due'))!,
    lost: events.find((e) => e.uid === eventUid(ultra, 'lost'))!,
  };
}

describe('cardsToIcs', () => {
  const term = currentTerm(ultra.rule, ultra.history)!;

  it("puts the due day and the last day before the number is lost on the USER's calendar, as whole days", () => {
    const { events, due, lost } = ultraEvents();
    expect(events).toHaveLength(2);
    expect(term).toMatchObject({ dueDate: '2026-12-31', lostDate: '2027-01-30' });
    // 31 December ends in Los Angeles at 16:00 on 1 January in Shanghai: the popup there shows 1 January.
    expect(due.startDate.zone?.tzid).toBe(SHANGHAI);
    expect(due.startDate.toString()).toBe('2027-01-01T00:00:00');
    expect(due.startDate.toJSDate()).toEqual(startOfPlainDateInZone('2027-01-01', SHANGHAI));
    expect(due.endDate.toJSDate()).toEqual(startOfPlainDateInZone('2027-01-02', SHANGHAI));
    expect(lost.startDate.toJSDate()).toEqual(startOfPlainDateInZone('2027-01-31', SHANGHAI));
    expect(due.summary).toBe('Last day for 紫卡: renew, top up or use it');
  });

  it('has the renewal link as URL, and provider and hotline in the description', () => {
    const { due } = ultraEvents();
    expect(due.component.getFirstPropertyValue('url')).toBe('https://my.ultra.me/');
    expect(due.description).toContain('Ultra Mobile PayGo');
    expect(due.description).toContain('Hotline: 611');
    expect(due.description).toContain('+1 555 010 1234');
  });

  it("has one alarm per lead day, at the reminder time in the user's zone", () => {
    const { due } = ultraEvents();
    const triggers = due.component.getAllSubcomponents('valarm').map((alarm) => alarm.getFirstPropertyValue('trigger')!.toString());
    // 7 days before at 09:00 is 6 days 15 hours before the day starts; on the day itself, 9 hours after.
    expect(triggers).toEqual(['-P6DT15H', '-PT15H', 'PT9H']);
  });

  it('a Los Angeles card seen from Shanghai rings at 09:00 Shanghai, every alarm of every repeat (issue 16)', () => {
    const { due } = ultraEvents();
    const occurrences = occurrencesOf(due);
    expect(occurrences.length).toBeGreaterThan(12);
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: SHANGHAI, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const times = new Set(occurrences.flatMap((o) => o.alarms).map((ms) => clock.format(ms)));
    expect([...times]).toEqual(['09:00']);
    expectIcsMatchesPlanner([ultra], OPTIONS);
  });

  it('repeats a 30-day plan every 30 days, COUNT-bounded, and the repeats are the deadlines of paying on each due day', () => {
    const { due } = ultraEvents();
    expect(due.component.getFirstPropertyValue('rrule')!.toString()).toBe('FREQ=DAILY;COUNT=37;INTERVAL=30');
    const occurrences = occurrencesOf(due);
    expect(occurrences).toHaveLength(37);
    occurrences.forEach((occurrence, k) => {
      const dueDate = currentTerm(ultra.rule, repeated(ultra, k).history)!.dueDate;
      // The LA day ends during the next Shanghai day.
      expect(plainDateInZone(occurrence.start, SHANGHAI)).toBe(addPlainDays(dueDate, 1));
    });
  });

  it('covers every occurrence with the VTIMEZONE: Los Angeles occurrences stay at midnight after 2028 (issue 16)', () => {
    const options = { ...OPTIONS, timeZone: LOS_ANGELES };
    const { due } = ultraEvents(options);
    const occurrences = occurrencesOf(due);
    expect(plainDateInZone(occurrences.at(-1)!.start, LOS_ANGELES) > '2029-12-01').toBe(true);
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: LOS_ANGELES, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(new Set(occurrences.map((o) => clock.format(o.start)))).toEqual(new Set(['00:00']));
    expectIcsMatchesPlanner([ultra], options);
  });

  it("without a zone in the options, uses the browser's zone, as settings do", () => {
    const { timeZone: _, ...withoutZone } = OPTIONS;
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const [due] = expectIcsMatchesPlanner([ultra], withoutZone);
    expect(plainDateInZone(due!.startDate.toJSDate(), browserZone)).toBe(plainDateInZone(Date.parse('2027-01-01T07:59:59Z'), browserZone));
  });

  it('ends the file with CRLF after END:VCALENDAR, and every line with CRLF', () => {
    const text = cardsToIcs([ultra], OPTIONS);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
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
    expect(eventUid({ id: 'a b|c' }, 'lost')).toBe('a%20b%7Cc-lost@sim-keeper');
  });

  it('writes no alarm for a card whose reminders are off, and no event for a pass not started', () => {
    const quiet = makeCard('quiet', { reminders: { enabled: false } });
    const pass = makeCard('pass', { rule: { type: 'pass', days: 7, startTrigger: 'first-connection', startDate: null } });
    const parsed = parse(cardsToIcs([quiet, pass], OPTIONS));
    expect(parsed.map((e) => e.uid)).toEqual([eventUid(quiet, 'due')]);
    expect(parsed[0]!.component.getAllSubcomponents('valarm')).toEqual([]);
  });

  describe('edge cases', () => {
    const cycle = (anchorDate: string, count: number, unit: 'days' | 'months', zone = SHANGHAI): Card =>
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
      expectIcsMatchesPlanner([card], OPTIONS);
    });

    it('a monthly plan on the 28th repeats on the 28th, February included, in a leap year too', () => {
      const [event] = parse(cardsToIcs([cycle('2027-11-28', 1, 'months')], OPTIONS));
      const days = occurrencesOf(event!, 5).map((o) => plainDateInZone(o.start, SHANGHAI));
      expect(days).toEqual(['2027-12-28', '2028-01-28', '2028-02-28', '2028-03-28', '2028-04-28']);
    });

    it('a monthly plan on the 28th in Los Angeles, seen from Shanghai, lands on the 29th there: no RRULE (February has none)', () => {
      const card = cycle('2027-11-28', 1, 'months', LOS_ANGELES);
      const [event] = parse(cardsToIcs([card], OPTIONS));
      expect(event!.component.getFirstPropertyValue('rrule')).toBeNull();
      expect(plainDateInZone(event!.startDate.toJSDate(), SHANGHAI)).toBe('2027-12-29');
      expectIcsMatchesPlanner([card], OPTIONS);
    });

    it.each([
      ['a DST change in the user zone (London, 29 March 2026)', 'Europe/London', '2026-03-29'],
      ['the autumn change (Los Angeles, 1 November 2026)', LOS_ANGELES, '2026-11-01'],
      ['a zone with a 45-minute offset (Chatham)', 'Pacific/Chatham', '2026-04-05'],
      ['30-minute DST (Lord Howe, 5 October 2025)', 'Australia/Lord_Howe', '2025-10-05'],
      ['a leap day', SHANGHAI, '2028-02-29'],
      // Midnight does not exist there that day: the event starts at 01:00, in UTC form.
      ['midnight skipped (Havana, 14 March 2027)', 'America/Havana', '2027-03-14'],
      ['midnight skipped (São Paulo, 4 November 2018)', 'America/Sao_Paulo', '2018-11-04'],
      // −0:44:30: no calendar reads offsets with seconds, so the times are written in UTC.
      ['an offset with seconds (Monrovia 1971)', 'Africa/Monrovia', '1971-06-30'],
      ['the day after Apia skipped one (31 December 2011)', 'Pacific/Apia', '2011-12-31'],
    ])('the day starts at the right instant on %s, and the alarms ring as planned', (_, zone, day) => {
      const card = makeCard('z', { timeZone: zone, rule: { type: 'fixed', endDate: day } });
      const options = { ...OPTIONS, timeZone: zone, leadDays: [3, 1, 0] };
      const [event] = parse(cardsToIcs([card], options));
      expect(event!.startDate.toJSDate()).toEqual(startOfPlainDateInZone(day, zone));
      expect(event!.endDate.toJSDate()).toEqual(startOfPlainDateInZone(addPlainDays(day, 1), zone));
      expectIcsMatchesPlanner([card], options);
    });

    it("a 30-day plan across DST changes in both zones keeps ringing at the user's reminder time", () => {
      const card = cycle('2026-02-10', 30, 'days', 'Europe/London');
      for (const timeZone of [LOS_ANGELES, 'Australia/Lord_Howe', 'UTC', 'Pacific/Kiritimati']) {
        expectIcsMatchesPlanner([card], { ...OPTIONS, timeZone, reminderTime: '23:30', leadDays: [30, 2, 0] });
      }
    });

    it('an occurrence on a fall-back day ends at midnight, not 01:00 (seed 3 of a wider run)', () => {
      // ical.js adds a DTEND's elapsed 25 hours on the wall clock; DURATION:P1D is one calendar day.
      const card = makeCard('p', {
        timeZone: 'UTC',
        rule: { type: 'cycle', anchorDate: '2026-11-12', period: { count: 11, unit: 'months' }, graceDays: 26 },
      });
      const options = { ...OPTIONS, timeZone: LOS_ANGELES, reminderTime: '00:00', leadDays: [] };
      const lost = expectIcsMatchesPlanner([card], options).find((e) => e.uid === eventUid(card, 'lost'))!;
      expect(lost.startDate.toString()).toBe('2027-11-07T00:00:00');
      expect(lost.component.getFirstPropertyValue('duration')!.toString()).toBe('P1D');
    });

    it("drops the day-0 alarm the planner drops: a reminder time after the card's day has ended for the user", () => {
      // An LA day ends at 15:00 or 16:00 in Shanghai: a 17:00 reminder on that day would only say "ended".
      const options = { ...OPTIONS, reminderTime: '17:00' };
      const { due } = ultraEvents(options);
      expect(due.component.getAllSubcomponents('valarm')).toHaveLength(2);
      expectIcsMatchesPlanner([ultra], options);
    });

    it('a snoozed card rings only from the snooze on, like the extension (and repeats only without a snooze)', () => {
      const snoozed = { ...ultra, reminders: { enabled: true, snoozedUntil: '2026-12-31T00:00:00.000Z' } };
      const [due] = expectIcsMatchesPlanner([snoozed], OPTIONS);
      expect(due!.component.getFirstPropertyValue('rrule')).toBeNull();
      expect(due!.component.getAllSubcomponents('valarm')).toHaveLength(2);
    });

    it("leaves out a deadline whose day ends past 9999 on the user's calendar (iCalendar years have four digits)", () => {
      const never = makeCard('never', { timeZone: LOS_ANGELES, rule: { type: 'fixed', endDate: '9999-12-30' } });
      // Seen from Shanghai, 30 December in LA is 31 December, which ends in year 10000.
      expect(parse(cardsToIcs([never], OPTIONS))).toEqual([]);
      const [event] = parse(cardsToIcs([never], { ...OPTIONS, timeZone: 'Pacific/Honolulu' }));
      expect(event!.startDate.toString()).toBe('9999-12-30T00:00:00');
      expectIcsMatchesPlanner([never], { ...OPTIONS, timeZone: 'Pacific/Honolulu' });
    });
  });

  it('every event and alarm of any card matches the planner, for a user zone other than the card zone (seeded)', () => {
    const zones = [
      'UTC',
      SHANGHAI,
      LOS_ANGELES,
      'Europe/London',
      'Australia/Lord_Howe',
      'Pacific/Kiritimati',
      'America/Sao_Paulo',
      'Asia/Kathmandu',
      'America/Havana',
      'Pacific/Apia',
    ];
    // Repeating plans of today's decades, where RRULEs are written, besides any rule the schema allows.
    const planNearNow = fc.record({
      type: fc.constant('cycle' as const),
      anchorDate: fc
        .integer({ min: Date.UTC(2024, 0, 1) / 86_400_000, max: Date.UTC(2031, 11, 31) / 86_400_000 })
        .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10)),
      period: fc.oneof(
        fc.record({ count: fc.integer({ min: 1, max: 120 }), unit: fc.constant('days' as const) }),
        fc.record({ count: fc.integer({ min: 1, max: 12 }), unit: fc.constant('months' as const) }),
      ),
      graceDays: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(
        fc.oneof(ruleArbitrary, planNearNow),
        fc.constantFrom(...zones),
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 30, 59),
        (rule, cardZone, userZone, leadDays, hour, minute) => {
          fc.pre(cardZone !== userZone);
          const card = makeCard('p', { rule, timeZone: cardZone });
          const reminderTime = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          expectIcsMatchesPlanner([card], { ...OPTIONS, timeZone: userZone, reminderTime, leadDays });
        },
      ),
      // About 1.5 s on an idle machine; the timeout leaves room for a busy one.
      { seed: 16_2026, numRuns: 40 },
    );
  }, 20_000);
});
