import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, applyBadge, badgeState } from '../../lib/reminders/badge';
import { makeCard, makeSettings } from './reminders-fixtures';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const settings = makeSettings();
// 9 March, 10:00 in Shanghai.
const now = new Date('2026-03-09T02:00:00Z');
const due = (id: string, endDate: string, extra = {}) => makeCard(id, { type: 'fixed', endDate, ...extra }, { label: id });

describe('badgeState', () => {
  it('is empty with no cards needing action', () => {
    expect(badgeState([], settings, now)).toEqual({ text: '', color: null, title: 'SIM Keeper' });
    expect(badgeState([due('far', '2026-05-01')], settings, now)).toEqual({
      text: '',
      color: null,
      title: 'SIM Keeper — next: far in 53 days',
    });
  });

  it.each([
    ['soon', [due('a', '2026-03-16')], '1', BADGE_COLORS.soon],
    ['urgent', [due('a', '2026-03-16'), due('b', '2026-03-10')], '2', BADGE_COLORS.urgent],
    ['overdue', [due('a', '2026-03-16'), due('b', '2026-03-10'), due('c', '2026-03-08')], '3', BADGE_COLORS.overdue],
  ])('counts the cards due within a week, coloured %s', (_, cards, text, color) => {
    expect(badgeState(cards, settings, now)).toMatchObject({ text, color });
  });

  it('counts cards whose reminders are off, but not lost numbers or passes not started', () => {
    const cards = [
      makeCard('quiet', { type: 'fixed', endDate: '2026-03-10' }, { reminders: { enabled: false } }),
      due('lost', '2026-03-01', { graceDays: 2 }),
      makeCard('pass', { type: 'pass', days: 7, startTrigger: 'first-connection', startDate: null }),
    ];
    expect(badgeState(cards, settings, now).text).toBe('1');
  });

  it.each([
    ['today', '2026-03-09', 'SIM Keeper — next: a today'],
    ['tomorrow', '2026-03-10', 'SIM Keeper — next: a tomorrow'],
  ])('names the next deadline: %s', (_, endDate, title) => {
    expect(badgeState([due('a', endDate), due('b', '2026-03-20')], settings, now).title).toBe(title);
  });

  describe('edge cases', () => {
    it('counts days on the user calendar when the card is in another zone', () => {
      // 18:00 on 9 March in Shanghai is 03:00 on 9 March in Los Angeles.
      const evening = new Date('2026-03-09T10:00:00Z');
      // A Los Angeles card whose 16 March ends at 15:00 on 17 March in Shanghai: 8 days away there, not counted.
      const la = makeCard('la', { type: 'fixed', endDate: '2026-03-16' }, { timeZone: 'America/Los_Angeles', label: 'la' });
      expect(badgeState([la], settings, evening)).toMatchObject({ text: '', title: 'SIM Keeper — next: la in 8 days' });
      // In Los Angeles it is 7 days away, and counted.
      expect(badgeState([la], makeSettings({ timeZone: 'America/Los_Angeles' }), evening).text).toBe('1');
    });

    it('counts a card ending more than a week away only once it is within the week', () => {
      const card = due('a', '2026-03-17');
      expect(badgeState([card], settings, now).text).toBe('');
      expect(badgeState([card], settings, new Date('2026-03-09T16:00:00Z')).text).toBe('1');
    });
  });
});

describe('applyBadge', () => {
  it('still sets the badge where the title cannot be set', async () => {
    const action = { ...fakeBrowser.action, setTitle: () => Promise.reject(new Error('not here')) };
    await applyBadge({ text: '2', color: '#D93025', title: 'x' }, action);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });
});
