import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@playwright/test';
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

type Alarm = { name: string; scheduledTime: number };
type ChromeApi = {
  chrome: {
    alarms: { getAll(): Promise<Alarm[]>; create(name: string, info: { when: number }): Promise<void> };
    notifications: { getAll(): Promise<Record<string, boolean>> };
    action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
  };
};

const reminderAlarms = (worker: Worker) =>
  worker.evaluate(async () =>
    (await (globalThis as unknown as ChromeApi).chrome.alarms.getAll()).filter((a) => a.name.startsWith('r|') && a.name !== 'r|midnight'),
  );
const notificationIds = (worker: Worker) =>
  worker.evaluate(async () => Object.keys(await (globalThis as unknown as ChromeApi).chrome.notifications.getAll()));
const badgeText = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as ChromeApi).chrome.action.getBadgeText({}));
const actionTitle = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as ChromeApi).chrome.action.getTitle({}));

function ultraCard(anchorDate: string) {
  return {
    id: 'ultra',
    label: '紫卡',
    providerId: 'ultra-paygo',
    phoneNumber: '+1 213 555 0142',
    notes: '',
    timeZone: USER_TIME_ZONE,
    channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
    rule: { type: 'cycle', anchorDate, period: { count: 30, unit: 'days' }, graceDays: 30 },
    history: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

test('a card due tomorrow: its reminder fires as a notification, the badge counts it, and Renewed clears both', async ({
  worker,
  openPopup,
}) => {
  const today = todayIn(USER_TIME_ZONE);
  // Paid 29 days ago on a 30-day cycle: due tomorrow.
  await writeStorage(worker, { cards: [ultraCard(addDaysTo(today, -29))] });

  await expect.poll(() => badgeText(worker)).toBe('1');
  await expect.poll(async () => (await actionTitle(worker)).includes('紫卡')).toBe(true);
  const alarms = await reminderAlarms(worker);
  const dueTomorrow = addDaysTo(today, 1);
  // Every planned alarm belongs to this card's current deadline (tomorrow) or its lost date.
  expect(alarms.length).toBeGreaterThan(0);
  for (const alarm of alarms)
    expect(alarm.name).toMatch(new RegExp(`^r\\|ultra\\|(due\\|${dueTomorrow}|lost\\|${addDaysTo(dueTomorrow, 30)})\\|`));

  // Fire the soonest reminder now, as Chrome would at its time.
  const soonest = alarms.reduce((a, b) => (a.scheduledTime <= b.scheduledTime ? a : b));
  await worker.evaluate((name) => (globalThis as unknown as ChromeApi).chrome.alarms.create(name, { when: Date.now() }), soonest.name);
  await expect.poll(() => notificationIds(worker)).toEqual(['sim-keeper|ultra']);

  // Renewed in the popup: the deadline moves 30 days, the badge empties, the old deadline's alarms go.
  const popup = await openPopup();
  const card = popup.getByRole('listitem', { name: '紫卡' });
  await expect(card.getByTestId('countdown')).toHaveText('Tomorrow');

  // Snooze from the popup (the way Firefox users snooze): the notification goes, the card says so.
  await card.getByRole('button', { name: /Snooze/ }).click();
  await expect(card).toContainText('Reminders snoozed until');
  await expect.poll(() => notificationIds(worker)).toEqual([]);

  await card.getByRole('button', { name: 'Record renewal' }).click();
  await expect(card.getByTestId('countdown')).toHaveText('31 days');
  await expect.poll(() => badgeText(worker)).toBe('');
  await expect.poll(async () => (await reminderAlarms(worker)).every((alarm) => !alarm.name.includes(`|due|${dueTomorrow}|`))).toBe(true);
  const after = await reminderAlarms(worker);
  expect(after.some((alarm) => alarm.name.includes(`|due|${addDaysTo(dueTomorrow, 30)}|`))).toBe(true);
  // Recording the renewal ended the snooze that was meant for the old deadline.
  await expect(card).not.toContainText('Reminders snoozed until');
});

test('the reminder time and lead days set in the options page decide when alarms ring', async ({ worker, openOptions }) => {
  const today = todayIn(USER_TIME_ZONE);
  await writeStorage(worker, { cards: [ultraCard(addDaysTo(today, -10))] });
  const due = addDaysTo(today, 20);
  await expect.poll(async () => (await reminderAlarms(worker)).some((a) => a.name.endsWith(`|due|${due}|d7`))).toBe(true);

  const options = await openOptions();
  await options.getByLabel('Remind me at (your time)').fill('21:15');
  await options.getByLabel('Days before each deadline').fill('10, 2, zero');
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect(options.getByText('Enter whole numbers of days from 0 to 365')).toBeVisible();
  await options.getByLabel('Days before each deadline').fill('10, 2');
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

  const hhmm = (ms: number) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: USER_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  await expect
    .poll(async () =>
      (await reminderAlarms(worker))
        .filter((a) => a.name.includes(`|due|${due}|`))
        .map((a) => `${a.name.split('|').pop()} ${hhmm(a.scheduledTime)}`)
        .sort(),
    )
    .toEqual(['d10 21:15', 'd2 21:15']);
});

test('a reminder missed while the browser was closed shows once on the next start, and never again', async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-restart-'));
  try {
    // The reminder time is the next whole minute at least 20 s away, in the user's zone.
    const at = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
    const hhmm = new Intl.DateTimeFormat('en-GB', {
      timeZone: USER_TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
    // Due the day after that minute, so the "1 day before" reminder falls on it.
    const due = addDaysTo(todayIn(USER_TIME_ZONE, at), 1);

    let context = await launchWithExtension(dir);
    let worker = await serviceWorkerOf(context);
    await dismissWelcomePage(context);
    await writeStorage(worker, { settings: { reminderTime: hhmm, leadDays: [1] }, cards: [ultraCard(addDaysTo(due, -30))] });
    await expect.poll(async () => (await reminderAlarms(worker)).some((a) => a.name.endsWith(`|due|${due}|d1`))).toBe(true);
    expect(await notificationIds(worker)).toEqual([]);
    await context.close();

    // The browser is closed when the reminder comes due.
    await new Promise((resolve) => setTimeout(resolve, at.getTime() - Date.now() + 2_000));

    context = await launchWithExtension(dir);
    worker = await serviceWorkerOf(context);
    await expect.poll(() => notificationIds(worker), { timeout: 15_000 }).toEqual(['sim-keeper|ultra']);
    // Give any second, duplicate notification the chance to appear; there must be none.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionIdOf(worker)}/popup.html`);
    await expect(popup.getByRole('listitem', { name: '紫卡' })).toBeVisible();
    expect(await notificationIds(worker)).toEqual(['sim-keeper|ultra']);
    await context.close();

    // Another restart: the reminder has been shown; nothing comes back.
    context = await launchWithExtension(dir);
    worker = await serviceWorkerOf(context);
    const popupAgain = await context.newPage();
    await popupAgain.goto(`chrome-extension://${extensionIdOf(worker)}/popup.html`);
    await expect(popupAgain.getByRole('listitem', { name: '紫卡' })).toBeVisible();
    await expect.poll(() => badgeText(worker)).toBe('1');
    expect(await notificationIds(worker)).toEqual([]);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
