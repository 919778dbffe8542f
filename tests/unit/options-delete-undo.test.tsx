// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Card } from '../../lib/cards/schema';
import { cardsItem, loadCards } from '../../lib/store/storage';
import { OptionsApp } from '../../entrypoints/options/App';
import { makeCard } from './card-fixture';
import { storeOptionsPageBeforeEach } from './options-page-fixture';

/*
 * Issue 19: every delete stays undoable while the toast is up, most recent first; focus never falls to
 * <body> after Delete, Undo, Save or Cancel; the toast's live region is on the page before any message.
 */

const cards: Card[] = [
  makeCard('gg', {
    label: 'giffgaff',
    providerId: 'giffgaff',
    rule: { type: 'keepAlive', anchorDate: '2026-08-01', window: { count: 6, unit: 'months' } },
  }),
  makeCard('hk', {
    label: '3HK',
    providerId: 'three-hk',
    rule: { type: 'topUp', anchorDate: '2026-06-01', validity: { count: 365, unit: 'days' }, mode: 'reset' },
  }),
  makeCard('mint', {
    label: 'Mint',
    rule: { type: 'cycle', anchorDate: '2026-07-01', period: { count: 3, unit: 'months' } },
  }),
];

const storedIds = async () => (await loadCards()).cards.map((card) => card.id).sort();
const rowLabels = () =>
  [...document.querySelectorAll<HTMLElement>('table.card-table tbody tr[data-card-id]')].map(
    (tr) => tr.querySelector('strong')?.textContent,
  );
const toastRegion = () => document.querySelector('.toast-region');

async function remove(label: string) {
  await act(async () => fireEvent.click(screen.getByRole('button', { name: `Delete ${label}` })));
  await vi.waitFor(() => expect(rowLabels()).not.toContain(label));
}

async function undo() {
  const button = within(toastRegion() as HTMLElement).getByRole('button', { name: 'Undo' });
  await act(async () => fireEvent.click(button));
}

describe('options page: delete, undo and where focus goes', { timeout: 30_000 }, () => {
  storeOptionsPageBeforeEach(cards);

  it('undoes two deletes in turn, the most recent first, and says how many are left', async () => {
    render(<OptionsApp />);
    await screen.findByText('giffgaff', { selector: 'strong' });
    // The live region is there before any message, and it is the one that later speaks.
    const region = toastRegion();
    expect(region?.getAttribute('role')).toBe('status');
    expect(region?.textContent).toBe('');

    await remove('giffgaff');
    expect(toastRegion()).toBe(region);
    expect(region?.textContent).toContain('Deleted “giffgaff”. 1 delete can be undone.');
    await remove('3HK');
    expect(region?.textContent).toContain('Deleted “3HK”. 2 deletes can be undone.');
    expect(await storedIds()).toEqual(['mint']);

    await undo();
    await vi.waitFor(() => expect(region?.textContent).toContain('Restored “3HK”. 1 more delete can be undone.'));
    expect(await storedIds()).toEqual(['hk', 'mint']);
    // The next Undo is where the last one was.
    expect(document.activeElement).toBe(within(region as HTMLElement).getByRole('button', { name: 'Undo' }));

    await undo();
    await vi.waitFor(() => expect(region?.textContent).toContain('Restored “giffgaff”.'));
    expect(within(region as HTMLElement).queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(await storedIds()).toEqual(['gg', 'hk', 'mint']);
    // Nothing left to undo: focus goes to the card that came back.
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Delete giffgaff'));
  });

  it('after Delete, puts focus on the next row’s Edit (never its Delete), or the row before after the last one', async () => {
    render(<OptionsApp />);
    await screen.findByText('giffgaff', { selector: 'strong' });
    const order = rowLabels();
    expect(order).toHaveLength(3);
    const [first, second, third] = order as [string, string, string];

    await remove(first);
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe(`Edit ${second}`));
    await remove(third);
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe(`Edit ${second}`));
  });

  it('after deleting the only row, puts focus on Undo in the toast', async () => {
    await cardsItem.setValue(cards.slice(0, 1));
    render(<OptionsApp />);
    await screen.findByText('giffgaff', { selector: 'strong' });
    await remove('giffgaff');
    const undoButton = within(toastRegion() as HTMLElement).getByRole('button', { name: 'Undo' });
    expect(document.activeElement).toBe(undoButton);
    expect(document.activeElement).not.toBe(document.body);
  });

  it('a message that is not about deletes ends what can be undone', async () => {
    render(<OptionsApp />);
    await screen.findByText('giffgaff', { selector: 'strong' });
    await remove('giffgaff');
    // Save another card: its message replaces the delete's, and giffgaff's delete is final.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Edit Mint' })));
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Save card' })));
    await vi.waitFor(() => expect(toastRegion()?.textContent).toContain('Saved “Mint”.'));
    expect(within(toastRegion() as HTMLElement).queryByRole('button', { name: 'Undo' })).toBeNull();
    // The next delete starts a stack of its own: one Undo, and it brings back 3HK, not giffgaff.
    await remove('3HK');
    expect(toastRegion()?.textContent).toContain('Deleted “3HK”. 1 delete can be undone.');
    await undo();
    await vi.waitFor(() => expect(toastRegion()?.textContent).toContain('Restored “3HK”.'));
    expect(await storedIds()).toEqual(['hk', 'mint']);
  });

  it('after Save card, puts focus on the saved row', async () => {
    render(<OptionsApp />);
    await screen.findByText('giffgaff', { selector: 'strong' });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Edit 3HK' })));
    const name = await screen.findByLabelText('Name');
    fireEvent.change(name, { target: { value: '3HK spare' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save card' })));
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit 3HK spare'));
  });

  it('after Cancel in the editor, puts focus back on the row’s Edit', async () => {
    render(<OptionsApp />);
    await screen.findByText('giffgaff', { selector: 'strong' });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Edit giffgaff' })));
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Cancel' })));
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit giffgaff'));
  });
});
