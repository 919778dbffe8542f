import { describe, expect, it } from 'vitest';
import { needsPreview, previewSync } from '../../lib/sync/enable';
import { EMPTY_BASE } from '../../lib/sync/merge-step';
import { syncedElsewhere } from './sync-sim';
import { makeCard } from './card-fixture';

const NOW = new Date(Date.UTC(2026, 2 /* Mar */, 10, 8));
/** Sync storage as another browser left it, holding `cards`. */
const remoteOf = (cards: Parameters<typeof makeCard>[1][] & unknown[], ids: string[]) =>
  syncedElsewhere(
    ids.map((id, i) => makeCard(id, cards[i] as never)),
    NOW,
  );

describe('the preview shown before turning sync on', () => {
  it('counts what the merge will add, change, keep and share, by the same rules the background applies', () => {
    const local = [makeCard('a'), makeCard('b', { label: 'old label' }), makeCard('same')];
    const remote = remoteOf([{}, { label: 'new label', updatedAt: '2026-03-05T00:00:00.000Z' }, {}], ['c', 'b', 'same']);
    const preview = previewSync(local, remote, EMPTY_BASE.cards, NOW);
    expect(preview).toEqual({
      remoteCards: 3,
      localCards: 3,
      added: 1,
      changed: 1,
      same: 1,
      shared: 1,
      removed: 0,
      review: { deleteHere: [], deleteElsewhere: [], returning: [] },
    });
    expect(needsPreview(preview)).toBe(true);
  });

  it('needs no preview when one side is empty', () => {
    expect(needsPreview(previewSync([makeCard('a')], {}, EMPTY_BASE.cards, NOW))).toBe(false);
    expect(needsPreview(previewSync([], remoteOf([{}], ['c']), EMPTY_BASE.cards, NOW))).toBe(false);
  });
});
