import { browser } from 'wxt/browser';
import type messages from '../../public/_locales/en/messages.json';

/** Every message key, checked against the English catalog at compile time. */
export type MessageKey = keyof typeof messages;

/**
 * The message `key` in the browser's language (English and Simplified Chinese
 * ship; Chrome falls back to English). Substitutions fill `$1`, `$2`, … in order.
 */
export function t(key: MessageKey, substitutions?: string | number | (string | number)[]): string {
  const subs = substitutions === undefined ? undefined : (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
  // WXT types getMessage from the manifest it last generated; MessageKey is checked against the catalog itself.
  return browser.i18n.getMessage(key as never, subs) || key;
}

/** The browser's UI language, for formatting dates and numbers the way the user reads them. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
