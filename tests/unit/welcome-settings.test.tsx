// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background/index';
import { WelcomeApp } from '../../entrypoints/welcome/App';
import { SettingsPanel } from '../../components/SettingsPanel';
import { ShortcutInfo } from '../../components/ShortcutInfo';
import { popupShortcutOf } from '../../lib/browser/shortcut';
import { TEST_NOTIFICATION_ID } from '../../lib/reminders/test-notification';
import { resolveSettings } from '../../lib/store/settings-schema';
import { syncPrefsItem } from '../../lib/store/storage';

type Commands = Awaited<ReturnType<typeof fakeBrowser.commands.getAll>>;
const withCommands = (commands: Commands) => vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue(commands);

afterEach(cleanup);

describe('popupShortcutOf', () => {
  it.each([
    [[{ name: '_execute_action', shortcut: 'Alt+Shift+S' }], 'Alt+Shift+S'],
    [[{ name: '_execute_browser_action', shortcut: 'Alt+Shift+S' }], 'Alt+Shift+S'],
    [
      [
        { name: 'other', shortcut: 'Ctrl+K' },
        { name: '_execute_action', shortcut: '⌥⇧S' },
      ],
      '⌥⇧S',
    ],
    // Chrome reports an empty shortcut when the suggested one was taken by another extension.
    [[{ name: '_execute_action', shortcut: '' }], null],
    [[{ name: '_execute_action' }], null],
    [[{ name: 'other', shortcut: 'Ctrl+K' }], null],
    [[], null],
  ])('%j → %s', (commands, expected) => {
    expect(popupShortcutOf(commands)).toBe(expected);
  });
});

describe('ShortcutInfo', () => {
  it('shows the shortcut the browser has now, and where to change it', async () => {
    withCommands([{ name: '_execute_action', shortcut: 'Ctrl+Shift+Y' }]);
    render(<ShortcutInfo />);
    expect((await screen.findByText('Ctrl+Shift+Y')).tagName).toBe('KBD');
    expect(screen.getByTestId('shortcut').textContent).toBe(
      'Press Ctrl+Shift+Y to open SIM Keeper. To change it, open chrome://extensions/shortcuts.',
    );
  });

  it('says so when there is none, or the browser cannot tell', async () => {
    withCommands([{ name: '_execute_action', shortcut: '' }]);
    render(<ShortcutInfo />);
    expect(await screen.findByText('No shortcut is set to open SIM Keeper.', { exact: false })).toBeTruthy();
    cleanup();
    vi.spyOn(fakeBrowser.commands, 'getAll').mockRejectedValue(new Error('no commands API'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<ShortcutInfo />);
    expect(await screen.findByText('No shortcut is set to open SIM Keeper.', { exact: false })).toBeTruthy();
  });
});

describe('welcome page', () => {
  beforeEach(() => {
    withCommands([{ name: '_execute_action', shortcut: 'Alt+Shift+S' }]);
  });

  it('explains SIM Keeper and offers to add the first card', async () => {
    render(<WelcomeApp />);
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to SIM Keeper' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'The toolbar button lists every card with its countdown, the nearest deadline first.',
      'Reminders come before each deadline, at the time you choose.',
      "“Open renewal site” goes to the carrier's official page, and “Record renewal” notes that you paid; a look-alike link is flagged.",
      'Everything stays in this browser: no account, no server, no tracking.',
    ]);
    expect(screen.getByRole('link', { name: 'Add your first card' }).getAttribute('href')).toBe('/options.html#new');
    expect(screen.getByRole('link', { name: 'Cards and settings' }).getAttribute('href')).toBe('/options.html');
    expect(await screen.findByText('Alt+Shift+S')).toBeTruthy();
  });
});

describe('welcome page, sync already on (a reinstall signed into sync)', () => {
  it('says the same true sentence as the popup', async () => {
    withCommands([{ name: '_execute_action', shortcut: 'Alt+Shift+S' }]);
    await syncPrefsItem.setValue({ enabled: true });
    render(<WelcomeApp />);
    await vi.waitFor(() =>
      expect(screen.getAllByRole('listitem').at(-1)?.textContent).toMatch(
        /^Your cards stay in this browser and in the browsers you sync with/,
      ),
    );
  });
});

describe('Send a test notification', () => {
  const state = { stored: { settings: {} }, settings: resolveSettings({}, 'Asia/Shanghai') } as never;

  it('goes through the background, which shows the notification, and says it was sent', async () => {
    background.main();
    render(<SettingsPanel state={state} />);
    fireEvent.click(screen.getByRole('button', { name: 'Send a test notification' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      "Sent. If no notification appears, allow notifications for your browser in your system's settings.",
    );
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([TEST_NOTIFICATION_ID]);
  });

  it('says why when nothing could be shown', async () => {
    background.main();
    vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValue(new Error('Notifications are blocked'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<SettingsPanel state={state} />);
    fireEvent.click(screen.getByRole('button', { name: 'Send a test notification' }));
    expect((await screen.findByRole('status')).textContent).toBe('The notification could not be shown: Notifications are blocked');
  });

  it('says so when no background answers', async () => {
    render(<SettingsPanel state={state} />);
    fireEvent.click(screen.getByRole('button', { name: 'Send a test notification' }));
    expect((await screen.findByRole('status')).textContent).toBe('The notification could not be shown: No listeners available');
  });
});
