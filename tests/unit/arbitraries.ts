import fc from 'fast-check';
import type { Activity, Card, CardEvent, EventKind, Period, Rule } from '../../lib/cards/schema';
import { MAX_PLAIN_DATE, MIN_PLAIN_DATE, type PlainDate } from '../../lib/dates/plain-date';
import { PROVIDERS } from '../../lib/providers/catalog';

/*
 * fast-check arbitraries for anything the card schema (lib/cards/schema.ts)
 * accepts, for property tests that must hold on every storable card, not only
 * on the cards a form would make. Each arbitrary leans towards the edges
 * (1900-01-01, 9999-12-31, month ends, 3650-day periods, long histories)
 * because that is where the date code breaks. A test asserts that every card
 * drawn here passes `cardSchema`, so the arbitrary cannot drift from it.
 */

const DAY_MS = 86_400_000;
const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31);

function plainDateOfUtcMs(ms: number): PlainDate {
  const date = new Date(ms);
  const y = date.getUTCFullYear().toString().padStart(4, '0');
  const m = (date.getUTCMonth() + 1).toString().padStart(2, '0');
  const d = date.getUTCDate().toString().padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const dayBetween = (fromMs: number, toMs: number) =>
  fc.integer({ min: Math.floor(fromMs / DAY_MS), max: Math.floor(toMs / DAY_MS) }).map((day) => plainDateOfUtcMs(day * DAY_MS));

/**
 * Any date the schema accepts, `YYYY-MM-DD` from 1900-01-01 to 9999-12-31:
 * the two ends and their neighbours, month ends and leap days, today's decades,
 * and the whole range.
 */
export const plainDateArbitrary: fc.Arbitrary<PlainDate> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(MIN_PLAIN_DATE, MAX_PLAIN_DATE, '1900-02-28', '9999-12-30', '9999-12-01', '2000-02-29') },
  { weight: 2, arbitrary: dayBetween(MAX_MS - 4000 * DAY_MS, MAX_MS) },
  { weight: 1, arbitrary: dayBetween(MIN_MS, MIN_MS + 4000 * DAY_MS) },
  { weight: 3, arbitrary: dayBetween(Date.UTC(2020, 0, 1), Date.UTC(2035, 11, 31)) },
  { weight: 2, arbitrary: dayBetween(MIN_MS, MAX_MS) },
);

/** Zones with odd offsets, DST both ways, the date line, and the ones the catalog uses. */
export const timeZoneArbitrary = fc.constantFrom(
  'UTC',
  'Asia/Shanghai',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/St_Johns',
  'Asia/Beirut',
);

/** A count of days or months the schema accepts (1–3650), edges likely. */
export const periodArbitrary: fc.Arbitrary<Period> = fc.record({
  count: fc.oneof(fc.constantFrom(1, 28, 30, 31, 180, 365, 3650), fc.integer({ min: 1, max: 3650 })),
  unit: fc.constantFrom('days' as const, 'months' as const),
});

const dayCount = (min: number) => fc.oneof(fc.constantFrom(min, 3650), fc.integer({ min, max: 3650 }));
const graceArbitrary = fc.option(dayCount(0), { nil: undefined });
const activityArbitrary: fc.Arbitrary<Activity> = fc.constantFrom('call', 'sms', 'data', 'top-up');

/** Leaves out the keys whose value is `undefined`: the schema's optional fields are absent, not `undefined`. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Any rule of any of the five types. */
export const ruleArbitrary: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({ type: fc.constant('fixed' as const), endDate: plainDateArbitrary, graceDays: graceArbitrary }).map(withoutUndefined),
  fc
    .record({ type: fc.constant('cycle' as const), anchorDate: plainDateArbitrary, period: periodArbitrary, graceDays: graceArbitrary })
    .map(withoutUndefined),
  fc
    .record({
      type: fc.constant('keepAlive' as const),
      anchorDate: plainDateArbitrary,
      window: periodArbitrary,
      graceDays: graceArbitrary,
      activities: fc.option(fc.uniqueArray(activityArbitrary, { maxLength: 4 }), { nil: undefined }),
    })
    .map(withoutUndefined),
  fc
    .record({
      type: fc.constant('topUp' as const),
      anchorDate: plainDateArbitrary,
      validity: periodArbitrary,
      mode: fc.constantFrom('reset' as const, 'add' as const, 'max' as const),
      capDays: fc.option(dayCount(1), { nil: undefined }),
      graceDays: graceArbitrary,
    })
    .map(withoutUndefined),
  fc
    .record({
      type: fc.constant('pass' as const),
      days: dayCount(1),
      startTrigger: fc.constantFrom('purchase' as const, 'first-connection' as const, 'manual' as const),
      startDate: fc.option(plainDateArbitrary, { nil: null }),
      graceDays: graceArbitrary,
    })
    .map(withoutUndefined),
);

const eventKindArbitrary: fc.Arbitrary<EventKind> = fc.constantFrom('activated', 'renewed', 'topped-up', 'used', 'carrier-date');

/** One history event (its `id` is set by `historyArbitrary`, which keeps ids unique). */
const eventArbitrary: fc.Arbitrary<Omit<CardEvent, 'id'>> = fc
  .record({
    date: plainDateArbitrary,
    kind: eventKindArbitrary,
    endDate: fc.option(plainDateArbitrary, { nil: undefined }),
    amount: fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), { nil: undefined }),
    currency: fc.option(fc.constantFrom('USD', 'GBP', 'CNY', 'HKD', 'JPY'), { nil: undefined }),
    activity: fc.option(activityArbitrary, { nil: undefined }),
    note: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
  })
  .map(withoutUndefined);

/**
 * A history of any length: mostly short, sometimes hundreds of events (enough
 * renewals of a 3650-month plan to run the dates past year 99999).
 */
export const historyArbitrary: fc.Arbitrary<CardEvent[]> = fc
  .oneof(
    { weight: 6, arbitrary: fc.array(eventArbitrary, { maxLength: 8 }) },
    { weight: 1, arbitrary: fc.array(eventArbitrary, { minLength: 20, maxLength: 400 }) },
  )
  .map((events) => events.map((event, index) => ({ id: `e${index}`, ...event })));

const labelArbitrary = fc
  .string({ minLength: 1, maxLength: 60, unit: fc.constantFrom('a', 'Z', '紫', '卡', ' ', '7', '·', 'é') })
  .map((text) => text.trim())
  .filter((text) => text.length > 0);

const linkArbitrary = fc.constantFrom('', 'https://my.ultra.me/', 'https://www.giffgaff.com/top-up', 'https://giffgaff-topup.com/');

/**
 * Any card the schema accepts, with the given `id` (so a list can keep ids unique).
 *
 * @example
 * fc.sample(cardArbitrary('a'), 1) //=> [{ id: 'a', label: '紫 a', rule: { type: 'fixed', endDate: '9999-12-31' }, … }]
 */
export function cardArbitraryWithId(id: string): fc.Arbitrary<Card> {
  return fc
    .record({
      label: labelArbitrary,
      providerId: fc.oneof(fc.constant(null), fc.constantFrom(...PROVIDERS.map((provider) => provider.id)), fc.constant('gone-provider')),
      phoneNumber: fc.constantFrom('', '+1 555 010 1234', '07700 900123', '1'),
      notes: fc.string({ maxLength: 30 }),
      timeZone: timeZoneArbitrary,
      channels: fc.record({ website: linkArbitrary, app: linkArbitrary, hotline: fc.constantFrom('', '611', '333') }),
      rule: ruleArbitrary,
      history: historyArbitrary,
      reminders: fc.option(
        fc
          .record({
            enabled: fc.boolean(),
            leadDays: fc.option(fc.array(fc.integer({ min: 0, max: 365 }), { maxLength: 5 }), { nil: undefined }),
            escalate: fc.option(fc.boolean(), { nil: undefined }),
            snoozedUntil: fc.option(
              fc.oneof(
                fc.constantFrom('not a time', '9999-12-31T23:59:59.000Z'),
                fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => new Date(ms).toISOString()),
              ),
              { nil: undefined },
            ),
          })
          .map(withoutUndefined),
        { nil: undefined },
      ),
      overrides: fc.option(fc.constantFrom(['channels.website'], ['rule'], []), { nil: undefined }),
      createdAt: fc.constant('2026-01-01T00:00:00.000Z'),
      updatedAt: fc.constant('2026-01-01T00:00:00.000Z'),
    })
    .map((fields) => withoutUndefined({ id, ...fields }) as Card);
}

/** Any card the schema accepts (id `card`). */
export const cardArbitrary: fc.Arbitrary<Card> = cardArbitraryWithId('card');

/** A list of cards the schema accepts, with unique ids, as stored. */
export function cardListArbitrary(maxLength: number): fc.Arbitrary<Card[]> {
  return fc
    .array(fc.nat(), { maxLength })
    .chain((slots) => (slots.length === 0 ? fc.constant([]) : fc.tuple(...slots.map((_, i) => cardArbitraryWithId(`card-${i}`)))));
}
