// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CalendarPanel, calendarStatusText } from '../../components/CalendarPanel';
import { CalendarError, createCalendar, discoverCalendars, type FoundCalendar } from '../../lib/calendar/client';
import type { CalendarAccount, CalendarErrorCode, CalendarState } from '../../lib/calendar/types';
import { calendarAccountItem, calendarStateItem } from '../../lib/store/storage';

// Only the network is mocked: the CalDAV client is tested against a real server in tests/e2e/calendar.spec.ts.
vi.mock('../../lib/calendar/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/calendar/client')>()),
  discoverCalendars: vi.fn(),
  createCalendar: vi.fn(),
}));

// 10:00 on 22 November 2026 in Shanghai.
const NOW = new Date('2026-11-22T02:00:00Z');

const ACCOUNT: CalendarAccount = {
  serverUrl: 'https://dav.example.org/',
  username: 'ada',
  password: 'app-password-1',
  calendarUrl: 'https://dav.example.org/ada/sim-keeper/',
  calendarName: 'SIM Keeper',
  connectedAt: '2026-11-20T08:00:00.000Z',
};

const CALENDARS: FoundCalendar[] = [
  { url: 'https://dav.example.org/ada/personal/', displayName: 'Personal', supportsEvents: true },
  { url: 'https://dav.example.org/ada/tasks/', displayName: 'Tasks', supportsEvents: false },
];

function state(last: CalendarState['last'], extra: Partial<CalendarState> = {}): CalendarState {
  return {
    calendarUrl: ACCOUNT.calendarUrl,
    written: {},
    last,
    lastSuccessAt: null,
    failures: 0,
    ...extra,
  };
}
const written = (count: number) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`c${i}-due@sim-keeper`, { href: `/ada/sim-keeper/c${i}.ics`, etag: null, hash: 'h' }]),
  );

/** Everything that happened, in order: the permission request, the client calls, the messages to the background. */
let calls: string[];
let permissionAnswer: Promise<boolean>;

beforeEach(() => {
  calls = [];
  permissionAnswer = Promise.resolve(true);
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'SIM Keeper', version: '1' });
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((permissions) => {
    calls.push(`request ${JSON.stringify(permissions)}`);
    return permissionAnswer;
  });
  vi.mocked(discoverCalendars).mockImplementation(async (credentials) => {
    calls.push(`discover ${credentials.serverUrl} ${credentials.username}`);
    return CALENDARS;
  });
  vi.mocked(createCalendar).mockImplementation(async (credentials, displayName) => {
    calls.push(`create ${displayName}`);
    return { url: `${credentials.serverUrl}ada/new-one/`, displayName, supportsEvents: true };
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
function fill(server: string, username = 'ada', password = 'app-password-1') {
  fireEvent.change(field('Server address'), { target: { value: server } });
  fireEvent.change(field('User name'), { target: { value: username } });
  fireEvent.change(field('App password'), { target: { value: password } });
}
const findCalendars = () => fireEvent.click(screen.getByRole('button', { name: 'Find calendars' }));

async function renderPanel() {
  render(<CalendarPanel userTimeZone="Asia/Shanghai" />);
  await screen.findByRole('heading', { name: 'Calendar' });
  // The heading comes at once; the form or the connected view once the stored account is read.
  await waitFor(() =>
    expect(screen.queryByLabelText('Server address') ?? screen.queryByRole('button', { name: 'Disconnect' })).not.toBeNull(),
  );
}

describe('Calendar panel: connecting', () => {
  it('the password field is a password field, not remembered as a login', async () => {
    await renderPanel();
    await screen.findByLabelText('Server address');
    expect(field('App password').type).toBe('password');
    expect(field('App password').autocomplete).toBe('new-password');
    expect(field('User name').autocomplete).toBe('off');
  });

  it.each([
    ['', 'Type the address of your CalDAV server.'],
    ['https://', 'This is not a web address. Type it like https://caldav.example.com.'],
    ['ftp://dav.example.org/', 'The address must start with https://.'],
    ['http://dav.example.org/', 'Only https:// addresses are allowed'],
    ['https://ada:secret@dav.example.org/', 'Leave the user name and password out of the address'],
    ['https://dav.example.org/#calendars', 'Remove the part from “#” on'],
  ])('%j: the reason beside the field, tied to it, and no permission asked', async (server, message) => {
    await renderPanel();
    fill(server);
    findCalendars();
    const error = await screen.findByText(message, { exact: false });
    expect(field('Server address').getAttribute('aria-invalid')).toBe('true');
    expect(field('Server address').getAttribute('aria-describedby')).toContain(error.id);
    expect(calls).toEqual([]);
    expect(await calendarAccountItem.getValue()).toBeNull();
  });

  it('an empty user name or password is named, and nothing is asked', async () => {
    await renderPanel();
    fill('https://dav.example.org/', ' ', '');
    findCalendars();
    expect(await screen.findByText('Type your user name.')).toBeTruthy();
    expect(screen.getByText('Type the app password.')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('warns that http://localhost is unencrypted, and accepts it', async () => {
    await renderPanel();
    fill('http://localhost:5232/');
    expect(screen.getByText('This address is not encrypted', { exact: false })).toBeTruthy();
    findCalendars();
    await screen.findByRole('group', { name: 'Choose the calendar for your deadlines' });
    expect(calls[0]).toBe('request {"origins":["http://localhost/*"]}');
  });

  it('asks for exactly the server origin, synchronously in the click, before anything else', async () => {
    await renderPanel();
    fill('  https://dav.example.org:8443/dav/  ');
    findCalendars();
    // Still inside the click's user gesture: nothing was awaited before the request.
    expect(calls).toEqual(['request {"origins":["https://dav.example.org/*"]}']);
    await screen.findByRole('group', { name: 'Choose the calendar for your deadlines' });
    expect(calls).toEqual(['request {"origins":["https://dav.example.org/*"]}', 'discover https://dav.example.org:8443/dav/ ada']);
  });

  it('calendars found for what was typed before an edit are not offered', async () => {
    let answer: (calendars: FoundCalendar[]) => void = () => undefined;
    vi.mocked(discoverCalendars).mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    await renderPanel();
    fill('https://dav.example.org/');
    findCalendars();
    expect(await screen.findByText('Looking for your calendars on dav.example.org…')).toBeTruthy();
    await waitFor(() => expect(discoverCalendars).toHaveBeenCalled());
    fireEvent.change(field('User name'), { target: { value: 'bob' } });
    await act(async () => answer(CALENDARS));
    expect(screen.queryByRole('group', { name: 'Choose the calendar for your deadlines' })).toBeNull();
    expect(screen.queryByText('Looking for your calendars on dav.example.org…')).toBeNull();
  });

  it('a refused permission says so and stores nothing', async () => {
    permissionAnswer = Promise.resolve(false);
    await renderPanel();
    fill('https://dav.example.org/');
    findCalendars();
    expect((await screen.findByTestId('calendar-error')).textContent).toBe(
      'The browser did not allow SIM Keeper to contact dav.example.org, so nothing was stored. Click “Find calendars” again and choose Allow.',
    );
    expect(calls).toEqual(['request {"origins":["https://dav.example.org/*"]}']);
    expect(await calendarAccountItem.getValue()).toBeNull();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('lists the calendars that take events, plus a new one, and Connect with a new one creates it and stores the account', async () => {
    await renderPanel();
    fill('https://dav.example.org/');
    findCalendars();
    const group = await screen.findByRole('group', { name: 'Choose the calendar for your deadlines' });
    const options = within(group).getAllByRole('radio');
    expect(options.map((radio) => radio.parentElement?.textContent)).toEqual(['Personal', 'Create a new calendar named “SIM Keeper”']);
    expect((options[1] as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(async () => expect(await calendarAccountItem.getValue()).not.toBeNull());
    expect(calls.at(-1)).toBe('create SIM Keeper');
    expect(await calendarAccountItem.getValue()).toEqual({
      serverUrl: 'https://dav.example.org/',
      username: 'ada',
      password: 'app-password-1',
      calendarUrl: 'https://dav.example.org/ada/new-one/',
      calendarName: 'SIM Keeper',
      connectedAt: NOW.toISOString(),
    });
    // The form gives way to the connected view.
    expect(await screen.findByText('Connected to “SIM Keeper” on dav.example.org as ada.')).toBeTruthy();
  });

  it('Connect with an existing calendar stores that one and creates nothing', async () => {
    await renderPanel();
    fill('https://dav.example.org/');
    findCalendars();
    fireEvent.click(await screen.findByRole('radio', { name: 'Personal' }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(async () => expect(await calendarAccountItem.getValue()).not.toBeNull());
    expect(await calendarAccountItem.getValue()).toMatchObject({ calendarUrl: CALENDARS[0]!.url, calendarName: 'Personal' });
    expect(calls.some((call) => call.startsWith('create'))).toBe(false);
  });

  it.each<[CalendarErrorCode, string]>([
    ['auth', 'Wrong user name or password: check the user name and the app password'],
    ['notCalDav', 'That address is not a CalDAV server. See “Where to find the address” below'],
    ['unreachable', 'The server could not be reached. Check the address and your internet connection.'],
    ['timeout', 'The server did not answer in time. Try again later.'],
    ['certificate', "The server's security certificate is not valid."],
    ['redirect', 'The server sent SIM Keeper on to another address'],
  ])('a %s error from the server is said in words, and nothing is stored', async (code, words) => {
    vi.mocked(discoverCalendars).mockRejectedValue(new CalendarError(code, 'PROPFIND https://dav.example.org/: 401'));
    await renderPanel();
    fill('https://dav.example.org/');
    findCalendars();
    expect((await screen.findByTestId('calendar-error')).textContent).toContain(words);
    expect(await calendarAccountItem.getValue()).toBeNull();
  });

  it('the help names each server, with the two well-known addresses', async () => {
    await renderPanel();
    const help = screen.getByText('Where to find the address').closest('details') as HTMLElement;
    for (const name of ['Nextcloud', 'Radicale', 'Fastmail', 'iCloud', 'mailbox.org', 'Synology', 'Baïkal']) {
      expect(help.textContent).toContain(`${name}:`);
    }
    expect(help.textContent).toContain('https://caldav.icloud.com');
    expect(help.textContent).toContain('https://caldav.fastmail.com');
    expect(help.textContent).toContain('appleid.apple.com');
  });
});

describe('Calendar panel: connected', () => {
  beforeEach(async () => {
    await calendarAccountItem.setValue(ACCOUNT);
  });

  it.each<[string, CalendarState | null, string]>([
    ['no state yet', null, 'Waiting for the first update…'],
    [
      'a state of another calendar',
      state({ at: '2026-11-22T01:58:00Z', ok: true, put: 6, deleted: 0 }, { calendarUrl: 'https://x/' }),
      'Waiting for the first update…',
    ],
    ['no round yet', state(null), 'Waiting for the first update…'],
    [
      'updated 2 minutes ago',
      state({ at: '2026-11-22T01:58:00Z', ok: true, put: 6, deleted: 0 }, { written: written(6) }),
      'Updated 2 minutes ago: 6 events',
    ],
    [
      'updated a moment ago',
      state({ at: '2026-11-22T01:59:40Z', ok: true, put: 3, deleted: 0 }, { written: written(3) }),
      'Updated just now: 3 events',
    ],
    [
      'updated yesterday',
      state({ at: '2026-11-21T01:00:00Z', ok: true, put: 0, deleted: 0 }, { written: written(3) }),
      'Updated yesterday: 3 events',
    ],
    [
      'updated with one event',
      state({ at: '2026-11-22T01:00:00Z', ok: true, put: 1, deleted: 0 }, { written: written(1) }),
      'Updated 1 hour ago: 1 event',
    ],
    [
      'a wrong password',
      state({ at: '2026-11-22T01:59:00Z', ok: false, code: 'auth', detail: '401' }),
      'Not updated: Wrong user name or password: check the user name and the app password (iCloud and Fastmail need an app password, not your main password).',
    ],
    [
      'a code from a newer version',
      state({ at: '2026-11-22T01:59:00Z', ok: false, code: 'brandNew' as never, detail: '418' }),
      'Not updated: Something went wrong: brandNew: 418',
    ],
  ])('%s: %s', (_, value, text) => {
    expect(calendarStatusText(ACCOUNT, value, NOW, 'en')).toBe(text);
  });

  it('shows the stored state live, with the last success', async () => {
    await calendarStateItem.setValue(
      state({ at: '2026-11-22T01:58:00Z', ok: true, put: 2, deleted: 0 }, { written: written(2), lastSuccessAt: '2026-11-22T01:58:00Z' }),
    );
    await renderPanel();
    const status = await screen.findByTestId('calendar-status');
    await waitFor(() => expect(status.textContent).toBe('Updated 2 minutes ago: 2 events'));
    // The live region speaks when a round ends, not on the first look nor as minutes pass.
    const announce = screen.getByRole('status');
    expect(announce.textContent).toBe('');
    expect(screen.getByText('Last successful update: Nov 22, 09:58.')).toBeTruthy();
    await act(() =>
      calendarStateItem.setValue(
        state({ at: '2026-11-22T01:59:30Z', ok: false, code: 'unreachable', detail: 'offline' }, { lastSuccessAt: '2026-11-22T01:58:00Z' }),
      ),
    );
    await waitFor(() => expect(status.textContent).toContain('Not updated: The server could not be reached.'));
    expect(announce.textContent).toBe(status.textContent);
  });

  it('Update now asks the background, and says so when it does not answer', async () => {
    const messages: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      messages.push(message);
      return Promise.resolve(state({ at: NOW.toISOString(), ok: true, put: 0, deleted: 0 }));
    });
    await renderPanel();
    const button = await screen.findByRole('button', { name: 'Update now' });
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(messages).toEqual([{ type: 'calendar:updateNow' }]));
    expect(document.activeElement).toBe(button);
    expect(screen.queryByRole('alert')).toBeNull();

    // The first answer handled (the button is no longer busy), or the second click would be ignored.
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('false'));
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener(() => undefined);
    fireEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe(
      "SIM Keeper's background did not answer. Reload the extension and try again.",
    );
  });

  it.each([
    ['Remove events', true],
    ['Keep events', false],
  ])('Disconnect asks first; %s sends removeEvents: %s', async (choice, removeEvents) => {
    const messages: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      messages.push(message);
      void calendarAccountItem.setValue(null);
      return Promise.resolve({ ok: true });
    });
    await renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    const dialog = document.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(within(dialog).getByText("Also remove SIM Keeper's events from the calendar?")).toBeTruthy();
    expect(messages).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: choice }));
    await waitFor(() => expect(messages).toEqual([{ type: 'calendar:disconnect', removeEvents }]));
    expect(await screen.findByText('Disconnected. The password was removed from this browser.')).toBeTruthy();
    expect(await screen.findByLabelText('Server address')).toBeTruthy();
  });

  it('a missing host permission offers to allow it again, asking for exactly that origin, then updates', async () => {
    await calendarStateItem.setValue(
      state({ at: '2026-11-22T01:59:00Z', ok: false, code: 'permission', detail: 'https://dav.example.org/*' }),
    );
    const messages: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      messages.push(message);
      return Promise.resolve(state({ at: NOW.toISOString(), ok: true, put: 0, deleted: 0 }));
    });
    await renderPanel();
    expect((await screen.findByTestId('calendar-status')).textContent).toBe(
      'Not updated: SIM Keeper is no longer allowed to contact this server. Allow it again below.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to dav.example.org again' }));
    expect(calls).toEqual(['request {"origins":["https://dav.example.org/*"]}']);
    await waitFor(() => expect(messages).toEqual([{ type: 'calendar:updateNow' }]));
  });

  it('Cancel sends nothing and gives the focus back to Disconnect', async () => {
    const messages: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => void messages.push(message));
    await renderPanel();
    const disconnect = await screen.findByRole('button', { name: 'Disconnect' });
    fireEvent.click(disconnect);
    const dialog = document.querySelector('dialog') as HTMLDialogElement;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(disconnect);
    expect(messages).toEqual([]);
    expect(await calendarAccountItem.getValue()).toEqual(ACCOUNT);
  });

  it('a failed disconnect says why and keeps the account', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: false, code: 'unreachable' }));
    await renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    fireEvent.click(within(document.querySelector('dialog') as HTMLElement).getByRole('button', { name: 'Remove events' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not disconnected: The server could not be reached. Check the address and your internet connection.',
    );
    expect(await calendarAccountItem.getValue()).toEqual(ACCOUNT);
  });
});

describe('Calendar panel: keep running with no window', () => {
  it('is not offered where the manifest has no optional background permission', async () => {
    await renderPanel();
    expect(screen.queryByText('Keep reminders running when all windows are closed')).toBeNull();
  });

  it('reflects the permission and asks for it on the click', async () => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'SIM Keeper',
      version: '1',
      optional_permissions: ['background'],
    });
    let has = false;
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => has);
    vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async (p) => {
      calls.push(`request ${JSON.stringify(p)}`);
      has = true;
      return true;
    });
    vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async (p) => {
      calls.push(`remove ${JSON.stringify(p)}`);
      has = false;
      return true;
    });
    await renderPanel();
    const box = screen.getByRole('checkbox', { name: 'Keep reminders running when all windows are closed' }) as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(false);
    expect(screen.getByText('Has effect in Chrome and Edge on Windows and Linux', { exact: false }).id).toBe(
      box.getAttribute('aria-describedby'),
    );
    fireEvent.click(box);
    expect(calls).toEqual(['request {"permissions":["background"]}']);
    await waitFor(() => expect(box.checked).toBe(true));
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(false));
    expect(calls).toEqual(['request {"permissions":["background"]}', 'remove {"permissions":["background"]}']);
  });
});
