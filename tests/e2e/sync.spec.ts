import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import {
  addDaysTo,
  dismissWelcomePage,
  expect,
  extensionIdOf,
  launchWithExtension,
  readStorage,
  serviceWorkerOf,
  test,
  todayIn,
  USER_TIME_ZONE,
  writeStorage,
} from './fixtures';
import { itemBytes, SYNC_LIMITS } from '../../lib/sync/limits';

/*
 * Sync in real Chromium, with no account: `chrome.storage.sync` works as a local area
 * there, which is all these tests need. "Another browser" is played by writing into
 * chrome.storage.sync from the service worker, as Chrome Sync does when a change arrives.
 */

type Alarm = { name: string; scheduledTime: number };
type SyncApi = {
  chrome: {
    storage: { sync: { get(keys: null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
    alarms: { getAll(): Promise<Alarm[]> };
  };
};
const syncItems = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as SyncApi).chrome.storage.sync.get(null));
const reminderAlarms = (worker: Worker) =>
  worker.evaluate(async () =>
    (await (globalThis as unknown as SyncApi).chrome.alarms.getAll()).filter((a) => a.name.startsWith('r|') && a.name !== 'r|midnight'),
  );

function ultraCard(anchorDate: string) {
  return {
    id: 'ultra',
    label: '紫卡',
    providerId: 'ultra-paygo',
    phoneNumber: '+1 213 555 0142',
    notes: '',
    timeZone: USER_TIME_ZONE,
    channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
    rule: { type: 'cycle', anchorDate, period: { count: 30, unit: 'days' }, graceDays: 30 },
    history: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

async function shoot(page: Page, name: string) {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.locator('section.sync').screenshot({ path: `test-results/screenshots/${name}.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('section.sync').screenshot({ path: `test-results/screenshots/${name}-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('turning sync on writes one item per card; a change from another browser reaches the popup and the alarms', async ({
  worker,
  openOptions,
  openPopup,
}) => {
  test.setTimeout(120_000);
  const today = todayIn(USER_TIME_ZONE);
  // Due tomorrow: paid 29 days ago on a 30-day cycle.
  await writeStorage(worker, { cards: [ultraCard(addDaysTo(today, -29))] });
  const dueTomorrow = addDaysTo(today, 1);
  await expect.poll(async () => (await reminderAlarms(worker)).some((a) => a.name.includes(`|due|${dueTomorrow}|`))).toBe(true);

  const options = await openOptions();
  const toggle = options.getByRole('switch', { name: 'Keep my cards in sync across my browsers' });
  await expect(toggle).not.toBeChecked();
  await expect(options.getByTestId('sync-state')).toContainText('Sync is off');
  expect(await syncItems(worker)).toEqual({});

  await toggle.check();
  await expect.poll(async () => Object.keys(await syncItems(worker)).sort()).toEqual(['c.ultra', 'settings']);
  const item = (await syncItems(worker))['c.ultra'] as {
    v: number;
    card: { id: string; label: string };
    b: string;
    f: Record<string, string>;
  };
  expect(item).toMatchObject({ v: 1, card: { id: 'ultra', label: '紫卡' } });
  await expect(options.getByTestId('sync-state')).toContainText('Sync is on.');
  await expect(options.getByTestId('sync-quota')).toContainText(/Sync storage used: \d+\.\d KB of 100 KB, 2 items/);
  await expect(options.getByTestId('sync-state')).toContainText('No change received from another browser yet.');
  await shoot(options, 'sync-panel');

  // Another browser renews the card today and renames it: Chrome Sync writes its item here.
  const later = Date.now() + 1_000;
  const clock = `${String(later).padStart(13, '0')}~other1`;
  const renewed = {
    ...item,
    card: {
      ...item.card,
      label: '紫卡 (laptop)',
      history: [{ id: 'renewed-on-laptop', date: today, kind: 'renewed' }],
      updatedAt: new Date(later).toISOString(),
    },
    f: { ...item.f, label: clock },
  };
  await worker.evaluate((value) => (globalThis as unknown as SyncApi).chrome.storage.sync.set({ 'c.ultra': value }), renewed);

  // The local copy follows, the popup shows it, and the alarms move to the new deadline.
  await expect.poll(async () => ((await readStorage(worker, 'cards')) as { label: string }[])[0]?.label).toBe('紫卡 (laptop)');
  const popup = await openPopup();
  const card = popup.getByRole('listitem', { name: '紫卡 (laptop)' });
  await expect(card.getByTestId('countdown')).toHaveText('31 days');
  const newDue = addDaysTo(dueTomorrow, 30);
  await expect.poll(async () => (await reminderAlarms(worker)).every((a) => !a.name.includes(`|due|${dueTomorrow}|`))).toBe(true);
  expect((await reminderAlarms(worker)).some((a) => a.name.includes(`|due|${newDue}|`))).toBe(true);
  await expect(options.getByTestId('sync-state')).toContainText('Last change received:');

  // A renewal recorded here goes out to sync storage in the card's item.
  await card.getByRole('button', { name: 'Record renewal' }).click();
  await expect.poll(async () => ((await syncItems(worker))['c.ultra'] as { card: { history: unknown[] } }).card.history.length).toBe(2);

  // Turning sync off leaves sync storage as it is, for the other browsers.
  await toggle.uncheck();
  await expect(options.getByTestId('sync-state')).toContainText('Sync is off');
  expect(Object.keys(await syncItems(worker))).toContain('c.ultra');
});

test('when both sides hold cards, turning sync on shows what the merge will do first (English and Chinese)', async () => {
  test.setTimeout(180_000);
  for (const language of ['en-US', 'zh-CN']) {
    const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-sync-'));
    const context = await launchWithExtension(dir, { language });
    try {
      const worker = await serviceWorkerOf(context);
      await dismissWelcomePage(context);
      const today = todayIn(USER_TIME_ZONE);
      const other = { ...ultraCard(addDaysTo(today, -3)), id: 'giff', label: 'giffgaff', providerId: 'giffgaff' };
      await writeStorage(worker, { cards: [ultraCard(addDaysTo(today, -10))] });
      // What another browser left in sync storage: the same card renamed later, and one more.
      const clock = `${String(Date.now()).padStart(13, '0')}~other1`;
      const item = (card: ReturnType<typeof ultraCard>) => ({ v: 1, card, b: '1767225600000~', f: { label: clock } });
      await worker.evaluate((items) => (globalThis as unknown as SyncApi).chrome.storage.sync.set(items), {
        'c.ultra': item({ ...ultraCard(addDaysTo(today, -10)), label: '紫卡 (laptop)', updatedAt: new Date().toISOString() }),
        'c.giff': item(other),
      });
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionIdOf(worker)}/options.html`);
      await page.getByRole('switch').check();
      const preview = page.getByRole('dialog');
      await expect(preview).toBeVisible();
      if (language === 'en-US') {
        await expect(preview).toContainText('From your other browsers, to be added here: 1');
        await expect(preview).toContainText('Taking changes made elsewhere: 1');
      }
      await shoot(page, language === 'en-US' ? 'sync-preview' : 'sync-preview-zh');
      // Nothing merged before the user confirms.
      expect(((await readStorage(worker, 'cards')) as unknown[]).length).toBe(1);
      await preview.getByRole('button').first().click();
      await expect
        .poll(async () => ((await readStorage(worker, 'cards')) as { label: string }[]).map((c) => c.label).sort())
        .toEqual(['giffgaff', '紫卡 (laptop)']);
      if (language === 'zh-CN') await shoot(page, 'sync-panel-zh');
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('a card that does not fit beside what is already in sync storage stays local, and the panel says so', async ({
  worker,
  openOptions,
}) => {
  test.setTimeout(120_000);
  await writeStorage(worker, { cards: [ultraCard(addDaysTo(todayIn(USER_TIME_ZONE), -5))] });
  // Items a newer SIM Keeper left in sync storage (this version leaves them alone) fill the quota.
  const filler = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`c.later${i}`, { v: 2, pad: 'x'.repeat(7_700) }]));
  await worker.evaluate((items) => (globalThis as unknown as SyncApi).chrome.storage.sync.set(items), filler);
  const options = await openOptions();
  await options.getByRole('switch').check();
  await expect(options.getByTestId('sync-local-only')).toContainText('紫卡: no room left in sync storage (100 KB in all)');
  // The card is still here, and the filler was not touched.
  expect(((await readStorage(worker, 'cards')) as { id: string }[]).map((c) => c.id)).toEqual(['ultra']);
  expect(Object.keys(await syncItems(worker))).not.toContain('c.ultra');
  await shoot(options, 'sync-local-only');
});

test('sizes are counted as Chromium counts them: getBytesInUse and the 8 KB refusal agree with itemBytes', async ({ worker }) => {
  test.setTimeout(60_000);
  // Characters Chrome's JSONWriter escapes (`<`, U+2028, U+2029), ones it does not (`>`,
  // `&`, `'`, U+007F), control characters, a lone surrogate, and numbers V8 hands over as doubles.
  const values: Record<string, unknown> = {
    lt: '余额‹5元<'.repeat(20),
    gt: ">&'".repeat(20),
    seps: '\u2028\u2029'.repeat(10),
    del: '\u007f'.repeat(10),
    ctrl: '\u0001\n\t"\\'.repeat(10),
    lone: 'a\ud800b',
    pair: '😀',
    big: { at: 1795482000000, small: 3, half: 2.5, neg: -7, zero: -0 },
    whole: 1795482000000,
    zero: -0,
    nested: { card: { notes: '<b>&</b>\u2028', history: [{ id: 'x<y', amount: 12.75 }] } },
  };
  const measured = await worker.evaluate(async (items) => {
    const sync = (
      globalThis as unknown as {
        chrome: {
          storage: {
            sync: {
              set(i: Record<string, unknown>): Promise<void>;
              clear(): Promise<void>;
              getBytesInUse(k: string | null): Promise<number>;
            };
          };
        };
      }
    ).chrome.storage.sync;
    await sync.clear();
    await sync.set(items);
    const out: Record<string, number> = {};
    for (const key of Object.keys(items)) out[key] = await sync.getBytesInUse(key);
    return out;
  }, values);
  const chromium = Object.fromEntries(Object.keys(values).map((key) => [key, measured[key]]));
  const ours = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, itemBytes(key, value)]));
  console.log('getBytesInUse', JSON.stringify(chromium), 'itemBytes', JSON.stringify(ours));
  // Firefox counts the key plus JSON.stringify's output in UTF-8; ours is the larger of the two browsers' counts, exactly.
  const firefox = (key: string, value: unknown) => new TextEncoder().encode(key + JSON.stringify(value)).length;
  for (const [key, value] of Object.entries(values)) expect(ours[key], key).toBe(Math.max(chromium[key]!, firefox(key, value)));
  // Where Chromium counts more than JSON.stringify (the escapes), ours is Chromium's count.
  for (const key of ['lt', 'seps', 'nested']) expect(ours[key], key).toBe(chromium[key]);
  expect(chromium.lt).toBeGreaterThan(firefox('lt', values.lt));

  // An item of `<` that JSON.stringify counts under 8 KB but Chromium counts over it is refused.
  const refused = await worker.evaluate(async (value) => {
    try {
      await (
        globalThis as unknown as { chrome: { storage: { sync: { set(i: Record<string, unknown>): Promise<void> } } } }
      ).chrome.storage.sync.set({ k: value });
      return '';
    } catch (error) {
      return String(error);
    }
  }, '<'.repeat(2_000));
  expect(itemBytes('k', '<'.repeat(2_000))).toBeGreaterThan(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);
  expect(refused).toMatch(/quota/i);
});

test('with sync storage full, deletions of cards that stayed local and later renewals never get a write refused; a `<` card stays local', async ({
  worker,
  openOptions,
}) => {
  test.setTimeout(180_000);
  const today = todayIn(USER_TIME_ZONE);
  const renewals = (id: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${id}-renewal-${String(i).padStart(3, '0')}-a5b8c1d2-e3f4-4a5b-8c9d-0e1f2a3b4c5d`,
      date: addDaysTo('2025-06-01', i * 30),
      kind: 'renewed',
    }));
  const card = (i: number) => {
    const id = `card-${String(i).padStart(3, '0')}`;
    return {
      ...ultraCard(addDaysTo(today, -5)),
      id,
      label: `Card ${i}`,
      history: renewals(id, 12),
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString(),
    };
  };
  // Notes JSON.stringify counts under 8 KB, Chrome over it.
  const lt = { ...ultraCard(addDaysTo(today, -5)), id: 'lt', label: '余额卡', notes: '余额<\u2028'.repeat(500) };
  let cards = [lt, ...Array.from({ length: 200 }, (_, i) => card(i))];
  await writeStorage(worker, { cards });
  const options = await openOptions();
  await options.getByRole('switch').check();
  type Status = { error?: unknown; localOnly?: { id: string }[]; stale?: { id: string }[]; deletionsLeftOut?: string[]; items?: number };
  const status = async () => ((await readStorage(worker, 'syncStatus')) ?? {}) as Status;
  await expect.poll(async () => (await status()).localOnly?.length ?? 0, { timeout: 30_000 }).toBeGreaterThan(60);
  await expect(options.getByTestId('sync-local-only')).toContainText('余额卡: too large');
  const localOnly = new Set((await status()).localOnly!.map((c) => c.id));
  expect((await status()).error).toBeUndefined();

  // The renewals of the cards that stayed local are undone, then 30 of them are deleted.
  cards = cards.map((c) => (localOnly.has(c.id) && c.id !== 'lt' ? { ...c, history: [], updatedAt: new Date().toISOString() } : c));
  await writeStorage(worker, { cards });
  await expect
    .poll(async () => ((await readStorage(worker, 'syncBase')) as { cards: Record<string, { x?: object }> }).cards['card-199']?.x)
    .toBeTruthy();
  const deleted = new Set([...localOnly].filter((id) => id !== 'lt').slice(0, 30));
  cards = cards.filter((c) => !deleted.has(c.id));
  await writeStorage(worker, { cards });
  await expect.poll(async () => (await status()).deletionsLeftOut?.length ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
  expect((await status()).error).toBeUndefined();
  await expect(options.getByTestId('sync-deletions-waiting')).toBeVisible();

  // A renewal of a synced card still reaches sync storage, or the card is named stale; no write is refused.
  const target = cards.find((c) => c.id !== 'lt' && !localOnly.has(c.id))!;
  cards = cards.map((c) =>
    c.id === target.id
      ? { ...c, history: [...c.history, { id: 'renewed-today', date: today, kind: 'renewed' }], updatedAt: new Date().toISOString() }
      : c,
  );
  await writeStorage(worker, { cards });
  await expect
    .poll(
      async () => {
        const item = (await syncItems(worker))[`c.${target.id}`] as { card: { history: { id: string }[] } };
        const reached = item.card.history.some((e) => e.id === 'renewed-today');
        const stale = ((await status()).stale ?? []).some((c) => c.id === target.id);
        return reached !== stale;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  expect((await status()).error).toBeUndefined();
  // The panel's count is what Chromium stores.
  const stored = Object.keys(await syncItems(worker)).length;
  await expect(options.getByTestId('sync-quota')).toContainText(`, ${stored} items`);
  // No card lost here.
  expect(((await readStorage(worker, 'cards')) as unknown[]).length).toBe(171);
});
