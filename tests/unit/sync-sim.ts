import type { Card } from '../../lib/cards/schema';
import type { SettingsV1 } from '../../lib/store/settings-schema';
import { EMPTY_BASE, type SyncBase } from '../../lib/sync/merge-step';
import { syncRound } from '../../lib/sync/round';
import { takeTokens, type WriteBudget } from '../../lib/sync/write-budget';
import { FakeSyncArea, type AreaWrite, type Counting } from './fake-sync-area';
import type { PushPlan } from '../../lib/sync/plan-push';

/*
 * Browsers simulated for sync tests: each has its own local cards and settings (the
 * working copy), its own sync base and its own `storage.sync` area (a FakeSyncArea
 * enforcing Chrome's limits). A network carries each area's writes to the other
 * browsers' areas, in whatever order and as many times as the test decides, and only
 * while both are online. Each browser syncs the way the background does: after every
 * local change, on every change arriving in its area, and when its retry time comes.
 */

/** Sync storage's items as another browser (`device`) leaves them after its first round with `cards`. */
export function syncedElsewhere(cards: readonly Card[], now: Date, device = 'other1'): Record<string, unknown> {
  return syncRound({ local: [...cards], keptAsideIds: new Set(), settings: {}, base: EMPTY_BASE, remote: {}, device, now }).plan.set;
}

export interface Message {
  to: number;
  from: number;
  change: AreaWrite;
}

export class SimBrowser {
  cards: Card[] = [];
  /** The last copy of each card deleted here (Recently deleted). */
  deletedHere = new Map<string, Card>();
  settings: SettingsV1 = {};
  base: SyncBase = EMPTY_BASE;
  budget: WriteBudget | undefined;
  retryAt: number | undefined;
  online = true;
  readonly area: FakeSyncArea;
  /** Errors the area threw at this browser (none is expected when the budget works). */
  readonly errors: string[] = [];
  rounds = 0;
  /** The plan of the last round. */
  lastPlan: PushPlan | undefined;

  constructor(
    readonly index: number,
    readonly device: string,
    private readonly clock: () => number,
    counting: Counting = 'chrome',
  ) {
    this.area = new FakeSyncArea(clock, counting);
  }

  /** One round, as the background's `run`: merge, write the local copy, then spend the budget on the writes. */
  async sync(): Promise<boolean> {
    this.rounds += 1;
    const now = this.clock();
    const result = syncRound({
      local: this.cards,
      keptAsideIds: new Set(),
      deletedHere: this.deletedHere,
      settings: this.settings,
      base: this.base,
      remote: await this.area.get(null),
      device: this.device,
      now: new Date(now),
    });
    this.cards = result.cards;
    if (result.settings) this.settings = result.settings;
    this.base = result.base;
    const { plan } = result;
    this.lastPlan = plan;
    const operations = (Object.keys(plan.set).length ? 1 : 0) + (plan.remove.length ? 1 : 0);
    if (operations === 0) {
      this.retryAt = undefined;
      return false;
    }
    const taken = takeTokens(this.budget, operations, now);
    if (!taken.ok) {
      this.retryAt = taken.retryAt;
      return false;
    }
    this.budget = taken.budget;
    try {
      if (plan.remove.length) await this.area.remove(plan.remove);
      if (Object.keys(plan.set).length) await this.area.set(plan.set);
      this.retryAt = undefined;
      return true;
    } catch (error) {
      this.errors.push((error as Error).message);
      this.retryAt = now + 60_000;
      return false;
    }
  }
}

export class SimNetwork {
  readonly browsers: SimBrowser[];
  pending: Message[] = [];
  now = Date.UTC(2026, 2 /* Mar */, 1, 8);

  constructor(count: number) {
    this.browsers = Array.from({ length: count }, (_, i) => new SimBrowser(i, `dev${i}`, () => this.now));
    for (const browser of this.browsers) {
      browser.area.onWrite = (changes) => {
        for (const other of this.browsers)
          if (other !== browser) for (const change of changes) this.pending.push({ to: other.index, from: browser.index, change });
      };
    }
  }

  /** Messages that can be delivered now: both ends online. */
  deliverable(): number[] {
    return this.pending.flatMap((m, i) => (this.browsers[m.to]!.online && this.browsers[m.from]!.online ? [i] : []));
  }

  /** Delivers one message (kept in the queue when `duplicate`), and lets the receiver sync as on `storage.onChanged`. */
  async deliver(index: number, duplicate: boolean): Promise<void> {
    const message = this.pending[index]!;
    if (!duplicate) this.pending.splice(index, 1);
    const to = this.browsers[message.to]!;
    to.area.receive(message.change);
    await to.sync();
  }

  /** Browsers whose retry time has come sync again (the retry alarm). */
  async runDueRetries(): Promise<void> {
    for (const browser of this.browsers) if (browser.retryAt !== undefined && browser.retryAt <= this.now) await browser.sync();
  }

  /**
   * Everyone online, every message delivered (in the order `pick` chooses), every retry
   * run, until nothing is left to send. Fails if that never settles.
   */
  async settle(pick: (count: number) => number = () => 0): Promise<void> {
    for (const browser of this.browsers) browser.online = true;
    for (let round = 0; round < 2_000; round++) {
      const ready = this.deliverable();
      if (ready.length > 0) {
        await this.deliver(ready[pick(ready.length) % ready.length]!, false);
        continue;
      }
      const waiting = this.browsers.filter((b) => b.retryAt !== undefined);
      if (waiting.length === 0) {
        // A last round everywhere: nothing may be left to write.
        let wrote = false;
        for (const browser of this.browsers) wrote = (await browser.sync()) || wrote;
        if (!wrote && this.pending.length === 0 && this.browsers.every((b) => b.retryAt === undefined)) return;
        continue;
      }
      this.now = Math.max(this.now, Math.min(...waiting.map((b) => b.retryAt!)));
      await this.runDueRetries();
    }
    throw new Error('sync did not settle');
  }
}
