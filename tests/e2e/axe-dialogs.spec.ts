import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, todayIn, USER_TIME_ZONE, writeStorage } from './fixtures';
import { showcaseCards } from './showcase-cards';

/*
 * Issue 19: axe on every dialog state, at 400, 500 and 1280 px wide: the options page (its table, timeline
 * and skip link), leaving the editor with changes, the import preview, and in the popup the link
 * confirmation and the amount dialog.
 */

const WIDTHS = [400, 500, 1280];

/** axe on the whole page, or on `only` (a dialog: the rest of the page is inert behind it, and was checked already). */
async function violations(page: Page, state: string, only?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations: found } = await (only ? builder.include(only) : builder).analyze();
  return found.map((violation) => `${state}: ${violation.id} ${violation.nodes.map((node) => node.target).join(' ')}`);
}

test('axe finds nothing in any dialog state at 400, 500 and 1280 px', async ({ worker, openOptions, openPopup }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-axe-'));
  try {
    const cards = showcaseCards(todayIn(USER_TIME_ZONE)).map(
      (card) => (card.id === 'hk' ? { ...card, channels: { ...card.channels, website: 'https://web.thrее.com.hk/' } } : card), // Cyrillic е
    );
    await writeStorage(worker, { cards });
    const csv = join(dir, 'cards.csv');
    writeFileSync(csv, 'name,timeZone,rule,endDate\nAxe card,Asia/Shanghai,fixed,2027-06-30\n');
    const options = await openOptions();
    const popup = await openPopup();
    const found: string[] = [];
    for (const width of WIDTHS) {
      await options.setViewportSize({ width, height: 900 });
      await expect(options.getByRole('row', { name: /giffgaff main/ })).toBeVisible();
      found.push(...(await violations(options, `${width} options`)));

      await options.getByLabel('Choose a file: a SIM Keeper backup, a CSV sheet or a Wallos export').setInputFiles(csv);
      await expect(options.getByRole('button', { name: 'Merge' })).toBeVisible();
      found.push(...(await violations(options, `${width} import preview`, '.import-preview')));
      await options.getByRole('button', { name: 'Cancel' }).last().click();

      await options.getByRole('button', { name: 'Edit giffgaff main' }).click();
      await options.getByLabel('Notes').fill('changed');
      await options.getByLabel('Notes').press('Escape');
      await expect(options.getByRole('dialog', { name: 'Discard your changes?' })).toBeVisible();
      found.push(...(await violations(options, `${width} leave editor`, 'dialog')));
      await options.getByRole('button', { name: 'Discard changes' }).click();

      await popup.setViewportSize({ width, height: 600 });
      await popup
        .getByRole('listitem', { name: '3HK 儲值卡' })
        .getByRole('button', { name: /^Open renewal site/ })
        .click();
      await expect(popup.getByRole('alertdialog')).toBeVisible();
      found.push(...(await violations(popup, `${width} link confirmation`)));
      await popup.keyboard.press('Escape');

      await popup
        .getByRole('listitem', { name: '紫卡' })
        .getByRole('button', { name: /^Record renewal/ })
        .click();
      await popup.getByRole('button', { name: /Add amount|Edit amount/ }).click();
      await expect(popup.getByRole('dialog', { name: 'What did “紫卡” cost this time?' })).toBeVisible();
      found.push(...(await violations(popup, `${width} amount`, 'dialog')));
      await popup.keyboard.press('Escape');
    }
    expect(found).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
