/*
 * City names in Chinese for the zones people pick most (the catalog's carriers and
 * the usual homes of its users). Intl names zones ("北美太平洋时间") but not their
 * cities, so this small table fills in the city; any other zone shows the city of
 * its IANA name with Intl's name of the zone beside it. [Simplified, Traditional].
 */
export const CITY_NAMES_ZH: Readonly<Record<string, readonly [string, string]>> = {
  'Asia/Shanghai': ['上海', '上海'],
  'Asia/Hong_Kong': ['香港', '香港'],
  'Asia/Macau': ['澳门', '澳門'],
  'Asia/Taipei': ['台北', '台北'],
  'Asia/Tokyo': ['东京', '東京'],
  'Asia/Seoul': ['首尔', '首爾'],
  'Asia/Singapore': ['新加坡', '新加坡'],
  'Asia/Kuala_Lumpur': ['吉隆坡', '吉隆坡'],
  'Asia/Bangkok': ['曼谷', '曼谷'],
  'Asia/Ho_Chi_Minh': ['胡志明市', '胡志明市'],
  'Asia/Manila': ['马尼拉', '馬尼拉'],
  'Asia/Jakarta': ['雅加达', '雅加達'],
  'Asia/Kolkata': ['加尔各答', '加爾各答'],
  // The names ICU (and so Intl) still lists for two of them.
  'Asia/Calcutta': ['加尔各答', '加爾各答'],
  'Asia/Saigon': ['胡志明市', '胡志明市'],
  'Asia/Dubai': ['迪拜', '杜拜'],
  'Europe/London': ['伦敦', '倫敦'],
  'Europe/Paris': ['巴黎', '巴黎'],
  'Europe/Berlin': ['柏林', '柏林'],
  'Europe/Madrid': ['马德里', '馬德里'],
  'Europe/Rome': ['罗马', '羅馬'],
  'Europe/Amsterdam': ['阿姆斯特丹', '阿姆斯特丹'],
  'Europe/Moscow': ['莫斯科', '莫斯科'],
  'America/New_York': ['纽约', '紐約'],
  'America/Chicago': ['芝加哥', '芝加哥'],
  'America/Denver': ['丹佛', '丹佛'],
  'America/Phoenix': ['凤凰城', '鳳凰城'],
  'America/Los_Angeles': ['洛杉矶', '洛杉磯'],
  'America/Anchorage': ['安克雷奇', '安克拉治'],
  'America/Toronto': ['多伦多', '多倫多'],
  'America/Vancouver': ['温哥华', '溫哥華'],
  'America/Mexico_City': ['墨西哥城', '墨西哥城'],
  'America/Sao_Paulo': ['圣保罗', '聖保羅'],
  'Pacific/Honolulu': ['檀香山', '檀香山'],
  'Australia/Sydney': ['悉尼', '雪梨'],
  'Australia/Melbourne': ['墨尔本', '墨爾本'],
  'Australia/Perth': ['珀斯', '伯斯'],
  'Pacific/Auckland': ['奥克兰', '奧克蘭'],
};
