import { useEffect, useState } from 'react';
import { t } from '../lib/browser/i18n';
import type { ReviewCard, SyncConfirmation, SyncReview } from '../lib/sync/review';

/** The ids kept by default: cards that would come back (a card the user may still need); deletions default to what was done. */
export const keptByDefault = (review: SyncReview): Set<string> => new Set(review.returning.map((card) => card.id));

/**
 * The ids ticked Keep: the defaults of `review`, set again for each new review (by its JSON,
 * not on every status write), with `toggle` for one card and `reset` for another review.
 */
export function useKeepChoices(review: SyncReview | null) {
  const [keep, setKeep] = useState<Set<string>>(() => (review ? keptByDefault(review) : new Set()));
  const reviewKey = review ? JSON.stringify(review) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the defaults are set once per new review (its JSON)
  useEffect(() => {
    if (review) setKeep(keptByDefault(review));
  }, [reviewKey]);
  const toggle = (id: string, kept: boolean) =>
    setKeep((current) => {
      const next = new Set(current);
      if (kept) next.add(id);
      else next.delete(id);
      return next;
    });
  const reset = (other: SyncReview) => setKeep(keptByDefault(other));
  return { keep, toggle, reset };
}

/** The user's choice for every card of a review: each kept or let go. */
export function confirmationOf(review: SyncReview, keep: ReadonlySet<string>): SyncConfirmation {
  const ids = [...review.deleteHere, ...review.deleteElsewhere, ...review.returning].map((card) => card.id);
  return { keep: ids.filter((id) => keep.has(id)), remove: ids.filter((id) => !keep.has(id)) };
}

/**
 * Each card a sync merge would delete (here or in the other browsers) or bring back,
 * named, with a Keep box: nothing is deleted before the user confirms.
 */
/** The heading of each group, in the words of where the cards are synced. */
export type ReviewHeadings = Record<keyof SyncReview, Parameters<typeof t>[0]>;

const SYNC_HEADINGS: ReviewHeadings = {
  deleteElsewhere: 'sync_reviewElsewhere',
  deleteHere: 'sync_reviewHere',
  returning: 'sync_reviewReturning',
};

export function SyncReviewLists({
  review,
  keep,
  onToggle,
  headings = SYNC_HEADINGS,
}: {
  review: SyncReview;
  keep: ReadonlySet<string>;
  onToggle: (id: string, kept: boolean) => void;
  /** Browser sync's by default ("sync storage"); the WebDAV folder names the folder. */
  headings?: ReviewHeadings;
}) {
  const groups: [ReviewCard[], Parameters<typeof t>[0], string][] = [
    [review.deleteElsewhere, headings.deleteElsewhere, 'elsewhere'],
    [review.deleteHere, headings.deleteHere, 'here'],
    [review.returning, headings.returning, 'returning'],
  ];
  return (
    <div className="sync-review">
      {groups
        .filter(([cards]) => cards.length > 0)
        .map(([cards, heading, name]) => (
          <fieldset key={name} data-testid={`sync-review-${name}`}>
            <legend>{t(heading)}</legend>
            <ul>
              {cards.map((card) => (
                <li key={card.id}>
                  <label className="checkbox">
                    <input type="checkbox" checked={keep.has(card.id)} onChange={(e) => onToggle(card.id, e.target.checked)} />
                    {t('sync_reviewKeep', card.label)}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
      <p className="muted">{t('sync_reviewHint')}</p>
    </div>
  );
}
