// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Card } from '../../lib/cards/schema';
import { calendarAccountItem, cardsItem, loadCards, syncPrefsItem } from '../../lib/store/storage';
import { PopupApp } from '../../entrypoints/popup/App';
import { makeCard } from './card-fixture';
import { popupAtNowInShanghai } from './popup-clock';

const card = (overrides: Partial<Card> & { id: string }): Card =>
  makeCard(overrides.id, { rule: { type: 'fixed', endDate: '2026-12-31' }, ...overrides });

describe('popup', () => {
  popupAtNowInShanghai();

  it('explains itself when there are no cards', async () => {
    render(<PopupApp />);
    expect(await screen.findByRole('heading', { name: 'Never lose a number again' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add your first card' })).toBeTruthy();
    expect((await screen.findByTestId('where-cards-stay')).textContent).toBe(
      'Everything stays in this browser: no account, no server, no tracking.',
    );
  });

  it('says where the cards go as sync and the calendar are switched on, the same sentence as the welcome page', async () => {
    render(<PopupApp />);
    const line = await screen.findByTestId('where-cards-stay');
    await act(async () => syncPrefsItem.setValue({ enabled: true }));
    await vi.waitFor(() => expect(line.textContent).toMatch(/^Your cards stay in this browser and in the browsers you sync with, through/));
    await act(async () => calendarAccountItem.setValue({ serverUrl: 'https://dav.example.com/' }));
    await vi.waitFor(() => expect(line.textContent).toMatch(/sync with, and their deadlines go to the calendar you connected/));
    await act(async () => syncPrefsItem.setValue({ enabled: false }));
    await vi.waitFor(() => expect(line.textContent).toMatch(/^Your cards stay in this browser, and their deadlines go to the calendar/));
    expect(line.textContent).not.toMatch(/computer|Everything stays/);
  });

  it('sorts cards by nearest deadline, numbers already lost last under their own heading, and words each countdown', async () => {
    await cardsItem.setValue([
      card({ id: 'later', label: 'giffgaff', rule: { type: 'keepAlive', anchorDate: '2026-06-01', window: { count: 6, unit: 'months' } } }),
      card({ id: 'today', label: 'Travel pass', rule: { type: 'fixed', endDate: '2026-11-22' } }),
      card({
        id: 'lost',
        label: 'Old card',
        rule: { type: 'cycle', anchorDate: '2026-09-01', period: { count: 30, unit: 'days' }, graceDays: 30 },
      }),
      card({
        id: 'overdue',
        label: '紫卡',
        phoneNumber: '+1 555 010 1234',
        rule: { type: 'cycle', anchorDate: '2026-10-20', period: { count: 30, unit: 'days' }, graceDays: 30 },
      }),
      card({ id: 'tomorrow', label: 'Tomorrow card', rule: { type: 'fixed', endDate: '2026-11-23' } }),
    ]);
    render(<PopupApp />);
    const all = await screen.findAllByRole('listitem');
    // The numbers already lost are the last item: their heading, then a list of their own.
    const group = all[4]!;
    expect(within(group).getByRole('heading', { level: 2 }).textContent).toBe('Numbers already lost (1)');
    const lostList = within(group).getByRole('list');
    expect(
      within(lostList)
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('aria-label')),
    ).toEqual(['Old card']);
    expect(group.getAttribute('aria-posinset')).toBe('5');
    const items = all.filter((item) => item.hasAttribute('aria-label'));
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual(['紫卡', 'Travel pass', 'Tomorrow card', 'giffgaff', 'Old card']);
    expect(items.slice(0, 4).map((item) => item.getAttribute('aria-posinset'))).toEqual(['1', '2', '3', '4']);
    expect(items.slice(0, 4).every((item) => item.getAttribute('aria-setsize') === '5')).toBe(true);
    const countdowns = items.map((item) => within(item).getByTestId('countdown').textContent);
    // 紫卡: due 19 Nov, 3 days overdue. giffgaff: due 1 Dec. Old card: due 1 Oct, lost after 31 Oct.
    expect(countdowns).toEqual(['3 days overdue', 'Today', 'Tomorrow', '9 days', 'Number lost']);
    expect(within(items[0]!).getByText(/•••• 1234/)).toBeTruthy();
    expect(within(items[0]!).getByText('Number lost in 27 days unless you act')).toBeTruthy();
    expect(items.map((item) => item.querySelector('[data-status]')?.getAttribute('data-status'))).toEqual([
      'overdue',
      'urgent',
      'urgent',
      'ok',
      'lost',
    ]);
  });

  it('records Renewed for the day in the card zone and moves the countdown at once', async () => {
    await cardsItem.setValue([
      card({
        id: 'ultra',
        label: '紫卡',
        timeZone: 'America/Los_Angeles',
        rule: { type: 'cycle', anchorDate: '2026-10-24', period: { count: 30, unit: 'days' } },
      }),
    ]);
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    // Due 23 Nov in Los Angeles, which ends at 16:00 on 24 Nov in Shanghai.
    expect(within(item).getByTestId('countdown').textContent).toBe('2 days');
    expect(item.textContent).toContain('before 16:00 your\u00a0time');
    await act(async () => {
      fireEvent.click(within(item).getByRole('button', { name: /Record renewal/ }));
    });
    await vi.waitFor(async () => expect((await loadCards()).cards[0]?.history).toHaveLength(1));
    // It is still 21 November in Los Angeles: the renewal is dated there.
    expect((await loadCards()).cards[0]?.history[0]).toMatchObject({ kind: 'renewed', date: '2026-11-21' });
    await vi.waitFor(() => expect(within(item).getByTestId('countdown').textContent).toBe('32 days'));
  });

  it('refuses to open a renewal link that is not https, with a message', async () => {
    // Stored by hand or by an older version: the schema refuses it, so it never reaches the button.
    const tabsBefore = (await fakeBrowser.tabs.query({})).length;
    await cardsItem.setValue([card({ id: 'bad', label: 'Bad link', channels: { website: 'javascript:alert(1)', app: '', hotline: '' } })]);
    render(<PopupApp />);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('1 stored entry could not be read; open the options to see it.');
    expect(screen.queryByRole('button', { name: /Open renewal site/ })).toBeNull();
    expect(await fakeBrowser.tabs.query({})).toHaveLength(tabsBefore);
  });
});

describe('popup search', () => {
  popupAtNowInShanghai();

  it('finds cards by label, provider name and the last digits of the number, and says when none matches', async () => {
    await cardsItem.setValue(
      Array.from({ length: 12 }, (_, i) =>
        card({
          id: `c${i}`,
          label: i === 3 ? 'Mum' : `Line ${i}`,
          providerId: i === 7 ? 'giffgaff' : null,
          phoneNumber: `+44 7700 900${String(100 + i)}`,
        }),
      ),
    );
    render(<PopupApp />);
    const search = await screen.findByRole('searchbox', { name: 'Search cards' });
    const shown = () =>
      screen
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('aria-label'))
        .filter(Boolean);
    fireEvent.change(search, { target: { value: 'mum' } });
    expect(shown()).toEqual(['Mum']);
    fireEvent.change(search, { target: { value: 'giff' } });
    expect(shown()).toEqual(['Line 7']);
    fireEvent.change(search, { target: { value: '9 00111' } });
    expect(shown()).toEqual(['Line 11']);
    expect(screen.getByText('1 of 12 cards').getAttribute('role')).toBe('status');
    fireEvent.change(search, { target: { value: 'nothing like it' } });
    expect(screen.queryAllByRole('listitem')).toEqual([]);
    expect(screen.getByText('No card matches “nothing like it”.').getAttribute('role')).toBe('status');
  });

  it('offers no search box for a handful of cards', async () => {
    await cardsItem.setValue([card({ id: 'a' }), card({ id: 'b' })]);
    render(<PopupApp />);
    await screen.findAllByRole('listitem');
    expect(screen.queryByRole('searchbox')).toBeNull();
  });
});
