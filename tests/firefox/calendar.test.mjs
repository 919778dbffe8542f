// Options → Calendar in real Firefox ESR, against a real CalDAV server (Radicale on 127.0.0.1): a test
// copy of the Firefox build declares that origin (granted at install, and optional so that
// permissions.request may name it), so the request resolves without a prompt. The person's path:
// type the address, user and password, Find calendars, Create “SIM Keeper”, Connect; the calendar is
// then read back from the server with plain fetch.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { collectionName, objectHrefs, startRadicale } from '../servers/radicale.mjs';
import { clickButton, launchFirefoxWithAddon, openAddonPage, typeInto, waitUntil } from './firefox.mjs';

const USER = 'ada';
const PASSWORD = 'correct-horse-battery';
const ORIGIN_PATTERN = 'http://127.0.0.1/*';

let radicale;
let browser;
let copy;

before(async () => {
  radicale = await startRadicale({ users: { [USER]: PASSWORD } });
  copy = mkdtempSync(join(tmpdir(), 'sim-keeper-firefox-'));
  cpSync('.output/firefox-mv2', copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
  manifest.permissions = [...manifest.permissions, ORIGIN_PATTERN];
  manifest.optional_permissions = [...(manifest.optional_permissions ?? []).filter((p) => p !== ORIGIN_PATTERN), ORIGIN_PATTERN];
  writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
  browser = await launchFirefoxWithAddon(copy);
});

after(async () => {
  await browser?.close();
  await radicale?.stop();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

const bodyText = (page) => page.evaluate(() => document.querySelector('section.calendar')?.textContent ?? '');

test('Options → Calendar connects to a real CalDAV server and creates the “SIM Keeper” calendar there', async () => {
  const options = await openAddonPage(browser, 'options.html');
  // Every answer of permissions.request, as the panel receives it.
  await options.evaluate(() => {
    const request = browser.permissions.request.bind(browser.permissions);
    globalThis.permissionAnswers = [];
    browser.permissions.request = async (p) => {
      const answer = await request(p);
      globalThis.permissionAnswers.push({ asked: p, answer });
      return answer;
    };
  });
  // Within the calendar's panel: the WebDAV folder's panel has fields and a Connect button of the same names.
  await typeInto(options, 'Server address', radicale.url, 'section.calendar');
  await typeInto(options, 'User name', USER, 'section.calendar');
  await typeInto(options, 'App password', PASSWORD, 'section.calendar');
  await clickButton(options, 'Find calendars', 'section.calendar');
  await waitUntil(
    () => bodyText(options),
    (text) => text.includes('Choose the calendar for your deadlines'),
    {
      what: 'the calendars found',
    },
  );
  assert.deepEqual(await options.evaluate(() => globalThis.permissionAnswers), [{ asked: { origins: [ORIGIN_PATTERN] }, answer: true }]);
  await clickButton(options, 'Connect', 'section.calendar');
  await waitUntil(
    () => bodyText(options),
    (text) => text.includes(`Connected to “SIM Keeper” on 127.0.0.1:${radicale.port} as ${USER}.`),
    {
      what: 'the connected view',
    },
  );
  const account = await options.evaluate(async () => (await browser.storage.local.get('calendarAccount')).calendarAccount);
  assert.equal(account.serverUrl, radicale.url);
  assert.equal(account.username, USER);
  assert.equal(account.password, PASSWORD);
  assert.ok(account.calendarUrl.startsWith(`${radicale.url}${USER}/`), account.calendarUrl);
  assert.equal(await collectionName(account.calendarUrl, USER, PASSWORD), 'SIM Keeper');

  // The background answers Update now; then a card stored writes its event.
  const answer = await options.evaluate(() => browser.runtime.sendMessage({ type: 'calendar:updateNow' }).catch(() => undefined));
  assert.ok(answer, 'the background answers calendar:updateNow');
  {
    await options.evaluate(() =>
      browser.storage.local.set({
        cards: [
          {
            id: 'ff',
            label: 'Firefox card',
            providerId: null,
            phoneNumber: '',
            notes: '',
            timeZone: 'Asia/Shanghai',
            channels: { website: '', app: '', hotline: '' },
            rule: { type: 'fixed', endDate: '2099-01-31' },
            history: [],
            createdAt: '2026-01-01T00:00:00.000Z',
            updatedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
    const hrefs = await waitUntil(
      () => objectHrefs(account.calendarUrl, USER, PASSWORD),
      (list) => list.length === 1,
      { what: 'the card’s event on the server', timeout: 30_000 },
    );
    assert.equal(hrefs.length, 1);
  }
});
