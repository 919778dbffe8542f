// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Card } from '../../lib/cards/schema';
import { cardsItem, settingsItem } from '../../lib/store/storage';
import { OptionsApp } from '../../entrypoints/options/App';
import { makeCard } from './card-fixture';

// 10:00 on 22 November 2026 in Shanghai.
const NOW = new Date('2026-11-22T02:00:00Z');

const cards: Card[] = [
  makeCard('ultra', {
    label: '紫卡',
    providerId: 'ultra-paygo',
    phoneNumber: '+1 555 010 1234',
    rule: { type: 'cycle', anchorDate: '2026-10-11', period: { count: 30, unit: 'days' }, graceDays: 30 },
    history: [{ id: 'p1', date: '2026-11-10', kind: 'renewed', amount: 3, currency: 'USD' }],
  }),
  makeCard('gg', {
    label: 'giffgaff',
    providerId: 'giffgaff',
    phoneNumber: '+44 7700 900123',
    rule: { type: 'keepAlive', anchorDate: '2026-08-01', window: { count: 6, unit: 'months' } },
  }),
  makeCard('mint', {
    label: 'Mint',
    rule: { type: 'cycle', anchorDate: '2026-07-01', period: { count: 3, unit: 'months' } },
    history: [{ id: 'p2', date: '2026-10-01', kind: 'renewed', amount: 45, currency: 'USD' }],
  }),
  makeCard('hk', {
    label: 'HK',
    providerId: 'smartone',
    rule: { type: 'topUp', anchorDate: '2026-06-01', validity: { count: 365, unit: 'days' }, mode: 'reset' },
  }),
];

const rowLabels = () =>
  within(document.querySelector('table.card-table:not(.cost-table)') as HTMLElement)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('strong')?.textContent);

describe('options page: costs, timeline, search and sort', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    await settingsItem.setValue({ timeZone: 'Asia/Shanghai' });
    await cardsItem.setValue(cards);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows each card’s cost a year and a month, and the totals per currency', async () => {
    render(<OptionsApp />);
    const ultra = await screen.findByText('紫卡', { selector: 'strong' });
    const row = ultra.closest('tr')!;
    expect(within(row).getByTestId('card-cost').textContent).toBe('$36.52 a year$3.04 a month$3.00 every 30 days');
    const gg = screen.getByText('giffgaff', { selector: 'strong' }).closest('tr')!;
    expect(within(gg).getByTestId('card-cost').textContent).toBe('Kept alive by use; no payment recorded');
    const hk = screen.getByText('HK', { selector: 'strong' }).closest('tr')!;
    expect(within(hk).getByTestId('card-cost').textContent).toContain("(carrier's listed price)");
    // USD: 36.52 + 4 × 45 = 216.52; HKD: 50 × 365.2425 / 365.
    expect(screen.getByTestId('total-year-USD').textContent).toBe('$216.52');
    expect(screen.getByTestId('total-year-HKD').textContent).toBe('HK$50.03');
    expect(screen.queryByTestId('converted-total')).toBeNull();
  });

  it('adds one total in the user’s currency at the rates they type, and keeps them in settings', async () => {
    render(<OptionsApp />);
    await screen.findByText('紫卡', { selector: 'strong' });
    fireEvent.change(await screen.findByLabelText('Your currency'), { target: { value: 'cny' } });
    // The rate fields follow the currency typed; found by waiting, as a loaded machine renders later.
    fireEvent.change(await screen.findByLabelText('1 USD in CNY', undefined, { timeout: 5_000 }), { target: { value: '7' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save rates' })));
    await vi.waitFor(async () =>
      expect(await settingsItem.getValue()).toMatchObject({ conversion: { homeCurrency: 'CNY', rates: { USD: 7 } } }),
    );
    const total = await screen.findByTestId('converted-total');
    expect(total.textContent).toContain('CN¥1,515.67 a year');
    expect(total.textContent).toContain('Not counted (no rate): HKD');
    fireEvent.change(screen.getByLabelText('1 HKD in CNY'), { target: { value: '-1' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save rates' })));
    expect(screen.getByRole('alert').textContent).toBe('Enter a number above 0, such as 7.1.');
    expect((await settingsItem.getValue()) as object).toMatchObject({ conversion: { rates: { USD: 7 } }, timeZone: 'Asia/Shanghai' });
  });

  it('keeps rates being typed when the settings are read again with the same rates', async () => {
    await settingsItem.setValue({ timeZone: 'Asia/Shanghai', conversion: { homeCurrency: 'CNY', rates: { USD: 7 } } });
    render(<OptionsApp />);
    const usd = await screen.findByLabelText('1 USD in CNY');
    await vi.waitFor(() => expect((usd as HTMLInputElement).value).toBe('7'));
    fireEvent.change(usd, { target: { value: '7.25' } });
    // Another setting saved elsewhere: the settings are read anew, their rates are the same.
    await act(async () => settingsItem.setValue({ timeZone: 'Asia/Tokyo', conversion: { homeCurrency: 'CNY', rates: { USD: 7 } } }));
    await vi.waitFor(() => expect(screen.getByText('紫卡', { selector: 'strong' })).toBeTruthy());
    expect((screen.getByLabelText('1 USD in CNY') as HTMLInputElement).value).toBe('7.25');
    // Rates saved elsewhere do refill the form.
    await act(async () => settingsItem.setValue({ timeZone: 'Asia/Tokyo', conversion: { homeCurrency: 'CNY', rates: { USD: 8 } } }));
    await vi.waitFor(() => expect((screen.getByLabelText('1 USD in CNY') as HTMLInputElement).value).toBe('8'));
  });

  it('finds cards by name, carrier and last digits, and sorts them', async () => {
    render(<OptionsApp />);
    await screen.findByText('紫卡', { selector: 'strong' });
    expect(rowLabels()).toEqual(['紫卡', 'Mint', 'giffgaff', 'HK']);
    fireEvent.change(screen.getByLabelText('Search cards'), { target: { value: '0123' } });
    expect(rowLabels()).toEqual(['giffgaff']);
    fireEvent.change(screen.getByLabelText('Search cards'), { target: { value: 'smartone' } });
    expect(rowLabels()).toEqual(['HK']);
    fireEvent.change(screen.getByLabelText('Search cards'), { target: { value: 'nothing like it' } });
    expect(screen.getByText('No card matches “nothing like it”.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search cards'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'name' } });
    expect(rowLabels()).toEqual(['giffgaff', 'HK', 'Mint', '紫卡']);
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'cost' } });
    expect(rowLabels()).toEqual(['HK', 'Mint', '紫卡', 'giffgaff']);
  });

  it('draws a timeline lane per card and says the same in words', async () => {
    render(<OptionsApp />);
    await screen.findByText('紫卡', { selector: 'strong' });
    const chart = screen.getByTestId('timeline-chart');
    expect(chart.querySelectorAll('.tl-lane')).toHaveLength(4);
    // The title says what is drawn: November (this month) and the 12 months after it.
    expect(chart.querySelectorAll('.tl-grid')).toHaveLength(13);
    expect(screen.getByRole('heading', { name: 'This month and the next 12' })).toBeTruthy();
    const items = within(screen.getByTestId('timeline-text'))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    // 紫卡: paid 10 Nov on time, due 10 Dec, grace until 9 Jan; then every 30 days if renewed on the deadline.
    expect(items[0]).toMatch(
      /^紫卡: paid \$3\.00 on Tue, Nov 10; deadline Thu, Dec 10; number lost after Sat, Jan 9, 2027; then Sat, Jan 9, 2027 if renewed on time; then Mon, Feb 8, 2027 if renewed on time;/,
    );
    expect(items[1]).toMatch(/^Mint: deadline Fri, Jan 1, 2027; then Thu, Apr 1, 2027 if renewed on time; then Thu, Jul 1, 2027/);
  });

  it('draws at most 50 lanes, the first of the table, and says how many it leaves out', async () => {
    const many = Array.from({ length: 53 }, (_, i) =>
      makeCard(`m${i}`, {
        label: `Card ${String(i).padStart(2, '0')}`,
        rule: { type: 'fixed', endDate: `2027-01-${String((i % 28) + 1).padStart(2, '0')}` },
      }),
    );
    await cardsItem.setValue([...cards, ...many]);
    render(<OptionsApp />);
    await screen.findByText('紫卡', { selector: 'strong' });
    const chart = screen.getByTestId('timeline-chart');
    expect(chart.querySelectorAll('.tl-lane')).toHaveLength(50);
    expect(within(screen.getByTestId('timeline-text')).getAllByRole('listitem')).toHaveLength(50);
    expect(
      screen.getByText(
        "The timeline shows the first 50 of your 57 cards, in the table's order. Search or sort the table to see others here.",
      ),
    ).toBeTruthy();
    // The lanes follow the table: a search for one card draws that card alone, and the line goes.
    fireEvent.change(document.querySelector('input[type="search"]')!, { target: { value: 'Card 52' } });
    await vi.waitFor(() => expect(chart.querySelectorAll('.tl-lane')).toHaveLength(1));
    expect(chart.querySelector('.tl-lane')?.getAttribute('data-lane')).toBe('m52');
    expect(screen.queryByText(/The timeline shows the first/)).toBeNull();
  });
});
