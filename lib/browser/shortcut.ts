import { browser } from 'wxt/browser';

/** The command that opens the popup: `_execute_action` in Manifest V3 (Chrome), `_execute_browser_action` in V2 (Firefox). */
export const OPEN_POPUP_COMMANDS: readonly string[] = ['_execute_action', '_execute_browser_action'];

/**
 * The shortcut that opens the popup, such as "Alt+Shift+S", or `null` when the
 * user has none (the browser reports an empty shortcut when the suggested one
 * was taken, or the user removed it).
 */
export function popupShortcutOf(commands: readonly { name?: string; shortcut?: string }[]): string | null {
  const command = commands.find((c) => c.name !== undefined && OPEN_POPUP_COMMANDS.includes(c.name));
  return command?.shortcut?.trim() || null;
}

/** The shortcut in effect now (the user may have changed it in the browser), or `null` when there is none. */
export async function readPopupShortcut(): Promise<string | null> {
  try {
    return popupShortcutOf(await browser.commands.getAll());
  } catch (error) {
    console.error('SIM Keeper: could not read the keyboard shortcut', error);
    return null;
  }
}
