// Drives Debian's Firefox ESR over WebDriver BiDi with Puppeteer, with the packed add-on installed.
// Nothing is downloaded: puppeteer-core only speaks to the Firefox already on the machine.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

/** The add-on's internal UUID, fixed by a pref so its pages have a known moz-extension:// origin. */
export const ADDON_UUID = '5e7a0c1d-3f2b-4c8e-9a6d-1b0f2e3c4d5a';
/** The zone Firefox runs in: the user's own zone, as in the Chromium e2e tests. */
export const USER_TIME_ZONE = 'Asia/Shanghai';

export function firefoxPath() {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) throw new Error(`Firefox not found at ${path}; install it (apt-get install firefox-esr) or set FIREFOX_PATH.`);
  return path;
}

/** The Firefox package `wxt zip -b firefox` made: the very file uploaded to Firefox Add-ons. */
export function firefoxZip() {
  const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
  const zip = resolve(`.output/${name}-${version}-firefox.zip`);
  if (!existsSync(zip)) throw new Error(`${zip} is missing; run \`wxt zip -b firefox\` first.`);
  return zip;
}

/** The add-on id declared in the built manifest. */
export function geckoId() {
  const manifest = JSON.parse(readFileSync('.output/firefox-mv2/manifest.json', 'utf8'));
  return manifest.browser_specific_settings.gecko.id;
}

/**
 * Starts headless Firefox with the add-on installed (temporarily, as about:debugging would): the packed
 * zip, or `addon`, a directory such as a test copy of `.output/firefox-mv2` with an edited manifest.
 */
export async function launchFirefoxWithAddon(addon = firefoxZip()) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // BiDi's webExtension.install needs system access in Firefox 153.
    args: ['--remote-allow-system-access'],
    env: { ...process.env, TZ: USER_TIME_ZONE },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId()]: ADDON_UUID }),
      'intl.locale.requested': 'en-US',
    },
  });
  try {
    await browser.installExtension(addon);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

/**
 * Opens one of the add-on's pages. Over BiDi the load event of a moz-extension:// page
 * never arrives, so the navigation is given a short timeout and the page's content is awaited instead.
 */
export async function openAddonPage(browser, path) {
  const page = await browser.newPage();
  await page.goto(`moz-extension://${ADDON_UUID}/${path}`, { timeout: 2_000 }).catch(() => undefined);
  await page.waitForSelector('#root h1', { timeout: 20_000 });
  return page;
}

/** The form control whose label reads exactly `label`. */
export async function fieldByLabel(page, label, within = 'body') {
  const selector = await page.waitForFunction(
    (text, scope) => {
      const found = [...(document.querySelector(scope)?.querySelectorAll('label') ?? [])].find((l) => l.textContent?.trim() === text);
      return found?.htmlFor ? `#${CSS.escape(found.htmlFor)}` : false;
    },
    { timeout: 10_000 },
    label,
    within,
  );
  return page.$(await selector.jsonValue());
}

/** Types into a text field, replacing what it held. */
export async function typeInto(page, label, value, within = 'body') {
  const input = await fieldByLabel(page, label, within);
  await input.click({ count: 3 });
  await input.press('Backspace');
  await input.type(value);
}

/** Sets a date field the way a date picker does (typing into it depends on the locale's order). */
export async function setDate(page, label, value) {
  const input = await fieldByLabel(page, label);
  await input.evaluate((el, v) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** Clicks the button whose visible text is `text`. */
export async function clickButton(page, text, within = 'body') {
  const handle = await page.waitForFunction(
    (t, scope) =>
      [...(document.querySelector(scope)?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === t && !b.disabled),
    { timeout: 10_000 },
    text,
    within,
  );
  await handle.asElement().click();
}

/** Polls `read` until `accept` holds, or fails with the last value seen. */
export async function waitUntil(read, accept, { timeout = 20_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** The calendar date today in `timeZone`, `YYYY-MM-DD`. */
export function todayIn(timeZone, now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDaysTo(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
