import { afterEach, describe, expect, it } from 'vitest';
import {
  addPlainDays,
  addPlainMonths,
  comparePlainDates,
  differenceInPlainDays,
  earlierPlainDate,
  instantAtLocalTime,
  isPlainDate,
  isValidTimeZone,
  laterPlainDate,
  MAX_PLAIN_DATE,
  MIN_PLAIN_DATE,
  PlainDateRangeError,
  parsePlainDate,
  plainDateInZone,
  plainDateProblem,
  readPlainDate,
  startOfPlainDateInZone,
} from '../../lib/dates/plain-date';

describe('parsePlainDate / isPlainDate', () => {
  it('splits a real date into its parts', () => {
    expect(parsePlainDate('2026-03-10')).toEqual({ year: 2026, month: 3, day: 10 });
  });

  it.each([
    ['2026-01-31', true],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    [' 2026-01-01', false],
    ['2026-01-01\n', false],
    ['2026-01-01T00:00', false],
    ['2026/01/01', false],
    ['', false],
  ])('isPlainDate(%j) is %s', (value, expected) => {
    expect(isPlainDate(value)).toBe(expected);
  });
});

describe('addPlainDays', () => {
  it.each([
    ['2026-03-10', 1, '2026-03-11'],
    ['2026-03-10', 0, '2026-03-10'],
    ['2026-03-10', -10, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 365, '2028-12-31'],
  ])('%s + %i days = %s', (date, amount, expected) => {
    expect(addPlainDays(date, amount)).toBe(expected);
  });

  it('refuses a string that is not a date', () => {
    expect(() => addPlainDays('2026-02-29', 1)).toThrow(RangeError);
  });
});

describe('addPlainMonths', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-08-31', 6, '2027-02-28'],
  ])('%s + %i months = %s', (date, amount, expected) => {
    expect(addPlainMonths(date, amount)).toBe(expected);
  });
});

describe('differenceInPlainDays / compare / later / earlier', () => {
  it.each([
    ['2026-03-01', '2026-02-28', 1],
    ['2026-02-28', '2026-03-01', -1],
    ['2026-03-10', '2026-03-10', 0],
    ['2027-01-01', '2026-01-01', 365],
  ])('differenceInPlainDays(%s, %s) = %i', (later, earlier, expected) => {
    expect(differenceInPlainDays(later, earlier)).toBe(expected);
  });

  it('orders dates like the days they name', () => {
    expect(comparePlainDates('2026-03-09', '2026-03-10')).toBe(-1);
    expect(comparePlainDates('2026-03-10', '2026-03-10')).toBe(0);
    expect(comparePlainDates('2026-12-01', '2026-03-10')).toBe(1);
    expect(laterPlainDate('2026-03-09', '2026-12-01')).toBe('2026-12-01');
    expect(earlierPlainDate('2026-03-09', '2026-12-01')).toBe('2026-03-09');
  });
});

describe('plainDateInZone', () => {
  it.each([
    // 01:30 on 1 March in Shanghai is still 28 February in Los Angeles.
    ['2026-02-28T17:30:00Z', 'Asia/Shanghai', '2026-03-01'],
    ['2026-02-28T17:30:00Z', 'America/Los_Angeles', '2026-02-28'],
    ['2026-02-28T17:30:00Z', 'UTC', '2026-02-28'],
    ['2026-03-10T07:59:59.999Z', 'America/Los_Angeles', '2026-03-10'],
    ['2026-03-10T15:59:59.999Z', 'Asia/Shanghai', '2026-03-10'],
    ['2026-03-10T16:00:00.000Z', 'Asia/Shanghai', '2026-03-11'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(plainDateInZone(new Date(iso), zone)).toBe(expected);
  });

  it('accepts epoch milliseconds', () => {
    expect(plainDateInZone(Date.parse('2026-03-10T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-11');
  });
});

describe('startOfPlainDateInZone / instantAtLocalTime', () => {
  it.each([
    ['2026-03-10', 'Asia/Shanghai', '2026-03-09T16:00:00.000Z'],
    ['2026-03-10', 'America/Los_Angeles', '2026-03-10T07:00:00.000Z'],
    ['2026-01-10', 'America/Los_Angeles', '2026-01-10T08:00:00.000Z'],
    ['2026-07-01', 'Europe/London', '2026-06-30T23:00:00.000Z'],
    ['2026-03-10', 'UTC', '2026-03-10T00:00:00.000Z'],
  ])('%s starts in %s at %s', (date, zone, iso) => {
    expect(startOfPlainDateInZone(date, zone).toISOString()).toBe(iso);
  });

  it('gives a local time of day in the named zone', () => {
    expect(instantAtLocalTime('2026-03-10', 9, 0, 'Asia/Shanghai').toISOString()).toBe('2026-03-10T01:00:00.000Z');
    expect(instantAtLocalTime('2026-01-10', 9, 30, 'America/Los_Angeles').toISOString()).toBe('2026-01-10T17:30:00.000Z');
  });

  it('refuses an impossible date', () => {
    expect(() => startOfPlainDateInZone('2026-02-29', 'UTC')).toThrow(RangeError);
    expect(() => instantAtLocalTime('2026-02-30', 9, 0, 'UTC')).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Asia/Shanghai', true],
    ['America/Los_Angeles', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('%j is %s', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});

describe('edge cases', () => {
  describe('month ends', () => {
    it.each([
      ['2026-01-31', 1, '2026-02-01'],
      ['2026-02-28', 1, '2026-03-01'],
      ['2026-04-30', 1, '2026-05-01'],
      ['2026-12-31', 1, '2027-01-01'],
      ['2026-03-01', -1, '2026-02-28'],
    ])('%s + %i day = %s', (date, amount, expected) => {
      expect(addPlainDays(date, amount)).toBe(expected);
    });

    it('an anchor on the 31st comes back to the 31st when months are added to the anchor', () => {
      const months = [1, 2, 3, 4, 5, 6].map((k) => addPlainMonths('2026-01-31', k));
      expect(months).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31']);
    });
  });

  describe('Feb 29', () => {
    it.each([
      ['2028-02-29', true],
      ['2026-02-29', false],
      ['2000-02-29', true],
      ['2100-02-29', false],
      ['1900-02-29', false],
      // Outside the supported years 1900–9999, even a real date is refused.
      ['0024-02-29', false],
      ['9996-02-29', true],
      ['1904-02-29', true],
    ])('isPlainDate(%s) is %s', (value, expected) => {
      expect(isPlainDate(value)).toBe(expected);
    });

    it.each([
      ['2028-02-28', 1, '2028-02-29'],
      ['2028-02-29', 1, '2028-03-01'],
      ['2026-02-28', 1, '2026-03-01'],
      ['0050-12-31', 1, '0051-01-01'],
    ])('%s + %i day = %s', (date, amount, expected) => {
      expect(addPlainDays(date, amount)).toBe(expected);
    });

    it.each([
      ['2028-01-31', 1, '2028-02-29'],
      ['2028-02-29', 12, '2029-02-28'],
      ['2028-02-29', 24, '2030-02-28'],
      ['2028-02-29', 48, '2032-02-29'],
      ['2028-02-29', -12, '2027-02-28'],
    ])('%s + %i months = %s', (date, amount, expected) => {
      expect(addPlainMonths(date, amount)).toBe(expected);
    });

    it('counts the leap day', () => {
      expect(differenceInPlainDays('2028-03-01', '2028-02-28')).toBe(2);
      expect(differenceInPlainDays('2029-01-01', '2028-01-01')).toBe(366);
    });
  });

  describe('DST changes', () => {
    it.each([
      // Los Angeles springs forward at 02:00 on 8 March 2026 and falls back at 02:00 on 1 November.
      ['2026-03-08', 'America/Los_Angeles', '2026-03-08T08:00:00.000Z'],
      ['2026-03-09', 'America/Los_Angeles', '2026-03-09T07:00:00.000Z'],
      ['2026-11-01', 'America/Los_Angeles', '2026-11-01T07:00:00.000Z'],
      ['2026-11-02', 'America/Los_Angeles', '2026-11-02T08:00:00.000Z'],
      // London springs forward at 01:00 on 29 March 2026.
      ['2026-03-29', 'Europe/London', '2026-03-29T00:00:00.000Z'],
      ['2026-03-30', 'Europe/London', '2026-03-29T23:00:00.000Z'],
      // Where the change skips midnight itself, the day starts at the first minute that exists.
      ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
    ])('%s starts in %s at %s', (date, zone, iso) => {
      expect(startOfPlainDateInZone(date, zone).toISOString()).toBe(iso);
    });

    it('a day across a DST change is still one calendar day', () => {
      expect(differenceInPlainDays('2026-03-09', '2026-03-08')).toBe(1);
      expect(differenceInPlainDays('2026-11-02', '2026-11-01')).toBe(1);
      expect(differenceInPlainDays('2026-03-30', '2026-03-29')).toBe(1);
      expect(addPlainDays('2026-03-08', 1)).toBe('2026-03-09');
    });

    it('the day of a change is 23 or 25 hours long, and its last millisecond is still that day', () => {
      const start = startOfPlainDateInZone('2026-03-08', 'America/Los_Angeles');
      const end = startOfPlainDateInZone('2026-03-09', 'America/Los_Angeles');
      expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
      expect(plainDateInZone(end.getTime() - 1, 'America/Los_Angeles')).toBe('2026-03-08');
      const fallStart = startOfPlainDateInZone('2026-11-01', 'America/Los_Angeles');
      const fallEnd = startOfPlainDateInZone('2026-11-02', 'America/Los_Angeles');
      expect((fallEnd.getTime() - fallStart.getTime()) / 3_600_000).toBe(25);
    });

    it('a local time skipped by the change moves forward; a repeated one takes the first', () => {
      // 02:30 does not exist on 8 March in Los Angeles: 03:30 PDT.
      expect(instantAtLocalTime('2026-03-08', 2, 30, 'America/Los_Angeles').toISOString()).toBe('2026-03-08T10:30:00.000Z');
      // 01:30 happens twice on 1 November: the first, in PDT.
      expect(instantAtLocalTime('2026-11-01', 1, 30, 'America/Los_Angeles').toISOString()).toBe('2026-11-01T08:30:00.000Z');
      expect(instantAtLocalTime('2026-03-29', 9, 0, 'Europe/London').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    });
  });

  describe('the machine zone does not matter', () => {
    // Node follows process.env.TZ as it changes; these zones skip their own midnight on the dates below.
    const machineZones = ['Asia/Beirut', 'America/Santiago', 'America/Havana', 'Pacific/Apia', 'UTC'];
    const savedTz = process.env.TZ;
    afterEach(() => {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    });

    it.each(machineZones)('on a machine in %s', (machineZone) => {
      process.env.TZ = machineZone;
      // Beirut springs forward at midnight on 29 March 2026, Havana on 8 March, Santiago on 6 September.
      // instantAtLocalTime is not cached, so it shows the machine zone's effect even after other tests.
      expect(instantAtLocalTime('2026-03-29', 0, 0, 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
      expect(instantAtLocalTime('2026-09-06', 0, 0, 'Asia/Shanghai').toISOString()).toBe('2026-09-05T16:00:00.000Z');
      expect(startOfPlainDateInZone('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
      expect(startOfPlainDateInZone('2026-03-30', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z');
      expect(startOfPlainDateInZone('2026-03-08', 'America/Los_Angeles').toISOString()).toBe('2026-03-08T08:00:00.000Z');
      expect(startOfPlainDateInZone('2026-09-06', 'Asia/Shanghai').toISOString()).toBe('2026-09-05T16:00:00.000Z');
      expect(instantAtLocalTime('2026-03-29', 0, 30, 'Asia/Shanghai').toISOString()).toBe('2026-03-28T16:30:00.000Z');
      expect(instantAtLocalTime('2026-03-08', 2, 30, 'America/Los_Angeles').toISOString()).toBe('2026-03-08T10:30:00.000Z');
      expect(addPlainDays('2026-03-28', 1)).toBe('2026-03-29');
      expect(addPlainDays('2026-09-05', 1)).toBe('2026-09-06');
      expect(addPlainMonths('2026-02-28', 1)).toBe('2026-03-28');
      expect(differenceInPlainDays('2026-03-30', '2026-03-28')).toBe(2);
      expect(differenceInPlainDays('2026-09-07', '2026-09-05')).toBe(2);
      expect(plainDateInZone(new Date('2026-03-28T22:30:00Z'), 'Europe/London')).toBe('2026-03-28');
    });
  });

  describe('user zone differs from card zone', () => {
    it('the same instant is a different day in Shanghai and Los Angeles', () => {
      // 15:00 on 11 March in Shanghai, when 10 March ends in Los Angeles.
      const endsAt = startOfPlainDateInZone('2026-03-11', 'America/Los_Angeles');
      expect(endsAt.toISOString()).toBe('2026-03-11T07:00:00.000Z');
      expect(plainDateInZone(endsAt.getTime() - 1, 'America/Los_Angeles')).toBe('2026-03-10');
      expect(plainDateInZone(endsAt.getTime() - 1, 'Asia/Shanghai')).toBe('2026-03-11');
    });
  });

  describe('years', () => {
    it.each([
      ['2026-12-31', 1, '2027-01-31'],
      ['2026-06-15', 120, '2036-06-15'],
      ['2028-02-29', 1200, '2128-02-29'],
    ])('%s + %i months = %s', (date, amount, expected) => {
      expect(addPlainMonths(date, amount)).toBe(expected);
    });

    it('a year of days is 365 or 366', () => {
      expect(addPlainDays('2026-03-01', 365)).toBe('2027-03-01');
      expect(addPlainDays('2028-02-01', 365)).toBe('2029-01-31');
    });

    it('the day after 9999-12-31, entered for "never", is still a date that sorts last', () => {
      expect(addPlainDays('9999-12-31', 1)).toBe('10000-01-01');
      // Computed, readable, but never accepted as input.
      expect(isPlainDate('10000-01-01')).toBe(false);
      expect(readPlainDate('10000-01-01')).toEqual({ year: 10000, month: 1, day: 1 });
      expect(readPlainDate('01000-01-01')).toBeNull();
      expect(comparePlainDates('10000-01-01', '9999-12-31')).toBe(1);
      expect(comparePlainDates('9999-12-31', '10000-01-01')).toBe(-1);
      expect(laterPlainDate('9999-12-31', '10000-01-01')).toBe('10000-01-01');
      expect(earlierPlainDate('10000-01-01', '9999-12-31')).toBe('9999-12-31');
      expect(differenceInPlainDays('10000-01-01', '9999-12-31')).toBe(1);
      expect(startOfPlainDateInZone('10000-01-01', 'UTC').toISOString()).toBe('+010000-01-01T00:00:00.000Z');
    });

    it('years before 100 stay themselves', () => {
      expect(addPlainMonths('0050-01-31', 1)).toBe('0050-02-28');
      expect(startOfPlainDateInZone('0050-01-01', 'UTC').getUTCFullYear()).toBe(50);
      expect(instantAtLocalTime('0050-03-01', 12, 0, 'UTC').toISOString()).toBe('0050-03-01T12:00:00.000Z');
    });
  });
});

describe('the supported range, 1900-01-01 to 9999-12-31', () => {
  it.each([
    [MIN_PLAIN_DATE, true],
    [MAX_PLAIN_DATE, true],
    ['1899-12-31', false],
    ['10000-01-01', false],
    ['99999-12-31', false],
  ])('isPlainDate(%s) is %s', (value, expected) => {
    expect(isPlainDate(value)).toBe(expected);
  });

  it.each([
    ['2026-03-12', null],
    ['99999-12-31', 'range'],
    ['1899-12-31', 'range'],
    ['0024-02-29', 'range'],
    ['99999-02-30', 'shape'],
    ['2026-02-30', 'shape'],
    ['02/30/2026', 'shape'],
    ['', 'shape'],
  ])('plainDateProblem(%s) is %s', (value, expected) => {
    expect(plainDateProblem(value)).toBe(expected);
  });

  describe('edge cases', () => {
    it('computes past 9999 with headroom: grace after "never", the user\'s calendar a zone ahead', () => {
      expect(addPlainDays(MAX_PLAIN_DATE, 3650)).toBe('10009-12-28');
      expect(addPlainMonths(MAX_PLAIN_DATE, 3650 * 12)).toBe('13649-12-31');
      expect(differenceInPlainDays('10000-01-01', MAX_PLAIN_DATE)).toBe(1);
    });

    it('reports a sum past year 99999 with its own error, never an unreadable date', () => {
      expect(() => addPlainMonths('99000-01-01', 3650 * 12)).toThrow(PlainDateRangeError);
      expect(() => addPlainDays('99999-12-31', 1)).toThrow(PlainDateRangeError);
      expect(() => addPlainDays('0001-01-01', -1)).toThrow(PlainDateRangeError);
      // Far past what any JavaScript Date can hold: still the same error, not "Invalid Date".
      expect(() => addPlainDays(MAX_PLAIN_DATE, 1e12)).toThrow(PlainDateRangeError);
      expect(() => addPlainMonths(MAX_PLAIN_DATE, 1e9)).toThrow(PlainDateRangeError);
    });

    it('below 1900 a computed date is still read (a period counted back from 1900)', () => {
      expect(addPlainMonths(MIN_PLAIN_DATE, -3650)).toBe('1595-11-01');
      expect(readPlainDate('1595-11-01')).toEqual({ year: 1595, month: 11, day: 1 });
      expect(parsePlainDate('1595-11-01')).toBeNull();
    });
  });
});
