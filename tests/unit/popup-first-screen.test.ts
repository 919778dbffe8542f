import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Card } from '../../lib/cards/schema';
import { buildFirstScreen, FIRST_SCREEN_ROWS, firstScreenValidUntil } from '../../lib/popup/first-screen';
import { progressPercent, usableFirstScreen, type FirstScreenInputs } from '../../lib/popup/first-screen-check';
import { createFirstScreenService, refreshFirstScreen } from '../../lib/popup/first-screen-service';
import { matchesSearch, popupRows } from '../../lib/popup/rows';
import { cardsItem, cardsRevisionItem, popupViewItem, updateCards } from '../../lib/store/storage';
import { makeCard } from './card-fixture';

const SHANGHAI = 'Asia/Shanghai';
const fixed = (id: string, endDate: string, extra: Partial<Card> = {}) => makeCard(id, { rule: { type: 'fixed', endDate }, ...extra });

/** buildFirstScreen, for sources that must give a view. */
function built(source: Parameters<typeof buildFirstScreen>[0]) {
  const view = buildFirstScreen(source);
  if (!view) throw new Error('no first screen');
  return view;
}
function build(cards: Card[], now: Date, settings: unknown = { timeZone: SHANGHAI }) {
  return built({ cards, revision: 'rev-1', settings, browserZone: 'UTC', language: 'en', now });
}
const inputs = (now: Date, overrides: Partial<FirstScreenInputs> = {}): FirstScreenInputs => ({
  revision: 'rev-1',
  settings: { timeZone: SHANGHAI },
  browserZone: 'UTC',
  language: 'en',
  now: now.getTime(),
  ...overrides,
});

describe('first screen', () => {
  // 10:00 on 22 November 2026 in Shanghai.
  const now = new Date('2026-11-22T02:00:00Z');

  it('words the first rows as the popup shows them, lost numbers last', () => {
    const view = build(
      [
        fixed('later', '2026-12-01', {
          label: 'Later',
          phoneNumber: '+1 555 010 1234',
          channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
        }),
        makeCard('lost', {
          label: 'Old',
          rule: { type: 'cycle', anchorDate: '2026-09-01', period: { count: 30, unit: 'days' }, graceDays: 30 },
        }),
        fixed('today', '2026-11-22', { label: 'Today' }),
      ],
      now,
    );
    expect(view.rows.map((row) => [row.label, row.countdown, row.status])).toEqual([
      ['Today', 'Today', 'urgent'],
      ['Later', '9 days', 'ok'],
      ['Old', 'Number lost', 'lost'],
    ]);
    expect(view.lostFrom).toBe(2);
    expect(view.texts.lostHeading).toBe('Numbers already lost (1)');
    expect(view.rows[1]!.maskedNumber).toBe('•••• 1234');
    expect(view.rows[1]!.actions.map((action) => [action.text, action.icon])).toEqual([
      ['Open renewal site', 'external'],
      ['Edit', null],
    ]);
    expect(view.texts.search).toBeNull();
    expect(view.texts.empty).toBeNull();
  });

  it('keeps only a screenful of rows, and offers search from eight cards', () => {
    const cards = Array.from({ length: 30 }, (_, i) => fixed(`c${i}`, `2026-12-${String(1 + (i % 28)).padStart(2, '0')}`));
    const view = build(cards, now);
    expect(view.rows).toHaveLength(FIRST_SCREEN_ROWS);
    expect(view.total).toBe(30);
    expect(view.texts.search).toBe('Search cards');
  });

  it('shows the empty state and the count of unreadable entries', () => {
    const view = built({ cards: [{ id: 'x' }], revision: 'r', settings: undefined, browserZone: 'UTC', language: 'en', now });
    expect(view.texts.empty?.title).toBe('Never lose a number again');
    expect(view.texts.invalid).toBe('1 stored entry could not be read; open the options to see it.');
    expect(view.settingsJson).toBe('{}');
  });

  it('leaves a card whose dates cannot be worked out to the popup itself (no first screen)', () => {
    const broken = makeCard('broken', {
      rule: { type: 'cycle', anchorDate: '9000-01-01', period: { count: 3650, unit: 'months' } },
      history: Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, date: '9000-06-01', kind: 'renewed' as const })),
    });
    expect(
      buildFirstScreen({ cards: [fixed('a', '2026-12-01'), broken], revision: 'r', settings: {}, browserZone: 'UTC', language: 'en', now }),
    ).toBeNull();
  });

  it('is usable only for the same revision, settings, browser zone and language', () => {
    const view = build([fixed('a', '2026-12-01')], now);
    expect(usableFirstScreen(view, inputs(now))).toBe(view);
    expect(usableFirstScreen(view, inputs(now, { revision: 'rev-2' }))).toBeNull();
    expect(usableFirstScreen(view, inputs(now, { revision: undefined }))).toBeNull();
    expect(usableFirstScreen(view, inputs(now, { settings: { timeZone: 'Europe/London' } }))).toBeNull();
    expect(usableFirstScreen(view, inputs(now, { settings: undefined }))).toBeNull();
    expect(usableFirstScreen(view, inputs(now, { browserZone: 'Asia/Tokyo' }))).toBeNull();
    expect(usableFirstScreen(view, inputs(now, { language: 'zh-CN' }))).toBeNull();
  });

  it('is never usable before it was computed (a clock set back) or once its window has passed', () => {
    const view = build([fixed('a', '2026-12-01')], now);
    expect(usableFirstScreen(view, inputs(new Date(now.getTime() - 1)))).toBeNull();
    expect(usableFirstScreen(view, inputs(new Date(view.validUntil - 1)))).toBe(view);
    expect(usableFirstScreen(view, inputs(new Date(view.validUntil)))).toBeNull();
  });

  it.each([null, undefined, 'view', 42, { v: 1 }, { v: 3 }, { v: 2, rows: 'no' }, { v: 2, rows: [] }])(
    'rejects what is not a view: %j',
    (stored) => {
      expect(usableFirstScreen(stored, inputs(now))).toBeNull();
    },
  );

  it('draws the period bar for the instant it is painted', () => {
    expect(progressPercent({ startsAt: 0, endsAt: 1000 }, 250)).toBe(25);
    expect(progressPercent({ startsAt: 0, endsAt: 1000 }, 5000)).toBe(100);
    expect(progressPercent({ startsAt: 0, endsAt: 1000 }, -5)).toBe(0);
    expect(progressPercent({ startsAt: 10, endsAt: 10 }, 10)).toBe(100);
  });

  describe('edge cases: midnight in the user zone', () => {
    it('expires at the user midnight, one millisecond after 23:59:59.999', () => {
      const late = new Date('2026-11-22T15:59:59.999Z'); // 23:59:59.999 in Shanghai
      const view = build([fixed('a', '2026-12-01')], late);
      expect(view.validUntil).toBe(Date.parse('2026-11-22T16:00:00Z'));
      expect(view.rows[0]!.countdown).toBe('9 days');
      // A minute later, on 23 November, the same card reads 8 days: the old view must not be painted.
      expect(usableFirstScreen(view, inputs(new Date('2026-11-22T16:01:00Z')))).toBeNull();
      expect(build([fixed('a', '2026-12-01')], new Date('2026-11-22T16:01:00Z')).rows[0]!.countdown).toBe('8 days');
    });

    it('expires when a card in another zone runs out, before the user midnight', () => {
      // A Los Angeles card whose last day is 22 Nov ends at 16:00 on 23 Nov in Shanghai.
      const la = fixed('la', '2026-11-22', { timeZone: 'America/Los_Angeles' });
      const morning = new Date('2026-11-23T02:00:00Z'); // 10:00 on 23 Nov in Shanghai
      const view = build([la], morning);
      expect(view.rows[0]!.countdown).toBe('Today');
      expect(view.validUntil).toBe(Date.parse('2026-11-23T08:00:00Z'));
    });

    it('expires when a grace period ends or a snooze runs out', () => {
      const rows = popupRows(
        [
          fixed('grace', '2026-11-20', { rule: { type: 'fixed', endDate: '2026-11-20', graceDays: 2 } }),
          fixed('snoozed', '2026-12-20', { reminders: { enabled: true, snoozedUntil: '2026-11-22T05:00:00.000Z' } }),
        ],
        now,
        SHANGHAI,
      ).rows;
      expect(firstScreenValidUntil(rows, now, SHANGHAI)).toBe(Date.parse('2026-11-22T05:00:00Z'));
      // Without the snooze, the next change is the user midnight (the grace period ends after 22 Nov).
      expect(firstScreenValidUntil(rows.slice(0, 1), now, SHANGHAI)).toBe(Date.parse('2026-11-22T16:00:00Z'));
    });

    it('counts the next midnight in the user zone across the end of daylight saving time', () => {
      const la = 'America/Los_Angeles';
      // 1 November 2026, 20:00 in Los Angeles (PST since 02:00); midnight is 08:00 UTC on 2 November.
      const evening = new Date('2026-11-02T04:00:00Z');
      const view = build([fixed('a', '2026-12-01', { timeZone: la })], evening, { timeZone: la });
      expect(view.validUntil).toBe(Date.parse('2026-11-02T08:00:00Z'));
      expect(view.timeZone).toBe(la);
    });

    it('follows the browser zone when the user has not chosen one', () => {
      const view = built({
        cards: [fixed('a', '2026-12-01')],
        revision: 'r',
        settings: {},
        browserZone: 'Asia/Tokyo',
        language: 'en',
        now: new Date('2026-11-22T14:30:00Z'), // 23:30 in Tokyo, 22:30 in Shanghai
      });
      expect(view.validUntil).toBe(Date.parse('2026-11-22T15:00:00Z'));
    });
  });
});

describe('search', () => {
  const card = { label: 'Mum 紫卡', phoneNumber: '+1 (555) 010-1234' };
  it.each([
    ['', true],
    ['mum', true],
    ['ＭＵＭ', true],
    ['紫卡', true],
    ['giff', true],
    ['1234', true],
    ['010-1234', true],
    ['１２３４', true],
    ['123', false],
    ['555', false],
    ['dad', false],
  ])('%j matches: %s', (query, expected) => {
    expect(matchesSearch(card, ['giffgaff', null], query)).toBe(expected);
  });
});

describe('cards revision and the background first screen', () => {
  it('changes the revision with every write of the cards', async () => {
    await updateCards(() => [fixed('a', '2026-12-01')]);
    const first = await cardsRevisionItem.getValue();
    await updateCards((cards) => cards);
    const second = await cardsRevisionItem.getValue();
    expect(typeof first).toBe('string');
    expect(second).not.toBe(first);
  });

  it('gives cards stored before revisions existed a revision first, and stores no view labelled with a guess', async () => {
    await cardsItem.setValue([fixed('a', '2026-12-01')]);
    await refreshFirstScreen({ browserZone: 'UTC', language: 'en', now: new Date() });
    expect(typeof (await cardsRevisionItem.getValue())).toBe('string');
    expect(await popupViewItem.getValue()).toBeNull();
    await refreshFirstScreen({ browserZone: 'UTC', language: 'en', now: new Date() });
    expect((await popupViewItem.getValue()) as { revision?: string }).toMatchObject({ revision: await cardsRevisionItem.getValue() });
  });

  it('keeps no first screen for cards saved by a newer release (the popup shows them read-only, under a banner)', async () => {
    await updateCards(() => [fixed('a', '2026-12-01')]);
    await refreshFirstScreen({ browserZone: 'UTC', language: 'en', now: new Date() });
    expect(await popupViewItem.getValue()).not.toBeNull();
    await fakeBrowser.storage.local.set({ cards$: { v: 99 } });
    await refreshFirstScreen({ browserZone: 'UTC', language: 'en', now: new Date() });
    expect(await popupViewItem.getValue()).toBeNull();
  });

  it('recomputes the view after a change, and gives a new revision to cards written by hand', async () => {
    const service = createFirstScreenService({ browser: fakeBrowser, browserZone: () => 'UTC', language: () => 'en' });
    const stop = service.watchStorage();
    await updateCards(() => [fixed('a', '2026-12-01', { label: 'First' })]);
    await vi.waitFor(async () => {
      const view = await popupViewItem.getValue();
      expect(
        usableFirstScreen(view, {
          revision: await cardsRevisionItem.getValue(),
          settings: {},
          browserZone: 'UTC',
          language: 'en',
          now: Date.now(),
        }),
      ).not.toBeNull();
    });
    const before = await cardsRevisionItem.getValue();
    // As in the service worker console: the cards alone, no revision.
    await cardsItem.setValue([fixed('b', '2026-12-01', { label: 'By hand' })]);
    await vi.waitFor(async () => {
      const revision = await cardsRevisionItem.getValue();
      expect(revision).not.toBe(before);
      const view = usableFirstScreen(await popupViewItem.getValue(), {
        revision,
        settings: {},
        browserZone: 'UTC',
        language: 'en',
        now: Date.now(),
      });
      expect(view?.rows.map((row) => row.label)).toEqual(['By hand']);
    });
    stop();
  });
});
