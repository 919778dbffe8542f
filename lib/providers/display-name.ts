import { popupFactsById } from './popup-catalog';
import { providerDisplayName } from './names';

/**
 * The provider's display name in the user's language, or `null` for a card
 * without a provider. An id the catalog no longer knows is shown as it is.
 */
export function providerName(providerId: string | null, language: string): string | null {
  if (!providerId) return null;
  // The popup's copy of the names, not the whole catalog: the popup shows names on every card.
  const provider = popupFactsById(providerId);
  return provider ? providerDisplayName(provider, language) : providerId;
}
