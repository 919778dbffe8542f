import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDERS, providerById } from '../../lib/providers/catalog';
import { providerDisplayName } from '../../lib/providers/names';
import { popupFactsById } from '../../lib/providers/popup-catalog';
import { renderPopupCatalog } from '../../lib/providers/popup-facts';
import { catalogPrice } from '../../lib/money/price';
import type { Card } from '../../lib/cards/schema';

const DATA = fileURLToPath(new URL('../../lib/providers/popup-catalog.data.ts', import.meta.url));

describe('the popup catalog (lib/providers/popup-catalog.data.ts)', () => {
  it('is generated from the catalog (UPDATE_POPUP_CATALOG=1 rewrites it)', () => {
    const fresh = renderPopupCatalog(PROVIDERS);
    if (process.env.UPDATE_POPUP_CATALOG === '1') writeFileSync(DATA, fresh);
    const current = existsSync(DATA) ? readFileSync(DATA, 'utf8') : '';
    expect(current, 'stale: run UPDATE_POPUP_CATALOG=1 npx vitest run tests/unit/popup-catalog.test.ts').toBe(fresh);
  });

  it('gives every provider the names the full catalog gives, in every UI language', () => {
    for (const provider of PROVIDERS) {
      const facts = popupFactsById(provider.id);
      expect(facts?.id).toBe(provider.id);
      for (const language of ['en', 'en-GB', 'zh-CN', 'zh_TW', 'zh-HK', 'zh-Hant', 'ja'])
        expect(providerDisplayName(facts!, language)).toBe(providerDisplayName(provider, language));
    }
    expect(popupFactsById('no-such-provider')).toBeUndefined();
    expect(popupFactsById(null)).toBeUndefined();
  });

  it('prices every published tier exactly as the full catalog does', () => {
    let priced = 0;
    for (const provider of PROVIDERS) {
      const template = provider.ruleTemplate;
      const validities =
        template?.type === 'topUp'
          ? [...(template.amountTiers ?? []).map((tier) => tier.validity), { count: 1, unit: 'days' as const }]
          : [{ count: 30, unit: 'days' as const }];
      for (const validity of validities) {
        const card = { rule: { type: 'topUp', validity } } as unknown as Pick<Card, 'rule'>;
        const full = catalogPrice(card, providerById(provider.id));
        if (full) priced++;
        expect(catalogPrice(card, popupFactsById(provider.id))).toEqual(full);
      }
    }
    // The catalog publishes prices for some providers; a copy without them would pass the loop above vacuously.
    expect(priced).toBeGreaterThan(0);
  });
});
