// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RecentlyDeleted } from '../../components/RecentlyDeleted';
import { addCard, recordEvent } from '../../lib/store/card-actions';
import { deleteCardKept } from '../../lib/store/recently-deleted-store';
import { parseRecentlyDeleted, withDeleted } from '../../lib/store/recently-deleted';
import { loadCards } from '../../lib/store/storage';
import { loadRecentlyDeleted, recentlyDeletedItem } from '../../lib/store/recently-deleted-store';
import { makeCard } from './card-fixture';

const fail = (error: unknown) => {
  throw error;
};
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(Date.UTC(2026, 2 /* Mar */, 10, 8));

afterEach(cleanup);
beforeEach(() => fakeBrowser.reset());

describe('the Recently deleted list', () => {
  it('keeps each card deleted in the last 30 days, newest first, once per card; older ones are pruned', () => {
    let list = withDeleted([], [makeCard('a')], 'here', NOW);
    list = withDeleted(list, [makeCard('b')], 'sync', new Date(NOW.getTime() + DAY));
    list = withDeleted(list, [makeCard('a', { label: 'again' })], 'here', new Date(NOW.getTime() + 2 * DAY));
    expect(list.map((entry) => [entry.card.id, entry.card.label, entry.by])).toEqual([
      ['a', 'again', 'here'],
      ['b', 'Card b', 'sync'],
    ]);
    // 30 days after b's deletion it is still there; a day later it is gone.
    expect(withDeleted(list, [], 'here', new Date(NOW.getTime() + 31 * DAY)).map((e) => e.card.id)).toEqual(['a', 'b']);
    expect(withDeleted(list, [], 'here', new Date(NOW.getTime() + 32 * DAY)).map((e) => e.card.id)).toEqual(['a']);
  });

  it('reads only entries that validate (a damaged one is left out, not the list)', () => {
    const good = withDeleted([], [makeCard('a')], 'here', NOW);
    expect(parseRecentlyDeleted([...good, { card: { id: 'x' }, deletedAt: NOW.toISOString() }, 'junk'])).toEqual(good);
    expect(parseRecentlyDeleted('junk')).toEqual([]);
  });

  it('a delete adds the card as stored when deleted; Restore brings it back merged with a copy that exists again', async () => {
    await addCard(makeCard('ultra', { label: '紫卡' }));
    expect(await recordEvent('ultra', { kind: 'renewed', date: '2026-03-05' }, NOW)).toBe(true);
    // The page prunes as of the real clock: the deletion is today.
    await deleteCardKept('ultra', new Date());
    const [entry] = await loadRecentlyDeleted(new Date());
    expect(entry!.card.history.map((event) => event.date)).toEqual(['2026-03-05']);
    // Meanwhile a copy of the card came back (say from a backup) with an event of its own.
    await addCard(makeCard('ultra', { label: '紫卡', history: [{ id: 'other', kind: 'topped-up', date: '2026-03-07' }] }));

    const restored: string[] = [];
    render(<RecentlyDeleted userTimeZone="Asia/Shanghai" onRestored={(card) => restored.push(card.label)} onFailed={fail} />);
    await screen.findByText(/紫卡, deleted/);
    fireEvent.click(screen.getByRole('button', { name: 'Restore 紫卡' }));
    await waitFor(() => expect(restored).toEqual(['紫卡']));
    const [card] = (await loadCards()).cards;
    expect(card!.history.map((event) => event.date)).toEqual(['2026-03-05', '2026-03-07']);
    await waitFor(async () => expect(await recentlyDeletedItem.getValue()).toEqual([]));
  });

  it('says which cards another browser deleted', async () => {
    await recentlyDeletedItem.setValue(withDeleted([], [makeCard('g', { label: 'giffgaff' })], 'sync', new Date()));
    render(<RecentlyDeleted userTimeZone="Asia/Shanghai" onRestored={() => undefined} onFailed={fail} />);
    expect((await screen.findByText(/giffgaff/)).textContent).toContain('giffgaff, deleted in another browser (removed here');
  });

  it('is not shown while nothing was deleted', async () => {
    const { container } = render(<RecentlyDeleted userTimeZone="Asia/Shanghai" onRestored={() => undefined} onFailed={fail} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.textContent).toBe('');
  });
});
