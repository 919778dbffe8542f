import { t } from '../browser/i18n';
import { chineseScriptOf } from '../browser/locale';
import { CITY_NAMES_ZH } from './zone-city-names';
import { zoneOffsetMs } from './zone-offset';

/*
 * The time-zone picker's list (components/TimeZoneSelect.tsx): every zone the
 * browser knows, grouped by region, each named by its city in the UI language
 * where known, with its offset now ("台北 (UTC+8)"), the browser's zone first.
 */

export interface ZoneOption {
  zone: string;
  /** What the option reads: "台北 (UTC+8)", "Boise · 北美山区时间 (UTC-7)". */
  label: string;
  /** Offset from UTC now, in minutes (east positive): the order within a group. */
  offsetMinutes: number;
  /** Everything the filter matches, folded: the label, the IANA id, the English city, Intl's name of the zone. */
  searchText: string;
}

export interface ZoneGroup {
  /** `browser`: the browser's own zone; otherwise the IANA region ("Asia", "America"…). */
  key: string;
  label: string;
  options: ZoneOption[];
}

/** UN M.49 and ISO region codes that Intl.DisplayNames names in every language. */
const REGION_CODES: Readonly<Record<string, string>> = {
  Africa: '002',
  America: '019',
  Antarctica: 'AQ',
  Arctic: '150',
  Asia: '142',
  Australia: '009',
  Europe: '150',
  Pacific: '009',
};
const REGION_ORDER = ['Asia', 'Europe', 'America', 'Africa', 'Australia', 'Atlantic', 'Indian', 'Antarctica', 'Other'];

/** The group a zone is listed in: its IANA region, oceans folded into the continent they border where Intl has no name. */
function regionOf(zone: string): string {
  const [first] = zone.split('/');
  if (!zone.includes('/')) return 'Other';
  if (first === 'Arctic') return 'Europe';
  if (first === 'Pacific') return 'Australia';
  return REGION_ORDER.includes(first!) ? first! : 'Other';
}

function regionLabel(region: string, language: string): string {
  if (region === 'Atlantic') return t('tz_regionAtlantic');
  if (region === 'Indian') return t('tz_regionIndian');
  if (region === 'Other') return t('tz_regionOther');
  const code = REGION_CODES[region];
  try {
    const name = code ? new Intl.DisplayNames([language], { type: 'region' }).of(code) : undefined;
    if (name && name !== code) return name;
  } catch {
    // An engine without DisplayNames: the IANA name is still a name.
  }
  return region;
}

/** "UTC+8", "UTC+5:45", "UTC-3:30", "UTC". */
export function utcOffsetText(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** Intl's own name of the zone in `language` ("北美太平洋时间"), or '' where it has none. */
function genericName(zone: string, language: string, now: Date): string {
  try {
    const part = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName')?.value;
    return part && !/^GMT/.test(part) ? part : '';
  } catch {
    return '';
  }
}

const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase().replaceAll('_', ' ');

// Naming ~400 zones builds ~400 Intl formatters (a few hundred ms): each is worked out once per language and hour.
const options = new Map<string, ZoneOption>();

/** One zone as the picker shows it, in `language`, with its offset at `now`. */
export function zoneOption(zone: string, language: string, now: Date): ZoneOption {
  const key = `${language}|${zone}|${Math.floor(now.getTime() / 3_600_000)}`;
  let option = options.get(key);
  if (!option) {
    option = computeZoneOption(zone, language, now);
    options.set(key, option);
  }
  return option;
}

function computeZoneOption(zone: string, language: string, now: Date): ZoneOption {
  const englishCity = (zone.split('/').pop() ?? zone).replaceAll('_', ' ');
  const script = chineseScriptOf(language);
  const chinese = script ? CITY_NAMES_ZH[zone]?.[script === 'Hant' ? 1 : 0] : undefined;
  let offsetMinutes = 0;
  try {
    offsetMinutes = Math.round(zoneOffsetMs(zone, now) / 60_000);
  } catch {
    // A zone this engine cannot compute: listed at UTC rather than dropped (the stored value stays as it is).
  }
  const generic = genericName(zone, language, now);
  // In Chinese a city with no Chinese name keeps its IANA name, and Intl's Chinese name of the zone says where it is.
  const city = zone === 'UTC' ? 'UTC' : (chinese ?? (script && generic ? `${englishCity} · ${generic}` : englishCity));
  const label = zone === 'UTC' ? 'UTC' : `${city} (${utcOffsetText(offsetMinutes)})`;
  return { zone, label, offsetMinutes, searchText: fold([label, zone, englishCity, generic].join(' ')) };
}

/**
 * The picker's groups: the browser's zone first (and the chosen one, if the
 * browser does not list it), then UTC and each region in a fixed order, zones
 * west to east and by name within a region.
 */
export function zoneGroups(zones: readonly string[], language: string, now: Date, browserZone: string, value: string): ZoneGroup[] {
  const all = new Set(zones);
  all.add('UTC');
  const first: ZoneOption[] = [];
  if (browserZone) first.push(zoneOption(browserZone, language, now));
  if (value && !all.has(value) && value !== browserZone) first.push(zoneOption(value, language, now));
  const byRegion = new Map<string, ZoneOption[]>();
  for (const zone of all) {
    if (zone === browserZone) continue;
    const region = zone === 'UTC' ? '' : regionOf(zone);
    const list = byRegion.get(region) ?? [];
    list.push(zoneOption(zone, language, now));
    byRegion.set(region, list);
  }
  const collator = new Intl.Collator(language);
  const sorted = (options: ZoneOption[]) => options.sort((a, b) => a.offsetMinutes - b.offsetMinutes || collator.compare(a.label, b.label));
  const groups: ZoneGroup[] = [{ key: 'browser', label: t('tz_browserZone'), options: first }];
  for (const region of ['', ...REGION_ORDER]) {
    const options = byRegion.get(region);
    if (options?.length)
      groups.push({ key: region || 'UTC', label: region ? regionLabel(region, language) : 'UTC', options: sorted(options) });
  }
  return groups;
}

/**
 * The groups with only the zones that match `query` (city in either language,
 * IANA id, Intl's name, or offset such as "UTC+8" or "+8"); `keep` (the chosen
 * zone) always stays, so the select never shows a value it does not list.
 */
export function filterZoneGroups(groups: readonly ZoneGroup[], query: string, keep: string): ZoneGroup[] {
  const q = fold(query).trim();
  if (q === '') return [...groups];
  const words = q.split(/\s+/);
  return groups
    .map((group) => ({
      ...group,
      options: group.options.filter((option) => option.zone === keep || words.every((word) => option.searchText.includes(word))),
    }))
    .filter((group) => group.options.length > 0);
}
