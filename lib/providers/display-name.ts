import { providerById } from './catalog';
import { providerDisplayName } from './names';

/**
 * The provider's display name in the user's language, or `null` for a card
 * without a provider. An id the catalog no longer knows is shown as it is.
 */
export function providerName(providerId: string | null, language: string): string | null {
  if (!providerId) return null;
  const provider = providerById(providerId);
  return provider ? providerDisplayName(provider, language) : providerId;
}
