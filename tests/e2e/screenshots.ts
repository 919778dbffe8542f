import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

/**
 * Whether this run refreshes the committed screenshots (`npm run docs:screenshots`).
 * An ordinary test run writes only under test-results/, so `npm test` leaves the tree clean.
 */
export const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

/** Saves a screenshot under test-results/<dir>/, and under <docsDir>/ too when screenshots are being refreshed. */
export function saveScreenshot(png: Buffer, name: string, { dir, docsDir }: { dir: string; docsDir: string }): void {
  const targets = [join('test-results', dir, name), ...(UPDATE_SCREENSHOTS ? [join(docsDir, name)] : [])];
  for (const path of targets) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, png);
  }
}

/** Width, height and colour type (2 = RGB, 6 = RGBA) from a PNG's header. */
export function pngHeader(png: Buffer): { width: number; height: number; colorType: number } {
  if (png.toString('latin1', 1, 4) !== 'PNG' || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png.readUInt8(25) };
}

/** Saves the whole page in light and in dark (test-results/screenshots/<name>-light.png, -dark.png), then back to light. */
export async function shootLightAndDark(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/screenshots/${name}-${colorScheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Saves one part of the page (a panel) in light and in dark (test-results/screenshots/<name>-light.png, -dark.png), then back to light. */
export async function shootPartLightAndDark(page: Page, part: Locator, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await part.screenshot({ path: `test-results/screenshots/${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
