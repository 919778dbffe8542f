import { describe, expect, it } from 'vitest';
import { cardDeadlines } from '../../lib/cards/deadlines';
import type { Card, CardEvent } from '../../lib/cards/schema';
import { t } from '../../lib/browser/i18n';
import { classifySyncError, SYNC_ERROR_MESSAGES } from '../../lib/sync/errors';
import { cardKey, readItems } from '../../lib/sync/items';
import { itemBytes, SYNC_LIMITS } from '../../lib/sync/limits';
import { EMPTY_BASE } from '../../lib/sync/merge-step';
import { syncRound } from '../../lib/sync/round';
import { BURST, maxWritesIn, REFILL_MS, takeTokens } from '../../lib/sync/write-budget';
import { makeCard } from './card-fixture';
import { browserItemBytes, CHROME_ERRORS, FakeSyncArea } from './fake-sync-area';
import { SimNetwork } from './sync-sim';

const NOW = Date.UTC(2026, 10 /* Nov */, 27, 8);

describe('the fake storage.sync refuses what Chrome refuses, with its messages', () => {
  it.each([
    ['an item over 8 KB', { big: 'x'.repeat(8_192) }, CHROME_ERRORS.perItem],
    ['100 KB in all', Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${i}`, 'x'.repeat(8_000)])), CHROME_ERRORS.total],
    ['more than 512 items', Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`k${i}`, 1])), CHROME_ERRORS.items],
  ])('%s', async (_name, items, message) => {
    const area = new FakeSyncArea(() => NOW);
    await area.set({ kept: 'before' });
    await expect(area.set(items)).rejects.toThrow(message);
    // A refused write changes nothing.
    expect(await area.get(null)).toEqual({ kept: 'before' });
  });

  it('an item of exactly 8 KB (key plus JSON, in UTF-8 bytes) is accepted', async () => {
    const area = new FakeSyncArea(() => NOW);
    const value = 'x'.repeat(8_192 - 'k'.length - 2);
    expect(itemBytes('k', value)).toBe(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);
    await area.set({ k: value });
    // Chinese counts three bytes a character, as Chrome counts it.
    expect(itemBytes('k', '紫卡')).toBe(1 + 2 + 6);
  });

  it("counts `<`, U+2028 and U+2029 as Chrome stores them (6 bytes), `>`, `&` and `'` as 1", () => {
    // Measured with chrome.storage.sync.getBytesInUse in Chromium 156 (tests/e2e/sync.spec.ts).
    expect(itemBytes('lt', '余额‹5元<'.repeat(20))).toBe(384);
    expect(itemBytes('seps', '\u2028\u2029'.repeat(10))).toBe(126);
    expect(itemBytes('gt', ">&'".repeat(20))).toBe(64);
    expect(itemBytes('del', '\u007f'.repeat(10))).toBe(15);
    expect(itemBytes('nested', { card: { notes: '<b>&</b>\u2028', history: [{ id: 'x<y', amount: 12.75 }] } })).toBe(96);
    // A lone surrogate: Chrome 3 bytes (U+FFFD), Firefox 6 (`\ud800`); the larger is counted.
    expect(itemBytes('lone', 'a\ud800b')).toBe(14);
    for (const counting of ['chrome', 'firefox'] as const)
      for (const value of ['<'.repeat(100), '\u2028x\u2029', 'a\ud800b', { n: 1795482000000 }, '紫卡>&'])
        expect(itemBytes('k', value)).toBeGreaterThanOrEqual(browserItemBytes('k', value, counting));
  });

  it('an item that JSON.stringify counts under 8 KB but Chrome over it is refused, and planned as Chrome counts it', async () => {
    const notes = '余额<\u2028'.repeat(500);
    expect(new TextEncoder().encode(JSON.stringify(notes)).length).toBeLessThan(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);
    const area = new FakeSyncArea(() => NOW);
    await expect(area.set({ k: notes })).rejects.toThrow(CHROME_ERRORS.perItem);
    // The card with those notes cannot be compacted (its size is its notes): it stays local, and nothing is refused.
    const card = makeCard('lt', { notes });
    expect(new TextEncoder().encode(JSON.stringify({ card })).length).toBeLessThan(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);
    const { plan } = round([card]);
    expect(plan.localOnly).toEqual([{ id: 'lt', label: 'Card lt', reason: 'too-big' }]);
    await area.set(plan.set);
    expect(area.refused).toEqual([CHROME_ERRORS.perItem]);
    expect(Object.keys(await area.get(null))).toEqual(['settings']);
  });

  it('the 121st write in a minute and the 1,801st in an hour are refused', async () => {
    let now = NOW;
    const area = new FakeSyncArea(() => now);
    for (let i = 0; i < 120; i++) await area.set({ k: i });
    await expect(area.set({ k: 'one more' })).rejects.toThrow(CHROME_ERRORS.perMinute);
    await expect(area.remove('k')).rejects.toThrow(CHROME_ERRORS.perMinute);
    for (let minute = 1; minute < 15; minute++) {
      now = NOW + minute * 60_001;
      for (let i = 0; i < 120; i++) await area.set({ k: i });
    }
    now += 60_001;
    await expect(area.set({ k: 'one more' })).rejects.toThrow(CHROME_ERRORS.perHour);
    expect(area.writes.length).toBe(1_800);
  });
});

describe('the user is told what went wrong, and that the cards here are safe', () => {
  it.each([
    [CHROME_ERRORS.perItem, 'quota-item', 'too large for sync'],
    [CHROME_ERRORS.total, 'quota-bytes', 'Sync storage is full (100 KB)'],
    ['QUOTA_BYTES quota exceeded', 'quota-bytes', 'Sync storage is full (100 KB)'],
    [CHROME_ERRORS.items, 'max-items', 'too many items (512)'],
    [CHROME_ERRORS.perMinute, 'rate', 'sent within a minute'],
    [CHROME_ERRORS.perHour, 'rate', 'sent within a minute'],
    ['QuotaExceededError: storage.sync API call exceeded its quota limitations.', 'quota-bytes', 'Sync storage is full'],
    ['An unexpected error occurred', 'unavailable', 'could not be reached'],
  ])('%s', (message, kind, text) => {
    expect(classifySyncError(new Error(message))).toBe(kind);
    const shown = t(SYNC_ERROR_MESSAGES[classifySyncError(new Error(message))]);
    expect(shown).toContain(text);
    expect(shown).toContain('safe in this browser');
  });
});

describe('writes are spent from a budget that stays under Chrome rates', () => {
  it('allows at most 120 writes in any minute and 1,800 in any hour, by arithmetic', () => {
    expect(maxWritesIn(60_000)).toBeLessThanOrEqual(SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_MINUTE);
    expect(maxWritesIn(3_600_000)).toBeLessThanOrEqual(SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_HOUR);
  });

  it('a burst takes the bucket, then waits for one token every REFILL_MS', () => {
    let budget: Parameters<typeof takeTokens>[0];
    for (let i = 0; i < BURST; i++) {
      const taken = takeTokens(budget, 1, NOW);
      expect(taken.ok).toBe(true);
      if (taken.ok) budget = taken.budget;
    }
    expect(takeTokens(budget, 1, NOW)).toEqual({ ok: false, retryAt: NOW + REFILL_MS });
    expect(takeTokens(budget, 1, NOW + REFILL_MS).ok).toBe(true);
  });

  it('a burst of 1,500 changes over an hour in one browser never meets a refused write', async () => {
    const net = new SimNetwork(2);
    const [browser] = net.browsers;
    browser!.cards = [makeCard('a')];
    await browser!.sync();
    for (let i = 0; i < 1_500; i++) {
      // Every 2.4 s on average, in bursts: 30 changes in one second, then a pause.
      net.now += i % 30 === 0 ? 70_000 : 33;
      browser!.cards = [{ ...browser!.cards[0]!, notes: `change ${i}`, updatedAt: new Date(net.now).toISOString() }];
      await browser!.sync();
      await net.runDueRetries();
    }
    await net.settle();
    const writes = browser!.area.writes;
    const most = (windowMs: number) => Math.max(...writes.map((at) => writes.filter((w) => w >= at && w < at + windowMs).length));
    expect(browser!.area.refused).toEqual([]);
    expect(most(60_000)).toBeLessThanOrEqual(SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_MINUTE);
    expect(most(3_600_000)).toBeLessThanOrEqual(SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_HOUR);
    // Batched: far fewer writes than changes, and the last change arrived all the same.
    expect(writes.length).toBeLessThan(1_500);
    expect(net.browsers[1]!.cards[0]!.notes).toBe('change 1499');
  }, 60_000);
});

const used = (n: number, from = 0): CardEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `used-${String(i + from).padStart(4, '0')}-a5b8c1d2-e3f4-4a5b-8c9d-0e1f2a3b4c5d`,
    date: new Date(Date.UTC(2024, 0, 1) + (i + from) * 2 * 86_400_000).toISOString().slice(0, 10),
    kind: 'used',
    activity: 'call',
    note: 'called the hotline to keep it',
  }));

function round(cards: Card[], remote: Record<string, unknown> = {}) {
  return syncRound({ local: cards, keptAsideIds: new Set(), settings: {}, base: EMPTY_BASE, remote, device: 'dev0', now: new Date(NOW) });
}

describe('a card too large for one item syncs a compacted history, never a wrong deadline', () => {
  it('a keep-alive card with 300 uses syncs its recent events, with the same deadline', () => {
    const card = makeCard('keep', {
      rule: { type: 'keepAlive', anchorDate: '2024-01-01', window: { count: 180, unit: 'days' }, graceDays: 30 },
      history: used(300),
    });
    const { plan } = round([card]);
    const item = plan.set[cardKey('keep')] as { card: Card };
    expect(itemBytes(cardKey('keep'), item)).toBeLessThanOrEqual(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);
    expect(item.card.history.length).toBeLessThan(300);
    expect(cardDeadlines(item.card)).toEqual(cardDeadlines(card));
    // The most recent event is among those kept.
    expect(item.card.history.at(-1)!.id).toBe(card.history.at(-1)!.id);
    expect(plan.compacted).toEqual([{ id: 'keep', label: 'Card keep', leftOut: 300 - item.card.history.length }]);
  });

  it('a plan cycle whose every renewal counts is not cut: it stays local, and the user is told', () => {
    const renewals = Array.from({ length: 120 }, (_, i) => ({
      id: `renewal-${i}-a5b8c1d2-e3f4-4a5b-8c9d-0e1f2a3b4c5d`,
      date: new Date(Date.UTC(2016, 0, 1) + i * 30 * 86_400_000).toISOString().slice(0, 10),
      kind: 'renewed' as const,
      amount: 3,
      currency: 'USD',
    }));
    const card = makeCard('cycle', {
      rule: { type: 'cycle', anchorDate: '2016-01-01', period: { count: 30, unit: 'days' } },
      history: renewals,
    });
    const { plan } = round([card]);
    expect(plan.set[cardKey('cycle')]).toBeUndefined();
    expect(plan.localOnly).toEqual([{ id: 'cycle', label: 'Card cycle', reason: 'too-big' }]);
  });

  it('a browser that receives the compacted card and merges it keeps every event it held', () => {
    const card = makeCard('keep', {
      rule: { type: 'keepAlive', anchorDate: '2024-01-01', window: { count: 180, unit: 'days' } },
      history: used(300),
    });
    const first = round([card]);
    const second = round([card], first.plan.set);
    expect(second.cards[0]!.history.length).toBe(300);
    expect(second.plan.set).toEqual({});
  });
});

describe('when the cards pass 100 KB, the newest stay local and the user is told which', () => {
  it('writes what fits, in one accepted write, and names the cards that stay local', async () => {
    const cards = Array.from({ length: 60 }, (_, i) =>
      makeCard(`c${String(i).padStart(2, '0')}`, {
        notes: '备注'.repeat(500),
        createdAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(),
      }),
    );
    const { plan } = round(cards);
    const area = new FakeSyncArea(() => NOW);
    await area.set(plan.set);
    expect(await area.getBytesInUse()).toBe(plan.bytes);
    expect(plan.bytes).toBeLessThanOrEqual(SYNC_LIMITS.QUOTA_BYTES);
    expect(plan.localOnly.length).toBeGreaterThan(0);
    expect(plan.localOnly.every((card) => card.reason === 'no-room')).toBe(true);
    // The newest cards give way: every card that stays local is newer than every card synced.
    const synced = Object.keys(plan.set).filter((key) => key.startsWith('c.'));
    expect(synced.length + plan.localOnly.length).toBe(60);
    const oldestLocal = Math.min(...plan.localOnly.map((card) => Number(card.id.slice(1))));
    expect(Math.max(...synced.map((key) => Number(key.slice(3))))).toBeLessThan(oldestLocal);
    expect(t('sync_localOnlyNoRoom', plan.localOnly[0]!.label)).toBe(
      `${plan.localOnly[0]!.label}: no room left in sync storage (100 KB in all)`,
    );
  });

  it('items written by a later version are read as unknown and never overwritten', () => {
    const later = { v: 2, shape: 'new' };
    const remote = { [cardKey('a')]: later };
    expect(readItems(remote).untouchable).toEqual([cardKey('a')]);
    const { plan } = round([makeCard('a')], remote);
    expect(plan.set[cardKey('a')]).toBeUndefined();
    expect(plan.remove).toEqual([]);
  });
});
