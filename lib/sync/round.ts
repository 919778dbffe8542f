import type { Card } from '../cards/schema';
import type { SettingsV1 } from '../store/settings-schema';
import { readItems } from './items';
import { mergeCardsStep, mergeSettingsStep, type SyncBase } from './merge-step';
import { planPush, type PushPlan } from './plan-push';

/** Everything one sync round starts from; all of it read before, none of it touched here. */
export interface RoundInput {
  /** The local cards (the working copy) and the ids of stored entries kept aside as unreadable. */
  local: readonly Card[];
  keptAsideIds: ReadonlySet<string>;
  /** The local settings, or `null` when they do not validate (then they are not synced). */
  settings: SettingsV1 | null;
  base: SyncBase;
  /** Everything in sync storage, as `storage.sync.get(null)` gives it. */
  remote: Readonly<Record<string, unknown>>;
  device: string;
  now: Date;
}

/** What one round decides: the new local state, what to remember, what to write. */
export interface RoundResult {
  cards: Card[];
  /** Whether `cards` differs from the local cards (then they are written, under the cards lock). */
  cardsChanged: boolean;
  /** Whether another browser changed something here (cards or settings). */
  received: boolean;
  /** New local settings, or `null` to leave them. */
  settings: SettingsV1 | null;
  base: SyncBase;
  plan: PushPlan;
  /** Keys of items this version cannot read (a later format): left alone. */
  untouchable: string[];
}

/**
 * One sync round, pure: this browser's changes since `base` merged with sync storage,
 * and the writes that bring sync storage up to the result. The background runs it on
 * every change; the unit tests run it for several simulated browsers.
 */
export function syncRound(input: RoundInput): RoundResult {
  const { device, now } = input;
  const remote = readItems(input.remote);
  const cardStep = mergeCardsStep(input.local, input.keptAsideIds, input.base.cards, remote.cards, { device, now });
  const settingsStep = input.settings ? mergeSettingsStep(input.settings, input.base.settings, remote.settings, { device, now }) : null;
  const base: SyncBase = {
    cards: cardStep.entries,
    ...(settingsStep ? { settings: settingsStep.entry } : input.base.settings ? { settings: input.base.settings } : {}),
  };
  const plan = planPush(base.cards, settingsStep?.entry, input.remote, {
    now,
    untouchable: new Set(remote.untouchable),
    keptAsideIds: input.keptAsideIds,
  });
  return {
    cards: cardStep.cards,
    cardsChanged: cardStep.changed,
    received: cardStep.received || Boolean(settingsStep?.settings),
    settings: settingsStep?.settings ?? null,
    base,
    plan,
    untouchable: remote.untouchable,
  };
}
