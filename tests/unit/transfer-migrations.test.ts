import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CARDS_VERSION, migrateCards, runMigrations } from '../../lib/store/migrations';
import { readImportFile } from '../../lib/transfer/read-file';

/*
 * Frozen examples: one backup file per past storage version, never edited once
 * written, because a backup a user made years ago must still restore: a fixture
 * rewritten to fit today's code would stop proving that. Each must import through
 * the migrations to exactly the cards below; when version n+1 arrives, add its
 * step, `backup-v<n+1>.json`, and keep this test's expectations for every older file.
 */

const fixture = (version: number) => readFileSync(`tests/unit/fixtures/backup-v${version}.json`);

const EXPECTED_V1_CARDS = [
  {
    id: '5f0c2b1e-8f0e-4b7a-9d55-0b8f8f7e1a11',
    label: '紫卡',
    providerId: 'ultra-paygo',
    phoneNumber: '+1 555 010 1234',
    notes: '',
    timeZone: 'America/Los_Angeles',
    channels: { website: 'https://my.ultra.me/', app: '', hotline: '611' },
    rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' }, graceDays: 30 },
    history: [{ id: 'e1', date: '2026-11-20', kind: 'renewed', amount: 3, currency: 'USD', note: 'paid on the app' }],
    reminders: { enabled: true },
    overrides: ['channels.website'],
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
  },
  {
    id: 'gg',
    label: 'giffgaff',
    providerId: 'giffgaff',
    phoneNumber: '',
    notes: 'UK number',
    timeZone: 'Europe/London',
    channels: { website: '', app: '', hotline: '' },
    rule: {
      type: 'keepAlive',
      anchorDate: '2026-06-30',
      window: { count: 6, unit: 'months' },
      activities: ['call', 'sms', 'data', 'top-up'],
    },
    history: [],
    createdAt: '2026-06-30T08:00:00.000Z',
    updatedAt: '2026-06-30T08:00:00.000Z',
  },
];

describe('backups of every past storage version', () => {
  it('has a frozen example for every version up to the current one', () => {
    for (let version = 1; version <= CARDS_VERSION; version++) expect(() => fixture(version), `backup-v${version}.json`).not.toThrow();
  });

  it('imports version 1 to exactly its cards, the broken entry kept aside with its reason, and its settings', async () => {
    const read = await readImportFile(fixture(1), { userTimeZone: 'UTC', now: new Date(), existing: [] });
    if (!read.ok) throw new Error(read.error);
    expect(read.candidates.cards).toEqual(EXPECTED_V1_CARDS);
    expect(read.candidates.invalid).toHaveLength(1);
    expect(read.candidates.invalid[0]!.raw).toMatchObject({ id: 'broken' });
    expect(read.candidates.settings).toEqual({ timeZone: 'Asia/Shanghai', reminderTime: '09:00', leadDays: [30, 7, 3, 1, 0] });
  });

  it('runs the steps from the version a value names, one per version, in order', () => {
    const steps = { 2: (v: unknown) => [v, 2], 3: (v: unknown) => [v, 3] };
    expect(runMigrations('v1', 1, 3, steps)).toEqual({ ok: true, value: [['v1', 2], 3] });
    expect(runMigrations('v2', 2, 3, steps)).toEqual({ ok: true, value: ['v2', 3] });
    expect(runMigrations('v4', 4, 3, steps)).toEqual({ ok: false, reason: 'newer' });
    expect(
      runMigrations('v1', 1, 3, {
        2: () => {
          throw new Error('bad');
        },
      }),
    ).toEqual({ ok: false, reason: 'failed', detail: 'bad' });
    expect(runMigrations('v1', 1, 3, { 2: (v: unknown) => v })).toMatchObject({ ok: false, reason: 'failed' });
  });

  it('leaves current-version data exactly as it is', () => {
    const cards = [{ any: 'thing' }];
    expect(migrateCards(cards, CARDS_VERSION)).toEqual({ ok: true, value: cards });
  });
});
