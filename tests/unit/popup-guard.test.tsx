// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Card } from '../../lib/cards/schema';
import { cardsItem, loadCards, settingsItem } from '../../lib/store/storage';
import { PopupApp } from '../../entrypoints/popup/App';
import { SettingsPanel } from '../../components/SettingsPanel';
import { deleteCard } from '../../lib/store/card-actions';
import { hasBidiControls } from '../../lib/providers/link-decision';
import { makeCard } from './card-fixture';
import { popupAtNowInShanghai } from './popup-clock';

const opened = async () => (await fakeBrowser.tabs.query({})).flatMap((tab) => (tab.url ? [tab.url] : []));

const ultra = (website: string): Card =>
  makeCard('ultra', {
    label: '紫卡',
    providerId: 'ultra-paygo',
    rule: { type: 'fixed', endDate: '2026-12-31' },
    channels: { website, app: '', hotline: '' },
  });

describe('the popup goes through the link gate', () => {
  popupAtNowInShanghai();

  it('asks before a right-to-left trick, showing the real host with the control made visible', async () => {
    await cardsItem.setValue([ultra('https://evil.tld/\u202Emoc.elibomartlu.www')]);
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    await act(async () => {
      fireEvent.click(within(item).getByRole('button', { name: /Open renewal site/ }));
    });
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('hides characters');
    expect(dialog.textContent).toContain('This link opens: evil.tld');
    expect(hasBidiControls(dialog.textContent ?? '')).toBe(false);
    expect(await opened()).toEqual([]);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Open anyway' }));
    });
    await vi.waitFor(async () => expect(await opened()).toEqual(['https://evil.tld/\u202Emoc.elibomartlu.www']));
  });

  it('shows a look-alike host in punycode beside its Unicode form', async () => {
    await cardsItem.setValue([ultra('https://my.ultrа.me/')]); // Cyrillic а
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    await act(async () => {
      fireEvent.click(within(item).getByRole('button', { name: /Open renewal site/ }));
    });
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('not on an official');
    expect(dialog.textContent).toMatch(/This link opens: my\.xn--ultr-.+\.me \(written as my\.ultrа\.me\)/);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    });
    expect(await opened()).toEqual([]);
  });

  it('opens an official link at once', async () => {
    await cardsItem.setValue([ultra('https://my.ultra.me/')]);
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: '紫卡' });
    await act(async () => {
      fireEvent.click(within(item).getByRole('button', { name: /Open renewal site/ }));
    });
    await vi.waitFor(async () => expect(await opened()).toEqual(['https://my.ultra.me/']));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('says so when a card was deleted elsewhere before Renewed was recorded', async () => {
    await cardsItem.setValue([
      makeCard('gone', { label: 'Gone card', rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' } } }),
    ]);
    render(<PopupApp />);
    const item = await screen.findByRole('listitem', { name: 'Gone card' });
    const button = within(item).getByRole('button', { name: /Record renewal/ });
    await deleteCard('gone');
    await act(async () => {
      fireEvent.click(button);
    });
    // The toast's one live region, on the page from the start, carries errors too.
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toContain('was deleted in another window; nothing was recorded'));
    expect((await loadCards()).cards).toEqual([]);
  });
});

describe('the settings panel', () => {
  afterEach(cleanup);

  it('shows the invalid stored value beside its field and keeps the valid ones', async () => {
    await settingsItem.setValue({ timeZone: 'Asia/Tokyo', reminderTime: 'nine' });
    const { loadSettings } = await import('../../lib/store/storage');
    const stored = await loadSettings();
    render(
      <SettingsPanel
        state={{ stored, settings: { timeZone: 'Asia/Tokyo', reminderTime: '09:00', leadDays: [30, 7, 3, 1, 0], escalateHours: 8 } }}
      />,
    );
    expect(screen.getByTestId('settings-invalid-reminderTime').textContent).toContain('The stored value "nine" is not valid');
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Hours between reminders in the last 48 hours'), { target: { value: '6' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    });
    await vi.waitFor(async () =>
      expect(await settingsItem.getValue()).toEqual({ timeZone: 'Asia/Tokyo', reminderTime: 'nine', escalateHours: 6 }),
    );
  });
});
