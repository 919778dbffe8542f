import fc from 'fast-check';

/*
 * Random cards as they may sit in storage: valid by the schema, with every
 * optional field present or absent, keep-alive activities, values the form
 * would write another way (spaces around a note, lead days out of order), and
 * fields this version does not know (written by a newer version or by hand) at
 * the top level and inside channels, rule, reminders and events.
 *
 * Two limits, where the editor asks the user to fix a value before saving and
 * so no round trip exists: phone numbers are ones the form accepts, and a pass
 * that starts on a given day has its day.
 */

const KNOWN = new Set([
  'id',
  'label',
  'providerId',
  'phoneNumber',
  'notes',
  'timeZone',
  'channels',
  'rule',
  'history',
  'reminders',
  'overrides',
  'createdAt',
  'updatedAt',
  'website',
  'app',
  'hotline',
  'type',
  'endDate',
  'anchorDate',
  'period',
  'window',
  'validity',
  'mode',
  'capDays',
  'graceDays',
  'activities',
  'days',
  'startTrigger',
  'startDate',
  'date',
  'kind',
  'amount',
  'currency',
  'activity',
  'note',
  'enabled',
  'leadDays',
  'escalate',
  'snoozedUntil',
]);

/** Keys a later version might add: never one the schema knows. */
const unknownKey = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,11}$/).filter((key) => !KNOWN.has(key) && key !== '__proto__');

/** Zero or more unknown fields with any JSON value. */
export const unknownFields: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(unknownKey, fc.jsonValue({ maxDepth: 2 }), {
  maxKeys: 2,
  noNullPrototype: true,
});

/** Sometimes no unknown fields at all, so plain cards are tried as often as odd ones. */
const maybeUnknown = fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: unknownFields });

const withUnknown = <T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.tuple(arb, maybeUnknown).map(([value, extra]) => ({ ...extra, ...value }));

export const plainDate: fc.Arbitrary<string> = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const space = fc.constantFrom('', ' ', '  ', '\n');
const padded = (core: fc.Arbitrary<string>) => fc.tuple(space, core, space).map(([a, b, c]) => `${a}${b}${c}`);

const label = padded(fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim().length > 0 && s.trim() === s));
const phone = fc.oneof(
  fc.constant(''),
  fc.tuple(fc.constantFrom('', '+'), fc.stringMatching(/^[0-9().-][0-9 ().-]{1,24}[0-9().-]$/)).map(([plus, rest]) => plus + rest),
);
const link = fc.constantFrom(
  '',
  'https://www.giffgaff.com/',
  'https://my.ultra.me/',
  'https://giffgaff-topup.com/',
  'https://xn--gffgaff-rog.com/',
  'https://example.org/renew?x=1',
);
const count = fc.integer({ min: 1, max: 3650 });
const period = withUnknown(fc.record({ count, unit: fc.constantFrom('days', 'months') }));
const grace = { graceDays: fc.integer({ min: 0, max: 3650 }) };
const activity = fc.constantFrom('call', 'sms', 'data', 'top-up');

export const rule: fc.Arbitrary<Record<string, unknown>> = withUnknown(
  fc.oneof(
    fc.record({ type: fc.constant('fixed'), endDate: plainDate, ...grace }, { requiredKeys: ['type', 'endDate'] }),
    fc.record({ type: fc.constant('cycle'), anchorDate: plainDate, period, ...grace }, { requiredKeys: ['type', 'anchorDate', 'period'] }),
    fc.record(
      { type: fc.constant('keepAlive'), anchorDate: plainDate, window: period, ...grace, activities: fc.array(activity, { maxLength: 5 }) },
      { requiredKeys: ['type', 'anchorDate', 'window'] },
    ),
    fc.record(
      {
        type: fc.constant('topUp'),
        anchorDate: plainDate,
        validity: period,
        mode: fc.constantFrom('reset', 'add', 'max'),
        capDays: count,
        ...grace,
      },
      { requiredKeys: ['type', 'anchorDate', 'validity', 'mode'] },
    ),
    fc
      .record(
        {
          type: fc.constant('pass'),
          days: count,
          startTrigger: fc.constantFrom('purchase', 'first-connection', 'manual'),
          startDate: fc.option(plainDate, { nil: null }),
          ...grace,
        },
        { requiredKeys: ['type', 'days', 'startTrigger', 'startDate'] },
      )
      .filter((r) => r.startTrigger !== 'manual' || r.startDate !== null),
  ),
);

const event = withUnknown(
  fc.record(
    {
      id: fc.uuid(),
      date: plainDate,
      kind: fc.constantFrom('activated', 'renewed', 'topped-up', 'used', 'carrier-date'),
      endDate: plainDate,
      amount: fc.double({ min: 0, max: 1000, noNaN: true }),
      currency: fc.constantFrom('USD', 'GBP', 'CNY'),
      activity,
      note: fc.string({ maxLength: 40 }),
    },
    { requiredKeys: ['id', 'date', 'kind'] },
  ),
);

const reminders = withUnknown(
  fc.record(
    {
      enabled: fc.boolean(),
      leadDays: fc.array(fc.integer({ min: 0, max: 365 }), { maxLength: 5 }),
      escalate: fc.boolean(),
      snoozedUntil: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    },
    { requiredKeys: ['enabled'] },
  ),
);

const instant = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());

/** One stored card (plain JSON, as `chrome.storage.local` holds it). */
export const storedCard: fc.Arbitrary<Record<string, unknown>> = withUnknown(
  fc.record(
    {
      id: fc.uuid(),
      label,
      providerId: fc.constantFrom(null, 'giffgaff', 'ultra-paygo', 'three-uk', 'a-provider-from-a-newer-catalog'),
      phoneNumber: phone,
      notes: padded(fc.string({ maxLength: 80 })),
      timeZone: fc.constantFrom('Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'UTC', 'Asia/Tokyo'),
      channels: withUnknown(fc.record({ website: link, app: link, hotline: fc.string({ maxLength: 40 }) })),
      rule,
      history: fc.uniqueArray(event, { maxLength: 4, selector: (e) => e.id }),
      reminders,
      overrides: fc.subarray(['rule', 'rule.graceDays', 'timeZone', 'channels.website', 'channels.app', 'channels.hotline']),
      createdAt: instant,
      updatedAt: instant,
    },
    {
      requiredKeys: [
        'id',
        'label',
        'providerId',
        'phoneNumber',
        'notes',
        'timeZone',
        'channels',
        'rule',
        'history',
        'createdAt',
        'updatedAt',
      ],
    },
  ),
  // As storage holds it: JSON, so -0 is 0.
).map((card) => JSON.parse(JSON.stringify(card)) as Record<string, unknown>);
