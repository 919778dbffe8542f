import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import ICAL from 'ical.js';
import {
  addDaysTo,
  dismissWelcomePage,
  expect,
  extensionIdOf,
  launchWithExtension,
  readStorage,
  serviceWorkerOf,
  test,
  todayIn,
  USER_TIME_ZONE,
  writeStorage,
} from './fixtures';

const today = todayIn(USER_TIME_ZONE);
const SHOTS = 'test-results/screenshots';

function card(id: string, label: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    label,
    providerId: null,
    phoneNumber: '',
    notes: '',
    timeZone: USER_TIME_ZONE,
    channels: { website: '', app: '', hotline: '' },
    rule: { type: 'cycle', anchorDate: addDaysTo(today, -10), period: { count: 30, unit: 'days' }, graceDays: 30 },
    history: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

const THREE_CARDS = [
  card('ultra', '紫卡', {
    providerId: 'ultra-paygo',
    phoneNumber: '+1 555 010 1234',
    timeZone: 'America/Los_Angeles',
    channels: { website: 'https://my.ultra.me/', app: '', hotline: '611' },
    rule: { type: 'cycle', anchorDate: addDaysTo(today, -40), period: { count: 30, unit: 'days' }, graceDays: 30 },
    history: [
      { id: 'e1', date: addDaysTo(today, -20), kind: 'renewed', amount: 3, currency: 'USD', note: 'paid on the app' },
      { id: 'e2', date: addDaysTo(today, -5), kind: 'renewed', amount: 3.5, currency: 'USD' },
    ],
  }),
  card('gg', 'giffgaff', {
    providerId: 'giffgaff',
    timeZone: 'Europe/London',
    rule: { type: 'keepAlive', anchorDate: addDaysTo(today, -100), window: { count: 6, unit: 'months' } },
  }),
  card('pass', 'Japan pass', { rule: { type: 'fixed', endDate: addDaysTo(today, 3) } }),
];

async function countdowns(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const c of THREE_CARDS)
    out[c.label] = (await page.getByRole('listitem', { name: c.label }).getByTestId('countdown').textContent()) ?? '';
  return out;
}

function clearStorage(worker: Worker): Promise<void> {
  return worker.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> } } } }).chrome.storage.local.clear(),
  );
}

async function download(page: Page, button: string, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

const FILE_LABEL = 'Choose a file: a SIM Keeper backup, a CSV sheet or a Wallos export';

test.describe('backup, import and export', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-keeper-transfer-'));
    mkdirSync(SHOTS, { recursive: true });
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('export three cards, clear storage, import: the popup shows the same cards and countdowns', async ({
    worker,
    openOptions,
    openPopup,
  }) => {
    await writeStorage(worker, { cards: THREE_CARDS });
    const popup = await openPopup();
    await expect(popup.getByRole('listitem', { name: '紫卡' })).toBeVisible();
    const before = await countdowns(popup);
    await popup.close();

    const options = await openOptions();
    const path = await download(options, 'Download backup (.json)', dir);
    expect(path).toMatch(/sim-keeper-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(readFileSync(path, 'utf8'));
    expect(backup).toMatchObject({ format: 'sim-keeper-backup', version: 1, cards: THREE_CARDS });

    await clearStorage(worker);
    await options.reload();
    await expect(options.getByText('No cards yet', { exact: false })).toBeVisible();
    await options.getByLabel(FILE_LABEL).setInputFiles(path);
    await expect(options.getByRole('status').filter({ hasText: 'new' })).toHaveText('3 new · 0 would change · 0 identical · 0 invalid');
    expect(await readStorage(worker, 'cards')).toBeUndefined();
    await options.getByRole('button', { name: 'Merge' }).click();
    await expect(options.getByText('Imported. You now have 3 cards.')).toBeVisible();

    expect(await readStorage(worker, 'cards')).toEqual(THREE_CARDS);
    const after = await openPopup();
    await expect(after.getByRole('listitem', { name: '紫卡' })).toBeVisible();
    expect(await countdowns(after)).toEqual(before);
  });

  test('export the cards as CSV, clear storage, import the CSV: the same cards, history and all', async ({ worker, openOptions }) => {
    const cards = THREE_CARDS.map((c, i) =>
      i === 0
        ? { ...c, reminders: { enabled: true, leadDays: [5] }, overrides: ['channels.website'], notes: '紫卡 "note",\nשלום 👍🏽' }
        : c,
    );
    await writeStorage(worker, { cards });
    const options = await openOptions();
    const path = await download(options, 'Download CSV', dir);
    expect(readFileSync(path, 'utf8')).toContain('History');
    await clearStorage(worker);
    await options.reload();
    await options.getByLabel(FILE_LABEL).setInputFiles(path);
    await expect(options.getByRole('status').filter({ hasText: 'new' })).toHaveText('3 new · 0 would change · 0 identical · 0 invalid');
    await expect(options.locator('[data-group="notes"]')).toHaveCount(0);
    await options.getByRole('button', { name: 'Merge' }).click();
    await expect(options.getByText('Imported. You now have 3 cards.')).toBeVisible();
    expect(await readStorage(worker, 'cards')).toEqual(cards);
  });

  test('an encrypted backup: a wrong passphrase is refused, the right one imports', async ({ worker, openOptions }) => {
    await writeStorage(worker, { cards: THREE_CARDS });
    const options = await openOptions();
    await options.getByLabel('Encrypt the backup with a passphrase').check();
    await options.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await options.getByLabel('Passphrase again').fill('correct horse battery');
    const path = await download(options, 'Download backup (.json)', dir);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file).toMatchObject({ format: 'sim-keeper-backup-encrypted', kdf: { name: 'PBKDF2', iterations: 600000 } });
    expect(readFileSync(path, 'utf8')).not.toContain('紫卡');

    await clearStorage(worker);
    await options.reload();
    await options.getByLabel(FILE_LABEL).setInputFiles(path);
    await expect(options.getByRole('alert')).toHaveText('This backup is encrypted. Enter its passphrase.');
    await options.getByLabel('Passphrase', { exact: true }).fill('wrong horse');
    await options.getByRole('button', { name: 'Open' }).click();
    await expect(options.getByRole('alert')).toHaveText('Wrong passphrase: this backup cannot be opened with it. Nothing was changed.');
    expect(await readStorage(worker, 'cards')).toBeUndefined();
    await options.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await options.getByRole('button', { name: 'Open' }).click();
    await expect(options.getByText('3 new · 0 would change · 0 identical · 0 invalid')).toBeVisible();
    await options.getByRole('button', { name: 'Merge' }).click();
    await expect(options.getByText('Imported. You now have 3 cards.')).toBeVisible();
    expect(await readStorage(worker, 'cards')).toEqual(THREE_CARDS);
  });

  test('a CSV sheet with Chinese headers and a Wallos export: preview, then the result', async ({ worker, openOptions }) => {
    await writeStorage(worker, { cards: [THREE_CARDS[0]] });
    const options = await openOptions();
    const csv = join(dir, 'cards.csv');
    writeFileSync(
      csv,
      `名稱,運營商,號碼,時區,規則,開始日期,週期,寬限期\n香港卡,CSL,+852 5555 0000,Asia/Hong_Kong,cycle,${today},12 months,\n老号,某某通信,138,Asia/Shanghai,cycle,${today},3个月,\n坏行,,,,weekly,,,\n`,
    );
    await options.getByLabel(FILE_LABEL).setInputFiles(csv);
    await expect(options.getByText('2 new · 0 would change · 0 identical · 1 invalid')).toBeVisible();
    await expect(options.getByText('Provider "某某通信" is not in the catalog: the card will have no provider.')).toBeVisible();
    await expect(options.getByText('rule: "weekly" is not one of cycle, keepAlive, topUp, fixed, pass')).toBeVisible();
    await options.getByRole('button', { name: 'Merge' }).click();
    await expect(options.getByText('Imported. You now have 3 cards.')).toBeVisible();
    await expect(options.getByRole('row', { name: /香港卡/ })).toContainText('365 days');
    await expect(options.getByRole('row', { name: /老号/ })).toBeVisible();
    // The invalid row was kept aside, shown at the top of the page, not dropped.
    await expect(options.getByRole('heading', { name: /could not be read|entries/i }).first()).toBeVisible();

    const wallos = join(dir, 'wallos.json');
    writeFileSync(
      wallos,
      JSON.stringify({
        success: true,
        subscriptions: [
          {
            Name: 'giffgaff',
            'Payment Cycle': 'Monthly',
            'Next Payment': addDaysTo(today, 12),
            Price: '£10.00',
            URL: 'https://www.giffgaff.com/',
            State: 'Enabled',
            Category: 'Mobile',
          },
          { Name: 'Netflix', 'Next Payment': addDaysTo(today, 3), Price: '$15.49', State: 'Enabled' },
        ],
      }),
    );
    await options.getByLabel(FILE_LABEL).setInputFiles(wallos);
    await expect(options.getByText('2 new · 0 would change · 0 identical · 0 invalid')).toBeVisible();
    await expect(options.getByText('Not mapped from Wallos: Category')).toBeVisible();
    await expect(options.getByText("A plan cycle of 1 months (Wallos's payment cycle), due on its next payment.")).toBeVisible();
    await expect(options.getByText('Provider "Netflix" is not in the catalog: the card will have no provider.')).toBeVisible();
    // "$" is USD, AUD, CAD, …: the preview asks, and the file is read again with the answer.
    await expect(options.getByText('Price $15.49 kept in the notes.')).toBeVisible();
    await options.getByLabel('Which currency does "$" mean in this file? (1 prices)').selectOption('AUD');
    await expect(options.getByText('Price 15.49 AUD kept in the notes.')).toBeVisible();
    await options.getByRole('button', { name: 'Merge' }).click();
    await expect(options.getByText('Imported. You now have 5 cards.')).toBeVisible();
    await expect(options.getByRole('row', { name: /Netflix/ })).toContainText('3 days');
    const stored = (await readStorage(worker, 'cards')) as { label: string; notes: string; rule: { type: string } }[];
    expect(stored.find((c) => c.label === 'Netflix')?.notes).toBe('Wallos: 15.49 AUD');
    expect(stored.find((c) => c.label === 'giffgaff')?.rule.type).toBe('cycle');

    // The undo snapshot puts back the state before the Wallos import.
    await options.getByRole('button', { name: 'Restore the state before the import' }).click();
    await expect(options.getByRole('row', { name: /Netflix/ })).toHaveCount(0);
    await expect(options.getByRole('row', { name: /香港卡/ })).toBeVisible();
  });

  test('restore with Merge keeps settings as chosen; two wrong imports then two restores bring the originals back', async ({
    worker,
    openOptions,
  }) => {
    await writeStorage(worker, { cards: THREE_CARDS, settings: { reminderTime: '07:00', leadDays: [3] } });
    const options = await openOptions();
    const backup = join(dir, 'backup.json');
    writeFileSync(
      backup,
      JSON.stringify({
        format: 'sim-keeper-backup',
        version: 1,
        settingsVersion: 1,
        cards: [THREE_CARDS[0]],
        settings: { reminderTime: '10:00', leadDays: [5, 1] },
      }),
    );
    await options.getByLabel(FILE_LABEL).setInputFiles(backup);
    const settings = options.locator('[data-group="settings"]');
    await expect(settings).toContainText('Settings in the file that differ from yours: 2');
    await settings.locator('[data-setting="leadDays"]').getByLabel('Keep mine').check();
    await options.getByRole('button', { name: 'Merge' }).click();
    await expect(options.getByText('Imported. You now have 3 cards.')).toBeVisible();
    expect(await readStorage(worker, 'settings')).toEqual({ reminderTime: '10:00', leadDays: [3] });

    // Two wrong files, each with Replace all: the single undo alone could not bring the three cards back.
    for (const [name, label] of [
      ['wrong-1.json', 'Wrong one'],
      ['wrong-2.json', 'Wrong two'],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify({ format: 'sim-keeper-backup', version: 1, cards: [card(name, label)] }));
      await options.getByLabel(FILE_LABEL).setInputFiles(path);
      await options.getByRole('button', { name: 'Replace all' }).click();
      await expect(options.getByText('Imported. You now have 1 cards.')).toBeVisible();
    }
    const points = options.locator('.restore-points li');
    await expect(points).toHaveCount(3);
    await expect(points.nth(0)).toContainText('before Replace all: it added 1 cards, changed 0 and removed 1');
    await expect(points.nth(1)).toContainText('before Replace all: it added 1 cards, changed 0 and removed 3');
    await points.nth(0).getByRole('button').click();
    await expect(options.getByText('Restore point brought back. You now have 2 cards.')).toBeVisible();
    // The restore kept a point of its own at the top: the one before the first Replace all is now third.
    await options.locator('.restore-points li').nth(2).getByRole('button').click();
    await expect(options.getByText('Restore point brought back. You now have 5 cards.')).toBeVisible();
    const cards = (await readStorage(worker, 'cards')) as { id: string }[];
    expect(cards.filter((c) => THREE_CARDS.some((o) => o.id === c.id))).toEqual(THREE_CARDS);
  });
  test("the calendar file parses, with each deadline on the user's calendar", async ({ worker, openOptions }) => {
    await writeStorage(worker, { cards: THREE_CARDS });
    const options = await openOptions();
    const path = await download(options, 'Download calendar (.ics)', dir);
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8')));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events.map((e) => e.uid).sort()).toEqual([
      'gg-due@sim-keeper',
      'pass-due@sim-keeper',
      'ultra-due@sim-keeper',
      'ultra-lost@sim-keeper',
    ]);
    const pass = events.find((e) => e.uid === 'pass-due@sim-keeper')!;
    expect(pass.startDate.toString().slice(0, 10)).toBe(addDaysTo(today, 3));
    expect(pass.startDate.zone?.tzid).toBe(USER_TIME_ZONE);
    const ultra = events.find((e) => e.uid === 'ultra-due@sim-keeper')!;
    // A Los Angeles card sits on the user's calendar, as the popup shows it (issue 16).
    expect(ultra.startDate.zone?.tzid).toBe(USER_TIME_ZONE);
    expect(ultra.component.getFirstPropertyValue('url')).toBe('https://my.ultra.me/');
    expect(ultra.description).toContain('611');
    expect(ultra.component.getAllSubcomponents('valarm')).toHaveLength(5);
  });
});

/** A stored state and a backup that differs from it in every way the preview shows. */
function previewScenario() {
  const mine = [
    card('ultra', '紫卡', {
      updatedAt: '2026-02-01T00:00:00.000Z',
      history: [{ id: 'e1', date: addDaysTo(today, -20), kind: 'renewed', amount: 3, currency: 'USD' }],
    }),
    card('same', 'Work SIM'),
    card('old', 'Old SIM'),
  ];
  const theirs = [
    card('ultra', 'Purple card', {
      notes: 'from the old laptop',
      updatedAt: '2026-03-01T00:00:00.000Z',
      history: [{ id: 'e0', date: addDaysTo(today, -50), kind: 'renewed', amount: 3, currency: 'USD' }],
    }),
    card('same', 'Work SIM'),
    card('new', 'giffgaff', { providerId: 'giffgaff' }),
    { id: 'broken', label: 'Half a card', rule: { type: 'fixed', endDate: '2026-02-30' } },
  ];
  return {
    mine,
    backup: {
      format: 'sim-keeper-backup',
      version: 1,
      settingsVersion: 1,
      exportedAt: '2026-03-01T00:00:00.000Z',
      extensionVersion: '0.1.0',
      cards: theirs,
      settings: {},
    },
  };
}

for (const language of ['en-US', 'zh-CN'] as const) {
  test(`the import preview, light and dark (${language})`, async () => {
    const profile = mkdtempSync(join(tmpdir(), 'sim-keeper-e2e-'));
    const context = await launchWithExtension(profile, { language });
    try {
      await dismissWelcomePage(context);
      const worker = await serviceWorkerOf(context);
      const { mine, backup } = previewScenario();
      await writeStorage(worker, { cards: mine });
      const file = join(profile, 'backup.json');
      writeFileSync(file, JSON.stringify(backup));
      const page = await context.newPage();
      await page.setViewportSize({ width: 900, height: 900 });
      await page.goto(`chrome-extension://${extensionIdOf(worker)}/options.html`);
      await page.locator('#import-file').setInputFiles(file);
      const preview = page.locator('.import-preview');
      await expect(preview.locator('.import-summary')).toContainText(
        language === 'en-US' ? '1 new · 1 would change · 1 identical · 1 invalid' : '新增 1 · 将变更 1 · 相同 1 · 无效 1',
      );
      await preview.locator('[data-group="identical"] summary').click();
      // Replace all names only what it would remove (no "0 entries kept aside"), with no blank line above it.
      const warning = preview.getByText(language === 'en-US' ? /^Replace all would remove/ : /^全部替换将移除/);
      await expect(warning).toHaveText(
        language === 'en-US'
          ? 'Replace all would remove 1 card that is not in the file (you can undo this).'
          : '全部替换将移除文件中没有的 1 张卡片（撤销可恢复）。',
      );
      const gap = await warning.evaluate((line) => {
        const above = line.previousElementSibling as HTMLElement;
        return line.getBoundingClientRect().top - above.getBoundingClientRect().bottom;
      });
      expect(gap).toBeLessThanOrEqual(12);
      mkdirSync(SHOTS, { recursive: true });
      const suffix = language === 'en-US' ? '' : '-zh';
      await preview.screenshot({ path: `${SHOTS}/import-preview${suffix}.png` });
      await page.emulateMedia({ colorScheme: 'dark' });
      await preview.screenshot({ path: `${SHOTS}/import-preview${suffix}-dark.png` });
      // Its end too (the warning and the buttons), scrolled into view.
      await preview.evaluate((dialog) => dialog.scrollTo(0, dialog.scrollHeight));
      await preview.screenshot({ path: `${SHOTS}/import-preview-end${suffix}-dark.png` });
      await page.emulateMedia({ colorScheme: 'light' });
      await preview.screenshot({ path: `${SHOTS}/import-preview-end${suffix}.png` });
      // A modal dialog (issue 19): no raw keys or ISO times, Tab stays inside, Escape cancels and focus goes back to the file picker.
      await expect(page.getByRole('dialog')).toBeVisible();
      await expect(preview).not.toContainText(/phoneNumber|updatedAt|\d{4}-\d{2}-\d{2}T/);
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')))).toBe(true);
      }
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page.locator('#import-file')).toBeFocused();
      expect(await readStorage(worker, 'cards')).toEqual(mine);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}
