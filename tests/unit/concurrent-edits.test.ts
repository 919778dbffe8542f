import fc from 'fast-check';
import { runs } from './property-runs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CardDeletedError, deleteCard, recordEvent, restoreCard, saveEditedCard } from '../../lib/store/card-actions';
import { applyCatalogUpdate } from '../../lib/store/catalog-update';
import { createReminderService, type Browser } from '../../lib/reminders/service';
import { BUTTON_RENEW, notificationIdOf } from '../../lib/reminders/notification';
import { snoozeCard } from '../../lib/reminders/snooze';
import {
  NewerDataError,
  cardsItem,
  discardInvalidEntry,
  loadCards,
  loadSettings,
  saveSettings,
  settingsItem,
  updateCards,
  watchCards,
} from '../../lib/store/storage';
import { makeCard } from './card-fixture';

const now = new Date('2026-03-10T04:00:00.000Z');

describe('Renewed in the popup while the options page deletes, then Undo', () => {
  it('deleteCard gives the card as stored at deletion, with a renewal recorded a moment before', async () => {
    await updateCards(() => [makeCard('a')]);
    const shownInOptions = (await loadCards()).cards[0]!;
    await recordEvent('a', { kind: 'renewed', id: 'r1' }, now);
    const deleted = await deleteCard(shownInOptions.id);
    expect(deleted?.history.map((e) => e.id)).toEqual(['r1']);
    await restoreCard(deleted!);
    expect((await loadCards()).cards[0]?.history.map((e) => e.id)).toEqual(['r1']);
  });

  it('a renewal after the deletion is not recorded, and says so', async () => {
    await updateCards(() => [makeCard('a')]);
    await deleteCard('a');
    expect(await recordEvent('a', { kind: 'renewed' }, now)).toBe(false);
    expect(await recordEvent('missing', { kind: 'renewed' }, now)).toBe(false);
  });

  it('Undo merges with a copy that exists again meanwhile (restored elsewhere, then renewed)', async () => {
    await updateCards(() => [makeCard('a', { history: [{ id: 'e0', date: '2026-03-01', kind: 'activated' }] })]);
    const deleted = (await deleteCard('a'))!;
    await restoreCard(deleted); // another page's Undo
    await recordEvent('a', { kind: 'renewed', id: 'r2' }, now);
    await restoreCard(deleted); // this page's Undo, later
    const cards = (await loadCards()).cards;
    expect(cards).toHaveLength(1);
    expect(cards[0]!.history.map((e) => e.id).sort()).toEqual(['e0', 'r2']);
  });

  /*
   * Random interleavings of the popup's "Renewed" (each run under the lock, as the real
   * one is) with one or two pages that delete and later undo. Whatever the order, every
   * renewal that reported success is in the card after the last undo.
   */
  it('loses no recorded renewal, over random interleavings of record, delete and undo', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.scheduler(), async (renewals, twoDeleters, s) => {
        fakeBrowser.reset();
        await updateCards(() => [makeCard('a')]);
        const recorded: string[] = [];
        // Each page runs its steps in order; before each step the scheduler lets any other page go first.
        const turn = () => s.schedule(Promise.resolve());
        const popup = async () => {
          for (let n = 0; n < renewals; n++) {
            await turn();
            if (await recordEvent('a', { kind: 'renewed', id: `r${n}` }, now)) recorded.push(`r${n}`);
          }
        };
        const deleter = async () => {
          await turn();
          const deleted = await deleteCard('a');
          await turn();
          if (deleted) await restoreCard(deleted);
        };
        const pages = [popup(), deleter(), ...(twoDeleters ? [deleter()] : [])];
        await s.waitFor(Promise.all(pages));
        const cards = (await loadCards()).cards;
        expect(cards).toHaveLength(1);
        const history = cards[0]!.history.map((e) => e.id);
        for (const id of recorded) expect(history).toContain(id);
        // And nothing was recorded twice.
        expect(new Set(history).size).toBe(history.length);
      }),
      { seed: 72_026, numRuns: runs(500) },
    );
  }, 60_000);
});

describe('editing a card that another page deletes', () => {
  it('saveEditedCard refuses with CardDeletedError and stores nothing', async () => {
    await updateCards(() => [makeCard('a'), makeCard('b')]);
    const original = (await loadCards()).cards[0]!;
    await deleteCard('a');
    await expect(saveEditedCard(original, { ...original, notes: 'typed' })).rejects.toBeInstanceOf(CardDeletedError);
    expect((await loadCards()).cards.map((c) => c.id)).toEqual(['b']);
  });
});

describe('settings, field by field', () => {
  it('keeps Tokyo when the reminder time is "nine", and names the field at fault', async () => {
    await settingsItem.setValue({ timeZone: 'Asia/Tokyo', reminderTime: 'nine' });
    const snapshot = await loadSettings();
    expect(snapshot.settings).toEqual({ timeZone: 'Asia/Tokyo' });
    expect(snapshot.problems).toHaveLength(1);
    expect(snapshot.problems?.[0]).toMatch(/^reminderTime: /);
    expect(snapshot.invalidFields?.reminderTime?.stored).toBe('nine');
  });

  it('saving another field never overwrites the invalid stored value', async () => {
    await settingsItem.setValue({ timeZone: 'Asia/Tokyo', reminderTime: 'nine', futureSetting: { a: 1 } });
    await saveSettings({ escalateHours: 4 });
    expect(await settingsItem.getValue()).toEqual({
      timeZone: 'Asia/Tokyo',
      reminderTime: 'nine',
      futureSetting: { a: 1 },
      escalateHours: 4,
    });
    await saveSettings({ reminderTime: '08:00', timeZone: null });
    expect(await settingsItem.getValue()).toEqual({ timeZone: null, reminderTime: '08:00', futureSetting: { a: 1 }, escalateHours: 4 });
  });
});

describe('data from a newer version', () => {
  beforeEach(async () => {
    await cardsItem.setValue([makeCard('a'), { not: 'a card' }]);
    await cardsItem.setMeta({ v: 2 });
  });

  it('is read, and marked read-only', async () => {
    const snapshot = await loadCards();
    expect(snapshot.cards.map((c) => c.id)).toEqual(['a']);
    expect(snapshot.newerVersion).toBe(2);
  });

  it('refuses every card write, leaving the stored data exactly as it was', async () => {
    const before = structuredClone(await cardsItem.getValue());
    const card = (await loadCards()).cards[0]!;
    const writes = [
      () => updateCards((cards) => cards),
      () => recordEvent('a', { kind: 'renewed' }, now),
      () => deleteCard('a'),
      () => restoreCard(makeCard('z')),
      () => saveEditedCard(card, { ...card, notes: 'x' }),
      () => snoozeCard('a', now, 'Asia/Shanghai'),
      () => discardInvalidEntry(JSON.stringify({ not: 'a card' })),
    ];
    for (const write of writes) await expect(write()).rejects.toBeInstanceOf(NewerDataError);
    expect(await cardsItem.getValue()).toEqual(before);
    expect(await cardsItem.getMeta()).toEqual({ v: 2 });
  });

  it("the background's writes are refused too: catalog update, stale snooze clearing, the Snooze button", async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const snoozed = makeCard('a', { providerId: 'giffgaff', overrides: [], reminders: { enabled: true, snoozedUntil: now.toISOString() } });
    await fakeBrowser.storage.local.set({ cards: [snoozed] });
    const before = structuredClone(await cardsItem.getValue());
    await applyCatalogUpdate(now);
    const service = createReminderService({ browser: fakeBrowser as unknown as Browser, now: () => now, browserZone: () => 'UTC' });
    const renewed = { ...snoozed, history: [{ id: 'r', date: '2026-03-10', kind: 'renewed' as const }] };
    await service.handleCardsChanged([renewed], [snoozed]);
    await service.handleNotificationButton(notificationIdOf('a'), 1);
    expect(await cardsItem.getValue()).toEqual(before);
    expect(error.mock.calls.some(([, e]) => e instanceof NewerDataError)).toBe(true);
  });

  it('refuses a settings write', async () => {
    await settingsItem.setValue({ reminderTime: '08:00' });
    await settingsItem.setMeta({ v: 3 });
    expect((await loadSettings()).newerVersion).toBe(3);
    await expect(saveSettings({ reminderTime: '09:00' })).rejects.toBeInstanceOf(NewerDataError);
    expect(await settingsItem.getValue()).toEqual({ reminderTime: '08:00' });
  });

  it('a page watching the cards hears of the newer version', async () => {
    await cardsItem.setMeta({ v: 1 });
    const onChange = vi.fn();
    watchCards(onChange);
    await cardsItem.setMeta({ v: 2 });
    await vi.waitFor(() => expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ newerVersion: 2 })));
  });
});

describe('a notification for a card with a look-alike link', () => {
  it.each([
    ['clicked', (s: ReturnType<typeof createReminderService>) => s.handleNotificationClicked(notificationIdOf('gg'))],
    [
      'Open renewal site',
      (s: ReturnType<typeof createReminderService>) => s.handleNotificationButton(notificationIdOf('gg'), BUTTON_RENEW),
    ],
  ])('%s: opens the card in the options page, not the link', async (_, act) => {
    await updateCards(() => [
      makeCard('gg', { providerId: 'giffgaff', channels: { website: 'https://gіffgaff.com/', app: '', hotline: '' } }),
    ]);
    const service = createReminderService({ browser: fakeBrowser as unknown as Browser, now: () => now, browserZone: () => 'UTC' });
    await act(service);
    const urls = (await fakeBrowser.tabs.query({})).flatMap((tab) => (tab.url ? [tab.url] : []));
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/\/options\.html#card=gg$/);
  });
});
