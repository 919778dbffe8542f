import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Card } from '../../lib/cards/schema';
import { recordEvent } from '../../lib/store/card-actions';
import { clockAt } from '../../lib/sync/clock';
import { loadCards, syncPrefsItem, syncStatusItem, updateCards } from '../../lib/store/storage';
import { recentlyDeletedItem } from '../../lib/store/recently-deleted-store';
import { parseRecentlyDeleted } from '../../lib/store/recently-deleted';
import { confirmSyncReview, setSyncEnabled } from '../../lib/sync/enable';
import { cardKey } from '../../lib/sync/items';
import { TOMBSTONE_MS } from '../../lib/sync/limits';
import { syncRound } from '../../lib/sync/round';
import { EMPTY_BASE } from '../../lib/sync/merge-step';
import { createSyncService } from '../../lib/sync/service';
import { parseSyncPrefs, parseSyncStatus } from '../../lib/sync/status';
import { makeCard } from './card-fixture';
import { FakeSyncArea } from './fake-sync-area';

type Browser = Parameters<typeof createSyncService>[0]['browser'];

let now = Date.UTC(2026, 2 /* Mar */, 10, 8);
let area: FakeSyncArea;
const start = () => createSyncService({ browser: fakeBrowser as unknown as Browser, area, now: () => new Date(now) });
const status = async () => parseSyncStatus(await syncStatusItem.getValue());
const localIds = async () => (await loadCards()).cards.map((card) => card.id).sort();

/** Sync storage as another browser left it: `alive` cards, and tombstones for `deleted`. */
async function otherBrowserWrote(alive: string[], deleted: string[]) {
  const first = syncRound({
    local: [...alive, ...deleted].map((id) => makeCard(id, { label: `SIM ${id}` })),
    keptAsideIds: new Set(),
    settings: {},
    base: EMPTY_BASE,
    remote: {},
    device: 'other1',
    now: new Date(now - 2000),
  });
  const second = syncRound({
    local: first.cards.filter((card) => alive.includes(card.id)),
    keptAsideIds: new Set(),
    settings: {},
    base: first.base,
    remote: first.plan.set,
    device: 'other1',
    now: new Date(now - 1000),
  });
  await area.set({ ...first.plan.set, ...second.plan.set });
}

beforeEach(() => {
  now = Date.UTC(2026, 2, 10, 8);
  area = new FakeSyncArea(() => now);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('the background holds a reviewed round until the user confirms', () => {
  it('turned on with cards that sync storage deleted: nothing is deleted until the user chooses, then only what was let go', async () => {
    await otherBrowserWrote(['keep1'], ['p', 'q']);
    await updateCards(() => [makeCard('p', { label: 'SIM p' }), makeCard('q', { label: 'SIM q' })]);
    // Turned on from somewhere that did not show the cards (an empty confirmation).
    await setSyncEnabled(true);
    const held = await start().run();
    expect(held?.round.held?.deleteHere.map((card) => card.label)).toEqual(['SIM p', 'SIM q']);
    expect(await localIds()).toEqual(['p', 'q']);
    expect((await status()).review?.deleteHere).toHaveLength(2);
    expect(Object.keys(await area.get(null)).sort()).toEqual([cardKey('keep1'), cardKey('p'), cardKey('q'), 'settings']);

    await confirmSyncReview({ keep: ['q'], remove: ['p'] });
    now += 1000;
    const done = await start().run();
    expect(done?.round.held).toBeUndefined();
    expect(await localIds()).toEqual(['keep1', 'q']);
    // The card let go stays 30 days in Recently deleted, as deleted by another browser.
    expect(parseRecentlyDeleted(await recentlyDeletedItem.getValue()).map((entry) => [entry.card.id, entry.by])).toEqual([['p', 'sync']]);
    // The review is over: the status has none, the choice is cleared, the round time recorded.
    expect((await status()).review).toBeUndefined();
    expect((await status()).lastRoundAt).toBe(now);
    expect(parseSyncPrefs(await syncPrefsItem.getValue()).confirmed).toBeUndefined();
  });

  it('a browser whose last round is older than the tombstones asks before bringing back a card sync storage no longer has', async () => {
    await otherBrowserWrote(['a'], []);
    await updateCards(() => [makeCard('a', { label: 'SIM a' })]);
    await setSyncEnabled(true);
    await start().run();
    await updateCards((cards) => [...cards, makeCard('gone', { label: 'Old SIM' })]);
    await start().run();
    expect(Object.keys(await area.get(null))).toContain(cardKey('gone'));
    // Away 61 days; meanwhile another browser deleted "gone" and its tombstone expired.
    await area.remove([cardKey('gone')]);
    now += TOMBSTONE_MS + 24 * 60 * 60 * 1000;
    const held = await start().run();
    expect(held?.round.held?.returning.map((card) => card.label)).toEqual(['Old SIM']);
    expect(Object.keys(await area.get(null))).not.toContain(cardKey('gone'));
    await confirmSyncReview({ keep: [], remove: ['gone'] });
    await start().run();
    expect(await localIds()).toEqual(['a']);
    // The next round is an ordinary one.
    now += 1000;
    expect((await start().run())?.round.held).toBeUndefined();
  });

  it('a card removed here by sync and then put back in another browser keeps what this browser recorded offline', async () => {
    await otherBrowserWrote(['x'], []);
    await updateCards(() => [makeCard('x', { label: 'SIM x' })]);
    await setSyncEnabled(true);
    const service = start();
    await service.run();
    const item = (await area.get(null))[cardKey('x')] as { b: string; card: Card };
    // Offline here: a renewal. Meanwhile the other browser deletes the card.
    now += 60_000;
    await recordEvent('x', { kind: 'renewed', date: '2026-03-11' }, new Date(now));
    const deletedAt = clockAt(now + 1000, 'other1');
    await area.set({ [cardKey('x')]: { v: 1, b: item.b, d: deletedAt } });
    now += 2000;
    await service.run();
    expect(await localIds()).toEqual([]);
    // The other browser undoes the delete: a new life, without the renewal made here.
    await area.set({ [cardKey('x')]: { v: 1, card: item.card, b: clockAt(now + 1000, 'other1'), d: deletedAt } });
    now += 2000;
    await service.run();
    expect((await loadCards()).cards[0]!.history.map((event) => event.date)).toEqual(['2026-03-11']);
    // The next round shares it, and the copy is off Recently deleted.
    now += 60_000;
    await service.run();
    const shared = (await area.get(null))[cardKey('x')] as { card: Card };
    expect(shared.card.history.map((event) => event.date)).toEqual(['2026-03-11']);
    expect(parseRecentlyDeleted(await recentlyDeletedItem.getValue())).toEqual([]);
  });
});
