import { describe, expect, it } from 'vitest';
import { applyCatalogUpdate, refreshCardsFromCatalog } from '../../lib/store/catalog-update';
import { cardsItem, loadCards } from '../../lib/store/storage';
import { makeCard } from './card-fixture';

const now = new Date('2026-11-22T04:00:00Z');
// A giffgaff card saved by an older catalog that said 3 months and had another page.
const stale = makeCard('gg', {
  providerId: 'giffgaff',
  timeZone: 'Europe/London',
  channels: { website: 'https://www.giffgaff.com/old', app: '', hotline: '' },
  rule: { type: 'keepAlive', anchorDate: '2026-10-01', window: { count: 3, unit: 'months' } },
  overrides: [],
});

describe('refreshCardsFromCatalog', () => {
  it('applies the current catalog to fields the user did not override, keeping dates', () => {
    const [card] = refreshCardsFromCatalog([stale], now);
    expect(card?.rule).toMatchObject({ type: 'keepAlive', anchorDate: '2026-10-01', window: { count: 6, unit: 'months' } });
    expect(card?.channels.website).toBe('https://www.giffgaff.com/');
  });

  it('keeps what the user overrode', () => {
    const [card] = refreshCardsFromCatalog([{ ...stale, overrides: ['rule', 'channels.website'] }], now);
    expect(card?.rule).toEqual(stale.rule);
    expect(card?.channels.website).toBe('https://www.giffgaff.com/old');
  });

  it('leaves alone cards that do not say what the user chose, and cards of unknown providers', () => {
    const withoutOverrides = { ...stale, overrides: undefined };
    const unknown = { ...stale, id: 'x', providerId: 'no-such-carrier' };
    const cards = [withoutOverrides, unknown];
    const result = refreshCardsFromCatalog(cards, now);
    expect(result[0]).toBe(withoutOverrides);
    expect(result[1]).toBe(unknown);
  });

  it('writes the update to storage after an extension update', async () => {
    await cardsItem.setValue([stale, { not: 'a card' }]);
    await applyCatalogUpdate(now);
    const { cards, invalid } = await loadCards();
    expect(cards[0]?.rule).toMatchObject({ window: { count: 6, unit: 'months' } });
    expect(invalid).toHaveLength(1);
  });
});
