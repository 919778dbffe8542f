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

/** A message with `_one` and `_other` forms, named by what comes before the suffix. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_one` ? (`${Base}_other` extends MessageKey ? Base : never) : never;
}[MessageKey];

/**
 * The message for a count: `<key>_one` or `<key>_other`, as the UI language's
 * plural rules choose (chrome.i18n has none of its own). `$1` is the count; `more` are `$2`….
 * English says "1 field", "2 fields"; Chinese has one form, so `_other` always.
 *
 * @example
 * tPlural('editor_fixErrors', 1) //=> '1 field needs attention; nothing was saved.'
 */
export function tPlural(key: PluralKey, count: number, ...more: string[]): string {
  let category: Intl.LDMLPluralRule = 'other';
  try {
    category = pluralRules(uiLanguage()).select(count);
  } catch {
    // An unknown language tag: the `other` form is right for most counts.
  }
  return t(category === 'one' ? `${key}_one` : `${key}_other`, [count, ...more]);
}

const pluralRulesByLanguage = new Map<string, Intl.PluralRules>();
function pluralRules(language: string): Intl.PluralRules {
  let rules = pluralRulesByLanguage.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRulesByLanguage.set(language, rules);
  }
  return rules;
}

/**
 * The language the messages are shown in (a BCP 47 tag, for `<html lang>`):
 * each catalog names its own, so a browser in a language SIM Keeper does not
 * ship says `en`, the language of the English it falls back to.
 */
export function messagesLanguage(): string {
  const tag = t('meta_language');
  return tag === 'meta_language' ? 'en' : tag;
}
