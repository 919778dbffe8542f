import { chineseScriptOf } from '../browser/locale';
import { PROVIDER_NOTES_ZH } from './notes-zh';
import type { Provider } from './schema';

/** A provider's notes as shown: in the UI language where the catalog has them, else in English. */
export interface ShownNotes {
  text: string;
  /** `false` when the UI is not English and the notes are: the page says "(English)" beside them. */
  inUiLanguage: boolean;
}

/**
 * The provider's notes for a UI language: Chinese in the user's script where a
 * translation exists, otherwise the English notes, flagged as such.
 *
 * @example
 * providerNotes(giffgaff, 'zh-TW') //=> { text: '每 6 個月至少使用一次 SIM 卡：…', inUiLanguage: true }
 * providerNotes(giffgaff, 'fr') //=> { text: 'Use the SIM once every 6 months: …', inUiLanguage: false }
 */
export function providerNotes(provider: Pick<Provider, 'id' | 'notes'>, language: string): ShownNotes {
  const english = /^en\b/i.test(language);
  if (english) return { text: provider.notes, inUiLanguage: true };
  const script = chineseScriptOf(language);
  const translated = Object.hasOwn(PROVIDER_NOTES_ZH, provider.id) ? PROVIDER_NOTES_ZH[provider.id] : undefined;
  if (script && translated) return { text: script === 'Hant' ? translated.zhHant : translated.zhHans, inUiLanguage: true };
  return { text: provider.notes, inUiLanguage: false };
}
