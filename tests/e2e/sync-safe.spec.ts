import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@playwright/test';
import {
  dismissWelcomePage,
  expect,
  extensionIdOf,
  launchWithExtension,
  readStorage,
  serviceWorkerOf,
  test,
  USER_TIME_ZONE,
  writeStorage,
} from './fixtures';
import { shootLightAndDark } from './screenshots';

/*
 * Sync never deletes a card by surprise, in real Chromium (no account: chrome.storage.sync
 * is a local area, which is all this needs; "the other browser" is what sync storage holds).
 */

type SyncApi = {
  chrome: { storage: { sync: { get(keys: null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } } };
};
type Item = { card?: { label: string; history: { id: string; date: string }[] }; b: string; d?: string; f?: Record<string, string> };
const syncItems = (worker: Worker) =>
  worker.evaluate(() => (globalThis as unknown as SyncApi).chrome.storage.sync.get(null)) as Promise<Record<string, Item>>;
/** Ids of the cards alive in sync storage (a deleted card's item has no card). */
const aliveInSync = async (worker: Worker) =>
  Object.entries(await syncItems(worker))
    .filter(([key, item]) => key.startsWith('c.') && item.card && (!item.d || item.b > item.d))
    .map(([key]) => key.slice(2))
    .sort();
const localIds = async (worker: Worker) => ((await readStorage(worker, 'cards')) as { id: string }[]).map((card) => card.id).sort();

function card(id: string, label: string) {
  return {
    id,
    label,
    providerId: null,
    phoneNumber: '',
    notes: '',
    timeZone: USER_TIME_ZONE,
    channels: { website: '', app: '', hotline: '' },
    rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' } },
    history: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

test('cards deleted while sync was off are named before they are deleted elsewhere; one kept comes back, one let go is in Recently deleted', async ({
  worker,
  openOptions,
}) => {
  test.setTimeout(90_000);
  await writeStorage(worker, { cards: [card('ultra', '紫卡'), card('giff', 'giffgaff'), card('hk', '3HK')] });
  const options = await openOptions();
  const toggle = options.getByRole('switch', { name: 'Keep my cards in sync across my browsers' });
  await toggle.check();
  await expect.poll(() => aliveInSync(worker)).toEqual(['giff', 'hk', 'ultra']);

  // Sync off; two cards deleted here.
  await toggle.uncheck();
  await expect(options.getByTestId('sync-state')).toContainText('Sync is off');
  await options.getByRole('button', { name: 'Delete giffgaff' }).click();
  await options.getByRole('button', { name: 'Delete 3HK' }).click();
  await expect.poll(() => localIds(worker)).toEqual(['ultra']);

  // Turning sync on names both, under "will be deleted in your other browsers", before anything is merged.
  await toggle.check();
  const preview = options.getByRole('dialog');
  const elsewhere = preview.getByTestId('sync-review-elsewhere');
  await expect(elsewhere).toContainText('they will be deleted in your other browsers');
  await expect(elsewhere.getByRole('checkbox')).toHaveCount(2);
  await shootLightAndDark(options, 'sync-review-preview');
  expect(await aliveInSync(worker)).toEqual(['giff', 'hk', 'ultra']);
  await elsewhere.getByLabel('Keep giffgaff').check();
  await preview.getByRole('button', { name: 'Merge and turn on sync' }).click();

  // giffgaff is kept (back here, still in sync storage); 3HK is deleted everywhere.
  await expect.poll(() => aliveInSync(worker)).toEqual(['giff', 'ultra']);
  await expect.poll(() => localIds(worker)).toEqual(['giff', 'ultra']);
  await expect(options.getByRole('row', { name: /giffgaff/ })).toBeVisible();

  // 3HK waits in Recently deleted; Restore brings it back here and in sync storage.
  const recent = options.getByTestId('recently-deleted');
  await expect(recent).toContainText('3HK, deleted');
  await recent.getByRole('button', { name: 'Restore 3HK' }).click();
  await expect(options.getByRole('status')).toContainText('3HK is back.');
  await expect.poll(() => localIds(worker)).toEqual(['giff', 'hk', 'ultra']);
  await expect.poll(() => aliveInSync(worker)).toEqual(['giff', 'hk', 'ultra']);
  await expect(recent.getByRole('button', { name: 'Restore 3HK' })).toHaveCount(0);
});

test('cards that sync storage has deletions for are named "will be deleted here" and one is kept; Restore the state before an import keeps a later renewal', async ({
  worker,
  openOptions,
}) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-syncsafe-'));
  try {
    // Another browser deleted "hk" (its tombstone is in sync storage); this browser still holds it.
    const born = '1767225600000~';
    const deletedAt = `${String(Date.now() - 60_000).padStart(13, '0')}~other1`;
    await worker.evaluate((items) => (globalThis as unknown as SyncApi).chrome.storage.sync.set(items), {
      'c.hk': { v: 1, b: born, d: deletedAt },
      'c.ultra': { v: 1, card: card('ultra', '紫卡'), b: born },
    });
    await writeStorage(worker, { cards: [card('ultra', '紫卡'), card('hk', '3HK')] });
    const options = await openOptions();
    await options.getByRole('switch', { name: 'Keep my cards in sync across my browsers' }).check();
    const here = options.getByRole('dialog').getByTestId('sync-review-here');
    await expect(here).toContainText('Deleted in another browser: they will be deleted here');
    await here.getByLabel('Keep 3HK').check();
    await options.getByRole('dialog').getByRole('button', { name: 'Merge and turn on sync' }).click();
    // Kept: a new life in sync storage, here too.
    await expect.poll(() => aliveInSync(worker)).toEqual(['hk', 'ultra']);
    expect(await localIds(worker)).toEqual(['hk', 'ultra']);

    // A Replace all import, then a renewal of the imported card arrives from the other browser.
    const file = join(dir, 'wrong.json');
    writeFileSync(
      file,
      JSON.stringify({ format: 'sim-keeper-backup', version: 1, cards: [card('ultra', '紫卡'), card('extra', 'Extra')] }),
    );
    await options.getByLabel('Choose a file: a SIM Keeper backup, a CSV sheet or a Wallos export').setInputFiles(file);
    await options.getByRole('button', { name: 'Replace all' }).click();
    await expect(options.getByText('Imported. You now have 2 cards.')).toBeVisible();
    await expect.poll(() => aliveInSync(worker)).toEqual(['extra', 'ultra']);
    const ultra = (await syncItems(worker))['c.ultra']!;
    const later = Date.now() + 1_000;
    await worker.evaluate((value) => (globalThis as unknown as SyncApi).chrome.storage.sync.set({ 'c.ultra': value }), {
      ...ultra,
      card: {
        ...ultra.card,
        history: [{ id: 'renewed-elsewhere', kind: 'renewed', date: '2026-11-20' }],
        updatedAt: new Date(later).toISOString(),
      },
    });
    await expect
      .poll(
        async () =>
          ((await readStorage(worker, 'cards')) as { id: string; history: unknown[] }[]).find((c) => c.id === 'ultra')?.history.length,
      )
      .toBe(1);

    await options.getByRole('button', { name: 'Restore the state before the import' }).click();
    // 3HK is back, "Extra" (added by the import) is gone, and the renewal stays: here and in sync storage.
    await expect.poll(() => localIds(worker)).toEqual(['hk', 'ultra']);
    await expect.poll(() => aliveInSync(worker)).toEqual(['hk', 'ultra']);
    const stored = (await readStorage(worker, 'cards')) as { id: string; history: { id: string }[] }[];
    expect(stored.find((c) => c.id === 'ultra')?.history.map((e) => e.id)).toEqual(['renewed-elsewhere']);
    expect((await syncItems(worker))['c.ultra']?.card?.history.map((e) => e.id)).toEqual(['renewed-elsewhere']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the preview naming a card deleted elsewhere, and Recently deleted, in Simplified Chinese (light and dark)', async () => {
  test.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-syncsafe-zh-'));
  const context = await launchWithExtension(dir, { language: 'zh-CN' });
  try {
    const worker = await serviceWorkerOf(context);
    await dismissWelcomePage(context);
    const deletedAt = new Date().toISOString();
    await writeStorage(worker, {
      cards: [card('ultra', '紫卡')],
      recentlyDeleted: [
        { card: card('hk', '3HK'), deletedAt, by: 'sync' },
        { card: card('giff', 'giffgaff'), deletedAt, by: 'here' },
      ],
    });
    // Another browser deleted 紫卡.
    await worker.evaluate((items) => (globalThis as unknown as SyncApi).chrome.storage.sync.set(items), {
      'c.ultra': { v: 1, b: '1767225600000~', d: `${String(Date.now() - 60_000).padStart(13, '0')}~other1` },
    });
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionIdOf(worker)}/options.html`);
    await page.getByRole('switch').check();
    await expect(page.getByRole('dialog').getByTestId('sync-review-here')).toContainText('已在其他浏览器中删除：它们将从这里删除');
    await expect(page.getByRole('dialog').getByLabel('保留 紫卡')).not.toBeChecked();
    await expect(page.getByTestId('recently-deleted')).toContainText('3HK，已在其他浏览器中删除');
    await expect(page.getByRole('button', { name: '恢复 giffgaff' })).toBeVisible();
    await shootLightAndDark(page, 'recently-deleted-zh');
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
