import { describe, expect, it } from 'vitest';
import { telHref } from '../../lib/cards/hotline';
import { withEventAmount } from '../../lib/cards/ops';
import { makeCard } from './card-fixture';

const NOW = new Date('2026-11-22T02:00:00Z');

describe('withEventAmount', () => {
  const card = makeCard('c', {
    history: [
      { id: 'a', date: '2026-11-01', kind: 'renewed', amount: 3, currency: 'USD', note: 'app' },
      { id: 'b', date: '2026-11-20', kind: 'renewed' },
    ],
  });

  it('sets the amount of one event and leaves the others and its note alone', () => {
    const next = withEventAmount(card, 'b', { amount: 5, currency: 'GBP' }, NOW);
    expect(next.history).toEqual([card.history[0], { id: 'b', date: '2026-11-20', kind: 'renewed', amount: 5, currency: 'GBP' }]);
    expect(next.updatedAt).toBe(NOW.toISOString());
  });

  it('clears amount and currency with null', () => {
    expect(withEventAmount(card, 'a', null, NOW).history[0]).toEqual({ id: 'a', date: '2026-11-01', kind: 'renewed', note: 'app' });
  });

  it('leaves the card as it was when the event is gone (undone in another page)', () => {
    expect(withEventAmount(card, 'gone', { amount: 1, currency: 'USD' }, NOW)).toBe(card);
  });
});

describe('telHref', () => {
  it.each([
    ['611', 'tel:611'],
    ['+1 (888) 777-0446', 'tel:+18887770446'],
    ['  +44 333 000 0000 ', 'tel:+443330000000'],
    ['*100#', 'tel:*100%23'],
    ['611 or +1 888 777 0446', 'tel:611'],
    ['Call (852) 2888 1010', 'tel:85228881010'],
  ])('dials %s as %s', (hotline, href) => {
    expect(telHref(hotline)).toBe(href);
  });

  it.each(['', '   ', 'in the app', 'tel:'])('has nothing to dial in %j', (hotline) => {
    expect(telHref(hotline)).toBeNull();
  });
});
