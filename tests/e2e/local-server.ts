import type { BrowserContext, Locator, Page } from '@playwright/test';
import { copyExtensionWith, test } from './fixtures';

/*
 * What the specs against the user's own server (calendar.spec.ts on Radicale,
 * webdav.spec.ts on lighttpd) share: the server on 127.0.0.1 with one account, a test
 * copy of the build that grants that origin, the options page on the panel, and the
 * account typed in as a person would.
 */

/** The one account on the local server. */
export const USER = 'ada';
export const PASSWORD = 'correct-horse-battery';

/** The local server and the test copy of the build, once `beforeAll` has made them. */
export interface LocalServer<S> {
  readonly server: S;
  readonly extensionDir: string;
}

/**
 * Starts the spec's server (with the account USER / PASSWORD) before its tests, and a
 * test copy of the build whose manifest grants `http://127.0.0.1/*` at install, so
 * `permissions.request` resolves without a prompt, as after the user clicks Allow
 * (`change` edits the manifest further, or checks it). Both go after the spec's tests.
 */
export function setUpLocalServer<S extends { stop: () => Promise<void> }>(
  start: (options: { users: Record<string, string> }) => Promise<S>,
  change: (manifest: Record<string, unknown>) => void = () => undefined,
): LocalServer<S> {
  let server: S | undefined;
  let extension: { dir: string; remove: () => void } | undefined;
  test.beforeAll(async () => {
    server = await start({ users: { [USER]: PASSWORD } });
    extension = copyExtensionWith((manifest) => {
      manifest.host_permissions = [...((manifest.host_permissions as string[] | undefined) ?? []), 'http://127.0.0.1/*'];
      change(manifest);
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    extension?.remove();
  });
  const made = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the local server is made in beforeAll');
    return value;
  };
  return {
    get server() {
      return made(server);
    },
    get extensionDir() {
      return made(extension).dir;
    },
  };
}

/**
 * The options page, 1000 × 900, with the panel `findPanel` names scrolled into view.
 * `beforeLoad` runs before the page loads (to add an init script).
 */
export async function openOptionsPanel(
  context: BrowserContext,
  id: string,
  findPanel: (page: Page) => Locator,
  beforeLoad?: (page: Page) => Promise<unknown>,
): Promise<{ page: Page; panel: Locator }> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 900 });
  await beforeLoad?.(page);
  await page.goto(`chrome-extension://${id}/options.html`);
  const panel = findPanel(page);
  await panel.scrollIntoViewIfNeeded();
  return { page, panel };
}

/** Types the account into the panel's fields, found by their labels: the address field's own, "User name", "App password". */
export async function fillAccount(
  panel: Locator,
  { addressLabel, address, user = USER, password = PASSWORD }: { addressLabel: string; address: string; user?: string; password?: string },
): Promise<void> {
  await panel.getByLabel(addressLabel).fill(address);
  await panel.getByLabel('User name').fill(user);
  await panel.getByLabel('App password').fill(password);
}
