import { test as base, expect as baseExpect, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
/** The zone the browser runs in during e2e tests: the user's own zone. */
export const USER_TIME_ZONE = 'Asia/Shanghai';

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}; install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  return path;
}

/**
 * Starts Chromium with the built extension (or `extensionDir`, such as a test copy from
 * `copyExtensionWith`) on a profile directory, which may be reused to simulate a restart.
 */
export async function launchWithExtension(
  userDataDir: string,
  { language = 'en-US', extensionDir = EXTENSION_DIR }: { language?: string; extensionDir?: string } = {},
): Promise<BrowserContext> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the extension first: npx wxt build');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    locale: language,
    timezoneId: USER_TIME_ZONE,
    env: { ...process.env, TZ: USER_TIME_ZONE, LANGUAGE: language.replace('-', '_') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--lang=${language}`,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
}

/**
 * A test copy of the built extension whose manifest `change` edits (say, a host permission
 * granted at install, so `permissions.request` resolves without a prompt). `remove()` deletes it.
 */
export function copyExtensionWith(change: (manifest: Record<string, unknown>) => void): { dir: string; remove: () => void } {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the extension first: npx wxt build');
  const dir = join(mkdtempSync(join(tmpdir(), 'sim-keeper-ext-')), 'chrome-mv3');
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  change(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, remove: () => rmSync(dirname(dir), { recursive: true, force: true }) };
}

/** Whether `page` is the welcome page the extension opens on install. */
export function isWelcomePage(page: Page): boolean {
  return /^chrome-extension:\/\/[^/]+\/welcome\.html$/.test(page.url());
}

/** Waits for the welcome page the extension opens once on a new profile, loaded. */
export async function waitForWelcomePage(context: BrowserContext): Promise<Page> {
  const isWelcome = isWelcomePage;
  const deadline = Date.now() + 10_000;
  let welcome = context.pages().find(isWelcome);
  while (!welcome && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    welcome = context.pages().find(isWelcome);
  }
  if (!welcome) throw new Error('The welcome page did not open on install');
  // Closing it while it still loads can leave the extension's pages without their messages.
  await welcome.waitForLoadState('load');
  await baseExpect(welcome.getByRole('heading', { level: 1 })).toBeVisible();
  return welcome;
}

/**
 * On a new profile the extension opens its welcome page once.
 * Wait for it and close it, so that it cannot take over a page a test opens.
 */
export async function dismissWelcomePage(context: BrowserContext): Promise<void> {
  await (await waitForWelcomePage(context)).close();
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export function extensionIdOf(worker: Worker): string {
  return new URL(worker.url()).host;
}

/** A browser of its own, open: `close()` closes it and removes its profile. */
export interface OwnBrowser {
  context: BrowserContext;
  worker: Worker;
  /** The extension's id, for its pages' addresses. */
  id: string;
  close: () => Promise<void>;
}

/**
 * Opens a browser of its own, in `language`, with the extension (or the test copy at
 * `extensionDir`) loaded and its welcome page closed. For tests that keep two open at once;
 * otherwise `withBrowser`, which closes it whatever happens.
 */
export async function openBrowser(language: string, { extensionDir }: { extensionDir?: string } = {}): Promise<OwnBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-e2e-'));
  const context = await launchWithExtension(dir, { language, ...(extensionDir ? { extensionDir } : {}) });
  const close = async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const worker = await serviceWorkerOf(context);
    await dismissWelcomePage(context);
    return { context, worker, id: extensionIdOf(worker), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Runs `use` in a browser of its own (see `openBrowser`); closes it and removes its
 * profile after, whatever happens. For a test that needs a second browser, or one per language.
 */
export async function withBrowser(
  language: string,
  use: (browser: Omit<OwnBrowser, 'close'>) => Promise<void>,
  options: { extensionDir?: string } = {},
): Promise<void> {
  const { close, ...browser } = await openBrowser(language, options);
  try {
    await use(browser);
  } finally {
    await close();
  }
}

/** The calendar date today in `timeZone`, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDaysTo(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Days on which a test whose outcome depends on today's date is run, each with the extension's
 * pages frozen at noon of that day in the user's zone: the 1st and 10th of a month, month ends
 * (31st, 28 February, 29 February of a leap year) and days the clocks change (US, EU). Set
 * `E2E_DAYS=2027-01-01,2027-01-31` to run them on other days.
 */
export const FIXED_DAYS: readonly string[] = process.env.E2E_DAYS?.split(',').map((day) => day.trim()) ?? [
  '2026-03-01',
  '2026-03-08',
  '2026-03-10',
  '2026-02-28',
  '2028-02-29',
  '2026-10-25',
  '2026-12-31',
];

/**
 * Freezes the clock of every page of `context` (not the service worker) at noon of `day` in the
 * user's zone, so what a page computes from today is the same whatever the real date.
 */
export async function freezePagesAt(context: BrowserContext, day: string): Promise<Date> {
  const instant = new Date(`${day}T12:00:00+08:00`);
  if (todayIn(USER_TIME_ZONE, instant) !== day) throw new Error(`freezePagesAt assumes a UTC+8 user zone (${USER_TIME_ZONE})`);
  await context.clock.setFixedTime(instant);
  return instant;
}

interface Fixtures {
  /** The browser's language (`--lang`, `LANGUAGE` and the pages' locale); `test.use({ language: 'zh-TW' })`. */
  language: string;
  userDataDir: string;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  openPopup: () => Promise<Page>;
  openOptions: (hash?: string) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  language: ['en-US', { option: true }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as the first argument.
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ userDataDir, language }, use) => {
    const context = await launchWithExtension(userDataDir, { language });
    await dismissWelcomePage(context);
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => use(await serviceWorkerOf(context)),
  extensionId: async ({ worker }, use) => use(extensionIdOf(worker)),
  openPopup: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      // The size of Chrome's popup, so screenshots look like what the user sees.
      await page.setViewportSize({ width: 380, height: 600 });
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    });
  },
  openOptions: async ({ context, extensionId }, use) => {
    await use(async (hash = '') => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html${hash ? `#${hash}` : ''}`);
      return page;
    });
  },
});

export const expect = test.expect;

// The service worker's own `chrome` API, reached through evaluate (the page types do not declare it).
type ChromeGlobal = {
  chrome: {
    storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
  };
};

/** Reads one key of the extension's `storage.local`, as the extension itself sees it. */
export function readStorage(worker: Worker, key: string): Promise<unknown> {
  return worker.evaluate(async (k) => (await (globalThis as unknown as ChromeGlobal).chrome.storage.local.get(k))[k], key);
}

/** Writes keys of the extension's `storage.local` directly, like data left by another version or edited by hand. */
export function writeStorage(worker: Worker, items: Record<string, unknown>): Promise<void> {
  return worker.evaluate(async (i) => (globalThis as unknown as ChromeGlobal).chrome.storage.local.set(i), items);
}
