import { browser } from 'wxt/browser';
import { isSafeLink } from './links';

/**
 * Opens `url` in a new tab, or in a new window when the browser has none open
 * (Chrome keeps running in the background, and a notification can be clicked
 * then: `tabs.create` fails with "No current window").
 */
async function openTab(url: string): Promise<void> {
  try {
    await browser.tabs.create({ url });
  } catch (error) {
    if (!/no current window/i.test(String(error))) throw error;
    await browser.windows.create({ url, focused: true });
  }
}

/**
 * The one way SIM Keeper opens a link: only `https:` links, in a new tab.
 * Returns `false` (and opens nothing) for anything else. Renewal pages go
 * through the gate in lib/providers/open-renewal.ts, which alone calls this.
 */
export async function openSafeLink(url: string): Promise<boolean> {
  if (!isSafeLink(url)) return false;
  await openTab(url.trim());
  return true;
}

/** Opens the welcome page, which explains SIM Keeper and offers to add the first card (on install). */
export async function openWelcomePage(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
}

/** Opens the options page, at one card's editor when `cardId` is given. */
export async function openOptionsPage(cardId?: string): Promise<void> {
  await openTab(browser.runtime.getURL(`/options.html${cardId ? `#card=${encodeURIComponent(cardId)}` : ''}`));
}
