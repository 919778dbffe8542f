/*
 * Which language dates and numbers are written in. The messages come from the
 * catalog the browser picked (en, zh_CN, zh_TW, or zh_HK / zh_MO, which are
 * copies of zh_TW made at build time); formatting must follow that catalog, or a
 * browser whose language has no catalog gets English words around Chinese dates.
 */

/** Catalogs shipped as copies of another at build time: Chrome falls back from zh_HK to zh, never to zh_TW. */
export const LOCALE_ALIASES: Readonly<Record<string, string>> = { zh_HK: 'zh_TW', zh_MO: 'zh_TW' };

/** The BCP 47 tag of a `_locales` folder name: `zh_TW` → `zh-TW`. */
export function languageTagOfLocale(locale: string): string {
  return locale.replace(/_/g, '-');
}

/** Traditional (`Hant`) or Simplified (`Hans`) for a Chinese tag, `null` for any other language. */
export function chineseScriptOf(tag: string): 'Hant' | 'Hans' | null {
  const lower = tag.toLowerCase().replace(/_/g, '-');
  if (lower !== 'zh' && !lower.startsWith('zh-')) return null;
  if (/^zh-hant\b/.test(lower)) return 'Hant';
  if (/^zh-hans\b/.test(lower)) return 'Hans';
  return /^zh-(?:tw|hk|mo)\b/.test(lower) ? 'Hant' : 'Hans';
}

function primaryOf(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * The language to format dates and numbers in: the browser's own tag when it is
 * the catalog's language (and, for Chinese, the same script), so an en-GB
 * browser keeps "Thu, 12 Mar"; otherwise the catalog's, so words and dates agree.
 *
 * @example
 * formattingLanguage('en', 'en-GB') //=> 'en-GB'
 * formattingLanguage('zh-TW', 'zh-HK') //=> 'zh-HK'
 * formattingLanguage('en', 'zh-TW') //=> 'en' (no catalog for the browser's language)
 * formattingLanguage('zh-TW', 'en-US') //=> 'zh-TW'
 */
export function formattingLanguage(catalogLanguage: string, browserLanguage: string | undefined): string {
  const catalog = catalogLanguage || 'en';
  if (!browserLanguage || primaryOf(browserLanguage) !== primaryOf(catalog)) return catalog;
  if (chineseScriptOf(browserLanguage) !== chineseScriptOf(catalog)) return catalog;
  try {
    // A tag Intl cannot read would throw later, in every formatter.
    return Intl.DateTimeFormat.supportedLocalesOf(browserLanguage).length > 0 ? browserLanguage : catalog;
  } catch {
    return catalog;
  }
}

/**
 * The `messages.json` text for `alias`, copied from its source catalog's text,
 * naming itself as `alias` in `meta_language` so dates follow the alias's region.
 */
export function aliasCatalog(sourceCatalog: string, alias: string): string {
  const messages = JSON.parse(sourceCatalog) as Record<string, { message: string }>;
  if (!messages.meta_language) throw new Error(`The catalog copied to ${alias} has no meta_language`);
  messages.meta_language = { ...messages.meta_language, message: languageTagOfLocale(alias) };
  return `${JSON.stringify(messages, null, 2)}\n`;
}
