import { browser } from 'wxt/browser';

/**
 * Closes the toolbar popup after it opened a tab. The same page opened as a
 * tab (as end-to-end tests and some users do) stays open.
 */
export async function closeIfPopup(): Promise<void> {
  const tab = await browser.tabs.getCurrent();
  if (!tab) window.close();
}
