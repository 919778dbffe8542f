// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { WebDavPanel, webdavErrorText, webdavStatusText } from '../../components/WebDavPanel';
import { RemoteError, type RemoteErrorCode } from '../../lib/remote/errors';
import { webdavAccountItem, webdavKeyItem, webdavStateItem } from '../../lib/store/webdav-storage';
import { connectFolder, inspectFolder } from '../../lib/webdav/connect';
import type { WebDavAccount, WebDavState } from '../../lib/webdav/stored';

// Only the network is mocked: the folder is tested against a real server in tests/webdav and tests/e2e/webdav.spec.ts.
vi.mock('../../lib/webdav/connect', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/webdav/connect')>()),
  inspectFolder: vi.fn(),
  connectFolder: vi.fn(),
}));

const NOW = new Date('2026-11-22T02:00:00Z');
const ACCOUNT: WebDavAccount = {
  folderUrl: 'https://cloud.example.org/dav/files/ada/sims/',
  username: 'ada',
  password: 'app-password-1',
  passphrase: 'lilac tram 2026',
  connectedAt: NOW.toISOString(),
};
const state = (last: WebDavState['last']): WebDavState => ({
  folderUrl: ACCOUNT.folderUrl,
  device: 'dev1',
  manifestEtag: null,
  last,
  lastSuccessAt: null,
  failures: last && !last.ok ? 1 : 0,
});

beforeEach(() => {
  fakeBrowser.permissions.request = vi.fn(async () => true) as never;
  fakeBrowser.runtime.sendMessage = vi.fn(async () => null) as never;
});
afterEach(() => {
  cleanup();
  vi.mocked(inspectFolder).mockReset();
  vi.mocked(connectFolder).mockReset();
});

async function fillForm(passphrase = ACCOUNT.passphrase) {
  render(<WebDavPanel />);
  fireEvent.change(await screen.findByLabelText('Folder address'), { target: { value: 'https://cloud.example.org/dav/files/ada/sims' } });
  fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'ada' } });
  fireEvent.change(screen.getByLabelText('App password'), { target: { value: ACCOUNT.password } });
  fireEvent.change(screen.getByLabelText('Folder passphrase'), { target: { value: passphrase } });
  fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
}

describe('Options → WebDAV folder', () => {
  it('asks for that origin only, on the click; a wrong passphrase is said beside the field and nothing is stored', async () => {
    vi.mocked(inspectFolder).mockResolvedValue({ kind: 'existing' });
    vi.mocked(connectFolder).mockRejectedValue(new RemoteError('passphrase', 'check differs'));
    await fillForm('not the one');
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['https://cloud.example.org/*'] });
    await waitFor(() => expect(screen.getByLabelText('Folder passphrase').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('alert').textContent).toMatch(/does not open the folder/);
    expect(vi.mocked(connectFolder).mock.calls[0]![2]).toMatchObject({ create: false });
    expect(await webdavAccountItem.getValue()).toBeNull();
  });

  it('a new folder needs the passphrase twice, the same both times; then the account and the key are stored', async () => {
    vi.mocked(inspectFolder).mockResolvedValue({ kind: 'new', folderMissing: true });
    const key = { salt: new Uint8Array(16), iterations: 600_000, bits: new Uint8Array(64).fill(7) };
    vi.mocked(connectFolder).mockResolvedValue({ key, created: true });
    await fillForm();
    fireEvent.change(await screen.findByLabelText('Type the passphrase again'), { target: { value: 'lilac tram 2025' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set up folder' }));
    await waitFor(() => expect(screen.getByText(/The two passphrases differ/)).toBeTruthy());
    expect(connectFolder).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Type the passphrase again'), { target: { value: ACCOUNT.passphrase } });
    fireEvent.click(screen.getByRole('button', { name: 'Set up folder' }));
    await waitFor(async () =>
      expect(await webdavAccountItem.getValue()).toMatchObject({ folderUrl: ACCOUNT.folderUrl, passphrase: ACCOUNT.passphrase }),
    );
    expect(vi.mocked(connectFolder).mock.calls[0]![2]).toMatchObject({ create: true });
    expect(await webdavKeyItem.getValue()).toMatchObject({ folderUrl: ACCOUNT.folderUrl, iterations: 600_000 });
    expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'webdav:syncNow' });
  });

  it('a refused permission stores nothing and says how to try again', async () => {
    fakeBrowser.permissions.request = vi.fn(async () => false) as never;
    await fillForm();
    expect((await screen.findByTestId('webdav-error')).textContent).toMatch(/did not allow SIM Keeper to contact cloud.example.org/);
    expect(inspectFolder).not.toHaveBeenCalled();
  });

  it('a round held after 60 days away names each card with Keep, and Confirm sends the choices', async () => {
    await webdavAccountItem.setValue(ACCOUNT);
    await webdavStateItem.setValue({
      ...state({ at: '2026-09-01T02:00:00Z', ok: true, read: 0, written: 0, cards: 2, unreadable: 0 }),
      review: {
        deleteHere: [{ id: 'h', label: 'Deleted there' }],
        deleteElsewhere: [],
        returning: [{ id: 'r', label: 'Old Lyca' }],
      },
    });
    fakeBrowser.runtime.sendMessage = vi.fn(async () => state(null)) as never;
    render(<WebDavPanel />);
    const held = await screen.findByTestId('webdav-held');
    expect(held.textContent).toMatch(/more than 60 days ago/);
    expect(held.textContent).toMatch(/No longer in the folder/);
    expect(held.textContent).not.toMatch(/sync storage/);
    // A card that would come back is kept by default; a deletion defaults to what was done.
    const returning = screen.getByRole('checkbox', { name: 'Keep Old Lyca' }) as HTMLInputElement;
    const deleted = screen.getByRole('checkbox', { name: 'Keep Deleted there' }) as HTMLInputElement;
    expect([returning.checked, deleted.checked]).toEqual([true, false]);
    fireEvent.click(returning);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and sync' }));
    await waitFor(() =>
      expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith({
        type: 'webdav:confirm',
        confirmation: { keep: [], remove: ['h', 'r'] },
      }),
    );
    // Once the background's round has applied the choices, the review is gone.
    await webdavStateItem.setValue(state({ at: NOW.toISOString(), ok: true, read: 0, written: 1, cards: 1, unreadable: 0 }));
    await waitFor(() => expect(screen.queryByTestId('webdav-held')).toBeNull());
  });

  it('a round held as this browser joins the folder says so, not "60 days"', async () => {
    await webdavAccountItem.setValue(ACCOUNT);
    await webdavStateItem.setValue({
      ...state(null),
      heldFor: 'joining',
      review: { deleteHere: [{ id: 'h', label: 'Deleted there' }], deleteElsewhere: [], returning: [] },
    });
    render(<WebDavPanel />);
    const held = await screen.findByTestId('webdav-held');
    expect(held.textContent).toMatch(/already holds cards, and some were deleted there/);
    expect(held.textContent).not.toMatch(/60 days/);
    expect((screen.getByRole('checkbox', { name: 'Keep Deleted there' }) as HTMLInputElement).checked).toBe(false);
  });

  it('says every error code in words, and the status of a round', () => {
    const codes: RemoteErrorCode[] = [
      'auth',
      'forbidden',
      'calendarGone',
      'notCalDav',
      'noEvents',
      'conflict',
      'locked',
      'server',
      'quota',
      'unreachable',
      'timeout',
      'certificate',
      'redirect',
      'tooLarge',
      'malformed',
      'permission',
      'passphrase',
      'newerFormat',
    ];
    for (const code of codes) {
      const text = webdavErrorText(code);
      expect(text, code).not.toMatch(/calendar|CalDAV|^$/i);
      // Not the fallback for a code this version does not know (which names the code).
      expect(text, code).not.toBe(webdavErrorText(`${code}X`).replace(`${code}X`, code));
    }
    expect(webdavStatusText(ACCOUNT, null, NOW, 'en')).toBe('Waiting for the first sync…');
    expect(
      webdavStatusText(ACCOUNT, state({ at: '2026-11-22T01:58:00Z', ok: true, read: 2, written: 1, cards: 1, unreadable: 0 }), NOW, 'en'),
    ).toBe('Synced 2 minutes ago: 1 card in the folder.');
    expect(
      webdavStatusText(ACCOUNT, state({ at: NOW.toISOString(), ok: true, read: 0, written: 0, cards: 40, unreadable: 2 }), NOW, 'en'),
    ).toMatch(/40 cards in the folder\. 2 file\(s\) in the folder could not be opened/);
    expect(webdavStatusText(ACCOUNT, state({ at: NOW.toISOString(), ok: false, code: 'unreachable', detail: 'x' }), NOW, 'en')).toMatch(
      /^Not synced: The server could not be reached/,
    );
  });
});
