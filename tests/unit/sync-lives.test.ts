import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { runs } from './property-runs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { withEvent } from '../../lib/cards/ops';
import type { Card } from '../../lib/cards/schema';
import { addCard, deleteCard, recordEvent, restoreCard } from '../../lib/store/card-actions';
import { loadCards, updateCards } from '../../lib/store/storage';
import { restoreImportUndo } from '../../lib/store/import-store';
import { EMPTY_BASE, type SyncBase } from '../../lib/sync/merge-step';
import { syncRound } from '../../lib/sync/round';
import { readImportFile } from '../../lib/transfer/read-file';
import { confirmImport } from '../../lib/transfer/service';
import { makeCard } from './card-fixture';

/*
 * Events are facts: a card deleted and put back (Undo, a restore) keeps what any
 * browser recorded on it, here or in a browser that was offline meanwhile.
 */

const HOUR = 60 * 60 * 1000;
const START = Date.UTC(2026, 2 /* Mar */, 10, 8);

/** A browser whose local cards live in memory; all share one sync storage. */
class Browser {
  cards: Card[] = [];
  base: SyncBase = EMPTY_BASE;
  constructor(
    readonly device: string,
    readonly storage: Record<string, unknown>,
  ) {}
  round(at: number) {
    const result = syncRound({
      local: this.cards,
      keptAsideIds: new Set(),
      settings: {},
      base: this.base,
      remote: { ...this.storage },
      device: this.device,
      now: new Date(at),
    });
    this.cards = result.cards;
    this.base = result.base;
    for (const key of result.plan.remove) delete this.storage[key];
    Object.assign(this.storage, result.plan.set);
  }
}

const renewals = (card: Card | undefined) => (card?.history ?? []).map((event) => event.date);

describe('Undo of a delete, with another browser offline', () => {
  it("keeps the other browser's offline renewals and note (they merge into the restored card)", () => {
    const storage: Record<string, unknown> = {};
    const a = new Browser('aaaa', storage);
    const b = new Browser('bbbb', storage);
    a.cards = [makeCard('x', { label: '紫卡' })];
    a.round(START);
    b.round(START + 1000);
    // B offline: three renewals and a note.
    let offline = b.cards[0]!;
    for (const [i, date] of ['2026-03-11', '2026-04-10', '2026-05-10'].entries())
      offline = withEvent(offline, { kind: 'renewed', date }, new Date(START + (i + 1) * HOUR));
    b.cards = [{ ...offline, notes: 'PIN 1234 on the sleeve', updatedAt: new Date(START + 4 * HOUR).toISOString() }];
    // A deletes the card and undoes it (each change synced at once).
    const deleted = a.cards[0]!;
    a.cards = [];
    a.round(START + 5 * HOUR);
    a.cards = [deleted];
    a.round(START + 5 * HOUR + 5000);
    // B is back.
    b.round(START + 6 * HOUR);
    a.round(START + 6 * HOUR + 1000);
    for (const browser of [a, b]) {
      expect(renewals(browser.cards[0])).toEqual(['2026-03-11', '2026-04-10', '2026-05-10']);
      expect(browser.cards[0]!.notes).toBe('PIN 1234 on the sleeve');
    }
  });

  it('a deletion that is not undone still wins over the offline renewals (the card stays deleted)', () => {
    const storage: Record<string, unknown> = {};
    const a = new Browser('aaaa', storage);
    const b = new Browser('bbbb', storage);
    a.cards = [makeCard('x')];
    a.round(START);
    b.round(START + 1000);
    b.cards = [withEvent(b.cards[0]!, { kind: 'renewed', date: '2026-03-11' }, new Date(START + HOUR))];
    a.cards = [];
    a.round(START + 2 * HOUR);
    b.round(START + 3 * HOUR);
    expect(b.cards).toEqual([]);
  });
});

describe('property: Undo of a delete keeps every event any browser recorded on the card', () => {
  it('offline renewals in other browsers, deletes and undos in any order: every event not undone is in the final card everywhere', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('renew' as const), who: fc.nat(2), day: fc.integer({ min: 11, max: 28 }) }),
      fc.record({ kind: fc.constant('deleteUndo' as const), who: fc.nat(2) }),
      fc.record({ kind: fc.constant('online' as const), who: fc.nat(2) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const storage: Record<string, unknown> = {};
        const browsers = ['aaaa', 'bbbb', 'cccc'].map((device) => new Browser(device, storage));
        const online = [true, false, false];
        let at = START;
        const later = () => {
          at += 1000;
          return at;
        };
        browsers[0]!.cards = [makeCard('x')];
        for (const browser of browsers) browser.round(later());
        const recorded: string[] = [];
        for (const s of steps) {
          const browser = browsers[s.who]!;
          at += 60_000;
          if (s.kind === 'renew') {
            const card = browser.cards[0];
            if (!card) continue;
            const next = withEvent(card, { kind: 'renewed', date: `2026-03-${s.day}` }, new Date(at));
            recorded.push(next.history.at(-1)!.id);
            browser.cards = [next];
          } else if (s.kind === 'deleteUndo') {
            // Delete and Undo, each synced at once while online (the toast's Undo within seconds).
            const card = browser.cards[0];
            if (!card) continue;
            browser.cards = [];
            if (online[s.who]) browser.round(at);
            browser.cards = [card];
            at += 5000;
          } else online[s.who] = true;
          if (online[s.who]) browser.round(at);
        }
        // Everyone online; rounds until nothing changes.
        for (let pass = 0; pass < 3; pass++) for (const browser of browsers) browser.round(later());
        for (const browser of browsers) {
          expect(browser.cards).toHaveLength(1);
          const ids = new Set(browser.cards[0]!.history.map((event) => event.id));
          for (const id of recorded) expect(ids.has(id), `event ${id} in ${browser.device}`).toBe(true);
        }
      }),
      { seed: 1719, numRuns: runs(150) },
    );
  });
});

describe('Restore the state before the import, with sync', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a renewal recorded after a Replace all import, in the other browser, survives the restore in both', async () => {
    const storage: Record<string, unknown> = {};
    // Browser A's cards are the extension's storage; B is simulated.
    const a = new Browser('aaaa', storage);
    const b = new Browser('bbbb', storage);
    const syncA = async (at: number) => {
      a.cards = (await loadCards()).cards;
      a.round(at);
      await updateCards(() => a.cards);
    };
    await addCard(makeCard('k', { label: 'giffgaff' }));
    await addCard(makeCard('gone', { label: '3HK' }));
    await syncA(START);
    b.round(START + 1000);
    const file = JSON.stringify({
      format: 'sim-keeper-backup',
      version: 1,
      cards: [makeCard('k', { label: 'giffgaff' }), makeCard('fromfile')],
    });
    const read = await readImportFile(new TextEncoder().encode(file), {
      userTimeZone: 'Asia/Shanghai',
      now: new Date(START + HOUR),
      existing: (await loadCards()).cards,
    });
    if (!read.ok) throw new Error(read.error);
    await confirmImport(read.candidates, { mode: 'replace', keepInvalid: false }, new Date(START + HOUR));
    await syncA(START + HOUR + 1000);
    b.round(START + HOUR + 2000);
    expect(b.cards.map((card) => card.id).sort()).toEqual(['fromfile', 'k']);
    // B renews k after the import; A receives it.
    b.cards = b.cards.map((card) =>
      card.id === 'k' ? withEvent(card, { kind: 'renewed', date: '2026-03-12' }, new Date(START + 2 * HOUR)) : card,
    );
    b.round(START + 2 * HOUR);
    await syncA(START + 2 * HOUR + 1000);
    // A restores the state before the import.
    expect(await restoreImportUndo(new Date(START + 3 * HOUR))).toBe(true);
    await syncA(START + 3 * HOUR + 1000);
    b.round(START + 3 * HOUR + 2000);
    for (const cards of [(await loadCards()).cards, b.cards]) {
      expect(cards.map((card) => card.id).sort()).toEqual(['gone', 'k']);
      expect(renewals(cards.find((card) => card.id === 'k'))).toEqual(['2026-03-12']);
    }
  });

  it('Undo of a delete in the options page merges with what another browser recorded meanwhile', async () => {
    const storage: Record<string, unknown> = {};
    const a = new Browser('aaaa', storage);
    const b = new Browser('bbbb', storage);
    const syncA = async (at: number) => {
      a.cards = (await loadCards()).cards;
      a.round(at);
      await updateCards(() => a.cards);
    };
    await addCard(makeCard('x'));
    await syncA(START);
    b.round(START + 1000);
    b.cards = [withEvent(b.cards[0]!, { kind: 'topped-up', date: '2026-03-11' }, new Date(START + HOUR))];
    const deleted = await deleteCard('x');
    await syncA(START + 2 * HOUR);
    await restoreCard(deleted!);
    await syncA(START + 2 * HOUR + 1000);
    expect(await recordEvent('x', { kind: 'renewed', date: '2026-03-13' }, new Date(START + 2 * HOUR + 2000))).toBe(true);
    await syncA(START + 2 * HOUR + 3000);
    b.round(START + 3 * HOUR);
    await syncA(START + 3 * HOUR + 1000);
    expect(renewals((await loadCards()).cards[0])).toEqual(['2026-03-11', '2026-03-13']);
    expect(renewals(b.cards[0])).toEqual(['2026-03-11', '2026-03-13']);
  });
});
