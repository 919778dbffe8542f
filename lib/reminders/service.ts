import type { browser as wxtBrowser } from 'wxt/browser';
import type { Card } from '../cards/schema';
import { openWelcomePage } from '../browser/open-link';
import { openRenewalFromNotification } from '../providers/open-renewal';
import { offersRenewalSite } from '../cards/renewal-site';
import { browserTimeZone } from '../dates/plain-date';
import { resolveSettings } from '../store/settings-schema';
import { cardsItem, loadCards, loadSettings, parseStoredCards, updateCards, watchSettings } from '../store/storage';
import { uiLanguage } from '../browser/i18n';
import { applyBadge, badgeState, type ActionApi } from './badge';
import { BUTTON_SNOOZE, cardIdOfNotification, notificationIdOf, reminderNotificationOptions, reminderText } from './notification';
import { parseReminderName, planReminders, type PlannedReminder } from './plan';
import { reconcileAlarms, wantedAlarms, MIDNIGHT_ALARM, type ReconcileResult } from './reconcile';
import { takeDueReminders } from './reminder-log';
import { cardIdsWithStaleSnooze, snoozeCard, withoutSnooze } from './snooze';
import { TEST_NOTIFICATION_ID, testNotificationText, type TestNotificationReply } from './test-notification';

/*
 * The background's reminder service: the shell around the pure planner.
 * Every event (install, start, alarm, storage change) runs the same
 * idempotent `refresh`: show what is due (through the fired record), make the
 * alarms match the plan, and redraw the badge. Nothing is kept in memory
 * between events, so a service worker that sleeps and wakes loses nothing.
 */

export type Browser = typeof wxtBrowser;

export interface ReminderServiceOptions {
  browser: Browser;
  /** The clock; tests pass their own. */
  now?: () => Date;
  /** The browser's zone, used when the user has not chosen one. */
  browserZone?: () => string;
  /** Whether notifications can carry buttons (Chrome yes, Firefox no). */
  supportsButtons?: boolean;
}

export interface RefreshOptions {
  /** Reminders whose alarm has just fired: shown even if the alarm came early. */
  forced?: readonly string[];
  /** Never treat the time as earlier than this (an alarm's scheduled time). */
  notBefore?: number;
}

export interface RefreshResult {
  shown: PlannedReminder[];
  alarms: ReconcileResult;
}

export interface ReminderService {
  refresh(options?: RefreshOptions): Promise<RefreshResult>;
  /** These three resolve to what the refresh did (`undefined` when it failed or did not run), for tests. */
  handleInstalled(details: { reason: string }): Promise<RefreshResult | undefined>;
  handleStartup(): Promise<RefreshResult | undefined>;
  handleAlarm(alarm: { name: string; scheduledTime: number }): Promise<RefreshResult | undefined>;
  handleNotificationClicked(notificationId: string): Promise<void>;
  handleNotificationButton(notificationId: string, buttonIndex: number): Promise<void>;
  handleCardsChanged(newRaw: unknown, oldRaw: unknown): Promise<void>;
  /** Shows the settings page's test notification the way a reminder is shown; never rejects. */
  showTestNotification(): Promise<TestNotificationReply>;
  /** Watches cards and settings; returns a function that stops watching. */
  watchStorage(): () => void;
}

// Written out in full so WXT's build replaces it with a constant.
const IS_FIREFOX: boolean = Boolean(import.meta.env.FIREFOX);

/** The toolbar button's API: `action` in Manifest V3 (Chrome), `browserAction` in Manifest V2 (Firefox). */
export function toolbarButtonOf(browser: Browser): ActionApi {
  return browser.action ?? browser.browserAction;
}

export function createReminderService(options: ReminderServiceOptions): ReminderService {
  const { browser } = options;
  const now = options.now ?? (() => new Date());
  const browserZone = options.browserZone ?? browserTimeZone;
  const supportsButtons = options.supportsButtons ?? !IS_FIREFOX;

  // Refreshes of this worker run one after another; the fired record's lock guards across workers.
  let queue: Promise<unknown> = Promise.resolve();
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function show(card: Card, reminder: PlannedReminder, settings: { timeZone: string }, at: Date): Promise<void> {
    const text = reminderText(card, reminder, settings, at, uiLanguage());
    const iconUrl = browser.runtime.getURL('/icon/128.png');
    await browser.notifications.create(
      notificationIdOf(card.id),
      reminderNotificationOptions(text, iconUrl, supportsButtons, offersRenewalSite(card)),
    );
  }

  function refresh(refreshOptions: RefreshOptions = {}): Promise<RefreshResult> {
    return serialized(async () => {
      const at = new Date(Math.max(now().getTime(), refreshOptions.notBefore ?? -Infinity));
      const { cards } = await loadCards();
      const settings = resolveSettings((await loadSettings()).settings, browserZone());
      const plan = planReminders(cards, settings);
      const shown = await takeDueReminders(plan, at.getTime(), new Set(refreshOptions.forced ?? []));
      const byId = new Map(cards.map((card) => [card.id, card]));
      for (const reminder of shown) {
        const card = byId.get(reminder.cardId);
        if (!card) continue;
        try {
          await show(card, reminder, settings, at);
        } catch (error) {
          console.error('SIM Keeper: could not show a reminder', reminder.alarmName, error);
        }
      }
      const alarms = await reconcileAlarms(wantedAlarms(plan, at, settings.timeZone), browser.alarms, at);
      await applyBadge(badgeState(cards, settings, at), toolbarButtonOf(browser));
      return { shown, alarms };
    });
  }

  // Listeners must not reject unseen: failures are logged, and the next event tries again.
  const logged = <T>(task: Promise<T>): Promise<T | undefined> =>
    task.catch((error: unknown) => {
      console.error('SIM Keeper: reminders', error);
      return undefined;
    });

  async function openCard(cardId: string | null): Promise<void> {
    const card = cardId === null ? undefined : (await loadCards()).cards.find((c) => c.id === cardId);
    // Only an official (or plain, for a card without a provider) https page opens; anything else opens the card.
    await openRenewalFromNotification(card, card !== undefined && offersRenewalSite(card));
  }

  const service: ReminderService = {
    refresh,

    handleInstalled(details) {
      if (details.reason === 'install') void logged(Promise.resolve().then(() => openWelcomePage()));
      return logged(refresh());
    },

    handleStartup() {
      return logged(refresh());
    },

    handleAlarm(alarm) {
      if (alarm.name === MIDNIGHT_ALARM) return logged(refresh({ notBefore: alarm.scheduledTime }));
      if (!parseReminderName(alarm.name)) return Promise.resolve(undefined);
      return logged(refresh({ forced: [alarm.name], notBefore: alarm.scheduledTime }));
    },

    handleNotificationClicked(notificationId) {
      if (notificationId === TEST_NOTIFICATION_ID) return logged(browser.notifications.clear(notificationId)).then(() => undefined);
      const cardId = cardIdOfNotification(notificationId);
      if (cardId === null) return Promise.resolve();
      return logged(Promise.all([browser.notifications.clear(notificationId), openCard(cardId)])).then(() => undefined);
    },

    handleNotificationButton(notificationId, buttonIndex) {
      const cardId = cardIdOfNotification(notificationId);
      if (cardId === null) return Promise.resolve();
      const task: Promise<unknown> =
        buttonIndex === BUTTON_SNOOZE
          ? snoozeCard(cardId, now(), browserZone())
          : Promise.all([browser.notifications.clear(notificationId), openCard(cardId)]);
      return logged(task).then(() => undefined);
    },

    handleCardsChanged(newRaw, oldRaw) {
      const stale = cardIdsWithStaleSnooze(parseStoredCards(oldRaw).cards, parseStoredCards(newRaw).cards);
      if (stale.length === 0) return logged(refresh()).then(() => undefined);
      // The write below changes the cards again, and that change refreshes.
      const ids = new Set(stale);
      return logged(updateCards((cards) => cards.map((card) => (ids.has(card.id) ? withoutSnooze(card) : card)))).then(() => undefined);
    },

    async showTestNotification() {
      try {
        const settings = resolveSettings((await loadSettings()).settings, browserZone());
        const iconUrl = browser.runtime.getURL('/icon/128.png');
        // No buttons: Renew and Snooze would have no card to act on.
        await browser.notifications.create(
          TEST_NOTIFICATION_ID,
          reminderNotificationOptions(testNotificationText(settings.reminderTime), iconUrl, false),
        );
        return { ok: true };
      } catch (error) {
        console.error('SIM Keeper: could not show the test notification', error);
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },

    watchStorage() {
      const stopCards = cardsItem.watch((newRaw, oldRaw) => void service.handleCardsChanged(newRaw, oldRaw));
      const stopSettings = watchSettings(() => void logged(refresh()));
      return () => {
        stopCards();
        stopSettings();
      };
    },
  };
  return service;
}
