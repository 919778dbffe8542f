import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { t, uiLanguage } from '../../lib/browser/i18n';
import { aliasCatalog, chineseScriptOf, formattingLanguage, LOCALE_ALIASES } from '../../lib/browser/locale';
import { getMessageFrom } from './setup';

type Entry = { message: string; description?: string; placeholders?: Record<string, { content: string }> };
type Catalog = Record<string, Entry>;

const LOCALES_DIR = join(__dirname, '../../public/_locales');
const read = (locale: string): Catalog => JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8'));
const locales = readdirSync(LOCALES_DIR);
const en = read('en');

/** The positional substitutions a message uses once its named placeholders are resolved, such as `$1,$2`. */
function substitutionsOf(entry: Entry): string {
  const resolved = entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
    const found = Object.entries(entry.placeholders ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return found ? found[1].content : whole;
  });
  return [...new Set(resolved.match(/\$\d/g) ?? [])].sort().join(',');
}

describe('every catalog has exactly the messages English has', () => {
  it('ships English, Simplified and Traditional Chinese', () => {
    expect(locales.sort()).toEqual(['en', 'zh_CN', 'zh_TW']);
  });

  it.each(locales.filter((l) => l !== 'en'))('%s: no key missing, none extra', (locale) => {
    const catalog = read(locale);
    expect(Object.keys(en).filter((key) => !(key in catalog))).toEqual([]);
    expect(Object.keys(catalog).filter((key) => !(key in en))).toEqual([]);
  });

  it.each(locales)('%s: every message uses the substitutions English uses, and no named placeholder is left unresolved', (locale) => {
    const catalog = read(locale);
    for (const [key, entry] of Object.entries(catalog)) {
      expect(entry.message.trim(), key).not.toBe('');
      expect(substitutionsOf(entry), key).toBe(substitutionsOf(en[key]!));
      expect(getMessageFrom(catalog, key, ['A', 'B', 'C']), key).not.toMatch(/\$[A-Za-z0-9_]+\$/);
    }
  });

  it('the checks catch a missing placeholder', () => {
    expect(substitutionsOf({ message: 'due $p1$' })).toBe('');
    expect(substitutionsOf({ message: 'due $p1$', placeholders: { p1: { content: '$1' } } })).toBe('$1');
  });

  it('each catalog names its own language for formatting', () => {
    expect(read('en').meta_language?.message).toBe('en');
    expect(read('zh_CN').meta_language?.message).toBe('zh-CN');
    expect(read('zh_TW').meta_language?.message).toBe('zh-TW');
  });

  // Characters that exist only in Simplified Chinese: one left in zh_TW is a missed conversion.
  const SIMPLIFIED_ONLY = /[们这个说话时为项设计续费请运营删编辑录选择网页额动态条关开过还没务数据联认证键显转换让张]/;
  it('the Traditional Chinese catalog has no Simplified-only character', () => {
    const tw = read('zh_TW');
    expect(Object.entries(tw).filter(([, entry]) => SIMPLIFIED_ONLY.test(entry.message))).toEqual([]);
    expect(SIMPLIFIED_ONLY.test(read('zh_CN').action_renew!.message)).toBe(true);
  });
});

describe('zh_HK and zh_MO copies', () => {
  it.each(Object.entries(LOCALE_ALIASES))('%s is %s naming itself', (alias, source) => {
    const text = readFileSync(join(LOCALES_DIR, source, 'messages.json'), 'utf8');
    const copy = JSON.parse(aliasCatalog(text, alias)) as Catalog;
    const original = JSON.parse(text) as Catalog;
    expect(copy.meta_language?.message).toBe(alias.replace('_', '-'));
    expect({ ...copy, meta_language: original.meta_language }).toEqual(original);
  });

  it('refuses a catalog without meta_language', () => {
    expect(() => aliasCatalog('{"extName":{"message":"x"}}', 'zh_HK')).toThrow(/meta_language/);
  });
});

describe('formattingLanguage', () => {
  it.each([
    ['en', 'en-GB', 'en-GB'],
    ['en', 'en-US', 'en-US'],
    ['en', 'zh-TW', 'en'],
    ['en', 'fr-FR', 'en'],
    ['zh-TW', 'zh-TW', 'zh-TW'],
    ['zh-TW', 'zh-HK', 'zh-HK'],
    ['zh-TW', 'zh-Hant', 'zh-Hant'],
    ['zh-TW', 'en-US', 'zh-TW'],
    ['zh-TW', 'zh-CN', 'zh-TW'],
    ['zh-CN', 'zh-SG', 'zh-SG'],
    ['zh-CN', 'zh', 'zh'],
    ['zh-CN', 'zh-TW', 'zh-CN'],
    ['zh-HK', 'en-US', 'zh-HK'],
    ['zh-CN', undefined, 'zh-CN'],
    ['', undefined, 'en'],
  ])('catalog %s, browser %s → %s', (catalog, browserLanguage, expected) => {
    expect(formattingLanguage(catalog, browserLanguage)).toBe(expected);
  });

  it('names the script of Chinese tags', () => {
    expect(['zh-TW', 'zh_HK', 'zh-MO', 'zh-Hant-CN', 'zh-Hant'].map(chineseScriptOf)).toEqual(['Hant', 'Hant', 'Hant', 'Hant', 'Hant']);
    expect(['zh', 'zh-CN', 'zh-SG', 'zh-Hans-HK'].map(chineseScriptOf)).toEqual(['Hans', 'Hans', 'Hans', 'Hans']);
    expect(['en', 'zha', 'ja-JP'].map(chineseScriptOf)).toEqual([null, null, null]);
  });
});

describe('uiLanguage follows the catalog the browser picked', () => {
  const browserWithCatalog = (locale: string, browserLanguage: string) => {
    const catalog =
      locale in LOCALE_ALIASES
        ? (JSON.parse(aliasCatalog(JSON.stringify(read(LOCALE_ALIASES[locale]!)), locale)) as Catalog)
        : read(locale);
    fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(catalog, key, subs)) as never;
    fakeBrowser.i18n.getUILanguage = () => browserLanguage;
  };
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['zh_TW', 'zh-TW', 'zh-TW', '開啟續期網站'],
    ['zh_HK', 'zh-HK', 'zh-HK', '開啟續期網站'],
    // Chromium may report its own UI language (en-US) while the messages are Chinese.
    ['zh_MO', 'en-US', 'zh-MO', '開啟續期網站'],
    ['zh_CN', 'zh-CN', 'zh-CN', '打开续费网站'],
    ['en', 'en-GB', 'en-GB', 'Open renewal site'],
    ['en', 'ja', 'en', 'Open renewal site'],
  ])('catalog %s in a %s browser formats in %s', (locale, browserLanguage, expected, renew) => {
    browserWithCatalog(locale, browserLanguage);
    expect(uiLanguage()).toBe(expected);
    expect(t('action_renew')).toBe(renew);
  });
});
