import { test, expect, todayIn, USER_TIME_ZONE, readStorage } from './fixtures';

/** Calendar days from `from` to six calendar months later (clamped at month end), as the rule counts. */
function daysToSixMonthsLater(from: string): number {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + 6 + 1, 0)).getUTCDate();
  const target = Date.UTC(y, m - 1 + 6, Math.min(d, lastDay));
  return Math.round((target - Date.UTC(y, m - 1, d)) / 86_400_000);
}

test('a giffgaff card from the picker: prefilled rule, official link, countdown, and a look-alike link warned about', async ({
  worker,
  openOptions,
  openPopup,
}) => {
  const options = await openOptions('new');
  await options.getByRole('combobox', { name: 'Provider' }).fill('giff');
  await options.getByRole('option', { name: /giffgaff/ }).click();

  // Prefilled from the catalog: the 6-month keep-alive rule, London days, the official page, the source.
  await expect(options.getByRole('radio', { name: /Keep-alive/ })).toBeChecked();
  await expect(options.getByLabel('Use at least once every')).toHaveValue('6');
  await expect(options.getByLabel('Unit')).toHaveValue('months');
  await expect(options.getByLabel('Days are counted in')).toHaveValue('Europe/London');
  await expect(options.getByLabel('Renewal page')).toHaveValue('https://www.giffgaff.com/');
  await expect(options.getByTestId('provider-chosen')).toContainText("From the provider's own page");
  await expect(options.getByTestId('provider-chosen')).toContainText('Recycling mobile numbers');
  await expect(options.getByLabel('Name', { exact: true })).toHaveValue('giffgaff');

  // The last activity was today in London; the card is due six calendar months later.
  const londonToday = todayIn('Europe/London');
  await options.getByLabel('Last activity').fill(londonToday);
  await options.getByLabel('Name', { exact: true }).fill('giffgaff main');
  await options.getByRole('button', { name: 'Save card' }).click();
  await expect(options.getByRole('row', { name: /giffgaff main/ })).toBeVisible();

  // The popup shows it with its provider and the right countdown on the user's (Shanghai) calendar:
  // London's day ends at 07:00 or 08:00 the next morning in Shanghai.
  const popup = await openPopup();
  const card = popup.getByRole('listitem', { name: 'giffgaff main' });
  const shanghaiToday = todayIn(USER_TIME_ZONE);
  const expectedDays = daysToSixMonthsLater(londonToday) + 1 + (londonToday === shanghaiToday ? 0 : -1);
  await expect(card.getByTestId('countdown')).toHaveText(`${expectedDays} days`);
  await expect(card).toContainText('giffgaff');
  await expect(card.getByRole('button', { name: 'Used today' })).toBeVisible();

  // A look-alike host is not official: the options page warns, and the popup asks before opening it.
  await options.getByRole('button', { name: 'Edit giffgaff main' }).click();
  await options.getByLabel('Renewal page').fill('https://giffgaff-topup.com/pay');
  await expect(options.getByText('This link is not on an official giffgaff site. Check it before you use it.')).toBeVisible();
  await options.getByLabel('Renewal page').fill('https://www.giffgaff.com.example.net/');
  await expect(options.getByText('This link is not on an official giffgaff site. Check it before you use it.')).toBeVisible();
  await options.getByRole('button', { name: 'Save card' }).click();
  await expect(options.getByRole('row', { name: /giffgaff main/ })).toBeVisible();
  const stored = (await readStorage(worker, 'cards')) as { overrides?: string[] }[];
  expect(stored[0]?.overrides).toContain('channels.website');

  // giffgaff is kept alive by using it: the popup offers Used today, not the renewal site
  // (guard.spec.ts has the popup asking before a look-alike opens, on a card that renews).
  await expect(card.getByRole('button', { name: 'Used today' })).toBeVisible();
  await expect(card.getByRole('button', { name: /Open renewal site/ })).toHaveCount(0);

  await options.getByRole('button', { name: 'Edit giffgaff main' }).click();
  await options.screenshot({ path: 'test-results/screenshots/options-editor.png', fullPage: true });
});

test('the picker finds cards by Chinese names and nicknames', async ({ openOptions }) => {
  const options = await openOptions('new');
  const search = options.getByRole('combobox', { name: 'Provider' });
  await search.fill('紫卡');
  await expect(options.getByRole('option').first()).toContainText('Ultra');
  await search.fill('遠遊');
  await expect(options.getByRole('option').first()).toContainText(/FarEasTone|遠傳|远传/);
  await options.getByRole('option').first().click();
  await expect(options.getByRole('radio', { name: /Travel pass/ })).toBeChecked();
  // The catalog does not know how many days a pass has: the form asks instead of guessing.
  await expect(options.getByLabel('Days of validity')).toHaveValue('');
  await expect(options.getByText('Not in the catalog: please fill this in').first()).toBeVisible();
});
