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

/**
 * Opens the options page, at one card's editor when `cardId` is given. An options tab already open is
 * brought to the front (its window focused) and, for a card, sent to that card's editor by its address's
 * hash (the page asks first if its editor has unsaved changes), instead of opening another each time.
 * Finding it needs no `tabs` permission: an extension sees the addresses of its own pages.
 */
export async function openOptionsPage(cardId?: string): Promise<void> {
  const page = browser.runtime.getURL('/options.html');
  const url = `${page}${cardId ? `#card=${encodeURIComponent(cardId)}` : ''}`;
  const [open] = await browser.tabs.query({ url: page }).catch(() => []);
  if (open?.id === undefined) return openTab(url);
  await browser.tabs.update(open.id, cardId ? { active: true, url } : { active: true });
  if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true });
}
