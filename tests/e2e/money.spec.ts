import { shootLightAndDark } from './screenshots';
import AxeBuilder from '@axe-core/playwright';
import {
  test,
  expect,
  todayIn,
  addDaysTo,
  USER_TIME_ZONE,
  readStorage,
  writeStorage,
  extensionIdOf,
  withBrowser,
  FIXED_DAYS,
  freezePagesAt,
} from './fixtures';

const SHOTS = 'test-results/screenshots';

// Several pages, two colour schemes and screenshots each: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

/** Five cards with payments recorded, the way a 保号 user keeps them. */
function pricedCards(today: string) {
  const base = { notes: '', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const paid = (id: string, days: number, amount: number, currency: string, kind = 'renewed') => ({
    id,
    date: addDaysTo(today, -days),
    kind,
    amount,
    currency,
  });
  return [
    {
      ...base,
      id: 'ultra',
      label: '紫卡',
      providerId: 'ultra-paygo',
      phoneNumber: '+1 213 555 0142',
      timeZone: 'America/Los_Angeles',
      channels: { website: 'https://my.ultra.me/', app: 'https://www.ultramobile.com/app/', hotline: '611' },
      rule: { type: 'cycle', anchorDate: addDaysTo(today, -50), period: { count: 30, unit: 'days' }, graceDays: 30 },
      history: [paid('u1', 20, 3, 'USD')],
    },
    {
      ...base,
      id: 'gg',
      label: 'giffgaff main',
      providerId: 'giffgaff',
      phoneNumber: '07700 900123',
      timeZone: 'Europe/London',
      channels: { website: 'https://www.giffgaff.com/', app: '', hotline: '' },
      rule: { type: 'keepAlive', anchorDate: addDaysTo(today, -100), window: { count: 6, unit: 'months' } },
      history: [paid('g1', 100, 10, 'GBP', 'topped-up')],
    },
    {
      ...base,
      id: 'hk',
      label: 'SmarTone 儲值卡',
      providerId: 'smartone',
      phoneNumber: '+852 5555 0199',
      timeZone: 'Asia/Hong_Kong',
      channels: { website: '', app: '', hotline: '+852 2880 2688' },
      rule: { type: 'topUp', anchorDate: addDaysTo(today, -300), validity: { count: 365, unit: 'days' }, mode: 'reset', graceDays: 30 },
      history: [],
    },
    {
      ...base,
      id: 'mint',
      label: 'Mint 3 months',
      providerId: null,
      phoneNumber: '+1 646 555 0110',
      timeZone: 'America/New_York',
      channels: { website: '', app: '', hotline: '' },
      rule: { type: 'cycle', anchorDate: addDaysTo(today, -130), period: { count: 3, unit: 'months' } },
      history: [paid('m1', 40, 45, 'USD')],
    },
    {
      ...base,
      id: 'ur',
      label: 'UR卡',
      providerId: null,
      phoneNumber: '',
      timeZone: 'America/New_York',
      channels: { website: '', app: '', hotline: '' },
      rule: { type: 'fixed', endDate: addDaysTo(today, 75), graceDays: 10 },
      history: [paid('r1', 10, 20, 'USD')],
    },
  ];
}

test('Renewed with an amount in the popup changes the totals in the options page', async ({ worker, openPopup, openOptions }) => {
  const today = todayIn(USER_TIME_ZONE);
  await writeStorage(worker, { cards: pricedCards(today) });

  const options = await openOptions();
  // USD: 3 every 30 days (36.52 a year) + 45 every 3 months (180 a year); the fixed card is paid once.
  await expect(options.getByTestId('total-year-USD')).toHaveText('$216.52');
  await expect(options.getByTestId('total-year-GBP')).toHaveText('£20.00');
  await expect(options.getByTestId('total-year-HKD')).toHaveText('HK$50.03');

  const popup = await openPopup();
  const ultra = popup.getByRole('listitem', { name: '紫卡' });
  // Every way to renew in reach: the page, the app, the hotline.
  await expect(ultra.getByRole('link', { name: 'Call 611, the hotline of “紫卡”' })).toHaveAttribute('href', 'tel:611');
  await expect(ultra.getByRole('button', { name: 'Copy the hotline of “紫卡”' })).toBeVisible();
  await expect(ultra.getByRole('button', { name: 'Open the app page of “紫卡”' })).toBeVisible();
  const hk = popup.getByRole('listitem', { name: 'SmarTone 儲值卡' });
  await expect(hk.getByRole('link', { name: /^Call \+852 2880 2688/ })).toHaveAttribute('href', 'tel:+85228802688');
  await expect(hk.getByRole('button', { name: /^Record top-up · HK\$50\.00 “SmarTone 儲值卡”$/ })).toBeVisible();
  await shootLightAndDark(popup, 'money-popup-en');
  const { violations } = await new AxeBuilder({ page: popup }).include('.card-channels').include('.card-actions').analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  // One tap records the last amount; the message offers to change it.
  await ultra.getByRole('button', { name: /^Record renewal · \$3\.00 “紫卡”$/ }).click();
  await expect(popup.getByRole('status')).toContainText('Recorded $3.00 for “紫卡”.');
  await popup.getByRole('button', { name: 'Edit amount' }).click();
  const dialog = popup.getByRole('dialog', { name: 'What did “紫卡” cost this time?' });
  await expect(dialog.getByLabel('Amount')).toBeFocused();
  await popup.screenshot({ path: `${SHOTS}/money-popup-amount-en.png` });
  await dialog.getByLabel('Amount').fill('5');
  await dialog.getByRole('button', { name: 'Save amount' }).click();
  await expect(popup.getByRole('status')).toContainText('Amount saved for “紫卡”.');

  const cards = (await readStorage(worker, 'cards')) as { id: string; history: { kind: string; amount?: number; currency?: string }[] }[];
  const history = cards.find((card) => card.id === 'ultra')?.history ?? [];
  expect(history.at(-1)).toMatchObject({ kind: 'renewed', amount: 5, currency: 'USD' });

  // The options page, already open, follows: 5 every 30 days is 60.87 a year.
  await expect(options.getByTestId('total-year-USD')).toHaveText('$240.87');
  await expect(options.getByRole('row', { name: /紫卡/ }).getByTestId('card-cost')).toContainText('$60.87 a year');

  // One total at the user's own rates: 240.87375 × 7.1 + 20 × 9.
  await options.getByText('Conversion rates').click();
  await options.getByLabel('Your currency').fill('CNY');
  await options.getByLabel('1 USD in CNY').fill('7.1');
  await options.getByLabel('1 GBP in CNY').fill('9');
  await options.getByRole('button', { name: 'Save rates' }).click();
  await expect(options.getByTestId('converted-total')).toContainText('CN¥1,890.20 a year');
  await expect(options.getByTestId('converted-total')).toContainText('Not counted (no rate): HKD');
  expect(await readStorage(worker, 'settings')).toMatchObject({ conversion: { homeCurrency: 'CNY', rates: { USD: 7.1, GBP: 9 } } });
});

// The timeline's window starts on the first of the page's month: its outcome depends on today, so it
// runs on fixed days (month starts and ends, leap day, clock changes) with the options page's clock frozen.
for (const [index, today] of FIXED_DAYS.entries()) {
  test(`the timeline draws five cards, with the same dates in words (today ${today})`, async ({ context, worker, openOptions }) => {
    await freezePagesAt(context, today);
    await writeStorage(worker, { cards: pricedCards(today) });
    const options = await openOptions();
    await options.setViewportSize({ width: 1000, height: 900 });
    const chart = options.getByTestId('timeline-chart');
    await expect(chart.locator('.tl-lane')).toHaveCount(5);
    await expect(chart.locator('[data-mark="due"]')).toHaveCount(5);
    // Payments show from the first of this month on: those made 10, 20, 40 and 100 days ago that fall in it.
    const monthStart = `${today.slice(0, 7)}-01`;
    const paidInWindow = [10, 20, 40, 100].filter((days) => addDaysTo(today, -days) >= monthStart).length;
    await expect(chart.locator('[data-mark="paid"]')).toHaveCount(paidInWindow);
    const words = options.getByTestId('timeline-text').getByRole('listitem');
    await expect(words).toHaveCount(5);
    await expect(words.filter({ hasText: 'UR卡' })).toContainText('deadline');
    await expect(words.filter({ hasText: 'UR卡' })).toContainText('number lost after');
    await expect(words.filter({ hasText: '紫卡' })).toContainText('if renewed on time');

    // Search narrows the list and the timeline together; sort by cost puts the dearest first.
    await options.getByLabel('Search cards').fill('0142');
    await expect(options.locator('table.card-table').first().locator('tbody tr')).toHaveCount(1);
    await expect(chart.locator('.tl-lane')).toHaveCount(1);
    await options.getByLabel('Search cards').fill('');
    // Without rates, costs in different currencies cannot be ranked against each other: each
    // currency's cards stand together, dearest first, and the card paid once comes last.
    await options.getByLabel('Sort by').selectOption('cost');
    await expect(options.locator('table.card-table').first().locator('tbody tr th[scope="row"] strong')).toHaveText([
      'giffgaff main',
      'SmarTone 儲值卡',
      'Mint 3 months',
      '紫卡',
      'UR卡',
    ]);
    await options.getByLabel('Sort by').selectOption('deadline');
    // Screenshots and axe once: they check the page's look, not the dates.
    if (index > 0) return;
    await shootLightAndDark(options, 'money-options-en');

    // What this branch added passes axe in both colour schemes (contrast included).
    await options.getByText('Conversion rates').click();
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      const { violations } = await new AxeBuilder({ page: options })
        .include('.list-controls')
        .include('.cost-summary')
        .include('.timeline')
        .include('[data-testid="card-cost"]')
        .analyze();
      expect(violations.map((violation) => `${scheme}: ${violation.id} ${violation.nodes.map((node) => node.target).join(' ')}`)).toEqual(
        [],
      );
    }
  });
}

test('costs, timeline and hotline in Simplified Chinese', async () => {
  await withBrowser('zh-CN', async ({ context, worker }) => {
    await writeStorage(worker, { cards: pricedCards(todayIn(USER_TIME_ZONE)) });
    const id = extensionIdOf(worker);
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await expect(popup.getByRole('listitem', { name: '紫卡' })).toContainText('客服电话');
    await shootLightAndDark(popup, 'money-popup-zh');
    const options = await context.newPage();
    await options.setViewportSize({ width: 1000, height: 900 });
    await options.goto(`chrome-extension://${id}/options.html`);
    await expect(options.getByRole('heading', { name: '保号花费' })).toBeVisible();
    await expect(options.getByRole('heading', { name: '本月及未来 12 个月' })).toBeVisible();
    await shootLightAndDark(options, 'money-options-zh');
  });
});
