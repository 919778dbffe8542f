import { useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '../lib/browser/i18n';
import { isEmptyReview, type SyncReview } from '../lib/sync/review';
import type { WebDavRequest } from '../lib/webdav/stored';
import { confirmationOf, type ReviewHeadings, SyncReviewLists, useKeepChoices } from './SyncReviewLists';

const WEBDAV_HEADINGS: ReviewHeadings = {
  deleteElsewhere: 'webdav_reviewElsewhere',
  deleteHere: 'sync_reviewHere',
  returning: 'webdav_reviewReturning',
};

/**
 * A WebDAV round held because this browser joins the folder, or was away from it longer
 * than deletions are remembered (lib/webdav/round.ts): each card it would delete or bring
 * back, named, with Keep, as browser sync asks. Confirm sends the choices to the
 * background, which applies them in its next round (at once).
 */
export function WebDavReview({ review, heldFor = 'away' }: { review: SyncReview; heldFor?: 'joining' | 'away' }) {
  const { keep, toggle } = useKeepChoices(review);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (isEmptyReview(review)) return null;

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const request: WebDavRequest = { type: 'webdav:confirm', confirmation: confirmationOf(review, keep) };
      const answer: unknown = await browser.runtime.sendMessage(request);
      if (answer === undefined) setProblem(t('calendar_noAnswer'));
    } catch {
      setProblem(t('calendar_noAnswer'));
    }
    setBusy(false);
  };

  return (
    <section className="banner banner-warning sync-held" aria-labelledby="webdav-held-title" data-testid="webdav-held">
      <p id="webdav-held-title">
        <strong>{t(heldFor === 'joining' ? 'webdav_heldTitleJoining' : 'webdav_heldTitle')}</strong>
      </p>
      <SyncReviewLists review={review} keep={keep} onToggle={toggle} headings={WEBDAV_HEADINGS} />
      {problem && (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="button primary" aria-disabled={busy} onClick={() => void confirm()}>
        {t('sync_heldConfirm')}
      </button>
    </section>
  );
}
