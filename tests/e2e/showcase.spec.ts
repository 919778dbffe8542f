import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  test,
  expect,
  todayIn,
  addDaysTo,
  USER_TIME_ZONE,
  writeStorage,
  launchWithExtension,
  serviceWorkerOf,
  dismissWelcomePage,
  extensionIdOf,
} from './fixtures';

/** A realistic set of cards around today: what a user with five numbers sees. */
function showcaseCards(today: string) {
  const base = { notes: '', history: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  return [
    {
      ...base,
      id: 'ultra',
      label: '紫卡',
      providerId: 'ultra-paygo',
      phoneNumber: '+1 213 555 0142',
      timeZone: 'America/Los_Angeles',
      channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
      rule: { type: 'cycle', anchorDate: addDaysTo(today, -32), period: { count: 30, unit: 'days' }, graceDays: 30 },
    },
    {
      ...base,
      id: 'gg',
      label: 'giffgaff main',
      providerId: 'giffgaff',
      phoneNumber: '07700 900123',
      timeZone: 'Europe/London',
      channels: { website: 'https://www.giffgaff.com/', app: '', hotline: '' },
      rule: { type: 'keepAlive', anchorDate: addDaysTo(today, -170), window: { count: 6, unit: 'months' } },
    },
    {
      ...base,
      id: 'hk',
      label: '3HK 儲值卡',
      providerId: 'three-hk',
      phoneNumber: '+852 5555 0199',
      timeZone: 'Asia/Hong_Kong',
      channels: { website: 'https://web.three.com.hk/', app: '', hotline: '' },
      rule: { type: 'topUp', anchorDate: addDaysTo(today, -150), validity: { count: 6, unit: 'months' }, mode: 'add' },
    },
    {
      ...base,
      id: 'pass',
      label: '美國遠遊卡',
      providerId: null,
      phoneNumber: '',
      timeZone: 'America/New_York',
      channels: { website: '', app: '', hotline: '' },
      rule: { type: 'pass', days: 8, startTrigger: 'manual', startDate: addDaysTo(today, -6) },
    },
    {
      ...base,
      id: 'ur',
      label: 'UR卡',
      providerId: null,
      phoneNumber: '+1 646 555 0110',
      timeZone: 'America/New_York',
      channels: { website: '', app: '', hotline: '' },
      rule: { type: 'fixed', endDate: addDaysTo(today, 75) },
    },
  ];
}

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
  mkdirSync('test-results/screenshots', { recursive: true });
  await popup.locator('main').screenshot({ path: 'test-results/screenshots/popup-showcase.png' });
});

test('the interface follows the browser language: Simplified Chinese', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-zh-'));
  const context = await launchWithExtension(dir, { language: 'zh-CN' });
  try {
    const worker = await serviceWorkerOf(context);
    await dismissWelcomePage(context);
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
    await popup.locator('main').screenshot({ path: 'test-results/screenshots/popup-zh.png' });
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
