import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Card } from '../../lib/cards/schema';
import { MAX_RESTORE_POINTS, type RestorePointV1, withRestorePoint } from '../../lib/store/restore-points';
import { calendarAccountItem, cardsItem, loadCards, settingsItem } from '../../lib/store/storage';
import { loadRestorePoints, restoreImportUndo, restorePointsItem, restoreRestorePoint } from '../../lib/store/import-store';
import type { ImportCandidates } from '../../lib/transfer/candidates';
import { confirmImport } from '../../lib/transfer/service';
import { makeCard } from './card-fixture';
import { cardListArb, SEED } from './transfer-arbitraries';

const NOW = new Date('2026-11-27T00:00:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const file = (cards: Card[], settings: ImportCandidates['settings'] = null): ImportCandidates => ({
  source: 'backup',
  cards,
  invalid: [],
  notes: [],
  settings,
});
const renewal = (id: string, date: string) => ({ id, date, kind: 'renewed' as const });

describe('restore points', () => {
  beforeEach(() => fakeBrowser.reset());

  it('two wrong imports, then two restores, bring back every original card', async () => {
    const original = [makeCard('a', { history: [renewal('r1', '2026-03-20')] }), makeCard('b')];
    await cardsItem.setValue(original);
    await confirmImport(file([makeCard('wrong-1')]), { mode: 'replace', keepInvalid: false }, at(1));
    await confirmImport(file([makeCard('wrong-2')]), { mode: 'replace', keepInvalid: false }, at(2));
    // The single undo only goes back one import: the originals are not in it.
    expect(((await fakeBrowser.storage.local.get('importUndo')).importUndo as { cards: Card[] }).cards).toEqual([makeCard('wrong-1')]);

    const points = await loadRestorePoints();
    expect(points.map((p) => [p.kind, p.takenAt, p.summary])).toEqual([
      ['replace', at(2).toISOString(), { added: 1, changed: 0, removed: 1, settings: false }],
      ['replace', at(1).toISOString(), { added: 1, changed: 0, removed: 2, settings: false }],
    ]);
    await restoreRestorePoint(points[0]!.id, at(3));
    await restoreRestorePoint(points[1]!.id, at(4));
    const { cards } = await loadCards();
    expect(cards.map((c) => c.id).sort()).toEqual(['a', 'b', 'wrong-1', 'wrong-2']);
    expect(cards.filter((c) => c.id === 'a' || c.id === 'b')).toEqual(original);
    // Each restore kept a point of its own first, so it can be undone too.
    expect((await loadRestorePoints()).map((p) => p.kind)).toEqual(['restore', 'restore', 'replace', 'replace']);
  });

  it('restores as Undo of a delete does: a card edited since is merged, events of both kept, a card added since stays', async () => {
    await cardsItem.setValue([makeCard('a', { history: [renewal('old', '2026-03-20')] })]);
    await confirmImport(file([makeCard('new')]), { mode: 'replace', keepInvalid: false }, at(1));
    await confirmImport(
      file([makeCard('a', { label: 'Edited later', updatedAt: '2026-06-01T00:00:00.000Z', history: [renewal('later', '2026-04-19')] })]),
      { mode: 'merge', keepInvalid: false },
      at(2),
    );
    const [, beforeReplace] = await loadRestorePoints();
    await restoreRestorePoint(beforeReplace!.id, at(3));
    const { cards } = await loadCards();
    expect(cards.map((c) => c.id)).toEqual(['new', 'a']);
    expect(cards[1]!.label).toBe('Edited later');
    expect(cards[1]!.history.map((e) => e.id)).toEqual(['old', 'later']);
  });

  it('puts back the settings only when the write it was taken before changed them', async () => {
    await settingsItem.setValue({ reminderTime: '07:00' });
    await confirmImport(file([], { reminderTime: '10:00' }), { mode: 'replace', keepInvalid: false }, at(1));
    await confirmImport(file([makeCard('x')]), { mode: 'merge', keepInvalid: false }, at(2));
    const [merge, replace] = await loadRestorePoints();
    expect([merge!.summary.settings, replace!.summary.settings]).toEqual([false, true]);
    await restoreRestorePoint(merge!.id, at(3));
    expect(await settingsItem.getValue()).toEqual({ reminderTime: '10:00' });
    await restoreRestorePoint(replace!.id, at(4));
    expect(await settingsItem.getValue()).toEqual({ reminderTime: '07:00' });
  });

  it('keeps the last ten, newest first, and the undo of an import is one too', async () => {
    for (let i = 0; i < 12; i++) await confirmImport(file([makeCard(`c${i}`)]), { mode: 'merge', keepInvalid: false }, at(i));
    await restoreImportUndo(at(12));
    const points = await loadRestorePoints();
    expect(points).toHaveLength(MAX_RESTORE_POINTS);
    expect(points[0]!.kind).toBe('undo');
    expect(points.map((p) => p.takenAt)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((m) => at(m).toISOString()));
  });

  it('never holds the CalDAV password, and a restore leaves the calendar account alone', async () => {
    const account = { serverUrl: 'https://dav.example.com/', username: 'me', password: 'app-password-7f3k' };
    await calendarAccountItem.setValue(account);
    await cardsItem.setValue([makeCard('a')]);
    await confirmImport(file([makeCard('b')], { reminderTime: '10:00' }), { mode: 'replace', keepInvalid: false }, at(1));
    await restoreImportUndo(at(2));
    await restoreRestorePoint((await loadRestorePoints())[0]!.id, at(3));
    expect(JSON.stringify(await restorePointsItem.getValue())).not.toContain('app-password-7f3k');
    expect(await calendarAccountItem.getValue()).toEqual(account);
  });

  it('stays within its size budget, always keeping the newest point', () => {
    const point = (id: string, size: number): RestorePointV1 => ({
      id,
      takenAt: NOW.toISOString(),
      kind: 'merge',
      summary: { added: 0, changed: 0, removed: 0, settings: false },
      cards: ['x'.repeat(size)],
      settings: {},
    });
    const older = [point('b', 400), point('c', 400)];
    expect(withRestorePoint(older, point('a', 400), 1_300).map((p) => p.id)).toEqual(['a', 'b']);
    expect(withRestorePoint(older, point('a', 5_000), 1_300).map((p) => p.id)).toEqual(['a']);
  });

  it('nothing stored before a run of imports is missing after restoring its first point (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        cardListArb,
        fc.array(fc.tuple(cardListArb, fc.constantFrom('merge' as const, 'replace' as const)), { minLength: 1, maxLength: 3 }),
        async (original, imports) => {
          fakeBrowser.reset();
          await cardsItem.setValue(original);
          for (const [i, [cards, mode]] of imports.entries()) await confirmImport(file(cards), { mode, keepInvalid: false }, at(i));
          const points = await loadRestorePoints();
          await restoreRestorePoint(points.at(-1)!.id, at(10));
          const after = new Map((await loadCards()).cards.map((c) => [c.id, c]));
          for (const card of original) {
            const back = after.get(card.id);
            expect(back).toBeDefined();
            for (const event of card.history) expect(back!.history.map((e) => e.id)).toContain(event.id);
          }
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  }, 30_000);
});
