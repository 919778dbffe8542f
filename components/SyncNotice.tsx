import { useEffect, useState } from 'react';
import { t } from '../lib/browser/i18n';
import { syncPrefsItem, syncStatusItem } from '../lib/store/storage';
import { SYNC_ERROR_MESSAGES } from '../lib/sync/errors';
import { parseSyncPrefs, parseSyncStatus, type SyncPrefs, type SyncStatus } from '../lib/sync/status';

/** The popup's one line about sync, or `null` when there is nothing to say: sync off, or on and up to date. */
export function syncNoticeText(prefs: SyncPrefs, status: SyncStatus): string | null {
  if (!prefs.enabled) return null;
  if (status.error) return t(SYNC_ERROR_MESSAGES[status.error.kind]);
  const held = status.review;
  if (held && held.deleteHere.length + held.deleteElsewhere.length + held.returning.length > 0) return t('sync_popupHeld');
  if (status.stale?.length) return t('sync_popupStale', status.stale.map((card) => card.label).join(', '));
  if (status.staleElsewhere?.length) return t('sync_popupStaleElsewhere', status.staleElsewhere.map((card) => card.label).join(', '));
  return null;
}

/** One line in the popup when sync failed or a synced card's latest change did not sync (the options page has the details). */
export function SyncNotice() {
  const [line, setLine] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    const update = async () => {
      const [prefs, status] = await Promise.all([syncPrefsItem.getValue(), syncStatusItem.getValue()]);
      if (active) setLine(syncNoticeText(parseSyncPrefs(prefs), parseSyncStatus(status)));
    };
    void update();
    const stops = [syncPrefsItem.watch(() => void update()), syncStatusItem.watch(() => void update())];
    return () => {
      active = false;
      for (const stop of stops) stop();
    };
  }, []);
  return line ? (
    <p className="banner banner-warning" role="status" data-testid="popup-sync">
      {line}
    </p>
  ) : null;
}
