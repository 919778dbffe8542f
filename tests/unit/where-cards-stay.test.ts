import { describe, expect, it } from 'vitest';
import { whereCardsStayKey } from '../../lib/sync/where-cards-stay';

describe('whereCardsStayKey: one true sentence about where the cards go', () => {
  it.each([
    [{}, null, 'welcome_pointPrivate'],
    [{ enabled: false }, null, 'welcome_pointPrivate'],
    [{ enabled: true }, null, 'privacy_sync'],
    [{ enabled: false }, { serverUrl: 'https://dav.example.com/' }, 'privacy_calendar'],
    [{ enabled: true }, { serverUrl: 'https://dav.example.com/' }, 'privacy_syncCalendar'],
    // Read as sync reads it: anything but `enabled: true` is off.
    [{ enabled: 'yes' }, null, 'welcome_pointPrivate'],
    ['garbage', undefined, 'welcome_pointPrivate'],
  ])('sync %j, calendar %j → %s', (prefs, account, key) => {
    expect(whereCardsStayKey(prefs, account)).toBe(key);
  });
});
