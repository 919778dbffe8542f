import { POPUP_CATALOG } from './popup-catalog.data';
import type { PopupProviderFacts } from './popup-facts';

const BY_ID = new Map(POPUP_CATALOG.map((facts) => [facts.id, facts]));

/**
 * The popup's facts (names, published prices) of the provider with this id, or
 * `undefined` for a card without one or whose provider the catalog dropped. The
 * same answer as `providerById` (lib/providers/catalog.ts) for what it carries,
 * without loading the whole catalog.
 */
export function popupFactsById(id: string | null | undefined): PopupProviderFacts | undefined {
  return id ? BY_ID.get(id) : undefined;
}
