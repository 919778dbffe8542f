import fc from 'fast-check';
import type { Card, CardEvent, Rule } from '../../lib/cards/schema';
import { cardSchema } from '../../lib/cards/schema';

/** Seed shared by the transfer property tests; paste a failing seed into an example test. */
export const SEED = 20261127;

const dateArb = fc
  .record({ year: fc.integer({ min: 2024, max: 2028 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
  });

const periodArb = fc.record({ count: fc.integer({ min: 1, max: 400 }), unit: fc.constantFrom('days' as const, 'months' as const) });
const graceArb = fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined });

const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({ type: fc.constant('fixed' as const), endDate: dateArb, graceDays: graceArb }),
  fc.record({ type: fc.constant('cycle' as const), anchorDate: dateArb, period: periodArb, graceDays: graceArb }),
  fc.record({
    type: fc.constant('keepAlive' as const),
    anchorDate: dateArb,
    window: periodArb,
    graceDays: graceArb,
    activities: fc.option(fc.subarray(['call', 'sms', 'data', 'top-up'] as const), { nil: undefined }),
  }),
  fc.record({
    type: fc.constant('topUp' as const),
    anchorDate: dateArb,
    validity: periodArb,
    mode: fc.constantFrom('reset' as const, 'add' as const, 'max' as const),
    capDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
    graceDays: graceArb,
  }),
  fc.record({
    type: fc.constant('pass' as const),
    days: fc.integer({ min: 1, max: 90 }),
    startTrigger: fc.constantFrom('purchase' as const, 'first-connection' as const, 'manual' as const),
    startDate: fc.option(dateArb, { nil: null }),
    graceDays: graceArb,
  }),
);

// Optional keys left out rather than set to undefined, as JSON would leave them.
function withoutUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Text as people write it: CJK, emoji (with joiners and skin tones), right-to-left
 * scripts with their marks, quotes, commas, tabs, line breaks (LF and CRLF), cells a
 * spreadsheet would run as formulas, and leading or trailing spaces.
 */
export const richTextArb = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 8, unit: 'grapheme' }),
        fc.constantFrom(
          '紫卡',
          '遠遊卡',
          '👩‍👩‍👧',
          '👍🏽',
          'שלום',
          'مرحبا',
          '\u200f',
          '"',
          '""',
          "'",
          ',',
          ';',
          '\n',
          '\r\n',
          '\t',
          '=SUM(A1)',
          '+1 555',
          '-',
          '@',
          ' ',
        ),
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join('').slice(0, maxLength));

export const eventArb: fc.Arbitrary<CardEvent> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 12 }),
    date: dateArb,
    kind: fc.constantFrom('activated', 'renewed', 'topped-up', 'used', 'carrier-date') as fc.Arbitrary<CardEvent['kind']>,
    endDate: dateArb,
    amount: fc.integer({ min: 0, max: 50_000 }).map((cents) => cents / 100),
    currency: fc.constantFrom('USD', 'GBP', 'HKD', 'CNY'),
    activity: fc.constantFrom('call', 'sms', 'data', 'top-up') as fc.Arbitrary<CardEvent['activity'] & string>,
    note: richTextArb(60),
  },
  { requiredKeys: ['id', 'date', 'kind'] },
);

const zoneArb = fc.constantFrom('Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC');
/** A valid card of any rule, with a history of unique event ids and unicode in its text fields. */
export const cardArb: fc.Arbitrary<Card> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 20 }),
    label: fc
      .oneof(fc.string({ minLength: 1, maxLength: 60 }), richTextArb(60))
      .filter((label) => label.trim().length > 0 && label.trim() === label),
    providerId: fc.constantFrom(null, 'ultra-paygo', 'giffgaff'),
    phoneNumber: fc.oneof(fc.string({ maxLength: 32 }), fc.constantFrom('+1 555 010 1234', '=1+1', '-0')),
    notes: richTextArb(400),
    timeZone: zoneArb,
    channels: fc.record({
      website: fc.constantFrom('', 'https://my.ultra.me/', 'https://www.giffgaff.com/top-up'),
      app: fc.constantFrom('', 'https://example.com/app'),
      hotline: fc.constantFrom('', '611', '+44 79 111'),
    }),
    rule: ruleArb,
    // Mostly short, sometimes long: a card used for years holds dozens of events.
    history: fc.oneof(
      { weight: 4, arbitrary: fc.uniqueArray(eventArb, { selector: (event) => event.id, maxLength: 5 }) },
      { weight: 1, arbitrary: fc.uniqueArray(eventArb, { selector: (event) => event.id, minLength: 6, maxLength: 40 }) },
    ),
    reminders: fc.option(
      fc.record(
        {
          enabled: fc.boolean(),
          leadDays: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }),
          escalate: fc.boolean(),
          snoozedUntil: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms).toISOString()),
        },
        { requiredKeys: ['enabled'] },
      ),
      { nil: undefined },
    ),
    overrides: fc.option(fc.subarray(['channels.website', 'channels.hotline', 'rule', 'label']), { nil: undefined }),
    createdAt: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 0, 1) }).map((ms) => new Date(ms).toISOString()),
    updatedAt: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms).toISOString()),
  })
  .map(withoutUndefined)
  .filter((card) => cardSchema.safeParse(card).success);

/** Lists of valid cards with unique ids, as a store holds them. */
export const cardListArb = fc.uniqueArray(cardArb, { selector: (card) => card.id, maxLength: 6 });
