import { describe, expect, it } from 'vitest';
import { isPlainDate } from '../../lib/dates/plain-date';
import { linkOfficialStatus } from '../../lib/providers/official-host';
import { PROVIDERS, providerById, providerDisplayName, providerSchema, type Provider } from '../../lib/providers';

const HAN = /\p{Script=Han}/u;

// The providers the catalog promised (issue 4), by id.
const REQUIRED_IDS = [
  'ultra-paygo',
  'ultra-plans',
  'fareastone-travel',
  'fareastone-if',
  't-mobile-prepaid',
  'att-prepaid',
  'verizon-prepaid',
  'mint',
  'us-mobile',
  'tello',
  'redpocket',
  'google-voice',
  'cricket',
  'hello-mobile',
  'giffgaff',
  'three-uk',
  'vodafone-uk',
  'ee',
  'o2',
  'lycamobile-uk',
  'voxi',
  'smarty',
  'three-hk',
  'cmhk',
  'csl',
  'smartone',
  'ctm',
  'singtel',
  'softbank',
  'b-mobile',
  'airalo',
  'holafly',
  'nomad',
  'ubigi',
  'saily',
];

const TRAVEL_PASS_IDS = ['fareastone-travel', 'airalo', 'holafly', 'nomad', 'ubigi', 'saily'];

function provider(id: string): Provider {
  const found = providerById(id);
  if (!found) throw new Error(`no provider ${id}`);
  return found;
}

describe('PROVIDERS', () => {
  it.each(PROVIDERS.map((p) => [p.id, p] as const))('%s validates against the schema', (_, entry) => {
    const result = providerSchema.safeParse(entry);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('has unique ids', () => {
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has every provider the issue lists', () => {
    const ids = new Set(PROVIDERS.map((p) => p.id));
    expect(REQUIRED_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(PROVIDERS.map((p) => [p.id, p] as const))('%s links only to https pages on its official domains', (_, entry) => {
    const links = [entry.renewalUrl, entry.loginUrl, entry.app].filter((url): url is string => url !== undefined);
    for (const url of links) {
      expect(new URL(url).protocol).toBe('https:');
      expect(linkOfficialStatus(url, entry)).toBe('official');
    }
  });

  it.each(PROVIDERS.map((p) => [p.id, p] as const))('%s has English and Chinese names', (_, entry) => {
    expect(entry.names.en.trim()).not.toBe('');
    expect(entry.names.zhHans).toMatch(HAN);
    expect(entry.names.zhHant).toMatch(HAN);
  });

  it('says where each rule comes from and when it was checked', () => {
    for (const entry of PROVIDERS) {
      expect(isPlainDate(entry.checked)).toBe(true);
      expect(entry.source.trim()).not.toBe('');
    }
  });

  it('marks a provider without a rule as unknown, and never the reverse', () => {
    for (const entry of PROVIDERS) {
      expect(entry.ruleTemplate === null, entry.id).toBe(entry.confidence === 'unknown');
    }
  });

  it('models every travel provider as a pass', () => {
    expect(TRAVEL_PASS_IDS.map((id) => provider(id).ruleTemplate?.type)).toEqual(TRAVEL_PASS_IDS.map(() => 'pass'));
  });
});

describe('catalog facts', () => {
  it('Ultra PayGo (紫卡): 30-day cycle, 30 days to pay', () => {
    const ultra = provider('ultra-paygo');
    expect(ultra.ruleTemplate).toEqual({ type: 'cycle', period: { count: 30, unit: 'days' }, graceDays: 30 });
    expect(ultra.nicknames).toContain('紫卡');
  });

  it('giffgaff: use once every 6 months, any of call, SMS, data or a top-up', () => {
    expect(provider('giffgaff').ruleTemplate).toEqual({
      type: 'keepAlive',
      window: { count: 6, unit: 'months' },
      activities: ['call', 'sms', 'data', 'top-up'],
      graceDays: null,
    });
  });

  it('FarEasTone 遠遊卡 counts days in the destination zone, and its start is asked for', () => {
    const travel = provider('fareastone-travel');
    expect(travel.timeZone).toBeNull();
    expect(travel.ruleTemplate).toMatchObject({ type: 'pass', dayBoundary: 'destination-midnight', startTrigger: null, days: null });
    expect(travel.nicknames).toEqual(expect.arrayContaining(['遠遊卡', '远游卡']));
  });

  it('SoftBank: each card adds 60 days, at most 360', () => {
    expect(provider('softbank').ruleTemplate).toMatchObject({
      type: 'topUp',
      validity: { count: 60, unit: 'days' },
      mode: 'add',
      capDays: 360,
    });
  });

  it('does not guess what the notes leave open', () => {
    expect(provider('hello-mobile').ruleTemplate).toEqual({ type: 'cycle', period: null, graceDays: null });
    expect(provider('ee').ruleTemplate).toMatchObject({ activities: null });
    expect(provider('h2o').ruleTemplate).toBeNull();
  });

  it('keeps Google Voice to its own hosts, not every google.com page', () => {
    const gv = provider('google-voice');
    expect(linkOfficialStatus('https://voice.google.com/u/0/calls', gv)).toBe('official');
    expect(linkOfficialStatus('https://sites.google.com/view/gv-renew', gv)).toBe('unofficial');
  });
});

describe('providerById', () => {
  it('finds a provider by id', () => {
    expect(providerById('giffgaff')?.names.en).toBe('giffgaff');
  });

  it('returns undefined for a card without a provider, or an id no longer in the catalog', () => {
    expect(providerById(null)).toBeUndefined();
    expect(providerById('')).toBeUndefined();
    expect(providerById('ur-card')).toBeUndefined();
  });
});

describe('providerDisplayName', () => {
  const travel = () => provider('fareastone-travel');

  it.each([
    ['en', 'FarEasTone Travel SIM (遠遊卡)'],
    ['zh-CN', '远传 远游卡'],
    ['zh_CN', '远传 远游卡'],
    ['zh', '远传 远游卡'],
    ['zh-TW', '遠傳 遠遊卡'],
    ['zh-HK', '遠傳 遠遊卡'],
    ['zh-Hant-TW', '遠傳 遠遊卡'],
    ['zh-MO', '遠傳 遠遊卡'],
    ['zh_HK', '遠傳 遠遊卡'],
    ['zh-SG', '远传 远游卡'],
    ['zh-Hans-HK', '远传 远游卡'],
    ['en-GB', 'FarEasTone Travel SIM (遠遊卡)'],
    ['ja', 'FarEasTone Travel SIM (遠遊卡)'],
  ])('in %s', (language, name) => {
    expect(providerDisplayName(travel(), language)).toBe(name);
  });
});

describe('providerSchema', () => {
  const giffgaff = () => provider('giffgaff');

  it.each([
    ['a reseller renewal page', { renewalUrl: 'https://giffgaff-topup.com/' }],
    ['an http: link', { renewalUrl: 'http://www.giffgaff.com/' }],
    ['a login page off the official domains', { loginUrl: 'https://evilgiffgaff.com/login' }],
    ['an upper-case or punycode domain', { officialDomains: ['xn--giffgaf-3ya.com'] }],
    ['an unknown zone', { timeZone: 'Europe/Londres' }],
    ['a checked date that is not a date', { checked: '2026-02-30' }],
    ['an unknown confidence', { confidence: 'high' }],
  ])('rejects %s', (_, change) => {
    expect(providerSchema.safeParse({ ...giffgaff(), ...change }).success).toBe(false);
  });
});
