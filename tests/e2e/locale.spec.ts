import { shootLightAndDark, shootPartLightAndDark } from './screenshots';
import { expect, test, todayIn, USER_TIME_ZONE, writeStorage } from './fixtures';
import { showcaseCards } from './showcase-cards';

/*
 * Each Chinese browser gets its own language on every page: Taiwan and Hong Kong
 * Traditional Chinese (Hong Kong from the zh_HK copy made at build time, since
 * Chrome never falls back from zh_HK to zh_TW), mainland Simplified Chinese,
 * with dates written in the same language as the words around them.
 */

interface Expected {
  language: string;
  welcome: string;
  renew: string;
  cardsTitle: string;
  testButton: string;
  /** The weekday in a formatted date: 週 in Traditional, 周 in Simplified. */
  weekday: RegExp;
  giffgaffNotes: string;
  shortcut: string;
  /** The editor's time-zone picker: giffgaff's zone, and Taipei found by its name. */
  london: string;
  taipei: string;
}

const TRADITIONAL = {
  welcome: '歡迎使用保號助手',
  renew: '開啟續期網站',
  cardsTitle: '我的卡片（3）',
  testButton: '傳送測試通知',
  weekday: /週[一二三四五六日]/,
  giffgaffNotes: '每 6 個月至少使用一次 SIM 卡',
  shortcut: '按 Alt+Shift+S 開啟保號助手。',
  london: '倫敦 (UTC)',
  taipei: '台北 (UTC+8)',
};

const BROWSERS: Expected[] = [
  { language: 'zh-TW', ...TRADITIONAL },
  { language: 'zh-HK', ...TRADITIONAL },
  {
    language: 'zh-CN',
    welcome: '欢迎使用保号助手',
    renew: '打开续费网站',
    cardsTitle: '我的卡片（3）',
    testButton: '发送测试通知',
    weekday: /周[一二三四五六日]/,
    giffgaffNotes: '每 6 个月至少使用一次 SIM 卡',
    shortcut: '按 Alt+Shift+S 打开保号助手。',
    london: '伦敦 (UTC)',
    taipei: '台北 (UTC+8)',
  },
];

for (const expected of BROWSERS) {
  test.describe(`a ${expected.language} browser`, () => {
    test.use({ language: expected.language });

    test('gets its language on the welcome, popup and options pages', async ({ context, worker, extensionId, openPopup, openOptions }) => {
      const tag = expected.language;

      const welcome = await context.newPage();
      await welcome.setViewportSize({ width: 900, height: 700 });
      await welcome.goto(`chrome-extension://${extensionId}/welcome.html`);
      await expect(welcome.getByRole('heading', { level: 1 })).toHaveText(expected.welcome);
      await expect(welcome.locator('html')).toHaveAttribute('lang', tag);
      await expect(welcome.getByTestId('shortcut')).toContainText(expected.shortcut);
      await shootLightAndDark(welcome, `locale-${tag}-welcome`);

      // Three of the showcase cards: one of each script's carriers (US, UK, Hong Kong).
      await writeStorage(worker, { cards: showcaseCards(todayIn(USER_TIME_ZONE)).slice(0, 3) });
      // The frame popup.html paints before React, as popup-first.js names it.
      await context.addInitScript(() => {
        new MutationObserver(() => {
          const title = document.querySelector('#first header h1')?.textContent;
          if (title) (window as unknown as { __frameTitle?: string }).__frameTitle ??= title;
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      const popup = await openPopup();
      await expect(popup.getByRole('listitem')).toHaveCount(3);
      const reactTitle = await popup.getByRole('heading', { level: 1 }).textContent();
      expect(reactTitle).not.toBe('SIM Keeper');
      expect(await popup.evaluate(() => (window as unknown as { __frameTitle?: string }).__frameTitle)).toBe(reactTitle);
      await expect(popup.locator('html')).toHaveAttribute('lang', tag);
      await expect(popup.getByRole('button', { name: expected.renew }).first()).toBeVisible();
      // Dates in the words' language: no English weekday beside Chinese words.
      await expect(popup.getByRole('listitem', { name: 'giffgaff' })).toContainText(expected.weekday);
      await expect(popup.locator('main')).not.toContainText(/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/);
      await shootLightAndDark(popup, `locale-${tag}-popup`);

      const options = await openOptions();
      await expect(options.getByRole('heading', { level: 2, name: expected.cardsTitle })).toBeVisible();
      await expect(options.getByRole('button', { name: expected.testButton })).toBeVisible();
      await expect(options.getByTestId('shortcut')).toContainText(expected.shortcut);
      await shootLightAndDark(options, `locale-${tag}-options`);

      // At 400 px the calendar address hint leaves no scrap of two or three characters ("址”。") alone on its last line.
      await options.setViewportSize({ width: 400, height: 800 });
      const hint = options.locator('#calendar-server-hint');
      const lines = await hint.evaluate((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const byLine = new Map<number, { left: number; right: number }>();
        for (const rect of range.getClientRects()) {
          if (rect.width === 0) continue;
          const line = byLine.get(Math.round(rect.bottom)) ?? { left: rect.left, right: rect.right };
          byLine.set(Math.round(rect.bottom), { left: Math.min(line.left, rect.left), right: Math.max(line.right, rect.right) });
        }
        const fontSize = Number.parseFloat(getComputedStyle(element).fontSize);
        return [...byLine.entries()].sort(([a], [b]) => a - b).map(([, line]) => (line.right - line.left) / fontSize);
      });
      if (lines.length > 1)
        expect(lines.at(-1), `last line of the hint, in characters: ${lines.map((n) => n.toFixed(1))}`).toBeGreaterThanOrEqual(5);
      await shootPartLightAndDark(options, options.locator('form', { has: hint }), `locale-${tag}-calendar-400`);
      await options.setViewportSize({ width: 1280, height: 720 });

      await options.goto(`chrome-extension://${extensionId}/options.html#card=gg`);
      await expect(options.getByTestId('provider-notes')).toContainText(expected.giffgaffNotes);
      await expect(options.getByTestId('provider-notes')).not.toContainText('英文');
      // The time-zone picker names the city in the page's language, with its offset.
      const zone = options.locator('#field-timeZone');
      await expect(zone).toHaveValue('Europe/London');
      await expect(zone.locator('option:checked')).toHaveText(expected.london);
      await expect(zone.locator('optgroup').first().locator('option').first()).toHaveText(/^上海 \(UTC\+8\)$/);
      await shootLightAndDark(options, `locale-${tag}-editor`);
      const filter = options.locator('#field-timeZone-filter');
      await filter.fill('台北');
      await filter.press('Enter');
      await expect(zone).toHaveValue('Asia/Taipei');
      await expect(zone.locator('option:checked')).toHaveText(expected.taipei);
      await options.locator('.field', { has: zone }).screenshot({ path: `test-results/screenshots/locale-${tag}-zone-picker.png` });
    });
  });
}

test('English: the welcome page, and a test notification shown by the background', async ({
  context,
  worker,
  extensionId,
  openOptions,
}) => {
  const welcome = await context.newPage();
  await welcome.setViewportSize({ width: 900, height: 700 });
  await welcome.goto(`chrome-extension://${extensionId}/welcome.html`);
  await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Welcome to SIM Keeper');
  await expect(welcome.getByTestId('shortcut')).toContainText('Press Alt+Shift+S to open SIM Keeper.');
  await shootLightAndDark(welcome, 'welcome-en');
  await welcome.getByRole('link', { name: 'Add your first card' }).click();
  await expect(welcome).toHaveURL(/\/options\.html#new$/);
  await expect(welcome.getByRole('heading', { level: 2, name: 'Add a card' })).toBeVisible();

  const options = await openOptions();
  await options.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(options.getByRole('status').filter({ hasText: /^Sent\./ })).toBeVisible();
  const shown = await worker.evaluate(async () =>
    (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<object> } } }).chrome.notifications.getAll(),
  );
  expect(Object.keys(shown)).toEqual(['sim-keeper-test']);
  await shootLightAndDark(options, 'options-en');
});
