// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../entrypoints/options/App';
import { cardsItem, loadCards, settingsItem } from '../../lib/store/storage';
import { syncedElsewhere } from './sync-sim';
import { makeCard } from './card-fixture';

/*
 * A message at the bottom of the options page never covers a dialog's buttons (the sync preview's Merge
 * sat under a delete's Undo for its eight seconds): it waits while a dialog is shown, and shows after.
 */

// 10:00 on 22 November 2026 in Shanghai.
const NOW = new Date('2026-11-22T02:00:00Z');
const toastRegion = () => document.querySelector('.toast-region') as HTMLElement;

describe('options page: a message waits while a dialog is shown', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    await settingsItem.setValue({ timeZone: 'Asia/Shanghai' });
    await cardsItem.setValue([makeCard('gg', { label: 'giffgaff' }), makeCard('mint', { label: 'Mint' })]);
    // Another browser has synced a card of its own: turning sync on here shows the preview first.
    await fakeBrowser.storage.sync.set(syncedElsewhere([makeCard('elsewhere', { label: 'Elsewhere' })], NOW));
    location.hash = '';
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('hides the Undo of a delete while the sync preview is open, and brings it back, still working, after Cancel', async () => {
    render(<OptionsApp />);
    await screen.findByText('giffgaff', { selector: 'strong' });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete giffgaff' })));
    await vi.waitFor(() => expect(toastRegion().textContent).toContain('Deleted “giffgaff”.'));

    await act(async () => fireEvent.click(screen.getByRole('switch', { name: 'Keep my cards in sync across my browsers' })));
    const preview = await screen.findByRole('dialog');
    expect(within(preview).getByRole('button', { name: 'Merge and turn on sync' })).toBeTruthy();
    // Nothing over the preview's buttons; the live region stays on the page, empty.
    await vi.waitFor(() => expect(toastRegion().textContent).toBe(''));
    expect(toastRegion().getAttribute('role')).toBe('status');

    await act(async () => fireEvent.click(within(preview).getByRole('button', { name: 'Cancel' })));
    expect(screen.queryByRole('dialog')).toBeNull();
    await vi.waitFor(() => expect(toastRegion().textContent).toContain('Deleted “giffgaff”.'));
    // The delete is still undoable, and Undo did not take focus from where the dialog left it.
    const undo = within(toastRegion()).getByRole('button', { name: 'Undo' });
    expect(document.activeElement).not.toBe(undo);
    await act(async () => fireEvent.click(undo));
    await vi.waitFor(async () => expect((await loadCards()).cards.map((card) => card.id).sort()).toEqual(['gg', 'mint']));
  });
});

describe('options page: deleting the only card while the sync preview is open', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    await settingsItem.setValue({ timeZone: 'Asia/Shanghai' });
    await cardsItem.setValue([makeCard('mint', { label: 'Mint' })]);
    await fakeBrowser.storage.sync.set(syncedElsewhere([makeCard('elsewhere', { label: 'Elsewhere' })], NOW));
    location.hash = '';
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('never leaves focus on the page: the card list heading holds it, then the Undo that comes back takes it', async () => {
    render(<OptionsApp />);
    await screen.findByText('Mint', { selector: 'strong' });
    const syncSwitch = screen.getByRole('switch', { name: 'Keep my cards in sync across my browsers' }) as HTMLInputElement;
    await vi.waitFor(() => expect(syncSwitch.disabled).toBe(false));
    await act(async () => fireEvent.click(syncSwitch));
    const preview = await screen.findByRole('dialog');

    const remove = screen.getByRole('button', { name: 'Delete Mint' });
    remove.focus();
    await act(async () => fireEvent.click(remove));
    await vi.waitFor(() => expect(screen.queryByText('Mint', { selector: 'strong' })).toBeNull());
    // The row and its Delete are gone, and the toast waits for the preview: the list's heading has focus.
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: /^Your cards/ })));
    expect(toastRegion().textContent).toBe('');

    const cancel = within(preview).getByRole('button', { name: 'Cancel' });
    cancel.focus();
    await act(async () => fireEvent.click(cancel));
    expect(screen.queryByRole('dialog')).toBeNull();
    await vi.waitFor(() => expect(toastRegion().textContent).toContain('Deleted “Mint”.'));
    // The preview's Cancel is gone with it, and nothing else holds focus: the Undo takes it.
    await vi.waitFor(() => expect(document.activeElement).toBe(within(toastRegion()).getByRole('button', { name: 'Undo' })));
  });
});
