import type { AmountTier, Provider } from './schema';

/*
 * The few catalog facts the popup shows: each provider's names, and its published
 * prices (a one-tap payment records them). The full catalog (sources, notes,
 * nicknames, links, every rule template) is most of a bundle's weight and only the
 * options page and the link gate need it, so the popup reads a copy of these facts
 * generated from it (lib/providers/popup-catalog.data.ts). tests/unit/popup-catalog.test.ts
 * fails when the copy differs from the catalog; UPDATE_POPUP_CATALOG=1 rewrites it.
 */

/** What the popup knows of one provider. */
export interface PopupProviderFacts {
  readonly id: string;
  readonly names: Provider['names'];
  /** Only for a top-up provider that publishes prices: what {@link catalogPrice} reads. */
  readonly ruleTemplate?: { readonly type: 'topUp'; readonly amountTiers: readonly AmountTier[] };
}

/** The popup's facts of one catalog entry. */
export function popupFactsOf(provider: Provider): PopupProviderFacts {
  const template = provider.ruleTemplate;
  const names = { en: provider.names.en, zhHans: provider.names.zhHans, zhHant: provider.names.zhHant };
  if (template?.type !== 'topUp' || !template.amountTiers) return { id: provider.id, names };
  const amountTiers = template.amountTiers.map(({ minAmount, currency, validity }) => ({
    minAmount,
    currency,
    validity: { count: validity.count, unit: validity.unit },
  }));
  return { id: provider.id, names, ruleTemplate: { type: 'topUp', amountTiers } };
}

/** The source of lib/providers/popup-catalog.data.ts for `providers`. */
export function renderPopupCatalog(providers: readonly Provider[]): string {
  const entries = providers.map((provider) => `  ${JSON.stringify(popupFactsOf(provider))},`).join('\n');
  return [
    "import type { PopupProviderFacts } from './popup-facts';",
    '',
    '// Generated from lib/providers by UPDATE_POPUP_CATALOG=1 npx vitest run tests/unit/popup-catalog.test.ts; do not edit by hand.',
    '// What the popup shows of each provider (see lib/providers/popup-facts.ts).',
    'export const POPUP_CATALOG: readonly PopupProviderFacts[] = [',
    entries,
    '];',
    '',
  ].join('\n');
}
