import { providerById, PROVIDERS } from '../providers/catalog';
import type { Provider } from '../providers/schema';
import { searchProviders } from '../providers/search';

/**
 * The catalog provider an imported name stands for, or `null`. The name is
 * searched as the picker searches (English, Chinese in either script,
 * nicknames; lib/providers/search.ts), but only a sure match is taken: a
 * catalog id, an exact name, or the one provider whose name starts with it.
 * An import cannot ask "did you mean…", so a doubtful name leaves the card
 * without a provider, and the preview says so.
 *
 * @example
 * matchProvider('紫卡')?.id //=> 'ultra-paygo'
 * matchProvider('My old SIM') //=> null
 */
export function matchProvider(name: string, providers: readonly Provider[] = PROVIDERS): Provider | null {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  const byId = providers === PROVIDERS ? providerById(trimmed) : providers.find((provider) => provider.id === trimmed);
  if (byId) return byId;
  const matches = searchProviders(trimmed, providers);
  const exact = matches.filter((match) => match.rank === 0);
  if (exact.length >= 1) return exact.length === 1 || exact.every((m) => m.provider === exact[0]!.provider) ? exact[0]!.provider : null;
  const prefix = matches.filter((match) => match.rank === 1);
  return prefix.length === 1 ? prefix[0]!.provider : null;
}
