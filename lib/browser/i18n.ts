import { browser } from 'wxt/browser';
import type messages from '../../public/_locales/en/messages.json';
import { formattingLanguage } from './locale';

/** Every message key, checked against the English catalog at compile time. */
export type MessageKey = keyof typeof messages;

/**
 * The message `key` in the browser's language (English, Simplified Chinese and
 * Traditional Chinese ship; any other language falls back to English). Substitutions fill `$1`, `$2`, … in order.
 */
export function t(key: MessageKey, substitutions?: string | number | (string | number)[]): string {
  const subs = substitutions === undefined ? undefined : (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
  // WXT types getMessage from the manifest it last generated; MessageKey is checked against the catalog itself.
  return browser.i18n.getMessage(key as never, subs) || key;
}

/**
 * The language to format dates and numbers in: the browser's UI language when
 * the messages are in it, else the language of the catalog the browser picked
 * (each catalog names itself in `meta_language`), so words and dates agree.
 */
export function uiLanguage(): string {
  let browserLanguage: string | undefined;
  try {
    browserLanguage = browser.i18n.getUILanguage();
  } catch {
    browserLanguage = undefined;
  }
  return formattingLanguage(browser.i18n.getMessage('meta_language'), browserLanguage);
}
