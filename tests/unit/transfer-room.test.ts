import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Card } from '../../lib/cards/schema';
import { itemBytes } from '../../lib/store/bytes';
import { loadRestorePoints } from '../../lib/store/import-store';
import { parseStoredCards } from '../../lib/store/parse-stored';
import { bytesInUse, importRoom, KEPT_FREE, StorageFullError } from '../../lib/store/room';
import { cardsItem, toStored } from '../../lib/store/storage';
import type { ImportCandidates } from '../../lib/transfer/candidates';
import { applyImport } from '../../lib/transfer/preview';
import { confirmImport } from '../../lib/transfer/service';
import { makeCard } from './card-fixture';
import { runs } from './property-runs';

/*
 * Chrome gives storage.local 10 MB (QUOTA_BYTES) and SIM Keeper cannot ask for more. An import
 * (or a restore) that would pass it, with the copies kept for undo, is refused whole before
 * anything is written; older restore points give way first. The preview's estimate of the room
 * an import needs agrees with what the write then needs.
 */

const NOW = new Date('2026-12-07T00:00:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const file = (cards: Card[]): ImportCandidates => ({ source: 'backup', cards, invalid: [], notes: [], settings: null });
const cardsOf = (prefix: string, count: number, note = '') =>
  Array.from({ length: count }, (_, i) => makeCard(`${prefix}${i}`, { label: `${prefix} ${i}`, notes: note }));
const local = fakeBrowser.storage.local as { QUOTA_BYTES?: number };
const setQuota = (bytes: number | undefined) => {
  if (bytes === undefined) delete local.QUOTA_BYTES;
  else local.QUOTA_BYTES = bytes;
};

describe('room in storage.local for an import', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => setQuota(undefined));

  it('refuses an import that does not fit, with the numbers, and writes nothing at all', async () => {
    await cardsItem.setValue(cardsOf('mine', 20));
    const before = await fakeBrowser.storage.local.get(null);
    setQuota((await bytesInUse(null)) * 3 + KEPT_FREE);
    const error = await confirmImport(file(cardsOf('big', 80)), { mode: 'merge', keepInvalid: true }, at(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    const { needed, limit } = error as StorageFullError;
    expect(limit).toBe(local.QUOTA_BYTES);
    expect(needed).toBeGreaterThan(limit);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('lets older restore points go to make room, keeping the one just taken', async () => {
    await cardsItem.setValue(cardsOf('mine', 10, 'x'.repeat(400)));
    // Three imports with no limit leave three restore points.
    for (let i = 0; i < 3; i++) await confirmImport(file(cardsOf(`batch${i}-`, 2)), { mode: 'merge', keepInvalid: true }, at(i));
    expect(await loadRestorePoints()).toHaveLength(3);
    // Now only room for the cards and one copy or two.
    setQuota((await bytesInUse(['cards'])) * 3 + 4_000 + KEPT_FREE);
    const after = await confirmImport(file(cardsOf('more', 2)), { mode: 'merge', keepInvalid: true }, at(10));
    expect(after.olderPointsDropped).toBe(true);
    expect(after.cards).toHaveLength(18);
    const points = await loadRestorePoints();
    expect(points).toHaveLength(1);
    expect(points[0]!.takenAt).toBe(at(10).toISOString());
    expect(await bytesInUse(null)).toBeLessThanOrEqual(local.QUOTA_BYTES! - KEPT_FREE);
  });

  it('counts nothing where the browser sets no limit (Firefox)', async () => {
    setQuota(undefined);
    expect(await importRoom({ merge: 10 ** 9, replace: 10 ** 9 })).toBeNull();
    const after = await confirmImport(file(cardsOf('many', 50)), { mode: 'merge', keepInvalid: true }, at(1));
    expect(after.cards).toHaveLength(50);
  });

  it('the preview refuses every import the write would refuse, and few more (a few hundred bytes)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 30 }),
        fc.nat({ max: 60 }),
        fc.nat({ max: 3 }),
        fc.integer({ min: 2_000 + KEPT_FREE, max: 60_000 + KEPT_FREE }),
        fc.constantFrom('merge' as const, 'replace' as const),
        async (mine, theirs, earlier, quota, mode) => {
          fakeBrowser.reset();
          setQuota(undefined);
          await cardsItem.setValue(cardsOf('m', mine));
          for (let i = 0; i < earlier; i++) await confirmImport(file(cardsOf(`e${i}-`, 1)), { mode: 'merge', keepInvalid: true }, at(i));
          setQuota(quota);
          const stored = await cardsItem.getValue();
          const candidates = file([...cardsOf('m', Math.min(mine, 5)), ...cardsOf('t', theirs)]);
          const current = { cards: parseStoredCards(stored).cards, invalid: [] };
          const had = new Set(current.cards.map((card) => card.id));
          const bytes = (m: 'merge' | 'replace') => {
            const { cards } = applyImport(current, candidates, { mode: m, keepInvalid: true });
            return (
              itemBytes('cards', toStored(cards, [])) +
              itemBytes(
                '',
                cards.filter((card) => !had.has(card.id)).map((card) => card.id),
              )
            );
          };
          const room = (await importRoom({ merge: bytes('merge'), replace: bytes('replace') }))!;
          const estimate = room[mode];
          const result = await confirmImport(candidates, { mode, keepInvalid: true }, at(100)).then(
            () => 'written' as const,
            (error: unknown) => {
              if (!(error instanceof StorageFullError)) throw error;
              return error;
            },
          );
          if (result === 'written') {
            // Written: the preview allowed it, or refused it by a margin of a few hundred bytes.
            expect(estimate).toBeLessThanOrEqual(quota + 400);
            expect(await bytesInUse(null)).toBeLessThanOrEqual(quota - KEPT_FREE);
          } else {
            // Refused by the write: the preview refused it too (its estimate is never below the need).
            expect(estimate).toBeGreaterThanOrEqual(result.needed);
            expect(estimate - result.needed).toBeLessThan(400);
          }
        },
      ),
      { numRuns: runs(300), seed: 20261207 },
    );
  });
});
