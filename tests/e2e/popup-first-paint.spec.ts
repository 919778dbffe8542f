import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, todayIn, addDaysTo, USER_TIME_ZONE, writeStorage, readStorage } from './fixtures';

/** `count` cards due one a day from tomorrow, and two numbers already lost. */
function manyCards(today: string, count: number) {
  const base = { notes: '', history: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const cards = Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `c${i}`,
    label: `Line ${String(i).padStart(2, '0')}`,
    providerId: i === 17 ? 'giffgaff' : null,
    phoneNumber: `+44 7700 9${String(10000 + i).slice(-5)}`,
    timeZone: USER_TIME_ZONE,
    channels: { website: '', app: '', hotline: '' },
    rule: { type: 'cycle', anchorDate: addDaysTo(today, i + 1 - 30), period: { count: 30, unit: 'days' }, graceDays: 10 },
  }));
  const lost = ['Old A', 'Old B'].map((label, i) => ({
    ...base,
    id: `lost${i}`,
    label,
    providerId: null,
    phoneNumber: '',
    timeZone: USER_TIME_ZONE,
    channels: { website: '', app: '', hotline: '' },
    rule: { type: 'fixed', endDate: addDaysTo(today, -40 - i), graceDays: 5 },
  }));
  return [...lost, ...cards];
}

/** Records, in every page, the rows painted first (before React) as label and countdown text. */
function recordFirstPaint(): void {
  const record = () => {
    const first = document.getElementById('first');
    // The frame (the header) is in popup.html; the rows come from the stored first screen.
    if (!first?.querySelector('li.card') || (window as unknown as { __first?: unknown }).__first) return;
    (window as unknown as { __firstTitle: string }).__firstTitle = first.querySelector('header h1')?.textContent ?? '';
    (window as unknown as { __first: string[] }).__first = [...first.querySelectorAll('li.card')].map(
      (li) => `${li.getAttribute('aria-label')}|${li.querySelector('.card-countdown')?.textContent}`,
    );
  };
  new MutationObserver(record).observe(document, { childList: true, subtree: true });
}

async function reactRows(popup: Page, count: number): Promise<string[]> {
  const items = popup.locator('#root li.card');
  await expect(items.first()).toBeVisible();
  return (
    await items.evaluateAll((lis) =>
      lis.map((li) => `${li.getAttribute('aria-label')}|${li.querySelector('.card-countdown')?.textContent}`),
    )
  ).slice(0, count);
}

async function waitForFirstScreen(worker: Parameters<typeof readStorage>[0]): Promise<void> {
  await expect
    .poll(async () => {
      const view = (await readStorage(worker, 'popupView')) as { revision?: string } | undefined;
      return view?.revision !== undefined && view.revision === (await readStorage(worker, 'cardsRevision'));
    })
    .toBe(true);
}

test('the first paint shows exactly the rows React then shows, and never rows from before a change', async ({
  context,
  worker,
  openPopup,
}) => {
  await context.addInitScript(recordFirstPaint);
  const today = todayIn(USER_TIME_ZONE);
  const cards = manyCards(today, 30);
  await writeStorage(worker, { cards });
  await waitForFirstScreen(worker);

  const popup = await openPopup();
  const painted = await popup.evaluate(() => (window as unknown as { __first?: string[] }).__first);
  expect(painted?.length).toBeGreaterThan(3);
  expect(await reactRows(popup, painted!.length)).toEqual(painted);
  expect(painted![0]).toBe('Line 00|Tomorrow');
  // The frame came with the HTML, and was named before the rows were added.
  expect(await popup.evaluate(() => (window as unknown as { __firstTitle?: string }).__firstTitle)).toBe('SIM Keeper');
  await expect(popup.locator('#first')).toHaveCount(0);
  await popup.close();

  // A change written by hand, and the popup opened at once: whatever is painted first is the new state.
  cards[2] = { ...cards[2]!, rule: { type: 'fixed', endDate: today, graceDays: 10 }, label: 'Due today' } as (typeof cards)[number];
  await writeStorage(worker, { cards });
  const again = await openPopup();
  const rows = await reactRows(again, 3);
  expect(rows[0]).toBe('Due today|Today');
  const paintedAgain = await again.evaluate(() => (window as unknown as { __first?: string[] }).__first);
  if (paintedAgain) expect(paintedAgain.slice(0, 3)).toEqual(rows);
});

test('at 32 cards: search by label, provider and last digits; lost numbers at the bottom; Renewed moves its row', async ({
  worker,
  openPopup,
}) => {
  const today = todayIn(USER_TIME_ZONE);
  await writeStorage(worker, { cards: manyCards(today, 30) });
  const popup = await openPopup();
  const search = popup.getByRole('searchbox', { name: 'Search cards' });
  await expect(search).toBeVisible();
  const cardItems = popup.locator('#root li.card');

  await search.fill('giff');
  await expect(cardItems).toHaveCount(1);
  await expect(cardItems.first()).toHaveAccessibleName('Line 17');
  await search.fill('10029');
  await expect(cardItems).toHaveCount(1);
  await expect(cardItems.first()).toHaveAccessibleName('Line 29');
  // The search's own status (the toast's live region is a status too, on the page from the start).
  await expect(popup.locator('.search-status[role="status"]')).toHaveText('1 of 32 cards');
  await search.fill('old');
  await expect(popup.getByRole('heading', { name: 'Numbers already lost (2)' })).toBeVisible();
  await search.fill('');

  // Only a window of rows is rendered; scrolling to the end reaches the lost group and its last card.
  expect(await cardItems.count()).toBeLessThan(32);
  await popup.locator('.card-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(popup.getByRole('heading', { name: 'Numbers already lost (2)' })).toBeVisible();
  // Old B was lost a day before Old A, so it comes first in the group; Old A is the last of the 32.
  await expect(popup.getByRole('listitem', { name: 'Old A' })).toBeVisible();
  // In the lost group's own list, the last of its two.
  const lostList = popup.locator('#root li.card-group > ul');
  await expect(lostList.getByRole('listitem')).toHaveCount(2);
  await expect(lostList.getByRole('listitem').last()).toHaveAccessibleName('Old A');
  mkdirSync('test-results/screenshots', { recursive: true });
  await popup.locator('main').screenshot({ path: 'test-results/screenshots/popup-lost-group.png' });
  await popup.locator('.card-scroll').evaluate((el) => el.scrollTo(0, 0));

  const first = popup.getByRole('listitem', { name: 'Line 00' });
  await expect(first.getByTestId('countdown')).toHaveText('Tomorrow');
  await first.getByRole('button', { name: /^Record renewal/ }).click();
  await expect(popup.getByRole('listitem', { name: 'Line 01' })).toHaveAttribute('aria-posinset', '1');
  // Renewed for 30 more days, it moved down past the window of rendered rows: the search finds it.
  await search.fill('line 00');
  await expect(popup.getByRole('listitem', { name: 'Line 00' }).getByTestId('countdown')).toHaveText('31 days');
  await expect(popup.getByRole('listitem', { name: 'Line 00' })).toHaveAttribute('aria-posinset', '1');
  await popup.locator('main').screenshot({ path: 'test-results/screenshots/popup-search.png' });
});
