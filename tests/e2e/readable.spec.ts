import AxeBuilder from '@axe-core/playwright';
import { shootLightAndDark, shootPartLightAndDark } from './screenshots';
import type { Page } from '@playwright/test';
import { addDaysTo, expect, test, todayIn, USER_TIME_ZONE, writeStorage } from './fixtures';
import { showcaseCards } from './showcase-cards';

/*
 * Issue 19, readable text: Chromium's own stylesheet for extension pages (`body { font-size: 75% }` and
 * its font family) must not win over the project's. Measured in real Chromium, where that stylesheet applies.
 */

/** The showcase cards, one with a hotline (its link and Copy are targets too) and one number already lost. */
function cards(today: string) {
  const [ultra, ...rest] = showcaseCards(today);
  if (!ultra) throw new Error('no showcase cards');
  return [
    { ...ultra, channels: { ...ultra.channels, hotline: '611' } },
    ...rest,
    {
      ...ultra,
      id: 'lost',
      label: 'Old Mint',
      providerId: 'mint',
      channels: { website: '', app: '', hotline: '' },
      rule: { type: 'cycle', anchorDate: addDaysTo(today, -200), period: { count: 30, unit: 'days' }, graceDays: 10 },
    },
  ];
}

/**
 * axe's colour-contrast rule (WCAG AA: 4.5:1, 3:1 for large text) on the whole page,
 * in light and in dark: each failing text with its ratio, and how many texts passed
 * (so an empty page cannot pass by checking nothing).
 */
async function contrastOf(page: Page): Promise<{ failures: string[]; passed: number }> {
  const failures: string[] = [];
  let passed = 0;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations, passes } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
    for (const violation of violations)
      for (const node of violation.nodes)
        failures.push(`${colorScheme}: ${node.target.join(' ')}: ${node.any[0]?.message ?? violation.help}`);
    passed += passes.reduce((n, rule) => n + rule.nodes.length, 0);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return { failures, passed };
}

interface TextSizes {
  body: number;
  /** The smallest computed size of any visible text outside SVG, with where it is. */
  smallest: { size: number; where: string };
  buttons: number[];
  bodyFont: string;
  /** The font stack the project's stylesheet declares for this page (its `--font`). */
  projectFont: string;
}

function measureText(page: Page): Promise<TextSizes> {
  return page.evaluate(() => {
    const px = (element: Element) => Number.parseFloat(getComputedStyle(element).fontSize);
    const normal = (font: string) => font.replace(/["'\s]/g, '');
    let smallest = { size: Number.POSITIVE_INFINITY, where: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || parent.closest('svg, script, style, .visually-hidden, #first')) continue;
      const box = parent.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const size = px(parent);
      if (size < smallest.size)
        smallest = { size, where: `${parent.className || parent.tagName}: ${node.textContent.trim().slice(0, 30)}` };
    }
    return {
      body: px(document.body),
      smallest,
      buttons: [...document.querySelectorAll('#root button, #root input, #root select')].map(px),
      bodyFont: normal(getComputedStyle(document.body).fontFamily),
      projectFont: normal(getComputedStyle(document.documentElement).getPropertyValue('--font')),
    };
  });
}

for (const { language, cjkFont } of [
  { language: 'en-US', cjkFont: 'PingFangSC' },
  { language: 'zh-CN', cjkFont: 'PingFangSC' },
  { language: 'zh-TW', cjkFont: 'PingFangTC' },
]) {
  test.describe(`readable text, ${language}`, () => {
    test.use({ language });

    test('popup, options and welcome use the project’s font and sizes, with targets of 24 px', async ({
      context,
      extensionId,
      worker,
      openPopup,
      openOptions,
    }) => {
      await writeStorage(worker, { cards: cards(todayIn(USER_TIME_ZONE)) });

      const popup = await openPopup();
      await expect(popup.locator('#root li.card')).toHaveCount(6);
      const inPopup = await measureText(popup);
      expect(inPopup.body).toBeGreaterThanOrEqual(13);
      expect(inPopup.smallest.size, inPopup.smallest.where).toBeGreaterThanOrEqual(13);
      expect(inPopup.projectFont).toContain(cjkFont);
      expect(inPopup.bodyFont).toBe(inPopup.projectFont);
      expect(inPopup.buttons.length).toBeGreaterThan(0);
      for (const size of inPopup.buttons) expect(size).toBeGreaterThanOrEqual(13);

      // Every button and link of the popup is at least 24 × 24 px (WCAG 2.5.8).
      const targets = await popup.locator('#root').evaluate((root) =>
        [...root.querySelectorAll('button, a[href]')].map((el) => ({
          name: el.textContent?.trim() || el.getAttribute('aria-label') || el.tagName,
          ...el.getBoundingClientRect().toJSON(),
        })),
      );
      expect(targets.length).toBeGreaterThan(10);
      for (const target of targets) {
        expect(target.height, target.name).toBeGreaterThanOrEqual(24);
        expect(target.width, target.name).toBeGreaterThanOrEqual(24);
      }

      // Layout at 380 px: Edit shares its line with another action, and no "·" ends a line.
      const layout = await popup.locator('#root').evaluate((root) =>
        [...root.querySelectorAll('li.card')].map((card) => {
          const actions = [...card.querySelectorAll('.card-actions button')];
          const top = (el: Element) => el.getBoundingClientRect().top;
          const edit = actions.at(-1);
          const before = actions.at(-2);
          const meta = card.querySelector('.card-meta');
          const lineOf = (node: Node, offset: number) => {
            const range = document.createRange();
            range.setStart(node, offset);
            range.setEnd(node, offset + 1);
            return range.getBoundingClientRect().top;
          };
          let dot: { dotTop: number; nextTop: number } | null = null;
          const withDot = [...(meta?.querySelectorAll('span') ?? [])].find((span) => span.textContent?.startsWith('·'));
          const text = withDot?.firstChild;
          if (text?.textContent) dot = { dotTop: lineOf(text, 0), nextTop: lineOf(text, text.textContent.length - 1) };
          return {
            label: card.getAttribute('aria-label'),
            editAlone: edit && before ? top(edit) !== top(before) : false,
            dot,
          };
        }),
      );
      for (const card of layout) {
        expect(card.editAlone, `${card.label}: Edit on a row of its own`).toBe(false);
        if (card.dot) expect(card.dot.dotTop, `${card.label}: "·" left at a line end`).toBe(card.dot.nextTop);
      }
      expect(layout.some((card) => card.dot)).toBe(true);

      // A lost number is not faded: its text keeps full contrast (axe cannot see opacity).
      const lost = popup.locator('li.card-lost');
      await expect(lost).toHaveCount(1);
      expect(await lost.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
      for (const colorScheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme });
        const contrasts = await lost.evaluate((card) => {
          // WCAG relative luminance of a computed `rgb(…)` colour.
          const luminance = (css: string) => {
            const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
            const channel = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
          };
          const background = luminance(getComputedStyle(card).backgroundColor);
          return [...card.querySelectorAll('span, div, p')]
            .filter((el) => [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()))
            .map((el) => {
              const text = luminance(getComputedStyle(el).color);
              const [light, dark] = text > background ? [text, background] : [background, text];
              return { text: el.textContent?.trim().slice(0, 30), ratio: (light + 0.05) / (dark + 0.05) };
            });
        });
        expect(contrasts.length).toBeGreaterThan(2);
        for (const { text, ratio } of contrasts) expect(ratio, `${colorScheme}: ${text}`).toBeGreaterThanOrEqual(4.5);
      }
      await popup.emulateMedia({ colorScheme: 'light' });
      // Every text of the popup, not only the lost number's, reaches AA contrast in both schemes.
      const popupContrast = await contrastOf(popup);
      expect(popupContrast.failures).toEqual([]);
      expect(popupContrast.passed).toBeGreaterThan(40);
      await shootLightAndDark(popup, `readable-${language}-popup`);

      const options = await openOptions();
      await expect(options.locator('table.card-table tbody tr').first()).toBeVisible();
      const inOptions = await measureText(options);
      expect(inOptions.bodyFont).toBe(inOptions.projectFont);
      expect(inOptions.body).toBeGreaterThanOrEqual(14);
      expect(inOptions.smallest.size, inOptions.smallest.where).toBeGreaterThanOrEqual(13);
      for (const size of inOptions.buttons) expect(size).toBeGreaterThanOrEqual(14);
      // Data is larger than its labels: the table's cells against its column headings.
      const scale = await options
        .locator('table.card-table')
        .first()
        .evaluate((table) => ({
          heading: Number.parseFloat(getComputedStyle(table.querySelector('th')!).fontSize),
          cell: Number.parseFloat(getComputedStyle(table.querySelector('td')!).fontSize),
        }));
      expect(scale.cell).toBeGreaterThan(scale.heading);
      const optionsContrast = await contrastOf(options);
      expect(optionsContrast.failures).toEqual([]);
      expect(optionsContrast.passed).toBeGreaterThan(100);
      await shootLightAndDark(options, `readable-${language}-options`);

      // A narrow window (360 px and 320 px, phones): nothing pushes the page sideways, and each row's Delete stays on it.
      const sideways = () => options.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      for (const width of [360, 320]) {
        await options.setViewportSize({ width, height: 800 });
        expect(await sideways(), `${width} px`).toBe(0);
        const deletes = await options
          .locator('table.card-table button[data-action="delete"]')
          .evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().right - document.documentElement.clientWidth));
        expect(deletes.length).toBeGreaterThan(3);
        for (const overhang of deletes) expect(overhang, `${width} px`).toBeLessThanOrEqual(0);
      }
      await shootPartLightAndDark(options, options.locator('table.card-table').first(), `readable-${language}-options-320`);
      // Laid out as blocks there, the list is still a table to the browser's accessibility tree: rows, headings, cells.
      const cdp = await options.context().newCDPSession(options);
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'table.cards-table' });
      const inTable = async (role: string) => (await cdp.send('Accessibility.queryAXTree', { nodeId, role })).nodes.length;
      const cardRows = await options.locator('table.cards-table tbody tr').count();
      expect(await inTable('table')).toBe(1);
      expect(await inTable('row')).toBe(cardRows + 1);
      expect(await inTable('columnheader')).toBe(5);
      expect(await inTable('rowheader')).toBe(cardRows);
      // A checkbox whose label takes two lines (the sync switch at 320 px) sits beside the first line, not between them.
      const boxes = await options.locator('label.checkbox').evaluateAll((labels) =>
        labels.flatMap((label) => {
          const box = label.querySelector('input')?.getBoundingClientRect();
          const line = Number.parseFloat(getComputedStyle(label).lineHeight);
          const { top, height } = label.getBoundingClientRect();
          if (!box || box.height === 0 || height < 1.5 * line) return [];
          return [{ label: label.textContent, offFirstLine: Math.abs(box.top + box.height / 2 - (top + line / 2)) }];
        }),
      );
      // In English the sync switch's label wraps there (the Chinese ones fit on one line).
      if (language === 'en-US') expect(boxes.map((box) => box.label)).toContainEqual(expect.stringMatching(/in sync/));
      for (const box of boxes) expect(box.offFirstLine, box.label ?? '').toBeLessThanOrEqual(2);
      await shootPartLightAndDark(options, options.locator('section.sync'), `readable-${language}-sync-320`);
      await options.goto(`chrome-extension://${extensionId}/options.html#new`);
      await expect(options.getByTestId('deadline-preview').or(options.locator('.rule-types'))).not.toHaveCount(0);
      expect(await sideways()).toBe(0);

      const welcome = await context.newPage();
      await welcome.goto(`chrome-extension://${extensionId}/welcome.html`);
      await expect(welcome.getByRole('heading', { level: 1 })).toBeVisible();
      const inWelcome = await measureText(welcome);
      expect(inWelcome.bodyFont).toBe(inWelcome.projectFont);
      expect(inWelcome.body).toBeGreaterThanOrEqual(14);
      expect(inWelcome.smallest.size, inWelcome.smallest.where).toBeGreaterThanOrEqual(13);
    });
  });
}
