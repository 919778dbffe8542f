import { describe, expect, it } from 'vitest';
import { HAN_VARIANT_PAIRS, foldForSearch, searchProviders } from '../../lib/providers/search';
import { PROVIDERS, type Provider } from '../../lib/providers';

const ids = (query: string, providers?: readonly Provider[]) => searchProviders(query, providers).map((m) => m.provider.id);

describe('searchProviders', () => {
  it.each([
    ['giff', 'giffgaff'],
    ['GIFF', 'giffgaff'],
    ['紫卡', 'ultra-paygo'],
    ['遠遊', 'fareastone-travel'],
    ['远游', 'fareastone-travel'],
    ['遠遊卡', 'fareastone-travel'],
    ['远游卡', 'fareastone-travel'],
    ['中國移動', 'cmhk'],
    ['中国移动', 'cmhk'],
    ['數碼通', 'smartone'],
    ['t mobile', 't-mobile-prepaid'],
    ['att', 'att-prepaid'],
    ['AT&T', 'att-prepaid'],
    ['ｇｉｆｆ', 'giffgaff'],
    ['voice', 'google-voice'],
    ['holafly', 'holafly'],
  ])('%s finds %s first', (query, id) => {
    expect(ids(query)[0]).toBe(id);
  });

  it.each(['远传', '遠傳', 'FarEasTone'])('%s finds both FarEasTone cards', (query) => {
    expect(ids(query).slice(0, 2).sort()).toEqual(['fareastone-if', 'fareastone-travel']);
  });

  it('puts Ultra PayGo and its plans first for "ultra", in catalog order', () => {
    expect(ids('ultra').slice(0, 2)).toEqual(['ultra-paygo', 'ultra-plans']);
  });

  it('says which name matched, so the picker can show the nickname', () => {
    const [first] = searchProviders('紫卡');
    expect(first?.matched).toBe('紫卡');
    expect(first?.rank).toBe(0);
  });

  it('ranks an exact name before a prefix, a prefix before a word start, a word start before a substring', () => {
    const make = (id: string, en: string): Provider => ({ ...PROVIDERS[0]!, id, names: { en, zhHans: '甲', zhHant: '甲' }, nicknames: [] });
    const providers = [make('substring', 'Superthree'), make('word', 'Go Three'), make('prefix', 'Threefold'), make('exact', 'Three')];
    expect(ids('three', providers)).toEqual(['exact', 'prefix', 'word', 'substring']);
  });

  it('lists every provider, in catalog order, for an empty query', () => {
    expect(ids('  ')).toEqual(PROVIDERS.map((p) => p.id));
  });

  it('finds nothing for a name it does not know', () => {
    expect(ids('UR卡')).toEqual([]);
    expect(ids('zzz')).toEqual([]);
  });

  it('finds every provider by each of its names', () => {
    for (const provider of PROVIDERS) {
      for (const name of [provider.names.en, provider.names.zhHans, provider.names.zhHant]) {
        expect(ids(name), name).toContain(provider.id);
      }
    }
  });

  describe('edge cases', () => {
    it('folds full-width forms, case and punctuation', () => {
      expect(foldForSearch('Ｔ－Ｍｏｂｉｌｅ')).toBe('tmobile');
      expect(foldForSearch('Ultra 紫卡（PayGo）')).toBe('ultra紫卡paygo');
    });

    it('folds Traditional to Simplified, pair by pair', () => {
      expect(foldForSearch('遠傳 遠遊卡')).toBe('远传远游卡');
      expect(HAN_VARIANT_PAIRS).toContainEqual(['遊', '游']);
      // The last pair lines up only if every pair before it does.
      expect(HAN_VARIANT_PAIRS.at(-1)).toEqual(['東', '东']);
      for (const [traditional, simplified] of HAN_VARIANT_PAIRS) expect(traditional).not.toBe(simplified);
    });

    it('matches a query in one script against a nickname written in the other', () => {
      // 'ULTRA紫卡保号卡' is written in Simplified; a Traditional query still finds it.
      expect(ids('保號卡')).toEqual(['ultra-paygo']);
    });
  });
});
