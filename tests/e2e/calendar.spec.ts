import { mkdirSync } from 'node:fs';
import type { Locator, Page, Worker } from '@playwright/test';
import { collectionName, readEvents, startRadicale } from './calendar-server';
import { addDaysTo, expect, readStorage, test, todayIn, USER_TIME_ZONE, withBrowser, writeStorage } from './fixtures';
import { fillAccount, openOptionsPanel, PASSWORD, USER, setUpLocalServer } from './local-server';
import { shootPartLightAndDark } from './screenshots';

/*
 * Options → Calendar against a real CalDAV server (Radicale on 127.0.0.1). The browser
 * runs a test copy of the build whose manifest grants that origin at install, so
 * `permissions.request` resolves without a prompt, as it does after the user clicks Allow.
 * Everything on the server is read back with plain fetch and ical.js, not with the
 * extension's own code.
 */

const SHOTS = 'test-results/screenshots';

const local = setUpLocalServer(startRadicale, (manifest) => {
  // The Chrome build offers the background permission, so the keep-running switch shows.
  if (!(manifest.optional_permissions as string[] | undefined)?.includes('background'))
    throw new Error('the build offers no background permission');
});

/** A browser of its own on the test copy, in `language`, with the welcome page closed; closed and removed after. */
const withCopy = (language: string, use: Parameters<typeof withBrowser>[1]) =>
  withBrowser(language, use, { extensionDir: local.extensionDir });

/** The options page on the calendar panel, with every answer of permissions.request recorded as the page's code receives it. */
const openOptions = (context: Parameters<typeof openOptionsPanel>[0], id: string) =>
  openOptionsPanel(
    context,
    id,
    (page) => page.locator('section.calendar'),
    (page) =>
      page.addInitScript(() => {
        const api = (globalThis as unknown as { chrome: { permissions: { request: (p: unknown) => Promise<boolean> } } }).chrome
          .permissions;
        const request = api.request.bind(api);
        const answers: unknown[] = [];
        (globalThis as unknown as { permissionAnswers: unknown[] }).permissionAnswers = answers;
        api.request = async (p: unknown) => {
          const answer = await request(p);
          answers.push({ asked: p, answer });
          return answer;
        };
      }),
  );

/** The panel alone, light and dark: test-results/screenshots/<name>-light.png and -dark.png. */
const shoot = (page: Page, panel: Locator, name: string) => shootPartLightAndDark(page, panel, name);

const fill = (panel: Locator, address: string, user: string, password: string) =>
  fillAccount(panel, { addressLabel: 'Server address', address, user, password });

/** Connects as a person would, creating the "SIM Keeper" calendar; gives the stored account's calendar address. */
async function connect(page: Page, panel: Locator, worker: Worker, screenshot?: string): Promise<string> {
  await fill(panel, local.server.url, USER, PASSWORD);
  await panel.getByRole('button', { name: 'Find calendars' }).click();
  const choice = panel.getByRole('group', { name: 'Choose the calendar for your deadlines' });
  await expect(choice).toBeVisible();
  // Asked for exactly the server's origin, and granted without a prompt (the test copy grants it at install).
  expect((await page.evaluate(() => (globalThis as unknown as { permissionAnswers: unknown[] }).permissionAnswers)).at(-1)).toEqual({
    asked: { origins: ['http://127.0.0.1/*'] },
    answer: true,
  });
  await choice.getByRole('radio', { name: 'Create a new calendar named “SIM Keeper”' }).check();
  if (screenshot) await shoot(page, panel, screenshot);
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.getByText(`Connected to “SIM Keeper” on 127.0.0.1:${local.server.port} as ${USER}.`)).toBeVisible();
  const account = (await readStorage(worker, 'calendarAccount')) as { calendarUrl: string };
  return account.calendarUrl;
}

test('Options → Calendar: a wrong password is said in words and stores nothing; the right one finds, creates and connects', async () => {
  test.setTimeout(120_000);
  await withCopy('en-US', async ({ context, worker, id }) => {
    const cards = [{ ...card('ultra', '紫卡'), rule: { type: 'fixed', endDate: addDaysTo(todayIn(USER_TIME_ZONE), 20) } }];
    await writeStorage(worker, { cards });
    const { page, panel } = await openOptions(context, id);
    await expect(panel.getByRole('heading', { name: 'Calendar' })).toBeVisible();
    await expect(panel.getByText('Put my deadlines in my calendar')).toBeVisible();

    // An address the extension will not contact: said beside the field, tied to it.
    await fill(panel, 'http://dav.example.org/', USER, PASSWORD);
    await panel.getByRole('button', { name: 'Find calendars' }).click();
    const server = panel.getByLabel('Server address');
    await expect(server).toHaveAttribute('aria-invalid', 'true');
    await expect(server).toHaveAccessibleDescription(/Only https:\/\/ addresses are allowed/);

    // The local server: allowed, with a warning that it is not encrypted.
    await fill(panel, local.server.url, USER, 'not-the-password');
    await expect(panel.getByText('This address is not encrypted (http://).', { exact: false })).toBeVisible();
    await shoot(page, panel, 'calendar-form');
    await panel.getByRole('button', { name: 'Find calendars' }).click();
    await expect(panel.getByTestId('calendar-error')).toHaveText(
      'Wrong user name or password: check the user name and the app password (iCloud and Fastmail need an app password, not your main password).',
    );
    expect(await readStorage(worker, 'calendarAccount')).toBeUndefined();
    expect(await readStorage(worker, 'cards')).toEqual(cards);

    // The help, opened.
    await panel.locator('details.calendar-help summary').click();
    await expect(panel.getByText('iCloud: address https://caldav.icloud.com', { exact: false })).toBeVisible();
    await shoot(page, panel, 'calendar-help');
    await panel.locator('details.calendar-help summary').click();

    const calendarUrl = await connect(page, panel, worker, 'calendar-choose');
    expect(calendarUrl.startsWith(`${local.server.url}${USER}/`)).toBe(true);
    expect(await readStorage(worker, 'calendarAccount')).toMatchObject({
      serverUrl: local.server.url,
      username: USER,
      password: PASSWORD,
      calendarUrl,
      calendarName: 'SIM Keeper',
    });
    // The calendar is on the server, made for SIM Keeper.
    expect(await collectionName(calendarUrl, USER, PASSWORD)).toBe('SIM Keeper');
    await expect(panel.getByTestId('calendar-status')).toHaveText(/Waiting for the first update…|Updated/);
    await expect(panel.getByRole('checkbox', { name: 'Keep reminders running when all windows are closed' })).toBeVisible();

    // Disconnect asks first; Escape closes the question and the focus comes back.
    const disconnect = panel.getByRole('button', { name: 'Disconnect' });
    await disconnect.click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect the calendar' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Also remove SIM Keeper's events from the calendar?");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/calendar-disconnect.png` });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(disconnect).toBeFocused();
    expect(await readStorage(worker, 'calendarAccount')).toMatchObject({ calendarUrl });
  });
});

function card(id: string, label: string) {
  return {
    id,
    label,
    providerId: null as string | null,
    phoneNumber: '',
    notes: '',
    timeZone: USER_TIME_ZONE,
    channels: { website: '', app: '', hotline: '' },
    history: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** Three cards around today, each a different rule: the dates follow from today, whatever day of the month it is. */
function threeCards(today: string) {
  return [
    {
      ...card('ultra', '紫卡'),
      providerId: 'ultra-paygo',
      phoneNumber: '+1 213 555 0142',
      channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
      // Paid 20 days ago on a 30-day plan with 30 days of grace: due in 10 days, lost 30 days later.
      rule: { type: 'cycle', anchorDate: addDaysTo(today, -20), period: { count: 30, unit: 'days' }, graceDays: 30 },
    },
    {
      ...card('gg', 'giffgaff'),
      providerId: 'giffgaff',
      phoneNumber: '07700 900123',
      timeZone: 'Europe/London',
      channels: { website: 'https://www.giffgaff.com/', app: '', hotline: '' },
      rule: { type: 'keepAlive', anchorDate: addDaysTo(today, -100), window: { count: 6, unit: 'months' } },
    },
    {
      ...card('pass', '美國遠遊卡'),
      providerId: 'fareastone-travel',
      timeZone: 'America/New_York',
      rule: { type: 'pass', days: 8, startTrigger: 'manual', startDate: addDaysTo(today, -2) },
    },
  ];
}

/** "Sun, Dec 13": how the popup writes a day (its year is added only for another year). */
const dayAsPopupShows = (date: string) =>
  new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

test('the background writes each deadline to the server, follows Renewed and Delete, names a wrong password; Disconnect removes the events', async () => {
  test.setTimeout(180_000);
  await withCopy('en-US', async ({ context, worker, id }) => {
    const today = todayIn(USER_TIME_ZONE);
    const cards = threeCards(today);
    await writeStorage(worker, { cards });
    const { page, panel } = await openOptions(context, id);
    const calendarUrl = await connect(page, panel, worker);

    // Update now, as the panel's button does: the background answers with the state of the round.
    const answer = await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }).chrome.runtime
        .sendMessage({ type: 'calendar:updateNow' })
        .catch(() => undefined),
    );
    expect(answer).toMatchObject({ calendarUrl });

    const events = () => readEvents(calendarUrl, USER, PASSWORD);
    await expect
      .poll(async () => (await events()).map((e) => e.uid), { timeout: 30_000 })
      .toEqual(['gg-due@sim-keeper', 'pass-due@sim-keeper', 'ultra-due@sim-keeper', 'ultra-lost@sim-keeper']);
    const byUid = async () => new Map((await events()).map((e) => [e.uid, e]));
    let written = await byUid();
    for (const event of written.values()) {
      expect(event.allDay, event.uid).toBe(true);
      // Alarms at the reminder times, as absolute UTC triggers.
      expect(event.triggers.length, event.uid).toBeGreaterThan(0);
      for (const trigger of event.triggers) expect(trigger, event.uid).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    expect(written.get('ultra-due@sim-keeper')?.start).toBe(addDaysTo(today, 10));
    expect(written.get('ultra-lost@sim-keeper')?.start).toBe(addDaysTo(today, 40));

    // Each due day is the day the popup shows.
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${id}/popup.html`);
    for (const [cardId, label] of [
      ['ultra', '紫卡'],
      ['gg', 'giffgaff'],
      ['pass', '美國遠遊卡'],
    ] as const) {
      const due = written.get(`${cardId}-due@sim-keeper`)!.start;
      await expect(popup.getByRole('listitem', { name: label }).locator('.card-due')).toContainText(dayAsPopupShows(due));
    }
    await expect(panel.getByTestId('calendar-status')).toHaveText(/^Updated .*: 4 events$/);
    await shoot(page, panel, 'calendar-connected');

    // Renewed in the popup: the due event moves to the popup's new day on the server.
    const before = written.get('ultra-due@sim-keeper')!.start;
    const ultra = popup.getByRole('listitem', { name: '紫卡' });
    await ultra.getByRole('button', { name: 'Record renewal' }).click();
    await expect(ultra.locator('.card-due')).not.toContainText(dayAsPopupShows(before));
    await expect.poll(async () => (await byUid()).get('ultra-due@sim-keeper')?.start, { timeout: 30_000 }).not.toBe(before);
    written = await byUid();
    await expect(ultra.locator('.card-due')).toContainText(dayAsPopupShows(written.get('ultra-due@sim-keeper')!.start));

    // Delete a card in the options page: its event goes from the server, the others stay.
    await page.getByRole('button', { name: 'Delete giffgaff' }).click();
    await expect
      .poll(async () => [...(await byUid()).keys()], { timeout: 30_000 })
      .toEqual(['pass-due@sim-keeper', 'ultra-due@sim-keeper', 'ultra-lost@sim-keeper']);

    // The password changes on the server: the next round says so in words, and the cards are untouched.
    const cardsBefore = await readStorage(worker, 'cards');
    local.server.setPassword(USER, 'changed-on-the-server');
    await panel.getByRole('button', { name: 'Update now' }).click();
    await expect(panel.getByTestId('calendar-status')).toHaveText(
      /^Not updated: Wrong user name or password: check the user name and the app password/,
      {
        timeout: 30_000,
      },
    );
    await expect(panel.getByText(/^Last successful update: /)).toBeVisible();
    expect(await readStorage(worker, 'cards')).toEqual(cardsBefore);
    await shoot(page, panel, 'calendar-wrong-password');

    // The password is right again; Disconnect → Remove events takes SIM Keeper's events off the server
    // and the account (with its password) out of the browser.
    local.server.setPassword(USER, PASSWORD);
    await panel.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog', { name: 'Disconnect the calendar' }).getByRole('button', { name: 'Remove events' }).click();
    await expect(panel.getByText('Disconnected. The password was removed from this browser.')).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByLabel('Server address')).toHaveValue('');
    expect(await readStorage(worker, 'calendarAccount')).toBeFalsy();
    expect(await readEvents(calendarUrl, USER, PASSWORD)).toEqual([]);
    expect(await readStorage(worker, 'cards')).toEqual(cardsBefore);
  });
});

test.describe('the panel in each language, light and dark', () => {
  for (const [language, heading] of [
    ['en-US', 'Calendar'],
    ['zh-CN', '日历'],
    ['zh-TW', '行事曆'],
  ] as const) {
    test(`${language}: the form and the connected view`, async () => {
      test.setTimeout(90_000);
      await withCopy(language, async ({ context, worker, id }) => {
        const { page, panel } = await openOptions(context, id);
        await expect(panel.getByRole('heading', { name: heading })).toBeVisible();
        await panel.locator('#calendar-server').fill(local.server.url);
        await panel.locator('#calendar-username').fill(USER);
        await panel.locator('#calendar-password').fill(PASSWORD);
        await panel.locator('details.calendar-help summary').click();
        await shoot(page, panel, `calendar-form-${language}`);
        // The connected view as the background leaves it after a round (stored directly: this is about looks).
        const calendarUrl = `${local.server.url}${USER}/sim-keeper/`;
        const at = new Date(Date.now() - 120_000).toISOString();
        await writeStorage(worker, {
          calendarAccount: {
            serverUrl: local.server.url,
            username: USER,
            password: PASSWORD,
            calendarUrl,
            calendarName: 'SIM Keeper',
            connectedAt: at,
          },
          calendarState: {
            calendarUrl,
            written: Object.fromEntries(
              ['a', 'b', 'c', 'd'].map((k) => [`${k}-due@sim-keeper`, { href: `/${k}.ics`, etag: null, hash: k }]),
            ),
            last: { at, ok: false, code: 'auth', detail: '401' },
            lastSuccessAt: at,
            failures: 1,
          },
        });
        await expect(panel.getByTestId('calendar-status')).toBeVisible();
        await expect(panel.getByTestId('calendar-status')).not.toHaveText(/calendar_/);
        await shoot(page, panel, `calendar-connected-${language}`);
      });
    });
  }
});
