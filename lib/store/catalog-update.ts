import type { Card } from '../cards/schema';
import { providerById } from '../providers/catalog';
import { applyProviderDefaults } from '../providers/template';
import { NewerDataError, updateCards } from './storage';

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

/**
 * Runs after an update of the extension: applies the new catalog to the stored
 * cards. Cards saved by a newer release are left alone (an older catalog must not
 * rewrite them); any failure is logged, since nothing waits on this.
 */
export async function applyCatalogUpdate(now: Date): Promise<void> {
  try {
    await updateCards((cards) => refreshCardsFromCatalog(cards, now));
  } catch (error) {
    if (error instanceof NewerDataError) console.warn('SIM Keeper: catalog update skipped:', error.message);
    else console.error('SIM Keeper: catalog update failed', error);
  }
}
