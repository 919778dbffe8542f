import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, readStorage, test, todayIn, USER_TIME_ZONE, writeStorage } from './fixtures';
import { showcaseCards } from './showcase-cards';

/*
 * Issue 19: the main tasks with the keyboard alone, as a person without a mouse does them: Tab to a
 * control, Enter or Space, type. After each step the test asserts where focus is: never on <body>,
 * always where the next step starts.
 */

/** Presses Tab until `target` has focus, as a keyboard user moves through the page; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((node) => node === document.activeElement, undefined, { timeout: 2000 })) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** What has focus: `BODY` when focus was dropped, else its accessible label, else its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'BODY';
    return element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName;
  });

test('options by keyboard: add a card from the catalog, download a backup, import a CSV', async ({ worker, openOptions }) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-keys-'));
  try {
    await writeStorage(worker, { cards: showcaseCards(todayIn(USER_TIME_ZONE)) });
    const options = await openOptions();
    await expect(options.getByRole('row', { name: /giffgaff main/ })).toBeVisible();

    // Add a card: the name has focus as the editor opens; the catalog is the next stop.
    await tabTo(options, options.getByRole('button', { name: 'Add card' }));
    await options.keyboard.press('Enter');
    await expect(options.getByLabel('Name', { exact: true })).toBeFocused();
    await options.keyboard.type('Spare giffgaff');
    await options.keyboard.press('Tab');
    const provider = options.getByRole('combobox', { name: 'Provider' });
    await expect(provider).toBeFocused();
    await options.keyboard.type('giff');
    await options.keyboard.press('Enter');
    await expect(options.getByTestId('provider-chosen')).toContainText('giffgaff');
    await expect(provider).toBeFocused();
    await tabTo(options, options.getByRole('button', { name: 'Save card' }));
    await options.keyboard.press('Enter');
    // Saved: focus is on the new card's row, where its next action is.
    await expect(options.getByRole('button', { name: 'Edit Spare giffgaff' })).toBeFocused();
    const stored = (await readStorage(worker, 'cards')) as { label: string; providerId: string | null }[];
    expect(stored.find((card) => card.label === 'Spare giffgaff')?.providerId).toBe('giffgaff');

    // Download a backup: focus stays on the button.
    const backup = options.getByRole('button', { name: 'Download backup (.json)' });
    await tabTo(options, backup, 200);
    const [download] = await Promise.all([options.waitForEvent('download'), options.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    await expect(backup).toBeFocused();

    // Import a CSV: the file field opens the chooser on Space; the preview's Merge, then focus is not dropped.
    const csv = join(dir, 'cards.csv');
    writeFileSync(csv, `name,timeZone,rule,endDate\nKeyboard card,Asia/Shanghai,fixed,2027-06-30\n`);
    const file = options.getByLabel('Choose a file: a SIM Keeper backup, a CSV sheet or a Wallos export');
    await tabTo(options, file);
    const [chooser] = await Promise.all([options.waitForEvent('filechooser'), options.keyboard.press('Space')]);
    await chooser.setFiles(csv);
    const merge = options.getByRole('button', { name: 'Merge' });
    await expect(merge).toBeVisible();
    await tabTo(options, merge);
    await options.keyboard.press('Enter');
    // The preview and its Merge are gone: focus is on the message that says what happened.
    await expect(options.getByText(/Imported\. You now have 7 cards\./)).toBeFocused();
    expect(await focused(options)).not.toBe('BODY');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('popup by keyboard: Record renewal, Undo, then Snooze; focus stays on the card', async ({ worker, openPopup }) => {
  await writeStorage(worker, { cards: showcaseCards(todayIn(USER_TIME_ZONE)) });
  const popup = await openPopup();
  const ultra = popup.getByRole('listitem', { name: '紫卡' });
  await tabTo(popup, ultra.getByRole('button', { name: /^Record renewal/ }));
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('status')).toContainText('“紫卡”');
  // The row moved (it is no longer overdue); focus moved with it.
  await expect(ultra.getByRole('button', { name: /^Record renewal/ })).toBeFocused();
  // Undo in the message: the row moves back, and focus comes back to Record renewal.
  await tabTo(popup, popup.locator('.toast-region').getByRole('button', { name: 'Undo' }));
  await popup.keyboard.press('Enter');
  await expect(ultra.getByRole('button', { name: /^Record renewal/ })).toBeFocused();

  // Snooze: once snoozed the button is gone; focus goes to the card's Edit.
  const pass = popup.getByRole('listitem', { name: '美國遠遊卡' });
  await tabTo(popup, pass.getByRole('button', { name: /^Snooze/ }));
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('status')).toContainText('美國遠遊卡');
  await expect(pass.getByRole('button', { name: /^Snooze/ })).toHaveCount(0);
  await expect(pass.getByRole('button', { name: 'Edit “美國遠遊卡”' })).toBeFocused();
});
