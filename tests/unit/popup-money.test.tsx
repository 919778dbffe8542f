// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Card } from '../../lib/cards/schema';
import { cardsItem, loadCards } from '../../lib/store/storage';
import { PopupApp } from '../../entrypoints/popup/App';
import { makeCard } from './card-fixture';
import { popupAtNowInShanghai } from './popup-clock';

const ultra = (overrides: Partial<Card> = {}): Card =>
  makeCard('ultra', {
    label: '紫卡',
    rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' } },
    history: [{ id: 'p1', date: '2026-11-01', kind: 'renewed', amount: 3, currency: 'USD' }],
    ...overrides,
  });

const history = async () => (await loadCards()).cards[0]?.history ?? [];

describe('popup: amounts, hotline and app link', { timeout: 30_000 }, () => {
  popupAtNowInShanghai();

  it('shows the last payment on the quick action and records it in one tap', async () => {
    await cardsItem.setValue([ultra()]);
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    const button = within(item).getByRole('button', { name: /^Record renewal · \$3\.00 “紫卡”$/ });
    expect(button.getAttribute('title')).toBe('Records $3.00, as last time; you can change it after');
    await act(async () => fireEvent.click(button));
    await vi.waitFor(async () => expect(await history()).toHaveLength(2));
    expect((await history())[1]).toMatchObject({ kind: 'renewed', date: '2026-11-22', amount: 3, currency: 'USD' });
    expect(screen.getByRole('status').textContent).toContain('Recorded $3.00 for “紫卡”.');
  });

  it('lets the amount be edited from the message that follows, on the event just recorded', async () => {
    await cardsItem.setValue([ultra()]);
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: /Record renewal/ })));
    // The message comes once the write is done, a frame after the row moved (outside act, so find it first).
    const edit = await screen.findByRole('button', { name: 'Edit amount' });
    await act(async () => fireEvent.click(edit));
    // The dialog's code loads on this first click (React.lazy), so the dialog comes a moment later.
    const dialog = await screen.findByRole('dialog', { name: 'What did “紫卡” cost this time?' });
    const amount = within(dialog).getByLabelText('Amount') as HTMLInputElement;
    expect(amount.value).toBe('3');
    expect((within(dialog).getByLabelText('Currency') as HTMLInputElement).value).toBe('USD');
    fireEvent.change(amount, { target: { value: 'abc' } });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Save amount' })));
    expect(within(dialog).getByRole('alert').textContent).toContain('Enter an amount of 0 or more');
    fireEvent.change(amount, { target: { value: '5.5' } });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Save amount' })));
    await vi.waitFor(async () => expect((await history())[1]).toMatchObject({ amount: 5.5, currency: 'USD' }));
    // The earlier payment is untouched, and the button now offers the new amount.
    expect((await history())[0]).toMatchObject({ id: 'p1', amount: 3 });
    await vi.waitFor(() => expect(within(item).getByRole('button', { name: /^Record renewal · \$5\.50 “紫卡”$/ })).toBeTruthy());
  });

  it('gives focus back when Escape closes the amount dialog: to the card’s Renewed, its opener gone with the toast', async () => {
    await cardsItem.setValue([ultra()]);
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: /Record renewal/ })));
    const edit = await screen.findByRole('button', { name: 'Edit amount' });
    act(() => edit.focus());
    await act(async () => fireEvent.click(edit));
    const dialog = await screen.findByRole('dialog', { name: 'What did “紫卡” cost this time?' });
    const amount = within(dialog).getByLabelText('Amount');
    expect(document.activeElement).toBe(amount);
    // A modal <dialog> turns Escape into its cancel event (the browser does; happy-dom has no dialog keys).
    await act(async () => dialog.dispatchEvent(new Event('cancel', { cancelable: true })));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement).toBe(within(item).getByRole('button', { name: /Record renewal/ }));
    // Nothing was changed by leaving.
    expect((await history())[1]).toMatchObject({ amount: 3, currency: 'USD' });
  });

  it('records no amount where none is known, and offers to add one', async () => {
    await cardsItem.setValue([ultra({ history: [] })]);
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: /^Record renewal “紫卡”$/ })));
    await vi.waitFor(async () => expect(await history()).toHaveLength(1));
    expect((await history())[0]).not.toHaveProperty('amount');
    expect(await screen.findByRole('button', { name: 'Add amount' })).toBeTruthy();
  });

  it('prefills a SmarTone top-up with the catalog price for its validity', async () => {
    await cardsItem.setValue([
      makeCard('st', {
        label: 'HK',
        providerId: 'smartone',
        rule: { type: 'topUp', anchorDate: '2026-06-01', validity: { count: 365, unit: 'days' }, mode: 'reset' },
      }),
    ]);
    render(<PopupApp />);
    const button = await screen.findByRole('button', { name: /^Record top-up · HK\$50\.00 “HK”$/ });
    expect(button.getAttribute('title')).toContain("the carrier's listed price");
  });

  it('shows the hotline as a tel: link with a Copy button', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await cardsItem.setValue([ultra({ channels: { website: '', app: '', hotline: '+1 (888) 777-0446' } })]);
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    const call = within(item).getByRole('link', { name: 'Call +1 (888) 777-0446, the hotline of “紫卡”' });
    expect(call.getAttribute('href')).toBe('tel:+18887770446');
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: 'Copy the hotline of “紫卡”' })));
    expect(writeText).toHaveBeenCalledWith('+1 (888) 777-0446');
    expect(screen.getByRole('status').textContent).toContain('Copied +1 (888) 777-0446.');
  });

  it('opens the app link through the same guard as Renew: an unofficial one asks first', async () => {
    await cardsItem.setValue([
      ultra({ providerId: 'ultra-paygo', channels: { website: '', app: 'https://ultramobile.com.example.net/app', hotline: '' } }),
    ]);
    const tabsBefore = (await fakeBrowser.tabs.query({})).length;
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    await act(async () => fireEvent.click(within(item).getByRole('button', { name: 'Open the app page of “紫卡”' })));
    // The gate and its confirmation load on this first click, so the confirmation comes a moment later.
    const confirm = await screen.findByRole('alertdialog');
    expect(confirm.textContent).toContain('https://ultramobile.com.example.net/app');
    expect(await fakeBrowser.tabs.query({})).toHaveLength(tabsBefore);
    await act(async () => fireEvent.click(within(confirm).getByRole('button', { name: 'Open anyway' })));
    await vi.waitFor(async () => expect(await fakeBrowser.tabs.query({})).toHaveLength(tabsBefore + 1));
  });
});
