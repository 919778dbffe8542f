/*
 * The migration steps of the stored items, in one place, so that data read from
 * storage and data read from a backup file go through exactly the same steps.
 * `lib/store/storage.ts` hands these to WXT's `defineItem`; `migrateCards` and
 * `migrateSettings` run them on a backup's contents.
 *
 * To change a shape: raise the version, add the step `n: (vN-1) => vN` below with
 * a comment, and add the frozen example `tests/unit/fixtures/backup-v<n-1>.json`'s
 * successor (tests/unit/transfer-migrations.test.ts fails until every past
 * version has a frozen example that migrates to exactly the expected cards).
 */

/** One migration step: the whole stored value of version n-1 in, version n out. */
export type MigrationStep = (previous: unknown) => unknown;

/** The version of the `cards` item (and of a backup's `cards`). */
export const CARDS_VERSION = 1;
/** The version of the `settings` item (and of a backup's `settings`). */
export const SETTINGS_VERSION = 1;

/** `cards` steps, keyed by the version each step produces. Version 1 is the first; none yet. */
export const cardsMigrations: Record<number, MigrationStep> = {};
/** `settings` steps, keyed by the version each step produces. None yet. */
export const settingsMigrations: Record<number, MigrationStep> = {};

export type MigrationResult = { ok: true; value: unknown } | { ok: false; reason: 'newer' | 'invalid-version' | 'failed'; detail?: string };

/**
 * Runs `steps` from version `from` up to `to`. A version that is not a whole
 * number from 1, or one newer than this build knows, is refused rather than
 * guessed at; a step that throws is reported, and nothing is half-migrated.
 *
 * @example
 * runMigrations([{ label: 'a' }], 1, 1, {}) //=> { ok: true, value: [{ label: 'a' }] }
 */
export function runMigrations(value: unknown, from: unknown, to: number, steps: Record<number, MigrationStep>): MigrationResult {
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) return { ok: false, reason: 'invalid-version' };
  if (from > to) return { ok: false, reason: 'newer' };
  let current = value;
  for (let version = from + 1; version <= to; version++) {
    const step = steps[version];
    if (!step) return { ok: false, reason: 'failed', detail: `no migration step to version ${version}` };
    try {
      current = step(current);
    } catch (error) {
      return { ok: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error) };
    }
  }
  return { ok: true, value: current };
}

/** A `cards` value of version `from` brought to {@link CARDS_VERSION}. */
export function migrateCards(value: unknown, from: unknown): MigrationResult {
  return runMigrations(value, from, CARDS_VERSION, cardsMigrations);
}

/** A `settings` value of version `from` brought to {@link SETTINGS_VERSION}. */
export function migrateSettings(value: unknown, from: unknown): MigrationResult {
  return runMigrations(value, from, SETTINGS_VERSION, settingsMigrations);
}
