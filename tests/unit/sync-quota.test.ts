import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card, CardEvent } from '../../lib/cards/schema';
import { cardKey } from '../../lib/sync/items';
import { SYNC_LIMITS } from '../../lib/sync/limits';
import { makeCard } from './card-fixture';
import { browserItemBytes, type Counting } from './fake-sync-area';
import { runs } from './property-runs';
import { SimBrowser } from './sync-sim';

/*
 * Every byte written is planned, tombstones included: no planned write passes a quota as
 * the browser counts it (tests/unit/fake-sync-area.ts counts on its own code), so sync
 * storage never refuses a `set` for a quota and sync never stops.
 */

const START = Date.UTC(2026, 2 /* Mar */, 10, 8);
const DAY = 86_400_000;

const events = (cardId: string, n: number, kind: CardEvent['kind'] = 'renewed'): CardEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${cardId}-event-${String(i).padStart(3, '0')}-a5b8c1d2-e3f4-4a5b-8c9d-0e1f2a3b4c5d`,
    date: new Date(Date.UTC(2026, 0, 1) + i * DAY).toISOString().slice(0, 10),
    kind,
  })) as CardEvent[];

function browser(counting: Counting = 'chrome') {
  let now = START;
  const b = new SimBrowser(0, 'dev0', () => now, counting);
  return {
    b,
    tick(ms: number) {
      now += ms;
    },
    get now() {
      return now;
    },
  };
}

/** What the area holds, as the browser counts it, and that no quota is passed. */
function checkArea(area: SimBrowser['area']) {
  const items = [...area.items.entries()];
  let bytes = 0;
  for (const [key, value] of items) {
    const size = browserItemBytes(key, value, area.counting);
    expect(size).toBeLessThanOrEqual(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);
    bytes += size;
  }
  expect(bytes).toBeLessThanOrEqual(SYNC_LIMITS.QUOTA_BYTES);
  expect(items.length).toBeLessThanOrEqual(SYNC_LIMITS.MAX_ITEMS);
}

describe('storage full of cards: deletions and renewals keep reaching sync storage', () => {
  it('30 cards that stayed local are deleted: the write is planned with their tombstones, accepted, and the deletions that wait are named', async () => {
    const sim = browser();
    // 200 cards of 12 renewals each: the first ~100 fill sync storage, the rest stay local.
    const cards: Card[] = Array.from({ length: 200 }, (_, i) => {
      const id = `c${String(i).padStart(3, '0')}`;
      return makeCard(id, { history: events(id, 12), createdAt: new Date(Date.UTC(2025, 0, 1) + i * DAY).toISOString() });
    });
    sim.b.cards = cards;
    await sim.b.sync();
    const localOnly = sim.b.lastPlan!.localOnly.map((card) => card.id);
    expect(localOnly.length).toBeGreaterThan(60);
    // The renewals of the cards that stayed local are undone (their ids are remembered as removed), then 30 of them are deleted.
    sim.tick(60_000);
    sim.b.cards = sim.b.cards.map((card) =>
      localOnly.includes(card.id) ? { ...card, history: [], updatedAt: new Date(sim.now).toISOString() } : card,
    );
    await sim.b.sync();
    sim.tick(60_000);
    const deleted = new Set(localOnly.slice(0, 30));
    sim.b.cards = sim.b.cards.filter((card) => !deleted.has(card.id));
    await sim.b.sync();
    const plan = sim.b.lastPlan!;
    // The tombstones alone are more than the room left: without planning them, the `set` passes 100 KB.
    const tombstoneBytes = [...deleted].reduce((sum, id) => sum + browserItemBytes(cardKey(id), sim.b.base.cards[id], 'chrome'), 0);
    expect((await sim.b.area.getBytesInUse()) + tombstoneBytes).toBeGreaterThan(SYNC_LIMITS.QUOTA_BYTES);
    expect(sim.b.area.refused).toEqual([]);
    expect(plan.deletionsLeftOut.length).toBeGreaterThan(0);
    for (const id of plan.deletionsLeftOut) expect(deleted.has(id)).toBe(true);
    checkArea(sim.b.area);
    // No card is lost: every card not deleted is still here.
    expect(sim.b.cards.length).toBe(170);

    // Then 10 renewals of synced cards: each reaches sync storage or is named as stale, and nothing is refused.
    const synced = sim.b.cards.filter((card) => !localOnly.includes(card.id)).slice(0, 10);
    for (const [i, card] of synced.entries()) {
      sim.tick(10 * 60_000);
      const renewal: CardEvent = { id: `renewal-${i}`, date: '2026-03-10', kind: 'renewed' };
      sim.b.cards = sim.b.cards.map((c) =>
        c.id === card.id ? { ...c, history: [...c.history, renewal], updatedAt: new Date(sim.now).toISOString() } : c,
      );
      await sim.b.sync();
      const stored = (await sim.b.area.get(null))[cardKey(card.id)] as { card: Card };
      const reached = stored.card.history.some((event) => event.id === renewal.id);
      const stale = sim.b.lastPlan!.stale.map((s) => s.id);
      expect(reached || stale.includes(card.id), `renewal of ${card.id}`).toBe(true);
      expect(reached && stale.includes(card.id)).toBe(false);
    }
    expect(sim.b.area.refused).toEqual([]);
    checkArea(sim.b.area);
  }, 30_000);

  it.each(['no-room', 'too-big'] as const)('a synced card that cannot grow (%s) is reported stale, never as in sync', async (reason) => {
    const sim = browser();
    // Cards of ~4 KB fill the planned quota; the newest stay local.
    sim.b.cards = Array.from({ length: 30 }, (_, i) =>
      makeCard(`n${i}`, { notes: '备注<'.repeat(250), createdAt: new Date(Date.UTC(2025, 0, 1) + i * DAY).toISOString() }),
    );
    await sim.b.sync();
    const inStorage = Object.keys(await sim.b.area.get(null)).filter((key) => key.startsWith('c.'));
    expect(inStorage.length).toBeLessThan(30);
    const target = inStorage[0]!.slice(2);
    // Another browser's items (a later format, left alone) leave 300 bytes of room.
    const room = SYNC_LIMITS.QUOTA_BYTES - 2_048 - (await sim.b.area.getBytesInUse());
    if (room > 400) sim.b.area.receive({ key: 'later', value: { v: 2, pad: 'x'.repeat(room - 300 - 'later'.length - 20) } });
    // A renewal, and notes that make the item grow by more than the room left (or past 8 KB).
    const grow = reason === 'no-room' ? 'x'.repeat(500) : '<'.repeat(1_000);
    sim.tick(60_000);
    sim.b.cards = sim.b.cards.map((c) =>
      c.id === target ? { ...c, notes: c.notes + grow, history: events(c.id, 1), updatedAt: new Date(sim.now).toISOString() } : c,
    );
    await sim.b.sync();
    expect(sim.b.area.refused).toEqual([]);
    const stored = (await sim.b.area.get(null))[cardKey(target)] as { card: Card };
    expect(stored.card.history).toEqual([]);
    expect(sim.b.lastPlan!.stale).toEqual([{ id: target, label: `Card ${target}`, reason }]);
    expect(sim.b.lastPlan!.localOnly.map((c) => c.id)).not.toContain(target);
    // Once it fits again, it syncs and is no longer stale.
    sim.tick(60_000);
    sim.b.cards = sim.b.cards.map((c) => (c.id === target ? { ...c, notes: '', updatedAt: new Date(sim.now).toISOString() } : c));
    await sim.b.sync();
    expect(sim.b.lastPlan!.stale).toEqual([]);
    expect(((await sim.b.area.get(null))[cardKey(target)] as { card: Card }).card.history.length).toBe(1);
  });
});

describe('property: no planned write ever passes a quota, as Chrome or Firefox counts it', () => {
  const noteChars = fc.constantFrom('<', '>', '&', "'", '\u2028', '\u2029', '余', '额', '‹', 'a', '😀', '\n', '"');
  const notesArb = fc.oneof(
    fc.constant(''),
    fc
      .tuple(fc.array(noteChars, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1_500 }))
      .map(([chars, n]) => chars.join('').repeat(n).slice(0, 2_000)), // Notes hold at most 2,000 characters (lib/cards/schema.ts).
  );
  const cardArb = fc.record({ notes: notesArb, events: fc.nat(60) });
  const stepArb = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(4), count: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('renew' as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ kind: fc.constant('notes' as const), pick: fc.nat(), notes: notesArb }),
    fc.record({ kind: fc.constant('add' as const), cards: fc.array(cardArb, { maxLength: 6 }) }),
    fc.record({ kind: fc.constant('undo' as const), pick: fc.nat(4), count: fc.integer({ min: 1, max: 40 }) }),
    // Weighted: the step that made sync stop for good (issue 17).
    fc.record({ kind: fc.constant('purge' as const), pick: fc.nat(4), count: fc.integer({ min: 10, max: 40 }) }),
    fc.record({ kind: fc.constant('purge' as const), pick: fc.nat(4), count: fc.integer({ min: 10, max: 40 }) }),
  );

  it('for random cards, deletions and notes full of escaped characters', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Enough cards to fill sync storage most of the time (fast-check keeps arrays short unless told).
        fc.array(cardArb, { minLength: 40, maxLength: 70 }),
        fc.array(stepArb, { minLength: 1, maxLength: 5 }),
        fc.constantFrom<Counting>('chrome', 'firefox'),
        async (initial, steps, counting) => {
          const sim = browser(counting);
          let serial = 0;
          const make = (spec: { notes: string; events: number }): Card => {
            const id = `p${serial++}`;
            return makeCard(id, {
              notes: spec.notes,
              history: events(id, spec.events),
              createdAt: new Date(START - 400 * DAY + serial * DAY).toISOString(),
            });
          };
          sim.b.cards = initial.map(make);
          const check = async () => {
            await sim.b.sync();
            expect(sim.b.area.refused).toEqual([]);
            expect(sim.b.errors).toEqual([]);
            const plan = sim.b.lastPlan!;
            for (const [key, value] of Object.entries(plan.set))
              expect(browserItemBytes(key, value, counting)).toBeLessThanOrEqual(SYNC_LIMITS.QUOTA_BYTES_PER_ITEM);
            checkArea(sim.b.area);
          };
          await check();
          for (const step of steps) {
            sim.tick(5 * 60_000);
            const at = new Date(sim.now).toISOString();
            const cards = sim.b.cards;
            if (cards.length === 0 && step.kind !== 'add') continue;
            // Counted from the newest card: the ones that stay local when storage is full.
            const pickOne = (pick: number) => cards[cards.length - 1 - (pick % cards.length)]!;
            if (step.kind === 'delete') {
              const gone = new Set(Array.from({ length: step.count }, (_, i) => pickOne(step.pick + i).id));
              sim.b.cards = cards.filter((card) => !gone.has(card.id));
            } else if (step.kind === 'renew') {
              const card = pickOne(step.pick);
              const more = Array.from({ length: step.count }, (_, i) => ({
                id: `${card.id}-r${sim.now}-${i}`,
                date: '2026-03-10',
                kind: 'renewed' as const,
              }));
              sim.b.cards = cards.map((c) => (c === card ? { ...c, history: [...c.history, ...more], updatedAt: at } : c));
            } else if (step.kind === 'notes') {
              const card = pickOne(step.pick);
              sim.b.cards = cards.map((c) => (c === card ? { ...c, notes: step.notes, updatedAt: at } : c));
            } else if (step.kind === 'purge') {
              // Every event of some cards undone (a round), then those cards deleted: tombstones that remember each removed event.
              const undone = new Set(Array.from({ length: step.count }, (_, i) => pickOne(step.pick + i).id));
              sim.b.cards = cards.map((c) => (undone.has(c.id) ? { ...c, history: [], updatedAt: at } : c));
              await check();
              sim.tick(60_000);
              sim.b.cards = sim.b.cards.filter((c) => !undone.has(c.id));
            } else if (step.kind === 'undo') {
              // Every event of some cards undone: their ids are remembered as removed, and go with a tombstone.
              const undone = new Set(Array.from({ length: step.count }, (_, i) => pickOne(step.pick + i).id));
              sim.b.cards = cards.map((c) => (undone.has(c.id) ? { ...c, history: [], updatedAt: at } : c));
            } else sim.b.cards = [...cards, ...step.cards.map(make)];
            const before = new Set(sim.b.cards.map((card) => card.id));
            await check();
            // Never a card lost: a single browser's round keeps every local card.
            expect(new Set(sim.b.cards.map((card) => card.id))).toEqual(before);
          }
        },
      ),
      { seed: 20261202, numRuns: runs(12), endOnFailure: true },
    );
  }, 60_000);
});
