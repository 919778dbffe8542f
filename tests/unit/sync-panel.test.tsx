// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncNotice, syncNoticeText } from '../../components/SyncNotice';
import { SyncPanel } from '../../components/SyncPanel';
import { cardsItem, syncPrefsItem, syncStatusItem } from '../../lib/store/storage';
import { makeCard } from './card-fixture';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { syncedElsewhere } from './sync-sim';
import type { SyncStatus } from '../../lib/sync/status';

afterEach(cleanup);

describe('the sync panel', () => {
  it('names every synced card whose latest renewal did not sync, and the deletions that wait for room', async () => {
    await syncPrefsItem.setValue({ enabled: true, deviceId: 'dev0' });
    const status: SyncStatus = {
      bytes: 101_000,
      items: 42,
      storedCards: 41,
      stale: [
        { id: 'a', label: '紫卡', reason: 'no-room' },
        { id: 'b', label: 'giffgaff', reason: 'too-big' },
      ],
      deletionsLeftOut: ['x', 'y', 'z'],
    };
    await syncStatusItem.setValue(status);
    render(<SyncPanel userTimeZone="Asia/Shanghai" />);
    const stale = await screen.findByTestId('sync-stale');
    expect(stale.textContent).toContain("紫卡: this card's latest renewal or change did not sync (no room left in sync storage)");
    expect(stale.textContent).toContain("giffgaff: this card's latest renewal or change did not sync (the card is now over 8 KB)");
    expect(stale.textContent).toContain('older copy');
    expect(screen.getByTestId('sync-deletions-waiting').textContent).toContain('Deletions waiting for room in sync storage: 3');
    // The quota line is what the status read from sync storage: 42 items stored.
    expect(screen.getByTestId('sync-quota').textContent).toContain('98.6 KB of 100 KB, 42 items');
  });

  it('shows no stale warning when every synced card is up to date', async () => {
    await syncPrefsItem.setValue({ enabled: true, deviceId: 'dev0' });
    await syncStatusItem.setValue({ bytes: 2_048, items: 2, stale: [] });
    render(<SyncPanel userTimeZone="Asia/Shanghai" />);
    await screen.findByTestId('sync-quota');
    expect(screen.queryByTestId('sync-stale')).toBeNull();
    expect(screen.queryByTestId('sync-deletions-waiting')).toBeNull();
  });
});

describe('the sync preview', () => {
  it('gives focus back to the switch when it closes with Cancel (it fell to the page)', async () => {
    await syncPrefsItem.setValue({ enabled: false, deviceId: 'dev0' });
    await cardsItem.setValue([makeCard('a', { label: '紫卡' })]);
    // Another browser has synced a card of its own: turning sync on here shows the preview first.
    await fakeBrowser.storage.sync.set(syncedElsewhere([makeCard('elsewhere', { label: 'Elsewhere' })], new Date()));
    render(<SyncPanel userTimeZone="Asia/Shanghai" />);
    const toggle = await screen.findByRole('switch');
    await waitFor(() => expect((toggle as HTMLInputElement).disabled).toBe(false));
    fireEvent.click(toggle);
    const dialog = await screen.findByRole('dialog');
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    cancel.focus();
    fireEvent.click(cancel);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('switch')));
    expect(await syncPrefsItem.getValue()).toMatchObject({ enabled: false });
  });
});

describe('a sync round held for the user', () => {
  it('names each card with a Keep box, and records the choice for every card (kept or let go)', async () => {
    await syncPrefsItem.setValue({ enabled: true, deviceId: 'dev0', confirmed: { keep: [], remove: [] } });
    const status: SyncStatus = {
      review: {
        deleteElsewhere: [{ id: 'a', label: '紫卡' }],
        deleteHere: [{ id: 'b', label: 'giffgaff' }],
        returning: [{ id: 'c', label: '3HK' }],
      },
    };
    await syncStatusItem.setValue(status);
    render(<SyncPanel userTimeZone="Asia/Shanghai" />);
    const held = await screen.findByTestId('sync-held');
    expect(held.textContent).toContain('Sync is waiting for you');
    expect(screen.getByTestId('sync-review-elsewhere').textContent).toContain('will be deleted in your other browsers');
    expect(screen.getByTestId('sync-review-here').textContent).toContain('will be deleted here');
    // A card that would come back is kept unless unticked; deletions stay deletions unless ticked.
    await waitFor(() => expect((screen.getByLabelText('Keep 3HK') as HTMLInputElement).checked).toBe(true));
    expect((screen.getByLabelText('Keep 紫卡') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByLabelText('Keep giffgaff'));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and sync' }));
    await waitFor(async () =>
      expect(await syncPrefsItem.getValue()).toEqual({ enabled: true, deviceId: 'dev0', confirmed: { keep: ['b', 'c'], remove: ['a'] } }),
    );
  });
});

describe('the popup line about sync', () => {
  it('says nothing while sync is off or up to date; names the stale cards, or the error, in one line', () => {
    const on = { enabled: true };
    expect(syncNoticeText({ enabled: false }, { stale: [{ id: 'a', label: '紫卡', reason: 'no-room' }] })).toBeNull();
    expect(syncNoticeText(on, { stale: [] })).toBeNull();
    expect(
      syncNoticeText(on, {
        stale: [
          { id: 'a', label: '紫卡', reason: 'no-room' },
          { id: 'b', label: 'giffgaff', reason: 'too-big' },
        ],
      }),
    ).toBe('Sync: the latest renewal or change of 紫卡, giffgaff did not reach your other browsers. Details in Cards and settings.');
    expect(syncNoticeText(on, { error: { kind: 'quota-bytes', at: 0 } })).toContain('Sync storage is full');
    expect(syncNoticeText(on, { review: { deleteHere: [], deleteElsewhere: [], returning: [{ id: 'a', label: '紫卡' }] } })).toBe(
      'Sync is waiting for you: choose which cards to keep, in Cards and settings.',
    );
    expect(syncNoticeText(on, { review: { deleteHere: [], deleteElsewhere: [], returning: [] } })).toBeNull();
  });

  it('shows in the popup once the status says a card is stale', async () => {
    await syncPrefsItem.setValue({ enabled: true, deviceId: 'dev0' });
    await syncStatusItem.setValue({ stale: [{ id: 'a', label: '紫卡', reason: 'no-room' }] });
    render(<SyncNotice />);
    expect((await screen.findByTestId('popup-sync')).textContent).toContain('紫卡');
  });
});
