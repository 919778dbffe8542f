import type { Card } from '../cards/schema';
import { providerById } from '../providers/catalog';
import { applyProviderDefaults } from '../providers/template';
import { updateCards } from './storage';

/**
 * Brings cards up to date with this version's catalog, except for the fields
 * each user made their own (`card.overrides`). Only cards saved by the editor
 * carry `overrides`; a card without it (written by hand or by an older
 * version) is left exactly as it is, since nothing says which of its values
 * the user chose.
 */
export function refreshCardsFromCatalog(cards: Card[], now: Date): Card[] {
  return cards.map((card) => {
    if (!card.providerId || card.overrides === undefined) return card;
    const provider = providerById(card.providerId);
    return provider ? applyProviderDefaults(card, provider, now) : card;
  });
}

/** Runs after an update of the extension: applies the new catalog to the stored cards. */
export async function applyCatalogUpdate(now: Date): Promise<void> {
  await updateCards((cards) => refreshCardsFromCatalog(cards, now));
}
