import { PROVIDERS } from './catalog';
import type { Provider } from './schema';

/*
 * The provider picker's search. People type a brand ("giff"), a Chinese name
 * in either script ("遠遊" or "远游"), or a nickname the catalog knows ("紫卡").
 * Both the query and the names are folded to one form (NFKC, lower case,
 * Traditional → Simplified, letters and digits only) before they are compared.
 */

// Traditional characters of the catalog's names and of words people type into
// a SIM picker, each with its Simplified form at the same index.
const TRADITIONAL =
  '傳儲動國數碼訊語豐費軟達遠遊銀門電預額餘號隨網際臺灣線話亞務機點買華聯單寬頻資訂戶帳賬紅蘭歐韓續簡體優價幣錢開關長時間選擇專屬無標準絡營運裝換補辦證個會員區內陸廣東';
const SIMPLIFIED =
  '传储动国数码讯语丰费软达远游银门电预额余号随网际台湾线话亚务机点买华联单宽频资订户账账红兰欧韩续简体优价币钱开关长时间选择专属无标准络营运装换补办证个会员区内陆广东';

const TO_SIMPLIFIED = new Map([...TRADITIONAL].map((char, index) => [char, [...SIMPLIFIED][index] ?? char]));

/** The pairs above, for a test that they line up. */
export const HAN_VARIANT_PAIRS: readonly (readonly [string, string])[] = [...TO_SIMPLIFIED];

/**
 * `text` folded for comparison: full-width forms to ASCII, lower case,
 * Traditional Chinese to Simplified, and only letters and digits kept
 * (so "T-Mobile", "t mobile" and "ＴＭＯＢＩＬＥ" all read `tmobile`).
 *
 * @example
 * foldForSearch('遠遊卡') //=> '远游卡'
 * foldForSearch('AT&T') //=> 'att'
 */
export function foldForSearch(text: string): string {
  const folded = [...text.normalize('NFKC').toLowerCase()].map((char) => TO_SIMPLIFIED.get(char) ?? char).join('');
  return folded.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** How well a name matched: lower is better. */
export type MatchRank = 0 | 1 | 2 | 3;
const EXACT: MatchRank = 0;
const PREFIX: MatchRank = 1;
const WORD_PREFIX: MatchRank = 2;
const SUBSTRING: MatchRank = 3;

export interface ProviderMatch {
  provider: Provider;
  /** The name or nickname that matched best, as written in the catalog (to show "紫卡" under Ultra PayGo). */
  matched: string;
  /** 0 exact, 1 prefix of the name, 2 prefix of a word in it, 3 anywhere in it. */
  rank: MatchRank;
}

function searchableNames(provider: Provider): string[] {
  return [provider.names.en, provider.names.zhHans, provider.names.zhHant, ...provider.nicknames, provider.id];
}

function rankName(name: string, query: string): MatchRank | null {
  const whole = foldForSearch(name);
  if (whole === query) return EXACT;
  if (whole.startsWith(query)) return PREFIX;
  const words = name.split(/[^\p{L}\p{N}]+/u).map(foldForSearch);
  if (words.some((word) => word.startsWith(query))) return WORD_PREFIX;
  if (whole.includes(query)) return SUBSTRING;
  return null;
}

/**
 * Providers whose English or Chinese name, or nickname, matches `query`, best
 * first: exact, then prefix, then the start of a word, then anywhere; ties keep
 * catalog order. An empty query lists every provider.
 *
 * @example
 * searchProviders('giff')[0].provider.id //=> 'giffgaff'
 * searchProviders('紫卡')[0].provider.id //=> 'ultra-paygo'
 * searchProviders('远游')[0].provider.id //=> 'fareastone-travel' (and '遠遊' alike)
 */
export function searchProviders(query: string, providers: readonly Provider[] = PROVIDERS): ProviderMatch[] {
  const folded = foldForSearch(query);
  if (folded === '') return providers.map((provider) => ({ provider, matched: provider.names.en, rank: SUBSTRING }));
  const matches: (ProviderMatch & { order: number })[] = [];
  providers.forEach((provider, order) => {
    let best: ProviderMatch | null = null;
    for (const name of searchableNames(provider)) {
      const rank = rankName(name, folded);
      if (rank !== null && (best === null || rank < best.rank)) best = { provider, matched: name, rank };
    }
    if (best) matches.push({ ...best, order });
  });
  return matches.sort((a, b) => a.rank - b.rank || a.order - b.order).map(({ provider, matched, rank }) => ({ provider, matched, rank }));
}
