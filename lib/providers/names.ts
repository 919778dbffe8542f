import { chineseScriptOf } from '../browser/locale';
import type { Provider } from './schema';

/**
 * The provider's name for a UI language: Traditional Chinese for `zh-TW`,
 * `zh-HK`, `zh-MO` and `zh-Hant`; Simplified for every other `zh`; English otherwise.
 *
 * @example
 * providerDisplayName(fareastoneTravel, 'zh-TW') //=> '遠傳 遠遊卡'
 * providerDisplayName(fareastoneTravel, 'zh-CN') //=> '远传 远游卡'
 */
export function providerDisplayName(provider: Pick<Provider, 'names'>, language: string): string {
  const script = chineseScriptOf(language);
  if (script === null) return provider.names.en;
  return script === 'Hant' ? provider.names.zhHant : provider.names.zhHans;
}
