import type { Card } from '../cards/schema';
import type { SettingsV1 } from '../store/settings-schema';
import { readItems } from './items';
import { mergeCardsStep, mergeSettingsStep, type SyncBase } from './merge-step';
import { planPush, type PushPlan, type StaleCard } from './plan-push';
import { staleElsewhere, withStaleMarker } from './stale-marker';
import { applyConfirmation, isEmptyReview, reviewMerge, unconfirmed, type SyncConfirmation, type SyncReview } from './review';

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
  /** The last copy of each card deleted in this browser (Recently deleted): what was done to it before the deletion counts. */
  deletedHere?: ReadonlyMap<string, Card>;
  /**
   * Present for a round that must not delete or bring back a card the user did not
   * confirm: the first after turning sync on, and the first after this browser was away
   * longer than tombstones are kept (`withReturning`). `confirmation`: the user's choices.
   */
  review?: { confirmation: SyncConfirmation | undefined; withReturning: boolean };
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
  /**
   * A reviewed round that found cards the user has not decided about: the round is held
   * (nothing changes here or in sync storage) until the user confirms these.
   */
  held?: SyncReview;
  /** Cards another browser could not write its latest change of: the copy here may be older (an older deadline). */
  staleElsewhere: Pick<StaleCard, 'id' | 'label'>[];
}

const NOTHING_TO_WRITE: PushPlan = {
  set: {},
  remove: [],
  localOnly: [],
  stale: [],
  deletionsLeftOut: [],
  compacted: [],
  bytes: 0,
  items: 0,
};

/**
 * One sync round, pure: this browser's changes since `base` merged with sync storage,
 * and the writes that bring sync storage up to the result. The background runs it on
 * every change; the unit tests run it for several simulated browsers.
 */
export function syncRound(input: RoundInput): RoundResult {
  const { device, now, deletedHere } = input;
  const remote = readItems(input.remote);
  let local: readonly Card[] = input.local;
  let baseCards = input.base.cards;
  if (input.review) {
    const confirmed = applyConfirmation(local, baseCards, remote.cards, input.review.confirmation);
    const review = reviewMerge({
      ...confirmed,
      keptAsideIds: input.keptAsideIds,
      remote: remote.cards,
      device,
      now,
      deletedHere,
      withReturning: input.review.withReturning,
    });
    const open = unconfirmed(review, input.review.confirmation);
    if (!isEmptyReview(open))
      return {
        cards: [...input.local],
        cardsChanged: false,
        received: false,
        settings: null,
        base: input.base,
        plan: NOTHING_TO_WRITE,
        untouchable: remote.untouchable,
        held: open,
        staleElsewhere: [],
      };
    local = confirmed.local;
    baseCards = confirmed.base;
  }
  const cardStep = mergeCardsStep(local, input.keptAsideIds, baseCards, remote.cards, { device, now, deletedHere });
  const settingsStep = input.settings ? mergeSettingsStep(input.settings, input.base.settings, remote.settings, { device, now }) : null;
  const base: SyncBase = {
    cards: cardStep.entries,
    ...(settingsStep ? { settings: settingsStep.entry } : input.base.settings ? { settings: input.base.settings } : {}),
  };
  const options = { now, untouchable: new Set(remote.untouchable), keptAsideIds: input.keptAsideIds };
  // This browser's stale cards are named in sync storage, within the quotas, for the other browsers to show.
  const plan = withStaleMarker((area) => planPush(base.cards, settingsStep?.entry, area, options), input.remote, device, now);
  const elsewhere = staleElsewhere(input.remote, device, now);
  return {
    cards: cardStep.cards,
    // A confirmation that put a card back or let one go changes the local cards too.
    cardsChanged: cardStep.changed || local !== input.local,
    received: cardStep.received || Boolean(settingsStep?.settings),
    settings: settingsStep?.settings ?? null,
    base,
    plan,
    untouchable: remote.untouchable,
    staleElsewhere: cardStep.cards.filter((card) => elsewhere.has(card.id)).map((card) => ({ id: card.id, label: card.label })),
  };
}
