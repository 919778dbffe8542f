import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { deleteCardKept, loadRecentlyDeleted, restoreDeletedCard } from '../../lib/store/recently-deleted-store';
import { withoutEvent } from '../../lib/cards/ops';
import { loadCards, updateCards } from '../../lib/store/storage';
import { webdavAccountItem, webdavKeyItem, webdavRecordItem, webdavStateItem } from '../../lib/store/webdav-storage';
import { backoffMs, createWebDavService, WEBDAV_ROUND_ALARM, PERIOD_MS } from '../../lib/webdav/service';
import { parseWebDavState, type WebDavAccount, type WebDavState } from '../../lib/webdav/stored';
import { makeCard } from './card-fixture';
import { cheapDerive, FolderBrowser, type MemoryFolder, newMemoryFolder } from './webdav-sim';

/*
 * The background edge of the WebDAV folder with fakeBrowser and an in-memory folder:
 * a round merges both ways and records how it went, a failure is recorded in words
 * and retried later each time, the key is derived once, and Disconnect keeps the
 * cards and removes the secrets.
 */

const NOW = new Date(Date.UTC(2026, 2 /* Mar */, 1, 8));
const PASSPHRASE = 'correct horse';
const account: WebDavAccount = {
  folderUrl: 'https://dav.example.org/files/me/sim/',
  username: 'me',
  password: 'app-password',
  passphrase: PASSPHRASE,
  connectedAt: NOW.toISOString(),
};
let granted = true;
let reachable = true;
let folder: MemoryFolder;
let folderKey: Awaited<ReturnType<typeof newMemoryFolder>>['key'];
let other: FolderBrowser;
let derivations = 0;

function service(clock = () => NOW) {
  return createWebDavService({
    browser: fakeBrowser as unknown as Parameters<typeof createWebDavService>[0]['browser'],
    now: clock,
    files: () => folder.view(() => reachable),
    deriveBits: async (passphrase, salt, iterations) => {
      derivations++;
      return cheapDerive(passphrase, salt, iterations);
    },
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  granted = true;
  reachable = true;
  derivations = 0;
  fakeBrowser.permissions.contains = vi.fn(async () => granted) as never;
  const made = await newMemoryFolder(PASSPHRASE);
  folder = made.folder;
  folderKey = made.key;
  other = new FolderBrowser('other', folder, made.key, () => NOW.getTime());
});

describe('the WebDAV service', () => {
  it('does nothing without a folder', async () => {
    expect(await service().run()).toBeNull();
    expect(folder.puts).toBe(0);
  });

  it('sends this browser’s cards, receives another browser’s, and records the round', async () => {
    other.cards = [makeCard('theirs', { label: 'From the other browser' })];
    await other.sync();
    await updateCards(() => [makeCard('mine')]);
    await webdavAccountItem.setValue(account);
    const state = await service().run();
    expect(state?.last).toMatchObject({ ok: true, cards: 2 });
    expect((await loadCards()).cards.map((card) => card.id).sort()).toEqual(['mine', 'theirs']);
    await other.sync();
    expect(other.cards.map((card) => card.id).sort()).toEqual(['mine', 'theirs']);
    expect((await fakeBrowser.alarms.get(WEBDAV_ROUND_ALARM))?.scheduledTime).toBe(NOW.getTime() + PERIOD_MS);
    // The passphrase and password stay in storage.local's account only; the state holds neither.
    expect(JSON.stringify(await webdavStateItem.getValue())).not.toContain(PASSPHRASE);
    expect(JSON.stringify(await webdavStateItem.getValue())).not.toContain(account.password);
  });

  it('a card deleted by another browser and then put back there keeps what this browser recorded on it meanwhile', async () => {
    let now = NOW.getTime();
    const clock = () => now;
    const there = new FolderBrowser('there', folder, folderKey, clock);
    const background = service(() => new Date(now));
    await updateCards(() => [makeCard('c', { label: 'Shared' })]);
    await webdavAccountItem.setValue(account);
    await background.run();
    await there.sync();
    const original = there.cards.find((card) => card.id === 'c')!;
    // Here: a renewal recorded while the other browser deletes the card; the deletion arrives first.
    now += 60_000;
    await updateCards((cards) =>
      cards.map((card) =>
        card.id === 'c'
          ? { ...card, history: [{ id: 'renewed-here', kind: 'renewed', date: '2026-03-01' }], updatedAt: new Date(now).toISOString() }
          : card,
      ),
    );
    now += 60_000;
    there.cards = [];
    await there.sync();
    now += 60_000;
    await background.run();
    expect((await loadCards()).cards.map((card) => card.id)).toEqual([]);
    // There: Undo puts its old copy back; here, the card comes back with the renewal, and the next round shares it.
    now += 60_000;
    there.cards = [original];
    await there.sync();
    now += 60_000;
    await background.run();
    expect((await loadCards()).cards.find((card) => card.id === 'c')?.history.map((event) => event.id)).toEqual(['renewed-here']);
    now += 60_000;
    await background.run();
    await there.sync();
    expect(there.cards.find((card) => card.id === 'c')?.history.map((event) => event.id)).toEqual(['renewed-here']);
  });

  it('a renewal undone here just before the card was deleted stays undone when the card is put back (Recently deleted read)', async () => {
    let now = NOW.getTime();
    const there = new FolderBrowser('there', folder, folderKey, () => now);
    const background = service(() => new Date(now));
    await updateCards(() => [makeCard('c', { history: [{ id: 'oops', kind: 'renewed', date: '2026-03-01' }] })]);
    await webdavAccountItem.setValue(account);
    await background.run();
    await there.sync();
    // Here, between two rounds: the renewal undone, then the card deleted (kept in Recently deleted).
    now += 60_000;
    await updateCards((cards) => cards.map((card) => withoutEvent(card, 'oops', new Date(now))));
    const copy = await deleteCardKept('c', new Date(now));
    now += 60_000;
    await background.run();
    // Put back; the other browser still holds the card's earlier life, renewal and all.
    now += 60_000;
    await restoreDeletedCard(copy!);
    await background.run();
    await there.sync();
    now += 60_000;
    await background.run();
    expect((await loadCards()).cards.map((card) => card.history.length)).toEqual([0]);
    expect(there.cards.map((card) => card.history.length)).toEqual([0]);
  });

  it('a round with nothing new reads no file and leaves the large record alone', async () => {
    await updateCards(() => Array.from({ length: 20 }, (_, i) => makeCard(`c${i}`)));
    await webdavAccountItem.setValue(account);
    const background = service();
    await background.run();
    const record = vi.spyOn(webdavRecordItem, 'setValue');
    const state = await background.run();
    expect(state?.last).toMatchObject({ ok: true, read: 0, written: 0, cards: 20 });
    expect(record).not.toHaveBeenCalled();
    // A change here is written, and so is the record.
    await updateCards((cards) => cards.slice(1));
    expect((await background.run())?.last).toMatchObject({ ok: true, written: 1, cards: 19 });
    expect(record).toHaveBeenCalled();
  });

  it('derives the key once and keeps it for the session', async () => {
    await webdavAccountItem.setValue(account);
    const background = service();
    await background.run();
    await background.run();
    expect(derivations).toBe(1);
    expect(await webdavKeyItem.getValue()).toMatchObject({ folderUrl: account.folderUrl });
    // A restarted service worker reads it from storage.session.
    await service().run();
    expect(derivations).toBe(1);
  });

  it('a wrong passphrase is an error in words, and nothing is written', async () => {
    await updateCards(() => [makeCard('mine')]);
    await webdavAccountItem.setValue({ ...account, passphrase: 'not it at all' });
    const state = await service().run();
    expect(state?.last).toMatchObject({ ok: false, code: 'passphrase' });
    expect(folder.puts).toBe(0);
    expect(await webdavKeyItem.getValue()).toBeNull();
  });

  it('an unreachable server or a missing permission is recorded and retried later each time; the cards stay', async () => {
    await updateCards(() => [makeCard('mine')]);
    await webdavAccountItem.setValue(account);
    reachable = false;
    let clock = NOW.getTime();
    const background = service(() => new Date(clock));
    for (const failures of [1, 2, 3]) {
      const state = await background.run();
      expect(state?.last).toMatchObject({ ok: false, code: 'unreachable' });
      expect(state?.failures).toBe(failures);
      expect((await fakeBrowser.alarms.get(WEBDAV_ROUND_ALARM))?.scheduledTime).toBe(clock + backoffMs(failures));
      clock += backoffMs(failures);
    }
    expect((await loadCards()).cards.map((card) => card.id)).toEqual(['mine']);
    reachable = true;
    granted = false;
    expect((await background.run())?.last).toMatchObject({ ok: false, code: 'permission' });
    granted = true;
    expect((await background.run())?.last).toMatchObject({ ok: true, cards: 1 });
  });

  it('Disconnect keeps the cards and removes the account, the state and the key', async () => {
    await updateCards(() => [makeCard('mine')]);
    await webdavAccountItem.setValue(account);
    const background = service();
    await background.run();
    expect(await background.handleMessage({ type: 'webdav:disconnect' })).toEqual({ ok: true });
    expect(await webdavAccountItem.getValue()).toBeNull();
    expect(parseWebDavState(await webdavStateItem.getValue())).toBeNull();
    expect(await webdavRecordItem.getValue()).toBeNull();
    expect(await webdavKeyItem.getValue()).toBeNull();
    expect(await fakeBrowser.alarms.get(WEBDAV_ROUND_ALARM)).toBeUndefined();
    expect((await loadCards()).cards.map((card) => card.id)).toEqual(['mine']);
    expect(folder.files.size).toBeGreaterThan(1);
  });

  it('after more than 60 days away the round is held, the cards named, nothing written, until the user confirms', async () => {
    const DAY = 24 * 60 * 60 * 1000;
    let now = NOW.getTime();
    const clock = () => now;
    const there = new FolderBrowser('there', folder, folderKey, clock);
    const background = service(() => new Date(now));
    await updateCards(() => [makeCard('gone', { label: 'Old Lyca' }), makeCard('kept', { label: 'Giffgaff' })]);
    await webdavAccountItem.setValue(account);
    await background.run();
    await there.sync();
    // The other browser deletes a card and keeps syncing; this one is away, and the tombstone file expires.
    there.cards = there.cards.filter((card) => card.id !== 'gone');
    await there.sync();
    now += 30 * DAY;
    await there.sync();
    now += 31 * DAY;
    await there.sync();
    expect(there.last?.removed).toBe(1);
    now += DAY;
    const puts = folder.puts;
    const held = await background.run();
    expect(held?.review).toEqual({ deleteHere: [], deleteElsewhere: [], returning: [{ id: 'gone', label: 'Old Lyca' }] });
    expect(held?.lastSuccessAt).toBe(NOW.toISOString());
    expect(held?.heldFor).toBe('away');
    expect(folder.puts).toBe(puts);
    expect((await loadCards()).cards.map((card) => card.id)).toEqual(['gone', 'kept']);
    expect(parseWebDavState(await webdavStateItem.getValue())?.review?.returning).toHaveLength(1);
    // Held again on the next round, until the user chooses.
    expect((await background.run())?.review?.returning).toHaveLength(1);
    expect(folder.puts).toBe(puts);

    // Confirmed while the server is unreachable: the choices wait, the review is not shown again.
    reachable = false;
    const failed = (await background.handleMessage({
      type: 'webdav:confirm',
      confirmation: { keep: [], remove: ['gone'] },
    })) as WebDavState;
    expect(failed.last).toMatchObject({ ok: false, code: 'unreachable' });
    expect(failed.review).toBeUndefined();
    expect(failed.confirmed).toEqual({ keep: [], remove: ['gone'] });
    expect((await loadCards()).cards.map((card) => card.id)).toEqual(['gone', 'kept']);
    reachable = true;
    now += 60_000;
    const done = (await background.run()) as WebDavState;
    expect(done.review).toBeUndefined();
    expect(done.confirmed).toBeUndefined();
    expect(done.last).toMatchObject({ ok: true, cards: 1 });
    expect(done.lastSuccessAt).toBe(new Date(now).toISOString());
    expect((await loadCards()).cards.map((card) => card.id)).toEqual(['kept']);
    // Let go here, it stays 30 days in Recently deleted: nothing is lost.
    expect((await loadRecentlyDeleted(new Date(now))).map((entry) => entry.card.id)).toEqual(['gone']);
    await there.sync();
    expect(there.cards.map((card) => card.id)).toEqual(['kept']);
  });

  it('connecting to a folder that deleted cards this browser holds is held and named; after Disconnect, connecting again asks again', async () => {
    other.cards = [makeCard('gone', { label: 'Old Lyca' }), makeCard('kept', { label: 'Giffgaff' })];
    await other.sync();
    other.cards = other.cards.filter((card) => card.id !== 'gone');
    await other.sync();
    // The same backup imported here before connecting.
    await updateCards(() => [makeCard('gone', { label: 'Old Lyca' }), makeCard('kept', { label: 'Giffgaff' })]);
    await webdavAccountItem.setValue(account);
    const background = service();
    const puts = folder.puts;
    const held = (await background.run()) as WebDavState;
    expect(held.review).toEqual({ deleteHere: [{ id: 'gone', label: 'Old Lyca' }], deleteElsewhere: [], returning: [] });
    expect(held.heldFor).toBe('joining');
    expect(held.lastSuccessAt).toBeNull();
    expect(folder.puts).toBe(puts);
    expect((await loadCards()).cards.map((card) => card.id)).toEqual(['gone', 'kept']);

    // Disconnected and connected again: still a join, still asked.
    await background.handleMessage({ type: 'webdav:disconnect' });
    await webdavAccountItem.setValue(account);
    expect(((await background.run()) as WebDavState).heldFor).toBe('joining');
    const kept = (await background.handleMessage({ type: 'webdav:confirm', confirmation: { keep: ['gone'], remove: [] } })) as WebDavState;
    expect(kept.review).toBeUndefined();
    expect(kept.heldFor).toBeUndefined();
    expect(kept.last).toMatchObject({ ok: true, cards: 2 });
    await other.sync();
    expect(other.cards.map((card) => card.id).sort()).toEqual(['gone', 'kept']);
    // Joined: the record knows the cards now, and the next round is an ordinary one.
    expect((await background.run())?.review).toBeUndefined();
  });

  it('a held review or choices that cannot be read are left out, never the state', () => {
    const stored = {
      folderUrl: account.folderUrl,
      device: 'dev1',
      manifestEtag: null,
      last: null,
      lastSuccessAt: NOW.toISOString(),
      failures: 0,
    };
    expect(parseWebDavState({ ...stored, review: { returning: 'x' }, confirmed: { keep: [1] } })).toEqual(stored);
    const review = { deleteHere: [], deleteElsewhere: [], returning: [{ id: 'a', label: 'A' }] };
    expect(parseWebDavState({ ...stored, review, confirmed: { keep: ['a'], remove: [] } })).toEqual({
      ...stored,
      review,
      confirmed: { keep: ['a'], remove: [] },
    });
  });

  it('answers only its own messages', () => {
    expect(service().handleMessage({ type: 'webdav:confirm', confirmation: { keep: 'all' } })).toBeUndefined();
    expect(service().handleMessage({ type: 'calendar:updateNow' })).toBeUndefined();
  });
});
