import type { MessageKey } from '../browser/i18n';
import { parseSyncPrefs } from './status';

/**
 * The one sentence that says truly where the user's cards go, for the popup's
 * empty state and the welcome page: this browser only; also the browsers synced
 * with (`local:syncPrefs` on); also, for the deadlines, the calendar connected
 * (`local:calendarAccount` set). Each is read as stored: an unreadable sync
 * preference counts as off, as sync itself reads it.
 *
 * @example
 * whereCardsStayKey({ enabled: true }, null) //=> 'privacy_sync'
 */
export function whereCardsStayKey(syncPrefs: unknown, calendarAccount: unknown): MessageKey {
  const synced = parseSyncPrefs(syncPrefs).enabled;
  const calendar = typeof calendarAccount === 'object' && calendarAccount !== null;
  if (synced) return calendar ? 'privacy_syncCalendar' : 'privacy_sync';
  return calendar ? 'privacy_calendar' : 'welcome_pointPrivate';
}
