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

export const eventArb: fc.Arbitrary<CardEvent> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 12 }),
    date: dateArb,
    kind: fc.constantFrom('activated', 'renewed', 'topped-up', 'used') as fc.Arbitrary<CardEvent['kind']>,
    amount: fc.integer({ min: 0, max: 50_000 }).map((cents) => cents / 100),
    currency: fc.constantFrom('USD', 'GBP', 'HKD', 'CNY'),
    note: fc.string({ maxLength: 30 }),
  },
  { requiredKeys: ['id', 'date', 'kind'] },
);

const zoneArb = fc.constantFrom('Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC');
const textArb = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('紫卡', '遠遊卡, "quoted"', '=SUM(A1)', '+1 555 010', 'line\nbreak', '  spaced  '),
);

/** A valid card of any rule, with a history of unique event ids and unicode in its text fields. */
export const cardArb: fc.Arbitrary<Card> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 20 }),
    label: fc.string({ minLength: 1, maxLength: 60 }).filter((label) => label.trim().length > 0 && label.trim() === label),
    providerId: fc.constantFrom(null, 'ultra-paygo', 'giffgaff'),
    phoneNumber: fc.string({ maxLength: 32 }),
    notes: textArb,
    timeZone: zoneArb,
    channels: fc.record({
      website: fc.constantFrom('', 'https://my.ultra.me/', 'https://www.giffgaff.com/top-up'),
      app: fc.constantFrom('', 'https://example.com/app'),
      hotline: fc.constantFrom('', '611', '+44 79 111'),
    }),
    rule: ruleArb,
    history: fc.uniqueArray(eventArb, { selector: (event) => event.id, maxLength: 5 }),
    reminders: fc.option(
      fc.record({
        enabled: fc.boolean(),
        leadDays: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    createdAt: fc.constant('2026-03-01T00:00:00.000Z'),
    updatedAt: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms).toISOString()),
  })
  .map(withoutUndefined)
  .filter((card) => cardSchema.safeParse(card).success);

/** Lists of valid cards with unique ids, as a store holds them. */
export const cardListArb = fc.uniqueArray(cardArb, { selector: (card) => card.id, maxLength: 6 });
