import { expect, test, writeStorage } from './fixtures';

/*
 * Issue 19: the options page at 2,000 cards renders the rows in view, not 2,000 rows and 4,000 tab stops;
 * Tab still walks the table row by row, and a skip link leads past it to the settings.
 */

function manyCards(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    label: `Card ${String(i).padStart(4, '0')}`,
    providerId: null,
    phoneNumber: '',
    notes: '',
    timeZone: 'Asia/Shanghai',
    channels: { website: '', app: '', hotline: '' },
    // Deadlines one day apart, so the deadline order is the numbering.
    rule: { type: 'fixed', endDate: `2030-01-01` },
    history: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }));
}

test('2,000 cards: a window of rows, Tab row by row, a skip link to the settings', async ({ worker, openOptions }) => {
  test.setTimeout(90_000);
  await writeStorage(worker, { cards: manyCards(2000) });
  const options = await openOptions();
  await expect(options.getByRole('heading', { level: 2, name: /2000/ })).toBeVisible();
  await expect(options.locator('table.card-table')).toHaveAttribute('aria-rowcount', '2001');
  const rendered = () => options.locator('table.card-table tbody tr[data-card-id]').count();
  expect(await rendered()).toBeLessThan(120);
  expect(await rendered()).toBeGreaterThan(5);

  // The first Tab stop is the skip link; it takes focus to the settings.
  await options.keyboard.press('Tab');
  const skip = options.getByRole('button', { name: 'Skip to settings' });
  await expect(skip).toBeFocused();
  await options.keyboard.press('Enter');
  await expect(options.getByRole('heading', { level: 2, name: 'Settings' })).toBeFocused();

  // Tab from the first row's Edit walks down the table, past the first window of rows.
  await options.evaluate(() => window.scrollTo(0, 0));
  await options
    .getByRole('row', { name: /Card 0000/ })
    .getByRole('button', { name: /^Edit/ })
    .focus();
  const rowOfFocus = () => options.evaluate(() => Number(document.activeElement?.closest('tr')?.getAttribute('aria-rowindex') ?? -1));
  // 60 presses, two buttons a row: the 31st card's Delete, its row is 32 (the header is row 1).
  for (let i = 0; i < 30; i++) await options.keyboard.press('Tab');
  expect(await rowOfFocus()).toBe(17);
  for (let i = 0; i < 30; i++) await options.keyboard.press('Tab');
  expect(await rowOfFocus()).toBe(32);
  expect(await rendered()).toBeLessThan(120);
  await expect(options.getByRole('row', { name: /Card 0030/ })).toBeInViewport();
});
