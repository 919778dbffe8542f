import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { filterZoneGroups, utcOffsetText, zoneGroups, zoneOption } from '../../lib/dates/zone-list';
import { getMessageFrom } from './setup';
import zhCN from '../../public/_locales/zh_CN/messages.json';

// 10:00 on 22 November 2026 in Shanghai: New York on standard time (UTC-5).
const NOW = new Date('2026-11-22T02:00:00Z');
const ZONES = Intl.supportedValuesOf('timeZone');
const labels = (groups: ReturnType<typeof zoneGroups>) => groups.flatMap((g) => g.options.map((o) => o.label));

describe('zoneOption: the city in the UI language, with its offset now', () => {
  it.each([
    ['Asia/Taipei', 'zh-CN', '台北 (UTC+8)'],
    ['Asia/Taipei', 'zh-TW', '台北 (UTC+8)'],
    ['America/Los_Angeles', 'zh-CN', '洛杉矶 (UTC-8)'],
    ['America/Los_Angeles', 'zh-TW', '洛杉磯 (UTC-8)'],
    ['America/Los_Angeles', 'en', 'Los Angeles (UTC-8)'],
    ['Asia/Kathmandu', 'en', 'Kathmandu (UTC+5:45)'],
    ['America/St_Johns', 'en', 'St Johns (UTC-3:30)'],
    ['UTC', 'zh-CN', 'UTC'],
  ])('%s in %s → %s', (zone, language, label) => {
    expect(zoneOption(zone, language, NOW).label).toBe(label);
  });

  it('a city with no Chinese name keeps its own, with Intl’s Chinese name of the zone beside it', () => {
    expect(zoneOption('America/Boise', 'zh-CN', NOW).label).toMatch(/^Boise · .+时间 \(UTC-7\)$/);
  });

  it('follows summer time: the offset is the one at `now`', () => {
    expect(zoneOption('America/New_York', 'en', new Date('2026-07-01T00:00:00Z')).label).toBe('New York (UTC-4)');
    expect(zoneOption('America/New_York', 'en', NOW).label).toBe('New York (UTC-5)');
  });

  it('writes offsets as people read them', () => {
    expect([0, 480, -300, 345, -210, 825].map(utcOffsetText)).toEqual(['UTC', 'UTC+8', 'UTC-5', 'UTC+5:45', 'UTC-3:30', 'UTC+13:45']);
  });
});

describe('zoneGroups', () => {
  it('lists the browser’s zone first, then UTC, then each region, every zone once', () => {
    const groups = zoneGroups(ZONES, 'en', NOW, 'Asia/Shanghai', 'Asia/Shanghai');
    expect(groups[0]).toMatchObject({ key: 'browser', label: "Your browser's zone", options: [{ zone: 'Asia/Shanghai' }] });
    expect(groups[1]).toMatchObject({ key: 'UTC', options: [{ zone: 'UTC' }] });
    expect(groups.map((g) => g.key).slice(2, 5)).toEqual(['Asia', 'Europe', 'America']);
    const zones = groups.flatMap((g) => g.options.map((o) => o.zone));
    expect(new Set(zones).size).toBe(zones.length);
    expect(new Set(zones)).toEqual(new Set([...ZONES, 'UTC']));
  });

  it('names the regions in the UI language', () => {
    fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(zhCN, key, subs)) as never;
    const groups = zoneGroups(ZONES, 'zh-CN', NOW, 'Asia/Shanghai', 'Asia/Shanghai');
    expect(groups.map((g) => g.label)).toEqual(
      expect.arrayContaining(['浏览器所在时区', 'UTC', '亚洲', '欧洲', '美洲', '非洲', '大洋洲', '大西洋', '印度洋']),
    );
    expect(labels(groups)).toContain('台北 (UTC+8)');
  });

  it('keeps a stored zone the browser does not list, beside the browser’s own', () => {
    const groups = zoneGroups(['Asia/Tokyo'], 'en', NOW, 'Asia/Tokyo', 'Asia/Kolkata');
    expect(groups[0]!.options.map((o) => o.zone)).toEqual(['Asia/Tokyo', 'Asia/Kolkata']);
  });

  it('orders a region west to east', () => {
    const america = zoneGroups(ZONES, 'en', NOW, 'UTC', 'UTC').find((g) => g.key === 'America')!;
    const offsets = america.options.map((o) => o.offsetMinutes);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });
});

describe('filterZoneGroups', () => {
  const groups = () => zoneGroups(ZONES, 'zh-CN', NOW, 'Asia/Shanghai', 'Asia/Shanghai');
  const found = (query: string, keep = 'Asia/Shanghai') =>
    filterZoneGroups(groups(), query, keep).flatMap((g) => g.options.map((o) => o.zone));

  it('finds a zone by its Chinese city, its English city, its IANA name or its offset', () => {
    expect(found('台北')).toContain('Asia/Taipei');
    expect(found('taipei')).toContain('Asia/Taipei');
    expect(found('los angeles')).toContain('America/Los_Angeles');
    expect(found('America/Los_Angeles')).toContain('America/Los_Angeles');
    // ICU lists Kathmandu under its older name, Asia/Katmandu.
    expect(found('UTC+5:45').filter((zone) => /^Asia\/Kath?mandu$/.test(zone))).toHaveLength(1);
  });

  it('always keeps the chosen zone, so the select shows what is stored', () => {
    expect(found('zzz-nothing')).toEqual(['Asia/Shanghai']);
    expect(found('台北', 'Europe/London')).toEqual(expect.arrayContaining(['Europe/London', 'Asia/Taipei']));
  });

  it('an empty query shows everything', () => {
    const all = groups();
    expect(filterZoneGroups(all, '  ', 'UTC')).toEqual(all);
  });
});
