import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page, Worker } from '@playwright/test';
import { addDaysTo, expect, extensionIdOf, readStorage, test, todayIn, USER_TIME_ZONE, writeStorage, withBrowser } from './fixtures';

/*
 * One odd card never silences the others: a card that ends on 9999-12-31, one
 * whose history runs its dates past year 99999 (valid, but it cannot be
 * computed), and one stored by hand with the year 99999 (invalid, kept aside),
 * next to two ordinary cards. Both ordinary cards are listed and get their
 * alarms; the pages pass axe in light and dark.
 */

type Alarm = { name: string; scheduledTime: number };
type ChromeApi = { chrome: { alarms: { getAll(): Promise<Alarm[]> } } };

const reminderAlarms = (worker: Worker) =>
  worker.evaluate(async () =>
    (await (globalThis as unknown as ChromeApi).chrome.alarms.getAll()).map((alarm) => alarm.name).filter((name) => name.startsWith('r|')),
  );

const base = { phoneNumber: '', notes: '', history: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const noChannels = { website: '', app: '', hotline: '' };

/** The two ordinary cards, the far one, the one that cannot be computed, and the raw invalid entry. */
function oddAndNormalCards(today: string) {
  const ultra = {
    ...base,
    id: 'ultra',
    label: '紫卡',
    providerId: 'ultra-paygo',
    timeZone: USER_TIME_ZONE,
    channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
    rule: { type: 'cycle', anchorDate: addDaysTo(today, -20), period: { count: 30, unit: 'days' }, graceDays: 30 },
  };
  const pass = {
    ...base,
    id: 'pass',
    label: 'Japan pass',
    providerId: null,
    timeZone: 'America/Los_Angeles',
    channels: noChannels,
    rule: { type: 'pass', days: 8, startTrigger: 'manual', startDate: addDaysTo(today, -2) },
  };
  const never = {
    ...base,
    id: 'never',
    label: 'Forever SIM',
    providerId: null,
    timeZone: 'Asia/Shanghai',
    channels: noChannels,
    rule: { type: 'fixed', endDate: '9999-12-31', graceDays: 30 },
  };
  const overflow = {
    ...base,
    id: 'overflow',
    label: 'Ten-year plan',
    providerId: null,
    timeZone: 'Asia/Shanghai',
    channels: noChannels,
    rule: { type: 'cycle', anchorDate: '9000-01-01', period: { count: 3650, unit: 'months' } },
    // 300 early renewals of a ten-year plan: valid, but past year 99999.
    history: Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, date: '9000-06-01', kind: 'renewed' })),
  };
  const rawFarYear = {
    ...base,
    id: 'far-year',
    label: 'Typed 99999',
    providerId: null,
    timeZone: 'Asia/Shanghai',
    channels: noChannels,
    rule: { type: 'fixed', endDate: '99999-12-31' },
  };
  return [ultra, never, overflow, pass, rawFarYear];
}

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, what).toEqual([]);
}

test('a far-date card, one that cannot be computed and one kept aside never hide the two normal cards or their alarms', async ({
  worker,
  openPopup,
  openOptions,
}) => {
  const today = todayIn(USER_TIME_ZONE);
  await writeStorage(worker, { cards: oddAndNormalCards(today) });

  // Both normal cards get their reminders planned; the one that cannot be computed gets none.
  await expect
    .poll(async () => {
      const names = await reminderAlarms(worker);
      return ['ultra', 'pass', 'overflow'].map((id) => names.some((name) => name.startsWith(`r|${id}|`)));
    })
    .toEqual([true, true, false]);

  const popup = await openPopup();
  await expect(popup.getByRole('listitem', { name: '紫卡' }).getByTestId('countdown')).toHaveText('10 days');
  await expect(popup.getByRole('listitem', { name: 'Japan pass' })).toContainText(/Last day .* · ends .*, \d\d:\d\d\syour\stime/);
  await expect(popup.getByRole('listitem', { name: 'Forever SIM' })).toContainText('Last day Fri, Dec 31, 9999');
  const broken = popup.getByRole('listitem', { name: 'Ten-year plan' });
  await expect(broken).toContainText('Cannot compute: its dates run past the year 99999');
  await expect(broken.getByRole('button', { name: 'Edit “Ten-year plan”' })).toBeVisible();
  await expect(popup.getByRole('alert')).toContainText('1 stored entry could not be read');

  const options = await openOptions();
  for (const label of ['紫卡', 'Japan pass', 'Forever SIM', 'Ten-year plan'])
    await expect(options.getByRole('row').filter({ hasText: label })).toHaveCount(1);
  await expect(options.getByRole('row').filter({ hasText: 'Ten-year plan' })).toContainText('Cannot compute');
  await expect(options.getByRole('heading', { name: '1 stored entry could not be read' })).toBeVisible();
  await expect(options.getByText('Typed 99999', { exact: true })).toBeVisible();

  // A write (Renewed) keeps the entry kept aside, exactly as it was.
  await popup
    .getByRole('listitem', { name: '紫卡' })
    .getByRole('button', { name: /Record renewal/ })
    .click();
  await expect
    .poll(async () => ((await readStorage(worker, 'cards')) as { id: string }[]).map((card) => card.id))
    .toEqual(['ultra', 'never', 'overflow', 'pass', 'far-year']);
  const stored = (await readStorage(worker, 'cards')) as { id: string; rule: unknown }[];
  expect(stored.find((card) => card.id === 'far-year')?.rule).toEqual({ type: 'fixed', endDate: '99999-12-31' });
});

test('typing 99999-12-31 as a fixed end date gives a field error and keeps the form', async ({ openOptions }) => {
  const options = await openOptions('new');
  await options.locator('#field-label').fill('Typed far');
  await options.getByRole('radio', { name: /Fixed end date/ }).check();
  const endDate = options.locator('#field-endDate');
  // Typed as a person types into Chromium's date field: month, day, then a five-digit year.
  await endDate.focus();
  await options.keyboard.type('123199999');
  // The field's own max (9999-12-31) stops the fifth digit in Chromium.
  await expect(endDate).toHaveValue('9999-12-31');
  // A browser that lets it through (or a field without the bound) still gets a clear error, not a blank page.
  await endDate.evaluate((input) => input.removeAttribute('max'));
  await endDate.fill('');
  await endDate.click({ position: { x: 12, y: 10 } });
  await options.keyboard.type('123199999');
  await expect(endDate).toHaveValue('99999-12-31');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.locator('#field-endDate-error')).toHaveText('Use a date from 1900-01-01 to 9999-12-31.');
  await expect(options.getByText('1 field needs attention; nothing was saved.')).toBeVisible();
  await expect(options.getByTestId('deadline-preview')).toBeVisible();

  // A day the month does not have: the field says so, instead of "required".
  await endDate.fill('');
  await endDate.click({ position: { x: 12, y: 10 } });
  await options.keyboard.type('02302026');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.locator('#field-endDate-error')).toHaveText('This is not a real date. Use YYYY-MM-DD, such as 2026-03-12.');
  await expect(options.locator('#field-label')).toHaveValue('Typed far');
  await expect(options.getByText('1 field needs attention; nothing was saved.')).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds nothing on the popup and the options page, empty and with cards (${scheme})`, async ({
    worker,
    openPopup,
    openOptions,
  }) => {
    for (const withCards of [false, true]) {
      if (withCards) await writeStorage(worker, { cards: oddAndNormalCards(todayIn(USER_TIME_ZONE)) });
      const popup = await openPopup();
      await popup.emulateMedia({ colorScheme: scheme });
      // One main landmark once React is up: the first paint (inert, painted before React) is gone by then.
      await expect(popup.locator('#root main')).not.toHaveAttribute('aria-busy', 'true');
      await expect(popup.locator('main')).toHaveCount(1);
      await expect(popup.locator('html')).toHaveAttribute('lang', 'en');
      await expectNoAxeViolations(popup, `popup, ${scheme}, ${withCards ? 'cards' : 'empty'}`);
      const options = await openOptions();
      await options.emulateMedia({ colorScheme: scheme });
      await expect(options.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await expectNoAxeViolations(options, `options, ${scheme}, ${withCards ? 'cards' : 'empty'}`);
      await popup.close();
      await options.close();
    }
    const editor = await openOptions('card=ultra');
    await editor.emulateMedia({ colorScheme: scheme });
    await expect(editor.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expectNoAxeViolations(editor, `editor, ${scheme}`);
  });
}

test('screenshots: the "cannot compute" row and the pass and fixed wording, English and Chinese, light and dark', async () => {
  mkdirSync('test-results/screenshots', { recursive: true });
  for (const language of ['en-US', 'zh-CN']) {
    await withBrowser(language, async ({ context, worker }) => {
      await writeStorage(worker, { cards: oddAndNormalCards(todayIn(USER_TIME_ZONE)) });
      const id = extensionIdOf(worker);
      for (const scheme of ['light', 'dark'] as const) {
        const popup = await context.newPage();
        await popup.setViewportSize({ width: 380, height: 600 });
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.goto(`chrome-extension://${id}/popup.html`);
        await expect(popup.locator('[data-card-id="overflow"]')).toBeVisible();
        await expect(popup.locator('html')).toHaveAttribute('lang', language === 'en-US' ? 'en' : 'zh-CN');
        await popup.locator('main').screenshot({ path: `test-results/screenshots/robust-popup-${language}-${scheme}.png` });
        const options = await context.newPage();
        await options.setViewportSize({ width: 1000, height: 900 });
        await options.emulateMedia({ colorScheme: scheme });
        await options.goto(`chrome-extension://${id}/options.html`);
        await expect(options.locator('[data-card-id="overflow"]')).toBeVisible();
        await options.screenshot({ path: `test-results/screenshots/robust-options-${language}-${scheme}.png`, fullPage: true });
        await popup.close();
        await options.close();
      }
    });
  }
});
