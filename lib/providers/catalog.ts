import { ASIA_PROVIDERS } from './asia';
import type { Provider } from './schema';
import { TRAVEL_PROVIDERS } from './travel';
import { UK_PROVIDERS } from './uk';
import { US_PROVIDERS } from './us';

/**
 * Every provider SIM Keeper knows, in picker order. The data is typed at
 * compile time and validated against `providerSchema` by the unit tests (not
 * at runtime: it ships with the extension and cannot change under it).
 */
export const PROVIDERS: readonly Provider[] = [...US_PROVIDERS, ...UK_PROVIDERS, ...ASIA_PROVIDERS, ...TRAVEL_PROVIDERS];

const BY_ID = new Map(PROVIDERS.map((provider) => [provider.id, provider]));

/**
 * The provider with this id, or `undefined` for a card without one, or one
 * whose provider a later version dropped (such a card keeps working with the
 * rule and links it has).
 */
export function providerById(id: string | null | undefined): Provider | undefined {
  return id ? BY_ID.get(id) : undefined;
}
