import { describe, expect, it, vi } from 'vitest';
import type { Card } from '../../lib/cards/schema';
import { replaceCard, updateCard } from '../../lib/cards/ops';
import {
  cardsItem,
  discardInvalidEntry,
  loadCards,
  loadSettings,
  parseStoredCards,
  parseStoredSettings,
  saveSettings,
  settingsItem,
  updateSettings,
  updateCards,
  watchCards,
  watchSettings,
  type CardsSnapshot,
} from '../../lib/store/storage';

import { makeCard } from './card-fixture';

// tests/unit/setup.ts resets fakeBrowser (and so all storage) before each test.

/** A stored entry that is not a valid card: the anchor date does not exist. */
const brokenEntry = () => ({
  ...makeCard('broken'),
  rule: { type: 'cycle', anchorDate: '2026-02-29', period: { count: 30, unit: 'days' } },
});

/** What is in storage right now, detached from fakeBrowser's own objects. */
async function stored(): Promise<unknown> {
  return structuredClone(await cardsItem.getValue());
}

const ids = (snapshot: CardsSnapshot) => snapshot.cards.map((card) => card.id);

describe('loadCards', () => {
  it('is empty when nothing is stored', async () => {
    expect(await loadCards()).toEqual({ cards: [], invalid: [] });
  });

  it('loads the valid cards and keeps aside the invalid ones, with reasons', async () => {
    await cardsItem.setValue([makeCard('a'), brokenEntry(), makeCard('b')]);
    const snapshot = await loadCards();
    expect(ids(snapshot)).toEqual(['a', 'b']);
    expect(snapshot.invalid).toEqual([
      { raw: brokenEntry(), problems: ['rule.anchorDate: not a calendar date from 1900-01-01 to 9999-12-31 (YYYY-MM-DD)'] },
    ]);
  });

  it.each([
    ['an object', { a: makeCard('a') }],
    ['a string', 'oops'],
    ['a number', 42],
  ])('reports a stored value that is %s, without writing anything', async (_, value) => {
    await cardsItem.setValue(value);
    expect(await loadCards()).toEqual({ cards: [], invalid: [{ raw: value, problems: ['the stored value is not a list of cards'] }] });
    expect(await stored()).toEqual(value);
  });

  it('keeps the second card with an id already taken aside', async () => {
    const twin = makeCard('a', { label: 'Twin' });
    await cardsItem.setValue([makeCard('a'), twin]);
    const snapshot = await loadCards();
    expect(snapshot.cards).toEqual([makeCard('a')]);
    expect(snapshot.invalid).toEqual([{ raw: twin, problems: ['id: another card already has the id a'] }]);
  });

  it.each([
    ['a non-object entry', 17],
    ['null', null],
    ['a card with an empty label', makeCard('x', { label: '   ' })],
    ['a card with an http: link', makeCard('x', { channels: { website: 'http://example.com', app: '', hotline: '' } })],
    ['a card with an unknown zone', makeCard('x', { timeZone: 'Mars/Base' })],
  ])('keeps %s aside', async (_, entry) => {
    await cardsItem.setValue([makeCard('a'), entry]);
    const snapshot = await loadCards();
    expect(ids(snapshot)).toEqual(['a']);
    expect(snapshot.invalid).toHaveLength(1);
    expect(snapshot.invalid[0]?.raw).toEqual(entry);
    expect(snapshot.invalid[0]?.problems.length).toBeGreaterThan(0);
  });
});

describe('updateCards', () => {
  it('adds a card to an empty store', async () => {
    const snapshot = await updateCards((cards) => [...cards, makeCard('a')]);
    expect(snapshot).toEqual({ cards: [makeCard('a')], invalid: [] });
    expect(await stored()).toEqual([makeCard('a')]);
  });

  describe('invalid stored entries are kept untouched', () => {
    it.each([
      ['adding a card', (cards: Card[]) => [...cards, makeCard('c')], ['a', 'b', 'c']],
      ['editing a card', (cards: Card[]) => updateCard(cards, 'a', (card) => ({ ...card, label: 'Edited' })), ['a', 'b']],
      ['deleting a card', (cards: Card[]) => cards.filter((card) => card.id !== 'b'), ['a']],
      ['deleting every card', () => [], []],
    ])('when %s', async (_, mutate, expectedIds) => {
      const strange = { something: 'from a newer version', nested: [1, { deep: true }] };
      await cardsItem.setValue([makeCard('a'), brokenEntry(), makeCard('b'), strange]);
      const snapshot = await updateCards(mutate);
      expect(ids(snapshot)).toEqual(expectedIds);
      expect(snapshot.invalid.map((entry) => entry.raw)).toEqual([brokenEntry(), strange]);
      const after = (await stored()) as unknown[];
      expect(after).toContainEqual(brokenEntry());
      expect(after).toContainEqual(strange);
      expect(after).toHaveLength(expectedIds.length + 2);
    });
  });

  it('keeps a stored value that is not a list', async () => {
    const value = { a: makeCard('a') };
    await cardsItem.setValue(value);
    const snapshot = await updateCards((cards) => [...cards, makeCard('b')]);
    expect(ids(snapshot)).toEqual(['b']);
    // The value survives whole, as an entry kept aside in the list.
    expect(await stored()).toEqual([makeCard('b'), value]);
    expect(snapshot.invalid.map((entry) => entry.raw)).toEqual([value]);
  });

  it('keeps both cards of a duplicate id when another card changes', async () => {
    const twin = makeCard('a', { label: 'Twin' });
    await cardsItem.setValue([makeCard('a'), twin, makeCard('b')]);
    await updateCards((cards) => updateCard(cards, 'b', (card) => ({ ...card, label: 'B2' })));
    expect(await stored()).toEqual([makeCard('a'), { ...makeCard('b'), label: 'B2' }, twin]);
  });

  it('refuses to save two cards with the same id', async () => {
    await cardsItem.setValue([makeCard('a')]);
    await expect(updateCards((cards) => [...cards, makeCard('a', { label: 'Again' })])).rejects.toThrow(/id a/);
    expect(await stored()).toEqual([makeCard('a')]);
  });

  it('writes untouched cards back exactly as they were stored', async () => {
    // Fields this version does not know and an untrimmed label are kept byte for byte.
    const original = { ...makeCard('a'), label: '  spaced  ', futureField: { x: 1 } };
    await cardsItem.setValue([original, makeCard('b')]);
    await updateCards((cards) => updateCard(cards, 'b', (card) => ({ ...card, notes: 'changed' })));
    expect(await stored()).toEqual([original, { ...makeCard('b'), notes: 'changed' }]);
  });

  it.each([
    ['an empty label', (card: Card) => ({ ...card, label: '' })],
    ['an impossible date', (card: Card) => ({ ...card, rule: { ...card.rule, anchorDate: '2026-02-30' } as Card['rule'] })],
    ['a javascript: link', (card: Card) => ({ ...card, channels: { ...card.channels, website: 'javascript:alert(1)' } })],
    [
      'a period of 0 days',
      (card: Card) => ({ ...card, rule: { type: 'cycle', anchorDate: '2026-03-01', period: { count: 0, unit: 'days' } } as Card['rule'] }),
    ],
    [
      'a period of 1.5 months',
      (card: Card) => ({
        ...card,
        rule: { type: 'cycle', anchorDate: '2026-03-01', period: { count: 1.5, unit: 'months' } } as Card['rule'],
      }),
    ],
  ])('refuses an edit with %s and leaves the stored data as it was', async (_, edit) => {
    const before = [makeCard('a'), brokenEntry(), makeCard('b')];
    await cardsItem.setValue(before);
    await expect(updateCards((cards) => replaceCard(cards, edit(makeCard('a'))))).rejects.toThrow(/Refusing to save an invalid card/);
    expect(await stored()).toEqual(before);
  });

  it('refuses to add an invalid card', async () => {
    await cardsItem.setValue([makeCard('a')]);
    await expect(updateCards((cards) => [...cards, makeCard('b', { timeZone: 'Nowhere/Else' })])).rejects.toThrow();
    expect(await stored()).toEqual([makeCard('a')]);
  });

  it('two updates started together both land', async () => {
    await cardsItem.setValue([makeCard('a'), brokenEntry()]);
    const first = updateCards((cards) => [...cards, makeCard('b')]);
    const second = updateCards((cards) => updateCard(cards, 'a', (card) => ({ ...card, label: 'Renamed' })));
    const third = updateCards((cards) => [...cards, makeCard('c')]);
    await Promise.all([first, second, third]);
    const snapshot = await loadCards();
    expect(snapshot.cards).toEqual([{ ...makeCard('a'), label: 'Renamed' }, makeCard('b'), makeCard('c')]);
    expect(snapshot.invalid.map((entry) => entry.raw)).toEqual([brokenEntry()]);
  });

  it('an update that fails does not block the next one', async () => {
    const failing = updateCards(() => {
      throw new Error('boom');
    });
    const next = updateCards((cards) => [...cards, makeCard('a')]);
    await expect(failing).rejects.toThrow('boom');
    expect(ids(await next)).toEqual(['a']);
  });
});

describe('discardInvalidEntry', () => {
  it('removes only the entry named, on request', async () => {
    const other = { not: 'a card' };
    await cardsItem.setValue([makeCard('a'), brokenEntry(), other]);
    await discardInvalidEntry(JSON.stringify(brokenEntry()));
    expect(await stored()).toEqual([makeCard('a'), other]);
    await discardInvalidEntry(JSON.stringify({ no: 'such entry' }));
    expect(await stored()).toEqual([makeCard('a'), other]);
  });
});

describe('watchCards', () => {
  it('fires with parsed snapshots, and stops when unwatched', async () => {
    const onChange = vi.fn();
    const unwatch = watchCards(onChange);
    await updateCards((cards) => [...cards, makeCard('a')]);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(onChange).toHaveBeenLastCalledWith({ cards: [makeCard('a')], invalid: [] });

    await cardsItem.setValue([makeCard('a'), brokenEntry()]);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2));
    const snapshot = onChange.mock.lastCall?.[0] as CardsSnapshot;
    expect(ids(snapshot)).toEqual(['a']);
    expect(snapshot.invalid.map((entry) => entry.raw)).toEqual([brokenEntry()]);

    unwatch();
    await cardsItem.setValue([]);
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('gives an empty snapshot when the cards are removed', async () => {
    await cardsItem.setValue([makeCard('a')]);
    const onChange = vi.fn();
    watchCards(onChange);
    await cardsItem.removeValue();
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(onChange).toHaveBeenLastCalledWith({ cards: [], invalid: [] });
  });
});

describe('settings', () => {
  it('loads valid settings', async () => {
    await settingsItem.setValue({ timeZone: 'Asia/Shanghai', reminderTime: '08:30', leadDays: [7, 1] });
    expect(await loadSettings()).toEqual({
      settings: { timeZone: 'Asia/Shanghai', reminderTime: '08:30', leadDays: [7, 1] },
      problems: null,
    });
  });

  it('nothing stored is valid, empty settings', async () => {
    expect(await loadSettings()).toEqual({ settings: {}, problems: null });
  });

  it.each([
    ['a bad time', { reminderTime: '25:00', leadDays: [3] }, { leadDays: [3] }],
    ['an unknown zone', { timeZone: 'Nowhere/Else' }, {}],
    ['lead days that are not whole', { leadDays: [1.5] }, {}],
    ['not an object', 'settings', {}],
  ])('reports %s, keeps the valid fields, and leaves the stored value as it is', async (_, value, valid) => {
    await settingsItem.setValue(value);
    const snapshot = await loadSettings();
    expect(snapshot.settings).toEqual(valid);
    expect(snapshot.problems?.length).toBeGreaterThan(0);
    await loadSettings();
    expect(structuredClone(await settingsItem.getValue())).toEqual(value);
  });

  it('refuses to save invalid settings, keeping what is stored', async () => {
    await settingsItem.setValue({ reminderTime: '08:30' });
    await expect(saveSettings({ reminderTime: '8:30' })).rejects.toThrow();
    expect(structuredClone(await settingsItem.getValue())).toEqual({ reminderTime: '08:30' });
  });

  it('watchSettings fires with parsed snapshots', async () => {
    const onChange = vi.fn();
    watchSettings(onChange);
    await saveSettings({ escalateHours: 4 });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(onChange).toHaveBeenLastCalledWith({ settings: { escalateHours: 4 }, problems: null });
  });

  it('updateSettings changes some fields and keeps the conversion rates it was not asked about', async () => {
    const conversion = { homeCurrency: 'CNY', rates: { USD: 7.1, GBP: 9 } };
    await settingsItem.setValue({ reminderTime: '08:30', conversion });
    await updateSettings((stored) => ({ ...stored, reminderTime: '09:15' }));
    expect(structuredClone(await settingsItem.getValue())).toEqual({ reminderTime: '09:15', conversion });
  });

  it.each([
    ['a lower-case currency', { homeCurrency: 'cny', rates: {} }],
    ['a zero rate', { homeCurrency: 'CNY', rates: { USD: 0 } }],
    ['a rate keyed by a name', { homeCurrency: 'CNY', rates: { dollar: 7 } }],
  ])('reports conversion rates with %s', (_, conversion) => {
    expect(parseStoredSettings({ conversion }).problems?.[0]).toMatch(/^conversion/);
  });

  it('parseStoredSettings names the field at fault', () => {
    expect(parseStoredSettings({ escalateHours: 0 }).problems?.[0]).toMatch(/^escalateHours: /);
  });
});

describe('edge cases', () => {
  it('a card dated 29 February is valid in 2028 and kept aside in 2026', async () => {
    const leap = makeCard('leap', { rule: { type: 'fixed', endDate: '2028-02-29' } });
    const notLeap = { ...makeCard('not-leap'), rule: { type: 'fixed', endDate: '2026-02-29' } };
    await cardsItem.setValue([leap, notLeap]);
    const snapshot = await loadCards();
    expect(ids(snapshot)).toEqual(['leap']);
    expect(snapshot.invalid[0]?.problems).toEqual(['rule.endDate: not a calendar date from 1900-01-01 to 9999-12-31 (YYYY-MM-DD)']);
  });

  it.each([['2026-01-31'], ['2026-04-30'], ['2026-12-31']])('a month-end date %s round-trips', async (date) => {
    const card = makeCard('a', { rule: { type: 'cycle', anchorDate: date, period: { count: 1, unit: 'months' } } });
    await updateCards(() => [card]);
    expect((await loadCards()).cards).toEqual([card]);
  });

  it.each([['America/Los_Angeles'], ['Europe/London'], ['Asia/Shanghai']])('a card counted in %s keeps its zone', async (timeZone) => {
    const card = makeCard('a', { timeZone });
    await updateCards(() => [card]);
    expect((await loadCards()).cards[0]?.timeZone).toBe(timeZone);
  });

  it('parseStoredCards reads null and undefined as no cards', () => {
    expect(parseStoredCards(null)).toEqual({ cards: [], invalid: [] });
    expect(parseStoredCards(undefined)).toEqual({ cards: [], invalid: [] });
  });

  it('an event dated on a day that does not exist keeps the whole card aside', () => {
    const entry = { ...makeCard('a'), history: [{ id: 'e', date: '2026-02-29', kind: 'renewed' }] };
    const snapshot = parseStoredCards([entry]);
    expect(snapshot.cards).toEqual([]);
    expect(snapshot.invalid[0]?.problems).toEqual(['history.0.date: not a calendar date from 1900-01-01 to 9999-12-31 (YYYY-MM-DD)']);
  });
});
