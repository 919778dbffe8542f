import { browser } from 'wxt/browser';
import { isSafeLink } from './links';

/**
 * The one way SIM Keeper opens a link: only `https:` links, in a new tab.
 * Returns `false` (and opens nothing) for anything else.
 */
export async function openSafeLink(url: string): Promise<boolean> {
  if (!isSafeLink(url)) return false;
  await browser.tabs.create({ url: url.trim() });
  return true;
}

/** Opens the welcome page, which explains SIM Keeper and offers to add the first card (on install). */
export async function openWelcomePage(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
}

/** Opens the options page, at one card's editor when `cardId` is given. */
export async function openOptionsPage(cardId?: string): Promise<void> {
  const url = browser.runtime.getURL(`/options.html${cardId ? `#card=${encodeURIComponent(cardId)}` : ''}`);
  await browser.tabs.create({ url });
}
