import type { BrowserContext, Page, Worker } from '@playwright/test';
import { test, expect, readStorage, writeStorage, USER_TIME_ZONE, todayIn, addDaysTo, extensionIdOf, withBrowser } from './fixtures';

/*
 * Issue 7, part B, in real Chromium: a notification never opens a look-alike
 * renewal link; the editor keeps what it does not show; a card deleted in
 * another window while being edited keeps the form.
 */

type Events = {
  chrome: {
    notifications: {
      onClicked: { dispatch(id: string): void };
      onButtonClicked: { dispatch(id: string, index: number): void };
    };
  };
};

const LOOKALIKE = 'https://gіffgaff.com/'; // Cyrillic і
const today = todayIn(USER_TIME_ZONE);

function giffgaffCard(id: string, website: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    label: `giffgaff ${id}`,
    providerId: 'giffgaff',
    phoneNumber: '',
    notes: '',
    timeZone: 'Europe/London',
    channels: { website, app: '', hotline: '' },
    rule: { type: 'keepAlive', anchorDate: addDaysTo(today, -30), window: { count: 6, unit: 'months' }, activities: ['call', 'sms'] },
    history: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

/** Runs `act` in the service worker and gives the page it opens. */
async function pageOpenedBy(context: BrowserContext, act: () => Promise<unknown>): Promise<Page> {
  const [page] = await Promise.all([context.waitForEvent('page'), act()]);
  await page.waitForLoadState();
  return page;
}

const dispatchClick = (worker: Worker, id: string) =>
  worker.evaluate((n) => (globalThis as unknown as Events).chrome.notifications.onClicked.dispatch(n), id);
const dispatchRenewNow = (worker: Worker, id: string) =>
  worker.evaluate((n) => (globalThis as unknown as Events).chrome.notifications.onButtonClicked.dispatch(n, 0), id);

for (const [how, act] of [
  ['a click on the notification', dispatchClick],
  ['its first button (Open renewal site)', dispatchRenewNow],
] as const) {
  test(`${how} for a card with a look-alike link opens the card with the warning, not the link`, async ({ context, worker }) => {
    await writeStorage(worker, { cards: [giffgaffCard('gg', LOOKALIKE)] });
    const page = await pageOpenedBy(context, () => act(worker, 'sim-keeper|gg'));
    expect(page.url()).toMatch(/^chrome-extension:\/\/[^/]+\/options\.html#card=gg$/);
    await expect(page.getByRole('heading', { name: 'Edit “giffgaff gg”' })).toBeVisible();
    const warning = page.getByTestId('link-warning');
    await expect(warning).toContainText('not on an official giffgaff site');
    // The host as the browser resolves it, beside the way it is written.
    await expect(warning).toContainText('xn--gffgaff-rog.com');
    await expect(warning).toContainText('gіffgaff.com');
    await page.screenshot({
      path: `test-results/screenshots/guard-notification-${act === dispatchClick ? 'click' : 'renew'}.png`,
      fullPage: true,
    });
    // No tab went to the look-alike host.
    expect(
      context
        .pages()
        .map((p) => p.url())
        .filter((url) => url.includes('xn--gffgaff')),
    ).toEqual([]);
  });
}

test('a notification for an official link opens the renewal page itself', async ({ context, worker }) => {
  // A card that renews by paying (a keep-alive card kept by a call opens its card instead: renewal-site.test.ts).
  const renews = { rule: { type: 'cycle', anchorDate: today, period: { count: 30, unit: 'days' } } };
  await writeStorage(worker, { cards: [giffgaffCard('gg', 'https://www.giffgaff.com/', renews)] });
  // No network on the test machine: the tab's request for the official page is what counts.
  const [request] = await Promise.all([
    context.waitForEvent('request', (r) => r.url().startsWith('https://www.giffgaff.com/')),
    dispatchClick(worker, 'sim-keeper|gg'),
  ]);
  expect(request.url()).toBe('https://www.giffgaff.com/');
  expect(context.pages().some((p) => p.url().includes('options.html'))).toBe(false);
});

test('the editor shows the activities that count, and a notes-only edit keeps them and unknown fields', async ({ worker, openOptions }) => {
  const stored = giffgaffCard('keep', 'https://www.giffgaff.com/', { fromNewerVersion: { esim: true } });
  await writeStorage(worker, { cards: [stored] });
  const page = await openOptions('card=keep');
  await expect(page.getByRole('checkbox', { name: 'Call' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Text (SMS)' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Mobile data' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Top-up' })).not.toBeChecked();
  await page.getByLabel('Notes').fill('SIM in the blue wallet');
  await page.getByRole('button', { name: 'Save card' }).click();
  await expect(page.getByRole('row', { name: /giffgaff keep/ })).toBeVisible();
  const [saved] = (await readStorage(worker, 'cards')) as Record<string, unknown>[];
  expect(saved).toMatchObject({ notes: 'SIM in the blue wallet', rule: stored.rule, fromNewerVersion: { esim: true } });
});

test('a card deleted in another window while it is edited keeps the form, and can be saved as a new card', async ({
  worker,
  openOptions,
}) => {
  await writeStorage(worker, { cards: [giffgaffCard('gone', 'https://www.giffgaff.com/')] });
  const page = await openOptions('card=gone');
  await page.getByLabel('Notes').fill('typed before it was deleted');
  // Another window deletes the card.
  await writeStorage(worker, { cards: [] });
  const banner = page.getByTestId('deleted-elsewhere');
  await expect(banner).toContainText('This card was deleted in another window');
  await expect(page.getByLabel('Notes')).toHaveValue('typed before it was deleted');
  await page.screenshot({ path: 'test-results/screenshots/guard-deleted-elsewhere.png', fullPage: true });
  await banner.getByRole('button', { name: 'Save as a new card' }).click();
  await expect(page.getByRole('row', { name: /giffgaff gone/ })).toBeVisible();
  const cards = (await readStorage(worker, 'cards')) as Record<string, unknown>[];
  expect(cards).toHaveLength(1);
  expect(cards[0]).toMatchObject({ notes: 'typed before it was deleted', rule: { activities: ['call', 'sms'] } });
  expect(cards[0]?.id).not.toBe('gone');
});

test('cards saved by a newer version are shown read-only', async ({ worker, openPopup, openOptions }) => {
  await writeStorage(worker, { cards: [giffgaffCard('new', 'https://www.giffgaff.com/')], cards$: { v: 2 } });
  const popup = await openPopup();
  await expect(popup.getByRole('alert')).toContainText('saved by a newer version of SIM Keeper (data version 2)');
  await expect(popup.getByRole('listitem', { name: 'giffgaff new' })).toBeVisible();
  await expect(popup.getByRole('button', { name: /Used today/ })).toHaveCount(0);
  const options = await openOptions();
  await expect(options.getByRole('alert').first()).toContainText('data version 2');
  await expect(options.getByRole('button', { name: /Add card/ })).toBeDisabled();
  await options.screenshot({ path: 'test-results/screenshots/guard-newer-version.png', fullPage: true });
  expect(await readStorage(worker, 'cards$')).toEqual({ v: 2 });
});

test('the popup confirmation shows where a look-alike link really goes (screenshots, light and dark, English and Chinese)', async ({
  worker,
  openPopup,
}) => {
  test.setTimeout(120_000);
  const card = {
    ...giffgaffCard('gg', LOOKALIKE),
    label: 'giffgaff',
    rule: { type: 'cycle', anchorDate: today, period: { count: 30, unit: 'days' } },
  };
  await writeStorage(worker, { cards: [card] });
  const popup = await openPopup();
  await popup
    .getByRole('button', { name: /Open renewal site/ })
    .first()
    .click();
  const dialog = popup.getByRole('alertdialog');
  await expect(dialog).toContainText('xn--gffgaff-rog.com');
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.screenshot({ path: `test-results/screenshots/guard-confirm-en-${scheme}.png` });
  }

  await withBrowser('zh-CN', async ({ context, worker: zhWorker }) => {
    await writeStorage(zhWorker, { cards: [card] });
    const page = await context.newPage();
    await page.setViewportSize({ width: 380, height: 600 });
    await page.goto(`chrome-extension://${extensionIdOf(zhWorker)}/popup.html`);
    await page.getByRole('button', { name: /续费/ }).first().click();
    await expect(page.getByRole('alertdialog')).toContainText('xn--gffgaff-rog.com');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screenshots/guard-confirm-zh-${scheme}.png` });
    }
  });
});
