import { quickEventKind } from '../cards/countdown';
import { countdownText, dueText, QUICK_LABEL, STATUS_LABEL } from '../cards/countdown-text';
import { telHref } from '../cards/hotline';
import { offersRenewalSite } from '../cards/renewal-site';
import { formatMoney } from '../money/format';
import { suggestedPrice } from '../money/price';
import { popupFactsById } from '../providers/popup-catalog';
import { maskPhoneNumber } from '../cards/ops';
import { t, tPlural } from '../browser/i18n';
import { formatWhenInZone } from '../dates/format';
import { providerName } from '../providers/display-name';
import { resolveSettings } from '../store/settings-schema';
import { parseStoredCards, parseStoredSettings } from '../store/storage';
import { canSnoozeAt, snoozedUntilOf } from '../reminders/plan';
import { nextLocalMidnight } from '../reminders/reconcile';
import type { FirstScreenAction, FirstScreenRow, FirstScreenView } from './first-screen-check';
import { popupRows, SEARCH_FROM_CARDS, type PopupRow } from './rows';

/** Rows kept ready: more than the 600-pixel popup shows at once. */
export const FIRST_SCREEN_ROWS = 10;

/**
 * The first instant after `now` at which anything the popup shows may read
 * differently: the user's next midnight (every "N days" and "this year" turn),
 * and every future deadline, grace end and snooze end of any card (a status
 * changes, a lost number moves to the bottom, Snooze comes back).
 */
export function firstScreenValidUntil(rows: readonly PopupRow[], now: Date, userTimeZone: string): number {
  let until = nextLocalMidnight(now, userTimeZone).getTime();
  const at = now.getTime();
  const consider = (ms: number | null | undefined) => {
    if (ms !== null && ms !== undefined && ms > at && ms < until) until = ms;
  };
  for (const { card, countdown } of rows) {
    consider(countdown.deadlines?.endsAt.getTime());
    consider(countdown.deadlines?.lostAt?.getTime());
    consider(snoozedUntilOf(card));
  }
  return until;
}

function rowOf({ card, countdown }: PopupRow, userTimeZone: string, language: string, now: Date): FirstScreenRow {
  const snoozedMs = snoozedUntilOf(card);
  const snoozedUntil = snoozedMs !== null && snoozedMs > now.getTime() ? new Date(snoozedMs) : null;
  const quick = quickEventKind(card);
  const quickPrice = quick ? suggestedPrice(card, popupFactsById(card.providerId)) : null;
  // The buttons PopupCard shows in the popup, in its order.
  const actions: FirstScreenRow['actions'] = [];
  const action = (text: string, tone: FirstScreenAction['tone'], icon: FirstScreenAction['icon'], price: string | null = null) =>
    actions.push({ text, tone, icon, price });
  if (offersRenewalSite(card)) action(t('action_renew'), 'primary', 'external');
  if (card.channels.app) action(t('action_openApp'), 'plain', 'external');
  if (quick) action(t(QUICK_LABEL[quick]), 'plain', 'check', quickPrice && formatMoney(quickPrice.amount, quickPrice.currency, language));
  if (canSnoozeAt(card, countdown.status, now)) action(t('action_snooze'), 'subtle', 'pause');
  action(t('action_edit'), 'subtle', null);
  const hotline = card.channels.hotline.trim();
  const periodStartsAt = countdown.deadlines?.periodStartsAt;
  return {
    id: card.id,
    label: card.label,
    status: countdown.status,
    statusText: t(STATUS_LABEL[countdown.status]),
    provider: providerName(card.providerId, language),
    maskedNumber: maskPhoneNumber(card.phoneNumber),
    countdown: countdownText(countdown),
    due: dueText(card, countdown, userTimeZone, language, now),
    warning:
      countdown.status === 'overdue' && countdown.daysToLost !== null
        ? countdown.daysToLost <= 0
          ? t('countdown_lostToday')
          : tPlural('countdown_lostIn', countdown.daysToLost)
        : null,
    progress:
      periodStartsAt && countdown.deadlines
        ? { startsAt: periodStartsAt.getTime(), endsAt: countdown.deadlines.endsAt.getTime(), label: t('popup_periodUsed') }
        : null,
    snoozed: snoozedUntil ? t('popup_snoozedUntil', formatWhenInZone(snoozedUntil, userTimeZone, language, now)) : null,
    hotline: hotline ? { heading: t('popup_hotline'), number: hotline, dial: telHref(hotline), copy: t('action_copy') } : null,
    actions,
  };
}

/** What the first screen is computed from: the stored values as they are, and the browser's zone, language and clock. */
export interface FirstScreenSource {
  /** `local:cards`, as stored. */
  cards: unknown;
  /** `local:cardsRevision`, as stored. */
  revision: string;
  /** `local:settings`, as stored. */
  settings: unknown;
  browserZone: string;
  language: string;
  now: Date;
}

/**
 * The popup's first screen at `now`, worded in the user's language: what the
 * popup would show above the fold, and the inputs it holds for, so the popup can
 * check it with `usableFirstScreen` before painting it. `null` when the first
 * screen holds a card that cannot be computed: the popup then renders it itself.
 */
export function buildFirstScreen(source: FirstScreenSource): FirstScreenView | null {
  const { now, language } = source;
  const { cards, invalid } = parseStoredCards(source.cards);
  const settings = resolveSettings(parseStoredSettings(source.settings).settings, source.browserZone);
  const { rows, lostFrom } = popupRows(cards, now, settings.timeZone);
  const shown = rows.slice(0, FIRST_SCREEN_ROWS);
  // A card whose dates cannot be worked out gets PopupCard's own explanation: React shows it, not a copy.
  if (shown.some((row) => row.countdown.status === 'cannot-compute')) return null;
  const lostCount = rows.length - lostFrom;
  return {
    v: 2,
    revision: source.revision,
    settingsJson: JSON.stringify(source.settings ?? {}),
    browserZone: source.browserZone,
    language,
    timeZone: settings.timeZone,
    computedAt: now.getTime(),
    validUntil: firstScreenValidUntil(rows, now, settings.timeZone),
    texts: {
      search: rows.length >= SEARCH_FROM_CARDS ? t('popup_searchLabel') : null,
      invalid: invalid.length > 0 ? tPlural('popup_invalidStored', invalid.length) : null,
      empty: rows.length === 0 ? { title: t('popup_emptyTitle'), body: t('popup_emptyBody'), add: t('popup_addFirst') } : null,
      lostHeading: lostCount > 0 ? t('popup_lostGroup', lostCount) : null,
    },
    rows: shown.map((row) => rowOf(row, settings.timeZone, language, now)),
    lostFrom: Math.min(lostFrom, shown.length),
    total: rows.length,
  };
}
