import { test, expect, todayIn, USER_TIME_ZONE, writeStorage, extensionIdOf, withBrowser } from './fixtures';
import { saveScreenshot } from './screenshots';
import { showcaseCards } from './showcase-cards';

// The README's screenshots, light and dark: test-results/showcase/, and docs/screenshots/ with `npm run docs:screenshots`.
const README = { dir: 'showcase', docsDir: 'docs/screenshots' };

test('the popup with five kinds of card, sorted and worded, in English', async ({ worker, openPopup }) => {
  const today = todayIn(USER_TIME_ZONE);
  await writeStorage(worker, { cards: showcaseCards(today) });
  const popup = await openPopup();
  const items = popup.getByRole('listitem');
  await expect(items).toHaveCount(5);
  await expect(items.nth(0)).toHaveAccessibleName('紫卡');
  await expect(items.nth(0).getByTestId('countdown')).toHaveText(/day(s)? overdue|Ended today/);
  await expect(items.nth(0)).toContainText('Number lost in');
  await expect(items.nth(1)).toHaveAccessibleName('美國遠遊卡');
  await expect(items.nth(4)).toHaveAccessibleName('UR卡');
  saveScreenshot(await popup.locator('main').screenshot(), 'popup.png', README);
  await popup.emulateMedia({ colorScheme: 'dark' });
  await expect(popup.locator('html')).toHaveCSS('background-color', 'rgb(24, 23, 29)');
  saveScreenshot(await popup.locator('main').screenshot(), 'popup-dark.png', README);
});

test('the interface follows the browser language: Simplified Chinese', async () => {
  await withBrowser('zh-CN', async ({ context, worker }) => {
    const today = todayIn(USER_TIME_ZONE);
    await writeStorage(worker, { cards: showcaseCards(today) });
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${extensionIdOf(worker)}/popup.html`);
    const last = popup.getByRole('listitem', { name: 'UR卡' });
    // Its last day is 75 days away in New York, which ends at 13:00 (or 12:00) the next day in Shanghai.
    await expect(last.getByTestId('countdown')).toHaveText('还剩 76 天');
    await expect(popup.getByRole('listitem', { name: 'giffgaff main' })).toContainText('giffgaff 英国卡');
    await expect(popup.getByRole('button', { name: '今天已使用' })).toBeVisible();
    saveScreenshot(await popup.locator('main').screenshot(), 'popup-zh.png', README);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await expect(popup.locator('html')).toHaveCSS('background-color', 'rgb(24, 23, 29)');
    saveScreenshot(await popup.locator('main').screenshot(), 'popup-zh-dark.png', README);
  });
});
