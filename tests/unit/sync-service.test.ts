import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addCard, recordEvent } from '../../lib/store/card-actions';
import { deleteCardKept } from '../../lib/store/recently-deleted-store';
import { withoutEvent } from '../../lib/cards/ops';
import { loadCards, syncPrefsItem, syncStatusItem, updateCards } from '../../lib/store/storage';
import { createSyncService, SYNC_RETRY_ALARM } from '../../lib/sync/service';
import { parseSyncPrefs, parseSyncStatus } from '../../lib/sync/status';
import { syncRound } from '../../lib/sync/round';
import { EMPTY_BASE } from '../../lib/sync/merge-step';
import { syncNoticeText } from '../../components/SyncNotice';
import { cardKey } from '../../lib/sync/items';
import { clockAt } from '../../lib/sync/clock';
import { BURST } from '../../lib/sync/write-budget';
import type { Card } from '../../lib/cards/schema';
import { makeCard } from './card-fixture';
import { CHROME_ERRORS, FakeSyncArea } from './fake-sync-area';

type Browser = Parameters<typeof createSyncService>[0]['browser'];

let now = Date.UTC(2026, 2 /* Mar */, 10, 8);
let area: FakeSyncArea;
const start = () => createSyncService({ browser: fakeBrowser as unknown as Browser, area, now: () => new Date(now) });
const status = async () => parseSyncStatus(await syncStatusItem.getValue());

beforeEach(async () => {
  now = Date.UTC(2026, 2, 10, 8);
  area = new FakeSyncArea(() => now);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await updateCards(() => [makeCard('ultra', { label: '紫卡' })]);
});

describe('the sync service (the edge in the background)', () => {
  it('does nothing while sync is off: nothing is written to sync storage', async () => {
    expect(await start().run()).toBeUndefined();
    expect(await area.get(null)).toEqual({});
  });

  it('once on, writes one item per card and one for the settings, and shows the quota used', async () => {
    await syncPrefsItem.setValue({ enabled: true });
    await addCard(makeCard('giff', { label: 'giffgaff' }));
    const result = await start().run();
    expect(result?.wrote).toBe(true);
    expect(Object.keys(await area.get(null)).sort()).toEqual([cardKey('giff'), cardKey('ultra'), 'settings']);
    expect((await status()).bytes).toBe(await area.getBytesInUse());
    // A device id was made and kept.
    expect((await syncPrefsItem.getValue()) as { deviceId: string }).toMatchObject({ deviceId: expect.stringMatching(/^[a-z0-9]{8}$/) });
  });

  it('a change another browser wrote reaches the local cards, and the time it arrived is shown', async () => {
    await syncPrefsItem.setValue({ enabled: true });
    const service = start();
    await service.run();
    const item = (await area.get(null))[cardKey('ultra')] as { card: Card; f: Record<string, string> };
    now += 60_000;
    const renewed: Card = {
      ...item.card,
      label: '紫卡 (work)',
      history: [{ id: 'from-other', date: '2026-03-09', kind: 'renewed' }],
      updatedAt: new Date(now).toISOString(),
    };
    area.receive({ key: cardKey('ultra'), value: { ...item, card: renewed, f: { ...item.f, label: clockAt(now, 'other1') } } });
    await service.run();
    const [card] = (await loadCards()).cards;
    expect(card!.label).toBe('紫卡 (work)');
    expect(card!.history.map((e) => e.id)).toEqual(['from-other']);
    expect((await status()).lastReceivedAt).toBe(now);
  });

  it('a renewal undone just before the card was deleted here is recorded with the deletion (from Recently deleted)', async () => {
    await syncPrefsItem.setValue({ enabled: true });
    await updateCards(() => [makeCard('ultra', { history: [{ id: 'oops', kind: 'renewed', date: '2026-03-09' }] })]);
    const service = start();
    await service.run();
    // Between two rounds: the renewal undone, then the card deleted.
    now += 60_000;
    await updateCards((cards) => cards.map((card) => withoutEvent(card, 'oops', new Date(now))));
    await deleteCardKept('ultra', new Date(now));
    await service.run();
    const tombstone = (await area.get(null))[cardKey('ultra')] as { card?: Card; x?: Record<string, string> };
    expect(tombstone.card).toBeUndefined();
    expect(Object.keys(tombstone.x ?? {})).toEqual(['oops']);
  });

  it('when sync storage fails, the local change is saved all the same and the user is told', async () => {
    await syncPrefsItem.setValue({ enabled: true });
    area.broken = true;
    await recordEvent('ultra', { kind: 'renewed', id: 'local-renewal' }, new Date(now));
    expect(await start().run()).toBeUndefined();
    expect((await loadCards()).cards[0]!.history.map((e) => e.id)).toEqual(['local-renewal']);
    expect((await status()).error).toEqual({ kind: 'unavailable', at: now });
    // Back again: the change goes out and the error clears.
    area.broken = false;
    now += 1_000;
    await start().run();
    expect((await area.get(null))[cardKey('ultra')]).toMatchObject({ card: { history: [{ id: 'local-renewal' }] } });
    expect((await status()).error).toBeUndefined();
  });

  it('cards that do not fit beside what other browsers stored stay local, and the user is told which', async () => {
    await syncPrefsItem.setValue({ enabled: true });
    // Another browser's items (of a later format, so this one leaves them) fill the quota.
    for (let i = 0; i < 13; i++) area.receive({ key: `c.later${i}`, value: { v: 2, pad: 'x'.repeat(7_700) } });
    await start().run();
    expect(area.refused).toEqual([]);
    expect((await status()).localOnly).toEqual([{ id: 'ultra', label: '紫卡', reason: 'no-room' }]);
    expect((await loadCards()).cards.map((c) => c.id)).toEqual(['ultra']);
  });

  it('a write refused for the quota keeps the local cards, records the error and sets the retry alarm', async () => {
    await syncPrefsItem.setValue({ enabled: true });
    // Another browser fills the quota between this one's read and its write.
    const read = area.get.bind(area);
    area.get = async (keys) => {
      const seen = await read(keys);
      for (let i = 0; i < 13; i++) area.receive({ key: `c.later${i}`, value: { v: 2, pad: 'x'.repeat(7_900) } });
      return seen;
    };
    const result = await start().run();
    expect(result?.wrote).toBe(false);
    expect(area.refused).toEqual([CHROME_ERRORS.total]);
    expect((await status()).error).toEqual({ kind: 'quota-bytes', at: now });
    expect((await loadCards()).cards.map((c) => c.id)).toEqual(['ultra']);
    expect(await fakeBrowser.alarms.get(SYNC_RETRY_ALARM)).toMatchObject({ scheduledTime: now + 60_000 });
  });

  it('when the write budget is spent, writes wait for the retry alarm instead of meeting the rate limit', async () => {
    await syncPrefsItem.setValue({ enabled: true });
    const service = start();
    for (let i = 0; i <= BURST; i++) {
      await updateCards((cards) => cards.map((c) => ({ ...c, notes: `edit ${i}`, updatedAt: new Date(now).toISOString() })));
      await service.run();
    }
    expect(area.writes.length).toBe(BURST);
    const alarm = await fakeBrowser.alarms.get(SYNC_RETRY_ALARM);
    expect(alarm).toBeDefined();
    now = alarm!.scheduledTime;
    await service.handleAlarm({ name: SYNC_RETRY_ALARM });
    expect((await area.get(null))[cardKey('ultra')]).toMatchObject({ card: { notes: `edit ${BURST}` } });
    expect(area.refused).toEqual([]);
  });

  it('the status shows what sync storage holds (getBytesInUse, the items stored), not what was planned', async () => {
    await syncPrefsItem.setValue({ enabled: true });
    // Another browser fills the quota between this one's read and its write: the write is refused.
    const read = area.get.bind(area);
    let filled = false;
    area.get = async (keys) => {
      const seen = await read(keys);
      if (!filled) for (let i = 0; i < 13; i++) area.receive({ key: `c.later${i}`, value: { v: 2, pad: 'x'.repeat(7_900) } });
      filled = true;
      return seen;
    };
    const result = await start().run();
    expect(result?.wrote).toBe(false);
    const shown = await status();
    expect(shown.bytes).toBe(await area.getBytesInUse());
    expect(shown.items).toBe(Object.keys(await area.get(null)).length);
    // The plan counted this browser's card and settings beside what it read (nothing); only the other browser's 13 items are stored.
    expect(result?.round.plan.items).toBe(2);
    expect(shown.items).toBe(13);
    expect(shown.storedCards).toBe(0);
  });

  it('a synced card whose latest renewal cannot be written is reported stale, and the other browsers keep the old copy', async () => {
    await syncPrefsItem.setValue({ enabled: true });
    const service = start();
    await service.run();
    expect((await status()).storedCards).toBe(1);
    // Another browser's items (a later format, left alone) fill what is left.
    const room = 102_400 - 2_048 - (await area.getBytesInUse());
    for (let i = 0; i * 7_000 < room - 500; i++)
      area.receive({ key: `later${i}`, value: { v: 2, pad: 'x'.repeat(Math.min(7_000, room - 500 - i * 7_000)) } });
    now += 60_000;
    await updateCards((cards) =>
      cards.map((c) => ({
        ...c,
        notes: 'x'.repeat(1_000),
        history: [{ id: 'renewal', date: '2026-03-10', kind: 'renewed' }],
        updatedAt: new Date(now).toISOString(),
      })),
    );
    await service.run();
    expect(area.refused).toEqual([]);
    expect((await status()).stale).toEqual([{ id: 'ultra', label: '紫卡', reason: 'no-room' }]);
    expect(((await area.get(null))[cardKey('ultra')] as { card: Card }).card.history).toEqual([]);
    // The local card keeps its renewal.
    expect((await loadCards()).cards[0]!.history.map((e) => e.id)).toEqual(['renewal']);
    // A small marker in sync storage (within the quota: nothing was refused) names the card for the other browsers…
    const device = parseSyncPrefs(await syncPrefsItem.getValue()).deviceId!;
    expect((await area.get(null))[`stale.${device}`]).toMatchObject({ v: 1, ids: ['ultra'] });
    const other = syncRound({
      local: [makeCard('ultra', { label: '紫卡' })],
      keptAsideIds: new Set(),
      settings: {},
      base: EMPTY_BASE,
      remote: await area.get(null),
      device: 'other1',
      now: new Date(now),
    });
    // …which say its copy there may be old, in the panel and the popup.
    expect(other.staleElsewhere).toEqual([{ id: 'ultra', label: '紫卡' }]);
    expect(syncNoticeText({ enabled: true }, { staleElsewhere: other.staleElsewhere })).toBe(
      'Sync: the latest change of 紫卡 in another browser did not sync; the deadline shown here may be old.',
    );
    // Room again: the renewal is written and the marker removed.
    await area.remove(Object.keys(await area.get(null)).filter((key) => key.startsWith('later')));
    now += 60_000;
    await service.run();
    expect((await status()).stale).toEqual([]);
    expect(Object.keys(await area.get(null))).not.toContain(`stale.${device}`);
  });

  it('a pass with nothing changed writes nothing to storage.local (the base is not rewritten)', async () => {
    await syncPrefsItem.setValue({ enabled: true });
    await addCard(makeCard('giff', { label: 'giffgaff', notes: '余额<5元' }));
    const service = start();
    await service.run();
    now += 60_000;
    await service.run();
    const writes = vi.spyOn(fakeBrowser.storage.local, 'set');
    const removes = vi.spyOn(fakeBrowser.storage.local, 'remove');
    now += 60_000;
    const result = await service.run();
    expect(result?.wrote).toBe(false);
    expect(writes).not.toHaveBeenCalled();
    expect(removes).not.toHaveBeenCalled();
    // A change writes the base again.
    await updateCards((cards) =>
      cards.map((c) => (c.id === 'giff' ? { ...c, notes: 'changed', updatedAt: new Date(now).toISOString() } : c)),
    );
    writes.mockClear();
    await service.run();
    expect(writes.mock.calls.some(([items]) => 'syncBase' in (items as object))).toBe(true);
  });
});
