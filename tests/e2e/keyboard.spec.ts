import type { Page } from '@playwright/test';
import { expect, readStorage, test, todayIn, USER_TIME_ZONE, writeStorage } from './fixtures';
import { showcaseCards } from './showcase-cards';

/*
 * Issue 19, in real Chromium (where Enter in a text field submits its form): no keystroke saves the
 * wrong thing, every delete can be undone, and focus is never left on <body>.
 */

const storedIds = async (worker: Parameters<typeof readStorage>[0]) =>
  ((await readStorage(worker, 'cards')) as { id: string }[]).map((card) => card.id).sort();

/** The accessible label of the focused element, or its tag when it has none. */
const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? null);

test('Enter in the history’s Amount adds the event; Enter in a provider search with no match saves nothing', async ({
  worker,
  openOptions,
}) => {
  const today = todayIn(USER_TIME_ZONE);
  const cards = showcaseCards(today);
  await writeStorage(worker, { cards });
  const options = await openOptions('card=gg');
  await expect(options.getByRole('heading', { level: 2, name: /giffgaff main/ })).toBeVisible();

  await options.getByRole('button', { name: 'Add event' }).click();
  const group = options.getByRole('group', { name: 'Add event' });
  await group.getByLabel('Amount').fill('10');
  await group.getByLabel('Currency').fill('GBP');
  await group.getByLabel('Note').fill('top-up at the shop');
  await group.getByLabel('Amount').press('Enter');
  // The event joined the form's history; the card is not saved, and the editor is still open.
  await expect(options.locator('.history-list')).toContainText('top-up at the shop');
  await expect(options.getByRole('button', { name: 'Add event' })).toBeFocused();
  await expect(options.getByRole('heading', { level: 2, name: /giffgaff main/ })).toBeVisible();
  const stored = (await readStorage(worker, 'cards')) as { id: string; history: unknown[] }[];
  expect(stored.find((card) => card.id === 'gg')?.history).toEqual([]);

  // A provider search with no match: Enter does nothing. (Going to a new card leaves the event typed
  // above unsaved: the page asks first.)
  await options.goto(options.url().replace(/#.*$/, '#new'));
  await options.getByRole('dialog', { name: 'Discard your changes?' }).getByRole('button', { name: 'Discard changes' }).click();
  await options.getByLabel('Name', { exact: true }).fill('Spare');
  const search = options.getByRole('combobox', { name: 'Provider' });
  await search.fill('zzzz-no-such-carrier');
  await search.press('Enter');
  await expect(options.getByRole('heading', { level: 2, name: 'Add a card' })).toBeVisible();
  await expect(search).toBeFocused();
  expect(await storedIds(worker)).toEqual(cards.map((card) => card.id).sort());

  // A match: Enter picks the highlighted provider, and still saves nothing.
  await search.fill('giff');
  await search.press('Enter');
  await expect(options.getByTestId('provider-chosen')).toContainText('giffgaff');
  await expect(options.getByRole('heading', { level: 2, name: 'Add a card' })).toBeVisible();
  expect(await storedIds(worker)).toEqual(cards.map((card) => card.id).sort());
});

test('two deletes, then two undos by keyboard, bring back both cards; focus follows', async ({ worker, openOptions }) => {
  const cards = showcaseCards(todayIn(USER_TIME_ZONE));
  await writeStorage(worker, { cards });
  const options = await openOptions();
  await expect(options.getByRole('row', { name: /giffgaff main/ })).toBeVisible();
  const labels = await options.locator('table.card-table tbody tr[data-card-id] strong').allTextContents();
  const giffgaffIndex = labels.indexOf('giffgaff main');
  const after = labels[giffgaffIndex + 1] ?? labels[giffgaffIndex - 1];

  await options.getByRole('button', { name: 'Delete giffgaff main' }).focus();
  await options.keyboard.press('Enter');
  await expect(options.getByRole('row', { name: /giffgaff main/ })).toHaveCount(0);
  // On the next row's Edit, not its Delete: a second Enter must not delete another card.
  await expect.poll(() => focused(options)).toBe(`Edit ${after}`);

  await options.getByRole('button', { name: 'Delete 3HK 儲值卡' }).focus();
  await options.keyboard.press('Enter');
  await expect(options.getByRole('status').filter({ hasText: '2 deletes can be undone' })).toContainText('Deleted “3HK 儲值卡”.');
  expect(await storedIds(worker)).not.toContain('gg');

  // The toast stays however long the user takes while it has focus.
  const undo = options.locator('.toast-region').getByRole('button', { name: 'Undo' });
  await undo.focus();
  await options.waitForTimeout(9000);
  await expect(undo).toBeVisible();
  await options.keyboard.press('Enter');
  await expect(options.getByRole('row', { name: /3HK 儲值卡/ })).toBeVisible();
  await expect(undo).toBeFocused();
  await options.keyboard.press('Enter');
  await expect(options.getByRole('row', { name: /giffgaff main/ })).toBeVisible();
  await expect(options.getByRole('button', { name: 'Delete giffgaff main' })).toBeFocused();
  expect(await storedIds(worker)).toEqual(cards.map((card) => card.id).sort());
});

test('leaving the editor with changes asks first: Escape, Cancel and closing the tab', async ({ worker, openOptions }) => {
  const cards = showcaseCards(todayIn(USER_TIME_ZONE));
  await writeStorage(worker, { cards });
  const options = await openOptions('card=gg');
  const notes = options.getByLabel('Notes');
  await notes.fill('call them on Friday');

  // Escape asks; the safe answer has focus, and taking it gives focus back to the field.
  await notes.press('Escape');
  const ask = options.getByRole('dialog', { name: 'Discard your changes?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  // Tab stays inside the dialog, both ways.
  await options.keyboard.press('Tab');
  await expect(ask.getByRole('button', { name: 'Discard changes' })).toBeFocused();
  await options.keyboard.press('Tab');
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await options.keyboard.press('Shift+Tab');
  await expect(ask.getByRole('button', { name: 'Discard changes' })).toBeFocused();
  await options.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(notes).toBeFocused();
  await expect(notes).toHaveValue('call them on Friday');

  // Closing the tab asks through the browser's own question; staying keeps the page and the text.
  const question = options.waitForEvent('dialog');
  await options.close({ runBeforeUnload: true });
  const dialog = await question;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await expect(notes).toHaveValue('call them on Friday');

  // Cancel asks too; Discard changes leaves, stores nothing, and focus goes to the card's row.
  await options.getByRole('button', { name: 'Cancel' }).click();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(options.getByRole('button', { name: 'Edit giffgaff main' })).toBeFocused();
  const stored = (await readStorage(worker, 'cards')) as { id: string; notes: string }[];
  expect(stored.find((card) => card.id === 'gg')?.notes).toBe('');
});

test('popup: the toast covers no card’s actions, and the link confirmation is a modal dialog that gives focus back', async ({
  worker,
  openPopup,
}) => {
  const cards = showcaseCards(todayIn(USER_TIME_ZONE)).map(
    (card) => (card.id === 'hk' ? { ...card, channels: { ...card.channels, website: 'https://web.thrее.com.hk/' } } : card), // Cyrillic е
  );
  await writeStorage(worker, { cards });
  const popup = await openPopup();
  await popup
    .getByRole('listitem', { name: '紫卡' })
    .getByRole('button', { name: /^Record renewal/ })
    .click();
  const toast = popup.locator('.toast');
  await expect(toast).toBeVisible();

  // Scrolled to the end, the last card's actions sit above the toast.
  await popup.locator('.card-scroll').evaluate((scroller) => scroller.scrollTo(0, scroller.scrollHeight));
  const lastActions = popup.locator('li[data-card-id]').last().locator('.card-actions');
  await expect(lastActions).toBeInViewport();
  const actionsBox = await lastActions.boundingBox();
  const toastBox = await toast.boundingBox();
  expect(actionsBox && toastBox && actionsBox.y + actionsBox.height <= toastBox.y).toBe(true);

  const threeHk = popup.getByRole('listitem', { name: '3HK 儲值卡' });
  const renew = threeHk.getByRole('button', { name: /^Open renewal site/ });
  await renew.focus();
  await popup.keyboard.press('Enter');
  const confirm = popup.getByRole('alertdialog');
  await expect(confirm).toContainText('web.xn--thr-tdda.com.hk');
  const cancel = confirm.getByRole('button', { name: 'Cancel' });
  const openAnyway = confirm.getByRole('button', { name: 'Open anyway' });
  await expect(cancel).toBeFocused();
  // Nothing lies over either button (the toast is still up).
  for (const button of [cancel, openAnyway]) {
    expect(
      await button.evaluate((b) => {
        const box = b.getBoundingClientRect();
        return b.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
      }),
    ).toBe(true);
  }
  await popup.keyboard.press('Tab');
  await expect(openAnyway).toBeFocused();
  await popup.keyboard.press('Shift+Tab');
  await expect(cancel).toBeFocused();
  await popup.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(renew).toBeFocused();
});

test('⚙ and Edit in the popup bring the open options tab forward and route it, instead of opening another', async ({
  context,
  worker,
  openOptions,
  openPopup,
}) => {
  await writeStorage(worker, { cards: showcaseCards(todayIn(USER_TIME_ZONE)) });
  const options = await openOptions();
  await expect(options.getByRole('row', { name: /giffgaff main/ })).toBeVisible();
  const popup = await openPopup();
  const tabs = context.pages().length;

  await popup.getByRole('listitem', { name: 'giffgaff main' }).getByRole('button', { name: 'Edit “giffgaff main”' }).click();
  await expect(options.getByRole('heading', { level: 2, name: /giffgaff main/ })).toBeVisible();
  expect(options.url()).toMatch(/options\.html#card=gg$/);
  expect(await options.evaluate(() => document.visibilityState)).toBe('visible');

  // With changes in that editor, Edit of another card asks there first.
  await options.getByLabel('Notes').fill('not saved yet');
  await popup.getByRole('listitem', { name: '紫卡' }).getByRole('button', { name: 'Edit “紫卡”' }).click();
  await expect(options.getByRole('dialog', { name: 'Discard your changes?' })).toBeVisible();
  await options.getByRole('button', { name: 'Keep editing' }).click();
  await expect(options.getByLabel('Notes')).toHaveValue('not saved yet');
  expect(options.url()).toMatch(/#card=gg$/);

  // ⚙ brings the tab forward as it is.
  await popup.getByRole('button', { name: 'Cards and settings' }).click();
  await expect(options.getByLabel('Notes')).toHaveValue('not saved yet');
  expect(context.pages().length).toBe(tabs);
});
