// End-to-end smoke run in real Firefox ESR: the packed add-on (.output/*-firefox.zip) is installed,
// a card is added through the options form, its countdown shows in the popup, and the background
// answers an alarm with a reminder. Run by `npm run test:firefox` (which packs the add-on first).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ADDON_UUID,
  USER_TIME_ZONE,
  addDaysTo,
  clickButton,
  launchFirefoxWithAddon,
  openAddonPage,
  setDate,
  todayIn,
  typeInto,
  waitUntil,
} from './firefox.mjs';

/** @type {import('puppeteer-core').Browser} */
let browser;

before(async () => {
  browser = await launchFirefoxWithAddon();
});

after(async () => {
  await browser?.close();
});

// Reads the add-on's state from one of its own pages, where Firefox provides `browser`.
// Parameters are passed explicitly: the function runs in the page, not here.
const inAddon = (page, fn, ...args) => page.evaluate(fn, ...args);

test('installing the add-on opens its welcome page', async () => {
  // Puppeteer does not list a tab an add-on opens itself over BiDi; the add-on's own tabs API does.
  const popup = await openAddonPage(browser, 'popup.html');
  const welcome = `moz-extension://${ADDON_UUID}/welcome.html`;
  const urls = await waitUntil(
    () => inAddon(popup, async () => (await browser.tabs.query({})).map((tab) => tab.url)),
    (list) => list.includes(welcome),
    { what: 'the welcome page' },
  );
  assert.ok(urls.includes(welcome));
  await popup.close();
});

test('a card added in the options page counts down in the popup; an alarm makes the background remind', async () => {
  const today = todayIn(USER_TIME_ZONE);
  const options = await openAddonPage(browser, 'options.html#new');
  await waitUntil(
    () => options.$eval('h1, h2', () => [...document.querySelectorAll('h1, h2')].map((h) => h.textContent)),
    (headings) => headings.includes('Add a card'),
  );

  // Paid 29 days ago on a 30-day plan: due tomorrow, inside every reminder window.
  await typeInto(options, 'Name', 'Firefox purple card');
  await setDate(options, 'Last paid (start of the current period)', addDaysTo(today, -29));
  await typeInto(options, 'Plan length', '30');
  await clickButton(options, 'Save card');
  const row = await waitUntil(
    () =>
      options.evaluate(() =>
        [...document.querySelectorAll('tr')].map((tr) => tr.textContent ?? '').find((t) => t.includes('Firefox purple card')),
      ),
    Boolean,
    { what: 'the saved card in the options list' },
  );
  assert.match(row, /Tomorrow/);

  // The background keeps the popup's first screen ready; once it is, the popup paints it before React
  // (popup-first.js, a classic script: it reads storage and draws with the same markup React then renders).
  await waitUntil(
    () =>
      inAddon(options, async () => {
        const { popupView, cardsRevision } = await browser.storage.local.get(['popupView', 'cardsRevision']);
        return popupView?.revision !== undefined && popupView.revision === cardsRevision;
      }),
    Boolean,
    { what: 'the first screen kept ready' },
  );
  const popup = await openAddonPage(browser, 'popup.html');
  assert.equal(await popup.evaluate(() => globalThis.__simKeeperFirstScreen), true, 'the first screen was painted before React');
  const countdown = await waitUntil(
    () =>
      popup.evaluate(() => document.querySelector('li[aria-label="Firefox purple card"] [data-testid="countdown"]')?.textContent ?? null),
    Boolean,
    { what: 'the card in the popup' },
  );
  assert.equal(countdown, 'Tomorrow');

  // The background planned reminders for the card and counts it on the toolbar badge.
  const alarms = await waitUntil(
    () => inAddon(popup, async () => (await browser.alarms.getAll()).filter((a) => /^r\|/.test(a.name) && a.name !== 'r|midnight')),
    (list) => list.length > 0,
    { what: 'reminder alarms' },
  );
  const due = addDaysTo(today, 1);
  for (const alarm of alarms) assert.match(alarm.name, new RegExp(`^r\\|[^|]+\\|(due\\|${due}|lost\\|${due})\\|`));
  assert.equal(
    await waitUntil(
      () => inAddon(popup, () => browser.browserAction.getBadgeText({})),
      (text) => text === '1',
    ),
    '1',
  );

  // Ring the soonest reminder now, as Firefox would at its time: the background records it as fired
  // (at most once, in storage) and shows a notification. Headless Firefox without an alert service
  // closes it at once, so both the open notifications and those closed since are looked at.
  await inAddon(popup, () => {
    globalThis.closedNotifications = [];
    browser.notifications.onClosed.addListener((id) => globalThis.closedNotifications.push(id));
  });
  const soonest = alarms.reduce((a, b) => (a.scheduledTime <= b.scheduledTime ? a : b));
  await inAddon(popup, (name) => browser.alarms.create(name, { when: Date.now() + 200 }), soonest.name);
  const fired = await waitUntil(
    () => inAddon(popup, async () => (await browser.storage.local.get('reminderLog')).reminderLog?.fired ?? {}),
    (log) => soonest.name in log,
    { what: `the reminder log to record ${soonest.name}` },
  );
  assert.ok(fired[soonest.name] >= Date.now() - 60_000);
  const cardId = decodeURIComponent(soonest.name.split('|')[1]);
  const notified = await waitUntil(
    () => inAddon(popup, async () => [...Object.keys(await browser.notifications.getAll()), ...globalThis.closedNotifications]),
    (ids) => ids.length > 0,
    { what: 'a notification' },
  );
  assert.deepEqual([...new Set(notified)], [`sim-keeper|${encodeURIComponent(cardId)}`]);
});

test('a 5,000-card backup is read in the import worker (Firefox MV2) and shows its preview, nothing written', async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-ff-import-'));
  try {
    const cards = Array.from({ length: 5_000 }, (_, i) => ({
      id: `ff${i}`,
      label: `Card ${i}`,
      providerId: null,
      phoneNumber: '',
      notes: '',
      timeZone: 'Asia/Shanghai',
      channels: { website: '', app: '', hotline: '' },
      rule: { type: 'fixed', endDate: '2027-01-01' },
      history: [],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }));
    const path = join(dir, 'backup.json');
    writeFileSync(path, JSON.stringify({ format: 'sim-keeper-backup', version: 1, settingsVersion: 1, cards, settings: {} }));
    const options = await openAddonPage(browser, 'options.html');
    const before = await inAddon(options, async () => (await browser.storage.local.get('cards')).cards);
    // Count the workers the page starts and the ones that fail to load (the page would then read the file itself).
    await options.evaluate(() => {
      const Base = window.Worker;
      globalThis.importWorkers = { started: 0, failed: 0 };
      window.Worker = class extends Base {
        constructor(...args) {
          super(...args);
          globalThis.importWorkers.started++;
          this.addEventListener('error', () => globalThis.importWorkers.failed++);
        }
      };
    });
    const input = await options.waitForSelector('#import-file');
    await input.uploadFile(path);
    const summary = await waitUntil(
      () => options.evaluate(() => document.querySelector('dialog[open] .import-summary')?.textContent ?? ''),
      (text) => text.startsWith('5000 new'),
      { what: 'the preview of 5,000 new cards' },
    );
    assert.match(summary, /^5000 new/);
    assert.deepEqual(await options.evaluate(() => globalThis.importWorkers), { started: 1, failed: 0 });
    assert.deepEqual(await inAddon(options, async () => (await browser.storage.local.get('cards')).cards), before);
    await options.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
