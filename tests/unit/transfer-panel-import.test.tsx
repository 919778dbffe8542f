// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runImportOnPage } from '../../components/import-runner';
import { TransferPanel } from '../../components/TransferPanel';
import { resolveSettings } from '../../lib/store/settings-schema';
import { loadCards } from '../../lib/store/storage';

/*
 * The import panel with the file read on the page (runImportOnPage: the unit tests' DOM has
 * no worker; the worker runs the same job, tests/e2e/import-large.spec.ts): the question a
 * sheet that reads as both UTF-8 and GBK asks, and the preview its answer gives.
 */

const settings = resolveSettings({}, 'Asia/Shanghai');
// 取 in GBK is C8 A1, the bytes of ȡ in UTF-8.
const ambiguous = new Uint8Array([...new TextEncoder().encode('Label,End date,Notes\r\nA,2026-12-01,'), 0xc8, 0xa1, 0x0d, 0x0a]);

function choose(bytes: Uint8Array) {
  const file = new File([bytes as Uint8Array<ArrayBuffer>], 'sheet.csv', { type: 'text/csv' });
  fireEvent.change(screen.getByLabelText(/Choose a file/), { target: { files: [file] } });
}

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('a sheet that reads as both UTF-8 and GBK', () => {
  it.each([
    ['Read as GBK / GB18030 (Chinese Excel)', '取'],
    ['Read as UTF-8', 'ȡ'],
  ])('asks, showing a line of each reading; "%s" reads it so', async (button, notes) => {
    render(<TransferPanel snapshot={{ cards: [], invalid: [] }} settings={settings} runImport={runImportOnPage} />);
    choose(ambiguous);
    await screen.findByText(/reads differently as UTF-8 and as GBK/);
    expect(screen.getByText('A,2026-12-01,ȡ')).toBeTruthy();
    expect(screen.getByText('A,2026-12-01,取')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: button }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(dialog.textContent).toContain('1 new'));
    expect(screen.queryByText(/reads differently/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    await waitFor(async () => expect((await loadCards()).cards.map((card) => card.notes)).toEqual([notes]));
  });
});
