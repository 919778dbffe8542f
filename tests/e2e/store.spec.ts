import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, todayIn, USER_TIME_ZONE, writeStorage, extensionIdOf, withBrowser } from './fixtures';
import { pngHeader, saveScreenshot } from './screenshots';
import { showcaseCards } from './showcase-cards';

/*
 * Store screenshots at 1280×800, the size the Chrome Web Store asks for (or 640×400) and that
 * Edge Add-ons (1280×800 or 640×480) and Firefox Add-ons (1.6:1, 1280×800 recommended) accept.
 * Chrome wants PNGs without alpha: the test checks the colour type. They land in
 * test-results/store/, and in docs/store/screenshots/ with `npm run docs:screenshots`.
 */
const STORE = { width: 1280, height: 800 };
const OUT = { dir: 'store', docsDir: 'docs/store/screenshots' };

/** The popup as the user sees it (380×600), light or dark. */
async function popupShot(context: BrowserContext, extensionId: string, colorScheme: 'light' | 'dark'): Promise<Buffer> {
  const popup = await context.newPage();
  await popup.emulateMedia({ colorScheme });
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('listitem')).toHaveCount(5);
  const png = await popup.screenshot();
  await popup.close();
  return png;
}

/** A 1280×800 frame: a caption on the left (the title is HTML, for its line break), the light and the dark popup side by side on the right. */
async function framedPopups(page: Page, caption: { title: string; lines: string[]; lang: string }, light: Buffer, dark: Buffer) {
  const img = (png: Buffer, alt: string) => `<img alt="${alt}" src="data:image/png;base64,${png.toString('base64')}">`;
  await page.setViewportSize(STORE);
  await page.setContent(`<!doctype html><html lang="${caption.lang}"><head><style>
    html, body { margin: 0; width: 1280px; height: 800px; overflow: hidden; }
    body { display: flex; align-items: center; gap: 48px; padding: 0 56px; box-sizing: border-box;
      background: linear-gradient(135deg, #f3efff 0%, #e4dcfb 55%, #cfc2f5 100%);
      font-family: system-ui, "Noto Sans CJK SC", "Noto Sans CJK TC", sans-serif; color: #1c1b22; }
    .caption { flex: 1; }
    h1 { font-size: 40px; line-height: 1.15; margin: 0 0 24px; color: #4c1d95; }
    p { font-size: 20px; line-height: 1.5; margin: 0 0 12px; color: #3b3650; }
    .shots { display: flex; gap: 28px; }
    img { width: 380px; height: 600px; border-radius: 14px; box-shadow: 0 18px 48px rgba(46, 16, 101, 0.28); }
  </style></head><body>
    <div class="caption"><h1>${caption.title}</h1>${caption.lines.map((line) => `<p>${line}</p>`).join('')}</div>
    <div class="shots">${img(light, 'light')}${img(dark, 'dark')}</div>
  </body></html>`);
  await expect(page.locator('img')).toHaveCount(2);
  await page.waitForFunction(() => [...document.images].every((image) => image.complete && image.naturalWidth === 380));
  return page.screenshot();
}

function expectStoreSize(png: Buffer) {
  expect(pngHeader(png)).toEqual({ ...STORE, colorType: 2 });
}

test('store screenshots in English: the popup in light and dark, the options page with five cards', async ({
  context,
  worker,
  extensionId,
  openOptions,
}) => {
  await writeStorage(worker, { cards: showcaseCards(todayIn(USER_TIME_ZONE)) });
  const light = await popupShot(context, extensionId, 'light');
  const dark = await popupShot(context, extensionId, 'dark');
  const frame = await context.newPage();
  const popups = await framedPopups(
    frame,
    {
      lang: 'en',
      title: 'Never lose a<br>phone number again',
      lines: [
        'Every SIM you keep alive, sorted by its next deadline.',
        'Countdowns on your own calendar, reminders before each one.',
        'One click to the carrier’s official renewal page.',
        'Everything stays in your browser.',
      ],
    },
    light,
    dark,
  );
  expectStoreSize(popups);
  saveScreenshot(popups, '1-popup-en.png', OUT);

  const options = await openOptions();
  await options.setViewportSize(STORE);
  await expect(options.getByRole('row', { name: /紫卡/ })).toBeVisible();
  const optionsPng = await options.screenshot();
  expectStoreSize(optionsPng);
  saveScreenshot(optionsPng, '2-options-en.png', OUT);

  await options.goto(`chrome-extension://${extensionId}/options.html#new`);
  await options.getByRole('combobox', { name: 'Provider' }).fill('giff');
  await options.getByRole('option', { name: /giffgaff/ }).click();
  await options.getByLabel('Name', { exact: true }).fill('giffgaff main');
  await expect(options.getByTestId('deadline-preview')).toBeVisible();
  const editorPng = await options.screenshot();
  expectStoreSize(editorPng);
  saveScreenshot(editorPng, '3-editor-en.png', OUT);
});

test('store screenshot in Simplified Chinese: the popup in light and dark', async () => {
  await withBrowser('zh-CN', async ({ context, worker }) => {
    await writeStorage(worker, { cards: showcaseCards(todayIn(USER_TIME_ZONE)) });
    const id = extensionIdOf(worker);
    const popups = await framedPopups(
      await context.newPage(),
      {
        lang: 'zh-CN',
        title: '保号助手<br>号码不再过期',
        lines: [
          '紫卡、giffgaff、香港储值卡、旅行卡，一目了然。',
          '按你所在时区倒数每张卡的保号期限。',
          '到期前提醒，一键打开运营商官方续费页。',
          '数据只保存在你的浏览器里。',
        ],
      },
      await popupShot(context, id, 'light'),
      await popupShot(context, id, 'dark'),
    );
    expectStoreSize(popups);
    saveScreenshot(popups, '4-popup-zh.png', OUT);
  });
});
