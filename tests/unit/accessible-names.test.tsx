// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Card } from '../../lib/cards/schema';
import { cardsItem } from '../../lib/store/storage';
import { PopupApp } from '../../entrypoints/popup/App';
import { OptionsApp } from '../../entrypoints/options/App';
import { makeCard } from './card-fixture';
import { popupAtNowInShanghai } from './popup-clock';
import { getMessageFrom } from './setup';
import zhCN from '../../public/_locales/zh_CN/messages.json';
import zhTW from '../../public/_locales/zh_TW/messages.json';

/*
 * Issue 19: a screen reader user moving from button to button hears which card each acts on; Renew says
 * it opens a new tab; the options table names each row by its card; a status cell says each thing once.
 */

const cards: Card[] = [
  makeCard('ultra', {
    label: '紫卡',
    channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
    rule: { type: 'cycle', anchorDate: '2026-10-20', period: { count: 30, unit: 'days' }, graceDays: 30 },
  }),
  makeCard('lost', {
    label: 'Old card',
    rule: { type: 'cycle', anchorDate: '2026-09-01', period: { count: 30, unit: 'days' }, graceDays: 30 },
  }),
  makeCard('pass', { label: 'Japan pass', rule: { type: 'pass', days: 8, startTrigger: 'manual', startDate: null } }),
];

describe('accessible names', () => {
  popupAtNowInShanghai();

  it('popup: Renew, the quick action, Snooze and Edit name their card; Renew says it opens a new tab; the visible word starts each name', async () => {
    await cardsItem.setValue(cards);
    render(<PopupApp />);
    const ultra = await screen.findByRole('listitem', { name: '紫卡' });
    const names = within(ultra)
      .getAllByRole('button')
      .map((button) => button.getAttribute('aria-label') ?? button.textContent?.trim());
    expect(names).toContain('Open renewal site “紫卡” (opens a new tab)');
    expect(names).toContain('Record renewal “紫卡”');
    expect(names).toContain('Snooze “紫卡”');
    expect(names).toContain('Edit “紫卡”');
    // The visible word comes first in the name (WCAG 2.5.3: what is seen is what is said).
    for (const button of within(ultra).getAllByRole('button')) {
      const label = button.getAttribute('aria-label');
      if (label) expect(label.startsWith(button.textContent?.trim().split(' ·')[0] ?? '')).toBe(true);
    }
    expect(within(screen.getByRole('listitem', { name: 'Old card' })).getByRole('button', { name: 'Edit “Old card”' })).toBeTruthy();
    expect(
      within(screen.getByRole('listitem', { name: 'Japan pass' })).getByRole('button', { name: 'Started today “Japan pass”' }),
    ).toBeTruthy();
  });

  const paid = makeCard('paid', {
    label: '紫卡',
    rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' } },
    history: [{ id: 'p1', date: '2026-11-01', kind: 'renewed', amount: 3, currency: 'USD' }],
  });

  it.each([
    ['en', null, 'Record renewal · $3.00 “紫卡”'],
    ['zh-CN', zhCN, '记录续费 · US$3.00“紫卡”'],
    ['zh-TW', zhTW, '記錄續期 · US$3.00「紫卡」'],
  ])('popup (%s): the quick action says its words and price, then its card', async (language, catalog, name) => {
    if (catalog) {
      fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(catalog, key, subs)) as never;
      fakeBrowser.i18n.getUILanguage = () => language;
    }
    await cardsItem.setValue([paid]);
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    expect(within(item).getByRole('button', { name })).toBeTruthy();
    cleanup();
  });

  it('options: each card’s name heads its row, and no status cell says its word twice', async () => {
    await cardsItem.setValue(cards);
    await act(async () => render(<OptionsApp />));
    const table = await screen.findByRole('table');
    const rowHeaders = within(table).getAllByRole('rowheader');
    expect(rowHeaders.map((th) => th.querySelector('strong')?.textContent).sort()).toEqual(['Japan pass', 'Old card', '紫卡']);
    expect(rowHeaders.every((th) => th.getAttribute('scope') === 'row')).toBe(true);
    const statusCell = (label: string) =>
      (within(table).getByRole('rowheader', { name: new RegExp(label) }).parentElement as HTMLElement).querySelectorAll('td')[0]!
        .textContent;
    expect(statusCell('Old card')?.trim()).toBe('Lost');
    expect(statusCell('Japan pass')?.trim()).toBe('Not started');
    // Where the countdown adds something (how many days), it stays.
    expect(statusCell('紫卡')).toMatch(/^\s*Overdue\s*3 days overdue$/);
  });
});
