import { useEffect, useState } from 'react';
import { t, uiLanguage } from '../lib/browser/i18n';
import { formatDayTimeInZone } from '../lib/dates/format';
import type { DeletedCardV1 } from '../lib/store/recently-deleted';
import { loadRecentlyDeleted, restoreDeletedCard, watchRecentlyDeleted } from '../lib/store/recently-deleted-store';

/**
 * The options page's Recently deleted: every card deleted in the last 30 days (here, or
 * in another browser and removed here by sync), newest first, each with Restore, which
 * puts it back merged as Undo merges. Hidden while the list is empty.
 */
export function RecentlyDeleted({
  userTimeZone,
  onRestored,
  onFailed,
}: {
  userTimeZone: string;
  /** Says so in the page's one live region (the toast). */
  onRestored: (card: DeletedCardV1['card']) => void;
  onFailed: (error: unknown) => void;
}) {
  const [list, setList] = useState<DeletedCardV1[]>([]);
  const [busy, setBusy] = useState(false);
  const language = uiLanguage();

  useEffect(() => {
    let active = true;
    // Pruned to the last 30 days as of each read.
    const load = () => void loadRecentlyDeleted(new Date()).then((loaded) => active && setList(loaded));
    load();
    const stop = watchRecentlyDeleted(load);
    return () => {
      active = false;
      stop();
    };
  }, []);

  const restore = async (entry: DeletedCardV1) => {
    setBusy(true);
    try {
      await restoreDeletedCard(entry.card);
      onRestored(entry.card);
    } catch (error) {
      onFailed(error);
    } finally {
      setBusy(false);
    }
  };

  if (list.length === 0) return null;
  return (
    <section className="recently-deleted editor" aria-labelledby="deleted-title" data-testid="recently-deleted">
      <h2 id="deleted-title">{t('deleted_title')}</h2>
      <p className="muted">{t('deleted_hint')}</p>
      <ul>
        {list.map((entry) => {
          const when = formatDayTimeInZone(new Date(entry.deletedAt), userTimeZone, language);
          return (
            <li key={`${entry.card.id}|${entry.deletedAt}`}>
              <span>{t(entry.by === 'sync' ? 'deleted_sync' : 'deleted_here', [entry.card.label, when])}</span>{' '}
              <button
                type="button"
                className="button subtle"
                disabled={busy}
                aria-label={t('deleted_restoreLabel', entry.card.label)}
                onClick={() => void restore(entry)}
              >
                {t('deleted_restore')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
